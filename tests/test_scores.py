"""SCORE rules on made-up reports (TXT layout) and on the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, corpus_file, lint
from test_score_tables import txt_table

SCORE = ["SCORE"]


def sichuan_rows(
    *,
    name: str = "示范培训经费",
    weights=("10", "20", "20", "40"),
    scores=("10", "20", "20", "36"),
    budget=("40.00", "40.00", "100.00%", "10", "10"),
    total=("100", "96"),
    conclusion="经评价，项目支出绩效自评综合得分为96分，评价等级为“优秀”。",
    rows=None,
    reasons=("", "", "", "部分学员对课程安排不满意"),
    note="1.预算执行率=预算执行数/调整后预算数",
) -> list[list[str]]:
    """A made-up 部门预算项目支出绩效自评表 in the Sichuan layout."""
    adjusted, executed, rate, bw, bs = budget
    indicator_rows = rows or [
        ("产出指标", "数量指标", "培训人次", "≥", "100", "人", "120"),
        ("", "质量指标", "培训质量", "定性", "合格", "", "合格"),
        ("效益指标", "社会效益指标", "能力提升", "定性", "较好", "", "好"),
        ("满意度指标", "服务对象满意度指标", "学员满意度", "≥", "95", "%", "90"),
    ]
    out = [
        ["项目名称", f"5109TEST000001-{name}"],
        [
            "预算执行情况（10分）",
            "年度预算数（万元）",
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
            "原因",
        ],
        ["", "总额", "50.00", adjusted, executed, rate, bw, bs, note],
        [
            "绩效指标（90分）",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "完成值",
            "权重",
            "得分",
            "未完成原因分析",
        ],
    ]
    for r, w, s, why in zip(indicator_rows, weights, scores, reasons, strict=False):
        out.append(["", *r, w, s, why])
    out.append(["合计", *total, ""])
    out.append(["评价结论", conclusion])
    return out


def report(tmp_path: Path, body: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def sichuan_report(tmp_path: Path, prose: str = "", **kw) -> Path:
    text = (
        "2023年度项目绩效自评报告\n"
        + prose
        + "\n部门预算项目支出绩效自评表（2023年度）\n"
        + txt_table(sichuan_rows(**kw))
    )
    return report(tmp_path, text)


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def by_code(findings, code: str) -> list:
    return [f for f in findings if f.code == code]


# --- a correct table: silence ----------------------------------------------


def test_correct_table_and_prose_are_silent(tmp_path):
    path = sichuan_report(tmp_path, "示范培训经费综合评分96分。")
    assert lint(path, select=SCORE) == []


# --- SCORE001 ----------------------------------------------------------------


def test_weights_not_adding_up_to_total_and_cap(tmp_path):
    path = sichuan_report(
        tmp_path, weights=("10", "20", "20", "35"), scores=("10", "20", "20", "31"), total=("100", "91")
    )
    found = by_code(lint(path, select=SCORE), "SCORE001")
    messages = " ".join(f.message for f in found)
    assert len(found) == 2  # the 合计 row and the 绩效指标（90分） cap
    assert "10 + 10 + 20 + 20 + 35 = 95" in messages and "相差5分" in messages
    assert "绩效指标（90分）" in messages and "10 + 20 + 20 + 35 = 85" in messages


def test_category_cap_mismatch(tmp_path):
    rows = [
        ["项目名称", "示范专项经费"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标（50分）", "数量指标", "举办培训", "≥6次", "8次", "30", "30", ""],
        ["", "成本指标", "成本", "≤2000元", "1800元", "10", "10", ""],
        ["效益指标（50分）", "社会效益指标", "组织保证", "持续保证", "持续保证", "50", "50", ""],
    ]
    path = report(tmp_path, "项目支出绩效自评表\n" + txt_table(rows))
    (f,) = lint(path, select=SCORE)
    assert f.code == "SCORE001" and "产出指标（50分）" in f.message and "30 + 10 = 40" in f.message
    assert f.message_en and "40" in f.message_en


def test_a_group_label_repeated_on_each_of_its_rows_is_one_group(tmp_path):
    # A table typed without merged cells repeats "产出指标（50分）" on every row of the group.
    rows = [
        ["项目名称", "示范专项经费"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标（50分）", "数量指标", "举办培训", "≥6次", "8次", "30", "30", ""],
        ["产出指标（50分）", "成本指标", "成本", "≤2000元", "1800元", "{w}", "{w}", ""],
        ["效益指标（50分）", "社会效益指标", "组织保证", "持续保证", "持续保证", "50", "50", ""],
    ]
    ok = [[c.format(w="20") for c in r] for r in rows]
    assert lint(report(tmp_path, "项目支出绩效自评表\n" + txt_table(ok)), select=SCORE) == []
    # Weights that do not make up the group's cap are still reported, once.
    bad = [[c.format(w="10") for c in r] for r in rows]
    (f,) = lint(report(tmp_path, "项目支出绩效自评表\n" + txt_table(bad), "b.txt"), select=SCORE)
    assert f.code == "SCORE001" and "30 + 10 = 40" in f.message


def test_the_same_group_label_beside_another_goal_is_another_group(tmp_path):
    """目标1 and 目标2 each with 产出指标（20分）: two groups of 20, not one of 20 holding 40."""
    rows = [
        ["项目名称", "示范专项经费"],
        ["年度目标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["目标1：完成培训", "产出指标（20分）", "数量指标", "举办培训", "≥6次", "8次", "10", "10", ""],
        ["目标1：完成培训", "产出指标（20分）", "质量指标", "合格率", "≥90%", "95%", "{w}", "{w}", ""],
        ["目标2：完成宣传", "产出指标（20分）", "数量指标", "宣传次数", "≥4次", "5次", "10", "10", ""],
        ["目标2：完成宣传", "产出指标（20分）", "时效指标", "完成时间", "12月底前", "12月", "10", "10", ""],
        ["目标2：完成宣传", "效益指标（60分）", "社会效益指标", "群众知晓率", "≥80%", "85%", "60", "60", ""],
    ]
    ok = [[c.format(w="10") for c in r] for r in rows]
    assert lint(report(tmp_path, "项目支出绩效自评表\n" + txt_table(ok)), select=SCORE) == []
    # A group of goal 1 short of its cap is reported, not hidden by goal 2's rows.
    bad = [[c.format(w="5") for c in r] for r in rows]
    found = lint(report(tmp_path, "项目支出绩效自评表\n" + txt_table(bad), "b.txt"), select=["SCORE001"])
    assert [f.code for f in found] == ["SCORE001"] and "10 + 5 = 15" in found[0].message


# --- SCORE002 ----------------------------------------------------------------


def test_score_above_weight(tmp_path):
    path = sichuan_report(tmp_path, scores=("12", "20", "20", "34"))
    (f,) = by_code(lint(path, select=SCORE), "SCORE002")
    assert "培训人次" in f.message and "12分高于其权重10分" in f.message


def test_negative_score(tmp_path):
    path = sichuan_report(tmp_path, scores=("10", "20", "20", "-2"), total=("100", "58"), conclusion="")
    assert "不能为负数" in by_code(lint(path, select=SCORE), "SCORE002")[0].message


# --- SCORE003 / SCORE011 -----------------------------------------------------


def test_total_not_sum_of_scores(tmp_path):
    path = sichuan_report(tmp_path, total=("100", "6"), conclusion="")
    (f,) = by_code(lint(path, select=SCORE), "SCORE003")
    assert f.level == "error"
    assert "合计得分为6分" in f.message and "10 + 10 + 20 + 20 + 36 = 96" in f.message and "相差90分" in f.message


def test_total_off_by_rounding_only_is_a_note(tmp_path):
    path = sichuan_report(
        tmp_path, scores=("10", "20", "20", "35.55"), total=("100", "96"), conclusion="", reasons=("", "", "", "略")
    )
    found = lint(path, select=SCORE)
    assert codes(found) == ["SCORE011"]
    assert found[0].level == "note" and "95.55" in found[0].message


def test_total_not_checked_when_the_weights_do_not_close(tmp_path):
    """A missing row would make every sum look wrong: weights first."""
    path = sichuan_report(tmp_path, weights=("10", "20", "20", "30"), total=("100", "96"), conclusion="")
    assert "SCORE003" not in codes(lint(path, select=SCORE))


# --- SCORE004 ----------------------------------------------------------------


def test_prose_score_differs_from_table(tmp_path):
    path = sichuan_report(tmp_path, "示范培训经费综合评分93分。")
    (f,) = by_code(lint(path, select=SCORE), "SCORE004")
    assert f.location.line == 2
    assert "93分" in f.message and "合计得分为96分" in f.message and "相差3分" in f.message


def test_prose_score_matched_by_bracketed_project_line(tmp_path):
    prose = "（示范培训经费）\n经评价，项目支出绩效自评综合得分为95分，评价等级为“优秀”。"
    path = sichuan_report(tmp_path, prose)
    (f,) = by_code(lint(path, select=SCORE), "SCORE004")
    assert f.location.line == 3


def test_conclusion_cell_score_differs_from_total(tmp_path):
    path = sichuan_report(tmp_path, conclusion="综合得分为90分，评价等级为“优秀”。")
    (f,) = by_code(lint(path, select=SCORE), "SCORE004")
    assert "评价结论" in f.message


def test_prose_about_another_project_or_the_department_is_silent(tmp_path):
    prose = "其他宣传经费综合评分80分。部门整体绩效自评得分为92分。"
    path = sichuan_report(tmp_path, prose)
    assert "SCORE004" not in codes(lint(path, select=SCORE))


def test_prose_that_agrees_with_the_sum_when_the_total_is_wrong_is_silent(tmp_path):
    """The mistake is the table's total (SCORE003), not the text."""
    path = sichuan_report(tmp_path, "示范培训经费综合评分96分。", total=("100", "6"), conclusion="")
    assert codes(lint(path, select=SCORE)) == ["SCORE003"]


# --- SCORE005 ----------------------------------------------------------------


def test_grade_does_not_fit_score(tmp_path):
    path = sichuan_report(tmp_path, conclusion="经评价，综合得分为96分，评价等级为“良好”。")
    (f,) = by_code(lint(path, select=SCORE), "SCORE005")
    assert "“良好”" in f.message and "80–90" in f.message and "应为“优”" in f.message


def test_grade_in_prose(tmp_path):
    path = report(tmp_path, "示范专项资金绩效自评得分为85分，自评结论为“优秀”。\n")
    (f,) = lint(path, select=SCORE)
    assert f.code == "SCORE005" and f.location.line == 1


def test_grade_boundaries_are_exact(tmp_path):
    path = report(
        tmp_path, "甲经费绩效自评得分为90分，评价等级为“优秀”。\n乙经费绩效自评得分为80分，评价等级为“良好”。\n"
    )
    assert lint(path, select=SCORE) == []


def test_grading_bands_come_from_a_rule_pack(tmp_path):
    pack = tmp_path / "local.toml"
    pack.write_text(
        '[pack]\nid = "local"\n'
        '[[grading]]\ngrade = "优"\nnames = ["优秀"]\nmin = 95\n'
        '[[grading]]\ngrade = "良"\nnames = ["良好"]\nmin = 85\nmax = 95\n',
        encoding="utf-8",
    )
    path = report(tmp_path, "示范专项资金绩效自评得分为92分，自评结论为“优秀”。\n")
    assert lint(path, select=SCORE) == []
    (f,) = lint(path, select=SCORE, rule_packs=[str(pack)])
    assert f.code == "SCORE005" and "≥95" in f.message


# --- SCORE006 / SCORE007 / SCORE008 ------------------------------------------


def test_met_target_deducted_without_reason_is_an_error(tmp_path):
    path = sichuan_report(tmp_path, scores=("8", "20", "20", "36"), total=("100", "94"), conclusion="")
    (f,) = lint(path, select=SCORE)
    assert f.code == "SCORE006" and f.level == "error"
    assert "≥100人" in f.message and "完成值120" in f.message and "扣2分" in f.message


def test_met_target_deducted_with_a_reason_is_a_note(tmp_path):
    path = sichuan_report(
        tmp_path,
        scores=("8", "20", "20", "36"),
        total=("100", "94"),
        conclusion="",
        reasons=("个别未参训", "", "", "略"),
    )
    (f,) = lint(path, select=SCORE)
    assert f.code == "SCORE006" and f.level == "note" and "个别未参训" in f.message


def test_qualitative_target_met_by_a_better_word(tmp_path):
    """较好 → 好 is met: losing points there is SCORE006 (uses the pack's scales)."""
    path = sichuan_report(tmp_path, scores=("10", "20", "15", "36"), total=("100", "91"), conclusion="")
    (f,) = lint(path, select=SCORE)
    assert f.code == "SCORE006" and "能力提升" in f.message


def test_deduction_without_reason_when_target_missed(tmp_path):
    path = sichuan_report(tmp_path, reasons=("", "", "", ""))
    (f,) = lint(path, select=SCORE)
    assert f.code == "SCORE007" and f.level == "warning" and "学员满意度" in f.message


def test_missed_target_with_full_points(tmp_path):
    path = sichuan_report(tmp_path, scores=("10", "20", "20", "40"), total=("100", "100"), conclusion="")
    (f,) = lint(path, select=SCORE)
    assert f.code == "SCORE008" and f.level == "warning" and "≥95%" in f.message and "90" in f.message


def test_undecidable_targets_are_silent(tmp_path):
    rows = [
        ("产出指标", "数量指标", "培训人次", "", "根据需要", "", "120人"),
        ("", "质量指标", "培训质量", "定性", "优良差", "", "良"),
        ("效益指标", "时效指标", "支付时限", "", "年底", "", "年底前完成90%"),
        ("满意度指标", "服务对象满意度指标", "学员满意度", "≥", "95", "%", "90"),
    ]
    path = sichuan_report(
        tmp_path, rows=rows, scores=("8", "15", "16", "36"), total=("100", "85"), conclusion="", reasons=("略",) * 4
    )
    assert lint(path, select=SCORE) == []


# --- SCORE009 / SCORE012 / SCORE010 ------------------------------------------


def test_execution_rate_wrong(tmp_path):
    path = sichuan_report(tmp_path, budget=("40.00", "30.00", "100.00%", "10", "10"))
    (f,) = by_code(lint(path, select=SCORE), "SCORE009")
    assert "30.00" in f.message and "40.00" in f.message and "75.00%" in f.message and "25.00个百分点" in f.message


def test_execution_rate_rounding_is_a_note(tmp_path):
    # 2 / 3 = 66.666…%; "66.6%" can only come from rounding the amounts' last digit
    path = sichuan_report(tmp_path, budget=("3.0", "2.0", "66.6%", "10", "10"))
    found = lint(path, select=SCORE)
    assert codes(found) == ["SCORE012"] and found[0].level == "note"


def test_budget_score_formula(tmp_path):
    note = "得分=执行率×权重"
    path = sichuan_report(tmp_path, budget=("40.00", "32.00", "80.00%", "10", "10"), note=note, conclusion="")
    (f,) = by_code(lint(path, select=SCORE), "SCORE010")
    assert "80.00% × 权重10分 = 8.00分" in f.message


def test_budget_score_without_a_stated_formula_is_not_checked(tmp_path):
    path = sichuan_report(tmp_path, budget=("40.00", "32.00", "80.00%", "10", "10"), conclusion="")
    assert "SCORE010" not in codes(lint(path, select=SCORE))


def test_english_messages(tmp_path):
    path = sichuan_report(tmp_path, total=("100", "6"), conclusion="")
    (f,) = by_code(lint(path, select=SCORE), "SCORE003")
    assert "total score stated 6" in f.message_en and "96" in f.message_en


# --- the corpus ----------------------------------------------------------------


def test_corpus_anju():
    found = lint(corpus_file("anju-zuzhibu-2023-juesuan.txt"), select=SCORE)
    got = sorted((f.location.line, f.code, f.level) for f in found)
    assert got == [
        # anju-08: 报刊增订种类 ≥6 种, done 8, scored 8/10; the reason given contradicts the met target
        (390, "SCORE006", "note"),
        # anju-10: ≥2 次 training, done 2, scored 8/10 with the 未完成原因分析 cell empty (audit: error)
        (609, "SCORE006", "error"),
        # anju-12: 培训科级领导 ≥500, done 516, scored 19/20 with a contradicting reason
        (791, "SCORE006", "note"),
        # anju-13: 培训基层干部 ≥1800, done 2000, scored 19/20, reason copied from the row above
        (803, "SCORE006", "note"),
    ]


def test_corpus_yiyang():
    found = lint(corpus_file("yiyang-zuzhibu-2022-zipingbaogao.txt"), select=SCORE)
    # yiyang-06: 总分 printed 7.13 while the scores add up to 97.13 (the prose's score at L11 is right)
    assert [(f.location.line, f.code, f.level) for f in found] == [(244, "SCORE003", "error")]
    assert "97.13" in found[0].message


def test_corpus_lizhou_has_no_score_findings():
    """Its 自评表 came through a PDF as flowing lines with no points: nothing is guessed."""
    assert lint(corpus_file("lizhou-zuzhibu-2021-juesuan.txt"), select=SCORE) == []


def test_corpus_verified_lines_are_silent():
    verified = {
        "anju-zuzhibu-2023-juesuan.txt": {145, 146, 147, 148, 149, 150, 324, 467, 471, 519, 674, 725, 844, 898}
        | {1053, 1106, 1249, 1303, 1458, 1584, 1641, 1702, 1762, 1822},
        "yiyang-zuzhibu-2022-zipingbaogao.txt": {
            11,
            63,
            64,
            65,
            66,
            67,
            68,
            126,
            152,
            162,
            182,
            188,
            208,
            229,
            239,
            243,
        },
    }
    for name, lines in verified.items():
        found = lint(corpus_file(name), select=SCORE)
        assert not [f for f in found if f.location.line in lines], name


# --- the same findings from PDF and DOCX forms ---------------------------------


def grid(rows: list[list[str]]) -> tuple[list[list[str]], list[tuple[int, int, int]]]:
    """Rows padded to a full grid; short rows get their label cell merged over the gap."""
    width = max(len(r) for r in rows)
    out, merges = [], []
    for i, r in enumerate(rows):
        pad = width - len(r)
        out.append([r[0]] + [""] * pad + r[1:] if pad else list(r))
        if pad:
            merges.append((i, 0, pad))
    return out, merges


WRONG_TOTAL = {"total": ("100", "6"), "conclusion": "综合得分为96分，评价等级为“优秀”。"}


def expected_wrong_total(found) -> None:
    # 合计 6 against 10 + 10 + 20 + 20 + 36 = 96, and the conclusion's 96 agrees with the sum
    assert codes(found) == ["SCORE003"]
    assert "10 + 10 + 20 + 20 + 36 = 96" in found[0].message


def test_same_finding_from_txt(tmp_path):
    expected_wrong_total(lint(sichuan_report(tmp_path, **WRONG_TOTAL), select=SCORE))


def test_same_finding_from_pdf(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    cells, merges = grid(sichuan_rows(**WRONG_TOTAL))
    table = Table(cells)
    spans = [("SPAN", (0, r), (pad, r)) for r, _, pad in merges]
    table.setStyle(
        TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 7), ("GRID", (0, 0), (-1, -1), 0.5, "black"), *spans])
    )
    path = tmp_path / "report.pdf"
    title = Paragraph("部门预算项目支出绩效自评表（2023年度）", ParagraphStyle("t", fontName="STSong-Light"))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([title, table])
    found = lint(path, select=SCORE)
    expected_wrong_total(found)
    assert found[0].location.page == 1


def test_same_finding_from_docx(tmp_path):
    docx = pytest.importorskip("docx")
    cells, merges = grid(sichuan_rows(**WRONG_TOTAL))
    document = docx.Document()
    document.add_paragraph("部门预算项目支出绩效自评表（2023年度）")
    table = document.add_table(rows=len(cells), cols=len(cells[0]))
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r, _, pad in merges:
        table.cell(r, 0).merge(table.cell(r, pad))
    path = tmp_path / "report.docx"
    document.save(str(path))
    found = lint(path, select=["SCORE", "E"])
    if any(f.code == "E002" for f in found):
        pytest.skip("the DOCX reader is not implemented yet")
    expected_wrong_total(found)


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_example_self_evaluation_in_three_forms(ext):
    """The shipped Hunan example: one score above its weight, a 总分 that is not the sum."""
    faulty = EXAMPLES / f"qingshui-2024-zipingbaogao.{ext}"
    clean = EXAMPLES / f"qingshui-2024-zipingbaogao-clean.{ext}"
    if not faulty.is_file() or not clean.is_file():
        pytest.skip(f"example {faulty.name} not present")
    found = lint(faulty, select=SCORE)
    # QSZ-01: 展演活动场均成本 scored 6 of 5; QSZ-02: 总分 97.89 but the scores add up to 98.98
    assert codes(found) == ["SCORE002", "SCORE003"]
    assert "98.98" in by_code(found, "SCORE003")[0].message
    assert lint(clean, select=SCORE) == []


# --- split tables, grades and prose scores in the three forms -----------------


def test_mistake_in_the_first_part_of_a_table_with_a_repeated_header(tmp_path):
    """A page break repeats the indicator header: the parts are one table, summed together."""
    from test_score_tables import split_with_repeated_header

    def text(weights) -> str:
        first, second = split_with_repeated_header(weights)
        return (
            "部门预算项目支出绩效自评表（2023年度）\n"
            + txt_table(first)
            + "\n　\n部门预算项目支出绩效自评表（续表）\n"
            + txt_table(second)
        )

    sums = ["SCORE001", "SCORE003"]  # that table docks points on purpose: only its sums here
    assert lint(report(tmp_path, text(("10", "20", "20", "40"))), select=sums) == []
    found = lint(report(tmp_path, text(("15", "20", "20", "40")), "wrong.txt"), select=sums)
    # 培训人次 given 15 instead of 10 in the first part; the 合计 100 is in the second part
    assert codes(found) == ["SCORE001", "SCORE001"]
    assert any("10 + 15 + 20 + 20 + 40 = 105" in f.message and "相差5分" in f.message for f in found)


def hunan_text(prose: str, grade_row: str | None = None, total: str = "97.13") -> str:
    """A made-up Hunan 项目支出绩效自评表 (分值/得分), split in two like a text export."""
    first = [
        ["项目名称", "示范专项经费"],
        ["项目资金\n（万元）", "", "年初\n预算数", "全年\n预算数", "全年\n执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "100.00", "80.00", "80.00", "10分", "100%", "10"],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度\n指标值",
            "实际\n完成值",
            "分值",
            "得分",
            "偏差原因\n分析及\n改进措施",
        ],
        ["", "产出指标\n(50分)", "数量指标", "举办培训", "≥6次", "8次", "30", "30", ""],
        ["", "", "", "支付时限", "2023年底", "年前完成97.13%", "20", "17.13", "部分经费次年支付"],
        ["", "效益指标\n（40分）"],
    ]
    second = [
        ["", "", "社会效益\n指标", "组织保证", "持续保证", "持续保证", "30", "30", ""],
        ["", "", "服务对象满意度指标", "群众满意度", "≥85%", "99.85%", "10", "10", ""],
        ["总分", "100分", "　" + total],
    ]
    if grade_row is not None:
        second.append(["自评等级", grade_row])
    return (
        "2023年度示范专项资金绩效自评报告\n三、综合评价结论\n"
        + prose
        + "\n项目支出绩效自评表\n"
        + txt_table(first)
        + "\n　\n"
        + txt_table(second)
    )


def sichuan_98(prose: str = "", conclusion: str = "经评价，项目支出绩效自评综合得分为98分，评价等级为“优秀”。") -> str:
    """The Sichuan table scoring 98, with a 评价结论 cell and maybe a 评价结论 section."""
    rows = sichuan_rows(scores=("10", "20", "20", "38"), total=("100", "98"), conclusion=conclusion)
    return "2023年度项目绩效自评报告\n" + prose + "\n部门预算项目支出绩效自评表（2023年度）\n" + txt_table(rows)


SICHUAN_PROSE = (
    "四、评价结论\n（示范培训经费）\n根据项目实施情况，经评价，项目支出绩效自评综合得分为{}分，评价等级为“{}”。"
)
HUNAN_PROSE = "2023年度示范专项资金绩效自评得分为{}分，自评结论为“{}”。"

# name -> (report text, the expected code or None for a correct report, a word of its message)
FORM_CASES = {
    "hunan-correct": (hunan_text(HUNAN_PROSE.format("97.13", "优秀")), None, ""),
    "hunan-prose-grade": (hunan_text(HUNAN_PROSE.format("97.13", "良好")), "SCORE005", "“良好”"),
    "hunan-prose-score": (hunan_text(HUNAN_PROSE.format("92.13", "优秀")), "SCORE004", "92.13"),
    "hunan-grade-row-correct": (hunan_text(HUNAN_PROSE.format("97.13", "优秀"), "优"), None, ""),
    "hunan-grade-row": (hunan_text(HUNAN_PROSE.format("97.13", "优秀"), "良"), "SCORE005", "“良”"),
    "sichuan-correct": (sichuan_98(SICHUAN_PROSE.format("98", "优秀")), None, ""),
    "sichuan-prose-grade": (sichuan_98(SICHUAN_PROSE.format("98", "良好")), "SCORE005", "“良好”"),
    "sichuan-prose-score": (sichuan_98(SICHUAN_PROSE.format("93", "优秀")), "SCORE004", "93"),
    "sichuan-cell-grade": (
        sichuan_98(conclusion="经评价，项目支出绩效自评综合得分为98分，评价等级为“良好”。"),
        "SCORE005",
        "“良好”",
    ),
    "sichuan-cell-score": (
        sichuan_98(conclusion="经评价，项目支出绩效自评综合得分为93分，评价等级为“优秀”。"),
        "SCORE004",
        "93",
    ),
    "sichuan-cell-grade-only": (sichuan_98(conclusion="经评价，该项目评价等级为“良好”。"), "SCORE005", "98"),
}


def in_form(tmp_path: Path, text: str, form: str) -> Path:
    path = report(tmp_path, text + "\n")
    if form == "txt":
        return path
    from builders import to_docx, to_pdf

    pytest.importorskip("docx" if form == "docx" else "reportlab")
    return (to_docx if form == "docx" else to_pdf)(path, tmp_path / f"report.{form}")


@pytest.mark.parametrize("form", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("case", sorted(FORM_CASES))
def test_grades_and_prose_scores_in_three_forms(tmp_path, case, form):
    """A wrong grade (评价结论 cell, prose, 自评等级 row) or a prose score changed from the
    table total is found in TXT, DOCX and PDF; the correct reports are silent."""
    text, code, word = FORM_CASES[case]
    found = lint(in_form(tmp_path, text, form), select=SCORE)
    if code is None:
        assert found == []
    else:
        (f,) = found
        assert f.code == code and word in f.message


def test_grade_not_judged_against_a_total_that_is_not_the_sum(tmp_path):
    """总分 7.13 while the scores add up to 97.13: SCORE003 only, the 优 grade is not blamed."""
    path = report(tmp_path, hunan_text(HUNAN_PROSE.format("97.13", "优秀"), "优", total="7.13"))
    assert codes(lint(path, select=SCORE)) == ["SCORE003"]
