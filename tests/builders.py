"""Build DOCX and PDF forms of a text report at test time.

Tests use these to show that the same blocks (and so the same findings)
come out of the TXT, DOCX and PDF forms of one report. The round trip keeps
every word and number, the headings, and the table grid:

- ``to_docx``: headings are ordinary paragraphs (as most government files
  are typed); with ``auto_number`` the 一、/（一） headings and the
  Word-generated decimal ones (``9、`` in the text) get real Word
  auto-numbering from numbering.xml (chineseCounting and decimal lists,
  one ``w:num`` per run with a ``startOverride``), so the label is not in
  the paragraph text at all. Tables are real Word tables: rows shorter than
  the widest one get horizontally merged cells (``gridSpan``), and an empty
  cell in a label column under a label (the 一级指标 column of a 绩效自评表)
  is vertically merged into it (``vMerge``).
- ``to_pdf``: reportlab with its built-in Chinese CID font (STSong-Light),
  first-line-indented wrapped paragraphs, a running header and ``- n -``
  page numbers (which the reader must drop), and ruled tables (GRID) with
  the same merged cells as SPAN commands.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from fiscalint.model import Document, Heading, Paragraph, Table
from fiscalint.numbering import parse_label
from fiscalint.readers import Limits
from fiscalint.readers.text import TextReader, classify_line

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LABEL_COLUMNS = 3  # vertical merges only in the first cells of a row, where the labels are

# (style of the label, auto-numbered?) -> (abstractNumId, numFmt, lvlText)
AUTO_LISTS = {
    "cn": ("901", "chineseCounting", "%1、"),
    "cn-paren": ("902", "chineseCounting", "（%1）"),
    "num": ("903", "decimal", "%1、"),
}


CN = "一二三四五六七八九十"

# A made-up (fictional) 决算说明 with nine 一、 headings (the ninth must read 九、), a
# 绩效自评表-like table with a merged 一级指标 column, and typed labels.
SAMPLE_REPORT = "\n".join(
    [
        "第一部分 单位概况",
        *[
            line
            for i in range(9)
            for line in (f"{CN[i]}、第{i + 1}项情况说明", f"本项支出{i + 1}0.00万元，与上年持平。")
        ],
        "（一）具体情况",
        "示范项目支出绩效自评表（2023年度）",
        "\t一级指标",
        "\t二级指标",
        "\t指标值",
        "\t得分",
        "",
        "\t产出指标",
        "\t数量指标",
        "\t≥6",
        "\t8",
        "",
        "\t",
        "\t质量指标",
        "\t合格",
        "\t10",
        "",
        "\t",
        "\t时效指标",
        "\t按时",
        "\t10",
        "",
        "\t合计",
        "\t28",
        "",
        "第二部分 名词解释",
        "1.财政拨款收入：指本级财政当年拨付的资金，按照规定用途使用，年度终了前如数结清。",
    ]
)


def table_lines(rows: list[list[str]]) -> str:
    """A table in the corpus text layout: one TAB-led line per cell, a blank line per row."""
    out: list[str] = []
    for row in rows:
        out.extend("\t" + c for c in row)
        out.append("")
    return "\n".join(out)


def write_sample(folder: Path, text: str = SAMPLE_REPORT, name: str = "report.txt") -> Path:
    """Write the sample report (or ``text``) as a UTF-8 text file in ``folder``."""
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path


def signature(doc) -> list:
    """What must survive TXT -> DOCX/PDF: headings (level, label, title), paragraph text, table cells."""
    out = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append(("H", b.level, b.label, re.sub(r"\s", "", b.title)))
        elif isinstance(b, Paragraph):
            out.append(("P", re.sub(r"\s", "", b.text)))
        else:
            out.append(("T", [[re.sub(r"\s", "", c.text) for c in row] for row in b.rows]))
    return out


def load(doc_or_path: Document | str | Path) -> Document:
    if isinstance(doc_or_path, Document):
        return doc_or_path
    path = Path(doc_or_path)
    return TextReader().read(str(path), path.read_bytes(), Limits())


@dataclass
class GridCell:
    text: str
    row: int
    col: int
    colspan: int
    rowspan: int = 1
    continuation: bool = False  # below a vertically merged cell


def layout(table: Table) -> tuple[int, list[list[GridCell]]]:
    """The Word grid of a text-layout table: spans for short rows, vertical merges."""
    rows = table.texts()
    ncols = max((len(r) for r in rows), default=1)
    grid: list[list[GridCell]] = []
    for r, texts in enumerate(rows):
        n = max(len(texts), 1)
        base, extra = divmod(ncols, n)
        col = 0
        out: list[GridCell] = []
        for i, text in enumerate(texts):
            span = base + (1 if i < extra else 0)
            out.append(GridCell(text, r, col, span))
            col += span
        grid.append(out)
    tops: dict[tuple[int, int], GridCell] = {}  # (col, span) -> top cell of an open merge
    for row in grid:
        for i, cell in enumerate(row):
            key = (cell.col, cell.colspan)
            top = tops.get(key)
            if cell.text == "" and i < LABEL_COLUMNS and top is not None:
                cell.continuation = True
                top.rowspan += 1
                continue
            is_label = bool(cell.text) and parse_number(cell.text) is None and i < LABEL_COLUMNS
            if is_label:
                tops[key] = cell
            else:
                tops.pop(key, None)
        starts = {(c.col, c.colspan) for c in row}
        for key in [k for k in tops if k not in starts]:
            tops.pop(key)
    return ncols, grid


def parse_number(text: str):
    try:
        return float(text.replace(",", "").rstrip("%"))
    except ValueError:
        return None


# -- DOCX ----------------------------------------------------------------
def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    return el


class _WordLists:
    """Adds the abstract lists to numbering.xml and one w:num per numbered run."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self.root = document.part.numbering_part.element
        self.qn = qn
        first_num = self.root.find(qn("w:num"))
        for aid, fmt, text in AUTO_LISTS.values():
            an = _el("w:abstractNum", abstractNumId=aid)
            an.append(_el("w:multiLevelType", val="singleLevel"))
            lvl = _el("w:lvl", ilvl=0)
            lvl.append(_el("w:start", val=1))
            lvl.append(_el("w:numFmt", val=fmt))
            lvl.append(_el("w:suff", val="nothing"))
            lvl.append(_el("w:lvlText", val=text))
            lvl.append(_el("w:lvlJc", val="left"))
            an.append(lvl)
            if first_num is not None:
                first_num.addprevious(an)
            else:
                self.root.append(an)
        self.next_id = 900
        self.current: dict[str, tuple[int, int]] = {}  # style -> (numId, next number)

    def num_for(self, style: str, number: int) -> int:
        run = self.current.get(style)
        if run is not None and run[1] == number:
            self.current[style] = (run[0], number + 1)
            return run[0]
        self.next_id += 1
        num = _el("w:num", numId=self.next_id)
        num.append(_el("w:abstractNumId", val=AUTO_LISTS[style][0]))
        override = _el("w:lvlOverride", ilvl=0)
        override.append(_el("w:startOverride", val=number))
        num.append(override)
        self.root.append(num)
        self.current[style] = (self.next_id, number + 1)
        return self.next_id


def _set_numbering(paragraph, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = _el("w:numPr")
    numpr.append(_el("w:ilvl", val=0))
    numpr.append(_el("w:numId", val=num_id))
    ppr.append(numpr)  # before outlineLvl, as the schema orders them


def _set_outline(paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(_el("w:outlineLvl", val=max(0, min(level - 1, 8))))


def _docx_table(document, table: Table) -> None:
    from docx.oxml.ns import qn

    ncols, grid = layout(table)
    t = document.add_table(rows=0, cols=ncols)
    t.style = "Table Grid"
    tbl = t._tbl
    for row in grid:
        tr = _el("w:tr")
        for cell in row:
            tc = _el("w:tc")
            tcpr = _el("w:tcPr")
            tcpr.append(_el("w:tcW", w=900 * cell.colspan, type="dxa"))
            if cell.colspan > 1:
                tcpr.append(_el("w:gridSpan", val=cell.colspan))
            if cell.continuation:
                tcpr.append(_el("w:vMerge"))
            elif cell.rowspan > 1:
                tcpr.append(_el("w:vMerge", val="restart"))
            tc.append(tcpr)
            for line in ("" if cell.continuation else cell.text).split("\n"):
                p = _el("w:p")
                if line:
                    r = _el("w:r")
                    t_el = _el("w:t")
                    t_el.text = line
                    t_el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    r.append(t_el)
                    p.append(r)
                tc.append(p)
            tr.append(tc)
        tbl.append(tr)
    assert tbl.find(qn("w:tblGrid")) is not None


def to_docx(doc_or_path: Document | str | Path, out_path: str | Path, auto_number: bool = True) -> Path:
    """Write the report as a Word document (see the module docstring)."""
    import docx

    source = load(doc_or_path)
    document = docx.Document()
    lists = _WordLists(document) if auto_number else None
    for block in source.blocks:
        if isinstance(block, Table):
            _docx_table(document, block)
            document.add_paragraph()  # Word keeps a paragraph between two tables
            continue
        if isinstance(block, Heading):
            label = parse_label(block.text)
            style = label.style if label else ""
            if lists is not None and label is not None and style in AUTO_LISTS and (style != "num" or block.auto):
                p = document.add_paragraph(label.rest)
                _set_numbering(p, lists.num_for(style, label.number))
            else:
                p = document.add_paragraph(block.text)
            if not classify_line(block.text)[1] or (label is not None and style in AUTO_LISTS):
                # Where the wording alone does not make it a heading (a list run,
                # a bookmark in the source), say so as Word does: an outline level.
                _set_outline(p, block.level)
            continue
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
    out = Path(out_path)
    document.save(str(out))
    return out


# -- PDF -----------------------------------------------------------------
FONT = "STSong-Light"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _bookmark_class():
    from reportlab.platypus import Flowable

    class Bookmark(Flowable):
        """A PDF outline entry for a heading, as Word's "create bookmarks" export adds."""

        def __init__(self, key: str, title: str) -> None:
            super().__init__()
            self.key, self.title = key, title

        def wrap(self, *args):
            return 0, 0

        def draw(self) -> None:
            self.canv.bookmarkPage(self.key)
            self.canv.addOutlineEntry(self.title, self.key, level=0)

    return Bookmark


def to_pdf(doc_or_path: Document | str | Path, out_path: str | Path) -> Path:
    """Write the report as a PDF with reportlab (see the module docstring)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    source = load(doc_or_path)
    _Bookmark = _bookmark_class()
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=10.5, leading=17, firstLineIndent=21, wordWrap="CJK", alignment=4
    )
    head = ParagraphStyle("head", parent=body, fontSize=11, spaceBefore=8, spaceAfter=2)
    cell_style = ParagraphStyle("cell", fontName=FONT, fontSize=7, leading=9, wordWrap="CJK")
    story: list = []
    width = A4[0] - 40 * mm
    for block in source.blocks:
        if isinstance(block, Table):
            ncols, grid = layout(block)
            data = [["" for _ in range(ncols)] for _ in grid]
            commands = [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
            for row in grid:
                for cell in row:
                    if cell.continuation:
                        continue
                    text = "<br/>".join(_esc(line) for line in cell.text.split("\n"))
                    data[cell.row][cell.col] = RLParagraph(text, cell_style) if text else ""
                    if cell.colspan > 1 or cell.rowspan > 1:
                        end = (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)
                        commands.append(("SPAN", (cell.col, cell.row), end))
            story.append(Spacer(1, 4))
            story.append(RLTable(data, colWidths=[width / ncols] * ncols, style=TableStyle(commands)))
            story.append(Spacer(1, 8))
            continue
        if isinstance(block, Heading):
            story.append(_Bookmark(f"h{len(story)}", block.text))
            story.append(RLParagraph(_esc(block.text), head))
        else:
            story.append(RLParagraph(_esc(block.text), body))

    def page_furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, "部门决算公开样张（测试用）")
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"- {doc.page} -")
        canvas.restoreState()

    out = Path(out_path)
    pdf = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm, bottomMargin=20 * mm
    )
    pdf.build(copy.copy(story), onFirstPage=page_furniture, onLaterPages=page_furniture)
    return out


__all__ = ["SAMPLE_REPORT", "GridCell", "layout", "load", "signature", "to_docx", "to_pdf", "write_sample"]
