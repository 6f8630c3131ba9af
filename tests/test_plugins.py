"""Plugin loading: built-in, in-process and through a real ``fiscalint`` entry point.

The entry point tests write a ``*.dist-info`` folder (what pip installs) into
a temporary site folder, so importlib.metadata discovers the plugin exactly
as it would for a locality package installed with pip.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from demo_plugin.testing import demo_registry, install_dist
from fiscalint import hookimpl
from fiscalint.config import Config
from fiscalint.engine import Run, check_file
from fiscalint.plugins import build_registry
from fiscalint.rule import Rule


def _plugin_errors(reg) -> list[str]:
    """Load errors of third-party plugins (built-in families in progress are not under test here)."""
    return [e for e in reg.errors if not e.startswith("fiscalint (")]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_entry_point_plugin_is_registered_with_dist_version(tmp_path, monkeypatch):
    install_dist(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    reg = build_registry()
    assert _plugin_errors(reg) == []
    rule = reg.rules["DEMO001"]
    assert rule.plugin == "demo"  # the name from fiscalint_plugin_info
    info = reg.plugins["demo"]
    assert info.version == "0.1"  # not said by the plugin: taken from the dist-info
    assert info.locality == "示例区"
    assert info.information_uri == "https://example.org/fiscalint-demo"
    assert any(p.name == "demo_pack.toml" for p in reg.packs)
    # The core's own codes are still there, attributed to fiscalint.
    assert reg.rules["E001"].plugin == "fiscalint"


def test_entry_point_rules_run(tmp_path, monkeypatch):
    install_dist(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    reg = build_registry()
    report = _write(tmp_path / "r.txt", "一、基本情况\n本部门共有XX名在职人员。\n")
    findings = check_file(report, Run.create(Config(select=["DEMO"]), reg)).findings
    assert [(f.code, f.location.line, f.plugin) for f in findings] == [("DEMO001", 2, "demo")]


def test_plugin_whose_import_fails_is_reported_and_others_still_run(tmp_path, monkeypatch):
    site = tmp_path / "site"
    install_dist(site)
    (site / "broken_plugin.py").write_text("import a_module_that_does_not_exist\n", encoding="utf-8")
    install_dist(site, dist="broken_plugin", version="2.0", entry_points="broken = broken_plugin", copy_package=False)
    monkeypatch.syspath_prepend(str(site))
    reg = build_registry()
    assert len(_plugin_errors(reg)) == 1
    assert _plugin_errors(reg)[0].startswith("broken (broken_plugin): ModuleNotFoundError")
    assert "DEMO001" in reg.rules
    report = _write(tmp_path / "r.txt", "本部门共有XX名在职人员。\n")
    findings = check_file(report, Run.create(Config(select=["DEMO001"]), reg)).findings
    assert [f.code for f in findings] == ["DEMO001"]


def test_plugin_whose_hook_raises_is_reported(tmp_path):
    class RaisingPlugin:
        __name__ = "raising"

        @hookimpl
        def fiscalint_rules(self):
            raise RuntimeError("cannot build my rules")

    import demo_plugin

    reg = build_registry((RaisingPlugin(), demo_plugin))
    assert any(e.startswith("raising") and "cannot build my rules" in e for e in reg.errors)
    assert "DEMO001" in reg.rules


class _Dup(Rule):
    code = "DEMO001"
    name = "duplicate-code"
    summary = "重复代码"
    summary_en = "duplicate code"

    def on_paragraph(self, ctx, event):
        pass


class _CoreClash(Rule):
    code = "E001"
    name = "core-clash"
    summary = "与核心代码冲突"
    summary_en = "clashes with a core code"

    def on_paragraph(self, ctx, event):
        pass


class _BadName(Rule):
    code = "DUP002"
    name = "Not Kebab"
    summary = "名称不合法"
    summary_en = "bad name"

    def on_paragraph(self, ctx, event):
        pass


class _NoHandler(Rule):
    code = "DUP003"
    name = "no-handler"
    summary = "没有处理函数"
    summary_en = "no handler"


class _DupPlugin:
    # A name that sorts after "demo_plugin", so the demo plugin registers first.
    __name__ = "zz_duplicates"

    @hookimpl
    def fiscalint_rules(self):
        return [_Dup, _CoreClash, _BadName, _NoHandler]


def test_duplicate_and_invalid_rules_are_rejected():
    import demo_plugin

    reg = build_registry((demo_plugin, _DupPlugin()))
    assert reg.rules["DEMO001"].name == "placeholder-text"  # the first registration stays
    assert reg.rules["E001"].name == "file-unreadable"
    assert "DUP002" not in reg.rules and "DUP003" not in reg.rules
    text = "\n".join(reg.errors)
    assert "rule code DEMO001 is already registered by demo" in text
    assert "rule code E001 is already registered by fiscalint" in text
    assert "must be kebab-case" in text
    assert "handles no event" in text


def test_demo_registry_attributes_rules_and_packs():
    reg = demo_registry()
    assert reg.rules["DEMO001"].plugin == "demo"
    assert reg.rules["DEMO001"].handled_events() == ("paragraph",)
    assert reg.plugins["demo"].version == "0"  # not installed: no distribution version


def _env_with(site: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def _fiscalint() -> list[str]:
    return [sys.executable, "-m", "fiscalint"]


def test_subprocess_cli_lists_entry_point_rules(tmp_path):
    site = tmp_path / "site"
    install_dist(site)
    env = _env_with(site)
    out = subprocess.run([*_fiscalint(), "rules"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("DEMO001"))
    assert "placeholder-text" in line and "demo" in line
    out = subprocess.run(
        [*_fiscalint(), "rules", "--format", "json"], env=env, capture_output=True, text=True, timeout=60
    )
    rules = {r["code"]: r for r in json.loads(out.stdout)}
    assert rules["DEMO001"]["plugin"] == "demo"
    assert rules["DEMO001"]["events"] == ["paragraph"]


def test_subprocess_check_with_entry_point_plugin(tmp_path):
    site = tmp_path / "site"
    install_dist(site)
    work = tmp_path / "work"
    work.mkdir()
    _write(work / "报告.txt", "一、基本情况\n本部门共有XX名在职人员。\n")
    out = subprocess.run(
        [*_fiscalint(), "check", "--isolated", "--select", "DEMO", "报告.txt"],
        cwd=work,
        env=_env_with(site),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1, out.stderr
    assert out.stdout.startswith("报告.txt:2: DEMO001 [warning] 段落中留有占位文字“XX”")


@pytest.mark.parametrize(
    "hook", ["fiscalint_rules", "fiscalint_rule_packs", "fiscalint_readers", "fiscalint_plugin_info"]
)
def test_hookspecs_are_documented(hook):
    from fiscalint import hookspecs

    assert getattr(hookspecs, hook).__doc__


class _NotARule:
    pass


class _JunkPlugin:
    __name__ = "junk"

    @hookimpl
    def fiscalint_rules(self):
        return [_NotARule, "DEMO123"]


def test_rules_hook_returning_junk_is_reported():
    import demo_plugin

    reg = build_registry((_JunkPlugin(), demo_plugin))
    junk = [e for e in reg.errors if e.startswith("junk:")]
    assert len(junk) == 2 and all("not a Rule subclass" in e for e in junk)
    assert "DEMO001" in reg.rules


def test_plugin_reader_for_a_new_extension(tmp_path, monkeypatch):
    """A plugin may add a file format; folders are then searched for it too."""
    from click.testing import CliRunner

    from fiscalint import cli, plugins
    from fiscalint.model import Document, Location, Paragraph
    from fiscalint.readers import Reader

    class LinesReader(Reader):
        name = "lines"
        extensions = (".lines",)
        kind = "text"

        def read(self, path, data, limits):
            lines = data.decode("utf-8").splitlines()
            blocks = [Paragraph(t, Location(path, line=i + 1, excerpt=t)) for i, t in enumerate(lines) if t]
            return Document(path, blocks, "lines")

    class ReaderPlugin:
        __name__ = "lines"

        @hookimpl
        def fiscalint_readers(self):
            return [LinesReader]

    import demo_plugin

    reg = build_registry((demo_plugin, ReaderPlugin()))
    assert LinesReader in reg.readers
    monkeypatch.setattr(plugins, "default_registry", lambda: reg)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    _write(tmp_path / "docs" / "a.lines", "第一行\n有XX。\n")
    result = CliRunner().invoke(cli.main, ["check", "--isolated", "-j", "1", "--select", "DEMO001", "docs"])
    assert result.exit_code == 1
    assert result.stdout.startswith("docs/a.lines:2: DEMO001")
