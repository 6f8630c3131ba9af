"""Regression tests for problems found in review: baselines checked one file at a
time, file-level findings, cached packs, suppressions across files, per-file
ignores from a sub-folder, ignorable notices, text tables split by a heading."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from fiscalint import cli
from fiscalint.model import Finding, Location
from fiscalint.readers import Limits
from fiscalint.readers.text import TextReader
from fiscalint.reporters import fingerprints

REPORT = "一、基本情况\n本部门共有XX名在职人员。\n"


@pytest.fixture
def work(demo_cwd):
    return demo_cwd


def run(*args: str):
    return CliRunner().invoke(cli.main, ["check", "--jobs", "1", "--no-cache", *args])


def test_baseline_holds_when_files_are_checked_one_at_a_time(work):
    (work / "a.txt").write_text(REPORT, encoding="utf-8")
    (work / "b.txt").write_text(REPORT, encoding="utf-8")  # the same finding in another file
    run("--isolated", "--select", "DEMO", "--write-baseline", "base.json", "a.txt", "b.txt")
    # pre-commit passes only the changed file: its findings must still be known.
    assert run("--isolated", "--select", "DEMO", "--baseline", "base.json", "b.txt").exit_code == 0


def test_file_level_findings_with_different_messages_have_different_fingerprints():
    a = Finding("SEC001", "error", "缺少必备的“九、…”", Location("r.txt"))
    b = Finding("SEC001", "error", "缺少必备的“十、…”", Location("r.txt"))
    prints = fingerprints([a, b])
    assert prints[id(a)].split(":")[0] != prints[id(b)].split(":")[0]


def test_editing_a_config_rule_pack_invalidates_the_cache(work):
    (work / "r.txt").write_text("部门决算\n一、概况\n正文。\n", encoding="utf-8")
    pack = work / "pack.toml"
    section = '[[templates.sections]]\ntitle = "二、附表"\nmatch = ["附表"]\n'
    pack.write_text(
        '[pack]\nid = "t"\n[[templates]]\nid = "t-juesuan"\nname = "测试模板"\ndetect = ["部门决算"]\n' + section,
        encoding="utf-8",
    )
    (work / "fiscalint.toml").write_text('select = ["SEC001"]\nrule-packs = ["pack.toml"]\n', encoding="utf-8")
    first = CliRunner().invoke(cli.main, ["check", "--jobs", "1", "r.txt"])
    assert "SEC001" in first.stdout
    pack.write_text(pack.read_text(encoding="utf-8").replace(section, ""), encoding="utf-8")
    second = CliRunner().invoke(cli.main, ["check", "--jobs", "1", "r.txt"])
    assert second.exit_code == 0 and second.stdout == ""


def test_a_marker_in_one_file_of_a_group_does_not_cover_another(work):
    folder = work / "r"
    folder.mkdir()
    (folder / "a.txt").write_text("<!-- fiscalint: disable=DEMO001 -->\n本部门共有XX名在职人员。\n", encoding="utf-8")
    (folder / "b.txt").write_text("说明。\n本部门还有XX个处室。\n", encoding="utf-8")
    result = run("--isolated", "--select", "DEMO", "--group-by", "folder", "r")
    assert result.stdout.splitlines() == ["r/b.txt:2: DEMO001 [warning] 段落中留有占位文字“XX”，应替换为实际内容"]


def test_per_file_ignores_resolve_against_the_config_folder(work):
    sub = work / "sub"
    sub.mkdir()
    (sub / "r.txt").write_text(REPORT, encoding="utf-8")
    (work / "fiscalint.toml").write_text(
        'select = ["DEMO"]\n[per-file-ignores]\n"sub/*.txt" = ["DEMO001"]\n', encoding="utf-8"
    )
    assert run("sub/r.txt").exit_code == 0
    import os

    os.chdir(sub)  # the same file seen from inside the sub-folder
    assert run("r.txt").exit_code == 0


def test_encoding_notice_can_be_ignored(work):
    (work / "gbk.txt").write_bytes("一、基本情况\n本部门共有12名在职人员。\n".encode("gbk"))
    assert "E006" in run("--isolated", "gbk.txt").stdout
    clean = run("--isolated", "--ignore", "E006", "gbk.txt")
    assert clean.exit_code == 0 and clean.stdout == ""


def test_fatal_core_codes_cannot_be_ignored(work):
    (work / "empty.txt").write_bytes(b"")
    result = run("--isolated", "--ignore", "E", "empty.txt")
    assert result.exit_code == 2 and "E003" in result.stdout


def test_a_heading_between_two_text_tables_is_not_a_cell():
    text = "一、收支情况\n\n\t项目\n\t金额\n\n\t合计\n\t5.00\n\n二、三公经费表\n\n\t项目\n\t金额\n\n\t合计\n\t1.00\n"
    doc = TextReader().read("g.txt", text.encode(), Limits())
    assert [b.kind for b in doc.blocks] == ["heading", "table", "heading", "table"]
    assert doc.blocks[2].text == "二、三公经费表"


def test_whole_report_findings_of_a_group_point_at_a_file(tmp_path, monkeypatch):
    """A rule reporting on the document as a whole (at document.path) must name a
    file of the group, not the folder: SARIF and GitHub need a file."""
    from fiscalint import hookimpl
    from fiscalint.config import Config
    from fiscalint.engine import Run, check_unit
    from fiscalint.plugins import build_registry
    from fiscalint.rule import Rule

    class WholeReport(Rule):
        code = "WHOLE001"
        name = "whole-report"
        level = "note"
        summary = "整份报告"
        summary_en = "whole report"

        def on_document_end(self, ctx, event):
            ctx.report(Location(event.document.path), "整份报告", "whole report")

    class Plugin:
        @hookimpl
        def fiscalint_rules(self):
            return [WholeReport]

    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.txt").write_text("说明\n", encoding="utf-8")
    (folder / "b.txt").write_text("附表\n", encoding="utf-8")
    run_ = Run.create(Config(select=["WHOLE"], cache=False), build_registry((Plugin(),)))
    result = check_unit([folder / "a.txt", folder / "b.txt"], run_)
    assert result.path == "r/"
    assert [(f.code, f.location.path) for f in result.findings] == [("WHOLE001", "r/a.txt")]
