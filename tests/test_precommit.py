"""pre-commit: the hook manifest, and real pre-commit runs in a temporary git repository.

``try-repo`` builds the hook's own virtualenv by pip-installing the hook
repository (network to PyPI, tens of seconds): that test is marked slow. The
hook repository is a fresh git copy of this project's working tree (pre-commit
needs the hook file committed; copying keeps the project's own repository
untouched and tests exactly what is on disk). The findings come from core
codes (E007 invalid bytes), with ``select = ["E"]`` in the checked
repository, so they do not depend on the rule families.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
GIT = shutil.which("git")

needs_tools = pytest.mark.skipif(not (PRE_COMMIT and GIT), reason="pre-commit and git are needed")

GOOD = "一、基本情况\n本部门共有在职人员12名。\n"
BAD = "一、基本情况\n本部门共有在职人员".encode() + b"\xff\x80" + "名。\n".encode()


def _git_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(home),
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    )
    return env


def _git(cwd: Path, env: dict, *args: str) -> None:
    subprocess.run([GIT, *args], cwd=cwd, env=env, check=True, capture_output=True)


def _reports_repo(tmp_path: Path, env: dict) -> Path:
    repo = tmp_path / "reports"
    repo.mkdir()
    _git(repo, env, "init", "-q")
    (repo / "fiscalint.toml").write_text('select = ["E"]\n', encoding="utf-8")
    (repo / "good.txt").write_text(GOOD, encoding="utf-8")
    (repo / "bad.txt").write_bytes(BAD)
    (repo / "notes.py").write_bytes(BAD)  # not a report: the hook must not see it
    _git(repo, env, "add", ".")
    _git(repo, env, "commit", "-q", "-m", "reports")
    return repo


def _hook_repo(tmp_path: Path, env: dict) -> Path:
    """A committed copy of the project's working tree, as pre-commit clones it."""
    copy = tmp_path / "hook-repo"
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "__pycache__", "*.pyc", ".pytest_cache", ".ruff_cache", ".fiscalint_cache", "build", "dist"
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    _git(copy, env, "init", "-q")
    _git(copy, env, "add", ".")
    _git(copy, env, "commit", "-q", "-m", "snapshot")
    return copy


def test_manifest_is_valid():
    yaml = pytest.importorskip("yaml")
    pytest.importorskip("pre_commit")
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    raw = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    assert hook["id"] == "fiscalint"
    assert hook["entry"] == "fiscalint check"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    assert "minimum_pre_commit_version" in raw
    import re

    pattern = re.compile(hook["files"])
    assert all(pattern.search(f) for f in ("a.docx", "b/c.pdf", "报告.txt", "README.md", "附表.xlsx"))
    assert not any(pattern.search(f) for f in ("a.doc", "b.py", "c.docx.bak", "d.xls"))


@needs_tools
def test_local_system_hook(tmp_path):
    """The same entry as the manifest, run by pre-commit as a local system hook (fast)."""
    env = _git_env(tmp_path / "pc-home")
    repo = _reports_repo(tmp_path, env)
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: local\n  hooks:\n  - id: fiscalint\n    name: fiscalint\n    entry: fiscalint check\n"
        "    language: system\n    files: '\\.(docx|pdf|xlsx|txt|md)$'\n    require_serial: true\n",
        encoding="utf-8",
    )
    run = [PRE_COMMIT, "run", "fiscalint", "--files"]
    ok = subprocess.run([*run, "good.txt", "notes.py"], cwd=repo, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout
    bad = subprocess.run([*run, "good.txt", "bad.txt"], cwd=repo, env=env, capture_output=True, text=True)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "bad.txt:2: E007" in bad.stdout
    assert "good.txt" not in bad.stdout.split("Failed", 1)[1]


@pytest.mark.slow
@needs_tools
def test_try_repo_fails_on_a_finding_and_passes_on_a_clean_report(tmp_path):
    env = _git_env(tmp_path / "pc-home")
    hook_repo = _hook_repo(tmp_path, env)
    repo = _reports_repo(tmp_path, env)
    run = [PRE_COMMIT, "try-repo", str(hook_repo), "fiscalint", "--files"]
    ok = subprocess.run([*run, "good.txt", "notes.py"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "fiscalint" in ok.stdout and "Passed" in ok.stdout
    bad = subprocess.run([*run, "good.txt", "bad.txt"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "bad.txt:2: E007" in bad.stdout
