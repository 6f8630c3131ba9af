"""Shared test fixtures: the corpus (read in place from ../shared/corpus) and a
``lint`` helper that runs the real engine on a real file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fiscalint.config import Config
from fiscalint.engine import Run, check_file
from fiscalint.plugins import build_registry, default_registry

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("FISCALINT_CORPUS", ROOT.parent / "shared" / "corpus"))
EXAMPLES = ROOT / "examples"


def corpus_file(name: str) -> Path:
    """A corpus report; the test is skipped (with the reason) where the corpus is absent."""
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(
            f"corpus file {name} not found in {CORPUS} (set FISCALINT_CORPUS); corpus tests need ../shared/corpus"
        )
    return path


@pytest.fixture
def corpus():
    return corpus_file


def lint(path: Path, select: list[str] | None = None, plugins: tuple = (), **config) -> list:
    """Run the engine on ``path`` with the given selection; returns the findings."""
    cfg = Config(**config)
    if select is not None:
        cfg.select = select
    registry = build_registry(plugins) if plugins else default_registry()
    run = Run.create(cfg, registry)
    return check_file(Path(path), run).findings


@pytest.fixture
def run_lint():
    return lint


@pytest.fixture
def demo_cwd(tmp_path, monkeypatch):
    """An empty working folder as the current directory, and a CLI whose default
    registry holds the demo plugin (DEMO001 on placeholders such as XX)."""
    from demo_plugin.testing import demo_registry
    from fiscalint import plugins

    reg = demo_registry()
    monkeypatch.setattr(plugins, "default_registry", lambda: reg)
    monkeypatch.chdir(tmp_path)
    return tmp_path
