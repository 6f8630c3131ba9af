"""Cross-references: the same quantity stated twice with different values.

XREF001 (error)  two statements of one quantity (same year, scope, project)
                 whose printed intervals cannot meet by more than rounding.
XREF002 (note)   the same, but the gap is one unit in the last printed place
                 (1286.10 vs 1286.09): a 尾差 a user may want to switch off.
XREF003 (warning) the same count of things (人次, 家, 个…) stated twice with
                 different numbers, matched by its noun phrase.

The statements come from ``fiscalint.facts.quantities`` (money and scores,
keyed by the vocabulary pack) and counts of things (matched by noun phrase). A conflict is reported once, at the later statement, with a
related location at the first one (SARIF relatedLocations).
"""

from __future__ import annotations

from decimal import Decimal

from fiscalint.facts.numbers import Num, fmt
from fiscalint.facts.quantities import (
    CountStatement,
    Statement,
    Vocabulary,
    extract_statements_and_counts,
    group_statements,
)
from fiscalint.hookspecs import hookimpl
from fiscalint.model import Location, Related
from fiscalint.rule import Event, Rule, RuleContext

_HELP_COMMON = """

同一个数量（同一名称、同一年度、同一口径；项目数据还须属于同一项目）在报告中出现两次，
数值却不同。比较时按“区间规则”：保留 d 位小数的数表示 v ± 0.5×10⁻ᵈ 的区间，两个区间无法相交才算不一致。

名称与口径由规则包 `rules/vocabulary.toml` 定义：财政拨款收入与本年收入合计不是同一数量，
一般公共预算财政拨款基本支出与（全部资金的）基本支出也不是同一数量；上年数与本年数不比较。
项目数据（预算数、执行数、自评得分）按所属的项目绩效自评报告或自评表（项目名称）匹配。

问题报告在较后或较不权威的一处（公开表优先于文字说明），并以关联位置指向另一处。

如何修改：核对决算报表，改正错误的一处，使全文一致。
"""

_HELP_COMMON_EN = """

The same quantity (same name, year and scope; for project figures, the same
project) is stated twice with different values. Values are compared as
intervals: a value printed with d decimals stands for v ± 0.5·10⁻ᵈ; they
disagree only when the intervals cannot meet.

Names and scopes come from the rule pack `rules/vocabulary.toml`:
财政拨款收入 is not 本年收入合计, 一般公共预算财政拨款基本支出 is not 基本支出
(all funds); last year's figures are not compared with this year's.
Project figures (预算数, 执行数, 自评得分) are matched by the project report or
self-evaluation table (项目名称) they belong to.

The finding is reported at the later or less authoritative place (the 公开表
win over the prose), with a related location at the other.

How to fix: check the statements against the 决算 tables and correct the
wrong one so that the report agrees with itself.
"""


def _meet(a, b) -> bool:
    """True when two printed values can stand for the same number.

    A value printed with d decimals stands for [v − h, v + h) with
    h = 0.5·10⁻ᵈ (half up), so 83.88 and 83.89 touch but cannot meet.
    """
    return max(a.lo, b.lo) < min(a.hi, b.hi)


def _one_unit(a, b) -> bool:
    """True when the values differ by at most one unit in the last printed place."""
    d = min(a.decimals, b.decimals)
    return d >= 1 and abs(a.value - b.value) <= Decimal(10) ** -d


def _same_block(a: Location, b: Location) -> bool:
    """Two statements in one paragraph (or TXT line) are left alone: a paragraph
    that states one quantity twice is contrasting two things (编制 and 实有…)."""
    if a.table is not None or b.table is not None:
        return False
    if a.line is not None:
        return a.line == b.line
    if a.paragraph is not None:
        return a.paragraph == b.paragraph
    return False


def _conflicts(statements: list[Statement]) -> list[tuple[Statement, Statement]]:
    """(anchor, other) pairs that disagree: each other value reported once, against the anchor.

    The anchor is the first statement in a table (the 公开表 are the
    authoritative source), else the first statement; the finding goes to the
    other, less authoritative place.
    """
    anchor = next((s for s in statements if s.from_table), statements[0])
    out: list[tuple[Statement, Statement]] = []
    seen: set[Decimal] = set()
    for s in statements:
        if s is anchor or _same_block(s.location, anchor.location):
            continue
        if _meet(anchor.value, s.value) or s.value.value in seen:
            continue
        seen.add(s.value.value)
        out.append((anchor, s))
    return out


def _vocabulary(ctx: RuleContext) -> Vocabulary:
    return ctx.facts.document("crossref.vocabulary", lambda: Vocabulary.from_packs(ctx.packs))


def _extraction(ctx: RuleContext) -> tuple[list[Statement], list[CountStatement]]:
    """The document's statements (XREF001/002) and counts (XREF003), found in one walk."""
    return ctx.facts.document(
        "crossref.extraction", lambda: extract_statements_and_counts(ctx.document, _vocabulary(ctx))
    )


def quantity_conflicts(ctx: RuleContext) -> list[tuple[Statement, Statement]]:
    """All disagreeing pairs of the document, computed once for XREF001 and XREF002."""

    def compute() -> list[tuple[Statement, Statement]]:
        groups = group_statements(_extraction(ctx)[0])
        pairs: list[tuple[Statement, Statement]] = []
        for statements in groups.values():
            if len(statements) > 1:
                pairs.extend(_conflicts(statements))
        return pairs

    return ctx.facts.document("crossref.quantity_conflicts", compute)


def _year_words(s: Statement) -> tuple[str, str]:
    if s.year is None:
        return "", ""
    return f"{s.year}年", f"{s.year} "


_PRINTED_UNITS = ((Decimal(1), "万元"), (Decimal("0.0001"), "元"), (Decimal(10000), "亿元"))


def _printed(s: Statement) -> tuple[str, str, str]:
    """The value as printed with its own unit: ("13,000,000.00", "元", " 元").

    Statements hold their value in 万元; ``value.text`` is the printed figure
    before conversion, so the printed unit is the factor between the two.
    """
    if s.quantity.unit == "score":
        return s.value.text, "分", " points"
    raw = Num.parse(s.value.text)
    unit = "万元"
    if raw is not None:
        if raw.value != 0:
            factor = s.value.value / raw.value
            unit = next((u for f, u in _PRINTED_UNITS if f == factor), "万元")
        elif s.value.decimals - raw.decimals == 4:
            unit = "元"
    return s.value.text, unit, f" {unit}"


def _difference(first: Statement, later: Statement) -> tuple[str, str, str]:
    """The gap in the unit both were printed in, else in 万元 at a readable precision."""
    _, unit_a, _ = _printed(first)
    _, unit_b, _ = _printed(later)
    diff = abs(later.value.value - first.value.value)
    if unit_a == unit_b and unit_a != "分":
        raw_a, raw_b = Num.parse(first.value.text), Num.parse(later.value.text)
        if raw_a is not None and raw_b is not None:
            factor = next(f for f, u in _PRINTED_UNITS if u == unit_a)
            d = max(raw_a.decimals, raw_b.decimals)
            return fmt(diff / factor, d), unit_a, f" {unit_a}"
    if unit_a == "分":
        return fmt(diff, max(first.value.decimals, later.value.decimals)), "分", " points"
    # Mixed units (元 against 万元): 万元 with the coarser precision, at least 2 decimals.
    d = max(2, min(first.value.decimals, later.value.decimals))
    return fmt(diff, d), "万元", " 万元"


def _report_pair(ctx: RuleContext, first: Statement, later: Statement, rounding: bool) -> None:
    q = later.quantity
    year_zh, year_en = _year_words(later)
    later_text, later_zh, later_en = _printed(later)
    first_text, first_zh, first_en = _printed(first)
    diff_text, diff_zh, diff_en = _difference(first, later)
    where_zh = first.location.human("zh")
    where_en = first.location.human("en")
    project = f"（{later.context.name}）" if q.per == "project" and later.context.name else ""
    project_en = f" ({later.context.name})" if q.per == "project" and later.context.name else ""
    if q.scope == "inherit" and later.scope in _vocabulary(ctx).labels:
        label, label_en = _vocabulary(ctx).labels[later.scope]
        project += f"（{label}口径）"
        project_en += f" ({label_en})"
    kind_zh = "仅差末位一个单位，属尾差" if rounding else "超出四舍五入所能解释的范围"
    kind_en = "one unit in the last place: a rounding difference" if rounding else "more than rounding can explain"
    ctx.report(
        later.location,
        f"{year_zh}{q.name}{project}此处为{later_text}{later_zh}（“{later.printed}”），"
        f"但{where_zh}为{first_text}{first_zh}（“{first.printed}”），相差{diff_text}{diff_zh}，{kind_zh}",
        f"{year_en}{q.name} ({q.name_en}){project_en} is {later_text}{later_en} here "
        f"but {first_text}{first_en} at {where_en}; difference {diff_text}{diff_en}, {kind_en}",
        related=[
            Related(
                first.location,
                f"{q.name}在此处为{first_text}{first_zh}",
                f"{q.name} is {first_text}{first_en} here",
            )
        ],
    )


class QuantityMismatch(Rule):
    code = "XREF001"
    name = "quantity-mismatch"
    summary = "同一数量在报告中两处数值不一致"
    summary_en = "The same quantity is stated twice with different values"
    level = "error"
    tags = ("cross-reference",)
    help = (
        "两处陈述同一数量（如本年收入合计、基本支出、项目执行数），差额超出四舍五入所能解释的范围。"
        + _HELP_COMMON
        + "\n末位仅差一个单位的尾差由 XREF002 报告。"
    )
    help_en = (
        "Two statements of one quantity (本年收入合计, 基本支出, a project's 执行数…) differ by more "
        "than rounding can explain." + _HELP_COMMON_EN + "\nA difference of one unit in the last place is XREF002."
    )

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        for first, later in quantity_conflicts(ctx):
            if not _one_unit(first.value, later.value):
                _report_pair(ctx, first, later, rounding=False)


class QuantityRounding(Rule):
    code = "XREF002"
    name = "quantity-rounding-mismatch"
    summary = "同一数量两处数值末位相差一个单位（尾差）"
    summary_en = "The same quantity is stated twice, one unit apart in the last place"
    level = "note"
    tags = ("cross-reference", "rounding")
    help = (
        "两处陈述同一数量，数值仅在末位相差一个单位（如 1286.10 与 1286.09），多为一处取自未四舍五入的数据。"
        + _HELP_COMMON
        + '\n这是尾差，级别为 note，可单独关闭（ignore = ["XREF002"]）。'
    )
    help_en = (
        "Two statements of one quantity differ by one unit in the last printed place (1286.10 vs "
        "1286.09), usually because one was computed from unrounded data." + _HELP_COMMON_EN + "\nThis is a "
        'rounding difference at level note; switch it off with ignore = ["XREF002"].'
    )

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        for first, later in quantity_conflicts(ctx):
            if _one_unit(first.value, later.value):
                _report_pair(ctx, first, later, rounding=True)


class CountMismatch(Rule):
    code = "XREF003"
    name = "count-mismatch"
    summary = "同一事项的数量（人次、家、个…）两处说法不一致"
    summary_en = "The same count of things (人次, 家, 个…) is stated twice with different numbers"
    level = "warning"
    tags = ("cross-reference",)
    help = """
同一事项的数量在报告中说了两次，数字却不同，例如一处“33家机构入驻”，另一处“36家机构入驻”。

只比较措辞相同的说法：同一名词短语、同一量词、同一年度；带“余”“近”“约”“以上”等
约数、带目标值（≥、计划、目标）或与上年比较的说法不比较。

如何修改：核实实际数字，改正错误的一处。
"""
    help_en = """
The same count is stated twice with different numbers, e.g. "33家机构入驻" in
one place and "36家机构入驻" in another.

Only like statements are compared: the same noun phrase, measure word and
year; approximate figures (余, 近, 约, 以上), targets (≥, 计划, 目标) and
comparisons with last year are left out.

How to fix: check the real figure and correct the wrong statement.
"""

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        counts = _extraction(ctx)[1]
        groups: dict[tuple, list[CountStatement]] = {}
        for c in counts:
            groups.setdefault(c.key, []).append(c)
        for items in groups.values():
            first = items[0]
            for later in items[1:]:
                if later.value == first.value or _same_block(later.location, first.location):
                    continue
                if first.region and later.region and first.region != later.region:
                    continue
                if _two_projects(first, later):
                    continue
                self._report_conflict(ctx, first, later, counts)
                break  # one conflict per phrase: the first against the first that differs

    def _report_conflict(
        self, ctx: RuleContext, first: CountStatement, later: CountStatement, counts: list[CountStatement]
    ) -> None:
        """Report at the statement the rest of the report outvotes, or at both.

        A shorter wording of the same phrase with the same number elsewhere
        (36家人力资源机构入驻 for 36家创新型人力资源机构入驻) supports that number;
        when one side has more support, only the other side is reported.
        """
        support = {first.value: 0, later.value: 0}
        for c in counts:
            if c is first or c is later or c.measure != first.measure or c.form != first.form:
                continue
            if c.value in support and _same_thing(c, first):
                support[c.value] += 1
        if support[first.value] > support[later.value]:
            self._report(ctx, later, first)
        elif support[later.value] > support[first.value]:
            self._report(ctx, first, later)
        else:
            # Neither statement is more authoritative than the other: say
            # it at both places, each pointing at the other.
            self._report(ctx, later, first)
            self._report(ctx, first, later)

    @staticmethod
    def _report(ctx: RuleContext, here: CountStatement, other: CountStatement) -> None:
        diff = abs(here.value - other.value)
        ctx.report(
            here.location,
            f"此处“{here.printed}”为{here.value}{here.measure}，但{other.location.human('zh')}"
            f"“{other.printed}”为{other.value}{other.measure}，相差{diff}{here.measure}",
            f'"{here.printed}" gives {here.value} ({here.measure}) here but "{other.printed}" gives '
            f"{other.value} at {other.location.human('en')}; difference {diff}",
            related=[
                Related(
                    other.location,
                    f"此处为{other.value}{other.measure}（“{other.printed}”）",
                    f'{other.value} here ("{other.printed}")',
                )
            ],
        )


def _two_projects(a: CountStatement, b: CountStatement) -> bool:
    """Both counts are stated in project reports, and not the same one: each
    may count its own project's share, so they are not compared."""
    ca, cb = a.context, b.context
    if ca is None or cb is None or ca.kind not in ("project", "table") or cb.kind not in ("project", "table"):
        return False
    return ca.key != cb.key


def _same_thing(a: CountStatement, b: CountStatement) -> bool:
    """One phrase is the other with words left off its front or back (≥4 characters shared)."""
    short, long_ = sorted((a.phrase, b.phrase), key=len)
    return len(short) >= 4 and (long_.endswith(short) or long_.startswith(short))


@hookimpl
def fiscalint_rules() -> list[type[Rule]]:
    return [QuantityMismatch, QuantityRounding, CountMismatch]
