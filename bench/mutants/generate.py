"""Inject one known mistake into a correct report, at a known place.

Every operator finds candidate sites in the TXT lines of a base report with
regular expressions (amounts after 其中, 占X%, 增长Y%, 合计 rows, score-table
cells, heading labels, year phrases) or with the TXT reader's blocks
(headings, table cells with their line numbers), and yields ``Mutant``s:
the mutated lines, the 1-based line that changed and the ``anchors`` -- the
lines a finding may point at to count as "at the right place" (the changed
line, plus the line of the identity's total when the mistake breaks a sum
printed elsewhere, e.g. a score cell and the table's 总分 row).

The changes are real mistakes, never within rounding: +1.00 on a
two-decimal amount (+3 on an integer one), ±0.50 percentage points on a
two-decimal rate (±2 on an integer one), −3 points on a score, +5 on a
weight, −5 on a 总分.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from fiscalint.model import Heading, Table
from fiscalint.numbering import parse_label, render_label
from fiscalint.readers import Limits
from fiscalint.readers.text import TextReader

from .bases import Base

FAMILIES = ("SUM", "PCT", "SCORE", "SEC", "YEAR")
# The code prefixes that count as catching a mutant of each family. A broken 合计 in a
# disclosure table is reported by the disclosure-table identities (DISC), a total restated
# elsewhere by the cross-reference rules (XREF).
ACCEPT = {
    "SUM": ("SUM", "XREF", "DISC"),
    "PCT": ("PCT",),
    "SCORE": ("SCORE",),
    "SEC": ("SEC",),
    "YEAR": ("YEAR",),
}


@dataclass
class Mutant:
    id: str
    base: str
    family: str
    op: str
    line: int  # 1-based line of the change in the mutated text
    old: str  # the changed line before
    new: str  # ... and after (for a deletion: the deleted heading)
    lines: list[str] = field(repr=False, default_factory=list)
    anchors: tuple[int, ...] = ()
    needles: tuple[str, ...] = ()  # text identifying the place in a DOCX/PDF finding

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _decimals(s: str) -> int:
    return len(s.split(".")[1]) if "." in s else 0


def _fmt(value: Decimal, like: str) -> str:
    d = _decimals(like)
    q = Decimal(1).scaleb(-d)
    v = value.quantize(q)
    return f"{v:,.{d}f}" if "," in like else f"{v:.{d}f}"


def bump_amount(s: str, down: bool = False) -> str:
    """A wrong amount: +1.00 on a two-decimal figure, +3 on an integer one; with ``down``
    the same amount less (when the figure is large enough to stay positive)."""
    v = Decimal(s.replace(",", ""))
    delta = Decimal(1) if _decimals(s) else Decimal(3)
    if down and v > 2 * delta:
        return _fmt(v - delta, s)
    return _fmt(v + delta, s)


def bump_rate(s: str) -> str:
    """A wrong rate: ±0.50 points when printed with decimals, ±2 when an integer."""
    v = Decimal(s)
    delta = Decimal("0.5") if _decimals(s) else Decimal(2)
    new = v - delta if v - delta >= 0 else v + delta
    return _fmt(new, s)


def _replace_span(line: str, span: tuple[int, int], new: str) -> str:
    return line[: span[0]] + new + line[span[1] :]


def _mutant(base: Base, op: str, family: str, idx: int, new_line: str, anchors=(), needles=()) -> Mutant:
    lines = list(base.lines)
    old = lines[idx]
    lines[idx] = new_line
    n = idx + 1
    return Mutant(
        id=f"{base.name.split('.')[0]}:{op}:{n}",
        base=base.name,
        family=family,
        op=op,
        line=n,
        old=old,
        new=new_line,
        lines=lines,
        anchors=tuple(sorted({n, *anchors})),
        needles=tuple(needles),
    )


# ---------------------------------------------------------------- prose sums
PART_AMOUNT = re.compile(rf"(?<![\d.,])({AMOUNT})万元")


def _zero(s: str) -> bool:
    return Decimal(s.replace(",", "")) == 0


def sum_parts(base: Base) -> Iterator[Mutant]:
    """A part of a 其中 breakdown: an amount in the 其中 sentence (at least two parts, not all
    zero), or an amount heading one of the lines below a line ending in 其中：."""
    owner = None  # the line of the last "…万元，其中：" that ended its line
    n = 0  # alternate up and down: a part too high and a part too low are both mistakes
    for i, line in enumerate(base.lines):
        if line.startswith("\t") or not line.strip():
            owner = None if not line.strip() else owner
            continue
        k = line.find("其中")
        if k >= 0 and PART_AMOUNT.search(line[:k]):
            end = line.find("。", k)
            sentence_end = end if end >= 0 else len(line)
            parts = list(PART_AMOUNT.finditer(line[:sentence_end], k))
            amounts = [m.group(1) for m in PART_AMOUNT.finditer(line[:sentence_end])]
            if len(parts) >= 2 and not all(_zero(a) for a in amounts):
                for m in parts:
                    n += 1
                    new = bump_amount(m.group(1), down=n % 2 == 0)
                    yield _mutant(base, "sum-part", "SUM", i, _replace_span(line, m.span(1), new), needles=(new,))
            owner = i if not parts else None
        elif owner is not None and i - owner <= 6:
            m = PART_AMOUNT.search(line)
            if m and m.start() < 20:
                n += 1
                new = bump_amount(m.group(1), down=n % 2 == 0)
                yield _mutant(
                    base, "sum-part", "SUM", i, _replace_span(line, m.span(1), new), (owner + 1,), needles=(new,)
                )
        else:
            owner = None


TOTAL_BEFORE = re.compile(rf"(?<![\d.,])({AMOUNT})万元[，,]?其中")


def sum_totals(base: Base) -> Iterator[Mutant]:
    """The total of a breakdown: the amount just before 其中, when parts follow in the sentence;
    one mutant with the total 1.00 too high, one 1.00 too low."""
    for i, line in enumerate(base.lines):
        if line.startswith("\t"):
            continue
        for m in TOTAL_BEFORE.finditer(line):
            end = line.find("。", m.end())
            parts = PART_AMOUNT.findall(line[m.end() : end if end >= 0 else len(line)])
            if len(parts) < 2 or all(_zero(a) for a in [m.group(1), *parts]):
                continue
            for down in (False, True):  # a total too high and too low
                new = bump_amount(m.group(1), down=down)
                yield _mutant(base, "sum-total", "SUM", i, _replace_span(line, m.span(1), new), needles=(new,))


# ---------------------------------------------------------------- rates
SHARE = re.compile(rf"(?<![\d.,])(?:{AMOUNT})万元[，,]?占[^%，。；0-9]{{0,20}}?(\d+(?:\.\d+)?)%")
GROWTH = re.compile(
    rf"(?:增加|减少)(?:{AMOUNT})万元[，,](?:同比)?(?:增长|下降|增幅|降幅|减少|增加)(?:为)?(\d+(?:\.\d+)?)%"
)


def pct_shares(base: Base) -> Iterator[Mutant]:
    for i, line in enumerate(base.lines):
        if line.startswith("\t"):
            continue
        if all(_zero(a) for a in PART_AMOUNT.findall(line)):
            continue  # every amount 0: the shares are 0/0, conventionally printed 0%
        for m in SHARE.finditer(line):
            new = bump_rate(m.group(1))
            yield _mutant(base, "pct-share", "PCT", i, _replace_span(line, m.span(1), new), needles=(new + "%",))


def pct_growth(base: Base) -> Iterator[Mutant]:
    for i, line in enumerate(base.lines):
        if line.startswith("\t"):
            continue
        for m in GROWTH.finditer(line):
            new = bump_rate(m.group(1))
            yield _mutant(base, "pct-growth", "PCT", i, _replace_span(line, m.span(1), new), needles=(new + "%",))


# ---------------------------------------------------------------- tables
def _tables(base: Base) -> list[Table]:
    doc = TextReader().read(base.name, base.text.encode("utf-8"), Limits())
    return [b for b in doc.blocks if isinstance(b, Table)]


def _number(text: str) -> Decimal | None:
    t = text.strip().replace(",", "").replace("\u3000", "")
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", t):
        return None
    return Decimal(t)


def _cell_mutant(base: Base, op: str, family: str, cell, new_text: str, anchors=()) -> Mutant | None:
    idx = cell.location.line - 1
    line = base.lines[idx]
    old = cell.text.strip()
    k = line.rfind(old)
    if k < 0:
        return None
    return _mutant(base, op, family, idx, line[:k] + new_text + line[k + len(old) :], anchors, needles=(new_text,))


def _score_header(row) -> tuple[int, int] | None:
    """(weight position, score position) in a 绩效自评表 header row (分值/权重 … 得分)."""
    texts = [re.sub(r"\s", "", c.text) for c in row]
    weight = next((i for i, t in enumerate(texts) if t in ("分值", "权重", "权重（分值）", "指标分值")), None)
    score = next((i for i, t in enumerate(texts) if t in ("得分", "自评得分", "实际得分")), None)
    if weight is not None and score is not None and weight < score:
        return weight, score
    return None


def _score_columns(table: Table) -> bool:
    return any(_score_header(row) for row in table.rows)


def _is_total_row(row) -> bool:
    first = re.sub(r"\s", "", next((c.text for c in row if c.text.strip()), ""))
    return first in ("合计", "总计", "总分", "合计得分", "总分值") or first.startswith(("合计", "总分"))


def table_totals(base: Base) -> Iterator[Mutant]:
    """A 合计 cell of an amount table (not a score table), 1.00 too high and 1.00 too low."""
    for t in _tables(base):
        if _score_columns(t) or any("指标" in c.text for row in t.rows for c in row):
            continue  # a 绩效自评表 (or a part of one split by a page break): SCORE family
        for row in t.rows:
            if not _is_total_row(row) or "总分" in row[0].text:
                continue
            for c in row:
                v = _number(c.text)
                if v is None or _decimals(c.text.strip()) != 2 or v == 0:
                    continue
                for down in (False, True):
                    m = _cell_mutant(base, "table-total", "SUM", c, bump_amount(c.text.strip(), down=down))
                    if m:
                        yield m


def score_cells(base: Base) -> Iterator[Mutant]:
    """Weights, scores and the 总分 of 绩效自评表 tables. A data row is read against the last
    header row above it, aligned from the right when the header lacks a merged leading column."""
    tables = _tables(base)
    for k, t in enumerate(tables):
        if not _score_columns(t):
            continue
        total_rows = [row for row in t.rows if _is_total_row(row)]
        total_lines = tuple(c.location.line for row in total_rows for c in row)
        if not total_rows and k + 1 < len(tables) and not _score_columns(tables[k + 1]):
            # A table split in two (page break, text export): its 总分 row is in the next part.
            rest = tables[k + 1]
            total_lines = tuple(c.location.line for row in rest.rows if _is_total_row(row) for c in row)
        header = None
        for row in t.rows:
            cols = _score_header(row)
            if cols is not None:
                header = (row, *cols)
                continue
            if header is None:
                continue
            if any(row is r for r in total_rows):
                numbers = [(c, _number(c.text)) for c in row if _number(c.text) is not None]
                if numbers:
                    c, v = numbers[-1]  # the 总分 (the last figure of the row)
                    if v >= 10:
                        m = _cell_mutant(base, "score-total", "SCORE", c, _fmt(v - 5, c.text.strip()))
                        if m:
                            yield m
                continue
            head, wpos, spos = header
            offset = len(row) - len(head)
            if offset < 0 or spos + offset >= len(row):
                continue
            w, s = row[wpos + offset], row[spos + offset]
            wv, sv = _number(w.text), _number(s.text)
            if wv is None or sv is None or wv <= 0 or sv > wv:
                continue
            m = _cell_mutant(base, "weight", "SCORE", w, _fmt(wv + 5, w.text.strip()), total_lines)
            if m:
                yield m
            if sv >= 3:
                m = _cell_mutant(base, "score", "SCORE", s, _fmt(sv - 3, s.text.strip()), total_lines)
                if m:
                    yield m


GRADE_SCORE = re.compile(r"(\d{2,3}(?:\.\d+)?)分")


def score_grades(base: Base) -> Iterator[Mutant]:
    """优秀 -> 良好 where the same or the previous two lines state a score of at least 90."""
    for i, line in enumerate(base.lines):
        if "优秀" not in line or (line.startswith("\t") and len(line.strip()) > 4):
            continue
        window = " ".join(base.lines[max(0, i - 2) : i + 1])
        scores = [Decimal(s) for s in GRADE_SCORE.findall(window)]
        if not any(90 <= s <= 100 for s in scores):
            continue
        k = line.find("优秀")
        yield _mutant(base, "grade", "SCORE", i, line[:k] + "良好" + line[k + 2 :], needles=("良好",))


# ---------------------------------------------------------------- sections
def _headings(base: Base) -> list[Heading]:
    doc = TextReader().read(base.name, base.text.encode("utf-8"), Limits())
    return [b for b in doc.blocks if isinstance(b, Heading)]


SECTION_STYLES = ("cn", "cn-paren", "part")


def _siblings(heads: list[Heading]) -> list[tuple[Heading, Heading | None]]:
    """Each numbered heading with its next sibling (same level and style, before a higher heading)."""
    out = []
    for i, h in enumerate(heads):
        nxt = None
        for g in heads[i + 1 :]:
            if g.level < h.level:
                break
            if g.level == h.level:
                nxt = g if g.style == h.style else None
                break
        out.append((h, nxt))
    return out


def sec_delete(base: Base) -> Iterator[Mutant]:
    """Remove a numbered heading and its body (up to the next heading of its level or higher).
    Only headings followed by a numbered sibling: the gap is then visible in the report itself."""
    heads = _headings(base)
    for h, nxt in _siblings(heads):
        if h.style not in SECTION_STYLES or h.number is None or nxt is None or nxt.number != h.number + 1:
            continue
        start, end = h.location.line - 1, nxt.location.line - 1
        lines = base.lines[:start] + base.lines[end:]
        n = start + 1
        yield Mutant(
            id=f"{base.name.split('.')[0]}:sec-delete:{n}",
            base=base.name,
            family="SEC",
            op="sec-delete",
            line=n,
            old=base.lines[start],
            new=f"(deleted {end - start} lines)",
            lines=lines,
            anchors=(n,),
            needles=(nxt.title or nxt.text, nxt.label),
        )


def sec_renumber(base: Base) -> Iterator[Mutant]:
    """三、 -> 四、, （二） -> （三）: a heading numbered one too high."""
    heads = _headings(base)
    for h, _nxt in _siblings(heads):
        if h.style not in ("cn", "cn-paren") or h.number is None or h.auto:
            continue
        idx = h.location.line - 1
        line = base.lines[idx]
        label = parse_label(line.strip())
        if label is None or label.number != h.number:
            continue
        new_label = render_label(h.style, h.number + 1)
        k = line.find(h.label)
        if k < 0 or not new_label:
            continue
        new_line = line[:k] + new_label + line[k + len(h.label) :]
        yield _mutant(base, "sec-renumber", "SEC", idx, new_line, needles=(new_label,))


# ---------------------------------------------------------------- years
COMPARE = re.compile(r"(?:与|比|较)(20\d\d)年(?:度)?(?:相比|同期|减少|增加|下降|增长|相比较)")
STOCK = re.compile(r"截至(20\d\d)年(?:12月31日|12月底|年底|末)")


def year_shifts(base: Base) -> Iterator[Mutant]:
    for i, line in enumerate(base.lines):
        for m in COMPARE.finditer(line):
            y = int(m.group(1))
            if y == base.year - 1:
                new = str(y - 1)
                yield _mutant(base, "year-compare", "YEAR", i, _replace_span(line, m.span(1), new), needles=(new,))
        for m in STOCK.finditer(line):
            y = int(m.group(1))
            if y == base.year:
                new = str(y - 1)
                yield _mutant(base, "year-stock", "YEAR", i, _replace_span(line, m.span(1), new), needles=(new,))


OPERATORS = (
    sum_parts,
    sum_totals,
    table_totals,
    pct_shares,
    pct_growth,
    score_cells,
    score_grades,
    sec_delete,
    sec_renumber,
    year_shifts,
)


def all_mutants(base: Base) -> list[Mutant]:
    """Every mutant of a base, minus those whose change falls in an excluded neighbourhood
    and duplicates (the same mutated text)."""
    seen: set[str] = set()
    out: list[Mutant] = []
    for op in OPERATORS:
        for m in op(base):
            if any(abs(m.line - x) <= 2 for x in base.excluded):
                continue
            key = m.text
            if key in seen or m.text == base.text:
                continue
            seen.add(key)
            m.id = f"{m.id}#{sum(1 for o in out if o.id.split('#')[0] == m.id)}"
            out.append(m)
    return out
