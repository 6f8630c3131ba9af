"""Percentage rules: shares, growth rates, completion rates.

PCT001/PCT002  a share 占p% differs from part / total: error / rounding only
               (also "占100%" while the part is not the whole total).
PCT003         the shares of one breakdown do not add up to 100%.
PCT004/PCT005  a growth or fall rate differs from change / (current − change),
               in prose or in a table's 增减率 column: error / rounding only.
PCT006         the direction words contradict each other or the sign
               (增加…下降, 减少-5万元, 持平 with a non-zero change).
PCT007/PCT008  a completion / execution rate (完成预算的p%, 执行率p%) differs
               from 决算数 / 预算数 stated in the same statement, or a table's
               执行率 cell from 执行数 / 调整后(全年)预算数: error / rounding.
PCT009         a growth rate printed without its % sign.

Every message gives the stated value, the computed value with its terms,
and the difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from fiscalint.facts.breakdowns import Breakdown, cached_breakdowns
from fiscalint.facts.numbers import Num, fmt
from fiscalint.facts.statements import (
    _direction,
    current_from_earlier,
    document_ref_shares,
    paragraph_changes,
    paragraph_rates,
)
from fiscalint.facts.tables import document_table_rates
from fiscalint.facts.tolerance import ERROR, OK, ROUNDING, RatioVerdict, growth, harmonise, rate, share
from fiscalint.hookspecs import hookimpl
from fiscalint.model import Location, Paragraph, Related
from fiscalint.rule import Rule


def report_verdict(ctx, verdict: str, location, zh: str, en: str, *, related=None, truncation: bool = False) -> None:
    """Report a finding, saying so when only rounding (or truncation) of the printed figures separates them."""
    if verdict == ROUNDING:
        how_zh, how_en = ("四舍五入或截断", "rounding or truncation") if truncation else ("四舍五入", "rounding")
        zh += f"，差异可由{how_zh}解释（尾差）"
        en += f"; the gap can come from {how_en}"
    ctx.report(location, zh, en, related=related)


def _d(stated: Num) -> int:
    return max(stated.decimals, 2)


@dataclass
class ShareCase:
    location: Location
    part_label: str
    part: Num
    total_label: str
    total: Num
    stated: Num
    related: list[Related] = field(default_factory=list)


def share_cases(doc, bds: list[Breakdown]) -> list[ShareCase]:
    """Every share stated in prose with the part and total it should be the ratio of."""
    out: list[ShareCase] = []
    for b in bds:
        total = None  # b.total_wan, built once for all the parts with a share
        for p in b.parts:
            if p.share is None or p.share_ref:
                continue
            if total is None:
                total = b.total_wan
            out.append(ShareCase(p.location, p.label, p.amount.wan, b.label, total, p.share.num))
    for rs in document_ref_shares(doc):
        out.append(
            ShareCase(
                rs.location,
                rs.part.label,
                rs.part.wan,
                rs.ref,
                rs.total.amount.wan,
                rs.share.num,
                [Related(rs.total.location, f"{rs.ref}在此说明", f"{rs.ref} is stated here")],
            )
        )
    return out


def _extra(ctx) -> Decimal:
    return Decimal(str(ctx.option("abs_tolerance")))


def share_verdict(case: ShareCase, extra: Decimal) -> RatioVerdict | None:
    v = share(case.stated, case.part, case.total, extra)
    if v is None:
        return None
    if case.stated.value == 100 and v.verdict not in (ERROR,):
        part, total = harmonise([case.part, case.total])
        if part.value != total.value:
            return RatioVerdict(ROUNDING, v.stated, v.computed, v.lo, v.hi)
    return v


def share_verdicts(ctx, doc, extra: Decimal) -> list[tuple[ShareCase, RatioVerdict]]:
    """Every share case with its verdict, computed once for PCT001 and PCT002 (which read
    the same verdicts, each keeping its own kind) unless their tolerances differ."""

    def compute() -> list[tuple[ShareCase, RatioVerdict]]:
        cases = ctx.facts.document("pct.shares", lambda: share_cases(doc, cached_breakdowns(ctx.facts, doc)))
        return [(case, v) for case in cases if (v := share_verdict(case, extra)) is not None]

    return ctx.facts.document(f"pct.share_verdicts {extra}", compute)


class ShareMismatch(Rule):
    code = "PCT001"
    name = "share-mismatch"
    summary = "占比与 部分/合计 不符"
    summary_en = "a share differs from part / total"
    level = "error"
    options: ClassVar[dict[str, Any]] = {"abs_tolerance": "0"}
    help = """
    "X万元，占p%"中的占比应等于该部分除以合计（"占本年支出合计的p%"则除以文中别处说明的
    本年支出合计）。按各数印出精度计算区间，区间无法相交才报错；仅尾差（含截断、"占100%"而
    部分小于合计）由 PCT002 报告。修改：按 部分 ÷ 合计 × 100 重新计算并四舍五入。
    选项 abs_tolerance（默认 0，百分点）。
    """
    help_en = """
    A share "X万元，占p%" must equal the part divided by its total ("占本年支出合计的p%": by the
    本年支出合计 stated elsewhere). Intervals of the printed figures are used; an error only when
    they cannot meet; rounding-only gaps (incl. truncation, and "占100%" for less than the whole)
    are PCT002. Fix: recompute part ÷ total × 100 and round. Option abs_tolerance (percentage points).
    """
    verdict = ERROR

    def on_document(self, ctx, event) -> None:
        for case, v in share_verdicts(ctx, event.document, _extra(ctx)):
            if v.verdict != self.verdict:
                continue
            d = _d(case.stated)
            zh = (
                f"{case.part_label}占比 {case.stated.text}% ≠ {case.part.text} ÷ {case.total_label} "
                f"{case.total.text} = {fmt(v.computed, d)}%（相差 {fmt(v.diff, d)} 个百分点）"
            )
            en = (
                f"share of {case.part_label} {case.stated.text}% ≠ {case.part.text} / {case.total_label} "
                f"{case.total.text} = {fmt(v.computed, d)}% (difference {fmt(v.diff, d)} points)"
            )
            report_verdict(ctx, self.verdict, case.location, zh, en, related=case.related)


class ShareRounding(ShareMismatch):
    code = "PCT002"
    name = "share-rounding"
    summary = "占比与 部分/合计 只差尾差"
    summary_en = "a share differs from part / total by rounding only"
    level = "note"
    help = """
    与 PCT001 相同的计算，但差异只来自四舍五入：例如部分小于合计却写"占100%"，或占比被截断
    而非四舍五入（99.868% 写作 99.86%）。选项 abs_tolerance（默认 0）。
    """
    help_en = """
    The same computation as PCT001, but the gap comes from rounding only: "占100%" for a part smaller
    than the total, or a truncated share (99.868% printed 99.86%). Option abs_tolerance (default 0).
    """
    verdict = ROUNDING


class SharesTotal(Rule):
    code = "PCT003"
    name = "shares-not-100"
    summary = "同一分项说明中各部分占比之和不是100%"
    summary_en = "the shares of one breakdown do not add up to 100%"
    level = "error"
    help = """
    同一句"其中：a…占p%；b…占q%…"（或"“三公”经费支出决算中，a…占p%；b…占q%"，合计在前文）
    列出全部部分时，各占比之和（计入每个占比的取整区间）应能等于100%。修改：逐项核对占比。
    """
    help_en = """
    When a breakdown gives a share for every part, the shares (allowing for the rounding of each)
    must be able to add up to 100%. Fix: check each share.
    """

    def on_document(self, ctx, event) -> None:
        for b in cached_breakdowns(ctx.facts, event.document):
            if b.share_sum_ok is not False:
                continue
            shares = [p.share.num for p in b.parts if p.share is not None]
            total = sum((s.value for s in shares), Decimal(0))
            d = max(s.decimals for s in shares)
            terms = " + ".join(f"{s.text}%" for s in shares)
            zh = f"{b.label}各部分占比之和 {terms} = {fmt(total, d)}%，应为 100%（相差 {fmt(total - 100, d)} 个百分点）"
            en = f"shares of {b.label}: {terms} = {fmt(total, d)}%, not 100% (difference {fmt(total - 100, d)} points)"
            ctx.report(b.location, zh, en)


def change_cases(doc) -> list:
    out = []
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            for cs in paragraph_changes(block):
                earlier = current_from_earlier(doc, i, cs)
                if earlier is not None:
                    cs.current = earlier
                out.append(cs)
    return out


class GrowthRate(Rule):
    code = "PCT004"
    name = "growth-rate"
    summary = "增减幅度与 变动额/上年数 不符"
    summary_en = "a growth or fall rate differs from change / previous value"
    level = "error"
    options: ClassVar[dict[str, Any]] = {"abs_tolerance": "0"}
    help = """
    "X万元，与上年相比增加（减少）Y万元，增长（下降）p%"中，p 应等于 Y ÷ 上年数，上年数 = X − Y
    （减少时为 X + Y）。X 取同一段中紧接其前、说明同一事项的金额；表格中"增减率"列按 增减额 ÷
    （决算数 − 增减额）逐行检查；"收入、支出总计与上年相比各增加Y万元"这类总计/合计的本年数
    可取自前面几段（所列各总计须同值）。区间无法相交才报错，仅尾差
    由 PCT005 报告。修改：按 变动额 ÷ 上年数 × 100 重新计算。选项 abs_tolerance（默认 0）。
    """
    help_en = """
    In "X万元, 增加(减少) Y万元, 增长(下降) p%", p must be Y / previous, previous = X − Y (X + Y for a
    fall). X is the amount of the same quantity stated just before in the paragraph; a table's 增减率
    column is checked row by row as 增减额 / (决算数 − 增减额); for a 总计/合计 ("收入、支出总计…各增加")
    X may come from the few paragraphs before (all named totals with one value). An error only
    when the intervals cannot meet; rounding-only gaps are PCT005. Option abs_tolerance (default 0).
    """
    verdict = ERROR

    def on_document(self, ctx, event) -> None:
        extra = _extra(ctx)
        for cs in ctx.facts.document("pct.changes", lambda: change_cases(event.document)):
            if cs.current is None or cs.rate is None or cs.direction == 0:
                continue
            if cs.rate_direction != cs.direction or cs.change.num.value < 0 or cs.rate.num.value < 0:
                continue
            cur, chg = cs.current.wan, cs.change.wan
            v = growth(cs.rate.num, cur, chg, cs.direction, extra)
            if v is None or v.verdict != self.verdict:
                continue
            # When another amount of the paragraph fits the rate, the statement may be about it.
            alts = [growth(cs.rate.num, a.wan, chg, cs.direction, extra) for a in cs.others]
            if any(a is not None and a.verdict in (OK, ROUNDING) and a.verdict != self.verdict for a in alts):
                continue
            if any(a is not None and a.verdict == OK for a in alts):
                continue
            d = _d(cs.rate.num)
            base = cur.value - chg.value if cs.direction > 0 else cur.value + chg.value
            op = "−" if cs.direction > 0 else "+"
            bd = max(cur.decimals, chg.decimals)
            zh = (
                f"{cs.rate_verb} {cs.rate.num.text}% ≠ 变动额 {chg.text} ÷ 上年数（{cur.text} {op} {chg.text} = "
                f"{fmt(base, bd)}）= {fmt(v.computed, d)}%（相差 {fmt(v.diff, d)} 个百分点）"
            )
            en = (
                f"{'growth' if cs.direction > 0 else 'fall'} {cs.rate.num.text}% ≠ change {chg.text} / previous ({cur.text} {op} {chg.text} = "
                f"{fmt(base, bd)}) = {fmt(v.computed, d)}% (difference {fmt(v.diff, d)} points)"
            )
            report_verdict(ctx, self.verdict, cs.location, zh, en)
        for tr in ctx.facts.document("pct.table_rates", lambda: document_table_rates(event.document)):
            if tr.kind != "growth":
                continue
            (cname, chg), (curname, cur) = tr.numerator, tr.denominator
            if chg.value == 0 or (chg.value < 0) != (tr.stated.value < 0):
                continue
            direction = 1 if chg.value > 0 else -1
            stated = Num(abs(tr.stated.value), tr.stated.decimals, tr.stated.text.lstrip("-−–"))
            v = growth(stated, cur, chg, direction, extra)
            if v is None or v.verdict != self.verdict:
                continue
            d = _d(tr.stated)
            base = cur.value - chg.value
            zh = (
                f"表{tr.table}「{tr.label}」增减率 {tr.stated.text}% ≠ {cname} {chg.text} ÷ 上年数（{curname} {cur.text} − "
                f"{cname} {chg.text} = {fmt(base, max(cur.decimals, chg.decimals))}）= "
                f"{fmt(v.computed * direction, d)}%（相差 {fmt(abs(tr.stated.value) - v.computed, d)} 个百分点）"
            )
            en = (
                f"table {tr.table} '{tr.label}' rate {tr.stated.text}% ≠ {chg.text} / previous ({cur.text} − {chg.text} = "
                f"{fmt(base, max(cur.decimals, chg.decimals))}) = {fmt(v.computed * direction, d)}%"
            )
            report_verdict(ctx, self.verdict, tr.location, zh, en)


class GrowthRateRounding(GrowthRate):
    code = "PCT005"
    name = "growth-rate-rounding"
    summary = "增减幅度与 变动额/上年数 只差尾差"
    summary_en = "a growth or fall rate differs from change / previous value by rounding only"
    level = "note"
    help = """
    与 PCT004 相同的计算，但差异可由印出数字的四舍五入解释（例如 11.64 ÷ 67.62 = 17.21%，写作
    17.22%）。选项 abs_tolerance（默认 0）。
    """
    help_en = """
    The same computation as PCT004, but the gap can come from rounding of the printed figures
    (11.64 / 67.62 = 17.21% printed 17.22%). Option abs_tolerance (default 0).
    """
    verdict = ROUNDING


class ChangeDirection(Rule):
    code = "PCT006"
    name = "change-direction"
    summary = "增减方向用词自相矛盾"
    summary_en = "direction words of a change contradict each other or the sign"
    level = "error"
    help = """
    同一句中"增加"与"下降"、"减少"与"增长"并用，方向词后接负数（增加-5万元），或写"持平"却有
    非零变动额，都自相矛盾。修改：统一方向用词，变动额写绝对值。
    """
    help_en = """
    增加 with 下降, 减少 with 增长 in one clause, a direction word followed by a negative amount
    (增加-5万元), or 持平 with a non-zero change contradict themselves. Fix: make the words agree
    and state the change as an absolute value.
    """

    def on_document(self, ctx, event) -> None:
        for cs in ctx.facts.document("pct.changes", lambda: change_cases(event.document)):
            chg = cs.change.num
            if cs.alt_verb and _direction(cs.alt_verb) != cs.rate_direction:
                ctx.report(
                    cs.location,
                    f"幅度写作“{cs.rate_verb}（{cs.alt_verb}）”，两个方向并存（模板用语未删除），应按变动方向只保留"
                    f"“{cs.rate_verb if cs.rate_direction == cs.direction else cs.alt_verb}”",
                    f"the rate says '{cs.rate_verb} ({cs.alt_verb})': both directions are left in (template wording)",
                )
            elif cs.rate is not None and cs.rate_direction and cs.direction and cs.rate_direction != cs.direction:
                ctx.report(
                    cs.location,
                    f"变动额用“{cs.verb}”{chg.text}{cs.change.unit}，幅度却用“{cs.rate_verb}”{cs.rate.num.text}%，方向矛盾",
                    f"the change says {cs.verb} {chg.text} {cs.change.unit} but the rate says {cs.rate_verb} "
                    f"{cs.rate.num.text}%: directions contradict",
                )
            elif chg.value < 0 or (cs.rate is not None and cs.rate.num.value < 0):
                ctx.report(
                    cs.location,
                    f"“{cs.verb}”后接负数（{chg.text}{cs.change.unit}），方向与符号矛盾",
                    f"'{cs.verb}' is followed by a negative figure ({chg.text}): direction and sign contradict",
                )
            elif cs.flat and chg.value != 0:
                ctx.report(
                    cs.location,
                    f"写“持平”却“{cs.verb}”{chg.text}{cs.change.unit}（变动额不为 0）",
                    f"'持平' (unchanged) but {cs.verb} {chg.text} {cs.change.unit} (a non-zero change)",
                )


class RateWithoutPercent(Rule):
    code = "PCT009"
    name = "rate-without-percent"
    summary = "增减幅度缺少百分号"
    summary_en = "a growth or fall rate lacks its % sign"
    level = "warning"
    help = """
    "增加X万元，增长13.95。"中的幅度缺少"%"，读者无法确定单位。修改：补上"%"。若能找到本年数，
    消息中给出按 变动额 ÷ 上年数 计算的幅度以便核对。
    """
    help_en = """
    In "增加X万元，增长13.95。" the rate has no % sign. Fix: add the %. When the current value is
    stated, the message gives change / previous for comparison.
    """

    def on_document(self, ctx, event) -> None:
        for cs in ctx.facts.document("pct.changes", lambda: change_cases(event.document)):
            if cs.bare_rate is None:
                continue
            extra_zh = extra_en = ""
            if cs.current is not None and cs.direction:
                cur, chg = cs.current.wan, cs.change.wan
                base = cur.value - chg.value if cs.direction > 0 else cur.value + chg.value
                if base > 0:
                    pct = fmt(abs(chg.value) / base * 100, max(cs.bare_rate.decimals, 2))
                    extra_zh = f"（按 {chg.text} ÷ {fmt(base, max(cur.decimals, chg.decimals))} 计算为 {pct}%）"
                    extra_en = (
                        f" (change / previous: {chg.text} / {fmt(base, max(cur.decimals, chg.decimals))} = {pct}%)"
                    )
            ctx.report(
                cs.location,
                f"“{cs.rate_verb} {cs.bare_rate.text}”缺少百分号{extra_zh}",
                f"'{cs.rate_verb} {cs.bare_rate.text}' lacks its % sign{extra_en}",
            )


def rate_cases(doc) -> list:
    out = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.extend(paragraph_rates(block))
    return out


class CompletionRate(Rule):
    code = "PCT007"
    name = "completion-rate"
    summary = "预算完成率/执行率与 决算数/预算数 不符"
    summary_en = "a completion or execution rate differs from actual / budget"
    level = "error"
    options: ClassVar[dict[str, Any]] = {"abs_tolerance": "0"}
    help = """
    "预算数A万元，执行数B万元，完成预算p%"（或"执行率p%"、"完成年初预算的p%"）中 p 应等于
    B ÷ A。只在同一说明中同时写明预算数与执行（决算）数时检查；"完成年初预算"只用年初预算。
    表格（含绩效自评表的预算执行部分）中的"执行率"按 执行数 ÷ 调整后（全年）预算数 逐行检查。
    区间无法相交才报错，仅尾差（含截断）由 PCT008 报告。选项 abs_tolerance（默认 0）。
    """
    help_en = """
    In "预算数 A, 执行数 B, 完成预算 p%" (or 执行率 p%, 完成年初预算的 p%), p must be B / A. Checked
    only when both amounts are stated in the same statement; 完成年初预算 uses the 年初 budget only.
    A table's 执行率 cell (also in a 绩效自评表) is checked as 执行数 / 调整后(全年)预算数.
    An error only when the intervals cannot meet; rounding-only gaps (incl. truncation) are PCT008.
    Option abs_tolerance (default 0).
    """
    verdict = ERROR

    def on_document(self, ctx, event) -> None:
        extra = _extra(ctx)
        for rs in ctx.facts.document("pct.rates", lambda: rate_cases(event.document)):
            v = rate(rs.rate.num, rs.actual.wan, rs.budget.wan, extra)
            if v is None or v.verdict != self.verdict:
                continue
            d = _d(rs.rate.num)
            zh = (
                f"完成率 {rs.rate.num.text}% ≠ {rs.actual.label} {rs.actual.num.text} ÷ {rs.budget.label} "
                f"{rs.budget.num.text} = {fmt(v.computed, d)}%（相差 {fmt(v.diff, d)} 个百分点）"
            )
            en = (
                f"rate {rs.rate.num.text}% ≠ {rs.actual.label} {rs.actual.num.text} / {rs.budget.label} "
                f"{rs.budget.num.text} = {fmt(v.computed, d)}% (difference {fmt(v.diff, d)} points)"
            )
            report_verdict(ctx, self.verdict, rs.location, zh, en, truncation=True)
        for tr in ctx.facts.document("pct.table_rates", lambda: document_table_rates(event.document)):
            if tr.kind != "completion":
                continue
            (aname, actual), (bname, budget) = tr.numerator, tr.denominator
            v = rate(tr.stated, actual, budget, extra)
            if v is None or v.verdict != self.verdict:
                continue
            d = _d(tr.stated)
            zh = (
                f"表{tr.table}「{tr.label}」执行率 {tr.stated.text}% ≠ {aname} {actual.text} ÷ {bname} {budget.text} = "
                f"{fmt(v.computed, d)}%（相差 {fmt(v.diff, d)} 个百分点）"
            )
            en = (
                f"table {tr.table} '{tr.label}' rate {tr.stated.text}% ≠ {aname} {actual.text} / {bname} {budget.text} = "
                f"{fmt(v.computed, d)}% (difference {fmt(v.diff, d)} points)"
            )
            report_verdict(ctx, self.verdict, tr.location, zh, en, truncation=True)


class CompletionRateRounding(CompletionRate):
    code = "PCT008"
    name = "completion-rate-rounding"
    summary = "预算完成率/执行率与 决算数/预算数 只差尾差"
    summary_en = "a completion or execution rate differs from actual / budget by rounding only"
    level = "note"
    help = """
    与 PCT007 相同的计算，但差异只在最后一位（四舍五入或截断，例如 95.457% 写作 95.45%）。
    选项 abs_tolerance（默认 0）。
    """
    help_en = """
    The same computation as PCT007, but off in the last digit only (rounding or truncation,
    95.457% printed 95.45%). Option abs_tolerance (default 0).
    """
    verdict = ROUNDING


@hookimpl
def fiscalint_rules() -> list[type[Rule]]:
    return [
        ShareMismatch,
        ShareRounding,
        SharesTotal,
        GrowthRate,
        GrowthRateRounding,
        ChangeDirection,
        RateWithoutPercent,
        CompletionRate,
        CompletionRateRounding,
    ]
