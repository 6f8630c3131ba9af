"""PDF reports (pdfplumber): prose rebuilt from wrapped lines, ruled tables.

What the reader does, in order:

- Opens the file; a password-protected PDF is E004, a broken one E003. Only
  ``limits.max_pages`` pages are read; the rest is cut with an E008 notice.
- Interprets each page once (pdfminer) and builds pdfplumber's character,
  line and rectangle dicts itself, the same ones pdfplumber makes, without
  its generic per-attribute conversion (``_load_objects``); the garbage
  collector is paused while pages are read (``fiscalint.collector``), and
  each page is closed when done, so memory stays flat however long the PDF.
- Per page, looks for ruled tables only when the page has ruling lines or
  rectangles (``find_tables`` is the slow part of pdfplumber), and leaves
  the characters inside a table out of the text lines, so table text is
  not read twice. A cell's text loses the spaces Word's distributed
  alignment puts between Chinese characters.
- Groups characters into lines by baseline where the fonts disagree about
  their height: Word sets Chinese in one font and digits in another, whose
  ``top`` can differ by 5 pt on the same line (``_baseline_aligned``).
- Drops running headers and footers (a line that comes back at the same
  height on many pages, digits ignored) and bare page numbers in the top
  or bottom margin (``3``, ``- 3 -``, ``第 3 页``, ``3/30``).
- Rebuilds paragraphs from wrapped lines: a line continues the paragraph
  above unless it is indented, the line above stopped short of the right
  margin (not counting a short line whose next line starts with a number
  or bracketed group that could not be split), it carries a heading label
  after a finished sentence, a wide gap separates them, or it is set
  further down than the paragraph's line pitch (the document's, after a
  one-line sentence): spacing after a paragraph whose last line happened to
  reach the margin. Lines are joined without a space (Chinese), so a
  number split from its unit ("3832.36" / "万元") ends up in one sentence.
  The paragraph keeps the page of its first line; its excerpt is the
  joined text.
- Headings come from the same numbering logic as the text reader; a
  numbered paragraph whose text is one of the PDF's bookmarks (Word's
  export makes one per heading) is a heading, as a ``_Toc`` bookmark is
  in DOCX. A table of contents (after a 目录 line, until the body repeats
  its first entry) gives paragraphs, never headings.
- A table cut by a page break is merged into one Table when the next page
  starts with a table of the same columns (a repeated header row is
  dropped); every cell keeps its own page. A row the break cut in two (Word
  and LibreOffice allow it by default) is joined again: the next page's
  first row holds text only below cells whose last line ran to the edge.
- Merged cells appear once at their top-left position with their span;
  the positions below a vertically merged cell are empty cells, positions
  to the right of a horizontally merged one are left out (the layout of
  Word's "save as text", which the text reader reads).
- A PDF without any character on any page is a scan: E005.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from unicodedata import normalize as normalize_unicode

from fiscalint import collector
from fiscalint.model import Cell, Document, Finding, Location, Paragraph, Table
from fiscalint.numbering import parse_label
from fiscalint.readers import Limits, Reader, ReaderError
from fiscalint.readers.text import (
    TABLE_TITLE,
    UNIT_LINE,
    HeadingLeveler,
    NumberedRuns,
    classify_line,
    split_run_in,
)

PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
SENTENCE_END = tuple("。！？!?；;：:")
TOC_TITLE = re.compile(r"^目\s*录$")
MARGIN_BAND = 0.1  # running headers/footers live in the top and bottom tenth of a page


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    page_height: float
    baseline: float  # from the top, as ``top``: the same for every font set on the line


def _char_baseline(c: dict, height: float) -> float:
    """A character's baseline (its glyph origin, ``matrix[5]``), from the top as ``top`` is."""
    return round(height - c["matrix"][5], 1)


def _baseline(chars: list[dict], height: float, bottom: float) -> float:
    """A line's baseline, the most common one among its characters; the line's bottom
    where none is known."""
    seen = Counter(_char_baseline(c, height) for c in chars if c.get("matrix"))
    return seen.most_common(1)[0][0] if seen else bottom


@dataclass
class _GridCell:
    text: str
    column: int
    rowspan: int
    colspan: int
    x0: float
    x1: float
    runs_to_edge: bool = False  # a page's last row: the last line ends at the cell's right edge


@dataclass
class _Grid:
    """A table found on one page, before it becomes a Table."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    columns: list[float]
    cells: list[list[_GridCell]]


@dataclass
class _Page:
    number: int
    width: float
    height: float
    items: list = field(default_factory=list)  # _Line | _Grid, in reading order


# What Chinese line breaking carries to the next line whole: a number (never split),
# or a bracketed group with the punctuation after it (（ may not end a line, ） and 。
# may not start one): "…行政单位离退休" / "（项）。主要用于…".
_UNBREAKABLE_START = re.compile(r"^(?:[-−]?\d[\d,.]*%?|[（(][^（）()]{1,8}[）)][。，、；：]?)")


def _forced_wrap(prev: _Line, text: str, right: float) -> bool:
    """Did ``prev`` stop short only because the next line's first piece could not be split?

    Then the short line is not the end of a paragraph: the piece would not have
    fitted into the room left (ASCII at half the width of a Chinese character).
    """
    if prev.text.endswith(SENTENCE_END):
        return False
    m = _UNBREAKABLE_START.match(text)
    if m is None:
        return False
    width = sum(0.5 if ch.isascii() else 1.0 for ch in m.group(0)) * prev.size
    return prev.x1 + width > right - 0.5 * prev.size


def _join(a: str, b: str) -> str:
    """Join two wrapped pieces: no space, except between two Latin words."""
    if not a:
        return b
    if not b:
        return a
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return f"{a} {b}"
    return a + b


# A space between two Chinese characters (or brackets) in a cell is the gap of Word's
# distributed alignment ("因 公 出 国 （ 境 ） 费用"), not a word break.
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")


def _cell_text(raw: str | None) -> str:
    """Cell text as printed, the lines a narrow cell wraps into joined again, without the
    spaces distributed alignment puts between Chinese characters."""
    if not raw:
        return ""
    parts = [_CJK_GAP.sub("", p.strip()) for p in raw.split("\n") if p.strip()]
    text = ""
    for part in parts:
        # Two numbers stacked in one cell stay apart; other wrapped pieces are joined.
        stacked = text and text[-1].isdigit() and part[0].isdigit()
        text = f"{text}\n{part}" if stacked else _join(text, part)
    return text


def _encryption_error(exc: BaseException) -> bool:
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        name = type(e).__name__
        if (
            name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning")
            or "password" in str(e).lower()
        ):
            return True
        todo.extend(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))
        for nxt in (e.__cause__, e.__context__):
            if nxt is not None:
                todo.append(nxt)
    return False


def _cell_chars(table, rows, chars: list[dict]) -> list[list[list[dict] | None]]:
    """Each cell's characters, as ``table.extract()`` finds them, without scanning all the
    page's characters for every row: the characters inside the table are sorted by the
    middle of their height once, and each row takes its slice (in page order again, as
    pdfplumber has them). Same tests as pdfplumber's ``char_in_bbox``; None for a gap."""
    x0, top, x1, bottom = table.bbox
    inside = []  # (vertical middle, index on the page, horizontal middle, char)
    for i, ch in enumerate(chars):
        v_mid = (ch["top"] + ch["bottom"]) / 2
        h_mid = (ch["x0"] + ch["x1"]) / 2
        if x0 <= h_mid <= x1 and top <= v_mid <= bottom:  # every row's box is inside the table's
            inside.append((v_mid, i, h_mid, ch))
    inside.sort()
    keys = [it[0] for it in inside]
    out: list[list[list[dict] | None]] = []
    for row in rows:
        rx0, rtop, rx1, rbottom = row.bbox
        in_row = [it for it in inside[bisect_left(keys, rtop) : bisect_left(keys, rbottom)] if rx0 <= it[2] < rx1]
        in_row.sort(key=lambda it: it[1])
        cells: list[list[dict] | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            c0, ctop, c1, cbottom = cell
            cells.append([it[3] for it in in_row if c0 <= it[2] < c1 and ctop <= it[0] < cbottom])
        out.append(cells)
    return out


def _table_texts(table, rows, chars: list[dict], cells: list | None = None) -> list[list[str | None]]:
    """What ``table.extract()`` returns, from each cell's characters (``_cell_chars``)."""
    from pdfplumber.utils import extract_text

    if cells is None:
        cells = _cell_chars(table, rows, chars)
    return [[None if cc is None else (extract_text(cc) if cc else "") for cc in row] for row in cells]


# A figure, a dash or a blank: what a cell holds that never goes on over a page break.
_FIGURE = re.compile(r"[\d\s,.，．%％()（）+\-−—–/／]*")


def _runs_to_edge(chars: list[dict] | None, right: float) -> bool:
    """Does the cell's last line end at its right edge (within a character and a half,
    padding included), as the text of a row that a page break cuts in two does? Word and
    LibreOffice let a row break across pages by default; the rest of its cells' text
    opens the table on the next page."""
    marks = [ch for ch in chars or () if not ch["text"].isspace()]
    if not marks:
        return False
    size = max(ch["size"] for ch in marks)
    low = max(ch["bottom"] for ch in marks)
    last = [ch for ch in marks if ch["bottom"] > low - 0.6 * size]  # digits in another font sit lower
    return right - max(ch["x1"] for ch in last) <= 1.5 * size


def _grid_from(table, page_no: int, chars: list[dict]) -> _Grid | None:
    """Cells with their spans from a pdfplumber table (``chars``: its page's); None when it is not a real table."""
    rows = table.rows
    cell_chars = _cell_chars(table, rows, chars)
    texts = _table_texts(table, rows, chars, cell_chars)
    cols = [c.bbox[0] for c in table.columns]
    tops = [r.bbox[1] for r in rows]
    if len(cols) < 2:
        return None  # a framed box, not a table
    eps = 1.0
    covered: dict[tuple[int, int], _GridCell] = {}  # (r, c) -> the merged cell covering it
    grid: list[list[_GridCell]] = []
    for r, row in enumerate(rows):
        out: list[_GridCell] = []
        for c, bbox in enumerate(row.cells):
            if bbox is None:
                cover = covered.get((r, c))
                if cover is None:  # a gap pdfplumber left: keep the column
                    x0 = cols[c]
                    x1 = cols[c + 1] if c + 1 < len(cols) else table.bbox[2]
                    out.append(_GridCell("", c, 1, 1, x0, x1))
                elif cover.column == c:
                    # below a vertically merged cell: an empty cell, as Word's text export has it
                    out.append(_GridCell("", c, 1, cover.colspan, cover.x0, cover.x1))
                continue
            x0, top, x1, bottom = bbox
            colspan = max(1, sum(1 for x in cols if x0 - eps <= x < x1 - eps))
            rowspan = max(1, sum(1 for y in tops if top - eps <= y < bottom - eps))
            text = _cell_text(texts[r][c] if r < len(texts) and c < len(texts[r]) else "")
            at_edge = r == len(rows) - 1 and not _FIGURE.fullmatch(text) and _runs_to_edge(cell_chars[r][c], x1)
            cell = _GridCell(text, c, rowspan, colspan, x0, x1, at_edge)
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        covered[(r + dr, c + dc)] = cell if dr else _GridCell("", -1, 1, 1, x0, x1)
            out.append(cell)
        grid.append(out)
    if sum(1 for row in grid for cell in row if cell.text) < 2:
        return None
    return _Grid(page_no, table.bbox[1], table.bbox[3], table.bbox[0], table.bbox[2], cols, grid)


class PdfReader(Reader):
    name = "pdf"
    extensions = (".pdf",)
    kind = "pdf"

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        # pdfminer logs every oddity of a damaged file as a warning on stderr;
        # what matters reaches the user as a finding instead.
        for name in ("pdfminer", "pdfplumber"):
            logging.getLogger(name).setLevel(logging.ERROR)
        try:
            import pdfplumber
        except ImportError:  # pragma: no cover - a declared dependency
            raise ReaderError("E002", "未安装 pdfplumber，无法读取 PDF", "pdfplumber is not installed") from None
        notices: list[Finding] = []
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except Exception as exc:
            raise self._error(exc) from None
        try:
            try:
                n_pages = len(pdf.pages)
                outline = _outline_titles(pdf)
                pages = self._pages(pdf, path, limits, notices)
            except ReaderError:
                raise
            except Exception as exc:
                raise self._error(exc) from None
        finally:
            with contextlib.suppress(Exception):  # closing a broken file must not hide its error
                pdf.close()
        cut = any(n.code == "E008" for n in notices)  # text was there, over max-chars
        if not any(p.items for p in pages) and not cut:
            raise ReaderError(
                "E005",
                f"PDF 共 {n_pages} 页，没有可提取的文字（扫描件？），需要先做文字识别（OCR）",
                f"the PDF's {n_pages} pages have no extractable text (a scan?); it needs OCR first",
            )
        _drop_running_lines(pages)
        builder = _Builder(path)
        builder.outline = outline
        blocks = builder.build(pages)
        doc = Document(path=path, blocks=blocks, format="pdf", meta={"pages": n_pages})
        doc.notices.extend(notices)
        return doc

    @staticmethod
    def _error(exc: BaseException) -> ReaderError:
        if _encryption_error(exc):
            return ReaderError(
                "E004", "PDF 设有打开密码（已加密），无法读取", "the PDF is password-protected (encrypted)"
            )
        detail = type(exc).__name__
        return ReaderError(
            "E003", f"PDF 文件已损坏，无法解析（{detail}）", f"the PDF is corrupt and cannot be parsed ({detail})"
        )

    def _pages(self, pdf, path: str, limits: Limits, notices: list[Finding]) -> list[_Page]:
        total = len(pdf.pages)
        if total > limits.max_pages:
            notices.append(
                Finding(
                    "E008",
                    "error",
                    f"PDF 有 {total} 页，超过上限 {limits.max_pages}（max-pages），只检查了前 {limits.max_pages} 页",
                    Location(path, page=limits.max_pages + 1),
                    f"the PDF has {total} pages, over the limit of {limits.max_pages} (max-pages); "
                    f"only the first {limits.max_pages} were checked",
                    name="limit-exceeded",
                    plugin="fiscalint",
                )
            )
        pages: list[_Page] = []
        with collector.paused():
            self._read_pages(pdf, path, limits, notices, pages)
        return pages

    def _read_pages(self, pdf, path: str, limits: Limits, notices: list[Finding], pages: list[_Page]) -> None:
        chars = 0
        for number, page in enumerate(pdf.pages[: limits.max_pages], start=1):
            info = _Page(number, float(page.width), float(page.height))
            pages.append(info)
            _load_objects(page)
            n = len(page.chars)
            chars += n
            if chars > limits.max_chars:
                notices.append(
                    Finding(
                        "E008",
                        "error",
                        f"PDF 文字超过 {limits.max_chars} 个字符（max-chars），从第 {number} 页起未检查",
                        Location(path, page=number),
                        f"the PDF has over {limits.max_chars} characters (max-chars); pages from {number} on were not checked",
                        name="limit-exceeded",
                        plugin="fiscalint",
                    )
                )
                break
            if n == 0:
                page.close()
                continue
            grids: list[_Grid] = []
            boxes: list[tuple[float, float, float, float]] = []
            if page.lines or page.rects:
                for table in page.find_tables():
                    grid = _grid_from(table, number, page.chars)
                    if grid is not None:
                        grids.append(grid)
                        boxes.append(table.bbox)
            text_page = page
            if boxes:

                def outside(obj, boxes=boxes) -> bool:
                    if obj.get("object_type") != "char":
                        return True
                    cx = (obj["x0"] + obj["x1"]) / 2
                    cy = (obj["top"] + obj["bottom"]) / 2
                    return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

                text_page = page.filter(outside)
            lines: list[_Line] = []
            aligned = _baseline_aligned(text_page.chars, info.height)
            if aligned is None:
                text_lines = text_page.extract_text_lines(return_chars=True)
            else:
                from pdfplumber.utils import chars_to_textmap

                textmap = chars_to_textmap(
                    aligned, layout_bbox=page.bbox, layout_width=page.width, layout_height=page.height
                )
                text_lines = textmap.extract_text_lines(strip=True, return_chars=True)
            for ln in text_lines:
                text = ln["text"].strip()
                if not text:
                    continue
                size = max((c.get("size", 0) for c in ln["chars"]), default=10.0) or 10.0
                baseline = _baseline(ln["chars"], info.height, ln["bottom"])
                lines.append(
                    _Line(number, ln["top"], ln["bottom"], ln["x0"], ln["x1"], text, size, info.height, baseline)
                )
            items: list = [*lines, *grids]
            items.sort(key=lambda it: it.top)
            info.items = items
            # close(), not just flush_cache(): the text map cached by extract_text_lines
            # holds every character of the page until the whole PDF is freed.
            if text_page is not page:
                text_page.close()
            page.close()


def _baseline_aligned(chars: list[dict], height: float) -> list[dict] | None:
    """The characters with one top and bottom per baseline, or None when they already agree.

    pdfplumber groups characters into lines by their ``top``, which comes from
    each font's own ascent and descent. Word's PDF export of a Chinese report
    sets the Chinese in one font (仿宋) and the digits and quotes in another
    (Times New Roman), whose embedded descriptor can put ``top`` 5 pt lower on
    the very same baseline: "年初预算为 0.95 万元" then splits into a line of
    text and a line of numbers. Characters on one baseline (the glyph origin,
    ``matrix[5]``) take the top and bottom of that baseline's most common
    font; superscripts and rotated text keep their own.
    """
    by_baseline: dict[float, list[dict]] = {}
    for c in chars:
        if c.get("upright", True) and c.get("matrix"):
            by_baseline.setdefault(_char_baseline(c, height), []).append(c)
    moved: dict[int, dict] = {}
    for group in by_baseline.values():
        spans = Counter((c["top"], c["bottom"]) for c in group)
        if len(spans) < 2:
            continue
        (top, bottom), _ = spans.most_common(1)[0]
        for c in group:
            delta = top - c["top"]
            if abs(delta) > 0.01 or abs(bottom - c["bottom"]) > 0.01:
                moved[id(c)] = {
                    **c,
                    "top": top,
                    "bottom": bottom,
                    "doctop": c["doctop"] + delta,
                    "y0": height - bottom,
                    "y1": height - top,
                }
    if not moved:
        return None
    return [moved.get(id(c), c) for c in chars]


_PLAIN = (float, int, str, bool, type(None))


def _plain(v) -> bool:
    """A value pdfplumber's ``resolve_all`` returns unchanged (or as an equal copy)."""
    t = type(v)
    return t in _PLAIN or (t is tuple and all(type(x) in _PLAIN for x in v))


def _load_objects(page) -> None:
    """Fill pdfplumber's object cache of ``page`` with the same dicts its own
    ``Page.parse_objects`` makes, built directly from pdfminer's layout objects.

    pdfplumber's generic ``Page.process_object`` (every attribute through
    ``resolve_all``, a regex for the kind, the colour space decoded again for
    every character) cost about a quarter of reading a PDF, as much as all of
    fiscalint's rules. Characters, lines, rectangles and curves, nearly all of
    a page's objects, are built here with the same keys and values; anything
    else (images, unusual objects) still goes through ``process_object``.

    Relies on pdfplumber internals (checked with pdfplumber 0.11.10):
    ``Page.layout`` interprets the page once and caches it, ``Page.objects``
    caches its dicts in the private attribute ``_objects``, which
    ``flush_cache`` clears. When that attribute is not what ``page.objects``
    returns, the PDF was opened with layout analysis (``laparams``), or an
    object is not what is expected here, nothing is set and pdfplumber parses
    the page itself from the cached layout: the same result, only slower.
    """
    try:
        from pdfminer.layout import LTAnno, LTChar, LTContainer, LTCurve, LTLine, LTRect
        from pdfplumber.page import ALL_ATTRS
        from pdfplumber.utils import resolve_all, resolve_and_decode

        if page.pdf.laparams is not None or hasattr(page, "_objects"):
            return
        process = page.process_object
        norm = page.pdf.unicode_norm
        height = page.height
        mb_x0, mb_top = page.mediabox[0], page.mediabox[1]
        doctop0 = page.initial_doctop
        number = page.page_number
    except (ImportError, AttributeError):  # pragma: no cover - another pdfplumber
        return
    layout = page.layout  # a broken content stream raises here, as it would in page.chars
    curves = {LTCurve: "curve", LTLine: "line", LTRect: "rect"}
    colour_spaces: dict = {}

    def char(obj) -> dict:
        text = obj.get_text()
        if norm is not None:
            text = normalize_unicode(norm, text)
        gs = obj.graphicstate
        cs = obj.ncs.name
        ncs = colour_spaces.get(cs)
        if ncs is None:
            ncs = colour_spaces[cs] = resolve_and_decode(cs)
        x0, x1, y0, y1 = obj.x0, obj.x1, obj.y0, obj.y1
        top = (height - y1) + mb_top
        if mb_x0 != 0:
            x0 += mb_x0
            x1 += mb_x0
        attr = {
            "matrix": obj.matrix,
            "fontname": obj.fontname,
            "adv": obj.adv,
            "upright": obj.upright,
            "x0": x0,
            "y0": y0,
            "x1": x1,
            "y1": y1,
            "width": obj.width,
            "height": obj.height,
            "size": obj.size,
            "object_type": "char",
            "page_number": number,
            "ncs": ncs,
            "text": text,
            "stroking_color": gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,),
            "non_stroking_color": gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,),
            "top": top,
            "bottom": (height - y0) + mb_top,
            "doctop": doctop0 + top,
        }
        d = obj.__dict__
        if "mcid" in d:  # set by pdfplumber's aggregator on every object
            attr["mcid"] = d["mcid"]
            attr["tag"] = d["tag"]
        return attr

    def curve(obj, kind: str) -> dict:
        attr = {k: v if k == "pts" or _plain(v) else resolve_all(v) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
        attr["object_type"] = kind
        attr["page_number"] = number
        attr["pts"] = [(mb_x0 + x, mb_top + height - y) for x, y in attr["pts"]]
        attr["path"] = [(cmd, *((mb_x0 + x, mb_top + height - y) for x, y in pts)) for cmd, *pts in obj.original_path]
        attr["dash"] = obj.dashing_style
        if "y0" in attr:
            attr["top"] = (height - attr["y1"]) + mb_top
            attr["bottom"] = (height - attr["y0"]) + mb_top
            attr["doctop"] = doctop0 + attr["top"]
        if "x0" in attr and mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr

    objects: dict[str, list[dict]] = {}
    try:
        todo = [iter(layout)]
        while todo:  # depth first, the order of pdfplumber's iter_layout_objects
            for obj in todo[-1]:
                if isinstance(obj, LTContainer):  # a figure: its children, not itself (no laparams)
                    todo.append(iter(obj))
                    break
                cls = type(obj)
                if cls is LTChar and isinstance(obj.fontname, str):
                    attr = char(obj)
                elif cls in curves and not hasattr(obj, "ncs"):
                    attr = curve(obj, curves[cls])
                elif isinstance(obj, LTAnno):
                    continue
                else:
                    attr = process(obj)
                objects.setdefault(attr["object_type"], []).append(attr)
            else:
                todo.pop()
    except Exception:  # anything unexpected: pdfplumber's own parse decides
        return
    page._objects = objects  # pdfplumber's private cache of Page.objects
    if page.objects is not objects:
        with contextlib.suppress(AttributeError):
            del page._objects


def _margins(pages: list[_Page]) -> dict[int, tuple[float, float]]:
    """Where lines start and where full lines end, per page width (portrait and
    landscape pages differ), from all the lines of the document: a page with
    a single line, or only short ones, says nothing about its margins.

    The left margin is the smallest x where many lines start (first lines are
    indented, the others start at the margin); the right margin is the median
    end of the long lines (wrapping is not always tight, and one overlong
    line must not move it)."""
    by_width: dict[int, list[_Line]] = {}
    for page in pages:
        by_width.setdefault(round(page.width), []).extend(it for it in page.items if isinstance(it, _Line))
    out: dict[int, tuple[float, float]] = {}
    for width, lines in by_width.items():
        if not lines:
            continue
        starts = Counter(round(ln.x0) for ln in lines)
        need = max(2, len(lines) // 10)
        frequent = [x for x, n in starts.items() if n >= need]
        left = float(min(frequent)) if frequent else min(ln.x0 for ln in lines)
        left = min([ln.x0 for ln in lines if abs(ln.x0 - left) < 1.0] or [left])
        ends = sorted(ln.x1 for ln in lines)
        long = [x for x in ends if x - left > 0.6 * (ends[-1] - left)]
        right = long[len(long) // 2] if long else ends[-1]
        out[width] = (left, right)
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _outline_titles(pdf) -> set[str]:
    """The titles of the PDF's bookmarks (Word exports one per heading); a numbered
    paragraph that is a bookmark is a heading, as a ``_Toc`` bookmark is in DOCX."""
    titles: set[str] = set()
    try:
        for entry in pdf.doc.get_outlines():
            title = entry[1]
            if isinstance(title, bytes):
                title = title.decode("utf-16" if title.startswith(b"\xfe\xff") else "latin-1", errors="ignore")
            if isinstance(title, str) and title.strip():
                titles.add(_squash(title))
            if len(titles) > 5000:
                break
    except Exception:
        return titles
    return titles


def _toc_key(text: str) -> str:
    return re.sub(r"[\s.…·_-]*\d*$", "", text.replace(" ", "").replace("\u3000", ""))


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove running headers/footers and bare page numbers from the margins."""
    with_text = [p for p in pages if p.items]
    keys: Counter = Counter()

    def key(line: _Line) -> tuple[int, str]:
        return round(line.top / 4), re.sub(r"\d+", "#", line.text.replace(" ", ""))

    def in_band(line: _Line) -> bool:
        return line.top < line.page_height * MARGIN_BAND or line.bottom > line.page_height * (1 - MARGIN_BAND)

    for page in with_text:
        keys.update({key(it) for it in page.items if isinstance(it, _Line) and in_band(it)})
    need = max(3, (len(with_text) + 1) // 2)
    for page in with_text:
        page.items = [
            it
            for it in page.items
            if not (
                isinstance(it, _Line) and in_band(it) and (PAGE_NUMBER.match(it.text.strip()) or keys[key(it)] >= need)
            )
        ]


def _indented(ln: _Line, left: float) -> bool:
    """Does the line start right of the text block's left edge (a first-line indent, a centred title)?"""
    return ln.x0 - left > 0.8 * ln.size


def _stops_short(ln: _Line, right: float) -> bool:
    """Does the line end clearly before the text block's right edge?"""
    return ln.x1 < right - 2.5 * ln.size


def _body_pitches(pages: list[_Page], margins: dict[int, tuple[float, float]]) -> dict[int, float]:
    """Per font size (to the point), the line pitch of the document's wrapped paragraphs:
    the most common step, baseline to baseline, from a line that reaches the right margin
    to a next line of its size that is not indented. Counted over the whole document, as a
    page of one-line paragraphs shows none; the other steps (the spacing between paragraphs,
    a single-spaced list in a report set at 1.5 lines) do not count. A size seen wrapping
    fewer than three times has none."""
    counts: dict[int, Counter[int]] = {}
    for page in pages:
        left, right = margins.get(round(page.width), (0.0, page.width))
        prev: _Line | None = None
        for item in page.items:
            if not isinstance(item, _Line):
                prev = None
                continue
            if (
                prev is not None
                and abs(item.size - prev.size) < 0.5
                and not _stops_short(prev, right)
                and not _indented(item, left)
            ):
                step = item.baseline - prev.baseline
                if 0.9 * prev.size <= step <= 3 * prev.size:
                    counts.setdefault(round(prev.size), Counter())[round(step)] += 1
            prev = item
    pitches: dict[int, float] = {}
    for size, steps in counts.items():
        step, n = steps.most_common(1)[0]
        if n >= 3:
            pitches[size] = float(step)
    return pitches


def _overlap(a: _GridCell, b: _GridCell) -> float:
    """How far two cells overlap horizontally (negative when they do not)."""
    return min(a.x1, b.x1) - max(a.x0, b.x0)


# What opens a row of its own, never the rest of a cut one.
_OPENS_ROW = re.compile(r"^\s*(?:其中|合计|小计|总计)")


def _goes_on(before: str, after: str) -> bool:
    """Can ``after``, on top of the next page, be the rest of a cell that ended ``before``?
    Not a figure, a list item (十五、), a 其中 or a total, nor a parallel item ending as the
    cell above does (社会效益指标 / 生态效益指标, 上年结转资金 / 其他资金)."""
    if _FIGURE.fullmatch(after) or _OPENS_ROW.match(after) or parse_label(after) is not None:
        return False
    return not (len(before) >= 2 and len(after) >= 2 and before[-2:] == after[-2:])


class _Builder:
    """Turns the pages' lines and grids into headings, paragraphs and tables."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.blocks: list = []
        self.leveler = HeadingLeveler()
        self.n_tables = 0
        self.last_table: Table | None = None
        self.last_grid: _Grid | None = None
        self.last_row: list[_GridCell] = []  # the last table row read, as the page had it
        self.pending: list[_Line] = []  # lines of the paragraph being built
        self.recent: list[_Line] = []  # lines seen since the last table, for its title
        self.in_toc = False
        self.toc: list[str] = []
        self.toc_page = 0
        self.runs = NumberedRuns(window=3)
        self.outline: set[str] = set()
        self.position = 0  # paragraphs built so far, for NumberedRuns
        self.pitches: dict[int, float] = {}  # font size -> the line pitch of wrapped paragraphs

    def build(self, pages: list[_Page]) -> list:
        margins = _margins(pages)
        self.pitches = _body_pitches(pages, margins)
        for page in pages:
            left, right = margins.get(round(page.width), (0.0, page.width))
            for idx, item in enumerate(page.items):
                if isinstance(item, _Grid):
                    self.flush()
                    self.table(item, first_on_page=idx == 0)
                    continue
                self.line(item, left, right)
        self.flush()
        return self.blocks

    # -- prose ---------------------------------------------------------
    def line(self, ln: _Line, left: float, right: float) -> None:
        text = ln.text
        if TOC_TITLE.match(text.replace(" ", "")):
            self.flush()
            self.in_toc = True
            self.toc_page = ln.page
            self.blocks.append(Paragraph(text=text, location=Location(self.path, page=ln.page, excerpt=text)))
            return
        if self.in_toc:
            # Table-of-contents lines stay single paragraphs, never headings,
            # until the body starts again with the first entry.
            if self._toc_ended(ln):
                self.in_toc = False
            else:
                self.toc.append(_toc_key(text))
                self.blocks.append(Paragraph(text=text, location=Location(self.path, page=ln.page, excerpt=text)))
                return
        self.recent.append(ln)
        if self.pending:
            prev = self.pending[-1]
            indent = _indented(ln, left)
            prev_short = _stops_short(prev, right) and not _forced_wrap(prev, text, right)
            gap = ln.top - prev.bottom if ln.page == prev.page else 0.0
            wide_gap = gap > 1.5 * max(prev.bottom - prev.top, prev.size)
            labelled = parse_label(text) is not None and prev.text.endswith(SENTENCE_END)
            if indent or prev_short or wide_gap or labelled or self._spaced(ln):
                self.flush()
        self.pending.append(ln)

    def _spaced(self, ln: _Line) -> bool:
        """Is ``ln`` set further below the paragraph's last line than its lines are from one
        another? Then the space is the paragraph's spacing after, and ``ln`` starts the next
        one, even where the last line happens to reach the right margin.

        The pitch is the paragraph's own, or, for a one-line paragraph that ends a sentence,
        the document's for its font size (``_body_pitches``). Steps are taken baseline to
        baseline: a line of digits set in another font has another top."""
        prev = self.pending[-1]
        if prev.page != ln.page:
            return False
        if len(self.pending) >= 2 and self.pending[-2].page == prev.page:
            pitch: float | None = prev.baseline - self.pending[-2].baseline
        elif len(self.pending) == 1 and prev.text.endswith(SENTENCE_END):
            pitch = self.pitches.get(round(prev.size))
        else:
            return False
        return pitch is not None and ln.baseline - prev.baseline > pitch + 0.6 * prev.size

    def _toc_ended(self, ln: _Line) -> bool:
        """The body starts with the first entry again, with prose, or after a few pages."""
        key = _toc_key(ln.text)
        if self.toc and key == self.toc[0]:
            return True
        if len(ln.text) > 40 and ln.text.endswith("。"):
            return True
        return bool(self.toc_page and ln.page > self.toc_page + 4)

    def _joined(self) -> str:
        text = ""
        for ln in self.pending:
            text = _join(text, ln.text)
        return text

    def flush(self) -> None:
        if not self.pending:
            return
        text = self._joined()
        page = self.pending[0].page
        self.pending = []
        loc = Location(self.path, page=page, excerpt=text)
        label, is_heading = classify_line(text)
        self.position += 1
        run_in = None
        if label is not None and _squash(text) in self.outline:
            is_heading = True
        elif label is not None:
            in_list = self.runs.continues_list(label, self.position)
            is_heading = self.runs.decide(label, is_heading, self.position)
            run_in = None if in_list else split_run_in(label, text)
        if run_in is not None:
            head, body = run_in
            self.runs.mark(label, True, self.position)
            self.blocks.append(self.leveler.make(head, Location(self.path, page=page, excerpt=head), parse_label(head)))
            self.blocks.append(Paragraph(text=body, location=Location(self.path, page=page, excerpt=body)))
        elif is_heading:
            # "1、 标题": a decimal label set off by a gap is Word's auto-numbering,
            # as the text reader assumes too.
            auto = bool(label and label.style == "num" and re.match(r"^\s*\d+、\s", text))
            self.blocks.append(self.leveler.make(text, loc, label, auto))
        else:
            self.blocks.append(Paragraph(text=text, location=loc))

    # -- tables --------------------------------------------------------
    def table(self, grid: _Grid, first_on_page: bool) -> None:
        prev = self.last_table
        if first_on_page and prev is not None and self.blocks and self.blocks[-1] is prev and self._fits(grid):
            self._continue(prev, grid)
            return
        self.n_tables += 1
        title, unit = self._title_and_unit(grid)
        self.recent = []
        table = Table(
            rows=[],
            location=Location(self.path, page=grid.page, table=self.n_tables, excerpt=title),
            index=self.n_tables,
            title=title,
            unit=unit,
        )
        self._append_rows(
            table, [[(c.text, c.column, c.rowspan, c.colspan) for c in row] for row in grid.cells], grid.page
        )
        if not unit:
            for cell in (table.rows[0] if table.rows else [])[-2:]:
                m = UNIT_LINE.search(cell.text)
                if m:
                    table.unit = m.group(1)
        self.blocks.append(table)
        self.last_table = table
        self.last_grid = grid
        self.last_row = grid.cells[-1]

    def _fits(self, grid: _Grid) -> bool:
        """The table on top of a page continues the one that ended the page before
        when it has the same left and right edges."""
        prev = self.last_grid
        first = grid.cells[0] if grid.cells else []
        if len(first) == 1 and TABLE_TITLE.search(first[0].text):
            return False  # it opens with its own title row: a new table
        return prev is not None and abs(grid.x0 - prev.x0) <= 2.0 and abs(grid.x1 - prev.x1) <= 2.0

    def _title_and_unit(self, grid: _Grid) -> tuple[str, str]:
        title, unit = "", ""
        for ln in reversed([ln for ln in self.recent if ln.page == grid.page][-4:]):
            text = ln.text.replace(" ", "") if len(ln.text) <= 60 else ln.text
            m = UNIT_LINE.search(text)
            if m and not unit:
                unit = m.group(1)
                continue
            if not title and TABLE_TITLE.search(text) and len(text) <= 60:
                title = ln.text
                break
        return title, unit

    def _continue(self, table: Table, grid: _Grid) -> None:
        """Append the rows of a continuation; columns are the union of both parts'
        edges (the earlier cells are re-indexed), a repeated header is dropped."""
        old = self.last_grid
        cols: list[float] = []
        for x in sorted([*old.columns, *grid.columns]):
            if not cols or x - cols[-1] > 2.0:
                cols.append(x)

        def place(x0: float, x1: float) -> tuple[int, int]:
            column = min(range(len(cols)), key=lambda i: abs(cols[i] - x0))
            return column, max(1, sum(1 for x in cols if x0 - 2.0 <= x < x1 - 2.0))

        if len(cols) != len(old.columns):
            edges = [*old.columns, old.x1]
            for row in table.rows:
                for cell in row:
                    c0, c1 = cell.column, min(cell.column + cell.colspan, len(edges) - 1)
                    cell.column, cell.colspan = place(edges[c0], edges[c1])
                    cell.location = replace(cell.location, column=cell.column + 1)
        rows: list[list[tuple[str, int, int, int]]] = []
        for raw in grid.cells:
            out = []
            for c in raw:
                column, span = place(c.x0, c.x1)
                out.append((c.text, column, c.rowspan, span))
            rows.append(out)
        header = [[c.text for c in row] for row in table.rows[:3]]
        skip = 0
        while skip < len(rows) and skip < len(header) and [c[0] for c in rows[skip]] == header[skip]:
            skip += 1
        if skip < len(rows) and table.rows and self._join_cut_row(table, grid.cells[skip], rows[skip]):
            skip += 1
        self._append_rows(table, rows[skip:], grid.page)
        self.last_grid = _Grid(grid.page, grid.top, grid.bottom, old.x0, old.x1, cols, [])
        self.last_row = grid.cells[-1]

    def _join_cut_row(self, table: Table, first: list[_GridCell], placed: list[tuple[str, int, int, int]]) -> bool:
        """Join the continuation's first row (``first``, as placed in ``table``'s columns) to
        the table's last row when it holds the rest of that row, and say whether it did.

        It does when each of its cells with text sits below a cell whose last line ran to
        the edge (``_GridCell.runs_to_edge``) and can go on from that cell's text
        (``_goes_on``). A new row, or one with a cell below a cell that ended short, stays
        a row of its own. A cell merged down from the cut row (the 一级指标 beside its
        indicators) keeps the span it has below the break."""
        last = table.rows[-1]
        joins: list[tuple[Cell, str, int]] = []
        for cell, (text, column, rowspan, _) in zip(first, placed, strict=True):
            target = next((c for c in last if c.column == column), None)
            if text:
                above = max(self.last_row, key=lambda c: _overlap(c, cell))
                if (
                    target is None
                    or not above.runs_to_edge
                    or _overlap(above, cell) < 0.5 * (cell.x1 - cell.x0)
                    or not _goes_on(target.text, text)
                ):
                    return False
            elif target is None:
                continue
            joins.append((target, text, rowspan))
        if not any(text for _, text, _ in joins):
            return False
        for target, text, rowspan in joins:
            if text:
                target.text = _join(target.text, text)
                target.location = replace(target.location, excerpt=target.text)
            target.rowspan += rowspan - 1
        return True

    def _append_rows(self, table: Table, rows: list[list[tuple[str, int, int, int]]], page: int) -> None:
        for raw in rows:
            r = len(table.rows)
            table.rows.append(
                [
                    Cell(
                        text=text,
                        location=Location(
                            self.path, page=page, table=table.index, row=r + 1, column=c + 1, excerpt=text
                        ),
                        row=r,
                        column=c,
                        rowspan=rowspan,
                        colspan=colspan,
                    )
                    for text, c, rowspan, colspan in raw
                ]
            )
