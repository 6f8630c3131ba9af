"""The 公开表 rules: table identities, links between tables, and the disclosure
rules beyond arithmetic (empty tables, reasons, comparison wording, template
residue, impossible values).

DISC001/002  identities inside one 公开表 (pack ``disclosure-identities``):
             T1/T4 closure, 收入决算表 sources, 支出决算表 columns, 三公 structure,
             人员经费 = 301 + 303 … — error / rounding-only note.
DISC003/004  links between 公开表 (pack ``disclosure-links``): T1 本年收入合计 =
             T2 合计, T4 一般公共预算 = T5 合计, T5 基本支出 = T6 人员 + 公用 …
BLANK001–003 empty tables and their notes.
REASON001    决算 ≠ 预算 (or a 三公/机关运行经费 change) beyond a threshold with no reason.
CMP001       大于/小于/等于/持平/基本持平 contradicting the two amounts it compares.
TEMPLATE001  placeholders and template instructions left in the text.
VALUE001–003 negative amounts in 公开表, shares above 100%, amounts with more
             decimals than the unit shows.

Findings that SUM003/004 (same total cell) or XREF001/002 (same pair of
cells) already report are not repeated. Every rule reads blocks by their own
locations, so a Document holding the blocks of several files (说明 + 附表) is
checked across files unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from fiscalint.facts.disclosure import Disclosure, Row, Value, document_disclosures, pack_from
from fiscalint.facts.numbers import Num, fmt, normalize
from fiscalint.facts.tolerance import ERROR, OK, ROUNDING, SumVerdict, check_sum
from fiscalint.hookspecs import hookimpl
from fiscalint.model import Heading, Location, Paragraph, Related
from fiscalint.rule import Event, Rule, RuleContext

_TOL_HELP = (
    "数值按“区间规则”比较：保留 d 位小数的数表示 v ± 0.5×10⁻ᵈ；区间无法相交才算错误，"
    "只能由各数四舍五入解释的差异（尾差）另报 note 级代码。元表与万元文字换算后比较。"
)
_TOL_HELP_EN = (
    "Values are compared as intervals (a value printed with d decimals stands for v ± 0.5·10⁻ᵈ); "
    "an error only when the intervals cannot meet; a gap only rounding explains is a separate note-level code. "
    "元 tables are converted to 万元 before comparing."
)


def disclosures(ctx: RuleContext) -> list[Disclosure]:
    return ctx.facts.document("disclosure.tables", lambda: document_disclosures(ctx.document, pack_from(ctx.packs)))


def _pack(ctx: RuleContext):
    return ctx.facts.document("disclosure.pack", lambda: pack_from(ctx.packs))


def _key(loc: Location) -> tuple:
    return (loc.path, loc.page, loc.line, loc.paragraph, loc.table, loc.row, loc.column)


def _sum_reported(ctx: RuleContext) -> set[tuple]:
    """Total cells SUM003/004 already report (so the identity is not said twice)."""

    def compute() -> set[tuple]:
        from fiscalint.facts.tables import document_table_sums

        out = set()
        for ts in ctx.facts.document("sums.tables", lambda: document_table_sums(ctx.document)):
            if ts.kind != "qizhong" and check_sum(ts.total, [n for _, n in ts.terms]).verdict != OK:
                out.add(_key(ts.location))
        return out

    return ctx.facts.document("disclosure.sum_reported", compute)


def _xref_pairs(ctx: RuleContext) -> set[frozenset]:
    def compute() -> set[frozenset]:
        try:
            from fiscalint.checks.crossref import quantity_conflicts

            return {frozenset((_key(a.location), _key(b.location))) for a, b in quantity_conflicts(ctx)}
        except Exception:  # the XREF family is optional; without it nothing is deduplicated
            return set()

    return ctx.facts.document("disclosure.xref_pairs", compute)


def _zero(v: Value | None) -> Num:
    return v.num if v is not None and v.num is not None else Num(Decimal(0), 0, "0")


def _d(nums: list[Num]) -> int:
    return min(max((n.decimals for n in nums), default=2), 4)


def _terms_text(terms: list[tuple[str, Num]]) -> str:
    return " + ".join(f"{name} {n.text or fmt(n.value, n.decimals)}" for name, n in terms)


# ---------------------------------------------------------------- identities


@dataclass
class IdentityCase:
    disclosure: Disclosure
    what: str  # Chinese description of the identity (from the pack)
    label: str  # row / column named
    total: Value
    terms: list[tuple[str, Value | None]]
    _verdict: SumVerdict | None = field(default=None, init=False, repr=False, compare=False)

    def verdict(self) -> SumVerdict:
        """The identity's check (computed once: DISC001 and DISC002 both ask)."""
        if self._verdict is None:
            self._verdict = check_sum(self.total.num, [_zero(v) for _, v in self.terms])  # type: ignore[arg-type]
        return self._verdict


_COLUMN_NAMES = {
    "total": "合计",
    "basic": "基本支出",
    "project": "项目支出",
    "remit": "上缴上级支出",
    "business": "经营收支",
    "subsidy": "对附属单位补助支出",
    "fiscal": "财政拨款收入",
    "upper": "上级补助收入",
    "service": "事业收入",
    "affiliated": "附属单位上缴收入",
    "other": "其他收入",
    "gpb": "一般公共预算财政拨款",
    "fund": "政府性基金预算财政拨款",
    "soe": "国有资本经营预算财政拨款",
    "abroad": "因公出国（境）费",
    "car": "公务用车购置及运行维护费",
    "car-buy": "公务用车购置费",
    "car-run": "公务用车运行维护费",
    "reception": "公务接待费",
    "personnel": "人员经费",
    "public": "公用经费",
}
_MEASURES = {"budget": "预算数", "actual": "决算数", "": ""}


def _col_name(key: tuple[str, str]) -> str:
    if key[0] == "total" and key[1]:
        return _MEASURES[key[1]]
    return _COLUMN_NAMES.get(key[0], key[0]) + (f"（{_MEASURES[key[1]]}）" if key[1] else "")


def identity_cases(ds: list[Disclosure], identities: list[dict[str, Any]]) -> list[IdentityCase]:
    cases: list[IdentityCase] = []
    for ident in identities:
        for d in ds:
            if d.spec.key != ident.get("table"):
                continue
            if ident.get("kind") == "columns":
                cases.extend(_column_cases(d, ident))
            elif ident.get("kind") == "rows":
                cases.extend(_row_cases(d, ident))
            elif ident.get("kind") == "cells":
                cases.extend(_cell_cases(d, ident))
    return cases


def _column_cases(d: Disclosure, ident: dict[str, Any]) -> list[IdentityCase]:
    out = []
    for panel in d.panels:
        measures = {m for _, m in panel.columns}
        for m in sorted(measures):
            total = (ident["total"], m)
            parts = [(p, m) for p in ident["parts"] if (p, m) in panel.columns]
            if total not in panel.columns or not parts:
                continue
            for row in panel.rows:
                t = row.values.get(total)
                if t is None or t.num is None:
                    continue
                if all(row.values.get(p) is None or row.values[p].num is None for p in parts):
                    continue  # a row printed with its total only (e.g. a 其中 line) is not an identity
                out.append(
                    IdentityCase(
                        d,
                        ident.get("zh", ident["id"]),
                        row.label or row.code or _col_name(total),
                        t,
                        [(_col_name(p), row.values.get(p)) for p in parts],
                    )
                )
    return out


def _find_row(d: Disclosure, side: str, pattern: str) -> Row | None:
    for panel in d.panels:
        if side and panel.side and panel.side != side:
            continue
        for row in panel.rows:
            if row.matches(pattern):
                return row
    return None


def _row_cases(d: Disclosure, ident: dict[str, Any]) -> list[IdentityCase]:
    side = ident.get("side", "")
    total_row = _find_row(d, side, ident["total"])
    if total_row is None:
        return []
    part_rows = [_find_row(d, side, p) for p in ident["parts"]]
    found = [r for r in part_rows if r is not None]
    if not found:
        return []
    out = []
    for col, t in total_row.values.items():
        if t.num is None:
            continue
        terms = [(f"{r.code} {r.label}".strip(), r.values.get(col)) for r in found]
        if all(v is None for _, v in terms):
            continue
        out.append(IdentityCase(d, ident.get("zh", ident["id"]), f"{total_row.label}（{_col_name(col)}）", t, terms))
    return out


def _cell(d: Disclosure, q: dict[str, Any]) -> tuple[Row, Value | None] | None:
    """The row matching ``q["row"]`` (the first after a row matching ``q["after"]``, if given)."""
    side = q.get("side", "")
    seen_after = "after" not in q
    for panel in d.panels:
        if side and panel.side and panel.side != side:
            continue
        for row in panel.rows:
            if not seen_after:
                seen_after = row.matches(q["after"])
                continue
            if row.matches(q["row"]):
                return row, row.values.get((q.get("column", "total"), ""))
    return None


def _cell_cases(d: Disclosure, ident: dict[str, Any]) -> list[IdentityCase]:
    total = _cell(d, ident["total"])
    if total is None or total[1] is None or total[1].num is None:
        return []
    parts = [_cell(d, q) for q in ident["parts"]]
    if not any(p is not None for p in parts):
        return []
    terms = [
        (("年初结转和结余·" if "after" in q else "") + f"{row.code} {row.label}".strip(), v)
        for q, (row, v) in ((q, p) for q, p in zip(ident["parts"], parts, strict=True) if p is not None)
    ]
    label = f"{total[0].label}（{_col_name((ident['total'].get('column', 'total'), ''))}）"
    return [IdentityCase(d, ident.get("zh", ident["id"]), label, total[1], terms)]


def _identity_message(case: IdentityCase, v: SumVerdict) -> tuple[str, str]:
    terms = [(name, _zero(val)) for name, val in case.terms]
    d = _d([v.stated, *[n for _, n in terms]])
    title = case.disclosure.spec.title
    zh = (
        f"{title}「{case.label}」{v.stated.text} ≠ {_terms_text(terms)} = {fmt(v.computed, d)}"
        f"（相差 {fmt(v.diff, d)}{case.disclosure.unit}；恒等式：{case.what}）"
    )
    en = (
        f"{title} '{case.label}' {v.stated.text} ≠ {_terms_text(terms)} = {fmt(v.computed, d)} "
        f"(difference {fmt(v.diff, d)} {case.disclosure.unit}; identity: {case.what})"
    )
    return zh, en


class TableIdentity(Rule):
    code = "DISC001"
    name = "disclosure-identity"
    summary = "公开表的表内恒等式不成立（收支总计、收入来源、基本+项目、三公构成、人员/公用经费）"
    summary_en = "an identity inside a 公开表 does not hold (closure, sources, basic + project, 三公, 人员/公用经费)"
    level = "error"
    help = f"""
    按表名识别每张部门决算公开表（别名见规则包 rules/disclosure-tables.toml），检查该表的恒等式：
    收入支出决算总表 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余，
    支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余；收入决算表每行 本年收入合计 = 各来源之和；
    支出决算表每行 合计 = 基本支出 + 项目支出 + 上缴上级 + 经营 + 对附属单位补助；
    财政拨款收入支出决算总表 收入、支出两侧的总计（逐列）及 合计 = 三类财政拨款之和；
    基本支出表 人员经费 = 301 + 303、公用经费 = 302 + 310；“三公”经费表 用车 = 购置 + 运行、
    合计 = 出国 + 用车 + 接待（预算数、决算数分别检查）。
    SUM003/SUM004 已报告的同一合计单元格不重复报告。{_TOL_HELP}
    如何修改：核对决算报表系统导出的原表，改正合计或组成项。
    """
    help_en = f"""
    Recognises each 部门决算 disclosure table by its title (aliases in rules/disclosure-tables.toml)
    and checks its identities: T1 closure on both sides, 收入决算表 合计 = Σ sources per row,
    支出决算表 合计 = 基本 + 项目 (+ other columns), 财政拨款收入支出决算总表 closure by column and
    合计 = the three funds, 人员经费 = 301 + 303, 公用经费 = 302 + 310, 三公 用车 = 购置 + 运行 and
    合计 = 出国 + 用车 + 接待 (预算 and 决算 columns). Total cells SUM003/SUM004 already report are
    not repeated. {_TOL_HELP_EN}
    """
    verdict = ERROR

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        done = _sum_reported(ctx)
        for case in ctx.facts.document(
            "disclosure.identities", lambda: identity_cases(disclosures(ctx), _pack(ctx).identities)
        ):
            if _key(case.total.location) in done:
                continue
            v = case.verdict()
            if v.verdict != self.verdict:
                continue
            zh, en = _identity_message(case, v)
            if self.verdict == ROUNDING:
                zh += "，差异可由四舍五入解释（尾差）"
                en += "; the gap can come from rounding"
            related = [
                Related(val.location, f"{name} {val.text}", f"{name} {val.text}")
                for name, val in case.terms
                if val is not None
            ][:6]
            ctx.report(case.total.location, zh, en, related=related)


class TableIdentityRounding(TableIdentity):
    code = "DISC002"
    name = "disclosure-identity-rounding"
    summary = "公开表的表内恒等式只差尾差"
    summary_en = "an identity inside a 公开表 is off by rounding only"
    level = "note"
    help = "与 DISC001 相同的计算，但差异在各数印出精度的取整区间之内（尾差）。"
    help_en = "The same computation as DISC001, but the gap lies within the rounding of the printed figures."
    verdict = ROUNDING


# ---------------------------------------------------------------- links


@dataclass
class LinkCase:
    what: str
    left: Value
    left_name: str
    rights: list[tuple[str, Value]]
    factors: tuple[Decimal, list[Decimal]]


def _quantity(ds: list[Disclosure], spec: dict[str, str]) -> tuple[str, Value, Decimal] | None:
    table, side, pattern, col = spec["table"], spec.get("side", ""), spec["row"], spec.get("column", "total")
    for d in ds:
        if d.spec.key != table:
            continue
        for panel in d.panels:
            if side and panel.side and panel.side != side:
                continue
            for row in panel.rows:
                v = row.values.get((col, ""))
                if row.matches(pattern) and v is not None and v.num is not None:
                    return f"{d.spec.title}「{row.label}」", v, d.factor
    return None


def link_cases(ds: list[Disclosure], links: list[dict[str, Any]]) -> list[LinkCase]:
    out = []
    for link in links:
        left = _quantity(ds, link["left"])
        rights = [_quantity(ds, r) for r in link["right"]]
        if left is None or not rights or any(r is None for r in rights):
            continue
        out.append(
            LinkCase(
                link.get("zh", link["id"]),
                left[1],
                left[0],
                [(r[0], r[1]) for r in rights if r],
                (left[2], [r[2] for r in rights if r]),
            )
        )
    return out


class TableLink(Rule):
    code = "DISC003"
    name = "disclosure-link"
    summary = "公开表之间应相等的数不一致（如总表本年收入合计与收入决算表合计）"
    summary_en = "figures that must agree between two 公开表 differ"
    level = "error"
    help = f"""
    部门决算各公开表之间的勾稽关系（规则包 disclosure-links）：收入支出决算总表 本年收入合计 =
    收入决算表 合计；本年支出合计 = 支出决算表 合计；收入决算表 财政拨款收入 = 财政拨款收入支出决算总表
    本年收入合计；财政拨款收入支出决算总表 一般公共预算财政拨款 本年支出合计 = 一般公共预算财政拨款支出决算表
    合计；一般公共预算财政拨款支出决算表 基本支出 = 基本支出决算表 人员经费 + 公用经费。
    XREF001/XREF002 已报告的同一对单元格不重复报告。{_TOL_HELP}
    如何修改：以决算报表系统导出的原表为准，改正抄错的一张表。
    """
    help_en = f"""
    Links between the disclosure tables (pack section disclosure-links): T1 本年收入合计 = T2 合计,
    T1 本年支出合计 = T3 合计, T2 财政拨款收入 = T4 本年收入合计, T4 一般公共预算 本年支出合计 = T5 合计,
    T5 基本支出 = T6 人员经费 + 公用经费. Pairs XREF001/XREF002 already report are not repeated. {_TOL_HELP_EN}
    """
    verdict = ERROR

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        xref = _xref_pairs(ctx)
        for case in ctx.facts.document("disclosure.links", lambda: link_cases(disclosures(ctx), _pack(ctx).links)):
            lf, rfs = case.factors
            left = case.left.num.scaled(lf) if lf != 1 else case.left.num  # type: ignore[union-attr]
            rights = [(n, v.num.scaled(f) if f != 1 else v.num) for (n, v), f in zip(case.rights, rfs, strict=False)]  # type: ignore[union-attr]
            if (
                len(case.rights) == 1
                and frozenset((_key(case.left.location), _key(case.rights[0][1].location))) in xref
            ):
                continue
            v = check_sum(left, [n for _, n in rights])  # type: ignore[misc]
            if v.verdict != self.verdict:
                continue
            d = 2 if abs(v.diff) >= Decimal("0.01") or v.diff == 0 else 4
            shown = " + ".join(_show(name, val, f) for (name, val), f in zip(case.rights, rfs, strict=False))
            lhs = _show(case.left_name, case.left, lf)
            zh = f"{lhs} ≠ {shown} = {fmt(v.computed, d)}万元（相差 {fmt(v.diff, d)}万元；勾稽关系：{case.what}）"
            en = f"{lhs} ≠ {shown} = {fmt(v.computed, d)} 万元 (difference {fmt(v.diff, d)} 万元; link: {case.what})"
            if self.verdict == ROUNDING:
                zh += "，差异可由四舍五入解释（尾差）"
                en += "; the gap can come from rounding"
            related = [Related(val.location, f"{name} {val.text}", f"{name} {val.text}") for name, val in case.rights]
            ctx.report(case.left.location, zh, en, related=related)


def _show(name: str, value: Value, factor: Decimal) -> str:
    """'T「合计」 60.00' or, for a 元 table, 'T「合计」 60.00万元（600000.00元）'."""
    if factor == 1 or value.num is None:
        return f"{name} {value.text}"
    return f"{name} {fmt(value.num.value * factor, 2)}万元（{value.text}元）"


class TableLinkRounding(TableLink):
    code = "DISC004"
    name = "disclosure-link-rounding"
    summary = "公开表之间应相等的数只差尾差"
    summary_en = "figures that must agree between two 公开表 differ by rounding only"
    level = "note"
    help = "与 DISC003 相同的计算，但差异在各数印出精度的取整区间之内（尾差）。"
    help_en = "The same computation as DISC003, but the gap lies within the rounding of the printed figures."
    verdict = ROUNDING


# ---------------------------------------------------------------- text to table

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_CONNECT = (
    r"\s*(?:支出)?\s*(?:决算(?:数)?)?\s*(?:均为|各为|分别为|为|是|共计|合计|总计|达到?|共)?\s*[:：]?\s*"
    r"(-?\d[\d,]*(?:\.\d+)?)\s*万元"
)
_CLAUSE_END = re.compile(r"[，,。；;：:\n]")
_OTHER_TIME = re.compile(r"上年|上一年|去年|同期|年初|上期")
_YEAR = re.compile(r"20\d\d")


@dataclass
class TextFigure:
    block: Paragraph
    excerpt: str
    name: str
    stated: Num
    cell: Value
    factor: Decimal
    table: str


def _report_year(doc) -> str:
    """The report year as every rule infers it (facts.years), as text."""
    from fiscalint.facts.years import infer_report_year

    year = infer_report_year(doc).year
    return str(year) if year else ""


def _sangong_value(d: Disclosure, item: str, measure: str) -> Value | None:
    """The cell of a 三公 item: in a table with the items as rows (项目 | 预算数 | 决算数) the
    item's row, else the item's column (the national layout, items across). Rows first: in
    the row layout every row has a 决算数 cell, so the column lookup would take the first."""
    patterns = {
        "total": r"^(?:财政拨款三公经费)?合计$",
        "abroad": "因公出国",
        "car": "购置及运行|购置和运行",
        "car-buy": r"^(?:其中)?(?:公务用车)?购置费?$",
        "car-run": r"^(?:其中)?(?:公务用车)?运行(?:维护)?费?$",
        "reception": "^公务接待",
    }
    row = _find_row(d, "", patterns[item])
    if row is not None:
        v = row.values.get(("total", measure))
        if v is not None and v.num is not None:
            return v
    for panel in d.panels:
        for row in panel.rows:
            v = row.values.get((item, measure))
            if v is not None and v.num is not None:
                return v
    return None


def _class_value(d: Disclosure, name: str, column: str) -> Value | None:
    from fiscalint.facts.disclosure import label_key

    key = label_key(name)
    for row in d.rows():
        if len(row.code) == 3 and (
            row.key == key or (len(key) >= 4 and (row.key.endswith(key) or key.endswith(row.key)))
        ):
            v = row.values.get((column, ""))
            if v is not None and v.num is not None:
                return v
    return None


# Group references make a pattern mean something else once it is one branch of many.
_GROUP_REF = re.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?\(")


def _any_statement(statements: list[dict[str, Any]]) -> re.Pattern[str] | None:
    """One alternation of every statement (named groups made plain) followed by the amount:
    it matches where, and only where, one of the statements' own patterns does. None (no
    precheck) when a pack's pattern refers to its own groups, which the alternation would break."""
    if any(_GROUP_REF.search(s["text"]) for s in statements):
        return None
    labels = "|".join(_NAMED_GROUP.sub("(?:", s["text"]) for s in statements)
    try:
        return re.compile(f"(?:{labels}){_CONNECT}" if labels else "(?!)")
    except re.error:
        return None


def text_figures(doc, ds: list[Disclosure], statements: list[dict[str, Any]]) -> list[TextFigure]:
    """Each amount the prose states for a 公开表 quantity, with its cell."""
    if not ds:
        return []
    by_key: dict[str, Disclosure] = {}
    for d in ds:
        by_key.setdefault(d.spec.key, d)
    year = _report_year(doc)
    # Longest labels first, so a longer label claims its amount before a shorter one inside it.
    ordered = sorted(statements, key=lambda s: -len(s["text"]))
    compiled = [(s, re.compile("(?:" + s["text"] + ")" + _CONNECT)) for s in ordered]
    # One search tells whether any statement matches at all (most paragraphs have none): the
    # alternation matches where, and only where, one of the statements' own patterns does.
    any_label = _any_statement(ordered)
    out: list[TextFigure] = []
    # The cell a statement names depends on the statement (and a 类's name), not on the
    # paragraph: looked up once per document, not per mention.
    cells: dict[tuple[int, str], tuple] = {}
    for b in doc.blocks:
        if not isinstance(b, Paragraph):
            continue
        if "万元" not in b.text:
            continue  # every statement ends in an amount in 万元 (_CONNECT)
        t = normalize(b.text)
        if any_label is not None and not any_label.search(t):
            continue
        taken: list[tuple[int, int]] = []
        ends: list[int] | None = None  # where each clause of the paragraph ends, read at the first match
        for k, (s, pattern) in enumerate(compiled):
            for m in pattern.finditer(t):
                amount_span = m.span(m.lastindex or 1)
                if any(a <= amount_span[0] < z for a, z in taken):
                    continue  # a longer label already claimed this amount
                if ends is None:
                    ends = [x.end() for x in _CLAUSE_END.finditer(t)]
                # The clause starts after the last clause end at or before the label.
                i = bisect_right(ends, m.start())
                clause = t[ends[i - 1] if i else 0 : m.start()]
                if _OTHER_TIME.search(clause) or any(y != year for y in _YEAR.findall(clause)):
                    continue
                stated = Num.parse(m.group(m.lastindex or 1))
                if stated is None:
                    continue
                key = (k, m.group("class") if "class" in s and "quantity" not in s else "")
                found = cells.get(key)
                if found is None:
                    found = cells[key] = _statement_cell(s, m, by_key)
                cell, d, name = found
                if cell is None or d is None:
                    continue
                taken.append(amount_span)
                out.append(TextFigure(b, t[m.start() : m.end()].strip(), name, stated, cell, d.factor, d.spec.title))
    return out


def _statement_cell(s: dict[str, Any], m: re.Match, by_key: dict[str, Disclosure]):
    if "quantity" in s:
        q = s["quantity"]
        d = by_key.get(q["table"])
        if d is None:
            return None, None, ""
        row = _find_row(d, q.get("side", ""), q["row"])
        v = row.values.get((q.get("column", "total"), "")) if row else None
        return (
            (v if v is not None and v.num is not None else None),
            d,
            f"「{row.label if row else ''}」{_col_name((q.get('column', 'total'), ''))}",
        )
    if "class" in s:
        q = s["class"]
        d = by_key.get(q["table"])
        name = m.group("class")
        if d is None:
            return None, None, ""
        return _class_value(d, name, q.get("column", "total")), d, f"「{name}」"
    if "sangong" in s:
        d = by_key.get("sangong")
        if d is None:
            return None, None, ""
        q = s["sangong"]
        key = (q["item"], q.get("measure", "actual"))
        return (
            _sangong_value(d, *key),
            d,
            f"「{_col_name(key) if key[0] != 'total' else '合计（' + _MEASURES[key[1]] + '）'}」",
        )
    return None, None, ""


class TextTableMismatch(Rule):
    code = "DISC005"
    name = "text-table-mismatch"
    summary = "情况说明所述金额与公开表不一致"
    summary_en = "a figure the 说明 states differs from its 公开表 cell"
    level = "error"
    help = f"""
    情况说明中对公开表数量的表述（收入支出总计、本年收入合计及各来源、本年支出合计、基本/项目支出、
    一般公共预算财政拨款支出及其基本/项目支出、各“类”支出、人员经费、公用经费、“三公”经费预算数与
    决算数及各项）与对应公开表单元格比较，两处都给出位置。表述与规则包 disclosure-statements
    中的说法对应；说上年、年初预算的句子不比较。公开表为元时换算为万元。XREF001/XREF002 已报告的
    同一对位置不重复。{_TOL_HELP}
    如何修改：以公开表（决算报表系统数据）为准改正说明中的数字，或核对表格。
    """
    help_en = f"""
    Each figure the 说明 states for a 公开表 quantity (totals, income sources, basic/project expenditure,
    一般公共预算 expenditure and its classes, 人员/公用经费, 三公 budget and actual and their items)
    is compared with its table cell and reported with both locations. Phrases are the pack's
    disclosure-statements; sentences about last year or the budget are skipped; 元 tables are
    converted. Pairs XREF001/XREF002 already report are not repeated. {_TOL_HELP_EN}
    """
    verdict = ERROR

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        xref = _xref_pairs(ctx)
        figures = ctx.facts.document(
            "disclosure.text_figures",
            lambda: text_figures(ctx.document, disclosures(ctx), _pack(ctx).statements),
        )
        for f in figures:
            cell = f.cell.num.scaled(f.factor) if f.factor != 1 else f.cell.num  # type: ignore[union-attr]
            v = check_sum(f.stated, [cell])  # type: ignore[list-item]
            if v.verdict != self.verdict:
                continue
            loc = _loc(f.block, f.excerpt)
            if frozenset((_key(loc), _key(f.cell.location))) in xref or any(
                _key(f.cell.location) in pair and any(k[:4] == _key(loc)[:4] for k in pair) for pair in xref
            ):
                continue
            d = max(f.stated.decimals, 2)
            shown = _show(f"{f.table}{f.name}", f.cell, f.factor)
            where = f.cell.location.human("zh")
            zh = (
                f"说明写“{f.excerpt}”，即 {f.stated.text} 万元，但{shown}（{where}），"
                f"相差 {fmt(f.stated.value - v.computed, d)} 万元"
            )
            en = (
                f"the text says {f.stated.text} 万元 (“{f.excerpt}”) but {shown} ({f.cell.location.human('en')}); "
                f"difference {fmt(f.stated.value - v.computed, d)} 万元"
            )
            if self.verdict == ROUNDING:
                zh += "，差异可由四舍五入解释（尾差）"
                en += "; the gap can come from rounding"
            ctx.report(
                loc,
                zh,
                en,
                related=[Related(f.cell.location, f"{f.table}{f.name} {f.cell.text}", f"{f.table} {f.cell.text}")],
            )


class TextTableRounding(TextTableMismatch):
    code = "DISC006"
    name = "text-table-rounding"
    summary = "情况说明所述金额与公开表只差尾差"
    summary_en = "a figure the 说明 states differs from its 公开表 cell by rounding only"
    level = "note"
    help = "与 DISC005 相同的比较，但差异在两数印出精度的取整区间之内（尾差）。"
    help_en = "The same comparison as DISC005, but the gap lies within the rounding of the printed figures."
    verdict = ROUNDING


# ---------------------------------------------------------------- empty tables

EMPTY_NOTE = re.compile(r"本表(?:为)?空表|本表无(?:数据|内容)|故本表(?:为空|无)|无数据|空表|本表(?:未|不)(?:涉及|填列)")
WHY_EMPTY = re.compile(r"无|没有|未(?:发生|安排|使用|涉及)|不(?:涉及|存在)|为零|为0")


class EmptyTableNoteMissing(Rule):
    code = "BLANK001"
    name = "empty-table-note-missing"
    summary = "空的公开表没有说明为什么为空"
    summary_en = "an empty disclosure table carries no note saying why it is empty"
    level = "warning"
    help = """
    部门决算公开表即使没有数据也必须公开（不得删表），并在表下注明原因，如
    “本单位本年度无政府性基金预算财政拨款收入和支出，故本表为空表”。本规则找出没有数据
    （全部为空或 0）且表下没有这类说明的公开表。
    如何修改：在表下加“注/说明：本单位本年度无……，故本表为空表。”
    """
    help_en = """
    A disclosure table must be published even when it has no data, with a note below it saying
    why ("本单位本年度无…，故本表为空表"). Reports an empty (blank or all-zero) table with no such note.
    """

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        for d in disclosures(ctx):
            if d.has_data:
                continue
            parts = [t for _, t in _note_parts(d) if "本表反映" not in t]
            if any(EMPTY_NOTE.search(t) or WHY_EMPTY.search(t) for t in parts):
                continue
            loc = d.location
            ctx.report(
                loc,
                f"{d.spec.title}没有数据（全部为空或 0），但表下没有说明为何为空（如“本单位无{_fund(d)}，故本表为空表”）",
                f"{d.spec.title} has no data (blank or all zero) but no note below it saying why it is empty",
            )


def _fund(d: Disclosure) -> str:
    return d.spec.fund[0] + "相关收支" if d.spec.fund else "相关收支"


class EmptyTableWrongFund(Rule):
    code = "BLANK002"
    name = "empty-table-note-wrong-fund"
    summary = "空表说明写的是另一张表的资金（套用了别的表的说明）"
    summary_en = "an empty table's note names another table's fund (copied from another table)"
    level = "error"
    help = """
    空表说明必须点明本表的资金，例如政府性基金表写“无政府性基金预算财政拨款收入和支出”，
    国有资本经营表写“无国有资本经营预算财政拨款……”。说明里只出现另一张表的资金名称，
    多是复制别的表的说明后忘了修改。各表应点明的资金见规则包 disclosure-tables 的 fund。
    """
    help_en = """
    The note under an empty table must name this table's money (政府性基金 for the government-fund
    table, 国有资本经营 for the state-capital table, 三公 for the 三公 table). A note that names only
    another table's fund was copied and not edited. The words are the ``fund`` lists of the
    disclosure-tables pack.
    """

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        pack = _pack(ctx)
        for d in disclosures(ctx):
            if d.has_data or not d.spec.fund:
                continue
            for note, text in _note_parts(d):
                if not (EMPTY_NOTE.search(text) or WHY_EMPTY.search(text)) or "本表反映" in text:
                    continue
                if any(w in text for w in d.spec.fund):
                    continue
                others = [
                    w for t in pack.tables if t.key != d.spec.key for w in t.fund if w in text and w not in d.spec.fund
                ]
                if not others:
                    continue
                ctx.report(
                    note.location,
                    f"{d.spec.title}的空表说明写的是“{others[0]}”，没有提到本表的“{d.spec.fund[0]}”（“{text[:40]}”），像是套用了别的表的说明",
                    f"the empty-table note of {d.spec.title} names '{others[0]}', not this table's '{d.spec.fund[0]}'",
                )


def _compact(text: str) -> str:
    return re.sub(r"[\s\u3000“”\"]", "", text)


def _note_parts(d: Disclosure) -> list[tuple[Paragraph, str]]:
    """Each 注/说明 of the notes under a table (a PDF may join two into one paragraph)."""
    out = []
    for note in d.notes:
        for part in re.split(r"(?=(?:注|说明|备注)\d*[:：])", _compact(note.text)):
            if part:
                out.append((note, part))
    return out


class EmptyNoteOnDataTable(Rule):
    code = "BLANK003"
    name = "empty-note-on-data-table"
    summary = "有数据的公开表却注明“本表为空表/无数据”"
    summary_en = "a disclosure table with data carries an empty-table note"
    level = "error"
    help = """
    表中有非零数据，表下却写着“故本表为空表/本表无数据”，两者必有一错：或是表填错了，
    或是说明从模板或别的表复制后没有删除。
    """
    help_en = """
    The table has non-zero figures but its note says it is empty (本表为空表 / 无数据): either the
    table or the note is wrong (usually a note copied from the template or another table).
    """

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        for d in disclosures(ctx):
            if not d.has_data:
                continue
            for note, text in _note_parts(d):
                if re.search(r"本表(?:为)?空表|本表无(?:数据|内容)|故本表(?:为空|无数据)", text):
                    ctx.report(
                        note.location,
                        f"{d.spec.title}有数据，但表下说明称“{text[:40]}”",
                        f"{d.spec.title} has data but its note says it is empty: “{text[:40]}”",
                        related=[Related(d.location, f"{d.spec.title}有数据", f"{d.spec.title} has data")],
                    )


# ---------------------------------------------------------------- comparison wording and reasons

_AMT = r"(-?\d+(?:,\d{3})*(?:\.\d+)?)\s*万元"
BUDGET_RE = re.compile(r"(?:年初预算(?:数)?|全年预算(?:数)?|调整(?:后)?预算(?:数)?|预算数)\s*(?:为|是|:|：)?\s*" + _AMT)
ACTUAL_RE = re.compile(r"(?:支出)?决算(?:数)?\s*(?:为|是|:|：)\s*" + _AMT + r"|支出决算\s*" + _AMT)
WORDING_RE = re.compile(
    r"决算数?\s*(?:同|与|较|比)?\s*(?:年初)?预算数?\s*(?:相比)?\s*(基本持平|持平|相等|一致)"
    r"|决算数?\s*(大于|小于|等于|高于|低于|超过|少于|多于)\s*(?:年初|全年|调整)?预算数?"
)
REASON_RE = re.compile(r"原因|由于|因为|主要是|系因|因[^素]|导致|致使|所致|用于|受.{1,12}影响")
PLACEHOLDER_REASON = re.compile(r"(?:原因|由于)[是为：:]?\s*(?:[XＸ×]{2,}|……|\.\.\.|待补充|待填写|略)")


@dataclass
class Comparison:
    block: Paragraph
    budget: Num
    actual: Num
    word: str
    wording_at: int
    excerpt: str


def comparisons(doc) -> list[Comparison]:
    out = []
    for b in doc.blocks:
        if not isinstance(b, Paragraph) or "决算" not in b.text or "预算" not in b.text:
            continue  # every wording WORDING_RE knows names both (normalize keeps CJK as is)
        t = normalize(b.text)
        for w in WORDING_RE.finditer(t):
            word = w.group(1) or w.group(2)
            budgets = [m for m in BUDGET_RE.finditer(t, 0, w.start())]
            if not budgets:
                continue
            bm = budgets[-1]
            am = next(iter(ACTUAL_RE.finditer(t, bm.end(), w.start())), None)
            if am is None:
                continue
            budget = Num.parse(bm.group(1))
            actual = Num.parse(am.group(1) or am.group(2))
            if budget is None or actual is None:
                continue
            out.append(Comparison(b, budget, actual, word, w.start(), t[bm.start() : w.end()]))
    return out


def relation(budget: Num, actual: Num, printed: bool = False) -> str:
    """greater, less or equal: of the printed figures (``printed``), or of their rounding
    intervals, which are equal whenever they meet."""
    if (actual.value > budget.value) if printed else (actual.lo > budget.hi):
        return "greater"
    if (actual.value < budget.value) if printed else (actual.hi < budget.lo):
        return "less"
    return "equal"


_WORD_REL = {
    "大于": "greater",
    "高于": "greater",
    "超过": "greater",
    "多于": "greater",
    "小于": "less",
    "低于": "less",
    "少于": "less",
    "等于": "equal",
    "持平": "equal",
    "相等": "equal",
    "一致": "equal",
}
_REL_ZH = {"greater": "大于", "less": "小于", "equal": "等于"}


def _loc(block: Paragraph, excerpt: str) -> Location:
    return block.location.excerpted(excerpt)


class ComparisonWording(Rule):
    code = "CMP001"
    name = "comparison-wording"
    summary = "“决算数大于/小于/等于/持平预算数”与所列两个金额不符"
    summary_en = "大于/小于/等于/持平 wording contradicts the two amounts it compares"
    level = "error"
    options: ClassVar[dict[str, Any]] = {"flat_band_percent": "5"}
    help = """
    情况说明逐项写“年初预算为 X 万元，支出决算为 Y 万元……决算数小于预算数的主要原因……”。
    本规则核对比较用语与 X、Y 的实际大小：大于/高于/超过要求印出的 Y > X，小于/低于要求印出的
    Y < X（2.22 与 2.23 写“小于”无误），等于/持平要求两数（按印出精度的区间）相等，基本持平允许相差不超过预算数的
    flat_band_percent%（默认 5%）。
    如何修改：按实际大小改正用语（或改正抄错的金额）。
    """
    help_en = """
    Items of the 情况说明 read "年初预算为 X 万元，支出决算为 Y 万元…决算数小于预算数…". The wording
    must match X and Y: 大于/高于/超过 need the printed Y > X, 小于/低于 the printed Y < X (小于 for 2.22
    against 2.23 is right), 等于/持平 need the two to be
    equal within printed precision, 基本持平 allows a gap up to flat_band_percent% of X (default 5).
    """

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        band = Decimal(str(ctx.option("flat_band_percent")))
        for c in ctx.facts.document("disclosure.comparisons", lambda: comparisons(ctx.document)):
            actual_rel = relation(c.budget, c.actual)
            if c.word == "基本持平":
                gap = abs(c.actual.value - c.budget.value)
                ok = actual_rel == "equal" or (c.budget.value > 0 and gap * 100 <= band * c.budget.value)
                expected = "基本持平"
            else:
                expected = _WORD_REL[c.word]
                if expected == "equal":
                    ok = actual_rel == "equal"  # equal within the printed precision
                else:
                    # 大于/小于 is judged on the printed figures: "预算为2.23万元，决算为2.22万元，
                    # 决算数小于预算数" is right as printed, though rounding could make them equal.
                    actual_rel = relation(c.budget, c.actual, printed=True)
                    ok = expected == actual_rel
            if ok:
                continue
            d = max(c.budget.decimals, c.actual.decimals)
            diff = fmt(c.actual.value - c.budget.value, d)
            ctx.report(
                _loc(c.block, c.excerpt[-60:]),
                f"写作“{c.word}”，但决算数 {c.actual.text} 万元{_REL_ZH[actual_rel]}预算数 {c.budget.text} 万元（相差 {diff} 万元）",
                f"says '{c.word}' but the actual {c.actual.text} is {actual_rel} than/to the budget {c.budget.text} (difference {diff})",
            )


class MissingReason(Rule):
    code = "REASON001"
    name = "missing-reason"
    summary = "决算与预算差异（或“三公”、机关运行经费的增减）较大却没有说明原因"
    summary_en = "a large 决算/预算 gap (or 三公/机关运行经费 change) has no reason sentence"
    level = "warning"
    options: ClassVar[dict[str, Any]] = {"threshold_percent": "10"}
    help = """
    决算公开模板要求对决算数与预算数的差异、“三公”经费和机关运行经费的增减说明原因。
    当差异（或增减幅度）超过 threshold_percent%（默认 10%），同一段中却没有“主要原因/原因是/
    由于/因……”这样的原因句，或原因只是占位符（XX、……、待补充），本规则提示补写。
    如何修改：写明具体原因，如“决算数小于预算数的主要原因是部分项目未实施”。
    """
    help_en = """
    The 决算 template asks for a reason when 决算 differs from 预算, and when 三公 or 机关运行经费
    change from last year. When the gap (or change) exceeds threshold_percent% (default 10) and the
    paragraph has no reason sentence (主要原因/原因是/由于/因…), or only a placeholder, it is reported.
    """

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        threshold = Decimal(str(ctx.option("threshold_percent")))
        blocks = ctx.document.blocks
        index = {id(b): i for i, b in enumerate(blocks)}
        for c in ctx.facts.document("disclosure.comparisons", lambda: comparisons(ctx.document)):
            if c.budget.value <= 0 or abs(c.actual.value - c.budget.value) * 100 <= threshold * c.budget.value:
                continue
            self._check(ctx, c.block, blocks, index, normalize(c.block.text)[c.wording_at :], c.excerpt[-60:])
        for b in blocks:
            if not isinstance(b, Paragraph) or ("三公" not in b.text and "机关运行经费" not in b.text):
                continue  # a change of 三公 or 机关运行经费 names it (normalize keeps CJK as is)
            t = normalize(b.text)
            for m in re.finditer(
                r"(?:比|较|与)(?:上年|上一年度|20\d\d\s*年度?)[^。；]{0,12}?(增加|减少)\s*"
                + _AMT
                + r"[，,]?\s*(?:增长|下降|减少|增加)\s*(\d+(?:\.\d+)?)\s*%",
                t,
            ):
                if Decimal(m.group(3)) <= threshold:
                    continue
                self._check(ctx, b, blocks, index, t[m.start() :], t[m.start() : m.end()])

    def _check(self, ctx: RuleContext, block: Paragraph, blocks: list, index: dict, tail: str, excerpt: str) -> None:
        following = ""
        i = index.get(id(block), -1)
        if (
            0 <= i + 1 < len(blocks)
            and isinstance(blocks[i + 1], Paragraph)
            and re.match(r"\s*(?:主要)?原因", blocks[i + 1].text)
        ):
            following = blocks[i + 1].text
        text = tail + following
        if PLACEHOLDER_REASON.search(text):
            ctx.report(
                _loc(block, excerpt),
                f"差异的原因只写了占位符（“{PLACEHOLDER_REASON.search(text).group(0)}”），需写明具体原因",
                "the reason is only a placeholder; state the actual reason",
            )
        elif not REASON_RE.search(text):
            ctx.report(
                _loc(block, excerpt),
                f"“{excerpt[:50]}”差异超过 {ctx.option('threshold_percent')}%，但没有说明原因",
                f"the gap in '{excerpt[:50]}' exceeds {ctx.option('threshold_percent')}% but no reason is given",
            )


# ---------------------------------------------------------------- template residue

TEMPLATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<![A-Za-z0-9])[XxＸｘ]{2,}(?![A-Za-z0-9])"), "模板占位符"),
    (re.compile(r"[×✕]{2,}"), "模板占位符"),
    (re.compile(r"某某"), "模板占位符"),
    (re.compile(r"待填写|待补充|请填写|请补充|此处填写|TODO|TBD"), "模板占位符"),
    (
        re.compile(r"如持平作持平表述|如(?:无|不涉及)[^，。]{0,10}?(?:可|请|则)?(?:不写|不填|删除|不列|填无|填写无)"),
        "模板填写说明",
    ),
    (re.compile(r"不涉及的(?:可)?不(?:列|写|填)|没有的(?:可)?不(?:列|写|填)"), "模板填写说明"),
    (re.compile(r"请根据[^。]{0,30}(?:罗列|填写|列示|说明|删除|修改)"), "模板填写说明"),
    (
        re.compile(
            r"[（(](?:此处|本段|以下)?请(?:根据|按照?|填写?|补充|删除|修改|据实|结合|参照|选择)[^）)]{0,30}[）)]"
        ),
        "模板填写说明",
    ),
)


# Every pattern above needs one of these characters (X/x/Ｘ/ｘ, ×/✕, 某, 待, 请, 此, T of
# TODO/TBD, 如, 涉 of 不涉及的, 没 of 没有的): one scan for them spares the eight searches
# in nearly every paragraph. Keep it in step when a pattern is added.
_TEMPLATE_CHARS = re.compile(r"[XxＸｘ×✕某待请此T如涉没]")


class TemplateResidue(Rule):
    code = "TEMPLATE001"
    name = "template-residue"
    summary = "正文留有占位符（XX、××、某某、待填写）或模板填写说明"
    summary_en = "placeholders (XX, ××, 某某, 待填写) or template instructions left in the text"
    level = "error"
    help = """
    公开文本中留有模板的占位符（XX、××、某某、待填写、待补充）或给填报人的说明
    （“如持平作持平表述”“不涉及的不列”“请根据……罗列”），说明文本未按实际情况改写就公开了。
    “下降（增长）”这类方向二选一的残留由 PCT006 报告。
    如何修改：换成实际内容，删去模板说明。
    """
    help_en = """
    Template placeholders (XX, ××, 某某, 待填写, 待补充) or instructions to whoever fills in the
    template (如持平作持平表述, 不涉及的不列, 请根据…罗列) were published. Direction residue such as
    下降（增长） is PCT006's.
    """

    def on_paragraph(self, ctx: RuleContext, event: Event) -> None:
        self._scan(ctx, event.block)

    def on_heading(self, ctx: RuleContext, event: Event) -> None:
        self._scan(ctx, event.block)

    def _scan(self, ctx: RuleContext, block: Paragraph | Heading) -> None:
        t = block.text
        if _TEMPLATE_CHARS.search(t) is None:
            return  # no pattern can match: each needs one of these characters
        for pattern, kind in TEMPLATE_PATTERNS:
            m = pattern.search(t)
            if m is None:
                continue
            start = max(0, m.start() - 10)
            excerpt = t[start : m.end() + 10].strip()
            ctx.report(
                _loc(block, excerpt),  # type: ignore[arg-type]
                f"留有{kind}“{m.group(0)}”（“{excerpt}”）",
                f"template {'placeholder' if kind == '模板占位符' else 'instruction'} left in the text: “{m.group(0)}”",
            )
            return


# ---------------------------------------------------------------- values

NEVER_NEGATIVE = {
    "income",
    "expense",
    "gpb-expense",
    "gpb-basic",
    "sangong",
    "gpb-project",
    "fiscal-detail",
    "gpb-detail",
}


class NegativeAmount(Rule):
    code = "VALUE001"
    name = "negative-amount"
    summary = "公开表中出现不可能为负的负数金额"
    summary_en = "a negative amount where none can be in a 公开表"
    level = "error"
    help = """
    收入决算表、支出决算表、一般公共预算财政拨款支出（基本支出）决算表和“三公”经费表的金额
    不可能为负：收入、支出、预算数都不小于 0。负数多是公式或抄录错误（或把冲减写成负数）。
    结转结余等可为负的栏目不检查。
    """
    help_en = """
    Amounts in the income, expense, 一般公共预算 expense/basic and 三公 tables cannot be negative.
    Carry-over columns, which can, are not checked.
    """

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        for d in disclosures(ctx):
            if d.spec.key not in NEVER_NEGATIVE:
                continue
            for row in d.rows():
                for col, v in row.values.items():
                    if v.num is None or v.num.value >= 0 or col[0].startswith("carry"):
                        continue
                    ctx.report(
                        v.location,
                        f"{d.spec.title}「{row.label or row.code}」{_col_name(col)} 为负数 {v.text}，该栏金额不可能为负",
                        f"{d.spec.title} '{row.label or row.code}' {_col_name(col)} is negative ({v.text})",
                    )


SHARE_RE = re.compile(
    r"占(?:本年[^\d，。；]{0,12}?的?|[^\d，。；、]{0,12}?的比[例重]为?|比为?|比重为?|)\s*(\d+(?:\.\d+)?)\s*[%％]"
)


class ShareOutOfRange(Rule):
    code = "VALUE002"
    name = "share-out-of-range"
    summary = "占比超过 100%"
    summary_en = "a share above 100%"
    level = "error"
    help = """
    “占……的 X%”是部分占整体的比例，不可能超过 100%（完成率、增长率可以，不在此检查）。
    如何修改：核对分子、分母，改正占比。
    """
    help_en = "A share (占…的 X%) is a part of a whole and cannot exceed 100% (completion and growth rates can)."

    def on_paragraph(self, ctx: RuleContext, event: Event) -> None:
        text = event.block.text
        if "占" not in text or ("%" not in text and "％" not in text):
            return  # a share is 占…% (normalize only turns ％ into %)
        t = normalize(text)
        for m in SHARE_RE.finditer(t):
            value = Decimal(m.group(1))
            if value > 100 and not re.search(r"预算|上年|同期|计划|目标|去年", m.group(0)):
                ctx.report(
                    _loc(event.block, m.group(0)),
                    f"占比 {m.group(1)}% 超过 100%（“{m.group(0)}”）",
                    f"share {m.group(1)}% exceeds 100%",
                )


TEXT_AMOUNT = re.compile(r"(?<![\d.])(\d+\.(?:\d{7,}\s*(万元)|\d{3,}\s*(元)))(?!/)")


class ExcessDecimals(Rule):
    code = "VALUE003"
    name = "excess-decimals"
    summary = "金额的小数位多于单位所示（万元、元保留两位小数）"
    summary_en = "an amount printed with more decimals than its unit shows (万元/元 take two)"
    level = "warning"
    help = """
    部门决算以万元（或元）为单位、保留两位小数公开。公开表中某个金额的小数位多于本表其他金额
    （且多于两位），或文字中的金额细于 1 分（元金额 3 位以上小数、万元金额 7 位以上小数），
    多是未取整的计算结果或单位写错。万元金额写到 4 位小数（精确到元）不报告。
    如何修改：按本表精度取整，或改正单位。
    """
    help_en = """
    决算 figures are published in 万元 (or 元) with two decimals. A 公开表 cell with more decimals than
    the table's other amounts (and more than two), or a text amount finer than 1 分 (元 with 3+
    decimals, 万元 with 7+), is an unrounded computation or a wrong unit. 万元 to 4 decimals (exact 元)
    is not reported.
    """

    def on_paragraph(self, ctx: RuleContext, event: Event) -> None:
        text = event.block.text
        if "元" not in text or ("." not in text and "．" not in text):
            return  # TEXT_AMOUNT is a decimal amount in 元/万元 (normalize only turns ． into .)
        t = normalize(text)
        for m in TEXT_AMOUNT.finditer(t):
            unit = m.group(2) or m.group(3)
            places = len(re.sub(r"\D", "", m.group(1).split(".")[1]))
            ctx.report(
                _loc(event.block, m.group(0)),
                f"金额 {m.group(0)} 有 {places} 位小数，小于 1 分，{unit}金额不可能有这么多位小数",
                f"amount {m.group(0)} has {places} decimals, finer than 1 分; a {unit} amount cannot have that many",
            )

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        for d in disclosures(ctx):
            places = [
                v.num.decimals for r in d.rows() for v in r.values.values() if v.num is not None and v.num.value != 0
            ]
            usual = max(set(places), key=places.count) if places else 2
            for row in d.rows():
                for col, v in row.values.items():
                    if v.num is not None and v.num.decimals > max(usual, 2):
                        ctx.report(
                            v.location,
                            f"{d.spec.title}「{row.label or row.code}」{_col_name(col)} {v.text} 有 {v.num.decimals} 位小数，"
                            f"本表其他金额为 {usual} 位小数",
                            f"{d.spec.title} '{row.label or row.code}' {v.text} has {v.num.decimals} decimals; amounts take two",
                        )


@hookimpl
def fiscalint_rules() -> list[type[Rule]]:
    return [
        TableIdentity,
        TableIdentityRounding,
        TableLink,
        TableLinkRounding,
        TextTableMismatch,
        TextTableRounding,
        EmptyTableNoteMissing,
        EmptyTableWrongFund,
        EmptyNoteOnDataTable,
        ComparisonWording,
        MissingReason,
        TemplateResidue,
        NegativeAmount,
        ShareOutOfRange,
        ExcessDecimals,
    ]
