"""The 绩效自评表 parser: layouts, merged and line-broken headers, split tables,
and tables that are not score tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import corpus_file
from fiscalint.facts.score_tables import (
    Indicator,
    bare_grade,
    document_score_tables,
    parse_points,
    score_statements,
    target_met,
)
from fiscalint.readers import Limits
from fiscalint.readers.text import TextReader

SCALES = [
    [["差", "较差"], ["一般", "中"], ["较好", "良"], ["好", "优", "高"]],
    [["不合格"], ["合格"]],
]


def txt_table(rows: list[list[str]]) -> str:
    """Rows in the corpus text layout: one TAB line per cell, a blank line per row."""
    out: list[str] = []
    for row in rows:
        for cell in row:
            first, *rest = cell.split("\n")
            out.append("\t" + first)
            out.extend(rest)
        out.append("")
    return "\n".join(out)


def read(tmp_path: Path, text: str):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return TextReader().read(str(path), path.read_bytes(), Limits())


def sichuan_rows(scores=("8", "10", "20", "18"), total="96") -> list[list[str]]:
    """A made-up 部门预算项目支出绩效自评表 in the Sichuan layout (权重/得分)."""
    return [
        ["项目名称", "5109TEST000001-示范培训经费"],
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
        ["", "总额", "50.00", "40.00", "40.00", "100.00%", "10", "10", "说明"],
        ["", "其中：财政资金", "50.00", "40.00", "40.00", "100.00%", "/", "/", ""],
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
        ["", "产出指标", "数量指标", "培训人次", "≥", "100", "人", "120", "10", scores[0], ""],
        ["", "", "质量指标", "培训质量", "定性", "合格", "", "合格", "20", scores[1], ""],
        ["", "效益指标", "社会效益指标", "能力提升", "定性", "较好", "", "好", "20", scores[2], ""],
        ["", "满意度指标", "服务对象满意度指标", "学员满意度", "≥", "90", "%", "85", "40", scores[3], "部分学员不满意"],
        ["合计", "100", total, ""],
        ["评价结论", "经评价，项目支出绩效自评综合得分为96分，评价等级为“优秀”。"],
    ]


def test_sichuan_layout_is_parsed_by_header_text(tmp_path):
    doc = read(tmp_path, "部门预算项目支出绩效自评表（2023年度）\n" + txt_table(sichuan_rows()))
    (st,) = document_score_tables(doc)
    assert st.project == "示范培训经费"  # the budget code prefix is dropped
    assert st.budget is not None and st.budget.weight.value == 10 and st.budget.rate.value == 100
    assert st.budget_cap.value == 10 and st.indicators_cap.value == 90
    assert [i.name for i in st.indicators] == ["培训人次", "培训质量", "能力提升", "学员满意度"]
    assert [str(i.weight.value) for i in st.indicators] == ["10", "20", "20", "40"]
    assert st.indicators[0].nature == "≥" and st.indicators[0].unit == "人" and st.indicators[0].actual == "120"
    assert [c.label for c in st.categories] == ["产出指标", "效益指标", "满意度指标"]
    assert st.total_weight.value == 100 and st.total_score.value == 96
    assert "综合得分为96分" in st.conclusion.text


def test_hunan_layout_with_line_broken_headers_and_split_table(tmp_path):
    """年度\\n指标值 style headers; the text export splits the table before 效益指标."""
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
        ["", "", "", "成本", "≤2000元", "1800元", "20", "20", ""],
        ["", "效益指标\n（40分）"],
    ]
    second = [
        ["", "", "社会效益\n指标", "组织保证", "持续保证", "持续保证", "30", "30", ""],
        ["", "", "服务对象满意度指标", "群众满意度", "≥85%", "99.85%", "10", "10", ""],
        ["总分", "100分", "　98"],
    ]
    doc = read(tmp_path, "项目支出绩效自评表\n" + txt_table(first) + "\n　\n" + txt_table(second))
    assert len(doc.tables()) == 2
    (st,) = document_score_tables(doc)
    assert len(st.tables) == 2  # joined back
    assert [(c.label, c.cap.value) for c in st.categories] == [("产出指标", 50), ("效益指标", 40)]
    assert [len(c.indicators) for c in st.categories] == [2, 2]
    assert st.budget.adjusted.value == 80 and st.budget.weight.value == 10
    assert st.total_weight.value == 100 and st.total_score.value == 98
    assert st.indicators[0].target == "≥6次" and st.indicators[0].reason == ""


def test_a_table_without_weights_and_scores_is_ignored(tmp_path):
    rows = [
        ["项目", "本年数", "上年数"],
        ["收入合计", "100.00", "90.00"],
        ["支出合计", "100.00", "90.00"],
    ]
    doc = read(tmp_path, "收入支出决算总表\n" + txt_table(rows))
    assert document_score_tables(doc) == []


def test_a_targets_table_without_scores_is_ignored(tmp_path):
    """特定目标类 自评表 list 指标值 and 完成值 but no points: nothing to check."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        ["产出指标", "数量指标", "覆盖村数", "≥20个", "25个"],
    ]
    doc = read(tmp_path, "项目绩效目标自评表\n" + txt_table(rows))
    assert document_score_tables(doc) == []


def test_points_as_printed():
    assert parse_points("10分").value == 10
    assert parse_points("\u3000" + "7.13").value == Decimal("7.13")
    assert parse_points("/") is None and parse_points("") is None
    assert parse_points("优") is None


def ind(target, actual, nature="", unit="") -> Indicator:
    return Indicator("x", [], None, None, None, None, nature=nature, target=target, unit=unit, actual=actual)


def test_target_met_numbers_with_units_and_operators():
    assert target_met(ind("≥6次", "30次")) is True
    assert target_met(ind("≤2000元", "1756元")) is True
    assert target_met(ind("≥85%", "99.85%")) is True
    assert target_met(ind("100%", "100%")) is True
    assert target_met(ind("6", "8", nature="≥", unit="种")) is True
    assert target_met(ind("2", "2", nature="≥", unit="次")) is True
    assert target_met(ind("≥90%", "85%")) is False
    assert target_met(ind("1", "2", nature="＝")) is False
    # a bare target is only known to be met when equal; other units are not compared
    assert target_met(ind("100%", "95%")) is None
    assert target_met(ind("≤2万元", "15000元")) is None
    assert target_met(ind("2022年底", "2022年年前完成97.13%")) is None


def test_target_met_qualitative_words():
    assert target_met(ind("合格", "合格", nature="定性"), SCALES) is True
    assert target_met(ind("较好", "高", nature="定性"), SCALES) is True
    assert target_met(ind("较好", "一般", nature="定性"), SCALES) is False
    # "优良差" lists a scale, it is not a target; words of two scales are not compared
    assert target_met(ind("优良差", "良", nature="定性"), SCALES) is None
    assert target_met(ind("合格", "好", nature="定性"), SCALES) is None


def test_score_statements_in_prose():
    (s,) = score_statements("2022年度示范专项资金绩效自评得分为97.13分，自评结论为“优秀”。")
    assert s.score.value == Decimal("97.13") and s.grade == "优秀" and "示范专项资金" in s.subject
    (s,) = score_statements("示范经费综合评分98分。绩效自评综述：……")
    assert s.score.value == 98 and s.grade == ""
    (s,) = score_statements("经评价，项目支出绩效自评综合得分为94分，评价等级为“良好”。")
    assert s.grade == "良好"
    # an indicator's own points are not the project's score
    assert score_statements("满意度指标自评得分10分。") == ()
    (s,) = score_statements("示范专项资金自评总分为97.13分，自评结论为“良好”。")
    assert s.score.value == Decimal("97.13") and s.grade == "良好"
    # the scale of the scoring, not a score
    assert score_statements("项目自评总分为100分，其中预算执行10分、绩效指标90分。") == ()
    assert score_statements("按满分100分计，综合评分满分为100分。") == ()


def test_bare_grade_words():
    assert [bare_grade(t) for t in ("优", "“良好”", " 优秀等次 ", "中。")] == ["优", "良好", "优秀", "中"]
    # sentences, pass/fail words and other cells are not bare grades
    assert [bare_grade(t) for t in ("合格", "不合格", "优秀人才", "分数区间", "")] == [""] * 5


def test_corpus_anju_six_sichuan_tables():
    path = corpus_file("anju-zuzhibu-2023-juesuan.txt")
    doc = TextReader().read(str(path), path.read_bytes(), Limits())
    tables = document_score_tables(doc)
    assert [t.project for t in tables] == [
        "党报党刊征订费",
        "党建工作、党建调研经费",
        "干部培训专项经费",
        "公务员组织管理等工作经费",
        "关工委工作经费",
        "人才发展专项资金",
    ]
    assert [str(t.total_score.value) for t in tables] == ["98", "98", "98", "95", "94", "94"]
    for t in tables:
        assert sum(w.value for w in t.weight_terms()) == 100
        assert sum(s.value for s in t.score_terms()) == t.total_score.value


def test_corpus_yiyang_hunan_table_split_in_two():
    path = corpus_file("yiyang-zuzhibu-2022-zipingbaogao.txt")
    doc = TextReader().read(str(path), path.read_bytes(), Limits())
    (st,) = document_score_tables(doc)
    assert len(st.tables) == 2
    assert st.total_score.value == Decimal("7.13") and st.total_score_cell.location.line == 244
    assert sum(s.value for s in st.score_terms()) == Decimal("97.13")
    assert [(c.label, c.cap.value) for c in st.categories] == [("产出指标", 50), ("效益指标", 40)]


def test_corpus_lizhou_flowing_pdf_text_has_no_score_tables():
    path = corpus_file("lizhou-zuzhibu-2021-juesuan.txt")
    doc = TextReader().read(str(path), path.read_bytes(), Limits())
    assert document_score_tables(doc) == []


def test_one_weight_column_per_level_uses_the_leaves(tmp_path):
    rows = [
        ["单位名称", "示范单位"],
        ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"],
        ["决策", "20", "目标", "10", "明确性", "5", "5"],
        ["", "", "", "", "合理性", "5", "4"],
        ["", "", "投入", "10", "预算编制", "10", "10"],
        ["绩效", "80", "产出", "80", "完成数量", "80", "78"],
        ["合计", "100", "97"],
    ]
    doc = read(tmp_path, "部门整体支出绩效自评表\n" + txt_table(rows))
    (st,) = document_score_tables(doc)
    assert [str(i.weight.value) for i in st.indicators] == ["5", "5", "10", "80"]
    assert st.total_score.value == 97


def test_table_cut_between_budget_block_and_indicators_is_joined(tmp_path):
    budget = [
        ["项目名称", "示范经费"],
        ["预算执行情况（10分）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "得分"],
        ["总额", "10.00", "10.00", "10.00", "100.00%", "10"],
    ]
    indicators = [
        ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分", "未完成原因分析"],
        ["产出指标", "数量指标", "场次", "≥2场", "3场", "90", "88", "略"],
        ["合计", "100", "98", ""],
    ]
    doc = read(tmp_path, "表\n" + txt_table(budget) + "\n　\n" + txt_table(indicators))
    (st,) = document_score_tables(doc)
    assert len(st.tables) == 2
    # no 权重 column in the budget block: its cap counts as its weight
    assert [str(w.value) for w in st.weight_terms()] == ["10", "90"]
    assert [str(s.value) for s in st.score_terms()] == ["10", "88"]


def test_group_rows_with_their_own_points_are_caps_not_indicators(tmp_path):
    rows = [
        ["项目名称", "示范经费"],
        ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "偏差原因"],
        ["产出指标", "", "", "", "", "60", "58", ""],
        ["", "数量指标", "场次", "≥2场", "3场", "60", "58", "略"],
        ["效益指标", "", "", "", "", "40", "40", ""],
        ["", "社会效益指标", "覆盖", "≥80%", "90%", "40", "40", ""],
        ["小计", "100", "98", ""],
        ["总分", "100", "98", ""],
    ]
    doc = read(tmp_path, "项目支出绩效自评表\n" + txt_table(rows))
    (st,) = document_score_tables(doc)
    assert [i.name for i in st.indicators] == ["场次", "覆盖"]
    assert [(c.label, c.cap.value) for c in st.categories] == [("产出指标", 60), ("效益指标", 40)]
    assert st.total_score.value == 98


def split_with_repeated_header(weights=("10", "20", "20", "40")) -> tuple[list, list]:
    """A Sichuan table cut by a page break, its indicator header repeated on the new page."""
    rows = sichuan_rows(scores=("10", "20", "20", "36"))  # 10 + 10 + 20 + 20 + 36 = 96
    for r, w in zip(rows[5:9], weights, strict=True):
        r[8] = w
    return rows[:7], [rows[4], *rows[7:]]


def test_table_split_with_its_header_repeated_is_joined(tmp_path):
    first, second = split_with_repeated_header()
    text = (
        "部门预算项目支出绩效自评表（2023年度）\n"
        + txt_table(first)
        + "\n　\n部门预算项目支出绩效自评表（续表）\n"
        + txt_table(second)
    )
    doc = read(tmp_path, text)
    assert len(doc.tables()) == 2
    (st,) = document_score_tables(doc)
    assert len(st.tables) == 2 and st.project == "示范培训经费"
    assert [i.name for i in st.indicators] == ["培训人次", "培训质量", "能力提升", "学员满意度"]
    assert sum(w.value for w in st.weight_terms()) == 100 and st.total_score.value == 96


def test_a_repeated_header_after_a_complete_table_starts_another(tmp_path):
    """The rows before already add up to 100: the same header again is a second table."""
    rows = sichuan_rows()
    header, body = rows[4], rows[5:9]
    first = [rows[1], rows[2], header, *body]
    text = "表一\n" + txt_table(first) + "\n　\n" + txt_table([header, *body, ["合计", "100", "96", ""]])
    doc = read(tmp_path, text)
    tables = document_score_tables(doc)
    assert [len(t.indicators) for t in tables] == [4, 4]


def test_grade_row_of_a_table(tmp_path):
    rows = [*sichuan_rows()[:-1], ["自评等级", "“优”"]]
    (st,) = document_score_tables(read(tmp_path, "表\n" + txt_table(rows)))
    assert st.grade_cell is not None and bare_grade(st.grade_cell.text) == "优"
