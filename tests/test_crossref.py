"""XREF rules: the same quantity stated twice with different values.

Made-up reports (TXT layout, written here) for each case the rule must tell
apart, and the corpus: every finding on it listed with the reason it is right,
and the reports whose repeated figures all agree checked to stay silent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import corpus_file
from fiscalint.checks import crossref
from fiscalint.config import Config
from fiscalint.engine import Run, check_file
from fiscalint.facts.numbers import Num
from fiscalint.facts.quantities import (
    COUNT_RE,
    Vocabulary,
    extract_counts,
    extract_statements,
    extract_statements_and_counts,
    normalize_project_name,
)
from fiscalint.packs import PackSet, builtin_pack_dir
from fiscalint.plugins import Registry
from fiscalint.readers.text import TextReader


def _registry() -> Registry:
    """Only the XREF rules and the shipped packs: these tests do not depend on other families."""
    reg = Registry()
    for rule in crossref.fiscalint_rules():
        rule.plugin = "fiscalint"
        reg.rules[rule.code] = rule
    reg.packs = sorted(builtin_pack_dir().glob("*.toml"))
    return reg


def xref(path: Path) -> list:
    cfg = Config()
    cfg.select = ["XREF"]
    return check_file(Path(path), Run.create(cfg, _registry())).findings


def found(findings) -> set[tuple[str, int]]:
    return {(f.code, f.location.line) for f in findings}


def write(tmp_path: Path, body: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


HEAD = "某某局2023年度部门决算公开说明\n第二部分 2023年度部门决算情况说明\n"


# --- made-up reports ---------------------------------------------------------


def test_conflict_is_reported_once_at_the_second_place(tmp_path):
    body = (
        HEAD + "一、收入决算情况说明\n"
        "2023年本年收入合计1000.00万元，其中：一般公共预算财政拨款收入1000.00万元，占100%。\n"
        "二、部门整体支出绩效评价\n"
        "2023年本年收入合计900.00万元。\n"
    )
    findings = xref(write(tmp_path, body))
    assert found(findings) == {("XREF001", 6)}
    f = findings[0]
    assert f.level == "error"
    assert "900.00" in f.message and "1000.00" in f.message and "100.00" in f.message
    assert f.message_en and "100.00" in f.message_en
    assert [r.location.line for r in f.related] == [4]


def test_same_value_and_interval_overlap_stay_silent(tmp_path):
    # 655.6 (one decimal) stands for [655.55, 655.65): 655.59 lies inside.
    body = (
        HEAD + "一、支出决算情况说明\n"
        "2023年本年支出合计1286.09万元，其中：基本支出630.5万元；项目支出655.59万元。\n"
        "二、部门整体支出绩效评价\n"
        "2023年本年支出合计1,286.09万元，其中：基本支出630.50万元；项目支出655.6万元。\n"
    )
    assert xref(write(tmp_path, body)) == []


def test_one_unit_in_the_last_place_is_a_rounding_note(tmp_path):
    body = (
        HEAD + "一、支出决算情况说明\n"
        "2023年本年支出合计1286.09万元。\n"
        "二、部门整体支出绩效评价\n"
        "2023年本年支出合计1286.10万元。\n"
    )
    findings = xref(write(tmp_path, body))
    assert found(findings) == {("XREF002", 6)}
    assert findings[0].level == "note"


def test_different_scopes_are_not_compared(tmp_path):
    # 财政拨款收入 is not 本年收入合计; 一般公共预算财政拨款基本支出 is not 基本支出
    # (all funds); a 基本支出 stated under a 一般公共预算财政拨款 heading takes
    # that heading's scope.
    body = (
        HEAD + "一、收入支出决算总体情况说明\n"
        "2023年本年收入合计1065.56万元；本年支出合计1286.09万元，其中：基本支出630.50万元。\n"
        "二、财政拨款收入支出决算总体情况说明\n"
        "2023年财政拨款收入1065.48万元。\n"
        "三、一般公共预算财政拨款基本支出决算情况说明\n"
        "2023年一般公共预算财政拨款基本支出630.28万元，其中：\n"
        "人员经费574.44万元。\n"
        "基本支出630.28万元。\n"
    )
    assert xref(write(tmp_path, body)) == []


def test_other_years_are_not_compared(tmp_path):
    body = (
        HEAD + "一、收入决算情况说明\n"
        "2023年本年收入合计1000.00万元。\n"
        "2022年本年收入合计800.00万元。\n"
        "上年本年收入合计800.00万元。\n"
        "与2022年相比，本年收入合计为1000.00万元，而当年收入合计为800.00万元。\n"
    )
    assert xref(write(tmp_path, body)) == []


def test_sub_units_and_budgets_are_not_the_department_total(tmp_path):
    # A sub-unit's 基本支出 and a budget figure (年初预算) are other quantities.
    body = (
        HEAD + "一、支出决算情况说明\n"
        "2023年本年支出合计1286.09万元，其中：基本支出630.50万元。\n"
        "二、其他说明\n"
        "档案服务中心基本支出80.00万元。\n"
        "年初预算基本支出600.00万元。\n"
        "基本支出约600万元。\n"
    )
    assert xref(write(tmp_path, body)) == []


PROJECT = (
    "{year}年{name}项目绩效自评报告\n"
    "一、项目概况\n"
    "（一）项目资金申报及批复情况\n"
    "本项目根据年度重点工作任务需要立项，财政预算资金{approved}万元。{note}\n"
    "二、项目实施及管理情况\n"
    "（一）资金计划、到位及使用情况\n"
    "项目全年预算数{budget}万元，执行数为{spent}万元，完成预算的{rate}。\n"
)


def project(name, approved, budget, spent, rate="100%", note="", year=2023):
    return PROJECT.format(name=name, approved=approved, budget=budget, spent=spent, rate=rate, note=note, year=year)


def test_per_project_figures_are_matched_by_project(tmp_path):
    # Two projects with different budgets: no conflict between them.
    body = "第四部分 附件\n" + project("干部培训", 30, 30, 30) + project("党建调研", 15, 15, 12, "80%")
    assert xref(write(tmp_path, body)) == []


def test_project_budget_stated_twice_differently(tmp_path):
    body = (
        "某某局2023年度部门决算\n第四部分 附件\n" + project("联系重点工作", 15, 5, 5) + project("党建调研", 15, 15, 12)
    )
    findings = xref(write(tmp_path, body))
    assert found(findings) == {("XREF001", 9)}
    assert "联系重点工作" in findings[0].message
    assert findings[0].related[0].location.line == 6


def test_an_adjusted_budget_is_not_a_conflict(tmp_path):
    body = "第四部分 附件\n" + project("联系重点工作", 15, 5, 5, note="年中预算调整，调减10万元。")
    assert xref(write(tmp_path, body)) == []


def test_prose_and_table_fragment_of_one_project(tmp_path):
    # PDF text flow: the table's values come before its title and the
    # project name line; they belong to the project named after them.
    body = (
        "某某局2023年度部门决算\n第四部分 附件\n"
        + project("城市社区党建", 100, 100, "83.89", "83.89%")
        + project("档案管理", 14, 14, 14)
        + " 实施单位 某某局\n"
        " 预算数： 100万元  执行数： 83.88万元\n"
        "2023年100万元以上（含）特定目标类部门预算项目绩效目标自评表\n"
        "（城市社区党建）\n"
        "主管部门及代码 某某局\n"
        " 实施单位 某某局\n"
        " 预算数： 14万元  执行数： 10万元\n"
        "2023年100万元以上（含）特定目标类部门预算项目绩效目标自评表\n"
        "主管部门及代码 某某局\n"
        "（其他项目）\n"
    )
    findings = xref(write(tmp_path, body))
    # 83.88 vs 83.89 of the same project: a rounding note at the table. The
    # 档案管理 prose (14) and the last table (10, named 其他项目) are two projects.
    assert found(findings) == {("XREF002", 18)}
    assert findings[0].related[0].location.line == 9


def test_counts_conflict_reported_at_both_places(tmp_path):
    body = (
        HEAD + "一、部门职责\n"
        "一是抓好干部队伍管理，调任公务员11人、晋升职级135人次。\n"
        "二是狠抓薄弱领域治理，94个老旧小区实现改造。\n"
        "二、项目绩效\n"
        "全区共完成职级晋升139人次。\n"
        "狠抓薄弱领域治理，95个老旧小区改造、治理两同步。\n"
    )
    findings = [f for f in xref(write(tmp_path, body)) if f.code == "XREF003"]
    # 135 vs 139 (the same phrase, words swapped) and 94 vs 95: nothing else
    # says which is right, so both places are reported, each pointing at the other.
    assert found(findings) == {("XREF003", 4), ("XREF003", 5), ("XREF003", 7), ("XREF003", 8)}
    assert all(f.level == "warning" and f.related for f in findings)


def test_counts_the_majority_decides_where(tmp_path):
    body = (
        HEAD + "一、部门职责\n"
        "打造人力资源市场，33家创新型人力资源机构入驻。\n"
        "二、项目绩效\n"
        "打造人力资源交易市场，36家创新型人力资源机构入驻。\n"
        "建设区域人力资源市场，36家人力资源机构入驻。\n"
    )
    findings = xref(write(tmp_path, body))
    assert found(findings) == {("XREF003", 4)}


def test_counts_that_are_not_the_same_fact_stay_silent(tmp_path):
    body = (
        HEAD + "一、部门职责\n"
        "举办培训班16期，轮训5500余人次。\n"
        "退休人员5人。\n"
        "本项目绩效目标为：建设示范社区20个。\n"
        "该类项目总数18个。\n"
        "全市共完成职级晋升500人次。\n"
        "比上年增加示范社区3个。\n"
        "二、项目绩效\n"
        "举办培训班16期，轮训5600余人次。\n"
        "划转在职人员117人、退休人员35人。\n"
        "建成示范社区25个。\n"
        "该类项目总数0个。\n"
        "全区共完成职级晋升139人次。\n"
    )
    assert xref(write(tmp_path, body)) == []


def test_sarif_and_json_carry_the_related_location(tmp_path):
    from click.testing import CliRunner

    from fiscalint import cli, plugins

    body = HEAD + "一、收入\n2023年本年收入合计1000.00万元。\n二、附件\n2023年本年收入合计900.00万元。\n"
    path = write(tmp_path, body)
    reg = _registry()
    orig = plugins.default_registry
    plugins.default_registry = lambda: reg
    try:
        out = tmp_path / "out.sarif"
        CliRunner().invoke(cli.main, ["check", "--isolated", "--format", "sarif", "-o", str(out), str(path)])
        sarif = json.loads(out.read_text(encoding="utf-8"))
    finally:
        plugins.default_registry = orig
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["XREF001"]
    related = results[0]["relatedLocations"]
    assert related[0]["physicalLocation"]["region"]["startLine"] == 4


# --- the extraction itself --------------------------------------------------------


def _statements(text: str):
    doc = TextReader().parse("t.txt", text.split("\n"))
    vocabulary = Vocabulary.from_packs(PackSet.load(sorted(builtin_pack_dir().glob("*.toml"))))
    return extract_statements(doc, vocabulary)


def test_longest_name_wins_and_units_are_read():
    st = _statements(HEAD + "2023年一般公共预算财政拨款基本支出630.28万元，公务接待费5000元。")
    assert [(s.quantity.id, s.scope, s.value.value) for s in st] == [
        ("basic-expenditure", "gpb", Num.parse("630.28").value),
        ("official-reception", "fiscal", Num.parse("0.5").value),
    ]


def test_garbled_unit_and_shares_are_not_statements():
    assert _statements(HEAD + "项目全年预算数14万元，执行数为14元万。") == []
    assert _statements(HEAD + "基本支出占49.02%。") == []


def test_a_count_is_a_whole_number_with_a_measure_word():
    text = "第3个，2.5个，1,000人，-3家，培训12人次，2021年，45名，3%个，12个月，7个"
    assert [m.group("num", "measure") for m in COUNT_RE.finditer(text)] == [("12", "人次"), ("45", "名"), ("7", "个")]


def test_one_walk_finds_what_the_two_extractors_find():
    path = corpus_file("lizhou-zuzhibu-2021-juesuan.txt")
    doc = TextReader().parse(str(path), path.read_text(encoding="utf-8").split("\n"))
    vocabulary = Vocabulary.from_packs(PackSet.load(sorted(builtin_pack_dir().glob("*.toml"))))
    statements, counts = extract_statements_and_counts(doc, vocabulary)
    assert statements and counts
    assert repr(statements) == repr(extract_statements(doc, vocabulary))
    assert repr(counts) == repr(extract_counts(doc))


def test_project_names_normalise():
    assert normalize_project_name("2021年城市社区党建及城乡综合治理项目绩效自评报告") == "城市社区党建及城乡综合治理"
    assert normalize_project_name("（“两新”组织党建）") == "两新组织党建"
    assert normalize_project_name("51090423T000007730113-党报党刊征订费") == "党报党刊征订费"


def test_vocabulary_pack_is_documented():
    packs = PackSet.load([builtin_pack_dir() / "vocabulary.toml"])
    vocabulary = Vocabulary.from_packs(packs)
    ids = {q.id for q in vocabulary.quantities}
    assert {"income-current-year", "fiscal-income", "basic-expenditure", "gpb-expenditure"} <= ids
    assert all(q.synonyms and q.per in ("document", "project") for q in vocabulary.quantities)
    assert vocabulary.scope_of("一般公共预算财政拨款基本支出决算情况说明") == "gpb"


# --- the corpus ---------------------------------------------------------------------

LIZHOU_EXPECTED = {
    # L210: the 部门整体 report's 本年收入合计 (and 一般公共预算财政拨款收入)
    # 1344.64 is really 收入总计; L54 gives 1065.56 and 1065.48 (audit lizhou-29).
    ("XREF001", 210),
    # L212: 本年支出合计 1286.10 vs 1286.09 at L45/L65: one cent (lizhou-30, rounding).
    ("XREF002", 212),
    # L437: 联系重点工作 全年预算数 5 vs 财政预算资金 15 at L430 (lizhou-38).
    ("XREF001", 437),
    # L655: the 城市社区党建 自评表 执行数 83.88 vs 83.89 in its report at L242
    # (lizhou-42, rounding).
    ("XREF002", 655),
    # L23/L305: 调任公务员 11 vs 4 (lizhou-35) and 晋升职级 135 vs 职级晋升 139
    # (lizhou-03): nothing says which is right, so both places.
    ("XREF003", 23),
    ("XREF003", 305),
    # L27/L249: 94 vs 95 老旧小区 改造 (lizhou-32), both places.
    ("XREF003", 27),
    ("XREF003", 249),
    # L30: 33家 创新型人力资源机构入驻, while L556 and L560 both say 36 (lizhou-04).
    ("XREF003", 30),
}


def test_lizhou_corpus_findings():
    findings = xref(corpus_file("lizhou-zuzhibu-2021-juesuan.txt"))
    assert found(findings) == LIZHOU_EXPECTED
    assert sum(1 for f in findings if f.code == "XREF001" and f.location.line == 210) == 2


@pytest.mark.parametrize("name", ["anju-zuzhibu-2023-juesuan.txt", "yiyang-zuzhibu-2022-zipingbaogao.txt"])
def test_corpus_reports_whose_repeats_agree_stay_silent(name):
    # anju: 本年收入/支出合计, 基本支出 578.10, 项目支出 800.23, 收/支总计 1378.33
    # and the counts of L146/L150 = L1575/L1813 are all stated alike (audit
    # "Verified consistent"); yiyang states no named quantity twice.
    assert xref(corpus_file(name)) == []


def test_lizhou_counts_extracted_only_where_unambiguous():
    path = corpus_file("lizhou-zuzhibu-2021-juesuan.txt")
    doc = TextReader().parse(str(path), path.read_text(encoding="utf-8").split("\n"))
    counts = {(c.location.line, c.value) for c in extract_counts(doc)}
    # Approximate figures (L17 5500余人次, L30 近700人 / 110余名 / 20余所) are never counts.
    assert not {(17, 5500), (30, 700), (30, 110), (30, 20), (444, 5500)} & counts


def test_a_second_report_with_the_same_outline_is_another_project(tmp_path):
    # The second report's title is not recognisable, but its outline starts
    # again (一、项目概况): its budget is not compared with the first project's.
    body = (
        "某某局2023年度部门决算\n第四部分 附件\n"
        + project("干部培训", 30, 30, 30)
        + project("x", 15, 15, 12).replace("2023年x项目绩效自评报告", "另一个专项的情况")
    )
    assert xref(write(tmp_path, body)) == []


def test_counts_of_two_different_projects_are_not_compared(tmp_path):
    body = (
        "某某局2023年度部门决算\n第四部分 附件\n"
        + project("干部培训", 30, 30, 30)
        + "培训基层治理骨干200名。\n"
        + project("党建调研", 15, 15, 15)
        + "培训基层治理骨干150名。\n"
    )
    assert xref(write(tmp_path, body)) == []


def table_lines(rows: list[list[str]]) -> str:
    """A table in the TXT layout: one TAB-led line per cell, a blank line after each row."""
    return "".join("".join(f"\t{c}\n" for c in row) + "\n" for row in rows)


def test_tables_are_the_authority_over_prose(tmp_path):
    # The 公开表 comes first, the text states another 基本支出 for the same
    # scope (一般公共预算财政拨款): reported at the text, pointing at the table.
    body = (
        "某某局2023年度部门决算\n第五部分 附表\n一般公共预算财政拨款支出决算表\n单位：万元\n"
        + table_lines(
            [
                ["项目", "合计", "基本支出", "项目支出"],
                ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
                ["合计", "100.00", "60.00", "40.00"],
            ]
        )
        + "\n第二部分 情况说明\n六、一般公共预算财政拨款基本支出决算情况说明\n"
        "2023年一般公共预算财政拨款基本支出62.00万元，其中：人员经费50.00万元。\n"
        "五、一般公共预算财政拨款支出决算情况说明\n"
        "一般公共预算财政拨款支出100.00万元，主要用于：一般公共服务支出（类）100.00万元。\n"
    )
    findings = xref(write(tmp_path, body))
    assert [(f.code, f.location.line) for f in findings] == [("XREF001", 24)]
    assert "62.00" in findings[0].message and "60.00" in findings[0].message
    assert findings[0].related[0].location.table == 1


def test_putuo_pdf_findings():
    # p24: 一般公共预算财政拨款基本支出 5377.64 and 人员经费 4896.98 in the text,
    # 5364.75 (表6 合计) and 4884.09 (表7 人员经费合计) in the tables (PGH-24/25).
    # 卫生健康支出 236.63 (总表, text) vs 236.64 (支出决算表, 表6) and 城乡社区支出
    # 3845.25 vs 3845.24: one-cent gaps, notes (PGH-04/05/06/18).
    findings = xref(corpus_file("putuo-ghzy-2024.pdf"))
    got = sorted((f.code, f.location.page) for f in findings)
    assert got == [("XREF001", 24), ("XREF001", 24), ("XREF002", 10), ("XREF002", 11), ("XREF002", 21)]
    text = " ".join(f.message for f in findings)
    for value in ("5377.64", "5364.75", "4896.98", "4884.09", "236.63", "236.64", "3845.25", "3845.24"):
        assert value in text


def test_a_project_reports_own_figures_are_not_the_departments(tmp_path):
    body = (
        HEAD + "一、支出决算情况说明\n"
        "2023年本年支出合计1286.09万元，其中：基本支出630.50万元；项目支出655.59万元。\n"
        "第四部分 附件\n" + project("干部培训", 30, 30, 30) + "项目支出30.00万元，基本支出0万元。\n"
    )
    assert xref(write(tmp_path, body)) == []


def test_table_units_are_converted(tmp_path):
    # A 公开表 in 元: 6,000,000.00 元 is 600.00 万元, as the text says.
    rows = [["项目", "本年支出合计", "基本支出", "项目支出"], ["合计", "10,000,000.00", "6,000,000.00", "4,000,000.00"]]
    body = (
        "某某局2023年度部门决算\n支出决算表\n单位：元\n"
        + table_lines(rows)
        + "\n三、支出决算情况说明\n2023年本年支出合计1000.00万元，其中：基本支出600.00万元；项目支出400.00万元。\n"
    )
    assert xref(write(tmp_path, body)) == []
    wrong = body.replace("基本支出600.00万元", "基本支出610.00万元")
    assert found(xref(write(tmp_path, wrong, "wrong.txt"))) == {("XREF001", 16)}


def test_parts_take_the_scope_of_their_total(tmp_path):
    # In one sentence the 基本支出 after 支出总计 is all funds, even though
    # 财政拨款收入 was named earlier in it; the 基本支出 of the 财政拨款 section differs.
    body = (
        HEAD + "一、收入支出决算总体情况说明\n"
        "2023年收入总计1000.00万元，其中财政拨款收入900.00万元；支出总计1000.00万元，其中基本支出600.00万元。\n"
        "二、财政拨款收入支出决算总体情况说明\n"
        "2023年财政拨款支出900.00万元，其中：基本支出550.00万元。\n"
    )
    assert xref(write(tmp_path, body)) == []


def test_a_figure_in_yuan_is_printed_in_yuan_and_the_gap_in_wan(tmp_path):
    # The 说明 says 1000.00万元, a later line 13,000,000.00元 (= 1300.00万元):
    # the message shows each figure with its own unit, the gap in 万元.
    body = (
        HEAD + "一、收入决算情况说明\n"
        "2023年财政拨款收入1000.00万元。\n"
        "二、部门整体支出绩效评价\n"
        "2023年财政拨款收入13,000,000.00元。\n"
    )
    findings = xref(write(tmp_path, body))
    assert found(findings) == {("XREF001", 6)}
    f = findings[0]
    assert "此处为13,000,000.00元" in f.message
    assert "为1000.00万元" in f.message
    assert "相差300.00万元" in f.message
    assert "13,000,000.00万元" not in f.message
    assert "13,000,000.00 元" in f.message_en and "300.00 万元" in f.message_en
    assert f.related[0].message == "财政拨款收入在此处为1000.00万元"


def test_two_figures_in_yuan_give_the_gap_in_yuan(tmp_path):
    body = (
        HEAD + "一、收入决算情况说明\n"
        "2023年财政拨款收入13,000,000.00元。\n"
        "二、部门整体支出绩效评价\n"
        "2023年财政拨款收入12,000,000.00元。\n"
    )
    findings = xref(write(tmp_path, body))
    assert found(findings) == {("XREF001", 6)}
    assert "相差1000000.00元" in findings[0].message


def test_an_items_own_basic_and_project_split_is_not_the_departments(tmp_path):
    # Each 功能分类 item (or class) is broken into its own 基本支出 and 项目支出:
    # those parts are the item's, so they never contradict the department's
    # 基本支出 stated above, nor one another.
    body = (
        HEAD + "一、一般公共预算财政拨款支出决算情况说明\n"
        "2023年一般公共预算财政拨款支出500.00万元，其中：基本支出420.00万元，项目支出80.00万元。\n"
        "行政运行300.00万元，其中：基本支出300.00万元，项目支出0万元。主要用于机关日常运转。\n"
        "一般行政管理事务80.00万元，其中：基本支出0万元，项目支出80.00万元。主要用于专项业务。\n"
        "社会保障和就业支出120.00万元，其中：基本支出120.00万元，项目支出0万元。\n"
    )
    assert xref(write(tmp_path, body)) == []
    # The department's own figure stated again with another value is still a conflict.
    wrong = body + "二、一般公共预算财政拨款基本支出决算情况说明\n2023年基本支出410.00万元。\n"
    assert found(xref(write(tmp_path, wrong, "wrong.txt"))) == {("XREF001", 9)}


def test_a_total_whose_narrower_scope_is_left_unsaid_is_not_keyed(tmp_path):
    # "财政拨款收入总计X，支出总计Y" means the 财政拨款 支出总计: it is not the report's
    # 支出总计 stated above. Asides in brackets do not narrow anything.
    body = (
        HEAD + "一、收入支出决算总体情况说明\n"
        "2023年度收入总计800.00万元（含使用非财政拨款结余），支出总计800.00万元（含年末结转和结余）。\n"
        "二、财政拨款收入支出决算总体情况说明\n"
        "2023年度财政拨款收入总计700.00万元（含年初财政拨款结转和结余），支出总计700.00万元。\n"
    )
    assert xref(write(tmp_path, body)) == []
    # The report's own 支出总计 stated again with another value is still a conflict.
    wrong = body + "三、部门整体支出绩效评价\n2023年度支出总计780.00万元。\n"
    assert found(xref(write(tmp_path, wrong, "wrong.txt"))) == {("XREF001", 8)}


@pytest.mark.parametrize(
    "total, part, again",
    [
        # A total the vocabulary does not spell (本年收入, 本年度支出) is the
        # department's: only an item's (a class, a 项) 其中 list is left out.
        ("2023年度本年收入500.00万元", "财政拨款收入450.00万元，其他收入50.00万元", "2023年度财政拨款收入460.00万元"),
        ("本年度支出500.00万元", "基本支出420.00万元，项目支出80.00万元", "2023年度基本支出410.00万元"),
        ("2023年度全年支出500.00万元", "基本支出420.00万元，项目支出80.00万元", "2023年度项目支出90.00万元"),
        # A total after the list is no part of it.
        (
            "2023年度本年收入500.00万元",
            "财政拨款收入450.00万元，其他收入50.00万元；本年支出合计500.00万元",
            "2023年度本年支出合计520.00万元",
        ),
    ],
    ids=["income-total", "this-years-spending", "full-year-spending", "total-after-list"],
)
def test_the_departments_own_qizhong_parts_are_still_compared(tmp_path, total, part, again):
    body = HEAD + f"一、收入支出决算情况说明\n{total}，其中：{part}。\n二、其他重要事项的情况说明\n{again}。\n"
    assert found(xref(write(tmp_path, body))) == {("XREF001", 6)}


def test_an_items_split_is_known_by_its_class_or_item_name(tmp_path):
    # A 项 marked as such, or numbered by its 功能分类 code, is an item too;
    # so is the list of several items split one after another.
    body = (
        HEAD + "一、一般公共预算财政拨款支出决算情况说明\n"
        "2023年一般公共预算财政拨款支出500.00万元，其中：基本支出420.00万元，项目支出80.00万元。\n"
        "1.人大事务(款)代表工作(项)60.00万元，其中：基本支出0万元，项目支出60.00万元。\n"
        "2.2010101 代表培训40.00万元，其中：基本支出40.00万元；项目支出0万元。\n"
        "3.行政运行：支出决算为300.00万元，其中：基本支出300.00万元，项目支出0万元。\n"
    )
    assert xref(write(tmp_path, body)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # 非财政拨款 is no 财政拨款.
        "2023年度收入总计500.00万元，包括本年收入450.00万元，使用非财政拨款结余20.00万元，"
        "年初结转和结余30.00万元，支出总计500.00万元",
        # A 其中 part does not narrow the total after the list.
        "2023年度收入总计500.00万元，其中：一般公共预算财政拨款收入450.00万元，其他收入50.00万元，支出总计500.00万元",
        # Nor does a total named in an aside.
        "2023年度收入总计500.00万元（含财政拨款收入450.00万元），支出总计500.00万元",
    ],
    ids=["non-fiscal", "part-before", "aside"],
)
def test_only_a_narrower_total_before_it_narrows_a_total(tmp_path, sentence):
    body = HEAD + f"一、收入支出决算总体情况说明\n{sentence}。\n二、支出决算情况说明\n2023年度支出总计520.00万元。\n"
    assert found(xref(write(tmp_path, body))) == {("XREF001", 6)}


def test_a_scope_word_in_a_clause_is_not_a_narrower_total(tmp_path):
    # The standard wording of 机关运行经费 names its source; the figure is still the report's.
    body = (
        HEAD + "一、机关运行经费支出情况说明\n"
        "2023年度本部门使用一般公共预算财政拨款安排的基本支出中，机关运行经费支出20.00万元，主要用于办公费、水电费等。\n"
        "二、其他重要事项的情况说明\n"
        "2023年度机关运行经费支出25.00万元。\n"
    )
    assert found(xref(write(tmp_path, body))) == {("XREF001", 6)}
    # Nor does a narrower figure before it in the same clause group: only a grand total
    # narrows a grand total (财政拨款收入总计X，支出总计Y).
    for before in ("财政拨款收入300.00万元", "财政拨款收入总计300.00万元", "一般公共预算财政拨款基本支出300.00万元"):
        after = body.replace("2023年度本部门使用", f"2023年度{before}，本部门使用")
        assert found(xref(write(tmp_path, after, "after.txt"))) == {("XREF001", 6)}, before


def test_a_narrower_figure_before_a_grand_total_does_not_narrow_it(tmp_path):
    """ "财政拨款收入450.00万元，本年收入合计500.00万元": the 本年收入合计 is the report's."""
    body = (
        HEAD + "一、收入决算情况说明\n2023年度本部门财政拨款收入450.00万元，本年收入合计500.00万元。\n"
        "二、收入支出决算总体情况说明\n2023年度本部门本年收入合计520.00万元。\n"
    )
    assert found(xref(write(tmp_path, body))) == {("XREF001", 6)}


def test_figures_with_thousands_separators_keep_an_items_split_its_own(tmp_path):
    """ "初中教育支出 2,065,405.42 元，其中：基本支出…": the commas inside the figure are not
    clause breaks, so the item's name is found and its split is not the department's."""
    body = (
        HEAD + "一、一般公共预算财政拨款支出决算情况说明\n"
        "2023年本年一般公共预算拨款支出 7,034,418.94 元，其中：基本支出 7,034,418.94 元，项目支出 0元。\n"
        "初中教育支出 2,065,405.42 元，其中：基本支出 2,065,405.42 元，项目支出 0元。\n"
        "高中教育支出 4,969,013.52 元，其中：基本支出 4,969,013.52 元，项目支出 0元。\n"
    )
    assert xref(write(tmp_path, body)) == []
