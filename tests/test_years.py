"""YEAR rules and the report-year / year-mention facts they stand on."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_file, lint
from fiscalint.config import Config
from fiscalint.engine import Run, check_file
from fiscalint.facts.years import infer_report_year, title_years, year_mentions
from fiscalint.plugins import default_registry
from fiscalint.readers.text import TextReader

YEAR = ["YEAR"]

# A made-up 2023 report whose every year label is right.
REPORT_2023 = """\
成都市某某区示范局2023年度部门决算公开说明
一、收入支出决算总体情况说明
2023年度收、支总计100.00万元。与2022年度相比，收、支总计各增加10.00万元，增长11.11%。
二、机关运行经费
2023年度机关运行经费支出10.00万元，比2022年度增加1.00万元，增长11.11%。
三、国有资产占有使用情况
截至2023年12月31日，本单位共有车辆2辆。
四、预算绩效管理情况
按照《某某市财政局关于开展2022年度预算绩效自评工作的通知》（某财绩〔2022〕3号）要求，我局开展了自评。
“十四五”期间（2021—2025年）持续推进示范创建；项目编码51010023T000001234567。
2022年底受疫情影响部分活动延期，已于2023年完成。项目计划于2024年6月底之前结束。
部门预算项目支出绩效自评表（2023年度）
	项目名称
	示范创建

	主管部门
	示范局
"""


def write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(text: str):
    return TextReader().parse("x.txt", text.split("\n"))


# -- facts -------------------------------------------------------------------


def test_year_mentions_classify_labels_not_citations():
    kinds = [(m.kind, m.year) for m in year_mentions("与2020年相比增加5万元，截至2021年12月31日共有车辆1辆。")]
    assert kinds == [("comparison", 2020), ("stock", 2021)]
    assert year_mentions("比2022年度增加8.44万元") and year_mentions("与2020年减少0.38万元")
    # citations, plans, codes and plain history are not labels
    assert year_mentions("《关于与2019年相比较的通知》") == []
    assert year_mentions("2021—2025年规划，财预〔2020〕10号") == []
    assert year_mentions("2022年底新冠疫情影响较大。") == []
    assert [m.year for m in title_years("部门预算项目支出绩效自评表（2023年度）")] == [2023]
    assert title_years("2022年6月底之前结束") == []


def test_report_year_from_title_and_body():
    ry = infer_report_year(read(REPORT_2023))
    assert ry.year == 2023 and "title" in ry.how
    # no title: the body decides (comparison year + 1, stock dates)
    body = read("一、概况\n与2020年相比增加1万元。\n截至2021年12月31日共有车辆1辆。\n")
    ry = infer_report_year(body)
    assert ry.year == 2021 and "body" in ry.how


def test_verbose_info_says_how_the_year_was_inferred(tmp_path):
    run = Run.create(Config(select=YEAR), default_registry())
    result = check_file(write(tmp_path, REPORT_2023), run)
    assert any("report year 2023 from the title" in line for line in result.info)


# -- corpus ----------------------------------------------------------------


def test_lizhou_year_labels():
    findings = lint(corpus_file("lizhou-zuzhibu-2021-juesuan.txt"), select=YEAR)
    assert [(f.code, f.location.line) for f in findings] == [
        # "与2010年相比" in a 2021 report: every other comparison uses 2020 (lizhou-09)
        ("YEAR001", 46),
        # "截至2020年12月底" vehicle stock in a 2021 report; L152 has 截至2021年12月31日 (lizhou-18)
        ("YEAR002", 134),
    ]
    assert "2010" in findings[0].message and "2020" in findings[0].message
    # silent on the verified comparisons (L75, L85, L132, L136, L146), on the 2020 self-evaluation
    # report published in 2021 (L220) and on the 2022年6月底之前结束 deadline (L812)


@pytest.mark.parametrize(
    "name", ["anju-zuzhibu-2023-juesuan.txt", "yiyang-zuzhibu-2022-zipingbaogao.txt", "putuo-ghzy-2024.pdf"]
)
def test_correct_corpus_reports_silent(name):
    # anju compares with 2022 and counts stock at 2023-12-31; putuo compares every figure with
    # 2023 in a 2024 report; yiyang cites 2022 notices in a 2022 report: all correct.
    assert lint(corpus_file(name), select=YEAR) == []


# -- made-up reports ---------------------------------------------------------


def test_correct_report_silent(tmp_path):
    assert lint(write(tmp_path, REPORT_2023), select=YEAR) == []


SHIFTED = (
    REPORT_2023.replace("与2022年度相比", "与2021年度相比")
    .replace("截至2023年12月31日", "截至2022年12月31日")
    .replace("自评表（2023年度）", "自评表（2022年度）")
)


def _shifted_expectations(findings) -> None:
    got = sorted(f.code for f in findings)
    # three labels now point to 2022 against two for 2023: the report also mixes years (YEAR004)
    assert got == ["YEAR001", "YEAR002", "YEAR003", "YEAR004"], got
    msg = {f.code: f.message for f in findings}
    assert "2021" in msg["YEAR001"] and "2022" in msg["YEAR001"]
    assert "截至2023年12月31日" in msg["YEAR002"]
    assert "2022" in msg["YEAR003"] and "2023" in msg["YEAR003"]


def test_shifted_year_labels(tmp_path):
    _shifted_expectations(lint(write(tmp_path, SHIFTED), select=YEAR))


def test_shifted_year_labels_docx_and_pdf(tmp_path):
    builders = pytest.importorskip("builders")
    src = write(tmp_path, SHIFTED, "src.txt")
    for path in (builders.to_docx(src, tmp_path / "r.docx"), builders.to_pdf(src, tmp_path / "r.pdf")):
        _shifted_expectations(lint(path, select=YEAR))


def test_whole_body_from_another_year_is_mixed(tmp_path):
    body = "\n".join(
        [
            "示范局2023年度部门决算公开说明",
            "与2021年相比，收入增加1.00万元。",
            "与2021年相比，支出增加1.00万元。",
            "截至2022年12月31日，共有车辆1辆。",
        ]
    )
    findings = lint(write(tmp_path, body), select=["YEAR004"])
    assert [(f.code, f.location.line) for f in findings] == [("YEAR004", 1)]
    assert "2022" in findings[0].message


def test_report_year_option_overrides(tmp_path):
    text = "一、概况\n与2020年相比增加1万元。\n"
    assert lint(write(tmp_path, text), select=["YEAR001"]) == []
    findings = lint(write(tmp_path, text), select=["YEAR001"], rules={"YEAR001": {"report-year": 2023}})
    assert [f.code for f in findings] == ["YEAR001"]
    # one report, one year: the option set on another year rule counts too
    findings = lint(write(tmp_path, text), select=["YEAR001"], rules={"YEAR002": {"report-year": 2023}})
    assert [f.code for f in findings] == ["YEAR001"] and "2023" in findings[0].message


def test_budget_comparisons_plans_and_other_topics_are_not_labels(tmp_path):
    text = (
        "示范局2023年度部门决算\n一、概况\n"
        "2023年决算数与2023年预算数相比减少5.00万元。\n"  # against this year's budget, not last year
        "与2019年相比，全区党员人数增长20%。\n"  # not a money figure: longer comparisons are normal
        "二、2024年预算安排\n下年度继续推进。\n"  # next year's plan
        "三、趋势\n2023年支出100.00万元，比2022年增加10.00万元，比2021年增加20.00万元。\n"  # a trend
    )
    assert lint(write(tmp_path, text), select=YEAR) == []


def test_budget_report_states_stock_at_the_end_of_the_previous_year(tmp_path):
    text = "示范局2024年部门预算\n一、国有资产占有使用情况\n截至2023年12月31日，共有车辆2辆。\n"
    assert lint(write(tmp_path, text), select=YEAR) == []
    text = text.replace("截至2023年", "截至2021年")
    assert [f.code for f in lint(write(tmp_path, text, "b.txt"), select=YEAR)] == ["YEAR002"]


def test_budget_report_states_last_years_final_accounts(tmp_path):
    # A 2024 budget may report what 2023 spent: a heading for the 2023 决算 is right there…
    text = (
        "示范局2024年部门预算\n一、2024年“三公”经费预算安排情况\n2024年度“三公”经费预算5.00万元。\n"
        "二、2023年“三公”经费决算情况\n2023年度“三公”经费支出4.20万元。\n"
    )
    assert lint(write(tmp_path, text), select=YEAR) == []
    # …but not in a 2024 决算, where it is last year's template left in place.
    final = text.replace("2024年部门预算", "2024年度部门决算").replace("2024年“三公”经费预算安排情况", "概况")
    assert [f.code for f in lint(write(tmp_path, final, "b.txt"), select=["YEAR003"])] == ["YEAR003"]
    # …nor in a report on the 2024 budget's execution, which looks back on 2024 as a 决算 does.
    execution = text.replace("2024年部门预算", "2024年度部门预算执行情况报告")
    assert [f.code for f in lint(write(tmp_path, execution, "c.txt"), select=["YEAR003"])] == ["YEAR003"]


@pytest.mark.parametrize(
    "text",
    [
        "与2020年相比增加5万元，截至2021年12月31日共有车辆1辆。",
        "比2022年度增加8.44万元",
        "较2021年减少3万元，和2020年持平",
        "同2020年决算数相比",
        "《关于与2019年相比较的通知》",
        "2021—2025年规划，财预〔2020〕10号",
        "截止2023年末",
        "2022年底新冠疫情影响较大。",
        "部门预算项目支出绩效自评表（2023年度）",
    ],
)
def test_year_mention_prechecks_skip_only_patterns_that_cannot_match(text):
    """_year_mentions skips a pattern when none of its leading characters is in the text."""
    from fiscalint.facts import years as fy

    for _kind, rx, marks in fy._MENTIONS:
        if rx.search(text):
            assert any(mark in text for mark in marks)


@pytest.mark.parametrize(
    "paragraph",
    [
        *REPORT_2023.splitlines(),
        "截至2023年12月31日前。与2022年相比增加",
        "截至2023年12月31日。前面",
        "2022年底受疫情影响。与2021年相比，支出增加。",
    ],
)
def test_a_sentence_mentions_a_year_only_where_its_paragraph_may(paragraph):
    """YEAR001/002 skip the sentences of a paragraph without a candidate (may_mention_years)."""
    from fiscalint.checks.years import _sentences
    from fiscalint.facts.years import may_mention_years

    if not may_mention_years(paragraph):
        assert not any(year_mentions(sentence) for _offset, sentence in _sentences(paragraph))


@pytest.mark.parametrize(
    "text",
    [
        *REPORT_2023.splitlines(),
        "2021-2025年规划",
        "2021～2025年",
        "[2020]10号",
        "财预(2020)10号文件",
        "2020〕10号",
        "项目编码123456A7",
    ],
)
def test_excluded_spans_prechecks_keep_every_span(text):
    from fiscalint.facts import years as fy

    every = [m.span() for rx, _marks in fy._EXCLUDED for m in rx.finditer(text)]
    assert fy.excluded_spans(text) == every
