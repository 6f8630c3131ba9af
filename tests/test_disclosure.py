"""The 公开表: recognition, identities, links, and the disclosure rules beyond
arithmetic (BLANK, REASON, CMP, TEMPLATE, VALUE), on the real Putuo PDF and
on a small made-up report (tests/disclosure_report.py) written as TXT, XLSX,
DOCX, PDF and 说明.txt + 附表.xlsx checked together, with one injected
mistake per test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builders import to_docx, to_pdf
from conftest import corpus_file, lint
from disclosure_report import report, to_txt, to_xlsx
from fiscalint.checks.disclosure import comparisons, identity_cases, link_cases
from fiscalint.config import Config
from fiscalint.engine import Run, check_unit
from fiscalint.facts.disclosure import builtin_pack, column_key, document_disclosures, recognise
from fiscalint.plugins import default_registry
from fiscalint.readers import Limits, read_document

MINE = ["DISC", "BLANK", "CMP", "REASON", "TEMPLATE", "VALUE"]


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings if not re.fullmatch(r"E\d{3}", f.code))  # reader notices aside


def txt(tmp_path: Path, mutate=None) -> Path:
    text, tables = report(mutate)
    return to_txt(tmp_path / "report.txt", text, tables)


def unit(tmp_path: Path, mutate=None, xlsx_unit: str = "万元", select=None) -> list:
    """说明.txt + 附表.xlsx checked together as one report."""
    text, tables = report(mutate)
    note = to_txt(tmp_path / "说明.txt", text, [])
    book = to_xlsx(tmp_path / "附表.xlsx", tables, unit=xlsx_unit)
    cfg = Config()
    cfg.select = select or MINE
    run = Run.create(cfg, default_registry())
    return check_unit([note, book], run).findings


# -- recognition -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("收入支出决算总表", "income-expense-total"),
        ("某区示例局2024年度部门收支决算总表", "income-expense-total"),
        ("支出决算表", "expense"),
        ("一般公共预算财政拨款基本支出决算表", "gpb-basic"),  # not 支出决算表: the longest alias wins
        ("附表8 一般公共预算财政拨款支出决算明细表", "gpb-detail"),
        ("财政拨款“三公”经费支出决算表", "sangong"),
        ("国有资本经营预算财政拨款支出决算表", "soe-expense"),
        ("政府性基金预算财政拨款收入支出决算表（续）", "gov-fund"),
    ],
)
def test_titles_are_recognised_by_their_longest_alias(title, key):
    spec = recognise(title, builtin_pack())
    assert spec is not None and spec.key == key


def test_section_headings_are_not_tables():
    assert recognise("一、收入支出决算总体情况说明", builtin_pack()) is None


def test_lists_hold_the_shanghai_9_and_sichuan_13():
    pack = builtin_pack()
    lists = {entry["id"]: entry["tables"] for entry in pack.lists}
    assert len(lists["shanghai-9"]) == 9 and len(lists["sichuan-13"]) == 13
    keys = {t.key for t in pack.tables}
    assert all(k in keys for tables in lists.values() for k in tables)


def test_column_keys_from_header_paths():
    assert column_key(["项目", "本年支出合计"], False) == ("total", "")
    assert column_key(["本年支出", "基本支出"], False) == ("basic", "")
    assert column_key(["本年支出", "合计"], False) == ("expense", "")
    assert column_key(["支出", "一般公共预算财政拨款"], False) == ("gpb", "")
    assert column_key(["公务用车购置及运行维护费", "公务用车运行维护费", "决算数"], True) == ("car-run", "actual")
    assert column_key(["公务用车购置及运行维护费", "小计", "预算数"], True) == ("car", "budget")


# -- the real PDF ------------------------------------------------------------------
@pytest.fixture(scope="module")
def putuo():
    path = corpus_file("putuo-ghzy-2024.pdf")
    return read_document(path, str(path), Limits())


def test_putuo_nine_tables_are_read_table_by_table(putuo):
    ds = document_disclosures(putuo)
    assert [d.spec.key for d in ds] == [
        "income-expense-total",
        "income",
        "expense",
        "fiscal-total",
        "gpb-expense",
        "gpb-basic",
        "sangong",
        "gov-fund",
        "soe",
    ]
    # The 收入决算表 and 支出决算表 run over two pages each and are read whole.
    income = ds[1]
    assert income.find("", "^合计$", ("total", "")).text == "9746.50"
    assert {d.spec.key for d in ds if not d.has_data} == {"gov-fund", "soe"}


def test_putuo_every_identity_and_link_is_checked(putuo):
    pack = builtin_pack()
    ds = document_disclosures(putuo, pack)
    cases = identity_cases(ds, pack.identities)
    checked = {c.what for c in cases}
    # Every identity of the pack that applies to a table with data was evaluated.
    # (the 政府性基金 and 国有资本经营 fund balances have blank cells in this report: nothing to check)
    assert {i["zh"] for i in pack.identities if i["id"] not in ("t4-fund-gov", "t4-fund-soe")} <= checked
    gaps = sorted((c.label, c.total.text, c.verdict().verdict) for c in cases if c.verdict().verdict != "ok")
    # The audit's rounding rows PGH-08, 09, 10, 11 (合计 ≠ 基本 + 项目 by 0.01 on p14–15)
    # and PGH-13 (人员经费 4884.09 vs 301 + 303 = 4884.10): all rounding, no error.
    assert gaps == [
        ("人员经费合计（合计）", "4884.09", "rounding"),
        ("合计", "9746.50", "rounding"),
        ("城乡社区支出", "3832.36", "rounding"),
        ("城乡社区管理事务", "1092.80", "rounding"),
        ("行政运行", "1092.80", "rounding"),
    ]
    links = link_cases(ds, pack.links)
    assert len(links) == len(pack.links)  # T1–T2, T1–T3, T2–T4, T4–T5, T5–T6: all verified consistent


def test_putuo_comparisons_are_read_and_all_agree(putuo):
    # 13 items of （三） plus the overall and the 三公 budget comparisons; all wordings are right
    # (audit, verified: items 1–13 持平/小于 correct; 三公 0.39 < 2.85).
    found = comparisons(putuo)
    assert len(found) == 15
    assert all(c.word in ("小于", "持平") for c in found)


def test_putuo_disclosure_rules_are_silent_on_verified_items():
    # The audit's errors of these kinds are already reported by the SUM/PCT/XREF
    # families (PGH-16 PCT009, PGH-24/25 XREF001, PGH-28 PCT006) and are not repeated;
    # the rounding rows PGH-08–13 are SUM004's cells. The empty 政府性基金/国有资本
    # tables carry their notes (verified p18–19), the 13 comparison wordings are right.
    assert codes(lint(corpus_file("putuo-ghzy-2024.pdf"), select=MINE)) == []


def test_lizhou_template_instruction_is_found():
    # lizhou-26: "（名词解释部分请根据各单位实际列支情况罗列" is a template instruction left in the text.
    found = lint(corpus_file("lizhou-zuzhibu-2021-juesuan.txt"), select=MINE)
    assert [(f.code, f.location.line) for f in found] == [("TEMPLATE001", 184)]


def test_other_corpus_reports_stay_silent():
    for name in ("anju-zuzhibu-2023-juesuan.txt", "yiyang-zuzhibu-2022-zipingbaogao.txt"):
        assert codes(lint(corpus_file(name), select=MINE)) == [], name


# -- the made-up report: correct versions ---------------------------------------------
def test_correct_report_gives_no_finding_in_any_form(tmp_path):
    path = txt(tmp_path)
    assert codes(lint(path)) == []
    assert codes(lint(to_xlsx(tmp_path / "附表.xlsx", report()[1]))) == []
    assert codes(lint(to_docx(path, tmp_path / "report.docx"), select=MINE)) == []
    assert codes(lint(to_pdf(path, tmp_path / "report.pdf"), select=MINE)) == []
    assert codes(unit(tmp_path, select=["DISC", "BLANK", "CMP", "REASON", "TEMPLATE", "VALUE", "SUM", "XREF"])) == []


def test_yuan_workbook_with_wan_text_gives_no_finding(tmp_path):
    # Tables in 元, 说明 in 万元: the links convert units before comparing.
    assert codes(unit(tmp_path, xlsx_unit="元")) == []


def test_docx_and_pdf_forms_recognise_the_tables(tmp_path):
    path = txt(tmp_path)
    for out in (to_docx(path, tmp_path / "r.docx"), to_pdf(path, tmp_path / "r.pdf")):
        doc = read_document(out, str(out), Limits())
        keys = [d.spec.key for d in document_disclosures(doc)]
        assert keys[:3] == ["income-expense-total", "income", "expense"], out
        assert "sangong" in keys and "gov-fund" in keys


# -- one injected mistake each -------------------------------------------------------
def _table(tables, title):
    return next(t for t in tables if t["title"] == title)


def test_sangong_structure(tmp_path):
    def mutate(text, tables):
        _table(tables, "财政拨款“三公”经费支出决算表")["rows"][0][5] = "2.50"  # 用车小计 决算 2.50 ≠ 0 + 2.00

    messages = [f.message for f in lint(txt(tmp_path, mutate), select=["DISC001"])]
    assert any("2.50 ≠ 公务用车购置费（决算数） 0.00 + 公务用车运行维护费（决算数） 2.00" in m for m in messages)
    assert any("「决算数」3.00 ≠" in m and "3.50" in m for m in messages)  # 合计 3.00 ≠ 0 + 2.50 + 1.00
    # In the workbook the merged header lets SUM003 read the same cells; DISC001 does not repeat it.
    found = unit(tmp_path, mutate, select=["DISC001", "SUM003"])
    assert sorted((f.location.column, f.code) for f in found) == [(2, "SUM003"), (6, "SUM003")]


def test_fund_balance_of_the_fiscal_total_table(tmp_path):
    def mutate(text, tables):
        t4 = _table(tables, "财政拨款收入支出决算总表")
        t4["rows"][3][1] = "2.00"  # 年初财政拨款结转和结余 2.00 added on the 收入 side only
        t4["rows"].insert(4, ["一般公共预算财政拨款", "2.00", "", "", "", ""])

    found = lint(txt(tmp_path, mutate), select=["DISC001", "SUM003"])
    assert any("年初结转和结余·一般公共预算财政拨款 2.00" in f.message and "92.00" in f.message for f in found)


def test_fund_balance_with_carry_over_is_silent(tmp_path):
    def mutate(text, tables):  # a correct 财政拨款总表 with 2.00 年初 carried over and 2.00 left at year end
        t4 = _table(tables, "财政拨款收入支出决算总表")
        t4["rows"][3][1], t4["rows"][3][3], t4["rows"][3][4] = "2.00", "2.00", "2.00"
        t4["rows"].insert(4, ["一般公共预算财政拨款", "2.00", "", "", "", ""])
        t4["rows"][5][1], t4["rows"][5][3], t4["rows"][5][4] = "92.00", "92.00", "92.00"

    assert codes(lint(txt(tmp_path, mutate), select=MINE)) == []


def test_a_sentence_naming_a_table_is_not_its_title(tmp_path):
    lines = ["具体数据详见收入决算表。", "\t项目", "\t金额", "", "\t合计", "\t-5.00", ""]
    path = tmp_path / "s.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = read_document(path, str(path), Limits())
    assert document_disclosures(doc) == []


def test_t1_closure(tmp_path):
    def mutate(text, tables):
        _table(tables, "收入支出决算总表")["rows"][3][3] = "6.00"  # 总计 110.00 ≠ 105.00 + 6.00

    found = lint(txt(tmp_path, mutate), select=["DISC001", "SUM003"])
    assert any("110.00" in f.message and "6.00" in f.message for f in found)


def test_link_basic_expenditure_to_personnel_and_public(tmp_path):
    def mutate(text, tables):
        t6 = _table(tables, "一般公共预算财政拨款基本支出决算表")
        t6["rows"][0][2], t6["rows"][1][2], t6["rows"][5][2] = "51.00", "31.00", "53.00"

    for found in (lint(txt(tmp_path, mutate), select=["DISC003"]), unit(tmp_path, mutate, select=["DISC003"])):
        assert len(found) == 1
        f = found[0]
        assert "60.00 ≠" in f.message and "53.00" in f.message and "8.00" in f.message and "61.00" in f.message
        assert len(f.related) == 2


def test_link_in_yuan_workbook_reports_in_wan(tmp_path):
    def mutate(text, tables):
        t6 = _table(tables, "一般公共预算财政拨款基本支出决算表")
        t6["rows"][0][2], t6["rows"][1][2], t6["rows"][5][2] = "51.00", "31.00", "53.00"

    found = unit(tmp_path, mutate, xlsx_unit="元", select=["DISC003"])
    assert len(found) == 1
    assert "60.00万元（600000.00元）" in found[0].message and "相差 -1.00万元" in found[0].message


def test_empty_table_without_note(tmp_path):
    def mutate(text, tables):
        _table(tables, "政府性基金预算财政拨款收入支出决算表")["notes"] = ["注：本表反映政府性基金收支情况。"]

    for found in (lint(txt(tmp_path, mutate), select=MINE), unit(tmp_path, mutate)):
        assert codes(found) == ["BLANK001"]


def test_empty_table_note_naming_another_fund(tmp_path):
    def mutate(text, tables):
        _table(tables, "政府性基金预算财政拨款收入支出决算表")["notes"][1] = (
            "说明：本单位本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"
        )

    for found in (lint(txt(tmp_path, mutate), select=MINE), unit(tmp_path, mutate)):
        assert codes(found) == ["BLANK002"]


def test_empty_note_on_table_with_data(tmp_path):
    def mutate(text, tables):
        _table(tables, "财政拨款“三公”经费支出决算表")["notes"].append("说明：本单位无“三公”经费支出，故本表无数据。")

    for found in (lint(txt(tmp_path, mutate), select=MINE), unit(tmp_path, mutate)):
        assert codes(found) == ["BLANK003"]


def test_comparison_wording(tmp_path):
    def mutate(text, tables):
        text[8] = text[8].replace("决算数小于预算数", "决算数大于预算数")

    found = lint(txt(tmp_path, mutate), select=MINE)
    assert codes(found) == ["CMP001"]
    assert "55.00" in found[0].message and "60.00" in found[0].message and "-5.00" in found[0].message


def test_comparison_wording_is_judged_on_the_printed_figures(tmp_path):
    """Seen in a published report: a budget of 2.23 and an outturn of 2.22 with "决算数小于预算数" is
    right as printed; rounding could make the two equal, but that is no contradiction."""

    def findings(text: str) -> list[str]:
        path = tmp_path / "r.txt"
        path.write_text("一、一般公共预算财政拨款支出决算具体情况\n" + text + "\n", encoding="utf-8")
        return codes(lint(path, select=["CMP001"]))

    assert findings("全年预算为2.23万元，支出决算为2.22万元。决算数小于全年预算数的主要原因：按实际支出。") == []
    assert findings("全年预算为2.23万元，支出决算为2.22万元。决算数大于全年预算数的主要原因：按实际支出。") == [
        "CMP001"
    ]
    # Equal as printed: 小于 is contradicted; 持平 within the printed precision is right.
    assert findings("年初预算为2.22万元，支出决算为2.22万元。决算数小于预算数的主要原因：按实际支出。") == ["CMP001"]
    assert findings("年初预算为2.23万元，支出决算为2.22万元，决算数与预算数持平。") == []


def test_basically_flat_band(tmp_path):
    def flat(text, tables):
        text[8] = text[8].replace(
            "决算数小于预算数的主要原因是部分项目延期实施", "决算数与预算数基本持平，原因是项目按计划实施"
        )

    # 55.00 vs 60.00 is 8.3% apart: beyond the default 5% band for 基本持平.
    assert codes(lint(txt(tmp_path, flat), select=["CMP001"])) == ["CMP001"]
    # With the band widened to 10% the wording is accepted.
    assert codes(lint(txt(tmp_path, flat), select=["CMP001"], rules={"CMP001": {"flat_band_percent": "10"}})) == []


def test_missing_reason(tmp_path):
    def mutate(text, tables):
        text[8] = text[8].replace("决算数小于预算数的主要原因是部分项目延期实施。", "决算数小于预算数。")

    # 55.00 vs 60.00 is 8.3% apart: under the default 10% threshold, over a 5% one.
    assert codes(lint(txt(tmp_path, mutate), select=MINE)) == []
    found = lint(txt(tmp_path, mutate), select=MINE, rules={"REASON001": {"threshold_percent": "5"}})
    assert codes(found) == ["REASON001"]


def test_placeholder_reason(tmp_path):
    def mutate(text, tables):
        text[8] = text[8].replace("主要原因是部分项目延期实施", "主要原因是XX")

    found = lint(txt(tmp_path, mutate), select=MINE, rules={"REASON001": {"threshold_percent": "5"}})
    assert codes(found) == ["REASON001", "TEMPLATE001"]


def test_template_instruction(tmp_path):
    def mutate(text, tables):
        text[9] = text[9] + "（如持平作持平表述）"

    found = lint(txt(tmp_path, mutate), select=MINE)
    assert codes(found) == ["TEMPLATE001"] and "如持平作持平表述" in found[0].message


def test_negative_amount(tmp_path):
    def mutate(text, tables):
        t3 = _table(tables, "支出决算表")
        t3["rows"][2][3], t3["rows"][2][4] = "60.00", "-15.00"  # 45.00 = 60.00 + (−15.00): adds up, but cannot be

    found = lint(txt(tmp_path, mutate), select=MINE)
    assert codes(found) == ["VALUE001"] and "-15.00" in found[0].message


def test_share_above_100(tmp_path):
    def mutate(text, tables):
        text[4] = text[4].replace("占90.00%", "占110.00%")

    assert "VALUE002" in codes(lint(txt(tmp_path, mutate), select=MINE))


def test_excess_decimals_in_a_table(tmp_path):
    def mutate(text, tables):
        _table(tables, "一般公共预算财政拨款支出决算表")["rows"][2][2] = "35.000"

    found = lint(txt(tmp_path, mutate), select=MINE)
    assert codes(found) == ["VALUE003"] and "35.000" in found[0].message


def test_rules_have_help():
    from fiscalint.checks.disclosure import fiscalint_rules

    for rule in fiscalint_rules():
        rule.validate()
        assert rule.doc("zh") and rule.doc("en"), rule.code


# -- text to table -------------------------------------------------------------------
def test_putuo_text_figures_find_the_audit_errors_once(putuo):
    from fiscalint.checks.disclosure import text_figures
    from fiscalint.facts.tolerance import check_sum

    pack = builtin_pack()
    figures = text_figures(putuo, document_disclosures(putuo, pack), pack.statements)
    verdicts = {(f.excerpt, f.cell.text): check_sum(f.stated, [f.cell.num]).verdict for f in figures}
    # PGH-24: 一般公共预算财政拨款基本支出 5377.64 vs table 5364.75; PGH-25: 人员经费 4896.98 vs 4884.09;
    # PGH-18: 卫生健康支出（类）236.63 vs 236.64 (rounding). Everything else the 说明 states agrees
    # (audit, verified p20–p26: totals, sources, 基本/项目, class amounts, 公用经费 480.66, 三公).
    wrong = sorted((k, v) for k, v in verdicts.items() if v != "ok")
    assert wrong == [
        (("一般公共预算财政拨款基本支出 5377.64 万元", "5364.75"), "error"),
        (("人员经费 4896.98 万元", "4884.09"), "error"),
        (("卫生健康支出(类)236.63 万元", "236.64"), "rounding"),
    ]
    assert len(figures) >= 25
    # XREF001/XREF002 report these three pairs already, so DISC005/006 stay silent and
    # each mistake is reported once.
    found = lint(corpus_file("putuo-ghzy-2024.pdf"), select=["DISC005", "DISC006", "XREF001", "XREF002"])
    pages = sorted((f.code, f.location.page) for f in found if f.location.page in (21, 24))
    assert pages == [("XREF001", 24), ("XREF001", 24), ("XREF002", 21)]


def test_text_figure_differs_from_table(tmp_path):
    def mutate(text, tables):
        text[6] = text[6].replace("基本支出70.00万元", "基本支出71.00万元")

    found = lint(txt(tmp_path, mutate), select=["DISC005"])
    assert len(found) == 1
    f = found[0]
    assert "71.00" in f.message and "70.00" in f.message and "相差 1.00 万元" in f.message
    assert f.location.line == 7 and f.related[0].location.table == 3


def test_text_figure_against_a_yuan_workbook(tmp_path):
    def mutate(text, tables):
        text[2] = text[2].replace("110.00", "111.00")

    found = unit(tmp_path, mutate, xlsx_unit="元", select=["DISC005"])
    assert len(found) == 1
    f = found[0]
    assert "110.00万元（1100000.00元）" in f.message and f.related[0].location.path.endswith("附表.xlsx")
    assert f.location.path.endswith("说明.txt")


def test_text_figure_rounding_only(tmp_path):
    def mutate(text, tables):
        # 10.01 vs 10.00: one unit in the last place, the intervals touch at 10.005.
        text[4] = text[4].replace("事业收入10.00万元", "事业收入10.01万元")

    found = lint(txt(tmp_path, mutate), select=["DISC005", "DISC006"])
    assert [f.code for f in found] == ["DISC006"]


def test_transposed_sangong_table_of_the_example():
    # examples/qingshui-2024-juesuan.txt (made up by the project): its 三公 table has the items
    # as rows; 合计 预算数 15.50 ≠ 0.00 + 12.00 + 3.00 is the injected mistake. SUM003 reads it
    # too, so DISC001 does not repeat it; the clean version gives nothing.
    root = Path(__file__).resolve().parents[1] / "examples"
    found = lint(root / "qingshui-2024-juesuan.txt", select=["DISC001", "SUM003"])
    assert [(f.code, "15.50" in f.message) for f in found if f.location.table == 1] == [("SUM003", True)]
    assert codes(lint(root / "qingshui-2024-juesuan-clean.txt", select=MINE)) == []


def _link_mistake(text, tables):
    t6 = _table(tables, "一般公共预算财政拨款基本支出决算表")
    t6["rows"][0][2], t6["rows"][1][2], t6["rows"][5][2] = "51.00", "31.00", "53.00"


def _fund_mistake(text, tables):
    _table(tables, "政府性基金预算财政拨款收入支出决算表")["notes"][1] = (
        "说明：本单位本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"
    )


def _text_mistake(text, tables):
    text[6] = text[6].replace("基本支出70.00万元", "基本支出71.00万元")


@pytest.mark.parametrize("form", ["docx", "pdf"])
@pytest.mark.parametrize(
    ("mutate", "code"), [(_link_mistake, "DISC003"), (_fund_mistake, "BLANK002"), (_text_mistake, "DISC005")]
)
def test_mistakes_are_caught_in_docx_and_pdf(tmp_path, form, mutate, code):
    path = txt(tmp_path, mutate)
    out = to_docx(path, tmp_path / "r.docx") if form == "docx" else to_pdf(path, tmp_path / "r.pdf")
    assert codes(lint(out, select=MINE)) == [code]


def test_docx_text_with_xlsx_tables_side_by_side(tmp_path):
    text, tables = report(_text_mistake)
    note = to_docx(to_txt(tmp_path / "说明.txt", text, []), tmp_path / "说明.docx")
    book = to_xlsx(tmp_path / "附表.xlsx", tables)
    cfg = Config()
    cfg.select = MINE
    found = check_unit([note, book], Run.create(cfg, default_registry())).findings
    assert [f.code for f in found] == ["DISC005"]
    assert found[0].location.path.endswith("说明.docx") and found[0].related[0].location.path.endswith("附表.xlsx")


# -- silence on correct wording ------------------------------------------------------
def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "t.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_legitimate_wording_is_not_reported(tmp_path):
    path = _write(
        tmp_path,
        [
            "一、其他说明",
            "相关资产明细（请见附件）已另行公开。",  # a reference, not an instruction
            "项目支出决算占年初预算的105.20%，主要原因是追加了防汛经费。",  # a ratio to the budget may pass 100%
            "机关运行经费支出8.00万元，比上年减少1.00万元，下降11.11%。主要原因是压减办公开支。",
            "年初预算为10.00万元，支出决算为9.80万元，决算数与预算数基本持平。",  # 2% apart: within the 5% band
            "国有资产总额0.9997万元。",  # exact to the 元: not an excess of decimals
        ],
    )
    assert codes(lint(path, select=MINE)) == []


def test_yoy_change_of_sangong_without_reason(tmp_path):
    path = _write(tmp_path, ["一、说明", "“三公”经费支出3.00万元，比上年减少1.00万元，下降25.00%。"])
    found = lint(path, select=MINE)
    assert codes(found) == ["REASON001"] and "25.00%" in found[0].message


def test_sichuan_style_total_table_with_line_numbers(tmp_path):
    # 行次 columns and no 收入/支出 row above the headers: the sides come from the totals.
    rows = [
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["一、一般公共预算财政拨款收入", "1", "90.00", "一、一般公共服务支出", "29", "60.00"],
        ["二、事业收入", "2", "10.00", "二、教育支出", "30", "45.00"],
        ["本年收入合计", "3", "100.00", "本年支出合计", "31", "105.00"],
        ["年初结转和结余", "4", "10.00", "年末结转和结余", "32", "6.00"],
        ["总计", "5", "110.00", "总计", "33", "110.00"],
    ]
    lines = ["收入支出决算总表", "单位：万元"]
    for row in rows:
        lines += ["\t" + c for c in row] + [""]
    found = lint(_write(tmp_path, lines), select=["DISC001", "SUM003"])
    # 支出 side: 总计 110.00 ≠ 105.00 + 6.00 = 111.00.
    assert len(found) == 1 and "111.00" in found[0].message and found[0].location.column == 6


# -- the statement precheck of DISC005/DISC006 ---------------------------------------
def test_statement_precheck_matches_where_a_statement_does():
    from fiscalint.checks.disclosure import _CONNECT, _any_statement
    from fiscalint.facts.disclosure import builtin_pack

    statements = builtin_pack().statements
    precheck = _any_statement(statements)
    assert precheck is not None
    own = [re.compile(f"(?:{s['text']}){_CONNECT}") for s in statements]
    sentences = [
        "2024年度收入总计1065.56万元，支出总计1065.56万元。",
        "本年收入合计880.00万元，其中：财政拨款收入870.00万元，其他收入10.00万元。",
        "“三公”经费财政拨款支出决算为12.50万元，比上年减少1.20万元。",
        "一般公共预算财政拨款基本支出548.00万元，其中人员经费475.43万元。",
        "本部门无政府性基金预算财政拨款收入，也无国有资本经营预算财政拨款支出。",
        "主要职能是负责组织工作，内设机构6个。",
        "支出决算为4.50万元，完成预算的90.00%。",
    ]
    verdicts = [(bool(precheck.search(t)), any(p.search(t) for p in own)) for t in sentences]
    assert all(pre == any_own for pre, any_own in verdicts)
    assert any(pre for pre, _ in verdicts) and not all(pre for pre, _ in verdicts)


def test_statement_precheck_is_off_when_a_pack_pattern_refers_to_its_groups():
    from fiscalint.checks.disclosure import _any_statement

    # Joined into one alternation, \1 would point at another statement's group and
    # (?P=q) at a group that is no longer named: the precheck must stand aside.
    assert _any_statement([{"text": "(本年度|本年|全年)收入支出合计总计"}, {"text": '([“"])三公\\1经费支出'}]) is None
    assert _any_statement([{"text": '(?P<q>[“"])三公(?P=q)经费财政拨款支出决算'}]) is None
    assert _any_statement([{"text": "(?P<class>[一二三])类支出"}]) is not None


@pytest.mark.parametrize(
    "text",
    [
        "项目XX万元",
        "支出××万元",
        "某某单位",
        "原因待补充",
        "此处填写说明",
        "TODO",
        "TBD",
        "如持平作持平表述",
        "如无此项可不写",
        "不涉及的不列",
        "没有的可不填",
        "请根据实际情况罗列",
        "（请据实填写）",
    ],
)
def test_template_precheck_lets_every_pattern_through(text):
    """TEMPLATE001 searches its patterns only when one of their characters occurs."""
    from fiscalint.checks.disclosure import _TEMPLATE_CHARS, TEMPLATE_PATTERNS

    assert any(p.search(text) for p, _ in TEMPLATE_PATTERNS)
    assert _TEMPLATE_CHARS.search(text)
