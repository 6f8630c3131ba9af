"""Fact extraction for the sum and percentage rules: amounts, percents,
breakdowns, change / rate statements, table views, and the tolerance verdicts.

All sentences here are made up for the tests.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from builders import table_lines
from fiscalint.facts.amounts import budget_kind, clean_label, find_amounts, find_percents
from fiscalint.facts.breakdowns import class_checks, document_breakdowns
from fiscalint.facts.numbers import Num
from fiscalint.facts.statements import paragraph_changes, paragraph_rates
from fiscalint.facts.tables import document_table_sums, view_of
from fiscalint.facts.tolerance import ERROR, OK, ROUNDING, check_sum, exceeds, growth, harmonise, rate, share
from fiscalint.model import Location, Paragraph
from fiscalint.readers import Limits
from fiscalint.readers.text import TextReader


def n(text: str) -> Num:
    num = Num.parse(text)
    assert num is not None
    return num


def para(text: str) -> Paragraph:
    return Paragraph(text, Location("t.txt", line=1))


def read(tmp_path: Path, text: str, name: str = "r.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return TextReader().read(str(path), path.read_bytes(), Limits())


# --- amounts and percents -------------------------------------------------------------


def test_amounts_keep_printed_decimals_and_thousands_separators():
    (a,) = find_amounts("2023年度本年支出合计1,378.33万元。")
    assert a.num.value == Decimal("1378.33") and a.num.decimals == 2
    assert a.unit == "万元" and a.label == "本年支出合计"


def test_amounts_full_width_digits_and_negative_forms():
    (a,) = find_amounts("基本支出５７８．１０万元")
    assert a.num.value == Decimal("578.10") and a.num.decimals == 2
    (b,) = find_amounts("结余（12.50）万元")
    assert b.num.value == Decimal("-12.50")
    (c,) = find_amounts("差额-3.2万元")
    assert c.num.value == Decimal("-3.2")


def test_amounts_in_yuan_convert_to_wan_with_more_decimals():
    (a,) = find_amounts("公用经费865,700元")
    assert a.unit == "元"
    assert a.wan.value == Decimal("86.57") and a.wan.decimals == 4


def test_labels_drop_years_and_trailing_verbs():
    assert [clean_label(x) for x in ("2023年本年支出合计为", "基本支出共计 ", "合计为\n", "支出为达")] == [
        "本年支出",
        "基本支出",
        "",
        "支出",
    ]
    (a,) = find_amounts("支出为达100元")
    assert a.label == "支出"


def test_text_without_a_money_unit_has_no_amounts():
    assert find_amounts("增长12.5%，较上年减少3人") == []


def test_thresholds_and_garbled_units_are_not_amounts():
    assert find_amounts("单价100万元以上设备0台") == []
    # "14元万" is a typo for 14万元: neither reading is safe.
    assert find_amounts("执行数为14元万") == []


def test_percents_with_space_and_integer():
    ps = find_percents("占85.38%，增长5.09%，完成预算54.35 %，占100%")
    assert [p.num.text for p in ps] == ["85.38", "5.09", "54.35", "100"]
    assert [p.num.decimals for p in ps] == [2, 2, 2, 0]


def test_budget_labels():
    assert budget_kind("年初预算为") == "年初"
    assert budget_kind("项目全年预算数") == "全年"
    assert budget_kind("一般公共预算财政拨款支出") is None


# --- tolerance --------------------------------------------------------------------------


def test_sum_verdicts_at_the_interval_boundary():
    # 0.50 + 0.49 = 0.99; intervals [0.985, 0.995] and [0.995, 1.005] just touch: rounding.
    assert check_sum(n("1.00"), [n("0.50"), n("0.49")]).verdict == ROUNDING
    # 0.49 + 0.49 = 0.98: [0.97, 0.99] cannot reach [0.995, 1.005]: error.
    assert check_sum(n("1.00"), [n("0.49"), n("0.49")]).verdict == ERROR
    assert check_sum(n("1.00"), [n("0.51"), n("0.49")]).verdict == OK
    # An extra absolute tolerance turns the error into rounding.
    assert check_sum(n("1.00"), [n("0.49"), n("0.49")], Decimal("0.01")).verdict == ROUNDING


def test_printed_zero_is_exact_and_short_amounts_take_the_statement_precision():
    # 1065.48 + 0 + 0.09 = 1065.57 vs 1065.56: the zero adds no slack, so only rounding.
    assert check_sum(n("1065.56"), [n("1065.48"), n("0"), n("0.09")]).verdict == ROUNDING
    # "95" beside two-decimal figures is 95.00, so 0.23 off is an error, not hidden by ±0.5.
    assert check_sum(n("1285.87"), [n("1190.87"), n("95")]).verdict == OK
    assert check_sum(n("1285.87"), [n("1191.10"), n("95")]).verdict == ERROR
    assert [x.decimals for x in harmonise([n("95"), n("20.1"), n("0.9997")])] == [2, 2, 4]


def test_exceeds():
    assert exceeds(n("100.00"), [n("120.00")])
    assert not exceeds(n("100.00"), [n("100.01")])  # within rounding


def test_share_growth_and_rate_verdicts():
    assert share(n("33.33"), n("1.00"), n("3.00")).verdict == OK
    assert share(n("33.34"), n("1.00"), n("3.00")).verdict == ROUNDING
    assert share(n("40.00"), n("1.00"), n("3.00")).verdict == ERROR
    assert share(n("50"), n("1"), n("0")) is None  # no share of a zero total
    # 11.64 / (55.98 + 11.64) = 17.21%: 17.22 is reachable only through rounding of the inputs.
    assert growth(n("17.22"), n("55.98"), n("11.64"), -1).verdict == ROUNDING
    assert growth(n("18.15"), n("1378.33"), n("211.74"), +1).verdict == OK
    assert growth(n("5.16"), n("1676.20"), n("86.45"), +1).verdict == ERROR
    # 23.92 / 44.03 = 54.33%: the interval tops out at 54.344 < 54.345, so 54.35 is an error.
    assert rate(n("54.35"), n("23.92"), n("44.03")).verdict == ERROR
    # 9746.50 / 10210.34 = 95.457%: 95.45 is a truncation, one unit off: rounding.
    assert rate(n("95.45"), n("9746.50"), n("10210.34")).verdict == ROUNDING


# --- breakdowns ---------------------------------------------------------------------------


def test_inline_breakdown_with_shares_is_complete(tmp_path):
    doc = read(
        tmp_path, "本年收入合计100.00万元，其中：财政拨款收入90.00万元，占90.00%；其他收入10.00万元，占10.00%。\n"
    )
    (b,) = document_breakdowns(doc)
    assert b.label == "本年收入合计" and b.total.value == Decimal("100.00")
    assert [(p.label, p.amount.num.text, p.share.num.text) for p in b.parts] == [
        ("财政拨款收入", "90.00", "90.00"),
        ("其他收入", "10.00", "10.00"),
    ]
    assert b.complete and b.why_complete == "shares" and b.share_sum_ok


def test_continued_breakdown_over_paragraphs(tmp_path):
    doc = read(
        tmp_path,
        "一般公共预算财政拨款基本支出50.00万元，其中：\n人员经费40.00万元，主要包括：基本工资等。\n"
        "公用经费10.00万元，主要包括：办公费等。\n",
    )
    (b,) = document_breakdowns(doc)
    assert b.kind == "continued" and b.complete and b.why_complete == "identity"
    assert [p.location.line for p in b.parts] == [2, 3]


def test_partial_list_is_not_complete(tmp_path):
    doc = read(tmp_path, "项目支出500.00万元，其中：培训费120.00万元，会议费80.00万元。\n")
    (b,) = document_breakdowns(doc)
    assert not b.complete


def test_change_amount_is_not_a_breakdown_total(tmp_path):
    doc = read(tmp_path, "支出决算100.00万元，比上年增加20.00万元，其中：人员经费增加10.00万元。\n")
    assert document_breakdowns(doc) == []


def test_item_list_and_class_totals(tmp_path):
    text = (
        "2024年一般公共预算财政拨款支出30.00万元，主要用于以下方面：一般公共服务（201）支出20.00万元，占66.67%；"
        "住房保障（221）支出10.00万元，占33.33%。\n"
        "2024年一般公共预算支出决算数为30.00万元，完成预算100%。其中：\n"
        "1.一般公共服务支出（201）组织事务（32）行政运行（01）：支出决算为12.00万元，完成预算100%。\n"
        "2.一般公共服务支出（201）组织事务（32）事业运行（50）：支出决算为8.10万元，完成预算100%。\n"
        "3.住房保障支出（221）住房改革支出（02）住房公积金（01）：支出决算为10万元，完成预算100%。\n"
    )
    doc = read(tmp_path, text)
    items = [b for b in document_breakdowns(doc) if b.kind == "items"]
    assert len(items) == 1 and [p.label for p in items[0].parts] == ["行政运行", "事业运行", "住房公积金"]
    assert [p.class_code for p in items[0].parts] == ["201", "201", "221"]
    checks = {
        c.part.amount.num.text: [m.amount.num.text for m in c.members] for c in class_checks(document_breakdowns(doc))
    }
    assert checks == {"20.00": ["12.00", "8.10"], "10.00": ["10"]}


# --- change and rate statements -------------------------------------------------------------


def test_change_statement_finds_current_by_subject():
    (cs,) = paragraph_changes(
        para("2023年度收、支总计均为1,378.33万元。与2022年度相比，收、支总计各增加66.81万元，增长5.09%。")
    )
    assert cs.direction == 1 and cs.rate.num.text == "5.09" and cs.current.num.text == "1,378.33"


def test_change_statement_without_subject_uses_same_sentence():
    (cs,) = paragraph_changes(para("机关运行经费支出55.98万元，比2020年减少11.64万元，下降17.22%。"))
    assert cs.direction == -1 and cs.current.num.text == "55.98" and cs.rate_direction == -1


def test_change_statement_with_unrelated_amount_before_has_no_current():
    (cs,) = paragraph_changes(para("培训费支出12.00万元。与上年相比，会议费增加2.00万元，增长10.00%。"))
    assert cs.current is None


def test_rate_statement_needs_both_amounts():
    (rs,) = paragraph_rates(para("项目全年预算数44.03万元，执行数为23.92万元，完成预算54.35 %。"))
    assert rs.budget.num.text == "44.03" and rs.actual.num.text == "23.92" and rs.rate.num.text == "54.35"
    assert paragraph_rates(para("三公经费支出决算为1万元，完成预算38.46%。")) == []


def test_rate_of_plain_budget_skipped_when_budget_was_topped_up():
    # 年初预算 plus 年中追加: the 执行率 is of the adjusted budget, which is not stated.
    text = "上年结转2.65万元，年初预算153.03万元，年中追加105.78万元，实际支付项目资金261.46万元，执行率100%。"
    assert paragraph_rates(para(text)) == []


# --- tables -------------------------------------------------------------------------------------


def test_table_view_and_code_hierarchy(tmp_path):
    rows = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
        ["20132", "组织事务", "100.00", "60.00", "40.00"],
        ["2013201", "行政运行", "60.00", "60.00", ""],
        ["2013202", "一般行政管理事务", "40.00", "", "40.00"],
        ["合计", "", "100.00", "60.00", "40.00"],
    ]
    doc = read(tmp_path, "一般公共预算财政拨款支出决算表\n单位：万元\n" + table_lines(rows) + "\n说明。\n")
    (table,) = doc.tables()
    v = view_of(table)
    assert v is not None and v.code_cols == [0] and v.label_cols == [1] and v.value_cols == [2, 3, 4]
    assert document_table_sums(doc) == []  # everything adds up


def test_score_tables_are_not_numeric_tables(tmp_path):
    rows = [["一级指标", "三级指标", "分值", "得分"], ["产出指标", "数量", "50", "45"], ["合计", "", "100", "90"]]
    doc = read(tmp_path, "项目支出绩效自评表\n" + table_lines(rows) + "\n说明。\n")
    (table,) = doc.tables()
    assert view_of(table) is None


def _spanned_three_public(values: list[str]):
    """The 三公 决算表 as a PDF or DOCX reader gives it: merged header cells with spans."""
    from fiscalint.model import Cell, Table

    loc = Location("t.pdf", page=1)

    def cell(text, r, c, rowspan=1, colspan=1):
        return Cell(text, loc.with_cell(1, r + 1, c + 1, text), r, c, rowspan, colspan)

    rows = [
        [cell("财政拨款“三公”经费", 0, 0, colspan=12)],
        [
            cell("合计", 1, 0, rowspan=2, colspan=2),
            cell("因公出国（境）费", 1, 2, rowspan=2, colspan=2),
            cell("公务用车购置及运行维护费", 1, 4, colspan=6),
            cell("公务接待费", 1, 10, rowspan=2, colspan=2),
        ],
        [
            cell("", 2, 0, colspan=2),
            cell("", 2, 2, colspan=2),
            cell("小计", 2, 4, colspan=2),
            cell("公务用车购置费", 2, 6, colspan=2),
            cell("公务用车运行维护费", 2, 8, colspan=2),
            cell("", 2, 10, colspan=2),
        ],
        [cell("预算数" if k % 2 == 0 else "决算数", 3, k) for k in range(12)],
        [cell(v, 4, k) for k, v in enumerate(values)],
    ]
    return Table(rows=rows, location=loc.with_cell(1, 1, 1, ""), index=1, title="财政拨款“三公”经费支出决算表")


def test_spanned_header_tree_checks_total_and_subtotal_by_measure():
    from fiscalint.facts.tables import table_sums

    good = ["20.00", "15.00", "0.00", "0.00", "12.00", "10.00", "4.00", "3.00", "8.00", "7.00", "8.00", "5.00"]
    assert table_sums(_spanned_three_public(good)) == []
    # 决算数: 合计 15.00 but 0.00 + 10.00 + 5.50 = 15.50; and 小计 10.00 ≠ 购置 3.00 + 运行 7.50 = 10.50.
    bad = list(good)
    bad[11] = "5.50"
    bad[9] = "7.50"
    found = table_sums(_spanned_three_public(bad))
    got = {(ts.column_label, ts.total.text, sum(n.value for _, n in ts.terms)) for ts in found}
    assert got == {
        ("合计/决算数", "15.00", Decimal("15.50")),
        ("公务用车购置及运行维护费/小计/决算数", "10.00", Decimal("10.50")),
    }


def test_a_range_dash_is_not_a_minus_sign():
    assert [a.num.value for a in find_amounts("单价10–20万元，差额-3.2万元")] == [Decimal(20), Decimal("-3.2")]


def test_count_hint_holds_the_first_character_of_every_count_unit():
    # find_counts skips texts COUNT_HINT_RE rejects: a unit added to COUNT_RE must be added there too.
    import re

    from fiscalint.facts.amounts import COUNT_HINT_RE, COUNT_RE, find_counts

    units = re.search(r"\(\?P<unit>(.*)\)", COUNT_RE.pattern).group(1).split("|")
    hint_class = re.search(r"\[(.*)\]", COUNT_HINT_RE.pattern).group(1)
    assert units and all(u[0] in hint_class for u in units)
    assert [a.num.text for a in find_counts("共有车辆5辆，其中：A 1辆、B 2辆。")] == ["5", "1", "2"]


def test_a_long_clause_cut_by_the_label_window_starts_after_its_year():
    # A long department name before the year would otherwise be cut mid-word.
    text = "某某市某某某某某某某某某某某某某某自治县教育体育局部门2020年度一般公共预算财政拨款“三公”经费支出预算为22.96万元"
    (a,) = find_amounts(text)
    assert a.label == "一般公共预算财政拨款“三公”经费支出预算"
    # A short clause keeps its whole label.
    (b,) = find_amounts("本部门2020年度“三公”经费支出预算为22.96万元")
    assert b.label == "“三公”经费支出预算"
