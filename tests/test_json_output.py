"""JSON, text and GitHub output: the documented fields and line formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from demo_plugin.testing import demo_registry
from fiscalint.config import Config
from fiscalint.engine import FileResult, Run, check_paths
from fiscalint.model import Finding, Location, Related
from fiscalint.reporters import Report, get_reporter
from fiscalint.reporters.json import as_dicts

REPORT = "第一部分 部门概况\n一、基本情况\n本部门共有XX名在职人员。\n"
FIELDS = {
    "code",
    "name",
    "level",
    "message",
    "path",
    "line",
    "paragraph",
    "page",
    "table",
    "row",
    "column",
    "excerpt",
    "section",
    "plugin",
    "fingerprint",
    "related",
}


@pytest.fixture
def reg():
    return demo_registry()


def _report(tmp_path, monkeypatch, reg, lang="zh") -> Report:
    monkeypatch.chdir(tmp_path)
    Path("r.txt").write_text(REPORT, encoding="utf-8")
    run = Run.create(Config(select=["DEMO"]), reg)
    return Report(check_paths([Path("r.txt")], run), reg, lang=lang)


def test_json_fields_for_a_text_file(tmp_path, monkeypatch, reg):
    text = get_reporter("json")(_report(tmp_path, monkeypatch, reg))
    assert "本部门" in text  # UTF-8, not \u escapes
    (item,) = json.loads(text)
    assert set(item) == FIELDS
    assert item["code"] == "DEMO001" and item["name"] == "placeholder-text" and item["level"] == "warning"
    assert item["message"] == "段落中留有占位文字“XX”，应替换为实际内容"
    assert (item["path"], item["line"], item["page"], item["table"], item["row"], item["column"]) == (
        "r.txt",
        3,
        None,
        None,
        None,
        None,
    )
    assert item["excerpt"] == "本部门共有XX名在职人员。"
    assert item["section"] == ["第一部分 部门概况", "一、基本情况"]
    assert item["plugin"] == "demo"
    assert item["related"] == []
    assert item["fingerprint"].endswith(":1") and len(item["fingerprint"]) == 34


def test_json_in_english(tmp_path, monkeypatch, reg):
    (item,) = json.loads(get_reporter("json")(_report(tmp_path, monkeypatch, reg, lang="en")))
    assert item["message"].startswith("placeholder text 'XX'")


def _cell_finding() -> Finding:
    return Finding(
        "DEMO001",
        "error",
        "合计不等于各项之和",
        Location("年报.pdf", page=21, table=2, row=5, column=3, excerpt="1,234.56"),
        "total differs",
        name="placeholder-text",
        section=("第二部分", "一、收入支出决算总体情况"),
        related=[Related(Location("年报.pdf", page=20, excerpt="1,234.50"), "正文所述数", "stated in the text")],
        plugin="demo",
    )


def test_json_fields_for_a_table_cell_with_related(reg):
    report = Report([FileResult("年报.pdf", [_cell_finding()])], reg)
    (item,) = as_dicts(report)
    assert (item["page"], item["table"], item["row"], item["column"], item["line"]) == (21, 2, 5, 3, None)
    (rel,) = item["related"]
    assert rel == {
        "path": "年报.pdf",
        "line": None,
        "paragraph": None,
        "page": 20,
        "table": None,
        "row": None,
        "column": None,
        "excerpt": "1,234.50",
        "message": "正文所述数",
    }
    (en,) = as_dicts(Report([FileResult("年报.pdf", [_cell_finding()])], reg, lang="en"))
    assert en["related"][0]["message"] == "stated in the text" and en["message"] == "total differs"


def test_empty_json_is_an_empty_array(reg):
    assert json.loads(get_reporter("json")(Report([FileResult("a.txt")], reg))) == []


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (Location("a.txt", line=12), "a.txt:12: DEMO001 合计不等于各项之和"),
        (Location("a.docx", paragraph=7), "a.docx:para7: DEMO001 合计不等于各项之和"),
        (
            Location("a.docx", paragraph=7, table=2, row=3, column=4),
            "a.docx:table2:row3:col4: DEMO001 合计不等于各项之和",
        ),
        (Location("a.pdf", page=21), "a.pdf:page21: DEMO001 合计不等于各项之和"),
        (
            Location("a.pdf", page=21, table=1, row=5, column=3),
            "a.pdf:page21:table1:row5:col3: DEMO001 合计不等于各项之和",
        ),
        (Location("a.txt", line=30, table=1, row=2, column=2), "a.txt:30:table1:row2:col2: DEMO001 合计不等于各项之和"),
        (Location("a.txt"), "a.txt: DEMO001 合计不等于各项之和"),
    ],
)
def test_text_format_locations(reg, location, expected):
    finding = Finding("DEMO001", "error", "合计不等于各项之和", location)
    assert get_reporter("text")(Report([FileResult(location.path, [finding])], reg)) == expected + "\n"


def test_text_format_marks_non_error_levels(reg):
    note = Finding("DEMO001", "note", "仅因四舍五入", Location("a.txt", line=2))
    assert get_reporter("text")(Report([FileResult("a.txt", [note])], reg)) == "a.txt:2: DEMO001 [note] 仅因四舍五入\n"


def test_github_annotations_escape_and_locate(reg):
    finding = _cell_finding()
    out = get_reporter("github")(Report([FileResult("年报.pdf", [finding])], reg))
    assert out == "::error file=年报.pdf,line=1,title=fiscalint DEMO001::合计不等于各项之和 (第21页 表2 第5行 第3列)\n"
    tricky = Finding("DEMO001", "note", "50%的项目\n未完成", Location("a,b:c.txt", line=4))
    out = get_reporter("github")(Report([FileResult("a,b:c.txt", [tricky])], reg))
    assert out == "::notice file=a%2Cb%3Ac.txt,line=4,title=fiscalint DEMO001::50%25的项目%0A未完成\n"
