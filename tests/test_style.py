"""The code base stays ruff-clean (lint and format), as the README asks of contributors."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

PATHS = ["src", "tests", "bench", "scripts", "plugins"]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("ruff")
    cmd = [exe] if exe else [sys.executable, "-m", "ruff"]
    return subprocess.run([*cmd, *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module", autouse=True)
def _have_ruff():
    if _ruff("--version").returncode != 0:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")


def test_ruff_check():
    result = _ruff("check", "--output-format", "concise", *PATHS)
    assert result.returncode == 0, result.stdout


def test_ruff_format():
    result = _ruff("format", "--check", *PATHS)
    assert result.returncode == 0, result.stdout
