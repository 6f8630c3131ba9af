"""PCT rules: shares, growth rates, direction words, completion rates.

Made-up reports (TXT layout, written here) for each statement pattern, the
corpus (every finding listed with the reason it is right; verified lines
silent), and the generated examples in TXT, DOCX and PDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import table_lines
from conftest import EXAMPLES, corpus_file, lint

PCT = ["PCT"]


def run(tmp_path: Path, text: str, select=None, **config) -> list:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return lint(path, select=select or PCT, **config)


def codes(findings) -> list[tuple[str, int | None]]:
    return [(f.code, f.location.line) for f in findings]


# --- shares -------------------------------------------------------------------------------------


def test_share_error_and_shares_not_adding_to_100(tmp_path):
    text = "本年收入合计200.00万元，其中：财政拨款收入150.00万元，占75.00%；事业收入50.00万元，占20.00%。\n"
    found = run(tmp_path, text)
    assert sorted(codes(found)) == [("PCT001", 1), ("PCT003", 1)]
    pct001 = next(f for f in found if f.code == "PCT001")
    assert pct001.message == "事业收入占比 20.00% ≠ 50.00 ÷ 本年收入合计 200.00 = 25.00%（相差 -5.00 个百分点）"


def test_correct_shares_are_silent(tmp_path):
    text = "本年支出合计1,378.33万元，其中：基本支出578.10万元，占41.94%；项目支出800.23万元，占58.06%。\n"
    assert run(tmp_path, text) == []


def test_share_of_100_while_another_part_is_not_zero(tmp_path):
    text = "本年收入合计100.00万元，其中：财政拨款收入99.99万元，占100%；其他收入0.01万元，占0%。\n"
    found = run(tmp_path, text)
    assert codes(found) == [("PCT002", 1)] and found[0].level == "note"


def test_share_of_a_total_stated_earlier(tmp_path):
    text = (
        "2024年本年支出合计500.00万元，其中：基本支出300.00万元，占60.00%；项目支出200.00万元，占40.00%。\n"
        "2024年一般公共预算财政拨款支出450.00万元，占本年支出合计的95.00%。\n"
    )
    found = run(tmp_path, text)
    assert codes(found) == [("PCT001", 2)]
    assert "450.00 ÷ 本年支出合计 500.00 = 90.00%" in found[0].message
    assert found[0].related[0].location.line == 1


def test_share_of_a_total_uses_its_latest_statement_before(tmp_path):
    # The nearest earlier statement wins, and a label that ends with the name counts
    # (部门本年支出合计); a later share of the same name sees the statements since.
    text = (
        "本年支出合计400.00万元。\n"
        "部门本年支出合计500.00万元。\n"
        "基本支出450.00万元，占本年支出合计的90.00%。\n"
        "本年支出合计600.00万元。\n"
        "项目支出300.00万元，占本年支出合计的60.00%。\n"
    )
    found = run(tmp_path, text)
    assert codes(found) == [("PCT001", 5)]
    assert "300.00 ÷ 本年支出合计 600.00 = 50.00%" in found[0].message
    assert found[0].related[0].location.line == 4


def test_full_width_digits_and_percent_sign(tmp_path):
    # The facts test for 元, 占 and % on the text as printed, before normalizing it: ％ counts.
    text = (
        "本年支出合计500.00万元。\n项目支出３００．００万元，占本年支出合计的６５．００％。\n"
        "本年收入合计２００万元，其中：财政拨款收入１５０万元，占７５％；事业收入５０万元，占２０％。\n"
        "项目全年预算数４４．０３万元，执行数为２３．９２万元，完成预算５０．３５％。\n"
    )
    assert sorted(codes(run(tmp_path, text))) == [("PCT001", 2), ("PCT001", 3), ("PCT003", 3), ("PCT007", 4)]


def test_truncated_share_is_rounding(tmp_path):
    text = "本年支出合计9759.38万元。\n一般公共预算财政拨款支出9746.50万元，占本年支出合计的99.86%。\n"
    found = run(tmp_path, text)
    assert codes(found) == [("PCT002", 2)]


# --- growth rates and direction words ----------------------------------------------------------------


def test_growth_rate_error(tmp_path):
    text = "2024年度收、支总计均为1,676.20万元。与2023年度相比，收、支总计各增加86.45万元，增长5.16%。\n"
    found = run(tmp_path, text)
    assert codes(found) == [("PCT004", 1)]
    assert "86.45 ÷ 上年数（1,676.20 − 86.45 = 1589.75）= 5.44%" in found[0].message


def test_growth_rate_correct_and_rounding(tmp_path):
    assert run(tmp_path, "机关运行经费支出86.57万元，比上年增加8.44万元，增长10.80%。\n") == []
    found = run(tmp_path, "机关运行经费支出55.98万元，比上年减少11.64万元，下降17.22%。\n")
    assert codes(found) == [("PCT005", 1)] and found[0].level == "note"


def test_direction_words_contradict(tmp_path):
    found = run(tmp_path, "培训费支出50.00万元，比上年增加10.00万元，下降25.00%。\n")
    assert codes(found) == [("PCT006", 1)]
    found = run(tmp_path, "培训费支出50.00万元，与上年持平，减少2.00万元。\n")
    assert codes(found) == [("PCT006", 1)]
    found = run(tmp_path, "培训费支出50.00万元，比上年减少2.00万元，下降（增长）3.85%。\n")
    assert codes(found) == [("PCT006", 1)] and "下降（增长）" in found[0].message


def test_flat_elsewhere_in_the_sentence_is_not_a_contradiction(tmp_path):
    text = "“三公”经费支出0.39万元，比上年减少0.15万元，下降27.78%，其中：因公出国（境）费与上年持平。\n"
    assert run(tmp_path, text) == []


def test_rate_without_percent_sign(tmp_path):
    found = run(tmp_path, "一般公共预算财政拨款支出9746.50万元，比上年增加1193.20万元，增长13.95。\n")
    assert codes(found) == [("PCT009", 1)] and "13.95%" in found[0].message


# --- completion / execution rates -------------------------------------------------------------------


def test_completion_rate_error_and_rounding(tmp_path):
    found = run(tmp_path, "项目全年预算数44.03万元，执行数为23.92万元，完成预算54.35 %。\n")
    assert codes(found) == [("PCT007", 1)] and "54.33%" in found[0].message
    found = run(
        tmp_path, "一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.45%。\n"
    )
    assert codes(found) == [("PCT008", 1)]


def test_completion_rate_silent_without_both_amounts_or_with_topped_up_budget(tmp_path):
    text = (
        "“三公”经费财政拨款支出决算为1万元，完成预算38.46%。\n"
        "上年结转2.65万元，年初预算153.03万元，年中追加105.78万元，实际支付项目资金261.46万元，执行率100%。\n"
        "项目全年预算数100万元，执行数为83.89万元，完成预算的83.89%。\n"
    )
    assert run(tmp_path, text) == []


# --- the corpus -----------------------------------------------------------------------------------------


def test_anju_corpus_is_silent():
    # L38, L53, L60, L131 growth rates and L43, L48, L65 shares are all right (audit "Verified consistent").
    assert lint(corpus_file("anju-zuzhibu-2023-juesuan.txt"), select=PCT) == []


def test_lizhou_corpus():
    found = lint(corpus_file("lizhou-zuzhibu-2021-juesuan.txt"), select=PCT)
    assert codes(found) == [("PCT002", 54), ("PCT002", 85), ("PCT005", 136), ("PCT005", 146), ("PCT007", 361)]
    # lizhou-11: 1065.48 / 1065.56 = 99.99% stated 100% (rounding, note).
    # lizhou-15 (note row): 1285.87 / 本年支出合计 1286.09 = 99.98% stated 100% — a note, as the audit says.
    # lizhou-19 (note row): 0.38 / (0.9997 + 0.38) = 27.54% vs 27.56%, within input rounding: note.
    # lizhou-23: 11.64 / 67.62 = 17.21% vs 17.22%: rounding (note).
    # lizhou-37: 23.92 / 44.03 = 54.33% vs 54.35%: the interval tops out at 54.344%, so an error.
    assert [f.level for f in found] == ["note", "note", "note", "note", "error"]
    # Verified lines stay silent: L46 (5.66%), L65 (49.02/50.98%), L85 growth 62.96%, L94 shares, L242, L387, L464, L546.
    assert not {46, 65, 94, 242, 387, 464, 546} & {f.location.line for f in found}


def test_yiyang_corpus_is_silent():
    # L17: 执行率100% is of 年初 + 追加 + 结转 (261.46/261.46), not of the 年初预算 alone.
    assert lint(corpus_file("yiyang-zuzhibu-2022-zipingbaogao.txt"), select=PCT) == []


def test_putuo_pdf_corpus():
    found = lint(corpus_file("putuo-ghzy-2024.pdf"), select=PCT)
    if any(f.code.startswith("E") for f in found):
        pytest.skip("PDF reader not available")
    got = {(f.code, f.location.page) for f in found}
    # PGH-15: 9746.50 / 9759.38 = 99.868% printed 99.86% (truncated): rounding note.
    # PGH-20: 9746.50 / 10210.34 = 95.457% printed 95.45% (truncated): rounding note.
    # PGH-16: "增长 13.95。" lacks its % sign. PGH-28: "下降（增长）27.78%" template wording.
    assert {("PCT002", 21), ("PCT008", 21), ("PCT009", 21), ("PCT006", 25)} <= got


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_examples_same_findings_in_every_form(ext):
    found = lint(EXAMPLES / f"qingshui-2024-juesuan.{ext}", select=PCT)
    # QS-J01: 86.45 / (1676.20 − 86.45) = 5.44% ≠ 5.16%; QS-J02: 48.60 / 1676.20 = 2.90% ≠ 2.09%,
    # and with it the shares add to 99.19%.
    assert sorted(f.code for f in found) == ["PCT001", "PCT003", "PCT004"]
    assert lint(EXAMPLES / f"qingshui-2024-juesuan-clean.{ext}", select=PCT) == []


# --- rates in table cells ---------------------------------------------------------------------------------


def test_execution_rate_cell_in_a_self_evaluation_table(tmp_path):
    # Only the money and rate cells are read; the 分值/得分 columns are left to the SCORE rules.
    rows = [
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "80.00", "80.00", "{a}", "10分", "96.50%", "9.65"],
        ["", "其中：当年财政拨款", "80.00", "80.00", "{a}", "", "", ""],
    ]
    text = "项目支出绩效自评表\n" + table_lines([[c.format(a="77.20") for c in r] for r in rows]) + "\n说明。\n"
    assert run(tmp_path, text) == []
    text = "项目支出绩效自评表\n" + table_lines([[c.format(a="72.20") for c in r] for r in rows]) + "\n说明。\n"
    found = run(tmp_path, text)
    assert [f.code for f in found] == ["PCT007"]
    assert found[0].location.table == 1 and found[0].location.column == 7
    assert "72.20 ÷ 全年预算数 80.00 = 90.25%" in found[0].message


def test_growth_rate_cell_in_a_table(tmp_path):
    rows = [
        ["项目", "预算数", "决算数", "决算数比上年增减"],
        ["", "", "", "增减额", "增减率"],
        ["合计", "15.00", "13.20", "-1.35", "{r}"],
        ["公务接待费", "3.00", "2.34", "-0.31", "-11.70%"],
    ]
    ok = "“三公”经费支出决算表\n" + table_lines([[c.format(r="-9.28%") for c in r] for r in rows]) + "\n说明。\n"
    bad = "“三公”经费支出决算表\n" + table_lines([[c.format(r="-8.28%") for c in r] for r in rows]) + "\n说明。\n"
    assert run(tmp_path, ok) == []
    found = run(tmp_path, bad)
    # -1.35 / (13.20 + 1.35 = 14.55) = -9.28%, not -8.28%.
    assert [f.code for f in found] == ["PCT004"] and "14.55" in found[0].message and "-9.28%" in found[0].message


def test_share_of_a_non_total_stated_in_another_paragraph_is_not_guessed(tmp_path):
    # "全年预算" of another project stated earlier is not this project's budget.
    text = "甲项目全年预算100.00万元，执行数100.00万元。\n乙项目执行数50.00万元，占全年预算的80.00%。\n"
    assert run(tmp_path, text) == []


def test_growth_of_income_is_not_checked_against_an_expenditure_figure(tmp_path):
    text = "一般公共预算财政拨款收入500.00万元。与上年相比，一般公共预算财政拨款支出增加50.00万元，增长20.00%。\n"
    assert run(tmp_path, text) == []


# --- totals stated before the statement (issue 4, mutation benchmark) -------------------------

THREE_PUBLIC = (
    "2024年度“三公”经费财政拨款支出决算为13.20万元，完成预算的88.00%。\n"
    "（二）“三公”经费财政拨款支出决算具体情况说明\n"
    "2024年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.00万元，占0.00%；"
    "公务用车购置及运行维护费支出决算10.86万元，占{a}%；公务接待费支出决算2.34万元，占17.73%。具体情况如下：\n"
)


def test_shares_of_a_total_stated_in_the_paragraph_before(tmp_path):
    assert run(tmp_path, THREE_PUBLIC.format(a="82.27")) == []
    found = run(tmp_path, THREE_PUBLIC.format(a="81.77"))
    # 10.86 / 13.20 = 82.27%, and 0.00 + 81.77 + 17.73 = 99.50 ≠ 100.
    assert sorted(codes(found)) == [("PCT001", 3), ("PCT003", 3)]
    assert "10.86 ÷ “三公”经费财政拨款支出决算 13.20 = 82.27%" in found[0].message + found[1].message


def test_share_list_without_its_total_or_with_another_total_is_silent(tmp_path):
    # No 三公 total stated before: the shares are not checked against a guessed figure.
    assert run(tmp_path, THREE_PUBLIC.format(a="81.77").split("\n", 2)[2]) == []
    # A figure with that name whose parts do not add up to it is not their total.
    other = THREE_PUBLIC.replace("13.20万元", "15.00万元")
    assert run(tmp_path, other.format(a="81.77")) == []
    # A zero total: 占0% for every part is right.
    zero = (
        "“三公”经费财政拨款支出决算为0万元。\n"
        "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0万元，占0%；公务接待费支出决算0万元，占0%。\n"
    )
    assert run(tmp_path, zero) == []


GRAND = (
    "本单位收入总计1344.64万元，其中：本年收入合计1065.56万元，年初结转和结余279.08万元。\n"
    "本单位支出总计{s}万元，其中：本年支出合计1286.09万元，年末结转和结余{c}万元。\n"
    "收入、支出总计与上年相比各增加72.08万元，增长{r}%。\n"
)


def test_growth_of_totals_stated_in_the_paragraphs_before(tmp_path):
    assert run(tmp_path, GRAND.format(s="1344.64", c="58.55", r="5.66")) == []
    found = run(tmp_path, GRAND.format(s="1344.64", c="58.55", r="5.16"))
    # 72.08 / (1344.64 − 72.08 = 1272.56) = 5.66%.
    assert codes(found) == [("PCT004", 3)] and "1272.56" in found[0].message and "5.66%" in found[0].message


def test_growth_of_totals_with_different_values_is_not_guessed(tmp_path):
    # 收入总计 and 支出总计 differ: "各增加…增长p%" cannot be about one figure.
    assert run(tmp_path, GRAND.format(s="1345.64", c="59.55", r="5.16")) == []
