"""SCORE rules: weights, scores, totals and grades of 绩效自评表.

Every rule reads the same parse (``fiscalint.facts.score_tables``), made
once per document. Points are assigned, not measured: a weight or score
printed as an integer is exact, one printed with decimals may have been
rounded to them, and a total may have been rounded to its own printing.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from fiscalint.facts.numbers import Num, fmt, ratio_interval
from fiscalint.facts.score_tables import (
    GRADE_PHRASE,
    ScoreStatement,
    ScoreTable,
    bare_grade,
    bigram_similarity,
    document_score_tables,
    score_statements,
    squash,
    target_met,
)
from fiscalint.hookspecs import hookimpl
from fiscalint.model import Cell, Heading, Paragraph, Related, Table
from fiscalint.rule import Rule, RuleContext

BUILTIN_PACK = "scoring"
DEFAULT_BANDS = [
    {"grade": "优", "names": ["优", "优秀"], "min": 90},
    {"grade": "良", "names": ["良", "良好"], "min": 80, "max": 90},
    {"grade": "中", "names": ["中", "中等", "合格"], "min": 60, "max": 80},
    {"grade": "差", "names": ["差", "不合格"], "max": 60},
]


# --- shared helpers -----------------------------------------------------------


def tables_of(ctx: RuleContext) -> list[ScoreTable]:
    return ctx.facts.document("score_tables", lambda: document_score_tables(ctx.document))


def tables_starting_at(ctx: RuleContext, table: Table) -> list[ScoreTable]:
    """The score tables that begin with ``table`` (asked by every SCORE rule for every table)."""

    def index() -> dict[int, list[ScoreTable]]:
        by_table: dict[int, list[ScoreTable]] = {}
        for st in tables_of(ctx):
            by_table.setdefault(id(st.table), []).append(st)
        return by_table

    return ctx.facts.document("score_tables.by_table", index).get(id(table), [])


def show(n: Num) -> str:
    return n.text.strip().replace("\u3000", "").rstrip("分") or str(n.value)


def show_value(v: Decimal) -> str:
    """A computed value without trailing zeros: 97.13, 90 (not 9E+1)."""
    text = format(v, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def terms_text(terms: list[Num]) -> str:
    return " + ".join(show(t) for t in terms)


def parts_allowance(terms: list[Num]) -> Decimal:
    """Rounding allowance of printed parts: integers are exact points."""
    return sum((t.half for t in terms if t.decimals > 0), Decimal(0))


def compare_total(total: Num, terms: list[Num]) -> str:
    """ "ok", "rounding" or "error" for a stated total against its terms."""
    exact = sum((t.value for t in terms), Decimal(0))
    diff = abs(total.value - exact)
    if diff == 0:
        return "ok"
    allowance = parts_allowance(terms) + (
        total.half if total.decimals < max((t.decimals for t in terms), default=0) else 0
    )
    return "rounding" if diff <= allowance else "error"


def pack_list(ctx: RuleContext, key: str) -> list:
    packs = getattr(ctx, "packs", None)
    return list(packs.section(key)) if packs is not None else []


def default_total(ctx: RuleContext) -> Decimal:
    """The full score when a table states none: [weights] total of the packs, else 100."""
    for entry in reversed(pack_list(ctx, "weights")):
        if isinstance(entry, dict) and "total" in entry:
            return Decimal(str(entry["total"]))
    return Decimal(100)


def grading_bands(ctx: RuleContext) -> list[dict]:
    """The bands of the document's locality when its pack defines [[grading]]
    (the locality of the detected template, or of the pack of a config
    ``profile``); packs without a locality apply everywhere; else the built-in ones.
    """
    packs = getattr(ctx, "packs", None)
    profile = ctx.profile or {}
    locality = profile.get("locality", "")
    builtin: list[dict] = []
    generic: list[dict] = []
    local: list[dict] = []
    for pack in getattr(packs, "packs", []) or []:
        bands = pack.get("grading")
        if not (isinstance(bands, list) and bands):
            continue
        meta = pack.get("pack", {})
        if meta.get("id") == BUILTIN_PACK:
            builtin = bands
        elif not meta.get("locality"):
            generic = bands
        elif locality and meta.get("locality") == locality:
            local = bands
    return local or generic or builtin or DEFAULT_BANDS


def scales(ctx: RuleContext) -> list[list[list[str]]]:
    """The packs' word scales (read once per document: three rules ask at every table)."""
    return ctx.facts.document(
        "score_tables.scales",
        lambda: [s["words"] for s in pack_list(ctx, "scales") if isinstance(s, dict) and "words" in s],
    )


def band_of(bands: list[dict], grade: str) -> dict | None:
    for band in bands:
        if grade == band.get("grade") or grade in band.get("names", []):
            return band
    return None


def band_text(band: dict) -> str:
    lo, hi = band.get("min"), band.get("max")
    if lo is not None and hi is not None:
        return f"{lo}–{hi}"
    if lo is not None:
        return f"≥{lo}"
    return f"<{hi}"


def fits_band(score: Num, band: dict) -> bool:
    """Whether the score lies in the band (points are exact: 90 is 优, not 良)."""
    lo, hi = band.get("min"), band.get("max")
    if lo is not None and score.value < Decimal(str(lo)):
        return False
    return hi is None or score.value < Decimal(str(hi))


def table_total(st: ScoreTable) -> tuple[Num | None, list[Num] | None]:
    """The table's total score as stated, and the terms it should add up from."""
    return st.total_score, st.score_terms()


def settled_total(st: ScoreTable) -> Num | None:
    """The stated total score, unless it is not the sum of the scores (SCORE003 says so):
    a grade is then judged against neither figure."""
    total, terms = table_total(st)
    if total is None or (terms and compare_total(total, terms) == "error"):
        return None
    return total


def where(cell: Cell | None, st: ScoreTable) -> object:
    return cell.location if cell is not None else st.table.location


def project_label(st: ScoreTable) -> str:
    return f"“{st.project}”" if st.project else ""


# --- SCORE001 / SCORE002 / SCORE003 / SCORE011 -------------------------------


class WeightSum(Rule):
    code = "SCORE001"
    name = "weight-sum"
    summary = "绩效自评表的权重（分值）合计不等于100、所列合计或分类上限"
    summary_en = "weights of a self-evaluation table do not add up to 100, the stated total or a category cap"
    level = "error"
    help = """
        **检查内容**：绩效自评表中各指标的权重（分值）之和应等于合计行所列权重
        （通常为100分），各一级指标的权重之和应等于其标注的分值，如“产出指标（50分）”、
        “绩效指标（90分）”、“预算执行情况（10分）”。

        **为什么**：权重不闭合说明表格漏列、多列或填错了指标分值，得分也就无从比较。

        **如何修改**：逐项核对各指标分值，使其合计与所列合计或分类分值一致。
    """
    help_en = """
        **What**: the weights (分值/权重) of a 绩效自评表 must add up to the total row
        (usually 100) and each first-level group to its stated cap, such as
        "产出指标（50分）" or "绩效指标（90分）".

        **Why**: weights that do not close mean an indicator was left out, added twice
        or mistyped.

        **Fix**: correct the weights so that they add up to the stated total or cap.
    """

    def on_table(self, ctx: RuleContext, event) -> None:
        for st in tables_starting_at(ctx, event.block):
            self.check(ctx, st)

    def check(self, ctx: RuleContext, st: ScoreTable) -> None:
        weights = st.weight_terms()
        if weights and st.total_weight is not None and compare_total(st.total_weight, weights) == "error":
            total = sum((w.value for w in weights), Decimal(0))
            diff = st.total_weight.value - total
            ctx.report(
                where(st.total_weight_cell, st),
                f"绩效自评表{project_label(st)}合计权重为{show(st.total_weight)}分，"
                f"但各项权重相加为{terms_text(weights)} = {show_value(total)}分，相差{show_value(abs(diff))}分",
                f"self-evaluation table {st.project}: total weight stated {show(st.total_weight)}, "
                f"but the weights add up to {terms_text(weights)} = {show_value(total)} (difference {show_value(abs(diff))})",
            )
        for cat in st.categories:
            w = [i.weight for i in cat.indicators]
            if cat.cap is None or not w or any(x is None for x in w):
                continue
            self.cap(ctx, st, f"{cat.label}（{show(cat.cap)}分）", cat.cap, w, cat.cell)
        if st.indicators_cap is not None and st.indicators:
            w = [i.weight for i in st.indicators]
            if all(x is not None for x in w):
                self.cap(
                    ctx, st, f"绩效指标（{show(st.indicators_cap)}分）", st.indicators_cap, w, st.indicators_cap_cell
                )
        budget = st.budget
        if st.budget_cap is not None and budget is not None and budget.weight is not None:
            self.cap(
                ctx, st, f"预算执行情况（{show(st.budget_cap)}分）", st.budget_cap, [budget.weight], st.budget_cap_cell
            )

    def cap(self, ctx: RuleContext, st: ScoreTable, label: str, cap: Num, weights: list, cell) -> None:
        if compare_total(cap, weights) != "error":
            return
        total = sum((w.value for w in weights), Decimal(0))
        ctx.report(
            where(cell, st),
            f"绩效自评表{project_label(st)}标注“{label}”，但其下各项权重相加为"
            f"{terms_text(weights)} = {show_value(total)}分，相差{show_value(abs(cap.value - total))}分",
            f"self-evaluation table {st.project}: {label} is stated, but its weights add up to "
            f"{terms_text(weights)} = {show_value(total)} (difference {show_value(abs(cap.value - total))})",
        )


class ScoreAboveWeight(Rule):
    code = "SCORE002"
    name = "score-above-weight"
    summary = "指标得分高于其权重（分值）或为负数"
    summary_en = "an indicator's score is above its weight or negative"
    level = "error"
    help = """
        **检查内容**：绩效自评表中每项指标（包括预算执行率）的得分应在0与该项权重之间。

        **为什么**：得分超过满分或为负数，说明得分或权重填错，合计也会随之出错。

        **如何修改**：核对该项得分与权重，按评分标准重新填写。
    """
    help_en = """
        **What**: every score of a 绩效自评表 (budget execution included) must lie
        between 0 and the item's weight.

        **Why**: a score above full marks or below zero is a typing or scoring mistake.

        **Fix**: re-check the score and the weight of that item.
    """

    def on_table(self, ctx: RuleContext, event) -> None:
        for st in tables_starting_at(ctx, event.block):
            items = [(i.name, i.weight, i.score, i.score_cell) for i in st.indicators]
            for row in st.budget_rows:
                items.append(("预算执行率", row.weight, row.score, row.score_cell))
            for name, weight, score, cell in items:
                if score is None:
                    continue
                if score.value < 0:
                    ctx.report(
                        where(cell, st),
                        f"指标“{name}”得分为{show(score)}分，得分不能为负数",
                        f"indicator {name}: score {show(score)} is negative",
                    )
                elif weight is not None and score.value > weight.value:
                    ctx.report(
                        where(cell, st),
                        f"指标“{name}”得分{show(score)}分高于其权重{show(weight)}分，"
                        f"超出{show_value(score.value - weight.value)}分",
                        f"indicator {name}: score {show(score)} is above its weight {show(weight)} "
                        f"by {show_value(score.value - weight.value)}",
                    )


class _TotalRule(Rule):
    """SCORE003 and its rounding-only twin SCORE011 share one comparison."""

    want = "error"

    def on_table(self, ctx: RuleContext, event) -> None:
        for st in tables_starting_at(ctx, event.block):
            total, terms = table_total(st)
            if total is None or not terms:
                continue
            weights = st.weight_terms()
            # Only a table whose weights close is known to be complete.
            expected = st.total_weight.value if st.total_weight is not None else default_total(ctx)
            if not weights or sum((w.value for w in weights), Decimal(0)) != expected:
                continue
            if compare_total(total, terms) != self.want:
                continue
            exact = sum((t.value for t in terms), Decimal(0))
            diff = total.value - exact
            kind = "" if self.want == "error" else "（仅为尾差）"
            kind_en = "" if self.want == "error" else " (rounding only)"
            ctx.report(
                where(st.total_score_cell, st),
                f"绩效自评表{project_label(st)}合计得分为{show(total)}分，但各项得分相加为"
                f"{terms_text(terms)} = {show_value(exact)}分，相差{show_value(abs(diff))}分{kind}",
                f"self-evaluation table {st.project}: total score stated {show(total)}, but the scores add up to "
                f"{terms_text(terms)} = {show_value(exact)} (difference {show_value(abs(diff))}){kind_en}",
            )


class ScoreTotal(_TotalRule):
    code = "SCORE003"
    name = "score-total"
    summary = "合计（总分）不等于各项得分之和"
    summary_en = "the total score is not the sum of the scores"
    level = "error"
    help = """
        **检查内容**：绩效自评表合计（总分）行的得分应等于预算执行得分与各项指标得分之和。
        只在各项权重相加等于合计权重（或100分）时检查，以确认表格完整。

        **为什么**：总分决定评价等级，也会被报告正文引用，填错会误导读者。

        **如何修改**：重新加总各项得分，改正合计行。
    """
    help_en = """
        **What**: the total row (合计/总分) must equal the budget score plus every
        indicator score. Checked only when the weights add up to the stated total
        (or 100), so that the table is known to be complete.

        **Why**: the total decides the grade and is quoted in the report.

        **Fix**: add the scores again and correct the total row.
    """


class ScoreTotalRounding(_TotalRule):
    code = "SCORE011"
    name = "score-total-rounding"
    summary = "合计得分与各项得分之和仅有尾差"
    summary_en = "the total score differs from the sum of the scores by rounding only"
    level = "note"
    want = "rounding"
    help = """
        **检查内容**：合计得分与各项得分之和的差额在各项得分四舍五入的范围之内（尾差）。

        **如何修改**：如需精确，按未舍入的得分重新计算合计或注明尾差。
    """
    help_en = """
        **What**: the total score differs from the sum of the scores by no more than
        the rounding of the printed scores allows.

        **Fix**: state the total from unrounded scores or note the rounding.
    """


# --- SCORE004 / SCORE005: prose and 评价结论 ------------------------------------


def _project_table(ctx: RuleContext, subject: str, context: str) -> ScoreTable | None:
    """The one score table the text speaks about, matched by project name."""
    scored = []
    for st in tables_of(ctx):
        if not st.project:
            continue
        sim = max(bigram_similarity(st.project, subject), bigram_similarity(st.project, context))
        scored.append((sim, st))
    scored.sort(key=lambda x: -x[0])
    if not scored or scored[0][0] < Decimal("0.6"):
        return None
    if len(scored) > 1 and scored[1][0] > scored[0][0] - Decimal("0.2"):
        return None
    return scored[0][1]


# Forty-one characters that are not whitespace: a text whose squash is longer than 40.
_OVER_40 = re.compile(r"(?:\s*\S){41}")


def _rounds_to(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(10) ** -decimals, rounding=ROUND_HALF_UP)


def _agrees(stated: Num, value: Num | Decimal) -> bool:
    """Equal, or one is the other rounded to its printed decimals (98 for 97.6)."""
    v = value.value if isinstance(value, Num) else value
    v_dec = value.decimals if isinstance(value, Num) else max(-v.as_tuple().exponent, 0)
    if stated.value == v:
        return True
    if stated.decimals < v_dec:
        return _rounds_to(v, stated.decimals) == stated.value
    return _rounds_to(stated.value, v_dec) == v


class ProseScore(Rule):
    code = "SCORE004"
    name = "prose-score"
    summary = "正文或评价结论所述自评得分与绩效自评表合计不一致"
    summary_en = "the score quoted in the text differs from its self-evaluation table's total"
    level = "error"
    help = """
        **检查内容**：报告正文（如“自评得分为97.13分”“综合评分98分”）和表内“评价结论”
        所述得分，应与按项目名称对应的绩效自评表合计得分一致。项目名称对应不唯一时不检查。

        **为什么**：同一项目的得分前后不一，读者无法判断哪个为准。

        **如何修改**：以核对无误的自评表为准，改正正文或评价结论中的得分。
    """
    help_en = """
        **What**: a score stated in the text ("自评得分为97.13分", "综合评分98分") or in
        the table's 评价结论 must equal the total of the table of the same project
        (matched by name; skipped when the match is not unique).

        **Why**: two different scores for one project leave the reader guessing.

        **Fix**: correct the text or the conclusion to the checked table total.
    """

    def on_document(self, ctx: RuleContext, event) -> None:
        self.context = ""

    def on_heading(self, ctx: RuleContext, event) -> None:
        self.track(event.block)

    def on_paragraph(self, ctx: RuleContext, event) -> None:
        block: Paragraph = event.block
        self.track(block)
        for s in score_statements(block.text):
            department = "整体" in s.subject or ("部门" in s.subject and "项目" not in s.subject)
            # A department-level score is compared only when its own words name a table.
            if department and _project_table(ctx, s.subject, "") is None:
                continue
            st = _project_table(ctx, s.subject, self.context)
            if st is not None:
                self.compare(ctx, st, s, block.location, "正文")

    def track(self, block: Paragraph | Heading) -> None:
        """Remember the project a report section is about: a short line （项目名）."""
        text = block.text
        if "报" not in text and not text.rstrip().endswith((")", "）")):
            return  # neither kind of line below (squash drops spaces, turns （ into ( and adds nothing)
        if _OVER_40.match(text):
            return  # squashed, still longer than 40 characters: a sentence, not a title line
        t = squash(text)
        if 2 < len(t) <= 40 and t.startswith("(") and t.endswith(")"):
            self.context = t[1:-1]
        elif len(t) <= 40 and "报告" in t:
            self.context = t

    def on_table(self, ctx: RuleContext, event) -> None:
        for st in tables_starting_at(ctx, event.block):
            if st.conclusion is None:
                continue
            for s in score_statements(st.conclusion.text):
                self.compare(ctx, st, s, st.conclusion.location, "评价结论")

    def compare(self, ctx: RuleContext, st: ScoreTable, s: ScoreStatement, location, where_zh: str) -> None:
        total, terms = table_total(st)
        candidates: list[Num | Decimal] = []
        if total is not None:
            candidates.append(total)
        if terms:
            candidates.append(sum((t.value for t in terms), Decimal(0)))
        if not candidates or any(_agrees(s.score, c) for c in candidates):
            return
        value = candidates[0]
        v = value.value if isinstance(value, Num) else value
        shown = show(value) if isinstance(value, Num) else show_value(value)
        diff = show_value(abs(s.score.value - v))
        if isinstance(value, Num):
            zh = f"绩效自评表合计得分为{shown}分，相差{diff}分"
            en = f"the table's total score is {shown} (difference {diff})"
            if len(candidates) == 2 and not _agrees(value, candidates[1]):
                both = show_value(candidates[1])
                zh += f"（表内各项得分之和为{terms_text(terms or [])} = {both}分，亦不相符）"
                en += f" (the scores add up to {terms_text(terms or [])} = {both}, which differs too)"
        else:
            zh = f"绩效自评表各项得分之和为{terms_text(terms or [])} = {shown}分，相差{diff}分"
            en = f"the table's scores add up to {terms_text(terms or [])} = {shown} (difference {diff})"
        cell = st.total_score_cell
        ctx.report(
            location,
            f"{where_zh}所述{project_label(st)}自评得分为{show(s.score)}分，但{zh}",
            f"the {'text' if where_zh == '正文' else 'conclusion'} gives {st.project} a score of {show(s.score)}, "
            f"but {en}",
            related=[Related(cell.location, "绩效自评表合计", "table total")] if cell is not None else None,
        )


class GradeBand(Rule):
    code = "SCORE005"
    name = "grade-band"
    summary = "评价等级与得分不符"
    summary_en = "the grade does not fit the score"
    level = "error"
    help = """
        **检查内容**：同一句话、“评价结论”或“自评等级”栏中所述的评价等级应与得分所在的等级区间一致
        （栏内未写得分时以表内合计得分为准；合计不等于各项得分之和时不判断等级）。
        默认区间：优（优秀）≥90，良（良好）80–90，中（合格）60–80，差（不合格）<60；
        可在规则包的 `[[grading]]` 中调整。

        **为什么**：等级与得分不符，说明得分或等级有一处写错。

        **如何修改**：按评分办法的等级区间改正等级或得分。
    """
    help_en = """
        **What**: a grade stated with a score (same sentence, 评价结论 cell, or a
        自评等级 row judged against the table total) must be the band the score falls
        in; not judged when the total is not the sum of the scores. Default bands: 优 ≥ 90, 良 80–90, 中 60–80,
        差 < 60; configurable under `[[grading]]` in a rule pack.

        **Fix**: correct the grade or the score.
    """

    def on_paragraph(self, ctx: RuleContext, event) -> None:
        for s in score_statements(event.block.text):
            self.check(ctx, s.score, s.grade, event.block.location)

    def on_table(self, ctx: RuleContext, event) -> None:
        for st in tables_starting_at(ctx, event.block):
            score = settled_total(st)
            if st.grade_cell is not None and score is not None:
                self.check(ctx, score, bare_grade(st.grade_cell.text), st.grade_cell.location)
            if st.conclusion is None:
                continue
            statements = score_statements(st.conclusion.text)
            if statements:
                for s in statements:
                    self.check(ctx, s.score, s.grade, st.conclusion.location)
            elif score is not None:
                g = GRADE_PHRASE.search(st.conclusion.text)
                grade = g.group("grade") if g else bare_grade(st.conclusion.text)
                if grade:
                    self.check(ctx, score, grade, st.conclusion.location)

    def check(self, ctx: RuleContext, score: Num, grade: str, location) -> None:
        if not grade:
            return
        bands = grading_bands(ctx)
        band = band_of(bands, grade)
        if band is None or fits_band(score, band):
            return
        right = next((b for b in bands if fits_band(score, b)), None)
        should = f"，{show(score)}分应为“{right['grade']}”（{band_text(right)}）" if right else ""
        should_en = f"; {show(score)} is “{right['grade']}” ({band_text(right)})" if right else ""
        ctx.report(
            location,
            f"得分{show(score)}分对应的评价等级不应为“{grade}”（“{band['grade']}”的区间为{band_text(band)}分）{should}",
            f"score {show(score)} does not fit grade “{grade}” (band {band_text(band)}){should_en}",
        )


# --- SCORE006 / SCORE007 / SCORE008: targets and points ---------------------


def _target_desc(ind) -> str:
    unit = ind.unit if ind.unit and ind.unit not in ind.target else ""
    nature = ind.nature if ind.nature and ind.nature not in ("定性", "定量") and ind.nature not in ind.target else ""
    return f"{nature}{squash(ind.target)}{unit}"


class MetTargetDeducted(Rule):
    code = "SCORE006"
    name = "met-target-deducted"
    summary = "指标完成值已达到指标值却被扣分"
    summary_en = "an indicator that met its target lost points"
    level = "error"
    help = """
        **检查内容**：完成值已达到年度指标值（按指标性质 ≥、≤、＝ 或定性比较）的指标，
        得分应为满分。未说明原因的扣分报为错误；填写了原因的，原因与“已完成”相矛盾，
        报为提示（note）。无法判断是否完成时不报告。

        **为什么**：完成了目标却扣分，要么完成值、指标值填错，要么评分不实。

        **如何修改**：核对完成值与指标值；确已完成的给满分，未完成的改正完成值并说明原因。
    """
    help_en = """
        **What**: an indicator whose 完成值 meets its 指标值 (by ≥, ≤, ＝ or the same
        qualitative word) should get full points. A deduction with no reason is an
        error; one with a reason (which contradicts the met target) is a note.
        Nothing is reported when it cannot be decided whether the target was met.

        **Fix**: check the target and the value; give full points or correct them.
    """

    def on_table(self, ctx: RuleContext, event) -> None:
        sc = scales(ctx)
        for st in tables_starting_at(ctx, event.block):
            for ind in st.indicators:
                if ind.weight is None or ind.score is None or ind.score.value >= ind.weight.value:
                    continue
                if target_met(ind, sc) is not True:
                    continue
                has_reason = bool(ind.reason)
                lost = show_value(ind.weight.value - ind.score.value)
                why = f"，所填原因“{ind.reason}”与已完成目标矛盾" if has_reason else "，且未说明扣分原因"
                why_en = (
                    f"; the reason given ({ind.reason}) contradicts the met target"
                    if has_reason
                    else "; no reason is given"
                )
                ctx.report(
                    where(ind.score_cell, st),
                    f"指标“{ind.name}”指标值{_target_desc(ind)}，完成值{squash(ind.actual)}已达到，"
                    f"但得分{show(ind.score)}分低于权重{show(ind.weight)}分，扣{lost}分{why}",
                    f"indicator {ind.name}: target {_target_desc(ind)}, value {squash(ind.actual)} meets it, "
                    f"but scored {show(ind.score)} of {show(ind.weight)} ({lost} deducted){why_en}",
                    level="note" if has_reason else None,
                )


class DeductionWithoutReason(Rule):
    code = "SCORE007"
    name = "deduction-without-reason"
    summary = "扣分指标未说明原因"
    summary_en = "points were deducted without a reason"
    level = "warning"
    help = """
        **检查内容**：得分低于权重的指标，应在“未完成原因分析”或“偏差原因分析及改进措施”
        栏说明原因。表格没有原因栏、或完成值已达到指标值（见SCORE006）时不报告。

        **如何修改**：补充扣分原因及改进措施。
    """
    help_en = """
        **What**: an indicator that lost points needs a reason in the 未完成原因/偏差原因
        column. Not reported when the table has no such column, or when the target
        was met (SCORE006 reports that).

        **Fix**: state why points were lost and what will be done.
    """

    def on_table(self, ctx: RuleContext, event) -> None:
        sc = scales(ctx)
        for st in tables_starting_at(ctx, event.block):
            for ind in st.indicators:
                if ind.reason is None or ind.reason or ind.weight is None or ind.score is None:
                    continue
                if ind.score.value >= ind.weight.value or target_met(ind, sc) is True:
                    continue
                ctx.report(
                    where(ind.score_cell, st),
                    f"指标“{ind.name}”得分{show(ind.score)}分低于权重{show(ind.weight)}分"
                    f"（扣{show_value(ind.weight.value - ind.score.value)}分），但未填写扣分原因",
                    f"indicator {ind.name}: scored {show(ind.score)} of {show(ind.weight)} "
                    f"({show_value(ind.weight.value - ind.score.value)} deducted) with no reason given",
                )


class MissedTargetFullScore(Rule):
    code = "SCORE008"
    name = "missed-target-full-score"
    summary = "指标未达到指标值却得满分"
    summary_en = "an indicator that missed its target kept full points"
    level = "warning"
    help = """
        **检查内容**：完成值未达到年度指标值（按 ≥、≤、＝ 或定性等级比较）的指标一般不应得满分。
        无法判断时不报告。

        **如何修改**：核对完成值与指标值，按评分标准扣分并说明原因。
    """
    help_en = """
        **What**: an indicator whose 完成值 misses its 指标值 should not keep full points.
        Nothing is reported when it cannot be decided.

        **Fix**: check the value and the target; deduct points and give the reason.
    """

    def on_table(self, ctx: RuleContext, event) -> None:
        sc = scales(ctx)
        for st in tables_starting_at(ctx, event.block):
            for ind in st.indicators:
                if ind.weight is None or ind.score is None or ind.score.value != ind.weight.value:
                    continue
                if ind.weight.value == 0 or target_met(ind, sc) is not False:
                    continue
                ctx.report(
                    where(ind.score_cell, st),
                    f"指标“{ind.name}”指标值{_target_desc(ind)}，完成值{squash(ind.actual)}未达到，"
                    f"却得满分{show(ind.score)}分",
                    f"indicator {ind.name}: target {_target_desc(ind)}, value {squash(ind.actual)} misses it, "
                    f"yet kept full points {show(ind.score)}",
                )


# --- SCORE009 / SCORE012 / SCORE010: budget execution -----------------------


def _rate_check(row) -> tuple[str, tuple[Decimal, Decimal] | None]:
    if row.rate is None or row.executed is None or row.adjusted is None:
        return "skip", None
    if row.adjusted.value == 0:
        return "skip", None
    interval = ratio_interval(row.executed, row.adjusted)
    if interval is None:
        return "skip", None
    exact = row.executed.value / row.adjusted.value * 100
    if abs(exact - row.rate.value) <= row.rate.half:
        return "ok", interval
    if exact > 100 and row.rate.value == 100:
        return "skip", None  # templates that cap the rate at 100%
    lo, hi = interval
    if max(lo, row.rate.lo) <= min(hi, row.rate.hi):
        return "rounding", interval
    return "error", interval


class _RateRule(Rule):
    want = "error"

    def on_table(self, ctx: RuleContext, event) -> None:
        for st in tables_starting_at(ctx, event.block):
            for row in st.budget_rows:
                verdict, _ = _rate_check(row)
                if verdict != self.want:
                    continue
                exact = row.executed.value / row.adjusted.value * 100
                label = row.label or "预算"
                kind = "" if self.want == "error" else "（仅为尾差）"
                kind_en = "" if self.want == "error" else " (rounding only)"
                ctx.report(
                    where(row.rate_cell, st),
                    f"{project_label(st)}{label}预算执行率为{show(row.rate)}%，但执行数{show(row.executed)}"
                    f" ÷ 预算数{show(row.adjusted)} = {fmt(exact)}%，相差{fmt(abs(row.rate.value - exact))}个百分点{kind}",
                    f"{st.project} {label}: execution rate stated {show(row.rate)}%, but executed {show(row.executed)}"
                    f" / budget {show(row.adjusted)} = {fmt(exact)}% (difference {fmt(abs(row.rate.value - exact))} points)"
                    f"{kind_en}",
                )


class ExecutionRate(_RateRule):
    code = "SCORE009"
    name = "execution-rate"
    summary = "绩效自评表的预算执行率不等于执行数÷调整后（全年）预算数"
    summary_en = "the execution rate of a self-evaluation table is not 执行数 / 调整后预算数"
    level = "error"
    help = """
        **检查内容**：预算执行率 = 预算执行数 ÷ 调整后预算数（湖南表为 全年执行数 ÷ 全年预算数）。
        按所列小数位的四舍五入区间判断。

        **如何修改**：重新计算执行率，或改正执行数、预算数。
    """
    help_en = """
        **What**: 预算执行率 = 执行数 / 调整后预算数 (全年执行数 / 全年预算数 in the
        Hunan layout), judged with the rounding of the printed figures.

        **Fix**: recompute the rate or correct the amounts.
    """


class ExecutionRateRounding(_RateRule):
    code = "SCORE012"
    name = "execution-rate-rounding"
    summary = "预算执行率与执行数÷预算数仅有尾差"
    summary_en = "the execution rate differs from 执行数 / 预算数 by rounding only"
    level = "note"
    want = "rounding"
    help = """
        **检查内容**：所列执行率与按所列执行数、预算数计算的结果之差，可由所列数字的四舍五入解释。
    """
    help_en = """
        **What**: the stated rate differs from the one computed from the printed amounts
        by no more than their rounding explains.
    """


FORMULA_RE = (
    r"得分\s*[=＝]\s*(?:预算)?执行率\s*[×xX*＊]\s*(?:权重|分值|该项分值)",
    r"(?:预算)?执行率\s*[×xX*＊]\s*(?:权重|分值|该项分值)",
)


class BudgetScoreFormula(Rule):
    code = "SCORE010"
    name = "budget-score-formula"
    summary = "预算执行得分与表内所列计分公式（执行率×权重）不符"
    summary_en = "the budget execution score does not follow the table's formula (rate × weight)"
    level = "error"
    help = """
        **检查内容**：表内注明“得分=执行率×权重（分值）”时，预算执行得分应等于
        执行率×权重（不超过权重）。表内未写明公式时不检查。

        **如何修改**：按公式重新计算预算执行得分。
    """
    help_en = """
        **What**: where the table states "得分 = 执行率 × 权重", the budget score must
        equal rate × weight (at most the weight). Not checked without the formula.

        **Fix**: recompute the budget score.
    """

    def on_table(self, ctx: RuleContext, event) -> None:
        for st in tables_starting_at(ctx, event.block):
            text = squash(st.text)
            if not any(re.search(p, text) for p in FORMULA_RE):
                continue
            row = st.budget
            if row is None or row.rate is None or row.weight is None or row.score is None:
                continue
            rate = min(row.rate.value, Decimal(100))
            lo = min(row.rate.lo, Decimal(100)) / 100 * row.weight.value
            hi = min(row.rate.hi, Decimal(100)) / 100 * row.weight.value
            exact = rate / 100 * row.weight.value
            if row.score.hi >= lo and row.score.lo <= hi:
                continue
            ctx.report(
                where(row.score_cell, st),
                f"预算执行得分为{show(row.score)}分，但按表内公式 执行率{show(row.rate)}% × 权重{show(row.weight)}分"
                f" = {fmt(exact)}分，相差{fmt(abs(row.score.value - exact))}分",
                f"budget score stated {show(row.score)}, but the table's formula gives rate {show(row.rate)}% × "
                f"weight {show(row.weight)} = {fmt(exact)} (difference {fmt(abs(row.score.value - exact))})",
            )


RULES = [
    WeightSum,
    ScoreAboveWeight,
    ScoreTotal,
    ProseScore,
    GradeBand,
    MetTargetDeducted,
    DeductionWithoutReason,
    MissedTargetFullScore,
    ExecutionRate,
    BudgetScoreFormula,
    ScoreTotalRounding,
    ExecutionRateRounding,
]


@hookimpl
def fiscalint_rules() -> list[type[Rule]]:
    return RULES
