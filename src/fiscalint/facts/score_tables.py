"""绩效自评表 parsed into weights, scores, targets and totals.

Self-evaluation tables come in many layouts (Sichuan 部门预算项目支出绩效自评表
with 权重/得分, the 部门整体 table with 指标分值/自评得分, the Hunan 项目支出
绩效自评表 with 分值/得分 and 年初预算数/全年预算数/全年执行数). Their rows do
not all have the same number of cells: in the text layout a horizontally
merged cell collapses into one and a vertically merged continuation shows
as an empty cell, while DOCX and PDF give a fuller grid. So columns are
found by header text, and data rows are aligned to their header by
counting from the right, where the value columns are; the leading label
columns vary. A table whose rows carry no 权重/分值 and 得分 header is not a
score table and is ignored, never guessed at.

A score table split in two by a page break or by the text export (a header
in the first part, more indicator rows and the 总分 row in the second) is
joined back: a headerless table right after an open score table continues
it, and so does one that repeats the open table's indicator header (Word's
标题行重复, a PDF page) while the rows read so far do not add up to a full
table yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from fiscalint.facts.numbers import Num, normalize
from fiscalint.memo import per_document
from fiscalint.model import Cell, Document, Paragraph, Table

_SPACE = re.compile(r"[\s\u3000\u00a0]+")

# Header texts (whitespace removed) -> column role.
INDICATOR_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("level1", re.compile(r"^一级指标")),
    ("level2", re.compile(r"^二级指标")),
    ("name", re.compile(r"^(三级指标|指标名称|具体指标|绩效指标名称)$")),
    ("nature", re.compile(r"^指标性质$")),
    ("target", re.compile(r"^(年度|预期|计划)?(指标值|目标值)")),
    ("unit", re.compile(r"^(度量|计量)?单位$")),
    ("actual", re.compile(r"^(实际|全年实际|全年)?(完成值|实际值|完成情况|实现值)")),
    ("weight", re.compile(r"^(权重|分值|指标分值|标准分值|权重分值|满分|指标权重)(\(分\))?$")),
    ("score", re.compile(r"^(得分|自评得分|评分|实际得分|评价得分)(\(分\))?$")),
    ("reason", re.compile(r"(原因|改进措施)")),
)
BUDGET_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("initial", re.compile(r"^年初预算(数)?$")),
    ("adjusted", re.compile(r"^(调整后|全年)预算(数)?$")),
    ("executed", re.compile(r"^(预算|全年|实际)?执行数$")),
    ("rate", re.compile(r"执行率$")),
    ("weight", re.compile(r"^(权重|分值|指标分值)(\(分\))?$")),
    ("score", re.compile(r"^(得分|自评得分)(\(分\))?$")),
    ("reason", re.compile(r"原因")),
)
CAP_RE = re.compile(r"^(?P<label>[^()]{1,16}?)\((?P<cap>\d+(?:\.\d+)?)分\)$")
TOTAL_LABELS = ("合计", "总分", "总计", "得分合计", "合计得分", "总分值", "综合得分")
SUBTOTAL_LABELS = ("小计", "分项合计")
CONCLUSION_LABELS = ("评价结论", "自评结论", "综合评价结论", "总体评价结论")
# A row that states only the grade: 自评等级 | 优.
GRADE_LABELS = ("自评等级", "评价等级", "自评等次", "评价等次", "绩效等级", "绩效评价等级", "等级", "等次")
NAME_LABELS = ("项目名称", "部门名称", "单位名称", "部门(单位)名称")
LEVEL1_LABELS = (
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "效果指标",
    "过程指标",
    "决策指标",
    "管理指标",
    "履职效能",
    "预算执行",
)
NOT_APPLICABLE = {"", "/", "／", "-", "—", "——", "－", "无", "不适用"}
PROJECT_CODE = re.compile(r"^[0-9A-Z]{10,}\s*[-－—_]\s*")

SCORE_PHRASE = re.compile(
    r"(?:(?:绩效)?自评|综合|评价|考核|绩效评价)(?:总)?(?:得分|评分|分数)(?:为|是|达到|[:：])?\s*"
    r"(?P<score>\d+(?:\.\d+)?)\s*分"
    r"|(?:总得分|自评总分)(?:为|是|[:：])?\s*(?P<score2>\d+(?:\.\d+)?)\s*分"
)
# "自评总分为100分，其中预算执行10分" states the scale, not a score.
SCALE_AFTER = re.compile(r"(?:制|[，,]?\s*其中|[，,]?\s*由)")
INDICATOR_WORDS = ("指标", "执行率", "预算执行", "满意度", "权重", "分值", "单项")
GRADE_PHRASE = re.compile(
    r"(?:评价等级|评价等次|自评等级|绩效等级|等级|等次|自评结论|评价结论|结论|评定)(?:为|是|[:：])?\s*[“\"「『]?"
    r"(?P<grade>不合格|优秀|良好|合格|优|良|中|差)(?:等次|等级|等|级)?[”\"」』]?(?=$|[，,。；;、）)\s])"
)


# Grade words that may stand alone in a cell. 合格/不合格 are left out: in a
# pass/fail scheme a 95-point 合格 is no mistake.
BARE_GRADES = ("优秀", "良好", "中等", "优", "良", "中", "差")


def bare_grade(text: str) -> str:
    """The grade when a cell holds nothing else: "优", "“良好”", "优秀等次"; else ""."""
    t = re.sub(r"[“”\"「」『』。.]", "", _SPACE.sub("", text))
    t = re.sub(r"(等次|等级|等|级)$", "", t)
    return t if t in BARE_GRADES else ""


@per_document
def squash(text: str) -> str:
    """Header text without whitespace or line breaks, brackets made ASCII (memoised:
    every cell of every table is squashed by several parsers)."""
    return normalize(_SPACE.sub("", text)).replace("（", "(").replace("）", ")")


def parse_points(text: str) -> Num | None:
    """A weight or score as printed: "10", "10分", "　7.13"; None for "/" or blank."""
    t = squash(text)
    if t in NOT_APPLICABLE:
        return None
    t = re.sub(r"分$", "", t)
    return Num.parse(t)


def parse_percent(text: str) -> Num | None:
    t = squash(text)
    if not t.endswith("%"):
        return None
    return Num.parse(t[:-1])


@dataclass
class Category:
    """A first-level group with its stated cap: 产出指标（50分）."""

    label: str
    cap: Num | None
    cell: Cell | None
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Indicator:
    """One indicator row: what was promised, what was done, points given."""

    name: str
    row: list[Cell]
    weight: Num | None
    score: Num | None
    weight_cell: Cell | None
    score_cell: Cell | None
    nature: str = ""
    target: str = ""
    unit: str = ""
    actual: str = ""
    reason: str | None = None  # None when the table has no reason column
    level1: str = ""
    level2: str = ""


@dataclass
class BudgetRow:
    """A 预算执行情况 row: 年初/调整后(全年)预算, 执行数, 执行率 and maybe points."""

    label: str
    row: list[Cell]
    initial: Num | None = None
    adjusted: Num | None = None
    executed: Num | None = None
    rate: Num | None = None
    rate_cell: Cell | None = None
    weight: Num | None = None
    score: Num | None = None
    weight_cell: Cell | None = None
    score_cell: Cell | None = None


@dataclass
class ScoreTable:
    """One 绩效自评表, possibly spread over several Table blocks."""

    tables: list[Table]
    project: str = ""
    project_cell: Cell | None = None
    budget_rows: list[BudgetRow] = field(default_factory=list)
    budget_cap: Num | None = None
    budget_cap_cell: Cell | None = None
    indicators_cap: Num | None = None
    indicators_cap_cell: Cell | None = None
    indicators: list[Indicator] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    has_reason_column: bool = False
    total_weight: Num | None = None
    total_score: Num | None = None
    total_weight_cell: Cell | None = None
    total_score_cell: Cell | None = None
    conclusion: Cell | None = None
    grade_cell: Cell | None = None  # a 自评等级 row's cell holding only the grade word
    text: str = ""  # all cell texts, for formulas stated in notes

    @property
    def table(self) -> Table:
        return self.tables[0]

    @property
    def budget(self) -> BudgetRow | None:
        """The row that carries the budget block's points (总额 / 年度资金总额)."""
        for row in self.budget_rows:
            if row.weight is not None or row.score is not None:
                return row
        return self.budget_rows[0] if self.budget_rows else None

    @property
    def closed(self) -> bool:
        return self.total_score_cell is not None or self.total_weight_cell is not None or self.conclusion is not None

    def weight_terms(self) -> list[Num] | None:
        """Budget weight then indicator weights; None when any is missing."""
        terms: list[Num] = []
        budget = self.budget
        if budget is not None and budget.weight is not None:
            terms.append(budget.weight)
        elif self.budget_cap is not None:
            terms.append(self.budget_cap)  # 预算执行情况（10分） with no 权重 column
        for ind in self.indicators:
            if ind.weight is None:
                return None
            terms.append(ind.weight)
        return terms

    def score_terms(self) -> list[Num] | None:
        terms: list[Num] = []
        budget = self.budget
        if (budget is not None and budget.weight is not None) or self.budget_cap is not None:
            if budget is None or budget.score is None:
                return None
            terms.append(budget.score)
        for ind in self.indicators:
            if ind.score is None:
                return None
            terms.append(ind.score)
        return terms


def project_name(text: str) -> str:
    """The project's name without its budget code prefix (51090423T0000…-)."""
    t = _SPACE.sub("", text).strip().rstrip(".。")
    return PROJECT_CODE.sub("", t)


def _roles(row: list[Cell], roles) -> dict[str, int]:
    """Column role -> index. With one 分值 column per level (一级指标 | 分值 | 二级指标
    | 分值 | 三级指标 | 分值 | 得分) the last weight column, the leaves', counts."""
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        t = squash(cell.text)
        for role, pattern in roles:
            if (role not in found or (role == "weight" and "score" not in found)) and pattern.search(t):
                found[role] = i
                break
    return found


def _indicator_header(row: list[Cell]) -> dict[str, int] | None:
    if not any("分" in squash(c.text) for c in row):
        return None  # every score role says 分: most rows of most tables end here
    roles = _roles(row, INDICATOR_ROLES)
    if "weight" in roles and "score" in roles and ({"name", "target", "level1", "level2"} & roles.keys()):
        return roles
    return None


def _budget_header(row: list[Cell]) -> dict[str, int] | None:
    if not any("执行数" in squash(c.text) for c in row):
        return None  # the executed role is required
    roles = _roles(row, BUDGET_ROLES)
    if "executed" in roles and ({"adjusted", "initial"} & roles.keys()):
        return roles
    return None


def _aligned(row: list[Cell], header_len: int, index: int) -> Cell | None:
    """The cell of ``row`` under header column ``index``, counting from the right."""
    pos = len(row) - (header_len - index)
    if 0 <= pos < len(row):
        return row[pos]
    return None


def _cap(cell: Cell) -> tuple[str, Num] | None:
    m = CAP_RE.match(squash(cell.text))
    if not m:
        return None
    cap = Num.parse(m.group("cap"))
    return (m.group("label"), cap) if cap is not None else None


def _first_text(row: list[Cell]) -> tuple[int, str]:
    for i, cell in enumerate(row):
        t = squash(cell.text)
        if t:
            return i, t
    return -1, ""


def _numbers_after(row: list[Cell], start: int) -> list[tuple[Cell, Num]]:
    out = []
    for cell in row[start + 1 :]:
        n = parse_points(cell.text)
        if n is not None:
            out.append((cell, n))
    return out


class _Parser:
    """Walks the rows of one or more Table blocks and fills a ScoreTable."""

    def __init__(self, st: ScoreTable) -> None:
        self.st = st
        self.mode = ""  # "budget" or "indicators"
        self.header: dict[str, int] = {}
        self.header_len = 0
        self.category: Category | None = None
        self.category_left: tuple[str, ...] = ()  # the cells left of the indicator where it opened
        self.header_row: list[str] | None = None  # the indicator header's texts, to know it repeated

    def feed(self, table: Table) -> None:
        for row in table.rows:
            self.row(row)

    def row(self, row: list[Cell]) -> None:
        st = self.st
        if not row:
            return
        first_i, first = _first_text(row)
        if first in NAME_LABELS:
            rest = [c for c in row[first_i + 1 :] if squash(c.text)]
            if rest and not st.project:
                st.project = project_name(rest[0].text)
                st.project_cell = rest[0]
            return
        if first in SUBTOTAL_LABELS:
            return
        if first in TOTAL_LABELS:
            self.total(row, first_i)
            self.mode = ""
            return
        if first in GRADE_LABELS:
            rest = [c for c in row[first_i + 1 :] if squash(c.text)]
            if rest and bare_grade(rest[0].text):
                st.grade_cell = rest[0]
                self.mode = ""
                return
        if first in CONCLUSION_LABELS:
            rest = [c for c in row[first_i + 1 :] if squash(c.text)]
            if rest:
                st.conclusion = rest[0]
            self.mode = ""
            return
        header = _indicator_header(row)
        if header is not None:
            self.mode, self.header, self.header_len = "indicators", header, len(row)
            self.header_row = _header_texts(row)
            st.has_reason_column = st.has_reason_column or "reason" in header
            for cell in row:
                cap = _cap(cell)
                if cap and "绩效指标" in cap[0]:
                    st.indicators_cap, st.indicators_cap_cell = cap[1], cell
            return
        header = _budget_header(row)
        if header is not None:
            self.mode, self.header, self.header_len = "budget", header, len(row)
            for cell in row:
                cap = _cap(cell)
                if cap and "预算" in cap[0]:
                    st.budget_cap, st.budget_cap_cell = cap[1], cell
            return
        if self.mode == "budget":
            self.budget_row(row)
        elif self.mode == "indicators":
            self.indicator_row(row)

    def cell(self, row: list[Cell], role: str) -> Cell | None:
        if role not in self.header:
            return None
        return _aligned(row, self.header_len, self.header[role])

    def budget_row(self, row: list[Cell]) -> None:
        get = self.cell
        initial, adjusted, executed = get(row, "initial"), get(row, "adjusted"), get(row, "executed")
        for c in (initial, adjusted, executed):
            t = squash(c.text) if c is not None else ""
            if t not in NOT_APPLICABLE and Num.parse(t) is None:
                self.mode = ""  # words under the amount columns: the budget block is over
                return
        first_value = min(
            (
                len(row) - (self.header_len - self.header[r])
                for r in ("initial", "adjusted", "executed")
                if r in self.header
            ),
            default=0,
        )
        label = "".join(squash(c.text) for c in row[: max(first_value, 0)])
        br = BudgetRow(label=label, row=row)
        br.initial = Num.parse(squash(initial.text)) if initial else None
        br.adjusted = Num.parse(squash(adjusted.text)) if adjusted else None
        br.executed = Num.parse(squash(executed.text)) if executed else None
        rate = get(row, "rate")
        if rate is not None:
            br.rate, br.rate_cell = parse_percent(rate.text), rate
        weight, score = get(row, "weight"), get(row, "score")
        if weight is not None:
            br.weight, br.weight_cell = parse_points(weight.text), weight
        if score is not None:
            br.score, br.score_cell = parse_points(score.text), score
        if br.adjusted is None and br.executed is None and br.weight is None and br.score is None:
            return
        self.st.budget_rows.append(br)

    def indicator_row(self, row: list[Cell]) -> None:
        st = self.st
        get = self.cell
        weight_c, score_c = get(row, "weight"), get(row, "score")
        # Cells left of the second-level column name the first-level group.
        anchor = next((r for r in ("level2", "name", "target") if r in self.header), "weight")
        left_end = len(row) - (self.header_len - self.header[anchor])
        if weight_c is None or score_c is None:
            left_end = len(row)
        left = row[: max(left_end, 0)]
        left_texts = tuple(squash(c.text) for c in left)
        for cell in left:
            self.maybe_category(cell, left_texts)
        if weight_c is None or score_c is None:
            return
        weight, score = parse_points(weight_c.text), parse_points(score_c.text)
        if weight is None and score is None:
            return
        # A weight column holding words is a misaligned row: skip it.
        if (squash(weight_c.text) not in NOT_APPLICABLE and weight is None) or (
            squash(score_c.text) not in NOT_APPLICABLE and score is None
        ):
            return

        def text(role: str) -> str:
            c = get(row, role)
            return c.text.strip() if c is not None else ""

        if "name" in self.header and not squash(text("name")) and not squash(text("target") + text("actual")):
            # A group's own row (产出指标 | | | 50 | 48): its weight is the cap of the rows below.
            label = next((squash(c.text) for c in row[: max(left_end, 0)] if squash(c.text)), "")
            if label and weight is not None:
                self.category = Category(label, weight, weight_c)
                self.category_left = ()
                st.categories.append(self.category)
            return

        reason_c = get(row, "reason")
        ind = Indicator(
            name=_SPACE.sub("", text("name")),
            row=row,
            weight=weight,
            score=score,
            weight_cell=weight_c,
            score_cell=score_c,
            nature=squash(text("nature")),
            target=text("target"),
            unit=squash(text("unit")),
            actual=text("actual"),
            reason=(reason_c.text.strip() if reason_c is not None else ("" if "reason" in self.header else None)),
            level1=self.category.label if self.category else "",
            level2=squash(text("level2")),
        )
        st.indicators.append(ind)
        if self.category is not None:
            self.category.indicators.append(ind)

    def maybe_category(self, cell: Cell, left: tuple[str, ...] = ()) -> None:
        """Open a level-1 group where ``cell`` names one. ``left`` is what the row holds left
        of its indicator: a table typed without merged cells repeats all of it on each row
        of a group, which continues the group; the same label beside another goal (目标1,
        目标2 each with 产出指标（20分）) opens a new one."""
        t = squash(cell.text)
        if not t:
            return
        cap = _cap(cell)
        label = cap[0] if cap else t
        if "绩效指标" in label and cap:
            self.st.indicators_cap, self.st.indicators_cap_cell = cap[1], cell
            return
        if cap or label in LEVEL1_LABELS:
            if self.category is not None and left and left == self.category_left:
                return  # the group's row repeated, label and all
            self.category = Category(label, cap[1] if cap else None, cell if cap else None)
            self.category_left = left
            self.st.categories.append(self.category)

    def total(self, row: list[Cell], first_i: int) -> None:
        st = self.st
        nums = _numbers_after(row, first_i)
        if len(nums) >= 2:
            (wc, w), (sc, s) = nums[0], nums[1]
            st.total_weight, st.total_weight_cell = w, wc
            st.total_score, st.total_score_cell = s, sc
        elif len(nums) == 1 and self.mode == "indicators" and "score" in self.header:
            # One number: trust the column only when the row is as wide as its header.
            cell, n = nums[0]
            if len(row) == self.header_len and row.index(cell) == self.header["score"]:
                st.total_score, st.total_score_cell = n, cell
            elif len(row) == self.header_len and row.index(cell) == self.header.get("weight"):
                st.total_weight, st.total_weight_cell = n, cell


def _header_texts(row: list[Cell]) -> list[str]:
    return [t for t in (squash(c.text) for c in row) if t]


def _weights_close(st: ScoreTable) -> bool:
    """Whether the rows read so far already add up to a full table (100 or the caps)."""
    terms = st.weight_terms()
    if not terms:
        return False
    total = sum((t.value for t in terms), Decimal(0))
    caps = [c.value for c in (st.indicators_cap,) if c is not None]
    if st.budget_cap is not None and st.indicators_cap is not None:
        caps.append(st.budget_cap.value + st.indicators_cap.value)
    return total == 100 or total in caps


def _starts_score_table(table: Table, current: ScoreTable | None, header_row: list[str] | None = None) -> bool:
    """A 项目名称 row starts a new table; so does a header the open table already has.

    A table cut by a page break between its budget block and its indicators
    goes on: the second part brings the indicator header the first lacked.
    So does one whose header row is repeated on the new page (Word's 标题行重复,
    a PDF's repeated header): the same header texts again, while the rows read
    so far do not yet add up to a full table.
    """
    for row in table.rows:
        _, first = _first_text(row)
        if first in NAME_LABELS:
            return True
        if _indicator_header(row):
            if current is None or not current.indicators:
                return current is None
            repeated = header_row is not None and _header_texts(row) == header_row
            return not (repeated and not _weights_close(current))
        if _budget_header(row):
            return current is None or bool(current.budget_rows)
    return False


def _short_gap(between: list, max_gap: int) -> bool:
    """Whether the blocks between two tables are at most ``max_gap`` short paragraphs
    (a page header, a 续表 line). Asked only when a score table is open, so the
    paragraphs of a report without one are never measured."""
    return len(between) <= max_gap and all(
        isinstance(b, Paragraph) and len(_SPACE.sub("", b.text)) <= 20 for b in between
    )


def parse_tables(blocks: list, max_gap: int = 2) -> list[ScoreTable]:
    """All score tables among ``blocks`` (a document's blocks, in order).

    A headerless table that follows an open score table within ``max_gap``
    short blocks continues it.
    """
    out: list[ScoreTable] = []
    current: tuple[ScoreTable, _Parser] | None = None
    last = -1  # index of the previous table
    for i, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        open_table = None
        if current is not None and not current[0].closed and _short_gap(blocks[last + 1 : i], max_gap):
            open_table = current[0]
        header_row = current[1].header_row if current is not None else None
        if open_table is None or _starts_score_table(block, open_table, header_row):
            current = None
            st = ScoreTable(tables=[block])
            parser = _Parser(st)
            parser.feed(block)
            if st.indicators or st.budget_rows:
                out.append(st)
                current = (st, parser)
        else:
            st, parser = current
            st.tables.append(block)
            parser.feed(block)
        last = i
    for st in out:
        st.text = "\n".join(t.text for t in st.tables)
        # A category with neither a cap nor indicators is noise from merged cells.
        st.categories = [c for c in st.categories if c.indicators or c.cap is not None]
    return out


def document_score_tables(document: Document) -> list[ScoreTable]:
    return parse_tables(document.blocks)


@dataclass(frozen=True)  # shared by every rule through the per-document memo
class ScoreStatement:
    """A score (and maybe a grade) stated in running text: 自评得分为97.13分，评价等级为“优秀”."""

    score: Num
    grade: str
    subject: str  # the clause before the score phrase: who or what was scored
    start: int
    end: int


@per_document
def score_statements(text: str) -> tuple[ScoreStatement, ...]:
    """Scores stated in ``text``, each with the grade stated in the same sentence
    (memoised: several SCORE rules read every paragraph)."""
    if "分" not in text:
        return ()  # every score phrase ends in 分
    out: list[ScoreStatement] = []
    for m in SCORE_PHRASE.finditer(text):
        raw = m.group("score") or m.group("score2")
        num = Num.parse(raw)
        if num is None:
            continue
        # "满意度指标自评得分10分" scores one indicator, not the project.
        if any(w in text[max(0, m.start() - 12) : m.start()] for w in INDICATOR_WORDS):
            continue
        if SCALE_AFTER.match(text, m.end()) or "满分" in text[max(0, m.start() - 4) : m.start()]:
            continue
        sent_start = max(text.rfind(ch, 0, m.start()) for ch in "。；;！!\n") + 1
        ends = [i for i in (text.find(ch, m.end()) for ch in "。；;！!\n") if i >= 0]
        sent_end = min(ends) if ends else len(text)
        clause_start = max(sent_start, max(text.rfind(ch, 0, m.start()) for ch in "，,") + 1)
        subject = text[clause_start : m.start()]
        if len(subject) < 4:
            subject = text[sent_start : m.start()]
        # The grade is the one stated next to the score, not a year-ago grade later on.
        g = GRADE_PHRASE.search(text, m.end(), min(sent_end, m.end() + 30))
        if g is None:
            g = GRADE_PHRASE.search(text, max(sent_start, m.start() - 30), m.start())
        out.append(ScoreStatement(num, g.group("grade") if g else "", subject, m.start(), m.end()))
    return tuple(out)


@per_document
def _bigrams(name: str) -> frozenset[str]:
    """The character bigrams of a project name, punctuation and spaces dropped (memoised:
    every score the text states is matched against every table's name)."""
    name = re.sub(r"[、，,（）()\s]", "", name)
    return frozenset(name[i : i + 2] for i in range(len(name) - 1))


def bigram_similarity(name: str, text: str) -> Decimal:
    """Share of the name's character bigrams found in ``text`` (0..1)."""
    grams = _bigrams(name)
    if not grams:
        return Decimal(0)
    hit = sum(1 for g in grams if g in text)
    return Decimal(hit) / Decimal(len(grams))


# --- 完成值 against 指标值 ---------------------------------------------------

_OPS = {
    "ge": ("≥", ">=", "大于等于", "不低于", "不少于", "不小于", "至少", "达到", "≧"),
    "le": ("≤", "<=", "小于等于", "不高于", "不超过", "不多于", "控制在", "≦"),
    "eq": ("=", "＝", "等于"),
    "gt": (">", "＞", "高于", "大于", "超过"),
    "lt": ("<", "＜", "低于", "小于"),
}
_OP_WORDS = sorted(((w, k) for k, ws in _OPS.items() for w in ws), key=lambda x: -len(x[0]))
_QUANTITY = re.compile(r"^(?P<num>\d+(?:\.\d+)?)(?P<unit>[^\d.]{0,4})$")


def _operator(text: str) -> tuple[str, str]:
    """("ge", rest) for "≥6次"; ("", text) when no comparison is written."""
    for word, kind in _OP_WORDS:
        if text.startswith(word):
            return kind, text[len(word) :]
    return "", text


def _quantity(text: str) -> tuple[Decimal, str] | None:
    m = _QUANTITY.match(text)
    if not m:
        return None
    n = Num.parse(m.group("num"))
    return (n.value, m.group("unit")) if n is not None else None


def _word(text: str) -> str:
    return re.sub(r"[“”\"'‘’「」。，,.!！]", "", squash(text))


def target_met(ind: Indicator, scales: list[list[list[str]]] | None = None) -> bool | None:
    """True when 完成值 meets 指标值, False when it misses, None when undecidable.

    Numbers are compared with the operator of the 指标性质 column or the one
    written in the target (≥6次, ≤2000元); a bare target is only known to be
    met when the value is the same. Qualitative targets are met by the same
    word or a better word of one scale (合格, 有效, 好).
    """
    target, actual = squash(ind.target), squash(ind.actual)
    if not target or not actual or target in NOT_APPLICABLE or actual in NOT_APPLICABLE:
        return None
    op, rest = _operator(target)
    nature_op, _ = _operator(ind.nature)
    op = op or nature_op
    t, a = _quantity(rest), _quantity(actual)
    if t is not None and a is not None:
        (tv, tu), (av, au) = t, a
        tu = tu or ind.unit  # the 度量单位 column applies to the target
        if tu and au and tu != au:
            return None
        if op == "ge":
            return av >= tv
        if op == "le":
            return av <= tv
        if op == "gt":
            return av > tv
        if op == "lt":
            return av < tv
        if op == "eq":
            return av == tv
        return True if av == tv else None
    if t is not None or a is not None:
        return None
    tw, aw = _word(rest), _word(actual)
    if tw == aw:
        return True
    for scale in scales or []:
        rank = {w: i for i, words in enumerate(scale) for w in words}
        if tw in rank and aw in rank:
            return rank[aw] >= rank[tw]
    return None
