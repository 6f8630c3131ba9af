"""SARIF 2.1.0: schema-valid, shaped for GitHub code scanning, stable and deterministic.

Every log these tests produce is validated against the official schema
(../shared/schemas/sarif-schema-2.1.0.json, draft-04); the schema is read in
place, not vendored.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from demo_plugin.testing import demo_registry, validate_sarif
from fiscalint import __version__
from fiscalint.config import Config
from fiscalint.engine import FileResult, Run, check_paths
from fiscalint.model import Finding, Location, Related
from fiscalint.plugins import INFO_URI
from fiscalint.reporters import Report
from fiscalint.reporters.sarif import build, render

REPORT = "第一部分 部门概况\n一、基本情况\n本部门共有XX名在职人员。\n本部门还有待填写个处室。\n"


@pytest.fixture
def reg():
    return demo_registry()


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif_of(paths: list[Path], reg, lang: str = "zh", jobs: int = 1) -> tuple[dict, str]:
    run = Run.create(Config(select=["DEMO"]), reg)
    report = Report(check_paths(paths, run, jobs=jobs), reg, lang=lang)
    text = render(report)
    log = json.loads(text)
    validate_sarif(log)
    return log, text


def test_driver_and_rules(work, reg):
    (work / "r.txt").write_text(REPORT, encoding="utf-8")
    log, _ = sarif_of([Path("r.txt")], reg)
    assert log["version"] == "2.1.0" and log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "fiscalint"
    assert driver["version"] == __version__ and driver["informationUri"] == INFO_URI
    ids = [r["id"] for r in driver["rules"]]
    assert {"E001", "E003", "E900"} <= set(ids) and not any(i.startswith("DEMO") for i in ids)
    for rule in driver["rules"] + run["tool"]["extensions"][0]["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert "security-severity" not in rule.get("properties", {})  # would make it a security alert
    e007 = next(r for r in driver["rules"] if r["id"] == "E007")
    assert e007["defaultConfiguration"]["level"] == "warning"  # a default value, still written out
    assert run["columnKind"] == "unicodeCodePoints"


def test_locality_plugin_is_a_tool_extension(work, reg):
    (work / "r.txt").write_text(REPORT, encoding="utf-8")
    log, _ = sarif_of([Path("r.txt")], reg)
    run = log["runs"][0]
    extensions = run["tool"]["extensions"]
    ext_index = next(i for i, e in enumerate(extensions) if e["name"] == "demo")
    demo = extensions[ext_index]
    assert demo["version"] == "0" and demo["informationUri"] == "https://example.org/fiscalint-demo"
    assert demo["properties"]["locality"] == "示例区"
    assert [r["id"] for r in demo["rules"]] == ["DEMO001", "DEMO900"]
    assert demo["rules"][0]["defaultConfiguration"]["level"] == "warning"
    for result in run["results"]:
        ref = result["rule"]
        assert ref["toolComponent"]["index"] == ext_index
        assert extensions[ref["toolComponent"]["index"]]["rules"][ref["index"]]["id"] == result["ruleId"]


def test_results_have_everything_github_needs(work, reg):
    name = "2024年决算.txt"
    (work / "reports").mkdir()
    (work / "reports" / name).write_text(REPORT, encoding="utf-8")
    (work / "reports" / "空.txt").write_bytes(b"")
    log, text = sarif_of([Path("reports") / name, Path("reports") / "空.txt"], reg)
    run = log["runs"][0]
    driver_rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["DEMO001", "DEMO001", "E003"]
    for result in results:
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        (loc,) = result["locations"]
        phys = loc["physicalLocation"]
        assert phys["region"]["startLine"] >= 1
        assert phys["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert result["partialFingerprints"]["primaryLocationLineHash"]
    first = results[0]
    assert first["level"] == "warning"  # a default value, still written out
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "reports/2024%E5%B9%B4%E5%86%B3%E7%AE%97.txt"
    )
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert first["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "本部门共有XX名在职人员。"
    assert first["locations"][0]["logicalLocations"][0]["name"] == "第一部分 部门概况 > 一、基本情况 > 第3行"
    assert first["properties"]["section"] == ["第一部分 部门概况", "一、基本情况"]
    assert results[1]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    # A driver rule's result carries ruleIndex into driver.rules.
    e003 = results[2]
    assert driver_rules[e003["ruleIndex"]]["id"] == "E003"
    assert e003["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "reports/%E7%A9%BA.txt"
    # Chinese is written as UTF-8, not as \\u escapes.
    assert "本部门共有XX名在职人员" in text and "\\u" not in text


def test_docx_and_pdf_findings_point_at_line_1_with_the_locator_in_the_message(reg):
    findings = [
        Finding("DEMO001", "warning", "留有占位文字", Location("x.docx", paragraph=3, excerpt="有XX。"), "placeholder"),
        Finding(
            "DEMO001",
            "warning",
            "留有占位文字",
            Location("y.pdf", page=2, table=1, row=4, column=3, excerpt="XX"),
            "placeholder",
            related=[Related(Location("y.pdf", page=1, excerpt="合计"), "合计所在处", "the total")],
        ),
    ]
    for f in findings:
        f.plugin = "demo"
    report = Report([FileResult("x.docx", [findings[0]]), FileResult("y.pdf", [findings[1]])], reg)
    log = build(report)
    validate_sarif(log)
    docx_result, pdf_result = log["runs"][0]["results"]
    assert docx_result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert docx_result["message"]["text"] == "留有占位文字（第3段）"
    assert docx_result["properties"]["paragraph"] == 3
    assert pdf_result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert pdf_result["message"]["text"] == "留有占位文字（第2页 表1 第4行 第3列）"
    assert pdf_result["properties"] | {"page": 2, "table": 1, "row": 4, "column": 3} == pdf_result["properties"]
    (related,) = pdf_result["relatedLocations"]
    assert related["message"]["text"] == "合计所在处"
    assert related["physicalLocation"]["region"]["startLine"] == 1
    en = build(Report([FileResult("x.docx", [findings[0]])], reg, lang="en"))
    validate_sarif(en)
    assert en["runs"][0]["results"][0]["message"]["text"] == "placeholder (paragraph 3)"


def test_fingerprints_are_stable_when_a_line_is_inserted_above(work, reg):
    target = work / "r.txt"
    target.write_text(REPORT, encoding="utf-8")
    before, _ = sarif_of([Path("r.txt")], reg)
    target.write_text("说明：本文新增一行。\n" + REPORT, encoding="utf-8")
    after, _ = sarif_of([Path("r.txt")], reg)

    def prints(log):
        return [
            (
                r["partialFingerprints"]["primaryLocationLineHash"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in log["runs"][0]["results"]
        ]

    (fp1, line1), (fp2, line2) = prints(before)
    (fp1b, line1b), (fp2b, line2b) = prints(after)
    assert (line1b, line2b) == (line1 + 1, line2 + 1)  # the lines moved
    assert (fp1b, fp2b) == (fp1, fp2)  # the alerts did not
    assert fp1 != fp2


def test_identical_findings_get_distinct_fingerprints(work, reg):
    (work / "r.txt").write_text("一、情况\n有XX。\n二、情况\n有XX。\n", encoding="utf-8")
    log, _ = sarif_of([Path("r.txt")], reg)
    fps = [r["partialFingerprints"]["primaryLocationLineHash"] for r in log["runs"][0]["results"]]
    assert len(fps) == 2 and len(set(fps)) == 2


def test_unreadable_files_are_tool_execution_notifications(work, reg):
    (work / "ok.txt").write_text(REPORT, encoding="utf-8")
    (work / "empty.txt").write_bytes(b"")
    log, _ = sarif_of([Path("ok.txt"), Path("empty.txt"), Path("missing.txt")], reg)
    (inv,) = log["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is False
    notes = inv["toolExecutionNotifications"]
    assert [n["associatedRule"]["id"] for n in notes] == ["E003", "E001"]
    assert all(n["level"] == "error" for n in notes)
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "empty.txt"
    assert inv["workingDirectory"]["uri"] == work.resolve().as_uri() + "/"


def test_clean_run_is_successful_with_empty_results(work, reg):
    (work / "ok.txt").write_text("一、情况\n本部门共有12名在职人员。\n", encoding="utf-8")
    log, _ = sarif_of([Path("ok.txt")], reg)
    run = log["runs"][0]
    assert run["results"] == []
    assert run["invocations"][0]["executionSuccessful"] is True
    assert "toolExecutionNotifications" not in run["invocations"][0]


def test_raising_plugin_is_reported(work, reg):
    (work / "r.txt").write_text("有XX。\n触发演示异常\n", encoding="utf-8")
    log, _ = sarif_of([Path("r.txt")], reg)
    run = log["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["DEMO001", "E900"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "DEMO900" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_plugin_load_errors_are_configuration_notifications(work):
    from fiscalint import hookimpl
    from fiscalint.plugins import build_registry

    class Broken:
        __name__ = "broken"

        @hookimpl
        def fiscalint_rules(self):
            raise ImportError("missing dependency")

    import demo_plugin

    reg = build_registry((demo_plugin, Broken()))
    (work / "r.txt").write_text("有XX。\n", encoding="utf-8")
    log, _ = sarif_of([Path("r.txt")], reg)
    notes = log["runs"][0]["invocations"][0]["toolConfigurationNotifications"]
    assert any("broken: ImportError: missing dependency" in n["message"]["text"] for n in notes)


def test_output_is_deterministic(work, reg):
    (work / "a.txt").write_text(REPORT, encoding="utf-8")
    (work / "b.txt").write_text("有XX。\n" * 3, encoding="utf-8")
    _, first = sarif_of([Path("a.txt"), Path("b.txt")], reg)
    _, second = sarif_of([Path("a.txt"), Path("b.txt")], demo_registry())
    assert first == second
    _, parallel = sarif_of([Path("a.txt"), Path("b.txt")], reg, jobs=2)
    assert parallel == first


def test_english_sarif(work, reg):
    (work / "r.txt").write_text(REPORT, encoding="utf-8")
    log, _ = sarif_of([Path("r.txt")], reg, lang="en")
    run = log["runs"][0]
    assert run["results"][0]["message"]["text"].startswith("placeholder text 'XX'")
    demo = run["tool"]["extensions"][0]["rules"][0]
    assert demo["shortDescription"]["text"] == "Placeholder text (XX, 待填写) left in a paragraph"


def test_file_outside_the_working_directory_gets_a_file_uri(tmp_path, monkeypatch, reg):
    outside = tmp_path / "外部" / "r.txt"
    outside.parent.mkdir()
    outside.write_text(REPORT, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for given in (outside, Path("..") / "外部" / "r.txt"):
        log, _ = sarif_of([given], reg)
        artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": outside.resolve().as_uri()}
        assert "%E5%A4%96%E9%83%A8" in artifact["uri"]
