"""The 公开表 of a 部门决算: which table is which, and its rows and columns by meaning.

A 部门决算 publishes 9 (Shanghai, national) to 13 (Sichuan) tables whose
titles and layouts are fixed by the template but vary in wording between
years and places. This module recognises each table by its title (the alias
lists are data, in the ``disclosure-tables`` rule pack), whatever the
reader (TXT/Markdown, DOCX, PDF, XLSX), and maps it to canonical keys:

- panels: a side-by-side table (收入 | 支出, or two 经济分类 halves) has one
  panel per label column group, with its side (收入/支出) when the header
  says so;
- rows: label (numbering stripped), 功能分类/经济分类 code, and values;
- columns: ``total`` (合计/本年收入合计/本年支出合计/决算数), ``basic``,
  ``project``, ``fiscal``, the other income sources, ``gpb``/``fund``/``soe``
  (the three 财政拨款 funds), and for the 三公 table the items ``abroad``,
  ``car``, ``car-buy``, ``car-run``, ``reception`` with a measure
  (``budget``/``actual``).

Values are kept in the table's own unit and converted to 万元 (``wan``) so
a 元 table compares with 万元 text. A table continued in an untitled table
right after it (same column count) is merged into one. Blocks keep their
own locations, so one Document holding the blocks of several files (说明.docx
+ 附表.xlsx) works unchanged.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from fiscalint.facts.numbers import UNIT_FACTORS, UNIT_LINE, Num, normalize
from fiscalint.facts.tables import cell_num
from fiscalint.memo import per_document
from fiscalint.model import Cell, Document, Heading, Location, Paragraph, Table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PACK_ID = "disclosure-tables"
_PUNCT = re.compile(r"[\s\u3000“”\"'‘’「」《》〈〉（）()【】\[\]、，,.。:：;；·—\-_/]")
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))\s*"
)
_LEAD_CODE = re.compile(r"^\s*(\d{3}(?:\d{2}){0,2})(?!\d)\s*")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SKIP_COL = re.compile(r"行次|栏次|序号")
_RATE = re.compile(r"^[-−–]?\d+(?:\.\d+)?\s*%$|^[—–-]+$")
_SKIP_ROW = re.compile(r"^(?:栏次|行次|栏\s*次)$")
_LABEL_HEAD = re.compile(r"项目|科目名称|名称|科目|^类$|^款$|^项$")
_CODE_HEAD = re.compile(r"编码|代码|^类$|^款$|^项$")
_NOTE = re.compile(r"^\s*(?:注|说明|备注)\s*[:：]|本表|空表|无数据|故本表")


@per_document
def _norm(text: str) -> str:
    return _PUNCT.sub("", normalize(text))


@per_document
def label_key(text: str) -> str:
    """A row label for matching: numbering, spaces and punctuation removed."""
    return _norm(_NUMBERING.sub("", normalize(text).strip()))


# ---------------------------------------------------------------- specs


@dataclass(frozen=True)
class TableSpec:
    key: str
    title: str
    aliases: tuple[str, ...]
    fund: tuple[str, ...] = ()


@dataclass
class DisclosurePack:
    tables: list[TableSpec]
    lists: list[dict[str, Any]]
    identities: list[dict[str, Any]]
    links: list[dict[str, Any]]
    statements: list[dict[str, Any]] = field(default_factory=list)

    def spec(self, key: str) -> TableSpec | None:
        return next((t for t in self.tables if t.key == key), None)

    @classmethod
    def from_data(cls, packs: list[dict[str, Any]]) -> DisclosurePack:
        def entries(name: str) -> list[dict[str, Any]]:
            out: list[dict[str, Any]] = []
            for p in packs:
                v = p.get(name)
                if isinstance(v, list):
                    out.extend(v)
            return out

        tables = [
            TableSpec(
                t["key"],
                t.get("title", t["key"]),
                tuple(t.get("aliases", [t.get("title", "")])),
                tuple(t.get("fund", [])),
            )
            for t in entries("disclosure-tables")
        ]
        return cls(
            tables,
            entries("disclosure-lists"),
            entries("disclosure-identities"),
            entries("disclosure-links"),
            entries("disclosure-statements"),
        )


def builtin_pack() -> DisclosurePack:
    """The shipped pack, for callers without a PackSet (tests, library use)."""
    from fiscalint.packs import builtin_pack_dir

    path = Path(builtin_pack_dir()) / "disclosure-tables.toml"
    return DisclosurePack.from_data([tomllib.loads(path.read_text(encoding="utf-8"))])


def pack_from(packset: Any) -> DisclosurePack:
    if packset is None or not packset.section("disclosure-tables"):
        return builtin_pack()
    return DisclosurePack.from_data(packset.packs)


def recognise(title: str, pack: DisclosurePack) -> TableSpec | None:
    """The table whose longest alias occurs in the normalised title.

    A title that names a fund or topic (三公, 政府性基金, 国有资本经营: a spec's
    ``fund`` words) is only ever one of the tables of that topic: word orders vary
    by locality ("“三公”经费财政拨款支出决算表" contains the alias 支出决算表 of the
    whole expense table, which it is not). When no alias of the topic's tables
    occurs, the one table of that topic is taken, or none when there are several.
    """
    t = _norm(title)
    if not t or "说明" in t.replace("说明表", ""):
        return None
    topics = {w for spec in pack.tables for w in spec.fund if w in t}
    specs = [spec for spec in pack.tables if not topics or topics & set(spec.fund)]
    best: tuple[int, TableSpec] | None = None
    for spec in specs:
        for alias in spec.aliases:
            a = _norm(alias)
            if a and a in t and (best is None or len(a) > best[0]):
                best = (len(a), spec)
    if best is None and topics and t.endswith("决算表"):
        return specs[0] if len(specs) == 1 else None
    return best[1] if best else None


# ---------------------------------------------------------------- columns

_SANGONG_ITEMS = (
    (re.compile(r"因公出国"), "abroad"),
    (re.compile(r"购置及运行|购置和运行"), "car"),
    (re.compile(r"购置费?$|车辆购置"), "car-buy"),
    (re.compile(r"运行维护费?$|运行费$"), "car-run"),
    (re.compile(r"公务接待"), "reception"),
)
_COLUMN_KEYS = (
    (re.compile(r"^(?:本年)?(?:收入|支出)?合计$|^决算数?$|^金额$|^总计$|^小计$"), "total"),
    (re.compile(r"^基本支出$"), "basic"),
    (re.compile(r"^项目支出$"), "project"),
    (re.compile(r"^上缴上级支出$"), "remit"),
    (re.compile(r"^经营(?:收入|支出)$"), "business"),
    (re.compile(r"^对附属单位补助支出$"), "subsidy"),
    (re.compile(r"^财政拨款(?:收入)?$"), "fiscal"),
    (re.compile(r"^上级补助收入$"), "upper"),
    (re.compile(r"^事业收入$"), "service"),
    (re.compile(r"^附属单位上缴收入$"), "affiliated"),
    (re.compile(r"^其他收入$"), "other"),
    (re.compile(r"^一般公共预算(?:财政拨款)?$"), "gpb"),
    (re.compile(r"^政府性基金(?:预算)?(?:财政拨款)?$"), "fund"),
    (re.compile(r"^国有资本经营(?:预算)?(?:财政拨款)?$"), "soe"),
    (re.compile(r"^年初(?:财政拨款)?结转和?结余$"), "carry-begin"),
    (re.compile(r"^年末(?:财政拨款)?结转和?结余$"), "carry-end"),
    (re.compile(r"^本年收入$"), "income"),
    (re.compile(r"^本年支出$"), "expense"),
    (re.compile(r"^人员经费$"), "personnel"),
    (re.compile(r"^公用经费$"), "public"),
)


def column_key(path: list[str], sangong: bool) -> tuple[str, str]:
    """(key, measure) of a value column from its header path, top to bottom."""
    parts = [_norm(p) for p in path if _norm(p)]
    parts = [p for p in parts if p not in ("收入", "支出", "金额")]
    measure = ""
    if sangong and parts and len(parts) > 1:
        if re.fullmatch(r"(?:年初)?预算数?|全年预算数?", parts[-1]):
            measure, parts = "budget", parts[:-1]
        elif re.fullmatch(r"决算数?|实际(?:支出)?数?|执行数", parts[-1]):
            measure, parts = "actual", parts[:-1]
    if not parts:
        return ("total", measure) if path else ("", measure)
    if sangong and len(parts) == 1 and re.fullmatch(r"(?:年初|全年)?预算数?", parts[0]):
        return "total", "budget"  # a 三公 table with the items as rows
    if sangong and len(parts) == 1 and re.fullmatch(r"决算数?|实际(?:支出)?数?", parts[0]):
        return "total", "actual"
    if sangong:
        joined = "".join(parts)
        leaf = parts[-1]
        for pattern, key in _SANGONG_ITEMS:
            if key in ("car-buy", "car-run"):
                if pattern.search(leaf) and "及" not in leaf and "和运行" not in leaf:
                    return key, measure
            elif pattern.search(leaf):
                return key, measure
        if leaf == "小计" and "公务用车" in joined:
            return "car", measure
        if "合计" in leaf or leaf.startswith("财政拨款三公经费") or leaf == "三公经费":
            return "total", measure
        return "", measure
    leaf = parts[-1]
    for pattern, key in _COLUMN_KEYS:
        if pattern.search(leaf):
            if key == "total" and len(parts) > 1:
                parent = _plain_key(parts[-2])
                if parent and parent != "total":
                    return parent, measure
            return key, measure
    return "", measure


def _plain_key(text: str) -> str:
    for pattern, key in _COLUMN_KEYS:
        if pattern.search(text):
            return key
    return ""


# ---------------------------------------------------------------- model


@dataclass
class Value:
    num: Num | None  # in the table's unit; None for a blank cell
    text: str
    location: Location

    def wan(self, factor: Decimal) -> Num | None:
        return self.num.scaled(factor) if self.num is not None and factor != 1 else self.num


@dataclass
class Row:
    label: str  # as printed (label cells joined)
    key: str  # label_key(label)
    code: str
    values: dict[tuple[str, str], Value]  # (column key, measure) -> value
    index: int  # grid row, 0-based, in the merged table

    def matches(self, pattern: str) -> bool:
        return bool(re.search(pattern, self.key) or (self.code and re.search(pattern, self.code)))


@dataclass
class Panel:
    side: str  # 收入, 支出 or ""
    rows: list[Row]
    columns: list[tuple[str, str]]  # canonical keys present, left to right


@dataclass
class Disclosure:
    spec: TableSpec
    tables: list[Table]  # the first is the table as titled; continuations follow
    unit: str
    factor: Decimal  # multiply to get 万元
    header_rows: int
    panels: list[Panel]
    notes: list[Paragraph] = field(default_factory=list)
    has_data: bool = False

    @property
    def table(self) -> Table:
        return self.tables[0]

    @property
    def location(self) -> Location:
        return self.table.location

    def rows(self, side: str = "") -> list[Row]:
        return [r for p in self.panels if not side or p.side == side or not p.side for r in p.rows]

    def find(self, side: str, pattern: str, column: tuple[str, str]) -> Value | None:
        """The first row matching ``pattern`` on ``side`` that has ``column``."""
        for p in self.panels:
            if side and p.side and p.side != side:
                continue
            for r in p.rows:
                if r.matches(pattern) and column in r.values:
                    return r.values[column]
        return None


# ---------------------------------------------------------------- reading


@dataclass
class _Grid:
    cells: list[list[Cell | None]]  # top-left cells
    cover: list[list[str]]  # text covering each position (merged cells repeated)
    n_cols: int


def _grid(rows: list[list[Cell]]) -> _Grid:
    n_rows = len(rows)
    n_cols = max((c.column + c.colspan for r in rows for c in r), default=0)
    cells: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    cover = [[""] * n_cols for _ in range(n_rows)]
    for r, row in enumerate(rows):
        for c in row:
            if 0 <= c.column < n_cols:
                cells[r][c.column] = c
            text = c.text.strip()
            for dr in range(max(c.rowspan, 1)):
                for dc in range(max(c.colspan, 1)):
                    if r + dr < n_rows and c.column + dc < n_cols:
                        cover[r + dr][c.column + dc] = text
    return _Grid(cells, cover, n_cols)


@per_document
def _is_code(text: str) -> bool:
    return bool(_CODE.match(re.sub(r"\s", "", text)))


def _header_rows(g: _Grid) -> int:
    for r, row in enumerate(g.cells):
        texts = [c.text.strip() for c in row if c is not None and c.text.strip()]
        if not texts:
            continue
        first = _norm(texts[0])
        if _SKIP_ROW.match(first):
            continue
        numbers = [t for t in texts if cell_num(t) is not None and not _is_code(t)]
        if any("." in t for t in numbers):
            return r
        if len(numbers) >= 2 and not all(re.fullmatch(r"\d{1,2}", t) for t in numbers):
            return r
        rest_numeric = all(cell_num(t) is not None or _is_code(t) for t in texts[1:])
        if rest_numeric and (re.match(r"^(?:合计|总计)$", first) or _is_code(texts[0]) or _NUMBERING.match(texts[0])):
            return r
    return len(g.cells)


def _fill_header(g: _Grid, h: int) -> None:
    """Blank header cells right of a label continue it (a horizontal merge lost
    in TXT/DOCX), unless the row above shows they belong to another parent."""
    for r in range(max(h - 1, 0)):
        for c in range(1, g.n_cols):
            if g.cover[r][c] or not g.cover[r][c - 1]:
                continue
            if r > 0 and g.cover[r - 1][c] != g.cover[r - 1][c - 1]:
                continue
            if not any(g.cover[rr][c] for rr in range(r + 1, h)):
                continue
            g.cover[r][c] = g.cover[r][c - 1]


def _unit_of(table: Table, before: list[Paragraph]) -> str:
    if table.unit:
        return table.unit
    for p in before:
        m = UNIT_LINE.search(normalize(p.text))
        if m:
            return m.group(1)
    for row in table.rows[:3]:
        for c in row:
            m = UNIT_LINE.search(normalize(c.text))
            if m:
                return m.group(1)
    return "万元"


def _map(spec: TableSpec, rows: list[list[Cell]]) -> tuple[int, list[Panel], bool]:
    g = _grid(rows)
    h = _header_rows(g)
    _fill_header(g, h)
    paths = []
    for c in range(g.n_cols):
        path: list[str] = []
        for r in range(min(h, len(g.cover))):
            t = g.cover[r][c]
            if t and (not path or path[-1] != t) and not UNIT_LINE.search(normalize(t)):
                path.append(t)
        paths.append(path)
    sangong = spec.key == "sangong"
    label_cols, code_cols, value_cols, skip = [], [], [], set()
    for c in range(g.n_cols):
        head = "".join(paths[c])
        data = [g.cover[r][c] for r in range(h, len(g.cells)) if g.cover[r][c]]
        if _SKIP_COL.search(head) or (data and all(_RATE.match(normalize(t).strip()) for t in data)):
            skip.add(c)
            continue
        if _CODE_HEAD.search(head) or (data and all(_is_code(t) or re.match(r"^(?:合计|总计)", t) for t in data)):
            code_cols.append(c)
        elif (
            _LABEL_HEAD.search(_norm(head)) and not any(cell_num(t) is not None for t in data[:3] if not _is_code(t))
        ) or (data and sum(1 for t in data if cell_num(t) is None) * 2 > len(data)):
            label_cols.append(c)
        else:
            value_cols.append(c)
    # Panels: a new one starts at a label/code column that follows a value column.
    starts = []
    seen_value = True
    for c in range(g.n_cols):
        if c in label_cols or c in code_cols:
            if seen_value:
                starts.append(c)
            seen_value = False
        elif c in value_cols:
            seen_value = True
    if not starts:
        starts = [0]
    bounds = [*starts[1:], g.n_cols]
    panels: list[Panel] = []
    has_data = False
    for start, stop in zip(starts, bounds, strict=False):
        lab = [c for c in range(start, stop) if c in label_cols]
        codes = [c for c in range(start, stop) if c in code_cols]
        vals = [c for c in range(start, stop) if c in value_cols]
        top = _norm(g.cover[0][start]) if g.cover and g.n_cols else ""
        side = top if top in ("收入", "支出") else ""
        keys = {c: column_key(paths[c], sangong) for c in vals}
        prows: list[Row] = []
        for r in range(h, len(g.cells)):
            label = " ".join(
                g.cover[r][c] for c in lab if g.cover[r][c] and not (c > lab[0] and g.cover[r][c] == g.cover[r][lab[0]])
            )
            code = "".join(re.sub(r"\s", "", g.cover[r][c]) for c in codes if _is_code(g.cover[r][c]))
            if not code:
                m = _LEAD_CODE.match(normalize(label))
                if m:
                    code, label = m.group(1), label[m.end() :].strip()
            if not label and codes:
                label = " ".join(g.cover[r][c] for c in codes if g.cover[r][c] and not _is_code(g.cover[r][c]))
            values: dict[tuple[str, str], Value] = {}
            for c in vals:
                key = keys[c]
                if not key[0] or key in values:
                    continue
                cell = g.cells[r][c]
                text = cell.text.strip() if cell else ""
                num = cell_num(text)
                loc = cell.location if cell else Location(rows[r][0].location.path) if rows[r] else Location("")
                values[key] = Value(num, text, loc)
            for c in vals:
                if has_data:
                    break  # one non-zero figure is enough
                num = cell_num(g.cover[r][c]) if g.cells[r][c] is not None else None
                if num is not None and num.value != 0 and not _SKIP_ROW.match(_norm(label)):
                    has_data = True
            if label or code or any(v.num is not None for v in values.values()):
                prows.append(Row(label.strip(), label_key(label), code, values, r))
        if not side:  # no 收入/支出 header above: the panel's own total rows tell
            if any(r.key == "本年收入合计" for r in prows):
                side = "收入"
            elif any(r.key == "本年支出合计" for r in prows):
                side = "支出"
        panels.append(Panel(side, prows, [keys[c] for c in vals if keys[c][0]]))
    return h, panels, has_data


def _title_of(doc_blocks: list, i: int) -> tuple[str, list[Paragraph]]:
    table = doc_blocks[i]
    before: list[Paragraph] = []
    j = i - 1
    while j >= 0 and len(before) < 3 and isinstance(doc_blocks[j], (Paragraph, Heading)):
        before.append(doc_blocks[j])
        j -= 1
    return table.title or "", before


def _notes_after(blocks: list, i: int) -> list[Paragraph]:
    out = []
    for b in blocks[i + 1 : i + 5]:
        if isinstance(b, (Table, Heading)):
            break
        if isinstance(b, Paragraph) and _NOTE.search(b.text):
            out.append(b)
    return out


def document_disclosures(doc: Document, pack: DisclosurePack | None = None) -> list[Disclosure]:
    """Every recognised 公开表 of the document, continuations merged."""
    pack = pack or builtin_pack()
    out: list[Disclosure] = []
    blocks = doc.blocks
    last: Disclosure | None = None
    last_i = -10
    for i, b in enumerate(blocks):
        if not isinstance(b, Table):
            continue
        title, before = _title_of(blocks, i)
        spec = recognise(title, pack) if title else None
        if spec is None:
            for p in before:
                if len(p.text.strip()) > 60 or "。" in p.text:
                    continue  # a sentence naming a table is not its title
                spec = recognise(p.text, pack)
                if spec:
                    break
        if spec is None and last is not None and i - last_i <= 3:
            n_prev = max((c.column + c.colspan for r in last.table.rows for c in r), default=0)
            n_this = max((c.column + c.colspan for r in b.rows for c in r), default=0)
            if n_prev == n_this and not any(isinstance(x, Heading) for x in blocks[last_i + 1 : i]):
                last.tables.append(b)
                _remap(last, b, blocks, i)
                last_i = i
                continue
        if spec is None:
            last = None
            continue
        if (
            last is not None
            and last.spec.key == spec.key
            and i - last_i <= 3
            and re.search(r"续", title + "".join(p.text for p in before[:1]))
        ):
            last.tables.append(b)
            _remap(last, b, blocks, i)
            last_i = i
            continue
        unit = _unit_of(b, before)
        factor = UNIT_FACTORS.get(unit, Decimal(10000)) / Decimal(10000)
        h, panels, has_data = _map(spec, b.rows)
        d = Disclosure(spec, [b], unit, factor, h, panels, _notes_after(blocks, i), has_data)
        out.append(d)
        last, last_i = d, i
    return out


def _remap(d: Disclosure, extra: Table, blocks: list, i: int) -> None:
    """Re-read a disclosure with a continuation table appended (repeated header rows dropped)."""
    first = d.tables[0]
    head_texts = [[c.text for c in r] for r in first.rows[: d.header_rows]]
    rows = [list(r) for r in first.rows]
    offset = len(rows)
    for t in d.tables[1:]:
        for r in t.rows:
            if [c.text for c in r] in head_texts:
                continue
            rows.append([Cell(c.text, c.location, offset, c.column, c.rowspan, c.colspan) for c in r])
            offset += 1
    # Rows keep their own cell locations; only grid positions are renumbered.
    fixed = []
    for n, r in enumerate(rows):
        fixed.append([Cell(c.text, c.location, n, c.column, c.rowspan, c.colspan) for c in r])
    h, panels, has_data = _map(d.spec, fixed)
    d.header_rows, d.panels, d.has_data = h, panels, has_data
    d.notes = d.notes + _notes_after(blocks, i)
