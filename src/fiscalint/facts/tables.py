"""A numeric view of a table: header rows, label column, codes, totals, 其中 rows.

Works on any reader's ``Table`` (TXT, DOCX, PDF): a grid of cells, a label
column (or several, for the side-by-side 收入 | 支出 tables), value columns,
合计/总计/小计 rows and columns, "其中：" sub-rows, and 功能分类 codes (类 3,
款 5, 项 7 digits) either in a code column or at the start of the label.

``document_table_sums`` lists every total the table states with the parts it
should equal; rules decide. It stays conservative: score tables (权重/分值/
得分) are skipped, a total at the top of an uncoded table is skipped (its
rows may be nested), a segment with a 其中 row followed by further rows is
skipped, and a relation is only trusted when some row of the table satisfies
it exactly (so a misread layout does not produce a flood of findings).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fiscalint.facts.numbers import Num, interval_sum, normalize, sum_consistent
from fiscalint.facts.tolerance import OK, check_sum
from fiscalint.memo import per_document
from fiscalint.model import Cell, Document, Location, Table

SCORE_HEADER = re.compile(r"权重|分值|得分")
TOTAL_LABEL = re.compile(r"^(?:合\s*计|总\s*计|小\s*计)$|合计$|总计$")
QIZHONG = re.compile(r"^\s*其中\s*[:：]?")
SKIP_ROW = re.compile(r"^(?:栏次|行次|序号|栏\s*次)$")
SKIP_COL = re.compile(r"率|%|％|比例|比重|占比|序号|行次|栏次|编码|代码|年度|年份|编号|指标值|完成值")
CODE_HEADER = re.compile(r"编码|代码|^类$|^款$|^项$")
CODE_RE = re.compile(r"^(\d{3}|\d{5}|\d{7})$")
LEAD_CODE = re.compile(r"^\s*(\d{3}|\d{5}|\d{7})(?!\d)\s*")
NOT_COMPONENT = re.compile(r"年初预算|调整后预算|全年预算|预算数|决算数|执行数|上年|增减|变动|差额|比上年")
LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
# Rows under a 年初/年末…结转和结余 row that split it by fund or kind (财政拨款总表:
# 年初财政拨款结转和结余 / 一般公共预算财政拨款 / 政府性基金预算财政拨款): sub-rows, not parts of 总计.
CARRY_HEAD = re.compile(r"结转和?结余$|结转$")
CARRY_SUB = re.compile(
    r"^(?:一般公共预算|政府性基金预算?|国有资本经营预算?)(?:财政拨款)?(?:资金)?$|^(?:基本支出|项目支出)结转|^经营结余$"
)
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])")


@dataclass
class TableSum:
    """A total stated in a table and the cells that should add up to it."""

    table: int
    location: Location
    label: str  # the row's label
    column_label: str  # the column's header
    total: Num
    terms: list[tuple[str, Num]]
    kind: str  # row | code | column | qizhong


PCT_CELL = re.compile(r"^[-−–]?\d+(?:\.\d+)?\s*[%％]$")


@per_document
def cell_num(text: str) -> Num | None:
    t = normalize(text).strip().replace("\u3000", "").replace(" ", "")
    if t in ("", "-", "—", "－", "/"):
        return None
    return Num.parse(t)


@per_document
def _blank(text: str) -> bool:
    """An empty cell or a dash (memoised: asked for every cell of every column)."""
    t = normalize(text).strip().replace("\u3000", "")
    return t in ("", "-", "—", "－", "/")


@dataclass
class Grid:
    table: Table
    cells: list[list[Cell | None]]
    n_cols: int
    texts: list[list[str]]  # each position's stripped text ("" where no cell starts)

    @classmethod
    def of(cls, table: Table) -> Grid:
        n_rows = len(table.rows)
        n_cols = max((c.column + c.colspan for r in table.rows for c in r), default=0)
        cells: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
        for r, row in enumerate(table.rows):
            for c in row:
                if 0 <= c.column < n_cols:
                    cells[r][c.column] = c
        # Stripped once here: the readings below ask for each cell's text many times.
        texts = [[c.text.strip() if c else "" for c in row] for row in cells]
        return cls(table, cells, n_cols, texts)

    def text(self, r: int, c: int) -> str:
        return self.texts[r][c]


ZERO = Num.parse("0")


@dataclass
class View:
    """The numeric reading of one table."""

    grid: Grid
    header_rows: int
    label_cols: list[int]
    code_cols: list[int]
    value_cols: list[int]
    col_labels: dict[int, str]
    # A row's label and code are asked for by several sums of the table: read once each.
    _labels: dict[tuple, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _codes: dict[tuple, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _row_lists: dict[tuple, list[int]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def value(self, r: int, c: int) -> Num | None:
        return cell_num(self.grid.texts[r][c])

    def row_label(self, r: int, label_col: int, stop: int | None = None) -> str:
        key = (r, label_col, stop)
        label = self._labels.get(key)
        if label is None:
            label = self._labels[key] = self._read_label(r, label_col, stop)
        return label

    def _read_label(self, r: int, label_col: int, stop: int | None) -> str:
        texts = self.grid.texts[r]
        value_cols, code_cols = self.value_cols, self.code_cols
        parts = []
        start = max([c + 1 for c in value_cols if c < label_col], default=0)
        for c in range(start, stop if stop is not None else self.grid.n_cols):
            if c in value_cols:
                break
            t = texts[c]
            if not t:
                continue  # an empty cell adds nothing, code column or not
            if c in code_cols and (cell_num(t) is not None or CODE_RE.match(t.replace(" ", ""))):
                continue
            if cell_num(t) is None:
                parts.append(t)
        return " ".join(parts)

    def row_code(self, r: int, label_col: int) -> str:
        key = (r, label_col)
        code = self._codes.get(key)
        if code is None:
            code = self._codes[key] = self._read_code(r, label_col)
        return code

    def _read_code(self, r: int, label_col: int) -> str:
        g = self.grid
        start = max([c + 1 for c in self.value_cols if c < label_col], default=0)
        stop = min([c for c in self.value_cols if c > label_col], default=g.n_cols)
        code = "".join(g.texts[r][c] for c in self.code_cols if start <= c < stop)
        code = re.sub(r"\s", "", code)
        if CODE_RE.match(code):
            return code
        m = LEAD_CODE.match(normalize(self.row_label(r, label_col)))
        return m.group(1) if m else ""


def view_of(table: Table) -> View | None:
    """The numeric view, or None for tables that are not numeric or are score tables."""
    g = Grid.of(table)
    if not g.cells or g.n_cols < 2:
        return None
    for row in g.cells[:30]:
        if any(c and SCORE_HEADER.search(c.text) for c in row):
            return None

    # Header rows: up to the first row with a number outside a code-like column.
    def is_data_row(r: int) -> bool:
        texts = g.texts[r]
        label = next((t for t in texts if t and cell_num(t) is None), "")
        if SKIP_ROW.match(label.replace(" ", "")):
            return False
        nums = [t for t in texts if cell_num(t) is not None and not CODE_RE.match(t.strip())]
        return bool(nums)

    header = 0
    while header < len(g.cells) and not is_data_row(header):
        header += 1
    if header >= len(g.cells):
        return None
    col_labels = {c: "".join(g.texts[r][c] for r in range(header)).replace("\n", "") for c in range(g.n_cols)}
    data = g.texts[header:]
    code_cols, value_cols, label_cols = [], [], []
    for c in range(g.n_cols):
        texts = [t for t in (row[c] for row in data) if not _blank(t)]
        if not texts:
            continue
        nums = [t for t in texts if cell_num(t) is not None]
        pcts = [t for t in texts if ("%" in t or "％" in t) and PCT_CELL.match(normalize(t).strip())]
        if pcts and len(pcts) + len(nums) == len(texts):
            continue  # a rate column: neither labels nor additive values
        others = [t for t in texts if cell_num(t) is None]
        codes_only = (
            len(nums) >= 2
            and all(CODE_RE.match(t.strip()) for t in nums)
            and all(TOTAL_LABEL.search(normalize(t).replace(" ", "")) for t in others)
        )
        if CODE_HEADER.search(col_labels[c]) or (codes_only and not value_cols):
            code_cols.append(c)
            continue
        if len(nums) * 2 >= len(texts):
            if not SKIP_COL.search(col_labels[c]):
                value_cols.append(c)
        else:
            label_cols.append(c)
    if not value_cols or (not label_cols and not _spanned(table, header)):
        return None
    return View(g, header, label_cols, code_cols, value_cols, col_labels)


def _groups(v: View) -> list[tuple[int, list[int]]]:
    """(label column, its value columns): one group per side of a side-by-side table."""
    out = []
    for i, lc in enumerate(v.label_cols):
        nxt = v.label_cols[i + 1] if i + 1 < len(v.label_cols) else v.grid.n_cols
        cols = [c for c in v.value_cols if lc < c < nxt]
        if cols:
            out.append((lc, cols))
    return out


def _loc(v: View, r: int, c: int) -> Location:
    cell = v.grid.cells[r][c]
    t = v.grid.table
    if cell is not None:
        return cell.location
    return t.location.with_cell(t.index, r + 1, c + 1, "")


def _col_ok(v: View, total: Num, terms: list[Num]) -> bool:
    return check_sum(total, terms).verdict == OK


def table_sums(table: Table) -> list[TableSum]:
    v = view_of(table)
    if v is None:
        return []
    out: list[TableSum] = []
    spanned = _spanned(table, v.header_rows)
    for lc, cols in _groups(v):
        out.extend(_row_sums(v, lc, cols))
        if not spanned:
            out.extend(_column_sums(v, lc, cols))
    if spanned:
        out.extend(_tree_column_sums(v))
    return out


def _rows(v: View, lc: int, cols: list[int]) -> list[int]:
    """The data rows of a label column's group (read once per group: the row and the
    column sums both walk them)."""
    key = (lc, tuple(cols))
    rows = v._row_lists.get(key)
    if rows is None:
        rows = v._row_lists[key] = _read_rows(v, lc, cols)
    return rows


def _read_rows(v: View, lc: int, cols: list[int]) -> list[int]:
    rows = []
    for r in range(v.header_rows, len(v.grid.cells)):
        label = v.row_label(r, lc, cols[0])
        if SKIP_ROW.match(label.replace(" ", "")):
            continue
        if label or any(v.value(r, c) is not None for c in cols):
            rows.append(r)
    return rows


def _check_rows(
    v: View, lc: int, cols: list[int], total_r: int, part_rs: list[int], kind: str, clean: bool = False
) -> list[TableSum]:
    """One TableSum per value column; for a plain run of rows (``clean`` False), trusted
    only when some column adds up exactly, which shows the rows were read right."""
    cases: list[TableSum] = []
    any_ok = False
    for c in cols:
        total = v.value(total_r, c)
        values = [v.value(r, c) for r in part_rs]
        if total is None or all(n is None for n in values):
            continue
        if check_sum(total, [n if n is not None else ZERO for n in values]).verdict == OK:
            any_ok = True
            continue
        # Row names only for a sum that is off (most add up, and naming a row is the costly part).
        terms = [(_name(v, r, lc, cols[0]), n if n is not None else ZERO) for r, n in zip(part_rs, values, strict=True)]
        cases.append(
            TableSum(
                v.grid.table.index,
                _loc(v, total_r, c),
                _name(v, total_r, lc, cols[0]),
                v.col_labels.get(c, "").replace("\n", ""),
                total,
                terms,
                kind,
            )
        )
    if kind in ("qizhong", "code") or clean:
        return cases
    return cases if any_ok or len(cols) == 1 else []


def _name(v: View, r: int, lc: int, stop: int) -> str:
    """ "20132 组织事务": the code (if any) and the label of a row."""
    label = v.row_label(r, lc, stop)
    code = v.row_code(r, lc)
    if code and not label.startswith(code):
        return f"{code} {label}".strip()
    return label or code


def _row_sums(v: View, lc: int, cols: list[int]) -> list[TableSum]:
    rows = _rows(v, lc, cols)
    out: list[TableSum] = []
    labels = {r: normalize(v.row_label(r, lc, cols[0])).strip() for r in rows}
    codes = {r: v.row_code(r, lc) for r in rows}
    # 其中 rows: parts of the nearest row above that is not itself a 其中 row.
    for i, r in enumerate(rows):
        if QIZHONG.match(labels[r]):
            parent = next((p for p in reversed(rows[:i]) if not QIZHONG.match(labels[p])), None)
            if parent is not None:
                out.extend(_check_rows(v, lc, cols, parent, [r], "qizhong"))
    coded = [r for r in rows if codes[r]]
    if len(coded) >= 2:
        for r in coded:
            code = codes[r]
            if len(code) not in (3, 5):
                continue
            kids = [k for k in coded if len(codes[k]) == len(code) + 2 and codes[k].startswith(code)]
            if kids:
                out.extend(_check_rows(v, lc, cols, r, kids, "code"))
        tops = [r for r in coded if len(codes[r]) == 3]
        uncoded = [r for r in rows if not codes[r] and not TOTAL_LABEL.search(labels[r])]
        for r in rows:
            if TOTAL_LABEL.search(labels[r]) and not codes[r] and tops and not uncoded:
                out.extend(_check_rows(v, lc, cols, r, tops, "row"))
        return out
    prev_total: int | None = None
    seg_start = 0
    for i, r in enumerate(rows):
        lab = labels[r]
        if not TOTAL_LABEL.search(lab) or QIZHONG.match(lab):
            continue
        seg = rows[seg_start:i]
        seg_start = i + 1
        parts = [p for p in seg if not QIZHONG.match(labels[p])]
        prev = prev_total
        prev_total = r
        if not seg:
            out.extend(_top_total(v, lc, cols, r, rows[i + 1 :], labels))
            continue
        qz = [k for k, p in enumerate(seg) if QIZHONG.match(labels[p])]
        if qz and any(not QIZHONG.match(labels[p]) for p in seg[qz[0] + 1 :]):
            continue  # 其中 followed by further rows: which rows are parts is unclear
        numbered = [p for p in parts if NUMBERED.match(labels[p])]
        clean = False
        if numbered:
            if len(numbered) != len(parts):
                continue
            top = [p for p in parts if LEVEL1.match(labels[p])]
            if top and len(top) != len(parts):
                parts = top
            clean = bool(top) and len(top) == len(parts)
        if prev is not None and "总计" in lab and "合计" in labels[prev]:
            parts = [prev, *_without_carry_sub_rows(parts, labels)]
        if len(parts) < 1:
            continue
        if not clean:
            groups = _two_level(v, cols, r, parts)
            if groups == []:
                continue
            parts = groups if groups is not None else parts
        out.extend(_check_rows(v, lc, cols, r, parts, "row", clean))
    return out


def _two_level(v: View, cols: list[int], total_r: int, parts: list[int]) -> list[int] | None:
    """ "人员经费 220 / 基本工资 100 / 津贴补贴 80 / 奖金 40 / 公用经费 30 / … / 合计 250": groups
    and their items listed in one column without codes or numbering. When the rows add up to
    twice the total in some column, the rows are a two-level hierarchy: the group rows (each
    equal to the items below it) are the parts, or, when no such split exists, ``[]`` (the
    rows cannot be read as a flat list). ``None``: a flat list."""
    for c in cols:
        total = v.value(total_r, c)
        nums = [v.value(p, c) or ZERO for p in parts]
        if total is None or total.value == 0 or len(parts) < 3:
            continue
        lo, hi = interval_sum(nums)
        if max(lo, 2 * total.lo) > min(hi, 2 * total.hi):
            continue
        groups: list[int] = []
        i = 0
        while i < len(parts):
            j = i + 2  # a group row and at least one item
            while j <= len(parts) and not sum_consistent(nums[i], nums[i + 1 : j]):
                j += 1
            if j > len(parts):
                return []
            groups.append(parts[i])
            i = j
        return groups
    return None


def _without_carry_sub_rows(parts: list[int], labels: dict[int, str]) -> list[int]:
    """Drop the fund rows listed under a 结转和结余 row: they split it, they do not add to 总计."""
    out: list[int] = []
    under_carry = False
    for p in parts:
        lab = labels[p].replace(" ", "")
        if under_carry and CARRY_SUB.search(lab):
            continue
        under_carry = bool(CARRY_HEAD.search(lab)) and not CARRY_SUB.search(lab)
        out.append(p)
    return out


def _top_total(v: View, lc: int, cols: list[int], r: int, below: list[int], labels: dict[int, str]) -> list[TableSum]:
    """合计 above its rows (三公 tables): the rows down to the next total, with the parts
    of a known identity (公务用车购置及运行维护费 → 购置费, 运行维护费) folded into their head."""
    from fiscalint.facts.breakdowns import IDENTITIES

    rows: list[int] = []
    for k in below:
        if TOTAL_LABEL.search(labels[k]):
            break
        rows.append(k)
    if any(QIZHONG.match(labels[k]) for k in rows) or len(rows) < 2:
        return []
    if any(NUMBERED.match(labels[k]) for k in rows):
        return []  # numbered rows may nest; their own totals say how
    parts: list[int] = []
    skip_until = -1
    for idx, k in enumerate(rows):
        if idx <= skip_until:
            continue
        parts.append(k)
        for head, needs in IDENTITIES:
            if head.search(labels[k]):
                j = idx + 1
                while j < len(rows) and any(n.search(labels[rows[j]]) for n in needs):
                    j += 1
                skip_until = j - 1
                break
    return _check_rows(v, lc, cols, r, parts, "row")


def _column_sums(v: View, lc: int, cols: list[int]) -> list[TableSum]:
    """合计 column = the columns after it in its group (合计 | 基本支出 | 项目支出 | …), row by row."""
    out: list[TableSum] = []
    g = v.grid
    end = min([x for x in v.label_cols if x > lc], default=g.n_cols)
    heads = {c: normalize(v.col_labels.get(c, "")).replace(" ", "") for c in range(g.n_cols)}
    for c in cols:
        if not TOTAL_LABEL.search(heads[c]):
            continue
        comps = [x for x in range(c + 1, end) if x not in v.code_cols and heads[x] and not SKIP_COL.search(heads[x])]
        out.extend(_check_columns(v, lc, cols, c, comps, heads))
    return out


def _check_columns(
    v: View, lc: int, cols: list[int], c: int, comps: list[int], heads: dict[int, str]
) -> list[TableSum]:
    if len(comps) < 2 and not (comps and heads[c] != heads[comps[0]]):
        return []
    if any(TOTAL_LABEL.search(heads[x]) or QIZHONG.match(heads[x]) or "其中" in heads[x] for x in comps):
        return []
    if any(NOT_COMPONENT.search(heads[x]) and not NOT_COMPONENT.search(heads[c]) for x in comps):
        return []
    cases, n_ok = _column_cases(v, _rows(v, lc, cols), c, comps, heads, lambda r: _name(v, r, lc, cols[0]))
    return cases if n_ok >= len(cases) else []


def _column_cases(
    v: View, rows, c: int, comps: list[int], heads: dict[int, str], name: Callable[[int], str]
) -> tuple[list[TableSum], int]:
    """Row by row, total column ``c`` against its component columns: the rows that are off
    (named by ``name``), and how many add up."""
    cases: list[TableSum] = []
    n_ok = 0
    for r in rows:
        total = v.value(r, c)
        vals = [v.value(r, x) for x in comps]
        if total is None or all(n is None for n in vals):
            continue
        terms = [(heads[x], n if n is not None else ZERO) for x, n in zip(comps, vals, strict=True)]
        if _col_ok(v, total, [n for _, n in terms]):
            n_ok += 1
            continue
        cases.append(TableSum(v.grid.table.index, _loc(v, r, c), name(r), heads[c], total, terms, "column"))
    return cases, n_ok


# --- spanned headers: 三公 tables (合计 | 因公出国 | 公务用车 (小计 | 购置 | 运行) | 公务接待) × (预算数 | 决算数)


def _spanned(table: Table, header_rows: int) -> bool:
    return any(c.colspan > 1 for row in table.rows[:header_rows] for c in row)


def _header_paths(g: Grid, header_rows: int) -> dict[int, list[Cell]] | None:
    """For each column, the header cells above it, top to bottom (a cell spanning rows once)."""
    covering: list[dict[int, Cell]] = []
    for h in range(header_rows):
        cov: dict[int, Cell] = {}
        for cell in g.table.rows[h]:
            for k in range(cell.column, cell.column + cell.colspan):
                cov[k] = cell
        covering.append(cov)
    # rowspans reach down into later header rows
    for h in range(header_rows):
        for cell in {id(x): x for x in covering[h].values()}.values():
            for hh in range(h + 1, min(h + cell.rowspan, header_rows)):
                for k in range(cell.column, cell.column + cell.colspan):
                    covering[hh].setdefault(k, cell)
    paths: dict[int, list[Cell]] = {}
    for c in range(g.n_cols):
        path: list[Cell] = []
        for h in range(header_rows):
            cell = covering[h].get(c)
            if cell is None:
                return None  # a header row that does not cover the grid: spans unknown
            if path and path[-1] is cell:
                continue
            if not cell.text.strip() and path:
                continue  # an empty cell under a merged one
            path.append(cell)
        paths[c] = path
    return paths


def _tree_column_sums(v: View) -> list[TableSum]:
    """Totals found through the header tree: a 合计/小计 header against its sibling headers,
    measure by measure (预算数 with 预算数, 决算数 with 决算数)."""
    g = v.grid
    paths = _header_paths(g, v.header_rows)
    if paths is None:
        return []
    data_cols = set(v.value_cols) | {
        c for c in range(g.n_cols) if c not in v.label_cols and c not in v.code_cols and paths[c]
    }
    out: list[TableSum] = []

    def text(cell: Cell) -> str:
        return normalize(cell.text).replace(" ", "").replace("\n", "")

    lc = v.label_cols[0] if v.label_cols else 0
    first_val = min(v.value_cols)
    for c in sorted(data_cols):
        path = paths[c]
        for d, node in enumerate(path):
            if not TOTAL_LABEL.search(text(node)):
                continue
            suffix = [text(x) for x in path[d + 1 :]]
            prefix = path[:d]
            siblings: list[Cell] = []
            for x in sorted(data_cols):
                px = paths[x]
                if (
                    len(px) > d
                    and all(a is b for a, b in zip(px[:d], prefix, strict=True))
                    and px[d] is not node
                    and all(px[d] is not y for y in siblings)
                ):
                    siblings.append(px[d])
            comps: list[int] = []
            for sib in siblings:
                under = [x for x in sorted(data_cols) if len(paths[x]) > d and paths[x][d] is sib]
                sub = [x for x in under if len(paths[x]) > d + 1 and TOTAL_LABEL.search(text(paths[x][d + 1]))]
                pool = sub or under
                match = [x for x in pool if [text(y) for y in paths[x][len(paths[x]) - len(suffix) :]] == suffix]
                if suffix and len(match) != 1:
                    break
                if not suffix and len(pool) != 1:
                    break
                comps.append(match[0] if suffix else pool[0])
            else:
                if not comps:
                    continue
                heads = {x: "/".join(text(y) for y in paths[x] if y.colspan < g.n_cols) for x in [c, *comps]}
                out.extend(_check_columns_tree(v, lc, first_val, c, comps, heads))
            break
    return out


def _check_columns_tree(
    v: View, lc: int, first_val: int, c: int, comps: list[int], heads: dict[int, str]
) -> list[TableSum]:
    rows = range(v.header_rows, len(v.grid.cells))
    cases, n_ok = _column_cases(v, rows, c, comps, heads, lambda r: _name(v, r, lc, first_val) if v.label_cols else "")
    # A single data row (the 三公 table) cannot vouch for itself; the header tree is explicit enough.
    return cases if n_ok >= len(cases) or n_ok + len(cases) == 1 else []


def document_table_sums(doc: Document) -> list[TableSum]:
    out: list[TableSum] = []
    for t in doc.tables():
        out.extend(table_sums(t))
    return out


# --- rates stated in table cells -------------------------------------------------------------------

RATE_HEAD = re.compile(r"执行率|完成率")
SCORE_CELL = re.compile(r"^\d+(?:\.\d+)?分$")
ACTUAL_HEAD = re.compile(r"执行数|决算数|实际支出|支出数")
BUDGET_HEADS = (re.compile(r"调整后预算|全年预算"), re.compile(r"^(?:年度)?预算数?$|^预算$"))
GROWTH_HEAD = re.compile(r"增减率|增长率|变动率|增幅")
CHANGE_HEAD = re.compile(r"增减额|增减数|增减变动|变动额|增加额")


@dataclass
class TableRate:
    """A rate cell with the cells it should follow from."""

    table: int
    location: Location
    label: str
    kind: str  # completion | growth
    stated: Num
    numerator: tuple[str, Num]  # 执行数 / 增减额
    denominator: tuple[str, Num]  # 预算数 / 决算数 (current value, for growth)


def pct_cell(text: str) -> Num | None:
    t = normalize(text).strip().replace(" ", "").replace("\u3000", "")
    if not PCT_CELL.match(t):
        return None
    return Num.parse(t.rstrip("%％"))


@per_document
def _flat(text: str) -> str:
    """A cell's text as a header reads it (memoised: every cell is read as a header of the rows below)."""
    return normalize(text).replace("\n", "").replace(" ", "").replace("\u3000", "")


def table_rates(table: Table) -> list[TableRate]:
    """执行率 = 执行数 / 调整后(全年)预算数 and 增减率 = 增减额 / (决算数 − 增减额), row by row.

    A header row names the columns; the rows below it (to the next header-like
    row) are checked. Works on 绩效自评表 too: only the money and rate cells
    are read, never the weights or scores.
    """
    if not any("率" in c.text or "幅" in c.text for row in table.rows for c in row):
        return []  # no rate column: every head RATE_HEAD and GROWTH_HEAD know has 率 or 幅
    g = Grid.of(table)
    out: list[TableRate] = []
    r = 0
    while r < len(g.cells):
        heads = {}
        for c in range(g.n_cols):
            h = _flat(g.text(r, c)) or (_flat(g.text(r - 1, c)) if r > 0 else "")
            if h and len(h) <= 20:
                heads[c] = h
        rate_c = next((c for c, h in heads.items() if RATE_HEAD.search(h)), None)
        growth_c = next((c for c, h in heads.items() if GROWTH_HEAD.search(h)), None)
        if rate_c is None and growth_c is None:
            r += 1
            continue
        actual_c = next((c for c, h in heads.items() if ACTUAL_HEAD.search(h) and not RATE_HEAD.search(h)), None)
        budget_c = None
        for pat in BUDGET_HEADS:
            budget_c = next((c for c, h in heads.items() if pat.search(h) and c != actual_c), None)
            if budget_c is not None:
                break
        change_c = next((c for c, h in heads.items() if CHANGE_HEAD.search(h)), None)
        rr = r + 1
        while rr < len(g.cells):
            row_heads = [_flat(g.text(rr, c)) for c in range(g.n_cols)]
            if any(RATE_HEAD.search(h) or GROWTH_HEAD.search(h) for h in row_heads if h and len(h) <= 20):
                break
            label = " ".join(
                h
                for h in row_heads
                if h
                and len(h) <= 20
                and cell_num(h) is None
                and pct_cell(h) is None
                and not SCORE_CELL.match(h)
                and not _blank(h)
            )
            # 执行率 = 执行数 / 预算数; 增减率 = 增减额 / 本年数 (the base is derived by the rule).
            for kind, stated_c, num_c, den_c in (
                ("completion", rate_c, actual_c, budget_c),
                ("growth", growth_c, change_c, actual_c),
            ):
                if stated_c is None or num_c is None or den_c is None:
                    continue
                stated = pct_cell(g.text(rr, stated_c))
                x, y = cell_num(g.text(rr, num_c)), cell_num(g.text(rr, den_c))
                if stated is not None and x is not None and y is not None:
                    out.append(
                        TableRate(
                            table.index,
                            _cell_loc(g, rr, stated_c),
                            label,
                            kind,
                            stated,
                            (heads[num_c], x),
                            (heads[den_c], y),
                        )
                    )
            rr += 1
        r = rr
    return out


def _cell_loc(g: Grid, r: int, c: int) -> Location:
    cell = g.cells[r][c]
    if cell is not None:
        return cell.location
    t = g.table
    return t.location.with_cell(t.index, r + 1, c + 1, "")


def document_table_rates(doc: Document) -> list[TableRate]:
    out: list[TableRate] = []
    for t in doc.tables():
        out.extend(table_rates(t))
    return out
