"""Word reports (.docx): body paragraphs and tables in order, with Word's numbering.

What the reader does:

- Checks the zip before anything parses it: a broken zip is E003; more
  than 200 MB uncompressed, or a ``word/document.xml`` that inflates more
  than 100 times (and past 5 MB), is a zip bomb (E008); a DOCTYPE/ENTITY
  declaration in the parts it parses (document, styles,
  numbering, comments) is refused (E003: billion laughs).
- Walks the body XML (``w:p``, ``w:tbl``, content controls ``w:sdt``), so
  paragraphs and tables come in document order. ``Location.paragraph`` is
  the 1-based index of the body paragraph (every ``w:p`` of the body counts,
  empty ones too, as Word's navigation does); cells carry table/row/column.
- Renders Word auto-numbering (``w:numPr`` → numbering.xml: lvlText, numFmt,
  start, startOverride, counters per list and level) into the label, in the
  list's own format: a heading numbered ``chineseCounting`` reads 九、, not
  9、. The label is prepended to the paragraph text.
- Headings: a paragraph with a heading style (Heading n, 标题 n) or an
  outline level (``w:outlineLvl``, direct or from its style) is a heading;
  other paragraphs are headings when their numbering text says so, with the
  text reader's logic (numbering labels, short titles, ``_Toc`` bookmarks,
  run-in headings, list runs). A numbered long sentence stays a paragraph.
  Table-of-contents paragraphs (``toc n`` styles, TOC content controls)
  stay paragraphs.
- Tables: merged cells are resolved once. ``gridSpan`` becomes ``colspan``
  and the cell appears once; ``vMerge`` restart/continue becomes
  ``rowspan`` on the top cell, and each position below it appears as an
  empty cell with the same colspan, exactly as Word's "save as text" writes
  it (and as the text reader reads it), so a label column stays at the same
  position in every row. ``Cell.column`` is the grid column.
- Nested tables are flattened: each becomes its own Table right after the
  table that holds it; the outer cell keeps only its own paragraphs.
- Table title: the closest short paragraph above the table (since the
  previous table) that reads like a title (…表, …表（2023年度）), or a
  first row holding only a title; unit from "单位：万元" above it or in the
  first row.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from fiscalint import collector
from fiscalint.model import Cell, Document, Location, Paragraph, Table
from fiscalint.numbering import CIRCLED, int_to_cn, parse_label
from fiscalint.readers import Limits, Reader, ReaderError
from fiscalint.readers.text import (
    TABLE_TITLE,
    UNIT_LINE,
    HeadingLeveler,
    NumberedRuns,
    classify_line,
    split_run_in,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 5 * 1024 * 1024  # below this a high ratio is just repetitive XML
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
TOC_STYLE = re.compile(r"^(?:toc|目录)\s*\d", re.IGNORECASE)


@cache
def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag (memoised: the walk asks for a few tags millions of times)."""
    return f"{{{W}}}{tag}"


def _first_children(el) -> dict:
    """Each tag's first child of ``el`` (what ``el.find(tag)`` gives), in one pass over
    its children: lxml's ``find`` costs a microsecond or two a call, a child a tenth of that."""
    out: dict = {}
    if el is not None:
        for child in el:
            out.setdefault(child.tag, child)
    return out


def _kid_val(kids: dict, tag: str) -> str | None:
    """The w:val of the first child ``tag`` among ``kids`` (from :func:`_first_children`)."""
    return _val_of(kids.get(w(tag)))


def _val_of(el) -> str | None:
    """The w:val of an element, None without one."""
    return None if el is None else el.get(_W_VAL)


# -- numbering formats ----------------------------------------------------
_LEGAL = str.maketrans("一二三四五六七八九十百零", "壹贰叁肆伍陆柒捌玖拾佰零")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_IDEO_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _letters(n: int) -> str:
    # Word repeats the letter: 27 -> AA, 28 -> BB.
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out += sym
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """A list counter in Word's numFmt: (9, "chineseCounting") -> "九"."""
    if n <= 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting", "japaneseDigitalTenThousand"):  # fmt: skip
        return int_to_cn(n)
    if fmt == "chineseLegalSimplified" or fmt == "japaneseLegal":
        return int_to_cn(n).translate(_LEGAL)
    if fmt in ("ideographDigital", "taiwaneseDigital", "koreanDigital"):
        return str(n).translate(_IDEO_DIGITS)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return CIRCLED[n - 1] if n <= len(CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULLWIDTH)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False
    suffix: str = "tab"


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # ilvl -> lvl override
    used: bool = False


class Numbering:
    """Word's list counters, advanced in document order, rendered as labels."""

    def __init__(self, root, style_num: dict[str, tuple[str, int]]) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstractNum -> numStyleLink style id
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.style_num = style_num
        if root is None:
            return
        ilvl_attr, lvl_tag, override_tag = w("ilvl"), w("lvl"), w("lvlOverride")
        for an in root.findall(w("abstractNum")):
            aid = an.get(w("abstractNumId"))
            self.abstract[aid] = {int(lvl.get(ilvl_attr, "0")): _level(lvl) for lvl in an if lvl.tag == lvl_tag}
            link = _kid_val(_first_children(an), "numStyleLink")
            if link:
                self.links[aid] = link
        for num in root.findall(w("num")):
            nid = num.get(w("numId"))
            entry = _Num(_kid_val(_first_children(num), "abstractNumId") or "")
            for ov in num:
                if ov.tag != override_tag:
                    continue
                ilvl = int(ov.get(ilvl_attr, "0"))
                props = _first_children(ov)
                so = _kid_val(props, "startOverride")
                if so is not None and so.lstrip("-").isdigit():
                    entry.overrides[ilvl] = int(so)
                lvl = props.get(lvl_tag)
                if lvl is not None:
                    entry.levels[ilvl] = _level(lvl)
            self.nums[nid] = entry
        self._resolved: dict[str, tuple[str, dict[int, _Level]]] = {}  # num id -> _levels(), which never changes

    def _levels(self, num: _Num, depth: int = 0) -> tuple[str, dict[int, _Level]]:
        aid = num.abstract
        levels = self.abstract.get(aid, {})
        link = self.links.get(aid)
        if not levels and link and depth < 3 and link in self.style_num:
            linked = self.nums.get(self.style_num[link][0])
            if linked is not None and linked is not num:
                return self._levels(linked, depth + 1)
        return aid, {**levels, **num.levels}

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return its label, or "" for bullets/none."""
        num = self.nums.get(num_id)
        if num is None or num_id == "0":
            return ""
        resolved = self._resolved.get(num_id)
        if resolved is None:
            resolved = self._resolved[num_id] = self._levels(num)
        aid, levels = resolved
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        counters = self.counters.setdefault(aid, [None] * 10)
        if not num.used:
            num.used = True
            for i, start in num.overrides.items():
                if 0 <= i < 10:
                    counters[i] = start - 1
        current = counters[ilvl]
        counters[ilvl] = lvl.start if current is None else current + 1
        for deeper in range(ilvl + 1, 10):
            d = levels.get(deeper)
            if d is None or (d.restart != 0 and (d.restart is None or d.restart <= ilvl + 1)):
                counters[deeper] = None
        if lvl.fmt in ("bullet", "none"):
            return ""

        def render(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            level = levels.get(k, _Level())
            value = counters[k] if counters[k] is not None else level.start
            fmt = "decimal" if lvl.legal and level.fmt not in ("decimalZero",) else level.fmt
            return format_number(value, fmt)

        text = _LEVEL_REF.sub(render, lvl.text)
        return text + (" " if lvl.suffix == "space" and text else "")


_LEVEL_REF = re.compile(r"%([1-9])")


def _level(lvl) -> _Level:
    kids = _first_children(lvl)
    start = _kid_val(kids, "start")
    restart = _kid_val(kids, "lvlRestart")
    return _Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=_kid_val(kids, "numFmt") or "decimal",
        text=_kid_val(kids, "lvlText") or "",
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=w("isLgl") in kids and _kid_val(kids, "isLgl") not in ("0", "false"),
        suffix=_kid_val(kids, "suff") or "tab",
    )


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    num: tuple[str, int] | None


class Styles:
    """Paragraph styles: heading level, outline level and numbering, through basedOn."""

    def __init__(self, root) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        # Per style id, resolved through basedOn once (every paragraph asks).
        self._levels: dict[str | None, int | None] = {}
        self._nums: dict[str | None, tuple[str, int] | None] = {}
        self._tocs: dict[str | None, bool] = {}
        if root is None:
            return
        for st in root.findall(w("style")):
            if st.get(w("type")) not in (None, "paragraph"):
                continue
            sid = st.get(w("styleId"))
            kids = _first_children(st)
            ppr = _first_children(kids.get(_W_PPR))
            outline = _kid_val(ppr, "outlineLvl")
            numpr = _first_children(ppr.get(_W_NUMPR))
            num = None
            if _kid_val(numpr, "numId"):
                num = (_kid_val(numpr, "numId"), int(_kid_val(numpr, "ilvl") or 0))
            self.styles[sid] = _Style(
                name=_kid_val(kids, "name") or sid or "",
                based_on=_kid_val(kids, "basedOn"),
                outline=int(outline) if outline and outline.isdigit() else None,
                num=num,
            )
            if st.get(w("default")) in ("1", "true"):
                self.default = sid

    def chain(self, sid: str | None):
        seen = set()
        sid = sid or self.default
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on

    def name(self, sid: str | None) -> str:
        st = self.styles.get(sid or "")
        return st.name if st else (sid or "")

    def is_toc(self, sid: str | None) -> bool:
        """The style is a table-of-contents one (toc n, 目录 n): its paragraphs are never headings."""
        toc = self._tocs.get(sid)
        if toc is None:
            toc = self._tocs[sid] = TOC_STYLE.match(self.name(sid).strip()) is not None
        return toc

    def heading_level(self, sid: str | None) -> int | None:
        if sid not in self._levels:
            self._levels[sid] = self._heading_level(sid)
        return self._levels[sid]

    def _heading_level(self, sid: str | None) -> int | None:
        for st in self.chain(sid):
            m = HEADING_STYLE.match(st.name.strip()) or HEADING_STYLE.match(st.name.replace(" ", ""))
            if m and 1 <= int(m.group(1)) <= 9:
                return int(m.group(1))
            if st.outline is not None:
                return st.outline + 1 if st.outline < 9 else None
        return None

    def numbering(self, sid: str | None) -> tuple[str, int] | None:
        if sid not in self._nums:
            self._nums[sid] = next((st.num for st in self.chain(sid) if st.num is not None), None)
        return self._nums[sid]

    def num_map(self) -> dict[str, tuple[str, int]]:
        return {sid: st.num for sid, st in self.styles.items() if st.num}


# -- the text of a paragraph ------------------------------------------------
_SKIP_SUBTREES = (w("del"), w("txbxContent"), f"{{{MC}}}Fallback")
_SKIP = {w("pPr"), w("rPr"), w("instrText"), w("delText"), *_SKIP_SUBTREES}


_W_TCPR, _W_VMERGE, _W_VAL = w("tcPr"), w("vMerge"), w("val")
_W_T, _W_TABS = w("t"), w("tabs")
_MARKS = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
_TEXT_TAGS = (_W_T, *_MARKS)
_W_PPR, _W_PSTYLE, _W_NUMPR, _W_OUTLINE = w("pPr"), w("pStyle"), w("numPr"), w("outlineLvl")
_W_NUMID, _W_ILVL = w("numId"), w("ilvl")
_W_BOOKMARK_START, _W_NAME = w("bookmarkStart"), w("name")
_W_P, _W_TBL, _W_SDT, _W_SDT_CONTENT = w("p"), w("tbl"), w("sdt"), w("sdtContent")
_W_CUSTOM_XML, _W_INS = w("customXml"), w("ins")
_W_TR, _W_TC, _W_TRPR = w("tr"), w("tc"), w("trPr")
_CONTAINERS = (_W_SDT, _W_CUSTOM_XML)  # content controls and custom XML hold body or cell content
_BODY_CONTAINERS = (_W_SDT, _W_CUSTOM_XML, _W_INS)
_RUN_TAGS = (*_TEXT_TAGS, *_SKIP_SUBTREES, _W_BOOKMARK_START)
# What makes a paragraph's text more than its w:t joined: marks, skipped subtrees, bookmarks.
_NOT_PLAIN = (*_MARKS, *_SKIP_SUBTREES, _W_BOOKMARK_START)


class _BodyIndex:
    """What the walk asks of every paragraph, found in one pass over the body.

    Asking each paragraph (``find`` of its w:pPr, an ``iter`` over its runs
    with a dozen tags) costs several microseconds a paragraph in lxml's
    per-call setup; one ``iter`` over the whole body costs that once.
    """

    def __init__(self, body) -> None:
        # paragraph -> its first w:pPr child (what ``p.find(pPr)`` gives)
        self.pprs: dict[Any, Any] = {}
        # paragraphs holding a tab, break, bookmark, deleted text, text box or
        # Fallback: their text needs the full walk; the others' is their w:t joined
        self.not_plain: set = set()
        for node in body.iter(_W_PPR, *_NOT_PLAIN):
            if node.tag == _W_PPR:
                parent = node.getparent()
                if parent.tag == _W_P and parent not in self.pprs:
                    self.pprs[parent] = node
            else:
                self.not_plain.update(node.iterancestors(_W_P))


def _runs_text(el) -> str:
    """The text of a paragraph's runs: w:t, tabs and breaks, without deleted
    text, text boxes or the duplicate Fallback of an AlternateContent."""
    return _text_and_toc_bookmark(el, False)[0]


def _text_and_toc_bookmark(p, bookmarks: bool) -> tuple[str, bool]:
    """(the runs' text, whether a ``_Toc`` bookmark starts inside) of a paragraph, in one
    walk of its subtree (with ``bookmarks`` False the second is False)."""
    out: list[str] = []
    toc = False
    # The usual paragraph: lxml finds the text elements in C; only tab stops
    # (w:pPr/w:tabs/w:tab, which are not text) share a tag with run content.
    for node in p.iter(_RUN_TAGS):
        tag = node.tag
        if tag == _W_T:
            out.append(node.text or "")
        elif tag == _W_BOOKMARK_START:
            toc = toc or (node.get(_W_NAME) or "").startswith("_Toc")
        elif tag in _MARKS:
            if node.getparent().tag != _W_TABS:
                out.append(_MARKS[tag])
        else:  # deleted text, a text box or a Fallback: walk the tree to leave them out
            return _walked_text(p), bookmarks and _has_toc_bookmark(p)
    return "".join(out), bookmarks and toc


def _has_toc_bookmark(p) -> bool:
    return any((b.get(_W_NAME) or "").startswith("_Toc") for b in p.iter(_W_BOOKMARK_START))


def _num_props(numpr) -> tuple[str | None, str | None]:
    """(numId, ilvl) values of a w:numPr, each from its first child of that tag, as ``find`` would."""
    kids = _first_children(numpr)
    return _val_of(kids.get(_W_NUMID)), _val_of(kids.get(_W_ILVL))


def _paragraph_props(ppr) -> tuple[str | None, Any, str | None]:
    """(pStyle, the numPr element, outlineLvl) of a w:pPr, in one pass over its children
    (every paragraph asks: the tags are the module's constants, not ``w()`` calls)."""
    kids = _first_children(ppr)
    return _val_of(kids.get(_W_PSTYLE)), kids.get(_W_NUMPR), _val_of(kids.get(_W_OUTLINE))


def _walked_text(el) -> str:
    out: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _W_T:
                out.append(child.text or "")
            elif tag in _MARKS:
                out.append(_MARKS[tag])
            else:
                walk(child)

    walk(el)
    return "".join(out)


def _check_package(data: bytes, limits: Limits) -> None:
    """Refuse broken zips and zip bombs before anything inflates them (entity declarations
    are refused in ``_open_parts``, in the parts it parses)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise ReaderError("E003", f"DOCX 压缩包已损坏（{exc}）", f"the DOCX zip is corrupt ({exc})") from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
            raise ReaderError(
                "E002",
                "这是 Excel/PowerPoint 文件，不是 Word 文档；请另存为 .docx 或 .pdf",
                "this is an Excel/PowerPoint file, not a Word document; save it as .docx or .pdf",
            )
        raise ReaderError("E003", "DOCX 缺少正文部件 word/document.xml", "the DOCX has no word/document.xml")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise ReaderError(
            "E008",
            f"DOCX 解压后有 {total / 1024 / 1024:.0f} MB，超过上限 {MAX_UNCOMPRESSED // 1024 // 1024} MB（疑似压缩炸弹），未检查",
            f"the DOCX inflates to {total / 1024 / 1024:.0f} MB, over the {MAX_UNCOMPRESSED // 1024 // 1024} MB limit "
            "(a zip bomb?); not checked",
        )
    doc_info = zf.getinfo("word/document.xml")
    ratio = doc_info.file_size / max(doc_info.compress_size, 1)
    if doc_info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
        raise ReaderError(
            "E008",
            f"DOCX 正文压缩比 {ratio:.0f}:1，超过上限 {MAX_RATIO}:1（疑似压缩炸弹），未检查",
            f"the DOCX body has a compression ratio of {ratio:.0f}:1, over {MAX_RATIO}:1 (a zip bomb?); not checked",
        )


@dataclass
class _RawCell:
    column: int
    span: int
    vmerge: str | None  # "restart", "continue" or None
    text: str


class DocxReader(Reader):
    name = "docx"
    extensions = (".docx",)
    kind = "docx"

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        _check_package(data, limits)
        try:
            import docx  # noqa: F401  (its package reader finds the parts)
        except ImportError:  # pragma: no cover - a declared dependency
            raise ReaderError("E002", "未安装 python-docx，无法读取 DOCX", "python-docx is not installed") from None
        try:
            parts = _open_parts(data)
        except ReaderError:
            raise
        except Exception as exc:
            # The package passed the checks above, so anything python-docx's
            # package reader (or zlib, lxml, zipfile under it) raises means the
            # file is corrupt: found by scripts/fuzz.py (zlib.error, "zip file
            # version 6.8" NotImplementedError, PackageNotFoundError...).
            raise ReaderError(
                "E003",
                f"DOCX 文件已损坏，无法解析（{type(exc).__name__}）",
                f"the DOCX is corrupt ({type(exc).__name__})",
            ) from None
        body = parts.document.find(w("body"))
        if body is None:
            raise ReaderError("E003", "DOCX 正文部件没有 w:body", "the DOCX main part has no w:body")
        styles = Styles(parts.styles)
        builder = _Builder(path, styles, Numbering(parts.numbering, styles.num_map()), limits)
        builder.has_comments = parts.comments is not None
        with collector.paused():  # blocks, cells and locations: long-lived, no cycles
            builder.walk(body)
        doc = Document(path=path, blocks=builder.blocks, format="docx", meta={"paragraphs": builder.n_paragraphs})
        doc.meta["suppressions"] = _comment_suppressions(path, parts.comments, builder.comment_spans)
        return doc


# Main document part of a .docx, and of the same package saved as .docm/.dotx/.dotm.
_MAIN_TYPE_ENDS = (
    "wordprocessingml.document.main+xml",
    "wordprocessingml.template.main+xml",
    "ms-word.document.macroEnabled.main+xml",
    "ms-word.template.macroEnabledTemplate.main+xml",
)


@dataclass
class _Parts:
    """The XML roots a check needs: the main document, and its styles, numbering and comments (or None)."""

    document: Any
    styles: Any = None
    numbering: Any = None
    comments: Any = None


def _open_parts(data: bytes) -> _Parts:
    """Find the parts through python-docx's OPC package reader (relationships and
    content types, as Word resolves them) and parse only those four with plain lxml.

    ``docx.Document()`` parses every part (theme, fonts, headers...) into
    python-docx's custom element classes, whose Python proxies make each step
    of a walk over the body several times slower; a check needs none of that.
    The parser's settings are python-docx's own (blank text removed, entities
    not resolved), so the text read is the same. Styles, numbering and
    comments are those related *from the main document part*: a glossary
    part (content-control placeholders) carries its own styles and numbering.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.pkgreader import PackageReader
    from lxml import etree

    package = PackageReader.from_file(io.BytesIO(data))
    sparts = {name: (content_type, blob) for name, content_type, _reltype, blob in package.iter_sparts()}
    srels = [(source, rel) for source, rel in package.iter_srels() if not rel.is_external]
    main = next(
        (
            rel.target_partname
            for source, rel in srels
            if source == PACKAGE_URI
            and rel.reltype == RT.OFFICE_DOCUMENT
            and sparts.get(rel.target_partname, ("", b""))[0].endswith(_MAIN_TYPE_ENDS)
        ),
        None,
    )
    if main is None:
        raise ReaderError("E003", "DOCX 缺少正文部件（officeDocument 关系）", "the DOCX has no main document part")
    blobs: dict[str, bytes] = {"document": sparts[main][1]}
    wanted = {RT.STYLES: "styles", RT.NUMBERING: "numbering", RT.COMMENTS: "comments"}
    for source, rel in srels:
        if source == main and rel.reltype in wanted and rel.target_partname in sparts:
            blobs.setdefault(wanted[rel.reltype], sparts[rel.target_partname][1])
    for key, blob in blobs.items():
        if b"<!ENTITY" in blob or b"<!DOCTYPE" in blob:
            raise ReaderError(
                "E003",
                f"DOCX 的 {key} 部件含有 DOCTYPE/ENTITY 声明（Word 从不写入，可能是恶意文件），未检查",
                f"the DOCX {key} part has a DOCTYPE/ENTITY declaration (Word never writes one; possibly hostile); "
                "not checked",
            )
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    roots = {
        key: _parse_styles(blob, parser) if key == "styles" else etree.fromstring(blob, parser)
        for key, blob in blobs.items()
    }
    return _Parts(roots.pop("document"), **roots)


# -- styles.xml, without what Styles never reads ------------------------------
# A styles part is mostly what the reader skips: the latent styles, and the
# table, character and numbering styles (python-docx's template, which many
# generated reports carry, has 100 table styles: 325 of its 350 KB). Building
# lxml's tree of it costs more than reading the whole body of a long report,
# so those elements are cut out of the bytes first. Only when that is exact:
#
# - the part is UTF-8 with an XML declaration and holds no comment, CDATA,
#   DOCTYPE or processing instruction, so every "<" in its bytes starts a tag;
# - a cut element is a ``<w:style>`` whose ``w:type`` is written literally (no
#   ``&``) and is not "paragraph", or a ``<w:latentStyles>``, from its start
#   tag through its own end tag (no element of the same name opens inside);
# - the whole part is well-formed for libxml2 (parsed without building a tree,
#   at half the cost, and with nothing in the error log), so the cut part
#   parses exactly when the whole one does, and to the same paragraph styles.
#
# Anything else, and a cut that would save little, parses the part as it is.
_XML_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml[^?<>]*\?>")
_CUT_START = re.compile(rb"<w:(style|latentStyles)((?:\s+[^\s=/<>]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*(/?)>")
_ATTRIBUTE = re.compile(rb"""\s+([^\s=/<>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")
_END_TAG_REST = re.compile(rb"\s*>")


def _parse_styles(blob: bytes, parser):
    """The styles part's root, parsed without the elements Styles skips when that is exact."""
    from lxml import etree

    cut = _without_skipped_styles(blob)
    if cut is not None and len(cut) * 2 < len(blob) and _well_formed(blob):
        try:
            return etree.fromstring(cut, parser)
        except Exception:  # cannot happen for a well-formed whole; the whole part says what is wrong
            pass
    return etree.fromstring(blob, parser)


def _without_skipped_styles(blob: bytes) -> bytes | None:
    """``blob`` without its latent styles and non-paragraph styles, or None when
    nothing is cut or the bytes are not plain enough to cut safely (see above)."""
    declaration = _XML_DECLARATION.match(blob)
    if declaration is None:
        return None
    text = declaration.group().lower()
    if b"encoding" in text and b"utf-8" not in text:
        return None
    # No comment, CDATA, DOCTYPE or processing instruction ("!" and "?" are rare
    # in a styles part, and finding one byte is much faster than finding a pair).
    if _holds(blob, b"<!", declaration.end()) or _holds(blob, b"<?", declaration.end()):
        return None
    pieces: list[bytes] = []
    kept_from = 0
    m = _CUT_START.search(blob, declaration.end())
    while m is not None:
        name, attributes, empty = m.groups()
        end = m.end()
        if name == b"style" and not _skipped_style(attributes):
            m = _CUT_START.search(blob, end)
            continue
        if not empty:  # cut through the element's own end tag
            close = blob.find(b"</w:" + name, end)
            if close == -1 or blob.find(b"<w:" + name, end, close) != -1:
                return None
            rest = _END_TAG_REST.match(blob, close + 4 + len(name))
            if rest is None:
                return None
            end = rest.end()
        pieces.append(blob[kept_from : m.start()])
        kept_from = end
        m = _CUT_START.search(blob, end)
    if not pieces:
        return None
    pieces.append(blob[kept_from:])
    return b"".join(pieces)


def _holds(blob: bytes, pair: bytes, start: int) -> bool:
    """``pair`` occurs in ``blob`` from ``start`` (its second byte is looked for first)."""
    return blob.find(pair[1:], start) != -1 and blob.find(pair, start) != -1


def _skipped_style(attributes: bytes) -> bool:
    """The start tag's attributes give a literal w:type other than "paragraph" (Styles skips those)."""
    for m in _ATTRIBUTE.finditer(attributes):
        if m.group(1) == b"w:type":
            value = m.group(2) if m.group(2) is not None else m.group(3)
            return b"&" not in value and value != b"paragraph"
    return False


class _NoTree:
    """A parser target that builds nothing: parsing with it only checks the XML."""

    def close(self) -> None:
        return None


def _well_formed(blob: bytes) -> bool:
    """libxml2 parses ``blob`` (with the reader's settings) without an error or warning."""
    from lxml import etree

    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, target=_NoTree())
    try:
        etree.fromstring(blob, parser)
    except Exception:
        return False
    return len(parser.error_log) == 0


def _comment_suppressions(path: str, comments_root, spans: dict[str, list]) -> list:
    """Word comments that say ``fiscalint: disable=CODES``, as suppressions over
    the paragraphs or table cells they are anchored on."""
    from fiscalint.suppression import Suppression, parse_directive

    if comments_root is None:
        return []
    out = []
    for comment in comments_root.iter(w("comment")):
        text = "\n".join(_runs_text(p) for p in comment.iter(w("p"))).strip()
        parsed = parse_directive(text)
        if parsed is None:
            continue
        kind, codes, reason = parsed
        first, last, tables = spans.get(comment.get(w("id")) or "", [None, None, set()])
        anchor = {"paragraph": first} if first is not None else {"table": min(tables)} if tables else {}
        loc = Location(path, excerpt=text, **anchor)
        if kind == "disable-file":
            out.append(Suppression(codes, reason, loc, whole_file=True))
        elif first is not None or tables:
            paragraphs = (first, last if last is not None else first) if first is not None else None
            out.append(Suppression(codes, reason, loc, paragraphs=paragraphs, tables=tuple(sorted(tables))))
    return out


class _Builder:
    def __init__(self, path: str, styles: Styles, numbering: Numbering, limits: Limits) -> None:
        self.path = path
        self.styles = styles
        self.numbering = numbering
        self.limits = limits
        self.blocks: list = []
        self.leveler = HeadingLeveler()
        self.runs = NumberedRuns(window=3)
        self.n_paragraphs = 0
        self.n_texts = 0  # non-empty paragraphs, the positions NumberedRuns counts
        self.n_tables = 0
        self.chars = 0
        self.since_table: list[str] = []  # paragraph texts since the last table
        # Word comment id -> [first paragraph, last paragraph, tables] it is anchored on
        self.comment_spans: dict[str, list] = {}
        self.has_comments = True  # False: no comments part, so no anchors to look for
        self.index: _BodyIndex  # set by walk()

    def walk(self, body) -> None:
        """Read the body's paragraphs and tables into ``blocks``."""
        self.index = _BodyIndex(body)
        self.body(body)

    def _count(self, text: str) -> None:
        self.chars += len(text)
        if self.chars > self.limits.max_chars:
            lim = self.limits.max_chars
            raise ReaderError(
                "E008",
                f"DOCX 文字超过 {lim} 个字符（max-chars），未检查",
                f"the DOCX has over {lim} characters (max-chars); not checked",
            )

    def body(self, el, toc: bool = False) -> None:
        for child in el:
            tag = child.tag
            if tag == _W_P:
                self.paragraph(child, toc)
            elif tag == _W_TBL:
                self.table(child)
            elif tag in _BODY_CONTAINERS:
                content = _child(child, _W_SDT_CONTENT) if tag == _W_SDT else child
                if content is not None:
                    self.body(content, toc or _is_toc_sdt(child))

    # -- paragraphs ------------------------------------------------------
    def _numbered_text(self, p, bookmarks: bool = True) -> tuple[str, str, str | None, bool, str | None]:
        """(full text, auto label, style id, has a _Toc bookmark, outline level) of a paragraph;
        ``bookmarks`` False skips looking for the bookmark (table cells, which are never headings)."""
        index = self.index
        sid, numpr, outline = _paragraph_props(index.pprs.get(p))
        num = None
        if numpr is not None:
            nid, ilvl = _num_props(numpr)
            if nid is not None:
                style_num = self.styles.numbering(sid)
                default_ilvl = style_num[1] if style_num else 0
                num = (nid, int(ilvl) if ilvl and ilvl.isdigit() else default_ilvl)
        else:
            num = self.styles.numbering(sid)
        if p in index.not_plain:
            text, bookmark = _text_and_toc_bookmark(p, bookmarks)
        else:
            text, bookmark = "".join([t.text or "" for t in p.iter(_W_T)]), False
        label = ""
        if num is not None and num[0] != "0" and text.strip():
            label = self.numbering.label(num[0], num[1])
        return (label + text.lstrip() if label else text), label, sid, bookmark, outline

    def _anchor_comments(self, el, paragraph: int | None = None, table: int | None = None) -> None:
        """Note which paragraphs or tables each Word comment is anchored on."""
        if not self.has_comments:
            return
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            for mark in el.iter(w(tag)):
                cid = mark.get(w("id"))
                if cid is None:
                    continue
                span = self.comment_spans.setdefault(cid, [None, None, set()])
                if table is not None:
                    span[2].add(table)
                elif tag == "commentRangeStart" or span[0] is None:
                    span[0] = paragraph if span[0] is None else min(span[0], paragraph)
                    span[1] = paragraph if span[1] is None else max(span[1], paragraph)
                else:
                    span[1] = paragraph if span[1] is None else max(span[1], paragraph)

    def paragraph(self, p, toc: bool) -> None:
        self.n_paragraphs += 1
        index = self.n_paragraphs
        self._anchor_comments(p, paragraph=index)
        full, auto_label, sid, bookmark, outline = self._numbered_text(p)
        stripped = full.strip(" \u3000\t\r\n")
        if not stripped:
            return
        self._count(stripped)
        self.since_table.append(stripped)
        self.n_texts += 1
        loc = Location(self.path, paragraph=index, excerpt=stripped)
        if toc or self.styles.is_toc(sid):
            self.blocks.append(Paragraph(stripped, loc))
            return
        if outline is not None and outline.isdigit():
            style_level = int(outline) + 1 if int(outline) < 9 else None
        else:
            style_level = self.styles.heading_level(sid)
        auto = bool(auto_label) and parse_label(auto_label) is not None
        label, is_heading = classify_line(stripped)
        in_list = False
        if (style_level is not None and len(stripped) <= 100) or (bookmark and label is not None):
            is_heading = True
        elif label is not None:
            in_list = self.runs.continues_list(label, self.n_texts)
            is_heading = self.runs.decide(label, is_heading, self.n_texts)
        run_in = None
        if label is not None and not bookmark and not in_list:
            run_in = split_run_in(label, stripped)
        if run_in is not None:
            head, body = run_in
            self.runs.mark(label, True, self.n_texts)
            h = self.leveler.make(head, Location(self.path, paragraph=index, excerpt=head), parse_label(head), auto)
            self.blocks.append(h)
            self.blocks.append(Paragraph(body, Location(self.path, paragraph=index, excerpt=body)))
        elif is_heading:
            h = self.leveler.make(stripped, loc, label, auto)
            if label is None and style_level is not None:
                h.level = style_level
            self.blocks.append(h)
        else:
            self.blocks.append(Paragraph(stripped, loc))

    # -- tables ----------------------------------------------------------
    def _cell_text(self, tc, nested: list) -> str:
        parts: list[str] = []
        for child in tc:
            tag = child.tag
            if tag == _W_P:
                full = self._numbered_text(child, bookmarks=False)[0]
                parts.append(full.strip(" \u3000\t\r"))
            elif tag == _W_TBL:
                nested.append(child)
            elif tag in _CONTAINERS:
                content = _child(child, _W_SDT_CONTENT) if tag == _W_SDT else child
                if content is not None:
                    parts.append(self._cell_text(content, nested))
        while parts and not parts[-1]:
            parts.pop()
        while parts and not parts[0]:
            parts.pop(0)
        return "\n".join(parts)

    def _raw_rows(self, tbl, nested: list) -> list[list[_RawCell]]:
        rows: list[list[_RawCell]] = []
        for tr in _children(tbl, _W_TR):
            before = _kid_val(_first_children(_child(tr, _W_TRPR)), "gridBefore")
            col = int(before) if before and before.isdigit() else 0
            row: list[_RawCell] = []
            for tc in _children(tr, _W_TC):
                tcpr = _child(tc, _W_TCPR)
                span, vmerge, hm = 1, None, None
                if tcpr is not None:
                    props = _first_children(tcpr)
                    span_v = _kid_val(props, "gridSpan")
                    span = int(span_v) if span_v and span_v.isdigit() and int(span_v) > 0 else 1
                    vm_el = props.get(_W_VMERGE)
                    if vm_el is not None:
                        vmerge = "restart" if vm_el.get(_W_VAL) == "restart" else "continue"
                    hm = _kid_val(props, "hMerge")
                text = self._cell_text(tc, nested)
                if hm is not None and hm != "restart" and row:
                    row[-1].span += span  # legacy horizontal merge: widen the cell on the left
                    col += span
                    continue
                row.append(_RawCell(col, span, vmerge, text))
                col += span
            rows.append(row)
        return rows

    def table(self, tbl) -> None:
        nested: list = []
        raw = self._raw_rows(tbl, nested)
        if any(raw):
            self._emit_table(raw)
            self._anchor_comments(tbl, table=self.n_tables)
        for inner in nested:
            self.table(inner)

    def _emit_table(self, raw: list[list[_RawCell]]) -> None:
        self.n_tables += 1
        index = self.n_tables
        tops: dict[int, Cell] = {}  # grid column -> the cell a vertical merge continues
        rows: list[list[Cell]] = []
        for r, raw_row in enumerate(raw):
            row: list[Cell] = []
            for rc in raw_row:
                continuing = rc.vmerge == "continue" and rc.column in tops
                text = "" if continuing else rc.text
                self._count(text)
                cell = Cell(
                    text=text,
                    location=Location(self.path, table=index, row=r + 1, column=rc.column + 1, excerpt=text),
                    row=r,
                    column=rc.column,
                    colspan=rc.span,
                )
                if continuing:
                    tops[rc.column].rowspan += 1
                elif rc.vmerge == "restart":
                    tops[rc.column] = cell
                else:
                    tops.pop(rc.column, None)
                row.append(cell)
            covered = {rc.column for rc in raw_row}
            for col in [c for c in tops if c not in covered]:
                tops.pop(col)  # a row without the cell ends the merge
            rows.append(row)
        title, unit = "", ""
        for text in reversed(self.since_table):
            if not unit:
                m = UNIT_LINE.search(text)
                if m:
                    unit = m.group(1)
            if not title and TABLE_TITLE.search(text) and len(text) <= 60:
                title = text
        if rows and len(rows[0]) == 1 and TABLE_TITLE.search(rows[0][0].text.strip()):
            title = rows[0][0].text.strip()
        if not unit and rows:
            for cell in rows[0]:
                m = UNIT_LINE.search(cell.text)
                if m:
                    unit = m.group(1)
        self.since_table = []
        loc = Location(self.path, table=index, excerpt=title)
        self.blocks.append(Table(rows=rows, location=loc, index=index, title=title, unit=unit))


def _children(el, tag: str):
    """Direct children ``tag`` (a Clark name) of ``el``, looking through content controls and customXml."""
    for child in el:
        ctag = child.tag
        if ctag == tag:
            yield child
        elif ctag in _CONTAINERS:
            content = _child(child, _W_SDT_CONTENT) if ctag == _W_SDT else child
            if content is not None:
                yield from _children(content, tag)


def _child(el, tag: str):
    """``el.find(tag)`` for a direct child: a loop over the few children costs a
    fraction of lxml's ``find`` (which goes through its path language)."""
    if el is not None:
        for child in el:
            if child.tag == tag:
                return child
    return None


def _is_toc_sdt(sdt) -> bool:
    gallery = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and "Table of Contents" in (gallery.get(w("val")) or "")
