"""Inline suppressions, unused-suppression reports, baselines and the result cache,
through the real CLI with the demo plugin's DEMO001 (placeholder text) rule."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from demo_plugin.testing import validate_sarif
from fiscalint import cli
from fiscalint.suppression import parse_directive, scan_lines

REPORT = "一、基本情况\n本部门共有XX名在职人员。\n本部门还有待填写个处室。\n"


@pytest.fixture
def work(demo_cwd):
    return demo_cwd


def check(*args: str):
    return CliRunner().invoke(cli.main, ["check", "--isolated", "--jobs", "1", "--select", "DEMO,SUP", *args])


def test_parse_directive_reads_codes_and_reason():
    assert parse_directive('<!-- fiscalint: disable=SUM001, pct reason="尾差" -->') == (
        "disable",
        ("SUM001", "PCT"),
        "尾差",
    )
    assert parse_directive("fiscalint：disable-file=YEAR") == ("disable-file", ("YEAR",), "")
    assert parse_directive("本年收入合计1065.56万元") is None


def test_marker_line_covers_the_next_non_empty_line():
    lines = ["<!-- fiscalint: disable=DEMO001 -->", "", "本部门共有XX名在职人员。"]
    (s,) = scan_lines("r.txt", lines)
    assert s.lines == (3, 3) and s.codes == ("DEMO001",)


def test_marked_line_is_suppressed_and_the_other_still_reported(work):
    (work / "r.txt").write_text(
        '一、基本情况\n<!-- fiscalint: disable=DEMO001 reason="人数待人事科确认" -->\n本部门共有XX名在职人员。\n'
        "本部门还有待填写个处室。\n",
        encoding="utf-8",
    )
    result = check("r.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["r.txt:4: DEMO001 [warning] 段落中留有占位文字“待填写”，应替换为实际内容"]
    shown = check("--show-suppressed", "r.txt")
    assert (
        "r.txt:3: DEMO001 [warning] 段落中留有占位文字“XX”，应替换为实际内容 (suppressed: 人数待人事科确认)"
        in shown.stdout
    )


def test_end_of_line_marker_and_whole_file_marker(work):
    (work / "a.txt").write_text("本部门共有XX名在职人员。<!-- fiscalint: disable=DEMO -->\n", encoding="utf-8")
    (work / "b.txt").write_text("<!-- fiscalint: disable-file=DEMO001 -->\n" + REPORT, encoding="utf-8")
    result = check("a.txt", "b.txt")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def test_unused_suppression_is_reported(work):
    (work / "r.txt").write_text("<!-- fiscalint: disable=DEMO001 -->\n本部门共有12名在职人员。\n", encoding="utf-8")
    result = check("r.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "r.txt:1: SUP001 [warning] 抑制标记 disable=DEMO001 没有匹配到任何问题，可以删除"
    ]


def test_suppressed_findings_are_left_out_of_sarif_unless_asked(work):
    (work / "r.txt").write_text("<!-- fiscalint: disable=DEMO001 -->\n本部门共有XX名在职人员。\n", encoding="utf-8")
    log = json.loads(check("--format", "sarif", "r.txt").stdout)
    validate_sarif(log)
    assert log["runs"][0]["results"] == []
    log = json.loads(check("--format", "sarif", "--show-suppressed", "r.txt").stdout)
    validate_sarif(log)
    (result,) = log["runs"][0]["results"]
    assert result["suppressions"][0]["kind"] == "inSource"


def test_baseline_reports_only_new_findings_after_edits_elsewhere(work):
    report = work / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    first = check("--write-baseline", "baseline.json", "r.txt")
    assert first.exit_code == 1  # writing a baseline still reports today's findings
    assert len(json.loads((work / "baseline.json").read_text(encoding="utf-8"))["findings"]) == 2
    assert check("--baseline", "baseline.json", "r.txt").exit_code == 0
    # Lines inserted above move every finding; the baseline still matches them,
    # and only the new placeholder is reported.
    report.write_text("前言\n补充说明一段。\n" + REPORT + "二、其他\n还有××项工作。\n", encoding="utf-8")
    result = check("--baseline", "baseline.json", "r.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["r.txt:7: DEMO001 [warning] 段落中留有占位文字“××”，应替换为实际内容"]


def test_a_bad_baseline_file_is_a_usage_error(work):
    (work / "r.txt").write_text(REPORT, encoding="utf-8")
    (work / "b.json").write_text("{}", encoding="utf-8")
    result = check("--baseline", "b.json", "r.txt")
    assert result.exit_code == 2 and "not a fiscalint baseline" in result.stderr


def test_cache_returns_the_same_findings_and_sees_changes(work):
    report = work / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    first = check("--format", "json", "r.txt")
    assert (work / ".fiscalint_cache" / "CACHEDIR.TAG").is_file()
    cached = list((work / ".fiscalint_cache").rglob("*.json"))
    assert len(cached) == 1
    second = check("--format", "json", "r.txt")
    assert second.stdout == first.stdout
    report.write_text("一、基本情况\n本部门共有12名在职人员。\n", encoding="utf-8")
    third = check("r.txt")
    assert third.exit_code == 0 and third.stdout == ""
    assert check("--no-cache", "r.txt").exit_code == 0
    assert len(list((work / ".fiscalint_cache").rglob("*.json"))) == 2


def test_cache_dir_option(work):
    (work / "r.txt").write_text(REPORT, encoding="utf-8")
    check("--cache-dir", "elsewhere", "r.txt")
    assert list((work / "elsewhere").rglob("*.json"))
    assert not (work / ".fiscalint_cache").exists()


def _docx_with_comments(path, comment_on_para: str, comment_in_table: str | None = None):
    import docx

    d = docx.Document()
    d.add_paragraph("一、基本情况")
    p = d.add_paragraph("本部门共有XX名在职人员。")
    d.add_comment(p.runs, text=comment_on_para, author="审核")
    d.add_paragraph("本部门还有待填写个处室。")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "××"
    t.cell(0, 1).text = "1"
    if comment_in_table:
        d.add_comment(t.cell(0, 0).paragraphs[0].runs, text=comment_in_table, author="审核")
    d.save(path)


def test_word_comment_suppresses_what_it_is_anchored_on(work):
    _docx_with_comments(
        work / "r.docx",
        'fiscalint: disable=DEMO001 reason="人数待人事科确认"',
        comment_in_table="fiscalint: disable=DEMO",
    )
    result = check("r.docx")
    assert result.exit_code == 1
    # The comment on paragraph 2 covers that paragraph only; DEMO001 reads no table
    # cells, so the comment in the table matches nothing and is reported there.
    assert result.stdout.splitlines() == [
        "r.docx:para3: DEMO001 [warning] 段落中留有占位文字“待填写”，应替换为实际内容",
        "r.docx:table1: SUP001 [warning] 抑制标记 disable=DEMO 没有匹配到任何问题，可以删除",
    ]
    shown = check("--show-suppressed", "r.docx").stdout
    assert "r.docx:para2: DEMO001" in shown and "(suppressed: 人数待人事科确认)" in shown


def test_a_table_comment_covers_the_cells_of_its_table():
    from fiscalint.model import Finding, Location
    from fiscalint.suppression import Suppression

    s = Suppression(("SUM",), "", Location("r.docx", table=2), tables=(2,))
    cell = Finding("SUM003", "error", "", Location("r.docx", table=2, row=3, column=4))
    other = Finding("SUM003", "error", "", Location("r.docx", table=1, row=3, column=4))
    prose = Finding("SUM001", "error", "", Location("r.docx", paragraph=7))
    assert s.covers(cell) and not s.covers(other) and not s.covers(prose)


def test_word_comment_that_matches_nothing_is_reported(work):
    _docx_with_comments(work / "r.docx", "fiscalint: disable=DEMO900")
    out = check("r.docx").stdout.splitlines()
    assert "r.docx:para2: SUP001 [warning] 抑制标记 disable=DEMO900 没有匹配到任何问题，可以删除" in out
