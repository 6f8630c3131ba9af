"""Sum rules: a stated total against the sum of its stated parts.

SUM001/SUM002  prose breakdowns (其中 lists, 主要用于 lists, 基本支出 = 人员经费 +
               公用经费, the 具体情况 项 list against its total and against each
               类 of the 结构 paragraph): error / rounding only (尾差).
SUM003/SUM004  tables: 合计/总计/小计 rows and columns: error / rounding only.
SUM005         parts that exceed their total (a partial 其中 list, a 其中 row
               greater than its parent row).

An error and its rounding-only variant are two rules over one computation
(``ctx.facts.document``), so users can switch the notes off on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from fiscalint.facts.amounts import UNIT_FACTORS, Amount
from fiscalint.facts.breakdowns import Breakdown, cached_breakdowns, class_checks
from fiscalint.facts.numbers import Num, fmt
from fiscalint.facts.tables import TableSum, document_table_sums
from fiscalint.facts.tolerance import ERROR, ROUNDING, SumVerdict, check_sum, exceeds, harmonise
from fiscalint.hookspecs import hookimpl
from fiscalint.model import Location, Related
from fiscalint.rule import Rule

# English messages print 万元, 亿元 and 千元 as the report does ("0.60 亿元"): "0.60 100m yuan" or
# "6000 10k yuan" read like one number.
UNIT_EN = {
    "万元": "万元",
    "元": "yuan",
    "亿元": "亿元",
    "千元": "千元",
    "": "",
    "辆": "vehicles",
    "人": "persons",
}


@dataclass
class SumCase:
    """One stated total with the parts it claims to be made of.

    ``total`` and ``terms`` are what the verdict is computed on: money in 万元 (in 亿元 when a
    figure is printed in 亿元, which 万元 holds only to its units place), so that every figure
    stands for ±0.5 of its own last printed unit; counts as printed. ``printed`` and
    ``printed_terms`` are the figures as the report prints them, with their units, for the message.
    """

    location: Location
    label: str
    total: Num
    unit: str  # the unit of ``total`` and ``terms``
    terms: list[tuple[str, Num]]
    complete: bool
    what: str  # breakdown | items | class
    related: list[Related]
    printed: Amount
    printed_terms: list[tuple[str, Amount]]

    @property
    def exact(self) -> bool:
        """Counts (辆, 人) are exact; money is rounded to its printed decimals."""
        return self.unit not in UNIT_FACTORS

    def tolerance(self, extra: Decimal) -> Decimal:
        """abs_tolerance, given in 万元 for money, in the unit of ``total``."""
        return extra * UNIT_FACTORS["万元"] / UNIT_FACTORS[self.unit] if self.unit in UNIT_FACTORS else extra


def _case(
    location: Location,
    label: str,
    total: Amount,
    parts: list[tuple[str, Amount]],
    complete: bool,
    what: str,
    related: list[Related],
) -> SumCase:
    if not parts[0][1].is_money:  # a count: checked as printed
        unit = total.unit
        return SumCase(
            location, label, total.wan, unit, [(lab, a.wan) for lab, a in parts], complete, what, related, total, parts
        )
    unit = "亿元" if any(a.unit == "亿元" for a in (total, *(a for _, a in parts))) else "万元"

    def common(a: Amount) -> Num:
        if a.unit == unit or a.unit not in UNIT_FACTORS:
            return a.num
        return a.num.scaled(UNIT_FACTORS[a.unit] / UNIT_FACTORS[unit])

    terms = [(lab, common(a)) for lab, a in parts]
    return SumCase(location, label, common(total), unit, terms, complete, what, related, total, parts)


def prose_cases(bds: list[Breakdown]) -> list[SumCase]:
    """Every prose total with its parts, shared by SUM001, SUM002 and SUM005."""
    out: list[SumCase] = []
    for b in bds:
        related = [
            Related(p.location, f"{p.label} {p.amount.text}", f"{p.label} {p.amount.text}")
            for p in b.parts
            if (p.location.line, p.location.paragraph, p.location.page)
            != (b.location.line, b.location.paragraph, b.location.page)
        ][:10]
        if "total_location" in b.extra:
            related.append(Related(b.extra["total_location"], f"{b.label}在此说明", f"{b.label} is stated here"))
        total = Amount(b.total, b.total_unit, 0, 0)
        parts = [(p.label, p.amount) for p in b.parts]
        out.append(_case(b.location, b.label, total, parts, b.complete, b.kind, related))
    for c in class_checks(bds):
        first = c.members[0]
        related = [Related(c.structure.location, f"{c.part.label}在此说明", f"{c.part.label} is stated here")]
        parts = [(m.label, m.amount) for m in c.members]
        out.append(_case(first.location, c.part.label, c.part.amount, parts, True, "class", related))
    return out


def _terms(terms: list[tuple[str, Num]], limit: int = 10, lang: str = "zh", units: list[str] | None = None) -> str:
    """ "人员经费 475.43 + 公用经费 86.57"; zero terms are counted, not listed; ``units`` follow each term."""
    suffix = units or [""] * len(terms)
    shown = [f"{lab} {n.text or n.value}{u}".strip() for (lab, n), u in zip(terms, suffix, strict=True) if n.value != 0]
    zeros = sum(1 for _, n in terms if n.value == 0)
    if len(shown) > limit:
        more = len(shown) - (limit - 1)
        shown = [*shown[: limit - 1], f"…（另 {more} 项）" if lang == "zh" else f"… ({more} more)"]
    text = " + ".join(shown) or "0"
    if zeros:
        text += f"（另有 {zeros} 项为 0）" if lang == "zh" else f" (and {zeros} term{'s' if zeros > 1 else ''} of 0)"
    return text


def _shown(value: Decimal, least: int, most: int) -> str:
    """``value`` with ``least`` decimals, more (up to ``most``) only while they are not zero:
    57.7400 -> "57.74", 1.1000 -> "1.1" for a total printed with 2 and 0 decimals."""
    q = value.quantize(Decimal(10) ** -max(most, 0))
    exponent = q.normalize().as_tuple().exponent
    needed = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return fmt(q, min(max(needed, least), most))


def sum_message(case: SumCase, v: SumVerdict) -> tuple[str, str]:
    """The total as printed against its parts as printed, their sum and the gap in the total's unit.

    When a part is printed in another unit than the total, every figure is followed by its unit
    ("52.03万元 ≠ 货物 450000.30元 + 服务 80000.20元 = 53.00005万元"); otherwise only the total is.
    The sum and the gap take the total's printed decimals, more only where a part's digits are not
    zero (the exact sum, never rounded: ``d`` covers every figure's decimals in the total's unit).
    """
    unit = case.printed.unit
    ratio = Decimal(1)  # the verdict's unit in the total's printed unit
    if case.unit in UNIT_FACTORS and unit in UNIT_FACTORS:
        ratio = UNIT_FACTORS[case.unit] / UNIT_FACTORS[unit]
    d = max(n.scaled(ratio).decimals for n in (v.stated, *(n for _, n in case.terms)))
    stated = case.printed.num.text or fmt(case.printed.num.value, d)
    terms = [(lab, a.num) for lab, a in case.printed_terms]
    mixed = any(a.unit != unit for _, a in case.printed_terms)
    units = [a.unit for _, a in case.printed_terms] if mixed else None
    units_en = [f" {UNIT_EN.get(u, u)}" for u in units] if units else None
    after, after_en = (unit, f" {UNIT_EN.get(unit, unit)}") if mixed else ("", "")
    least = min(case.printed.num.decimals, d)
    computed, diff = _shown(v.computed * ratio, least, d), _shown(v.diff * ratio, least, d)
    lead_zh = {"items": "具体情况所列各项之和：", "class": "具体情况中该类各项之和："}.get(case.what, "")
    lead_en = {"items": "items of the detailed list: ", "class": "items of this class in the detailed list: "}.get(
        case.what, ""
    )
    zh = (
        f"{case.label} {stated}{unit} ≠ {lead_zh}{_terms(terms, units=units)} = {computed}{after}（相差 {diff}{after}）"
    )
    en = (
        f"{case.label} {stated} {UNIT_EN.get(unit, unit)} ≠ {lead_en}{_terms(terms, lang='en', units=units_en)}"
        f" = {computed}{after_en} (difference {diff}{after_en})"
    )
    return zh, en


def _extra(ctx) -> Decimal:
    return Decimal(str(ctx.option("abs_tolerance")))


def _prose(ctx, doc) -> list[SumCase]:
    return ctx.facts.document("sums.prose", lambda: prose_cases(cached_breakdowns(ctx.facts, doc)))


def prose_verdicts(ctx, doc, extra: Decimal) -> list[tuple[SumCase, SumVerdict]]:
    """Every complete prose total with its verdict, computed once for SUM001 and SUM002
    (which read the same verdicts, each keeping its own kind) unless their tolerances differ."""

    def compute() -> list[tuple[SumCase, SumVerdict]]:
        return [
            (case, check_sum(case.total, [n for _, n in case.terms], case.tolerance(extra), exact=case.exact))
            for case in _prose(ctx, doc)
            if case.complete
        ]

    return ctx.facts.document(f"sums.prose_verdicts {extra}", compute)


TOL_HELP = "选项 abs_tolerance（默认 0）：在取整区间之外再允许的绝对误差，文字中的金额以万元计（计数以个计）。"
TOL_HELP_EN = (
    "Option abs_tolerance (default 0): an extra absolute tolerance beyond the rounding intervals,"
    " in 万元 for amounts in the text (in units for counts)."
)
TABLE_TOL_HELP = "选项 abs_tolerance（默认 0）：在取整区间之外再允许的绝对误差，以表中所印单位计。"
TABLE_TOL_HELP_EN = (
    "Option abs_tolerance (default 0): an extra absolute tolerance beyond the rounding intervals,"
    " in the unit the table is printed in."
)


class BreakdownSum(Rule):
    code = "SUM001"
    name = "breakdown-sum"
    summary = "文字中的合计数与所列各部分之和不符"
    summary_en = "a total stated in the text differs from the sum of its listed parts"
    level = "error"
    options: ClassVar[dict[str, Any]] = {"abs_tolerance": "0"}
    help = f"""
    检查文字中"合计X万元，其中：a…；b…"、"主要用于以下方面"、"基本支出X万元，其中：人员经费…
    公用经费…"、"三公"经费、政府采购、收入总计/支出总计，以及"具体情况"所列各项（决算数和预算数）
    与一般公共预算支出总数和结构段中各类支出数是否相符；车辆、人数等计数（以"其他…"结尾的完整
    清单）按精确值检查。只对声称完整的分项（占比合计100%、决算模板的恒等关系、
    具体情况项目清单，以及列出两项以上、以之结句、无"主要/等/其他/包括/仅"等字样且已覆盖合计
    95%以上的"其中"清单）求和；合计写在前一句（"…支出10.86万元，…。其中：购置…；运行维护…"）
    时只检查模板恒等关系。每个数按印出的小数位代表一个区间（v ± 0.5×10⁻ᵈ），区间无法相交才报错；
    仅由尾差造成的差异由 SUM002 报告。修改：核对合计数与各分项，使二者一致。{TOL_HELP}
    """
    help_en = f"""
    Checks prose totals against their parts: "合计X万元，其中：a…；b…", "主要用于以下方面",
    基本支出 = 人员经费 + 公用经费, "三公"经费, 政府采购, 收入总计/支出总计, and the detailed
    项 list (决算数 and 预算数) against the 一般公共预算 total and each 类 of the structure paragraph;
    counts (车辆, 人; a list ending in a catch-all 其他… part) are checked exactly. Only parts that claim
    to be complete are summed (shares adding to 100%, an identity of the 决算 template, the 项 list,
    and a 其中 list of two or more parts that ends its sentence, has no 主要/等/其他/包括/仅 wording
    and already covers 95% of the total); a total in the sentence before the 其中 ("…10.86万元，…。
    其中：购置…；运行维护…") is checked for template identities only.
    Each printed figure stands for v ± 0.5·10⁻ᵈ; an error is reported only when the intervals cannot
    meet; a rounding-only gap is SUM002. Fix: correct the total or the parts. {TOL_HELP_EN}
    """
    verdict = ERROR

    def on_document(self, ctx, event) -> None:
        for case, v in prose_verdicts(ctx, event.document, _extra(ctx)):
            if v.verdict != self.verdict:
                continue
            zh, en = sum_message(case, v)
            if self.verdict == ROUNDING:
                zh += "，差异可由各数的四舍五入解释（尾差）"
                en += "; the gap can come from rounding of the printed figures"
            ctx.report(case.location, zh, en, related=case.related)


class BreakdownSumRounding(BreakdownSum):
    code = "SUM002"
    name = "breakdown-sum-rounding"
    summary = "文字中的合计数与各部分之和只差尾差"
    summary_en = "a total stated in the text differs from its parts by rounding only"
    level = "note"
    help = """
    与 SUM001 相同的计算，但差异在各数印出精度的取整区间之内（尾差，例如 1065.48 + 0.09 = 1065.57
    而合计印为 1065.56）。这通常是分项各自四舍五入所致，应调整某一分项使合计相符。
    选项 abs_tolerance（默认 0，万元）。
    """
    help_en = """
    The same computation as SUM001, but the gap lies within the rounding of the printed figures
    (e.g. 1065.48 + 0.09 = 1065.57 against a stated 1065.56). Usually each part was rounded on its
    own; adjust one part so that the total adds up. Option abs_tolerance (default 0, in 万元).
    """
    verdict = ROUNDING


class PartExceedsTotal(Rule):
    code = "SUM005"
    name = "part-exceeds-total"
    summary = "所列部分之和超过合计数"
    summary_en = "listed parts exceed their total"
    level = "error"
    options: ClassVar[dict[str, Any]] = {"abs_tolerance": "0"}
    help = """
    "其中"所列部分即使不完整，其和也不能超过合计数；表格中的"其中"行不能大于其所属行。
    计入各数的取整区间后仍超过才报告。修改：核对合计数与各部分。选项 abs_tolerance（默认 0；文字中以万元计，
    表格以表中所印单位计）。
    """
    help_en = """
    Even a partial 其中 list cannot add up to more than its total, and a 其中 row cannot exceed the
    row it belongs to. Reported only when rounding of the printed figures cannot explain it.
    Option abs_tolerance (default 0; in 万元 in the text, in the table's printed unit in tables).
    """

    def on_document(self, ctx, event) -> None:
        extra = _extra(ctx)
        for case in _prose(ctx, event.document):
            if case.complete:
                continue
            nums = [n for _, n in case.terms]
            if not exceeds(case.total, nums, case.tolerance(extra), exact=case.exact):
                continue
            v = check_sum(case.total, nums, case.tolerance(extra), exact=case.exact)
            zh, en = sum_message(case, v)
            ctx.report(case.location, zh + "，部分之和超过合计", en + "; the parts exceed the total")
        for ts in ctx.facts.document("sums.tables", lambda: document_table_sums(event.document)):
            if ts.kind != "qizhong" or not exceeds(ts.total, [n for _, n in ts.terms], extra):
                continue
            zh, en = table_message(ts, check_sum(ts.total, [n for _, n in ts.terms], extra))
            ctx.report(ts.location, zh + "，其中项大于所属行", en + "; a 其中 row exceeds its parent")


def table_message(ts: TableSum, v: SumVerdict) -> tuple[str, str]:
    nums = harmonise([v.stated, *[n for _, n in ts.terms]])
    d = max(n.decimals for n in nums)
    zh = (
        f"表{ts.table}「{ts.label}」{ts.column_label} {v.stated.text} ≠ {_terms(ts.terms)} = "
        f"{fmt(v.computed, d)}（相差 {fmt(v.diff, d)}）"
    )
    en = (
        f"table {ts.table} '{ts.label}' {ts.column_label} {v.stated.text} ≠ {_terms(ts.terms, lang='en')} = "
        f"{fmt(v.computed, d)} (difference {fmt(v.diff, d)})"
    )
    return zh, en


class TableSumRule(Rule):
    code = "SUM003"
    name = "table-sum"
    summary = "表格中的合计行或合计列与各项之和不符"
    summary_en = "a table's total row or column differs from the sum of its items"
    level = "error"
    options: ClassVar[dict[str, Any]] = {"abs_tolerance": "0"}
    help = f"""
    检查表格中的合计/总计/小计行等于其所覆盖各行之和（有功能分类科目编码时按类3位/款5位/项7位
    层级只加同级科目；"其中："行是上一行的组成部分，不计入），合计列等于各组成列之和（如 合计 =
    基本支出 + 项目支出），逐行检查。绩效自评表（含权重/分值/得分列）不在此检查。
    区间无法相交才报错；仅尾差由 SUM004 报告。{TABLE_TOL_HELP}
    """
    help_en = f"""
    Checks that a table's 合计/总计/小计 row equals the sum of the rows it covers (with 功能分类 codes,
    only siblings of one level: 类 3, 款 5, 项 7 digits; "其中：" rows are parts of the row above and
    are not added), and that a 合计 column equals its component columns (合计 = 基本支出 + 项目支出)
    row by row. Score tables (权重/分值/得分) are left to the score rules. Rounding-only gaps are
    SUM004. {TABLE_TOL_HELP_EN}
    """
    verdict = ERROR

    def on_document(self, ctx, event) -> None:
        extra = _extra(ctx)
        for ts in ctx.facts.document("sums.tables", lambda: document_table_sums(event.document)):
            if ts.kind == "qizhong":
                continue
            v = check_sum(ts.total, [n for _, n in ts.terms], extra)
            if v.verdict != self.verdict:
                continue
            zh, en = table_message(ts, v)
            if self.verdict == ROUNDING:
                zh += "，差异可由四舍五入解释（尾差）"
                en += "; the gap can come from rounding"
            ctx.report(ts.location, zh, en)


class TableSumRounding(TableSumRule):
    code = "SUM004"
    name = "table-sum-rounding"
    summary = "表格中的合计与各项之和只差尾差"
    summary_en = "a table total differs from its items by rounding only"
    level = "note"
    help = """
    与 SUM003 相同的计算，但差异在各数印出精度的取整区间之内（尾差）。选项 abs_tolerance（默认 0，以表中
    所印单位计）。
    """
    help_en = """
    The same computation as SUM003, but the gap lies within the rounding of the printed figures.
    Option abs_tolerance (default 0, in the table's printed unit).
    """
    verdict = ROUNDING


@hookimpl
def fiscalint_rules() -> list[type[Rule]]:
    return [BreakdownSum, BreakdownSumRounding, TableSumRule, TableSumRounding, PartExceedsTotal]
