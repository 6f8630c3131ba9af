"""SEC rules: heading numbering, required sections per template, report titles.

The corpus tests list every finding with the reason it is right; the small
reports below are made up (a fictional 成都 district bureau), never corpus text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_file, lint

SEC = ["SEC"]

# A complete, correct report of the Sichuan 2023 template (made-up figures).
SICHUAN_OK = """\
成都市某某区示范局2023年度部门决算公开说明
第一部分 部门概况
一、部门职责
负责全区示范工作的统筹协调。
二、机构设置
本局下属二级单位1个。
第二部分 2023年度部门决算情况说明
一、收入支出决算总体情况说明
2023年度收、支总计100.00万元。与2022年度相比，收、支总计各增加10.00万元，增长11.11%。
二、收入决算情况说明
2023年本年收入合计100.00万元。
三、支出决算情况说明
2023年本年支出合计100.00万元。
四、财政拨款收入支出决算总体情况说明
2023年度财政拨款收、支总计100.00万元。与2022年相比，财政拨款收、支总计各增加10.00万元，增长11.11%。
五、一般公共预算财政拨款支出决算情况说明
（一）一般公共预算财政拨款支出决算总体情况
2023年度一般公共预算财政拨款支出100.00万元。
（二）一般公共预算财政拨款支出决算结构情况
一般公共服务支出100.00万元，占100.00%。
（三）一般公共预算财政拨款支出决算具体情况
行政运行支出100.00万元。
六、一般公共预算财政拨款基本支出决算情况说明
2023年度一般公共预算财政拨款基本支出100.00万元。
七、财政拨款“三公”经费支出决算情况说明
（一）“三公”经费财政拨款支出决算总体情况说明
2023年度“三公”经费财政拨款支出决算为0万元。
（二）“三公”经费财政拨款支出决算具体情况说明
2023年度公务接待费支出0万元。
八、政府性基金预算支出决算情况说明
2023年度政府性基金预算财政拨款支出0万元。
九、国有资本经营预算支出决算情况说明
2023年度国有资本经营预算财政拨款支出0万元。
十、其他重要事项的情况说明
（一）机关运行经费支出情况
2023年度机关运行经费支出10.00万元，比2022年度增加1.00万元，增长11.11%。
（二）政府采购支出情况
2023年度政府采购支出总额0万元。
（三）国有资产占有使用情况
截至2023年12月31日，本单位共有车辆0辆。
（四）预算绩效管理情况
2023年度开展项目绩效自评1个。
第三部分 名词解释
1.财政拨款收入：指单位从同级财政部门取得的财政预算资金。
2.基本支出：指为保障机构正常运转而发生的支出。
第四部分 附件
附件1
2023年示范局部门预算绩效评价报告
一、部门（单位）基本情况
本局职能清楚。
二、部门资金收支情况
收支平衡。
三、部门预算绩效分析
管理规范。
四、评价结论及建议
评价为优。
第五部分 附表
一、收入支出决算总表
二、收入决算表
三、支出决算表
四、财政拨款收入支出决算总表
五、财政拨款支出决算明细表
六、一般公共预算财政拨款支出决算表
七、一般公共预算财政拨款支出决算明细表
八、一般公共预算财政拨款基本支出决算表
九、一般公共预算财政拨款项目支出决算表
十、政府性基金预算财政拨款收入支出决算表
十一、国有资本经营预算财政拨款收入支出决算表
十二、国有资本经营预算财政拨款支出决算表
十三、财政拨款“三公”经费支出决算表
"""


def write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(findings, level: str | None = None) -> list[tuple[str, int | None]]:
    return sorted((f.code, f.location.line) for f in findings if level is None or f.level == level)


def errors(findings) -> list:
    return [f for f in findings if f.level != "note"]


# -- corpus ------------------------------------------------------------------


def test_lizhou_numbering_and_titles():
    findings = lint(corpus_file("lizhou-zuzhibu-2021-juesuan.txt"), select=SEC)
    assert codes(errors(findings)) == [
        # 第一部分's 1、 2、 sit over （一）（二）: a first-level heading is 一、二、 (lizhou-02, lizhou-07)
        ("SEC010", 1),
        ("SEC010", 32),
        # 第二部分 runs 1、2、3、 then 四、…八、 then 9、10、: the decimal ones break the
        # 一、 style of their siblings (lizhou-08, -10, -13, -20, -21)
        ("SEC010", 43),
        ("SEC010", 53),
        ("SEC010", 64),
        ("SEC010", 141),
        ("SEC010", 144),
        # 第3部分 between 第二部分 and 第四部分 (lizhou-24)
        ("SEC010", 161),
        # （2） where its sibling is （一） and every other report has （二） (lizhou-39)
        ("SEC010", 474),
        # the one bare “项目绩效自评报告” among thirteen “2021年XX项目绩效自评报告” (lizhou-33)
        ("SEC020", 257),
    ]
    by_line = {f.location.line: f for f in findings}
    assert "应为“九、”" in by_line[141].message
    assert "应为“第三部分”" in by_line[161].message
    assert "应为“（二）”" in by_line[474].message
    # The 第一部分 heading line is missing while its content is there: notes only (lizhou-01).
    assert {(f.code, f.level) for f in findings if f.location.line == 41} == {("SEC001", "note"), ("SEC011", "note")}
    # The fifteen project reports each restart at 一、 after their own title: no restart finding.
    assert not [f for f in findings if f.code == "SEC013"]
    # 名词解释 items 1.–7. then 8、–16、 then 17.–21.: a style switch in a list, a note (lizhou-25)
    assert [(f.code, f.level, f.location.line) for f in findings if f.code == "SEC015"] == [("SEC015", "note", 170)]


def test_yiyang_mixed_decimal_labels():
    findings = lint(corpus_file("yiyang-zuzhibu-2022-zipingbaogao.txt"), select=SEC)
    # 1、 二、 3、 4、 五、六、七、: the decimal labels break the 一、 style (yiyang-01/02/03);
    # the Hunan template finds all its sections, so nothing else.
    assert codes(findings) == [("SEC010", 5), ("SEC010", 10), ("SEC010", 12)]


def test_anju_lost_numbering_is_only_noted():
    findings = lint(corpus_file("anju-zuzhibu-2023-juesuan.txt"), select=SEC)
    assert errors(findings) == []
    # Unnumbered headings among numbered siblings (lost Word auto-numbering, anju-01/02):
    # 部门职责 before 二、; three before 四、 and two after 八、 in 第二部分.
    assert codes(findings, "note") == [
        ("SEC011", 1484),  # （一）→（四） with two unnumbered run-in titles between (anju-16)
        ("SEC014", 3),
        ("SEC014", 36),
        ("SEC014", 41),
        ("SEC014", 46),
        ("SEC014", 124),
        ("SEC014", 127),
    ]
    by_line = {f.location.line: f for f in findings}
    assert "“一、”" in by_line[36].message and "“三、”" in by_line[46].message


def test_putuo_pdf_sections_silent():
    findings = lint(corpus_file("putuo-ghzy-2024.pdf"), select=SEC)
    # The body has no 第二部分 heading although its nine tables are there (not decidable in
    # the audit): a note, never an error.
    assert errors(findings) == []


# -- made-up reports ------------------------------------------------------------


def test_correct_report_is_silent(tmp_path):
    findings = lint(write(tmp_path, SICHUAN_OK), select=["SEC", "YEAR"])
    assert findings == []


def test_report_with_a_deleted_section(tmp_path):
    text = SICHUAN_OK.replace("二、收入决算情况说明\n2023年本年收入合计100.00万元。\n", "")
    findings = lint(write(tmp_path, text), select=SEC)
    missing = [f for f in findings if f.code == "SEC001"]
    assert len(missing) == 1 and missing[0].level == "error"
    assert "二、收入决算情况说明" in missing[0].message and "sichuan-2023-bumen-juesuan" in missing[0].message
    assert "“一、收入支出决算总体情况说明”之后" in missing[0].message
    # and the numbering now jumps from 一、 to 三、
    assert [f.code for f in findings if f.code == "SEC011"] == ["SEC011"]


def test_missing_table_and_annex_section(tmp_path):
    text = SICHUAN_OK.replace("十三、财政拨款“三公”经费支出决算表\n", "").replace(
        "三、部门预算绩效分析\n管理规范。\n", ""
    )
    text = text.replace("四、评价结论及建议\n评价为优。\n", "三、评价结论及建议\n评价为优。\n")
    findings = lint(write(tmp_path, text), select=SEC)
    assert [f.code for f in findings] == ["SEC004", "SEC001"] or sorted(f.code for f in findings) == [
        "SEC001",
        "SEC004",
    ]
    annex = next(f for f in findings if f.code == "SEC001")
    assert "三、部门预算绩效分析" in annex.message and "sichuan-2023-bumen-pingjia" in annex.message


def test_sections_out_of_order_and_duplicated(tmp_path):
    swapped = SICHUAN_OK.replace(
        "八、政府性基金预算支出决算情况说明\n2023年度政府性基金预算财政拨款支出0万元。\n"
        "九、国有资本经营预算支出决算情况说明\n2023年度国有资本经营预算财政拨款支出0万元。\n",
        "八、国有资本经营预算支出决算情况说明\n2023年度国有资本经营预算财政拨款支出0万元。\n"
        "九、政府性基金预算支出决算情况说明\n2023年度政府性基金预算财政拨款支出0万元。\n",
    )
    findings = lint(write(tmp_path, swapped), select=SEC)
    line = swapped.splitlines().index("八、国有资本经营预算支出决算情况说明") + 1
    assert [(f.code, f.location.line) for f in findings] == [("SEC002", line)]
    assert "模板 sichuan-2023-bumen-juesuan" in findings[0].message
    doubled = SICHUAN_OK.replace("第三部分 名词解释\n", "第三部分 名词解释\n第三部分 名词解释\n")
    findings = lint(write(tmp_path, doubled, "b.txt"), select=SEC)
    assert {f.code for f in findings} >= {"SEC003", "SEC012"}


NUMBERED = """\
示范局2023年度工作报告
一、总体情况
全年工作顺利完成。
二、主要做法
做法有三。
{third}
取得成效。
{fourth}
存在不足。
"""


@pytest.mark.parametrize(
    ("third", "fourth", "code", "line"),
    [
        ("四、主要成效", "五、存在问题", "SEC011", 6),  # 一、二、四、: 三、 missing
        ("二、主要成效", "三、存在问题", "SEC012", 6),  # 二、 twice
        ("一、主要成效", "二、存在问题", "SEC013", 6),  # back to 一、 without a new report title
        ("3、主要成效", "四、存在问题", "SEC010", 6),  # 3、 among 一、二、四、
    ],
)
def test_numbering_mistakes(tmp_path, third, fourth, code, line):
    findings = lint(write(tmp_path, NUMBERED.format(third=third, fourth=fourth)), select=SEC)
    assert [(f.code, f.location.line) for f in errors(findings)] == [(code, line)]


def test_correct_numbering_and_new_report_restart_silent(tmp_path):
    text = NUMBERED.format(third="三、主要成效", fourth="四、存在问题")
    # a second report after its own title restarts at 一、: not a restart
    text += "2023年示范项目绩效自评报告\n一、项目概况\n项目运行良好。\n二、项目绩效\n（一）完成情况\n完成。\n（二）效益情况\n良好。\n"
    # a list whose first items are paragraphs: "3." may be short enough to read as a heading
    text += "三、工作职责\n1.负责全区示范工作的统筹协调，指导各街道开展示范创建。\n2.负责示范资金的分配和管理，监督资金使用情况。\n3.完成交办的其他任务。\n"
    findings = lint(write(tmp_path, text), select=SEC)
    assert findings == []


def test_paren_child_with_wrong_style(tmp_path):
    text = "示范报告\n一、项目绩效\n（一）完成情况\n完成全部任务。\n（2）效益情况\n效益良好。\n二、问题\n无。\n"
    findings = lint(write(tmp_path, text), select=SEC)
    assert [(f.code, f.location.line) for f in findings] == [("SEC010", 5)]
    assert "应为“（二）”" in findings[0].message


def test_bare_report_title_among_titled_ones(tmp_path):
    body = "一、项目概况\n项目运行良好。\n二、项目绩效\n完成。\n"
    text = "示范局2021年度单位决算\n"
    for name in ("甲", "乙", "丙"):
        text += f"2021年{name}工作项目绩效自评报告\n" + body
    text += "项目绩效自评报告\n" + body
    findings = lint(write(tmp_path, text), select=["SEC020"])
    assert [(f.code, f.location.line) for f in findings] == [("SEC020", 17)]


def test_section_ends_mid_sentence(tmp_path):
    text = "示范报告\n一、总体情况\n本年度收入主要用于人员经费、公用经费和\n二、主要做法\n做法有三。\n"
    findings = lint(write(tmp_path, text), select=["SEC030"])
    assert [(f.code, f.location.line) for f in findings] == [("SEC030", 3)]
    ok = "示范报告\n一、总体情况\n本年度收入全部用于人员经费。\n二、主要做法\n具体做法如下：\n三、成效\n好。\n"
    assert lint(write(tmp_path, ok, "ok.txt"), select=["SEC030"]) == []


# -- the same report as DOCX and PDF -----------------------------------------------


def _other_forms(tmp_path: Path, text: str) -> list[Path]:
    builders = pytest.importorskip("builders")
    src = write(tmp_path, text, "src.txt")
    return [builders.to_docx(src, tmp_path / "r.docx"), builders.to_pdf(src, tmp_path / "r.pdf")]


def test_deleted_section_in_docx_and_pdf(tmp_path):
    text = SICHUAN_OK.replace("二、收入决算情况说明\n2023年本年收入合计100.00万元。\n", "")
    for path in _other_forms(tmp_path, text):
        findings = lint(path, select=["SEC001"])
        assert [f.code for f in findings] == ["SEC001"], path.suffix
        assert "二、收入决算情况说明" in findings[0].message


def test_correct_report_silent_in_docx_and_pdf(tmp_path):
    for path in _other_forms(tmp_path, SICHUAN_OK):
        assert errors(lint(path, select=["SEC001", "SEC002", "SEC003", "SEC004", "SEC010", "SEC011"])) == [], path


def test_auto_numbered_sublist_and_annex_heading(tmp_path):
    # Word's auto-numbered "1、 " right under 一、 is a sub-list, not a sibling of 一、;
    # an unnumbered 附件 heading starts a new report that may restart at 一、.
    text = (
        "示范报告\n一、总体情况\n1、 收入情况\n收入很好。\n2、 支出情况\n支出很好。\n"
        "二、主要做法\n做法有三。\n附件\n一、补充说明\n无。\n"
    )
    assert lint(write(tmp_path, text), select=SEC) == []


def test_list_numbering_in_paragraphs(tmp_path):
    head = "示范报告\n一、名词解释\n"
    items = ["1.财政拨款收入：指财政拨款。", "2.事业收入：指事业收入。", "3.其他收入：指其他收入。"]
    ok = head + "\n".join(items) + "\n二、职责\n1.负责示范工作，统筹协调。\n2.完成交办的其他任务，做好服务。\n"
    assert lint(write(tmp_path, ok), select=["SEC015"]) == []
    gap = head + "\n".join([items[0], items[2]]) + "\n"
    findings = lint(write(tmp_path, gap, "gap.txt"), select=["SEC015"])
    assert [(f.code, f.level, f.location.line) for f in findings] == [("SEC015", "warning", 4)]
    switch = head + "\n".join([items[0], items[1].replace("2.", "2、"), items[2].replace("3.", "3、")]) + "\n"
    findings = lint(write(tmp_path, switch, "switch.txt"), select=["SEC015"])
    assert [(f.code, f.level, f.location.line) for f in findings] == [("SEC015", "note", 4)]


def test_list_item_run_into_the_previous_one_is_not_missing(tmp_path):
    # Seen in a published report (PDF): item （八） printed right after the full stop of （七）,
    # in the same paragraph. It is there, so the list does not lack it.
    head = "示范报告\n一、部门职能\n"
    duty = "负责本区示范工作的组织、协调和监督检查，拟订有关制度办法并组织实施，做好日常管理。"
    items = {n: f"（{n}）{duty}" for n in "六七八九"}
    run_in = head + "\n".join([items["六"], items["七"] + items["八"], items["九"]]) + "\n"
    # As list paragraphs (SEC015) and, short, as headings (SEC011): the item is there.
    assert lint(write(tmp_path, run_in), select=["SEC015"]) == []
    short = head + "（六）负责甲。\n（七）负责乙，规范会计行为。（八）负责丙。\n（九）负责丁。\n"
    messages = [f.message for f in lint(write(tmp_path, short, "short.txt"), select=["SEC"])]
    assert not any("（八）" in m for m in messages)  # only the missing （一）…（五） remain
    # Named in passing without a sentence end before it, it is not the item.
    mention = head + "\n".join([items["六"], items["七"][:-1] + "，见（八）的规定。", items["九"]]) + "\n"
    assert [f.code for f in lint(write(tmp_path, mention, "mention.txt"), select=["SEC015"])] == ["SEC015"]


def test_table_of_contents_skipped_and_child_list_missing_its_first(tmp_path):
    # The 目录 repeats the headings: the body's 第一部分 is no restart. "(二)" as the first
    # child of 一、 is a list that lacks its （一）, not a sibling of 一、 in the wrong style.
    text = (
        "示范局2023年度工作报告\n目录\n第一部分 概况\n一、职责\n第二部分 情况说明\n"
        "第一部分 概况\n一、职责\n负责示范。\n"
        "第二部分 情况说明\n一、总体情况\n收支平衡。\n(二)分项情况\n好。\n二、收入情况\n收入1万元。\n"
    )
    findings = lint(write(tmp_path, text), select=SEC)
    assert [(f.code, f.location.line) for f in findings] == [("SEC011", 12)]
    assert "缺少（一）" in findings[0].message


def test_a_figure_caption_among_numbered_headings_is_no_unnumbered_heading(tmp_path):
    # The chart under "…支出决算变动情况" is gone from the text: nothing stands under the
    # line before the next sibling, so it is a caption, not a heading that lost its number.
    text = (
        "示范局2023年度部门决算\n五、一般公共预算财政拨款支出决算情况说明\n"
        "（一）一般公共预算财政拨款支出决算总体情况\n2023年支出100.00万元。\n"
        "一般公共预算财政拨款支出决算变动情况\n"
        "（二）一般公共预算财政拨款支出决算结构情况\n主要用于教育。\n"
        "（三）一般公共预算财政拨款支出决算具体情况\n详见附表。\n"
    )
    assert lint(write(tmp_path, text), select=["SEC014"]) == []
    # With text under it, it is a heading whose number is missing: still noted.
    lost = text.replace("支出决算变动情况\n", "支出决算变动情况\n比上年增加10.00万元。\n")
    assert [f.code for f in lint(write(tmp_path, lost, "lost.txt"), select=["SEC014"])] == ["SEC014"]


def test_contents_lines_that_lost_their_leader_are_still_contents(tmp_path):
    # Between two leader lines, a line ending in its page number after spaces (a tab
    # leader turned into blanks) or after one dot is a contents line, not a heading.
    toc = (
        "示范局2023年度部门决算\n"
        "第一部分 部门概况……………………3\n"
        "一、部门职责……………………3\n"
        "二、机构设置      3\n"
        "三、人员情况. 4\n"
        "第二部分 情况说明……………………5\n"
    )
    body = "第一部分 部门概况\n一、部门职责\n负责示范。\n二、机构设置\n设三个科室。\n三、人员情况\n在职5人。\n第二部分 情况说明\n收支平衡。\n"
    assert lint(write(tmp_path, toc + body), select=["SEC011", "SEC012"]) == []
    # A heading missing from the body is still reported.
    gap = body.replace("二、机构设置\n设三个科室。\n", "")
    assert [f.code for f in lint(write(tmp_path, toc + gap, "gap.txt"), select=["SEC011", "SEC012"])] == ["SEC011"]


@pytest.mark.parametrize("name", ["lizhou-zuzhibu-2021-juesuan.txt", "yiyang-zuzhibu-2022-zipingbaogao.txt"])
def test_corpus_findings_same_in_docx_and_pdf(tmp_path, name):
    # the Word auto-numbered headings become real Word numbering in the DOCX form and
    # page-located text in the PDF form; the same numbering and year mistakes come out
    src = corpus_file(name)
    want = sorted(f.code for f in errors(lint(src, select=["SEC", "YEAR"])))
    for path in _other_forms(tmp_path, src.read_text(encoding="utf-8")):
        assert sorted(f.code for f in errors(lint(path, select=["SEC", "YEAR"]))) == want, path.suffix


def test_tables_published_apart_reported_once(tmp_path):
    start = SICHUAN_OK.index("一、收入支出决算总表")
    text = SICHUAN_OK[:start] + "附表另行公开。\n"
    findings = lint(write(tmp_path, text), select=["SEC004"])
    assert [f.code for f in findings] == ["SEC004"] and "13张" in findings[0].message


HUNAN_PROJECT = """湖南省某某县交通运输局2023年度农村公路养护项目支出绩效自评报告
一、项目概况
本项目预算100.00万元，用于农村公路日常养护。
二、绩效自评工作开展情况
成立自评工作小组，对照绩效目标逐项自评。
三、综合评价结论
项目自评得分95分，评价等次为优。
四、绩效目标实现情况分析
完成公路养护里程120公里，群众满意度达到95%。
{problems}
部分路段养护资金到位较晚，下一步将加强资金调度。
六、其他需要说明的问题
无。
附件：项目支出绩效自评表
"""


@pytest.mark.parametrize(
    "problems",
    [
        "五、存在的问题和改进措施",
        "五、存在问题及改进措施",
        # the national template's wording, used by many Hunan reports too
        "五、主要经验及做法、存在问题及原因分析",
        "五、主要经验及做法、存在的问题及原因分析",
    ],
)
def test_hunan_problems_section_in_either_wording(tmp_path, problems):
    findings = lint(write(tmp_path, HUNAN_PROJECT.format(problems=problems)), select=["SEC001", "SEC002"])
    assert findings == []


def test_hunan_problems_section_missing_is_found(tmp_path):
    # a heading that only mentions 问题 in passing does not stand for the section
    text = HUNAN_PROJECT.format(problems="五、有关问题的背景资料")
    findings = lint(write(tmp_path, text), select=["SEC001"])
    assert [f.code for f in findings] == ["SEC001"]
    assert "存在的问题和改进措施" in findings[0].message


# -- reports made of several files (--group-by folder) -------------------------


def _check_group(paths: list[Path], select: list[str]) -> list:
    from fiscalint.config import Config
    from fiscalint.engine import Run, check_unit
    from fiscalint.plugins import default_registry

    run = Run.create(Config(select=select, cache=False), default_registry())
    return check_unit(paths, run).findings


def test_numbering_restarts_at_each_file_of_a_group(tmp_path):
    a = write(tmp_path, "第一部分 部门概况\n一、部门职责\n负责示范工作。\n二、机构设置\n下设机构1个。\n", "a.txt")
    b = write(tmp_path, "第一部分 项目概况\n一、项目内容\n开展示范项目。\n二、项目资金\n预算10.00万元。\n", "b.txt")
    # each file alone is clean, and together they are too: b.txt numbers anew
    assert [f for f in _check_group([b], ["SEC01"])] == []
    assert _check_group([a, b], ["SEC01"]) == []


def test_numbering_mistakes_inside_a_grouped_file_are_still_found(tmp_path):
    a = write(tmp_path, "第一部分 部门概况\n一、部门职责\n负责示范工作。\n", "a.txt")
    b = write(
        tmp_path,
        "第一部分 项目概况\n一、项目内容\n开展示范项目。\n一、项目资金\n预算10.00万元。\n"
        "名词解释如下。\n1.财政拨款：财政资金。\n3.基本支出：运转支出。\n",
        "b.txt",
    )
    findings = _check_group([a, b], ["SEC01"])
    # the repeated 一、 (line 4) and the list jumping from 1. to 3. (line 8) of b.txt,
    # reported at b.txt's own lines
    assert sorted((f.code, Path(f.location.path).name, f.location.line) for f in findings) == [
        ("SEC012", "b.txt", 4),
        ("SEC015", "b.txt", 8),
    ]


def test_template_sections_spread_over_the_files_of_a_group(tmp_path):
    # The 说明 in one file, the 附表 part in another: one report, nothing missing.
    cut = SICHUAN_OK.index("第五部分 附表")
    a = write(tmp_path, SICHUAN_OK[:cut], "a.txt")
    b = write(tmp_path, SICHUAN_OK[cut:], "b.txt")
    assert _check_group([a, b], ["SEC"]) == []
    # and a part missing from the group is still found
    c = write(tmp_path, SICHUAN_OK[:cut].replace("第三部分 名词解释\n", "第三部分 其他\n"), "c.txt")
    assert "SEC001" in {f.code for f in _check_group([c, b], ["SEC"])}


def test_full_width_dot_label_before_a_year():
    """ "4．2026年预算单位……表" is item 4 (a contents list mixing 3. and 4．), while "1．5万元"
    stays a number: a full-width dot before digits is a label only before a year."""
    from fiscalint.numbering import parse_label

    label = parse_label("4．2026年预算单位财政拨款收支预算总表")
    assert label is not None and (label.style, label.number, label.rest) == (
        "num-dot",
        4,
        "2026年预算单位财政拨款收支预算总表",
    )
    assert parse_label("1．5万元") is None and parse_label("4.2026年") is None
    items = [
        "1. 2026年收入预算总表",
        "2. 2026年支出预算总表",
        "3．2026年财政拨款收支预算总表",
        "4. 2026年三公经费预算表",
    ]
    assert [parse_label(t).number for t in items] == [1, 2, 3, 4]


# The cheap prechecks in front of the section regexes must never change what the regex says.
_PRECHECK_SAMPLES = [
    "",
    "目录",
    "目 录",
    "第一部分 部门概况……………………3",
    "第一部分 部门概况…3",
    "一、收入支出决算总体情况说明........12",
    "一、收入支出决算总体情况说明...12",
    "二、机构设置 ···· 5",
    "三、名词解释 ---- 7",
    "三、名词解释 -- 7",
    "实施目的及支持方向。项目经费主要用于示范创建。",
    "实。项目经费主要用于示范创建。",
    "一二三四五六七八九十一二三四五六。后文",
    "一二三四五六七八九十一二三四五六七。后文",
    "（二）实施目的。项目经费",
    "项目经费主要用于",
    "资金主要",
    "用于",
    "的",
    "本年支出合计100.00万元，",
    "本年支出合计100.00万元。",
    "2021年XX项目绩效自评报告",
]


@pytest.mark.parametrize("text", _PRECHECK_SAMPLES)
def test_section_prechecks_agree_with_their_regexes(text):
    from fiscalint.checks import sections as s

    assert s._is_toc_line(text) == bool(s._TOC_LINE.search(text))
    assert s._is_toc_line_anywhere([s.Paragraph(text, None)]) or not s._TOC_LINE.search(text)
    assert s._is_run_in(text) == bool(s._RUN_IN.match(text))
    whole, tail = s._OPEN_END.search(text), s._OPEN_END.search(text[-2:])
    assert (whole and whole.group(0)) == (tail and tail.group(0))
    if text[:1] not in s._TABLE_PREFIX_START:
        assert s._TABLE_PREFIX.sub("", text) == text
