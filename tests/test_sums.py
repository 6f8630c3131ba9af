"""SUM rules: stated totals against their parts, in prose and in tables.

Made-up reports (TXT layout, written here) for each pattern, the corpus
(every finding listed with the reason it is right, and the lines the audits
verified staying silent), and the generated examples in TXT, DOCX and PDF.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from builders import table_lines
from conftest import EXAMPLES, corpus_file, lint

SUM = ["SUM001", "SUM002", "SUM003", "SUM004", "SUM005"]


def run(tmp_path: Path, text: str, select=None, name: str = "r.txt", **config) -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return lint(path, select=select or SUM, **config)


def codes(findings) -> list[tuple[str, int | None]]:
    return [(f.code, f.location.line) for f in findings]


# --- prose breakdowns -----------------------------------------------------------------------


BASIC = "2024年度一般公共预算财政拨款基本支出{t}万元，其中：\n人员经费{a}万元，主要包括：基本工资等。\n公用经费{b}万元，主要包括：办公费等。\n"


def test_basic_expenditure_parts_do_not_add_up(tmp_path):
    found = run(tmp_path, BASIC.format(t="578.10", a="475.43", b="86.57"))
    assert codes(found) == [("SUM001", 1)]
    assert found[0].level == "error"
    assert (
        found[0].message
        == "一般公共预算财政拨款基本支出 578.10万元 ≠ 人员经费 475.43 + 公用经费 86.57 = 562.00（相差 16.10）"
    )
    assert "difference 16.10" in found[0].message_en


def test_basic_expenditure_that_adds_up_is_silent(tmp_path):
    assert run(tmp_path, BASIC.format(t="562.00", a="475.43", b="86.57")) == []


def test_rounding_only_gap_is_a_note_with_its_own_code(tmp_path):
    text = "本年收入合计100.00万元，其中：财政拨款收入99.95万元，占99.95%；其他收入0.06万元，占0.06%。\n"
    found = run(tmp_path, text)
    assert codes(found) == [("SUM002", 1)] and found[0].level == "note"
    assert "= 100.01" in found[0].message and "尾差" in found[0].message


def test_abs_tolerance_option(tmp_path):
    text = BASIC.format(t="562.10", a="475.43", b="86.57")
    assert codes(run(tmp_path, text)) == [("SUM001", 1)]
    # An extra absolute tolerance of 0.2 accepts the 0.10 gap.
    found = run(tmp_path, text, rules={"SUM001": {"abs_tolerance": "0.2"}, "SUM002": {"abs_tolerance": "0.2"}})
    assert found == []


@pytest.mark.parametrize("unit,scale,decimals", [("元", 10000, 0), ("亿元", Decimal("0.0001"), 6)])
def test_abs_tolerance_is_in_wan_whatever_the_printed_unit(tmp_path, unit, scale, decimals):
    # A gap of 0.03万元 printed in 元 (300元) or in 亿元 (0.000003亿元), each figure to the 元.
    def figure(wan: str) -> str:
        return f"{Decimal(wan) * scale:.{decimals}f}{unit}"

    text = f"基本支出{figure('52.03')}，其中：人员经费{figure('45.00')}；公用经费{figure('7.00')}。\n"

    def tol(t: str) -> dict:
        return {"rules": {code: {"abs_tolerance": t} for code in ("SUM001", "SUM002")}}

    assert codes(run(tmp_path, text, **tol("0.01"))) == [("SUM001", 1)]
    assert run(tmp_path, text, **tol("0.05")) == []


def test_full_width_digits(tmp_path):
    found = run(tmp_path, "基本支出５７８．１０万元，其中：人员经费４７５．４３万元；公用经费８６．５７万元。\n")
    assert codes(found) == [("SUM001", 1)] and "16.10" in found[0].message


def test_a_numbered_item_run_into_the_paragraph_ends_the_parts_before_it(tmp_path):
    # Budget notes run their numbered items into one paragraph: "三、…" opens the next
    # item, so its figure is not one more part of item 二's 其中 list.
    text = (
        "2024年“三公”经费预算80万元：一、因公出国（境）费预算0万元，二、公务用车购置及运行费预算50万元，"
        "其中公务用车运行费{r}万元，与2023年预算相比减少5万元，公务用车购置费0万元，三、公务接待费预算30万元。\n"
    )
    assert run(tmp_path, text.format(r="50")) == []
    # Parts numbered themselves run on, and a real mistake in them is still caught.
    numbered = "2024年基本支出100.00万元，其中：（一）工资福利支出60.00万元；（二）商品和服务支出30.00万元；（三）对个人和家庭的补助20.00万元。\n"
    assert codes(run(tmp_path, numbered, name="n.txt")) == [("SUM001", 1)]


def test_a_numbered_run_that_opens_after_the_marker_is_the_parts(tmp_path):
    # The run of numbered parts may open after a comma or a lead (其中，（一）…; 其中主要有：（一）…);
    # its items are parts, and a sum past the total is still wrong.
    parts = "（一）工资福利支出60.00万元；（二）商品和服务支出30.00万元；（三）对个人和家庭的补助20.00万元。\n"
    for lead, code in (("，", "SUM001"), ("主要有：", "SUM001"), ("包括：", "SUM005")):  # 包括: maybe not all
        found = run(tmp_path, "2024年基本支出100.00万元，其中" + lead + parts)
        assert codes(found) == [(code, 1)] and "= 110.00" in found[0].message, lead
    # An item of the run's outer level that does not continue it still ends the parts.
    text = (
        "2024年“三公”经费预算80万元：一、因公出国（境）费预算0万元，二、公务用车购置及运行费预算50万元，"
        "其中：（一）公务用车购置费0万元；（二）公务用车运行费50万元，三、公务接待费预算30万元。\n"
    )
    assert run(tmp_path, text) == []
    # "三、四季度" is a list of quarters, not the next numbered item.
    quarters = "2023年度项目资金500.00万元，其中：上半年支出200.00万元，三、四季度支出310.00万元。\n"
    assert codes(run(tmp_path, quarters)) == [("SUM001", 1)]


def test_a_numbered_run_opens_at_its_first_item_whatever_the_lead(tmp_path):
    # Any words may stand between the marker and the first item (其中用于：, 其中具体为：,
    # 其中按经济分类：): the run opens at the first 一、/（一） before the first figure.
    parts = "（一）人员经费400.00万元；（二）公用经费80.00万元。\n"
    for lead in ("用于：", "具体为：", "主要是：", "按经济分类：", "，主要包括："):
        found = run(tmp_path, "2023年度基本支出500.00万元，其中" + lead + parts)
        assert codes(found) == [("SUM001", 1)] and "= 480.00" in found[0].message, lead


def test_a_numbering_typo_in_a_run_does_not_end_it(tmp_path):
    # A gap (（一）…；（三）…) or a repeat (（一）…；（一）…) at the run's own level is a typo
    # in the run, its items are still parts; only an item of a higher level ends it.
    for second in ("（三）", "（一）"):
        text = "2023年度基本支出500.00万元，其中：（一）人员经费400.00万元；" + second + "公用经费80.00万元。\n"
        found = run(tmp_path, text)
        assert codes(found) == [("SUM001", 1)] and "= 480.00" in found[0].message, second


def test_the_next_item_with_its_own_breakdown_ends_a_continued_list(tmp_path):
    # "X元，其中：" closes a paragraph and its parts follow, one paragraph each; the
    # items after it open their own 其中 lists and are not parts of the first.
    text = (
        "行政运行800.00万元，其中：\n"
        "基本支出800.00万元，主要用于机关日常运转。\n"
        "一般行政管理事务120.00万元，其中：基本支出0万元，项目支出120.00万元。\n"
        "事业运行60.00万元，其中：基本支出60.00万元，项目支出0万元。\n"
    )
    assert run(tmp_path, text) == []
    # A continued list whose own parts exceed the total is still reported.
    bad = "基本支出500.00万元，其中：\n人员经费420.00万元，主要包括：基本工资等。\n公用经费90.00万元，主要包括：办公费等。\n"
    assert codes(run(tmp_path, bad, name="bad.txt")) == [("SUM001", 1)]
    # Parts already past the total do not make it: the next paragraph with its own 其中 list
    # is one more part, and the sum of all of them is reported.
    exceed = "基本支出500.00万元，其中：\n人员经费520.00万元，主要包括工资福利支出。\n公用经费80.00万元，其中：办公费30.00万元，水电费50.00万元。\n"
    found = run(tmp_path, exceed, name="exceed.txt")
    assert codes(found) == [("SUM001", 1)] and "= 600.00" in found[0].message
    # Without an identity naming it a sibling, the next item with its own list still ends it.
    over = "行政运行800.00万元，其中：\n基本支出850.00万元，主要用于机关日常运转。\n一般行政管理事务120.00万元，其中：基本支出0万元，项目支出120.00万元。\n"
    found = run(tmp_path, over, name="over.txt")
    assert codes(found) == [("SUM005", 1)] and "= 850.00" in found[0].message


def test_a_part_with_its_own_breakdown_continues_the_list(tmp_path):
    # A part paragraph may detail itself (其中：…, 主要用于以下方面：…): until the parts
    # reach the total, it is one more part, and a sum past the total is wrong.
    head = "2023年度一般公共预算财政拨款基本支出500.00万元，其中：\n"
    for text in (
        head + "人员经费450.00万元，其中：工资福利支出400.00万元，对个人和家庭的补助50.00万元。\n"
        "公用经费80.00万元，其中：办公费30.00万元，其他商品和服务支出50.00万元。\n",
        head + "人员经费450.00万元，主要包括基本工资、津贴补贴、奖金等。\n"
        "公用经费80.00万元，主要用于以下方面：办公费、印刷费、水电费等。\n",
        "2023年度基本支出500.00万元，其中：人员经费450.00万元，主要包括基本工资等。\n"
        "公用经费80.00万元，其中：办公费30.00万元，其他商品和服务支出50.00万元。\n",
    ):
        found = run(tmp_path, text)
        assert codes(found) == [("SUM001", 1)] and "= 530.00" in found[0].message, text


def test_each_parts_own_budget_and_difference_are_not_parts(tmp_path):
    # Each part is followed by its own 年初预算 and the 差值 between them: only the
    # actual figures make up the actual total.
    text = (
        "2023年度“三公”经费支出3.10万元，年初预算为4.00万元，差值为0.90万元。其中：因公出国（境）费支出0万元，"
        "年初预算为0万元，差值为0万元；公务用车购置及运行维护费支出1.20万元，年初预算为1.50万元，差值为0.30万元；"
        "公务接待费支出{r}万元，年初预算为2.50万元，差值为0.60万元。\n"
    )
    assert run(tmp_path, text.format(r="1.90")) == []
    found = run(tmp_path, text.format(r="1.80"))
    assert codes(found) == [("SUM001", 1)] and "= 3.00" in found[0].message and "预算" not in found[0].message
    # The budget beside a part may be worded 年初预算安排, 全年预算资金, 年初预算数.
    text = (
        "2023年度“三公”经费支出40.00万元，其中：因公出国（境）费0万元，年初预算数0万元；公务用车购置及运行维护费"
        "30.00万元，年初预算安排35.00万元；公务接待费{r}万元，全年预算资金10.00万元。\n"
    )
    assert run(tmp_path, text.format(r="10.00")) == []
    found = run(tmp_path, text.format(r="9.00"))
    assert codes(found) == [("SUM001", 1)] and "= 39.00" in found[0].message and "预算" not in found[0].message


def test_parts_named_after_a_budget_are_parts(tmp_path):
    # Only a bare budget label (年初预算为…) beside a part is skipped: a fund
    # (一般公共预算, 政府性基金预算) or a budget report's own parts (基本支出预算)
    # are parts, and a sum past the total is still wrong.
    for text in (
        "2023年度财政拨款支出500.00万元，其中：一般公共预算450.00万元，政府性基金预算60.00万元。\n",
        "2024年度支出预算总额500.00万元，其中：基本支出预算300.00万元，项目支出预算210.00万元。\n",
        "2024年部门支出预算安排500.00万元，其中：人员经费预算280.00万元，公用经费预算30.00万元，项目经费预算200.00万元。\n",
    ):
        found = run(tmp_path, text)
        assert codes(found) == [("SUM001", 1)] and "= 510.00" in found[0].message, text


def test_labels_that_contain_a_difference_word_are_parts(tmp_path):
    # 差额 names a kind of funding (差额补助, 差额拨款单位), not the difference of two
    # figures (差值为…): such amounts are parts and totals like any other.
    for text in (
        "2023年度本年收入合计500.00万元，其中：财政拨款收入400.00万元，事业收入60.00万元，差额补助收入50.00万元。\n",
        "2023年度本年支出合计500.00万元，其中：全额拨款单位支出400.00万元，差额拨款单位支出110.00万元。\n",
        "2023年度下属差额拨款事业单位支出总额300.00万元，其中：基本支出200.00万元，项目支出110.00万元。\n",
    ):
        assert codes(run(tmp_path, text)) == [("SUM001", 1)], text


def test_a_breakdown_printed_in_yuan_is_quoted_in_yuan(tmp_path):
    # Budget 说明 are often written in 元 throughout: the message keeps the report's
    # unit for the total, the parts, their sum and the gap.
    ok = "2024年一般公共预算基本支出520300.50元，其中：人员经费450000.30元；公用经费70300.20元。\n"
    assert run(tmp_path, ok) == []
    bad = ok.replace("520300.50", "550000.50")
    found = run(tmp_path, bad)
    assert codes(found) == [("SUM001", 1)]
    assert "550000.50元 ≠ 人员经费 450000.30 + 公用经费 70300.20 = 520300.50（相差 29700.00）" in found[0].message
    assert "万元" not in found[0].message


def test_a_whole_yuan_total_stands_for_half_a_yuan_either_side(tmp_path):
    # Read in 元, the integer total 520300 took the parts' two decimals (±0.005元) and
    # 450000.30 + 70300.20 = 520300.50 was an error; a figure stands for ±0.5 of its last
    # printed unit, as it does once converted to 万元 (the verdict's unit).
    ok = "2024年一般公共预算基本支出520300元，其中：人员经费450000.30元；公用经费70300.20元。\n"
    assert run(tmp_path, ok) == []
    found = run(tmp_path, ok.replace("520300元", "520299元"))
    assert codes(found) == [("SUM001", 1)]
    assert "520299元 ≠ 人员经费 450000.30 + 公用经费 70300.20 = 520300.5（相差 -1.5）" in found[0].message


def test_a_breakdown_printed_in_yi_is_quoted_in_yi(tmp_path):
    # 1.20亿元 stands for ±0.005亿元 (±50万元): 0.55 + 0.66 = 1.21 is a rounding gap only.
    text = "2024年“三公”经费预算1.20亿元，其中：公务用车运行费0.55亿元；公务接待费0.66亿元。\n"
    found = run(tmp_path, text)
    assert codes(found) == [("SUM002", 1)]
    assert "1.20亿元 ≠ 公务用车运行费 0.55 + 公务接待费 0.66 = 1.21（相差 -0.01）" in found[0].message
    found = run(tmp_path, text.replace("0.66亿元", "0.76亿元"))
    assert codes(found) == [("SUM001", 1)] and "= 1.31（相差 -0.11）" in found[0].message


def test_parts_in_yuan_against_total_in_wan(tmp_path):
    ok = "基本支出57.81万元，其中：人员经费475,400元；公用经费102,700元。\n"
    bad = "基本支出57.81万元，其中：人员经费475,400元；公用经费102,000元。\n"
    assert run(tmp_path, ok) == []
    found = run(tmp_path, bad)
    assert codes(found) == [("SUM001", 1)] and "57.74" in found[0].message


def test_mixed_units_are_quoted_each_with_its_unit(tmp_path):
    # Terms printed in another unit than the total keep their own unit in the message;
    # the sum and the gap are in the total's unit, said beside them.
    found = run(tmp_path, "基本支出57.81万元，其中：人员经费475,400元；公用经费102,000元。\n")
    assert (
        "基本支出 57.81万元 ≠ 人员经费 475,400元 + 公用经费 102,000元 = 57.74万元（相差 0.07万元）" in found[0].message
    )
    text = "2024年政府采购预算52.03万元，其中：货物450000.30元；服务80000.20元。\n"
    found = run(tmp_path, text)
    assert codes(found) == [("SUM001", 1)]
    assert "政府采购预算 52.03万元 ≠ 货物 450000.30元 + 服务 80000.20元 = 53.00005万元（相差 -0.97005万元）" in (
        found[0].message
    )
    # A total in 元 is quoted in 元, not as 万元 beside a sum in 万元.
    text = "2024年机关运行经费预算520300.50元，其中：办公费45.00万元；水电费7.03万元。\n"
    found = run(tmp_path, text)
    assert codes(found) == [("SUM002", 1)]
    assert "机关运行经费预算 520300.50元 ≠ 办公费 45.00万元 + 水电费 7.03万元 = 520300.00元（相差 0.50元）" in (
        found[0].message
    )
    found = run(tmp_path, text.replace("520300.50元", "530300.50元"))
    assert codes(found) == [("SUM001", 1)] and "= 520300.00元（相差 10000.50元）" in found[0].message


def test_sum_and_gap_take_the_totals_decimals_and_only_nonzero_digits_beyond(tmp_path):
    # Converted to the total's unit, the sum and the gap are printed with the total's decimals,
    # more only while they are non-zero: 57.74 (not 57.7400), 0.5874 (not 0.587400), 1.1 (not 1.1000).
    cases = [
        (
            "本单位“三公”经费支出58.00万元，其中：因公出国（境）费300000元，"
            "公务用车购置及运行维护费200000元，公务接待费77400元。\n",
            "= 57.74万元（相差 0.26万元）",
            "= 57.74 万元 (difference 0.26 万元)",
        ),
        (
            "本部门本年支出合计0.60亿元，其中：基本支出5100.00万元，项目支出774.00万元。\n",
            "0.60亿元 ≠ 基本支出 5100.00万元 + 项目支出 774.00万元 = 0.5874亿元（相差 0.0126亿元）",
            "0.60 亿元 ≠ 基本支出 5100.00 万元 + 项目支出 774.00 万元 = 0.5874 亿元 (difference 0.0126 亿元)",
        ),
        (
            "2023年度项目支出1亿元，其中：设备购置6000万元，维修5000万元。\n",
            "项目支出 1亿元 ≠ 设备购置 6000万元 + 维修 5000万元 = 1.1亿元（相差 -0.1亿元）",
            "项目支出 1 亿元 ≠ 设备购置 6000 万元 + 维修 5000 万元 = 1.1 亿元 (difference -0.1 亿元)",
        ),
        (
            "本单位基本支出5800千元，其中：人员经费500.00万元，公用经费77.40万元。\n",
            "基本支出 5800千元 ≠ 人员经费 500.00万元 + 公用经费 77.40万元 = 5774千元（相差 26千元）",
            "基本支出 5800 千元 ≠ 人员经费 500.00 万元 + 公用经费 77.40 万元 = 5774 千元 (difference 26 千元)",
        ),
        (
            # Parts with more decimals than the total keep the digits that are not zero.
            "本单位项目支出100.0万元，其中：培训费50.25万元，会议费49.85万元。\n",
            "项目支出 100.0万元 ≠ 培训费 50.25 + 会议费 49.85 = 100.1（相差 -0.1）",
            "项目支出 100.0 万元 ≠ 培训费 50.25 + 会议费 49.85 = 100.1 (difference -0.1)",
        ),
    ]
    for text, zh, en in cases:
        found = run(tmp_path, text)
        assert [f.code for f in found] in (["SUM001"], ["SUM002"]), text
        assert zh in found[0].message, found[0].message
        # English: the unit is printed as the report prints it, not "10k yuan" that reads as one number.
        assert en in found[0].message_en, found[0].message_en
        assert "10k" not in found[0].message_en and "100m" not in found[0].message_en


def test_partial_list_is_silent_unless_parts_exceed_total(tmp_path):
    assert run(tmp_path, "项目支出500.00万元，其中：培训费120.00万元，会议费80.00万元。\n") == []
    found = run(tmp_path, "项目支出100.00万元，其中：培训费120.00万元。\n")
    assert codes(found) == [("SUM005", 1)]


def test_text_that_only_looks_like_a_breakdown_is_silent(tmp_path):
    text = (
        "全年共培训干部2000人次，其中：科级干部500人次。\n"
        "支出决算100.00万元，比上年增加20.00万元，其中：人员经费增加10.00万元。\n"
        "单位共有车辆3辆，其中：应急保障用车1辆。单价100万元以上设备0台。\n"
        "项目资金50.00万元，主要用于以下方面：开展培训、购置设备。\n"
    )
    assert run(tmp_path, text) == []


def test_three_public_expenses_and_procurement(tmp_path):
    text = (
        "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0万元，占0%；"
        "公务用车购置及运行维护费支出决算2.00万元，占40.00%；公务接待费支出决算3.00万元，占60.00%。\n"
        "政府采购支出总额10.00万元，其中：政府采购货物支出4.00万元、政府采购工程支出3.00万元、政府采购服务支出2.00万元。\n"
    )
    found = run(tmp_path, text)
    assert codes(found) == [("SUM001", 2)] and "= 9.00" in found[0].message


def test_income_total_identity(tmp_path):
    ok = "2024年度本单位收入总计1344.64万元，其中当年财政拨款收入合计1065.56万元，年初结转和结余279.08万元。\n"
    bad = "2024年度本单位收入总计1344.64万元，其中当年财政拨款收入合计1065.56万元，年初结转和结余270.08万元。\n"
    assert run(tmp_path, ok) == []
    assert codes(run(tmp_path, bad)) == [("SUM001", 1)]


ITEMS = (
    "2024年一般公共预算财政拨款支出30.00万元，主要用于以下方面：一般公共服务（201）支出20.00万元，占66.67%；"
    "住房保障（221）支出10.00万元，占33.33%。\n"
    "2024年一般公共预算支出决算数为30.00，完成预算100%。其中：\n"
    "1.一般公共服务支出（201）组织事务（32）行政运行（01）：支出决算为12.00万元，完成预算100%。\n"
    "2.一般公共服务支出（201）组织事务（32）事业运行（50）：支出决算为{x}万元，完成预算100%。\n"
    "3.住房保障支出（221）住房改革支出（02）住房公积金（01）：支出决算为10万元，完成预算100%。\n"
)


def test_item_list_against_total_and_class(tmp_path):
    assert run(tmp_path, ITEMS.format(x="8.00")) == []
    found = run(tmp_path, ITEMS.format(x="8.30"))
    # The list total (line 2, stated without unit) and the class 201 of the structure paragraph (at its first item).
    assert codes(found) == [("SUM001", 2), ("SUM001", 3)]
    assert "= 30.30" in found[0].message and "= 20.30" in found[1].message
    assert found[1].related and found[1].related[0].location.line == 1


# --- tables ---------------------------------------------------------------------------------------


CODED = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
    ["20132", "组织事务", "100.00", "60.00", "40.00"],
    ["2013201", "行政运行", "60.00", "60.00", ""],
    ["2013202", "一般行政管理事务", "{x}", "", "40.00"],
    ["208", "社会保障和就业支出", "30.00", "30.00", ""],
    ["20805", "行政事业单位养老支出", "30.00", "30.00", ""],
    ["2080505", "机关事业单位基本养老保险缴费支出", "20.00", "20.00", ""],
    ["2080506", "机关事业单位职业年金缴费支出", "10.00", "10.00", ""],
    ["合计", "", "{t}", "90.00", "40.00"],
]


def coded_table(x: str, t: str) -> str:
    rows = [[c.format(x=x, t=t) for c in r] for r in CODED]
    return "一般公共预算财政拨款支出决算表\n单位：万元\n" + table_lines(rows) + "\n以上为决算表。\n"


def test_coded_table_that_adds_up_is_silent(tmp_path):
    assert run(tmp_path, coded_table("40.00", "130.00")) == []


def test_coded_table_errors_by_level_and_column(tmp_path):
    found = run(tmp_path, coded_table("40.00", "131.00"))
    # The 合计 row is wrong against the 类 rows and against 基本支出 + 项目支出.
    assert {f.code for f in found} == {"SUM003"}
    assert all(f.location.table == 1 and f.location.row == 10 and f.location.column == 3 for f in found)
    assert len(found) == 2


def test_coded_table_rounding_at_the_boundary(tmp_path):
    # 60.00 + 40.01 = 100.01 against 100.00: intervals touch, a rounding note for the 款 row,
    # and 40.01 against 项目支出 40.00 with an empty 基本支出 cell: also rounding.
    found = run(tmp_path, coded_table("40.01", "130.00"))
    assert {f.code for f in found} == {"SUM004"}
    assert {(f.location.row, f.location.column) for f in found} == {(3, 3), (5, 3)}


def test_three_public_table_with_total_on_top(tmp_path):
    rows = [
        ["项目", "预算数", "决算数"],
        ["合计", "{b}", "13.20"],
        ["因公出国（境）费", "0.00", "0.00"],
        ["公务用车购置及运行维护费", "12.00", "10.86"],
        ["公务用车购置费", "4.00", "3.00"],
        ["公务用车运行维护费", "8.00", "7.86"],
        ["公务接待费", "3.00", "2.34"],
    ]
    ok = "“三公”经费支出决算表\n" + table_lines([[c.format(b="15.00") for c in r] for r in rows]) + "\n说明。\n"
    bad = "“三公”经费支出决算表\n" + table_lines([[c.format(b="15.50") for c in r] for r in rows]) + "\n说明。\n"
    assert run(tmp_path, ok) == []
    found = run(tmp_path, bad)
    assert codes(found) == [("SUM003", found[0].location.line)] and "15.50" in found[0].message
    assert found[0].location.row == 2 and found[0].location.column == 2


def test_qizhong_row_larger_than_its_parent(tmp_path):
    rows = [
        ["项目", "年初预算", "全年预算", "全年执行数"],
        ["年度资金总额", "100.00", "120.00", "118.00"],
        ["其中：财政拨款", "100.00", "125.00", "118.00"],
    ]
    found = run(tmp_path, "项目资金表\n" + table_lines(rows) + "\n说明。\n")
    assert codes(found) == [("SUM005", found[0].location.line)]
    assert "125.00" in found[0].message


def test_score_table_is_left_alone(tmp_path):
    rows = [
        ["一级指标", "二级指标", "分值", "得分"],
        ["产出指标", "数量指标", "50", "40"],
        ["效益指标", "社会效益", "40", "40"],
        ["合计", "", "100", "70"],
    ]
    assert run(tmp_path, "项目支出绩效自评表\n" + table_lines(rows) + "\n说明。\n") == []


def test_markdown_pipe_table(tmp_path):
    text = (
        "# 决算表\n\n单位：万元\n\n| 项目 | 合计 | 基本支出 | 项目支出 |\n|---|---|---|---|\n"
        "| 一、一般公共服务支出 | 100.00 | 60.00 | 40.00 |\n| 二、住房保障支出 | 10.00 | 10.00 | 0.00 |\n"
        "| 合计 | 110.00 | 70.00 | 45.00 |\n"
    )
    found = run(tmp_path, text, name="r.md")
    # 项目支出 column of the 合计 row: 45.00 ≠ 40.00 + 0.00; the 合计 column of that row: 110.00 ≠ 70.00 + 45.00.
    assert {(f.code, f.location.column) for f in found} == {("SUM003", 4), ("SUM003", 2)}


# --- the corpus ---------------------------------------------------------------------------------


def test_anju_corpus():
    found = lint(corpus_file("anju-zuzhibu-2023-juesuan.txt"), select=SUM)
    # anju-04: 基本支出 578.10 ≠ 人员经费 475.43 (L97) + 公用经费 86.57 (L98) = 562.00. Nothing else:
    # L43, L48, L65 and the 项 list at L70 with its 类 totals all add up (audit "Verified consistent").
    assert codes(found) == [("SUM001", 95)]
    assert "562.00" in found[0].message and "16.10" in found[0].message


def test_lizhou_corpus():
    found = lint(corpus_file("lizhou-zuzhibu-2021-juesuan.txt"), select=SUM)
    assert codes(found) == [("SUM002", 54), ("SUM001", 104), ("SUM001", 105)]
    # lizhou-12: 1065.48 + 0.09 = 1065.57 vs 本年收入合计 1065.56: rounding (note).
    assert found[0].level == "note" and "1065.57" in found[0].message
    # lizhou-16: items 1–9 add to 1286.10, not 1285.87 (the list total is printed without 万元).
    assert "1286.10" in found[1].message
    # lizhou-16 (second half): class 201 items 394.87 + 560.59 + 137.12 = 1092.58 ≠ 1092.35 of the
    # 结构 paragraph (L94), reported at the first 201 item, the 结构 line given as related.
    assert "1092.58" in found[2].message and found[2].related[0].location.line == 94
    # Verified lines stay silent: L44, L45 (总计 identities), L65, L94, L116 (630.28 = 574.44 + 55.84).
    assert not {44, 45, 65, 94, 116} & {f.location.line for f in found}


def test_yiyang_corpus_is_silent():
    # L14: 18 items add to 261.46; the table is a score table (left to SCORE rules).
    assert lint(corpus_file("yiyang-zuzhibu-2022-zipingbaogao.txt"), select=SUM) == []


def test_putuo_pdf_corpus():
    path = corpus_file("putuo-ghzy-2024.pdf")
    found = lint(path, select=SUM)
    if any(f.code.startswith("E") for f in found):
        pytest.skip("PDF reader not available")
    msgs = [f.message for f in found]

    def has(*needles: str) -> bool:
        return any(all(x in m for x in needles) for m in msgs)

    # PGH-07: 财政拨款收入支出决算总表 classes 754.75 + 236.63 + 3832.36 + 4461.67 + 461.08 = 9746.49 ≠ 9746.50.
    assert has("本年支出合计", "9746.49")
    # PGH-08/09/10: 合计 ≠ 基本支出 + 项目支出 by 0.01 on rows 212, 21201, 2120101.
    assert has("212 城乡社区支出", "3832.35") and has("21201", "1092.79") and has("2120101", "1092.79")
    # PGH-11: 合计 row 5364.75 + 4381.74 = 9746.49 ≠ 9746.50.
    assert has("「合计」", "9746.49")
    # PGH-12: 302 items add to 440.88 ≠ 440.90 (16 two-decimal items: rounding).
    assert has("302 商品和服务支出", "440.88")
    # PGH-13: 人员经费合计 4884.09 ≠ 301 4816.14 + 303 67.96 = 4884.10.
    assert has("人员经费合计", "4884.10")
    # PGH-19: 项 年初预算 add to 10210.33 ≠ 10210.34.
    assert has("年初预算", "10210.33")
    # PGH-32: 货物 122.43 + 工程 1387.72 + 服务 809.07 = 2319.22 ≠ 2319.21.
    assert has("2319.22")
    # PGH-18 (cross-reference in the audit): the text's five 类 add to 9746.49, and 卫生健康 236.63 ≠
    # its items 40.35 + 196.29 = 236.64 — both rounding.
    assert has("卫生健康支出(类) 236.63", "236.64")
    # All of these are 0.01–0.02 gaps: rounding notes, never errors.
    assert {f.level for f in found} == {"note"}


# --- the generated examples: the same findings from TXT, DOCX and PDF ------------------------------


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_examples_same_findings_in_every_form(ext):
    path = EXAMPLES / f"qingshui-2024-juesuan.{ext}"
    found = lint(path, select=SUM)
    # QS-J04: 基本支出 839.21 ≠ 729.96 + 96.85 = 826.81; QS-J08: 三公 table 合计 预算数 15.50 ≠ 15.00.
    assert sorted(f.code for f in found) == ["SUM001", "SUM003"]
    assert any("826.81" in f.message for f in found) and any("15.50" in f.message for f in found)
    assert lint(EXAMPLES / f"qingshui-2024-juesuan-clean.{ext}", select=SUM) == []


def test_lists_the_report_calls_partial_are_not_summed(tmp_path):
    text = (
        # "等" after the last part: the list is not exhaustive (it would add to 100.00 ≠ 150.00).
        "基本支出150.00万元，其中：人员经费80.00万元、公用经费20.00万元等。\n"
        # "主要项目": only the main 项 are listed.
        "2024年一般公共预算支出决算数为300.00万元，主要项目支出情况如下，其中：\n"
        "1.一般公共服务支出（201）组织事务（32）行政运行（01）：支出决算为120.00万元。\n"
        "2.住房保障支出（221）住房改革支出（02）住房公积金（01）：支出决算为30.00万元。\n"
    )
    assert run(tmp_path, text) == []


def test_count_breakdown_with_catch_all_part(tmp_path):
    ok = "截至2024年12月31日，共有车辆5辆，其中：主要领导干部用车0辆、机要通信用车1辆、应急保障用车2辆、其他用车2辆。\n"
    bad = (
        "截至2024年12月31日，共有车辆5辆，其中：主要领导干部用车0辆、机要通信用车1辆、应急保障用车2辆、其他用车3辆。\n"
    )
    assert run(tmp_path, ok) == []
    found = run(tmp_path, bad)
    assert codes(found) == [("SUM001", 1)] and "共有车辆 5辆" in found[0].message and "= 6" in found[0].message
    # Without a catch-all part the list may be partial: silent unless the parts exceed the total.
    assert run(tmp_path, "在职人员28人，其中：行政编制20人。\n") == []
    assert codes(run(tmp_path, "在职人员28人，其中：行政编制20人、事业编制9人。\n")) == [("SUM005", 1)]


def test_retired_staff_listed_after_the_serving_staff_are_not_a_part(tmp_path):
    # The retired are counted beside the serving staff, not among them: the
    # parts before them add up to the total, so the sentence is right.
    ok = "核定编制30人，在职职工24人，其中：高级职称5人，中级职称11人，初级职称8人，退休人员9人。\n"
    assert run(tmp_path, ok) == []
    # The serving staff's own parts that exceed the total are still wrong.
    bad = "核定编制30人，在职职工24人，其中：高级职称6人，中级职称11人，初级职称8人，退休人员9人。\n"
    assert codes(run(tmp_path, bad)) == [("SUM005", 1)]
    # A total that counts the retired too keeps them as a part.
    both = "实有人数33人，其中：在职人员24人，退休人员10人。\n"
    assert codes(run(tmp_path, both)) == [("SUM005", 1)]
    # So does a staff total whose parts, the retired included, add up to it.
    assert run(tmp_path, "现有编制人员40人，其中：机关在职30人、离休1人、退休9人。\n") == []


def test_a_staff_total_that_counts_the_retired_keeps_them_as_a_part(tmp_path):
    # Only 在职/在编/正式 name the serving staff: 干部职工, 职工总数, 编制人员 count the
    # retired too, so the retired are one of their parts and a sum past the total is wrong.
    for text in (
        "本部门现有干部职工60人，其中：在职人员48人，离退休人员15人。\n",
        "本单位职工总数50人，其中：在职职工38人，退休职工14人。\n",
        "本部门编制人员40人，其中：在职人员30人，离休人员2人，退休人员10人。\n",
    ):
        assert codes(run(tmp_path, text)) == [("SUM005", 1)], text
    # A part that is itself the serving staff (在职) beside the retired: the total,
    # even one named 在编, covers both.
    assert codes(run(tmp_path, "在编人员40人，其中：在职人员30人，退休人员12人。\n")) == [("SUM005", 1)]
    # Unless the parts before the retired already make up the total: 在职 in a part's label
    # (在职行政编制) then names a category of the serving staff, the retired are beside them.
    ok = "本单位正式在编人员45人，其中：在职行政编制30人、在职事业编制15人，退休人员20人。\n"
    assert run(tmp_path, ok) == []
    # Serving staff whose own parts stay under the total, the retired listed after them.
    ok = "在职职工24人，其中：高级职称5人，中级职称11人，初级职称7人，退休人员9人，离休人员1人。\n"
    assert run(tmp_path, ok) == []


def test_same_findings_from_txt_docx_and_pdf_forms(tmp_path):
    """A made-up report with a prose and a table mistake, converted to DOCX and PDF."""
    from builders import to_docx, to_pdf

    text = (
        "一、基本支出情况说明\n"
        + BASIC.format(t="578.10", a="475.43", b="86.57")
        + "二、决算表\n"
        + coded_table("40.00", "131.00")
    )
    txt = tmp_path / "r.txt"
    txt.write_text(text, encoding="utf-8")
    forms = {"txt": txt, "docx": to_docx(txt, tmp_path / "r.docx"), "pdf": to_pdf(txt, tmp_path / "r.pdf")}
    results = {}
    for name, path in forms.items():
        found = lint(path, select=SUM)
        results[name] = sorted((f.code, f.message) for f in found)
    assert results["txt"] == results["docx"] == results["pdf"]
    assert [c for c, _ in results["txt"]] == ["SUM001", "SUM003", "SUM003"]


# --- 其中 lists that do not say they are complete (issue 4, mutation benchmark) --------------

PROJECT = "2024年度项目实际支出{t}万元，其中：培训经费20.00万元，展演经费30.00万元，宣传经费{p}万元。资金按规定使用。\n"


def test_enumerated_list_with_a_part_too_low_or_a_total_too_high(tmp_path):
    # Three parts that end the sentence with no 主要/等/其他 wording: a full list, so a part
    # 1.00 too low (or the total 1.00 too high) is an error, not only a part too high (SUM005).
    found = run(tmp_path, PROJECT.format(t="60.00", p="9.00"))
    assert codes(found) == [("SUM001", 1)] and "= 59.00（相差 1.00）" in found[0].message
    found = run(tmp_path, PROJECT.format(t="61.00", p="10.00"))
    assert codes(found) == [("SUM001", 1)] and "61.00万元" in found[0].message


def test_enumerated_list_that_adds_up_is_silent(tmp_path):
    assert run(tmp_path, PROJECT.format(t="60.00", p="10.00")) == []
    budget = "项目全年预算数80.00万元，其中：当年财政拨款72.00万元，上年结转资金8.00万元。\n"
    assert run(tmp_path, budget) == []


def test_lists_that_may_leave_parts_out_are_not_summed(tmp_path):
    text = (
        # a selection: the two parts cover only 40% of the total
        "项目支出500.00万元，其中：培训费120.00万元，会议费80.00万元。\n"
        # wording that says the list is partial, or a catch-all that is not itemised
        "项目支出100.00万元，其中：培训费50.00万元，会议费47.00万元等。\n"
        "项目支出100.00万元，其中：培训费50.00万元，会议费47.00万元，其他支出已另行说明。\n"
        "项目支出100.00万元，其中仅列示本单位涉及的：培训费50.00万元，会议费47.00万元。\n"
        # a single part is never a full list
        "项目支出100.00万元，其中：培训费97.00万元。\n"
        # the parts do not end the sentence: more follows about something else
        "项目支出100.00万元，其中：培训费50.00万元，会议费47.00万元，比上年增加3.00万元。\n"
    )
    assert run(tmp_path, text) == []


def test_vehicle_identity_with_the_total_in_the_sentence_before(tmp_path):
    text = (
        "2.公务用车购置及运行维护费支出10.86万元，完成预算的90.50%，较上年减少1.04万元，下降8.74%。"
        "其中：公务用车购置支出{a}万元，全年未购置公务用车；公务用车运行维护费支出10.86万元，主要用于燃油等。\n"
    )
    assert run(tmp_path, text.format(a="0.00")) == []
    found = run(tmp_path, text.format(a="1.00"))
    assert codes(found) == [("SUM001", 1)]
    assert found[0].message.startswith("公务用车购置及运行维护费支出 10.86万元 ≠")


def test_vehicle_identity_with_the_total_in_the_paragraph_before(tmp_path):
    text = (
        "公务用车购置及运行维护费支出10.86万元，较上年减少1.04万元。\n"
        "其中：公务用车购置支出0.00万元；公务用车运行维护费支出{b}万元。\n"
    )
    assert run(tmp_path, text.format(b="10.86")) == []
    assert codes(run(tmp_path, text.format(b="9.86"))) == [("SUM001", 2)]


def test_a_list_after_another_sentence_is_summed_only_for_an_identity(tmp_path):
    # The sentence before is about the project total; the 其中 list of the next sentence is not
    # a known identity, so it is not read as that total's decomposition.
    text = "项目支出100.00万元，完成预算的90.00%。其中：培训费50.00万元，会议费40.00万元。\n"
    assert run(tmp_path, text) == []


def fund_total_table(total: str) -> str:
    rows = [
        ["收入项目", "决算数", "支出项目", "决算数"],
        ["一、一般公共预算财政拨款", "90.00", "一、一般公共服务支出", "90.00"],
        ["本年收入合计", "90.00", "本年支出合计", "90.00"],
        ["年初财政拨款结转和结余", "2.00", "年末财政拨款结转和结余", "2.00"],
        ["一般公共预算财政拨款", "2.00", "", ""],
        ["总计", total, "总计", "92.00"],
    ]
    return "财政拨款收入支出决算总表\n" + table_lines(rows) + "\n说明。\n"


def test_carry_over_split_by_fund_is_not_added_to_the_grand_total(tmp_path):
    # 年初财政拨款结转和结余 2.00 is split by fund on the row below; 总计 = 90.00 + 2.00, the
    # fund row is not a third term (it was: 90.00 + 2.00 + 2.00 = 94.00).
    assert run(tmp_path, fund_total_table("92.00")) == []
    found = run(tmp_path, fund_total_table("93.00"))
    assert [f.code for f in found] == ["SUM003"] and "= 92.00（相差 1.00）" in found[0].message


# --- reviewer-confirmed false positives on correct wording -------------------------------------


def test_three_public_total_is_the_final_account_not_the_budget(tmp_path):
    # The sentence before the 其中 list states the budget first and the 决算 second; the list
    # decomposes the 决算 (0 + 3.00 + 1.50 = 4.50), not the budget 5.00.
    text = (
        "2023年“三公”经费财政拨款支出预算为5.00万元，支出决算为4.50万元，完成预算的90.00%。"
        "其中：因公出国（境）费支出决算为0万元；公务用车购置及运行维护费支出决算为3.00万元；"
        "公务接待费支出决算为1.50万元。\n"
    )
    assert run(tmp_path, text) == []
    # The same list that does not add up to the 决算 is still reported, against the 决算.
    found = run(tmp_path, text.replace("1.50万元", "2.50万元"))
    assert codes(found) == [("SUM001", 1)] and "4.50万元 ≠" in found[0].message


def test_amounts_in_brackets_are_not_parts(tmp_path):
    # （含人员经费…）/（一般公共预算财政拨款收入…） restate or detail the part before them.
    text = "本年支出合计340.00万元，其中：基本支出290.00万元（含人员经费250.00万元），项目支出50.00万元。\n"
    assert run(tmp_path, text) == []
    text = (
        "本年收入合计300.00万元，其中：财政拨款收入300.00万元（一般公共预算财政拨款收入300.00万元），"
        "其他收入0.00万元。\n"
    )
    assert run(tmp_path, text) == []
    # A list that does not add up is still reported, without the bracketed amount.
    found = run(
        tmp_path, "本年支出合计340.00万元，其中：基本支出290.00万元（含人员经费250.00万元），项目支出60.00万元。\n"
    )
    assert codes(found) == [("SUM001", 1)] and "= 350.00（相差 -10.00）" in found[0].message


def test_parts_list_ends_where_a_new_subject_starts(tmp_path):
    text = "政府采购支出总额20.00万元，其中：货物15.00万元，服务5.00万元；授予中小企业合同金额18.00万元。\n"
    assert run(tmp_path, text) == []
    text = "公务用车购置及运行费支出决算6.00万元，其中公务用车运行维护费6.00万元；公务接待费支出决算2.00万元。\n"
    assert run(tmp_path, text) == []
    # The parts before the "；" are still checked, and the new subject is not among the terms.
    found = run(
        tmp_path, "政府采购支出总额20.00万元，其中：货物15.00万元，服务6.00万元；授予中小企业合同金额18.00万元。\n"
    )
    assert [f.code for f in found] == ["SUM005"] and "= 21.00（相差 -1.00）" in found[0].message
    # Parts of the total's own list separated by "；" still run on to the end of the sentence.
    found = run(tmp_path, "本年支出合计100万元，其中：基本支出60万元；项目支出40万元；经营支出5万元。\n")
    assert codes(found) == [("SUM001", 1)] and "= 105（相差 -5）" in found[0].message
    assert run(tmp_path, "本年支出合计100万元，其中：基本支出60万元；项目支出30万元；经营支出10万元。\n") == []


def test_group_rows_listed_with_their_items_in_one_column(tmp_path):
    # 人员经费 = 基本工资 + 津贴补贴 + 奖金, 公用经费 = 办公费 + 差旅费: a two-level column
    # without codes; 合计 is the sum of the group rows (220 + 30 = 250), not of every row.
    rows = [
        ["项目", "决算数"],
        ["人员经费", "220.00"],
        ["基本工资", "100.00"],
        ["津贴补贴", "80.00"],
        ["奖金", "40.00"],
        ["公用经费", "30.00"],
        ["办公费", "20.00"],
        ["差旅费", "10.00"],
        ["合计", "250.00"],
    ]
    assert run(tmp_path, "基本支出决算明细表\n" + table_lines(rows) + "\n说明。\n") == []
    # Rows that add up to twice the total but whose items do not make up their group rows:
    # neither reading holds, so nothing is reported.
    rows[4] = ["奖金", "50.00"]
    rows[7] = ["差旅费", "0.00"]
    assert [f for f in run(tmp_path, "基本支出决算明细表\n" + table_lines(rows) + "\n说明。\n")] == []
