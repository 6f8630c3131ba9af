"""The text reader on the corpus layout: headings, tab-cell tables (multi-line
and merged cells), encodings."""

from __future__ import annotations

import codecs
import re

from conftest import corpus_file
from fiscalint.model import Heading, Paragraph, Table
from fiscalint.readers import Limits
from fiscalint.readers.text import TextReader


def read_text(text: str | bytes, name: str = "r.txt"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return TextReader().read(name, data, Limits())


def read_corpus(name: str):
    path = corpus_file(name)
    return TextReader().read(name, path.read_bytes(), Limits())


# -- the corpus ---------------------------------------------------------------
def test_anju_parts_and_sections_are_headings_with_levels():
    doc = read_corpus("anju-zuzhibu-2023-juesuan.txt")
    heads = doc.headings()
    parts = [h for h in heads if h.style == "part"]
    # 第一部分 … 第四部分 of the 决算公开说明, each at level 1.
    numbers = [h.number for h in parts]
    assert numbers[:4] == [1, 2, 3, 4] and numbers == sorted(numbers)
    assert all(h.level == 1 for h in parts)
    # （一）（二）（三） under 五、 are one level below the 一、 headings.
    cn = [h for h in heads if h.style == "cn"]
    paren = [h for h in heads if h.style == "cn-paren"]
    assert cn and paren and all(h.level == 2 for h in cn) and all(h.level == 3 for h in paren)
    # Every heading's location is its line, and the excerpt is the heading's text.
    assert all(h.location.line and h.location.excerpt == h.text for h in heads)


def test_anju_duty_list_items_stay_paragraphs():
    # The 部门职责 list (1. … 12.) is a list of long duties: the short item in
    # the middle of the run, and one that holds a full stop early on, are list
    # items too, not (run-in) headings.
    doc = read_corpus("anju-zuzhibu-2023-juesuan.txt")
    first_part = []
    for block in doc.blocks:
        if isinstance(block, Heading) and block.style == "part" and block.number == 2:
            break
        first_part.append(block)
    numbered = [h for h in first_part if isinstance(h, Heading) and h.style == "num-dot"]
    assert numbered == []
    items = [p for p in first_part if isinstance(p, Paragraph) and re.match(r"\d+\.", p.text)]
    assert len(items) >= 10


def test_anju_self_evaluation_tables_keep_their_layout():
    doc = read_corpus("anju-zuzhibu-2023-juesuan.txt")
    tables = doc.tables()
    assert len(tables) == 6
    for t in tables:
        assert t.title.endswith("表（2023年度）")  # the title row inside the table
        assert t.location.line is not None
        rows = t.texts()
        # The 绩效指标 header row has its 11 columns; the rows under it start
        # with the empty cell that continues the merged 绩效指标（90分） cell.
        header = next(i for i, r in enumerate(rows) if "一级指标" in r)
        assert len(rows[header]) == 11
        assert rows[header + 1][0] == "" and len(rows[header + 1]) == 11
        # A merged 一级指标 cell: the rows below its first row leave it empty.
        assert any(r[:2] == ["", ""] and len(r) == 11 for r in rows[header + 2 :])
        # The 合计 row is short: its merged cells appear once.
        total = next(r for r in rows if r and r[0] == "合计")
        assert len(total) < 11
    # Cells know their table, row and column, 1-based, and their own line.
    cell = tables[0].rows[2][1]
    assert (cell.location.table, cell.location.row, cell.location.column) == (1, 3, 2)
    assert cell.location.line > tables[0].location.line


def test_yiyang_cell_with_a_line_break_is_one_cell():
    doc = read_corpus("yiyang-zuzhibu-2022-zipingbaogao.txt")
    first = doc.tables()[0]
    multi = [c for row in first.rows for c in row if "\n" in c.text]
    # e.g. the 项目资金 / （万元） header: one cell, two lines.
    assert multi
    assert all(c.text.split("\n")[0] and c.text.split("\n")[-1] for c in multi)
    assert any(row and row[0].text == "总分" for t in doc.tables() for row in t.rows)


def test_lizhou_word_auto_numbers_read_as_top_headings():
    # Word's auto-numbering came through as "1、" / "9、" in this text export;
    # those headings stand for 一、/九、 and sit at the 一、 level.
    doc = read_corpus("lizhou-zuzhibu-2021-juesuan.txt")
    auto = [h for h in doc.headings() if h.auto]
    assert len(auto) >= 5
    assert all(h.style == "num" and h.level == 2 for h in auto)
    assert 9 in {h.number for h in auto}


# -- the layout on small made-up reports ---------------------------------------
SMALL = """第一部分 单位概况
一、主要职责
本单位负责示范工作。
二、收支情况
本年收入合计100.00万元。
示范收支表
单位：万元
\t项目
\t金额
\t说明

\t收入
\t（含结转）
\t60.00
\t

\t
\t40.00
\t其他
收入

\t合计
\t100.00

以上为全部收支。
"""


def test_small_table_rows_cells_and_continuations():
    doc = read_text(SMALL)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == [
        "Heading",
        "Heading",
        "Paragraph",
        "Heading",
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Table",
        "Paragraph",
    ]
    table = doc.tables()[0]
    assert isinstance(table, Table)
    assert table.title == "示范收支表" and table.unit == "万元"
    assert table.texts() == [
        ["项目", "金额", "说明"],
        ["收入", "（含结转）", "60.00", ""],
        ["", "40.00", "其他\n收入"],
        ["合计", "100.00"],
    ]
    assert table.rows[2][2].location.line == 19


def test_encodings_give_the_same_document():
    reference = read_text(SMALL)
    for data, code in (
        (codecs.BOM_UTF8 + SMALL.encode("utf-8"), None),
        (SMALL.encode("gbk"), "E006"),
        (SMALL.encode("gb18030"), "E006"),
        (codecs.BOM_UTF16_LE + SMALL.encode("utf-16-le"), "E006"),
        (SMALL.replace("\n", "\r\n").encode("utf-8"), None),
    ):
        doc = read_text(data)
        assert [b.text for b in doc.blocks] == [b.text for b in reference.blocks]
        assert [n.code for n in doc.notices] == ([code] if code else [])


def test_undecodable_bytes_are_flagged():
    data = "本年收入合计100.00万元。\n".encode() + b"\xff\xfe\xfa bad\n"
    doc = read_text(data)
    assert [n.code for n in doc.notices] == ["E007"]


def test_numbered_run_in_headings_and_list_items():
    text = "\n".join(
        [
            "（一）绩效分析",
            "1.预算管理。按要求完成预算编制，执行进度符合规定。",
            "2.财务管理。财务制度健全，支出审核严格。",
            "二、职责",
            "1.负责全局的示范工作的统筹协调、组织实施和督促检查，并承担相关的日常事务。",
            "2.完成交办的其他任务。",
        ]
    )
    doc = read_text(text)
    heads = [(h.label, h.title) for h in doc.headings()]
    # Run-in headings "1.预算管理。正文" are split in heading + paragraph ...
    assert ("1.", "预算管理。") in heads and ("2.", "财务管理。") in heads
    # ... but the short last item of a list of duties stays a list item.
    assert all(t != "完成交办的其他任务。" for _, t in heads)
    assert doc.paragraphs()[-1].text.startswith("2.")


def test_short_statements_are_paragraphs_not_unnumbered_titles():
    text = "\n".join(
        [
            "一、收入支出决算总体情况",
            "支出情况。",
            "本年支出合计100.00万元。",
            "本部门无其他需要说明的情况。",
            "本单位资产未发生变动情况。",
            "存在的不足及改进措施",
            "改进建议。",
        ]
    )
    doc = read_text(text)
    titles = [h.title for h in doc.headings()]
    # Topic lines stay unnumbered headings ...
    assert "支出情况。" in titles or "支出情况" in titles
    assert any(t.startswith("存在的不足") for t in titles)
    assert any(t.startswith("改进建议") for t in titles)
    # ... statements about the unit (negations, "本部门…") are paragraphs.
    paras = [p.text for p in doc.paragraphs()]
    assert "本部门无其他需要说明的情况。" in paras
    assert "本单位资产未发生变动情况。" in paras
