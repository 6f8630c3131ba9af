"""Plain text and Markdown reports.

Text layout (the one Word's "save as text" gives, and the corpus uses): one
paragraph per line; a table is a run of lines that start with a TAB, one
cell per line, an empty line ending a row; a line without the TAB continues
the cell above (a cell with a line break inside). Headings are recognised by
their numbering (第一部分, 一、, （一）, 1、, 1., （1）) or, when unnumbered, by
being a short title that ends like a section name.
"""

from __future__ import annotations

import codecs
import re

from fiscalint.facts.numbers import UNIT_LINE
from fiscalint.model import Cell, Document, Finding, Heading, Location, Paragraph, Table
from fiscalint.numbering import STYLE_RANK, Label, looks_like_heading, parse_label, split_run_in
from fiscalint.readers import Limits, Reader, ReaderError
from fiscalint.suppression import is_marker_line, scan_lines

INLINE_MARK = re.compile(r"\s*<!--\s*fiscalint\s*[:：].*?-->")
BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
TITLE_ENDINGS = (
    "情况说明",
    "情况",
    "说明",
    "概况",
    "职责",
    "职能",
    "设置",
    "名词解释",
    "附件",
    "附表",
    "结论",
    "问题",
    "建议",
    "措施",
    "目的及支持方向",
    "分配管理",
    "存在问题",
    "改进建议",
)
TABLE_TITLE = re.compile(r"表\s*(?:[（(][^）)]{0,20}[）)])?\s*$")


def decode(data: bytes, path: str) -> tuple[str, list[Finding]]:
    """UTF-8 (BOM or not), UTF-16 with BOM, GB18030/GBK; notes what was guessed."""
    notes: list[Finding] = []

    def note(code: str, level, zh: str, en: str) -> None:
        notes.append(Finding(code, level, zh, Location(path, line=1), en, plugin="fiscalint"))

    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        note("E006", "note", "文本为 UTF-16 编码，已按 UTF-16 读取", "text is UTF-16; read as UTF-16")
        return data.decode("utf-16", errors="replace"), notes
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError:
        pass
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if data[:200].count(b"\x00") > len(data[:200]) // 4:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            note("E006", "note", f"文本为 {enc.upper()} 编码，已按此读取", f"text is {enc.upper()}; read as such")
            return text, notes
    try:
        text = data.decode("gb18030")
        note("E006", "note", "文本为 GB18030/GBK 编码，已按此读取", "text is GB18030/GBK; read as such")
        return text, notes
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    first = next((i + 1 for i, ln in enumerate(text.split("\n")) if "\ufffd" in ln), 1)
    notes.append(
        Finding(
            "E007",
            "warning",
            f"文本中有 {bad} 处无法解码的字节，已替换为 �（既非 UTF-8 也非 GB18030）",
            Location(path, line=first),
            f"{bad} undecodable bytes replaced with � (neither UTF-8 nor GB18030)",
            plugin="fiscalint",
        )
    )
    return text, notes


def classify_line(text: str, *, allow_unnumbered: bool = True) -> tuple[Label | None, bool]:
    """(label, is_heading) for a stripped line of prose."""
    label = parse_label(text)
    if label is not None:
        return label, looks_like_heading(label, text)
    if allow_unnumbered and is_unnumbered_title(text):
        return None, True
    return None, False


# Words that make a short line a statement ("本部门无其他需要说明的情况。"),
# not a title: titles name a topic, they do not negate or speak as the unit.
# "不足"/"未来" are title words ("存在的不足及改进措施"), so they are taken out first.
STATEMENT_WORDS = ("无", "没有", "未", "不", "已", "本部门", "本单位", "我部", "我单位")
TITLE_WORDS_WITH_NEGATION = re.compile("不足|未来")
_DIGIT = re.compile(r"\d")
_NOT_IN_TITLE = re.compile("[" + re.escape('，,；;：:、（）()《》“”"') + "]")
_STATEMENT_WORD = re.compile("|".join(map(re.escape, STATEMENT_WORDS)))


def is_unnumbered_title(text: str) -> bool:
    body = text.strip().rstrip("。.")
    if not body or len(body) > 24 or len(body) < 2:
        return False
    if _NOT_IN_TITLE.search(body) or _DIGIT.search(body):
        return False
    if _STATEMENT_WORD.search(TITLE_WORDS_WITH_NEGATION.sub("", body)):
        return False
    return body.endswith(TITLE_ENDINGS)


class HeadingLeveler:
    """Gives each heading a level; unnumbered ones take their neighbour's."""

    def __init__(self) -> None:
        self.prev: Heading | None = None

    def level_for(self, label: Label | None, auto: bool) -> int:
        if label is None:
            prev = self.prev
            if prev is None:
                return 2
            return prev.level + 1 if prev.style == "part" else prev.level
        if auto and label.style == "num":
            return STYLE_RANK["cn"]
        return STYLE_RANK[label.style]

    def make(self, text: str, loc: Location, label: Label | None, auto: bool = False) -> Heading:
        level = self.level_for(label, auto)
        h = Heading(
            text=text,
            location=loc,
            level=level,
            label=label.text if label else "",
            title=label.rest if label else text.strip(),
            style=label.style if label else "none",
            number=label.number if label else None,
            auto=auto,
        )
        self.prev = h
        return h


class NumberedRuns:
    """A numbered line continues its run: after "8.负责……。" as a list item,
    the short "9.完成……任务。" is a list item too (shared by all readers;
    ``window`` is how far back, in the reader's positions, a run reaches)."""

    def __init__(self, window: int) -> None:
        self.window = window
        self.last: dict[str, tuple[int, bool, int]] = {}

    def continues_list(self, label: Label, position: int) -> bool:
        """The label follows a list item of its style: not a (run-in) heading."""
        prev = self.last.get(label.style)
        return bool(prev and not prev[1] and label.number == prev[0] + 1 and position - prev[2] <= self.window)

    def decide(self, label: Label, is_heading: bool, position: int) -> bool:
        prev = self.last.get(label.style)
        if prev and label.number == prev[0] + 1 and position - prev[2] <= self.window:
            is_heading = prev[1]
        self.mark(label, is_heading, position)
        return is_heading

    def mark(self, label: Label, is_heading: bool, position: int) -> None:
        """Record how a numbered line was read (a run-in heading counts as a heading)."""
        self.last[label.style] = (label.number, is_heading, position)


def _clean(line: str) -> str:
    return BOOKMARK.sub("", line).rstrip("\r")


class _TableBuilder:
    def __init__(self, path: str, index: int, first_line: int, title: str, unit: str) -> None:
        self.path = path
        self.index = index
        self.first_line = first_line
        self.title = title
        self.unit = unit
        self.rows: list[list[Cell]] = []
        self.row: list[Cell] = []

    def add_cell(self, text: str, line: int) -> None:
        r, c = len(self.rows), len(self.row)
        loc = Location(self.path, line=line, table=self.index, row=r + 1, column=c + 1, excerpt=text)
        self.row.append(Cell(text=text, location=loc, row=r, column=c))

    def continue_cell(self, text: str) -> None:
        if not self.row:
            return
        cell = self.row[-1]
        cell.text = f"{cell.text}\n{text}"

    def end_row(self) -> None:
        if self.row:
            self.rows.append(self.row)
            self.row = []

    def build(self) -> Table | None:
        self.end_row()
        if not self.rows:
            return None
        for row in self.rows:
            for cell in row:
                cell.location = Location(
                    self.path,
                    line=cell.location.line,
                    table=self.index,
                    row=cell.row + 1,
                    column=cell.column + 1,
                    excerpt=cell.text,
                )
        title = self.title
        first = self.rows[0]
        if len(first) == 1 and TABLE_TITLE.search(first[0].text.strip()):
            title = first[0].text.strip()
        loc = Location(self.path, line=self.first_line, table=self.index, excerpt=title)
        return Table(rows=self.rows, location=loc, index=self.index, title=title, unit=self.unit)


def _is_title_line(text: str, lines: list[str], i: int) -> bool:
    """A row holding only a table title (…自评表（2023年度）) starts a new table."""
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return bool(TABLE_TITLE.search(text)) and len(text) <= 60 and not nxt.startswith("\t")


def _continues_table(lines: list[str], i: int, stripped: str) -> bool:
    """A short line after a blank inside a table is the rest of a cell
    ("产出指标", "", "(50分)") when the table resumes right after it."""
    if len(stripped) > 16:
        return False
    # A heading, a table title or a unit line between two tables is not the
    # rest of a cell: "二、三公经费表" starts the next part, not row 10's label.
    label = parse_label(stripped)
    if (label is not None and looks_like_heading(label, stripped)) or TABLE_TITLE.search(stripped):
        return False
    if UNIT_LINE.search(stripped):
        return False
    j = i + 1
    gap = 0
    while j < len(lines) and not lines[j].strip(" \u3000\t\r") and gap <= 2:
        j += 1
        gap += 1
    return j < len(lines) and gap <= 2 and lines[j].startswith("\t")


class TextReader(Reader):
    name = "text"
    extensions = (".txt",)
    kind = "text"

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        text, notes = decode(data, path)
        if len(text) > limits.max_chars:
            raise ReaderError(
                "E008",
                f"文本有 {len(text)} 个字符，超过上限 {limits.max_chars}（max-chars），未检查",
                f"text has {len(text)} characters, over the limit of {limits.max_chars} (max-chars); not checked",
            )
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        marks = scan_lines(path, lines) if "fiscalint" in text else []
        if marks:  # marker lines are not report text
            lines = ["" if is_marker_line(ln) else INLINE_MARK.sub("", ln) for ln in lines]
        doc = self.parse(path, lines)
        doc.notices.extend(notes)
        doc.meta["suppressions"] = marks
        return doc

    def parse(self, path: str, lines: list[str], fmt: str = "txt") -> Document:
        blocks: list = []
        leveler = HeadingLeveler()
        table: _TableBuilder | None = None
        blank_run = 0
        last_title, unit = "", ""
        n_tables = 0
        runs = NumberedRuns(window=6)
        i = 0
        while i < len(lines):
            raw = _clean(lines[i])
            lineno = i + 1
            if raw.startswith("\t"):
                if table is not None and blank_run >= 2:
                    built = table.build()
                    if built:
                        blocks.append(built)
                    table = None
                cell_text = raw[1:].strip(" \u3000\t")
                if table is not None and blank_run >= 1 and table.rows and _is_title_line(cell_text, lines, i):
                    built = table.build()  # a title row alone: the next table starts here
                    if built:
                        blocks.append(built)
                    table = None
                if table is None:
                    n_tables += 1
                    table = _TableBuilder(path, n_tables, lineno, last_title, unit)
                elif blank_run >= 1:
                    table.end_row()
                table.add_cell(cell_text, lineno)
                blank_run = 0
                i += 1
                continue
            stripped = raw.strip(" \u3000\t")
            if not stripped:
                blank_run += 1
                i += 1
                continue
            if table is not None:
                if blank_run == 0 or _continues_table(lines, i, stripped):
                    table.continue_cell(stripped)
                    blank_run = 0
                    i += 1
                    continue
                built = table.build()
                if built:
                    blocks.append(built)
                table = None
            blank_run = 0
            loc = Location(path, line=lineno, excerpt=stripped)
            had_bookmark = "[bookmark:" in lines[i]
            label, is_heading = classify_line(stripped)
            if had_bookmark and label is not None:
                is_heading = True
            in_list = False
            if label is not None and not had_bookmark:
                in_list = runs.continues_list(label, lineno)
                is_heading = runs.decide(label, is_heading, lineno)
            run_in = split_run_in(label, stripped) if label is not None and not had_bookmark and not in_list else None
            if run_in is not None:
                head, body = run_in
                runs.mark(label, True, lineno)
                blocks.append(leveler.make(head, Location(path, line=lineno, excerpt=head), parse_label(head)))
                blocks.append(Paragraph(text=body, location=Location(path, line=lineno, excerpt=body)))
            elif is_heading:
                auto = bool(label and label.style == "num" and re.match(r"^\s*\d+、\s", raw.lstrip()))
                blocks.append(leveler.make(stripped, loc, label, auto))
            else:
                blocks.append(Paragraph(text=stripped, location=loc))
            if TABLE_TITLE.search(stripped) and len(stripped) <= 60:
                last_title = stripped
            m = UNIT_LINE.search(stripped)
            if m:
                unit = m.group(1)
            i += 1
        if table is not None:
            built = table.build()
            if built:
                blocks.append(built)
        return Document(path=path, blocks=blocks, format=fmt)


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _md_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", s)]


class MarkdownReader(TextReader):
    """Markdown: ``#`` headings, pipe tables, and everything the text reader knows."""

    name = "markdown"
    extensions = (".md", ".markdown")
    kind = "text"

    def parse(self, path: str, lines: list[str], fmt: str = "md") -> Document:
        blocks: list = []
        leveler = HeadingLeveler()
        n_tables = 0
        last_title, unit = "", ""
        i = 0
        in_comment = False
        while i < len(lines):
            raw = lines[i].rstrip("\r")
            lineno = i + 1
            stripped = raw.strip(" \u3000\t")
            if in_comment or stripped.startswith("<!--"):
                in_comment = "-->" not in stripped
                i += 1
                continue
            if not stripped:
                i += 1
                continue
            if stripped.startswith("|") and i + 1 < len(lines) and _MD_TABLE_SEP.match(lines[i + 1]):
                n_tables += 1
                rows: list[list[Cell]] = []
                j = i
                while j < len(lines) and lines[j].strip().startswith("|"):
                    if j != i + 1:
                        r = len(rows)
                        cells = [
                            Cell(
                                text=t,
                                location=Location(path, line=j + 1, table=n_tables, row=r + 1, column=c + 1, excerpt=t),
                                row=r,
                                column=c,
                            )
                            for c, t in enumerate(_md_cells(lines[j]))
                        ]
                        rows.append(cells)
                    j += 1
                loc = Location(path, line=lineno, table=n_tables, excerpt=last_title)
                blocks.append(Table(rows=rows, location=loc, index=n_tables, title=last_title, unit=unit))
                i = j
                continue
            loc = Location(path, line=lineno, excerpt=stripped)
            m = _MD_HEADING.match(stripped)
            if m:
                title = m.group(2)
                label = parse_label(title)
                h = leveler.make(title, Location(path, line=lineno, excerpt=title), label)
                h.level = len(m.group(1))
                blocks.append(h)
            else:
                label, is_heading = classify_line(stripped, allow_unnumbered=False)
                if is_heading:
                    blocks.append(leveler.make(stripped, loc, label))
                else:
                    blocks.append(Paragraph(text=stripped, location=loc))
            if TABLE_TITLE.search(stripped.lstrip("# ")) and len(stripped) <= 60:
                last_title = stripped.lstrip("# ")
            mu = UNIT_LINE.search(stripped)
            if mu:
                unit = mu.group(1)
            i += 1
        return Document(path=path, blocks=blocks, format=fmt)
