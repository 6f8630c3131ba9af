"""Sichuan-specific rules."""

from __future__ import annotations

from decimal import Decimal

from fiscalint.facts.numbers import fmt
from fiscalint.facts.score_tables import document_score_tables
from fiscalint.rule import Rule


def _settings(ctx) -> dict:
    for entry in ctx.packs.section("sichuan") if ctx.packs is not None else []:
        if isinstance(entry, dict) and "adjustment" in entry:
            return entry["adjustment"]
    return {}


class AdjustmentUnexplained(Rule):
    """年中预算调整（追加或调减）未单独说明理由。"""

    code = "SCH001"
    name = "sichuan-adjustment-unexplained"
    level = "warning"
    summary = "绩效自评表年初预算与调整后预算不同，但没有说明调整理由"
    summary_en = "Budget adjusted mid-year (年初预算 ≠ 调整后预算) without a stated reason"
    tags = ("sichuan", "score")
    help = """四川省《部门预算项目支出绩效自评表》填表说明第2条：年中发生预算调整的（追加或调减），
应单独说明理由。本规则只检查识别为四川模板的报告，在“年初预算”与“调整后预算数”相差达到规则包 `[sichuan.adjustment]`
设定的比例和金额时，检查“原因”栏是否写了调整理由（表格自带的填表说明不算）。

修正：在“原因”栏写明追加或调减的依据，例如“年中追加干部培训经费187.61万元（区财政追加文件）”。"""
    help_en = """Sichuan's self-evaluation form (note 2) requires a reason for every mid-year adjustment.
When 年初预算 and 调整后预算数 differ by at least the pack's `[sichuan.adjustment]` share and
amount, the 原因 cell must state the reason (the form's printed notes do not count)."""

    def on_document_end(self, ctx, event):
        if (ctx.profile or {}).get("locality") != "四川":
            return  # the form and its notes are Sichuan's
        settings = _settings(ctx)
        min_share = Decimal(str(settings.get("min-share", 0.10)))
        min_amount = Decimal(str(settings.get("min-amount", 1.0)))
        notes = settings.get("template-notes", [])
        words = settings.get("reason-words", [])
        tables = ctx.facts.document("score-tables", lambda: document_score_tables(ctx.document))
        for table in tables:
            budget = table.budget
            if budget is None or budget.initial is None or budget.adjusted is None:
                continue
            a, b = budget.initial.value, budget.adjusted.value
            change = abs(b - a)
            if change < min_amount or change < min_share * max(abs(a), abs(b)):
                continue
            reason = _reason_text(budget.row)
            stated = [s for s in reason.replace("；", ";").split(";") if s.strip() and not any(n in s for n in notes)]
            if any(w in s for s in stated for w in words):
                continue
            cell = budget.row[0]
            for c in budget.row:
                if budget.adjusted.text and c.text.strip() == budget.adjusted.text:
                    cell = c
            direction, direction_en = ("追加", "added") if b > a else ("调减", "cut")
            project = table.project or "该项目"
            ctx.report(
                cell.location,
                f"{project}：年初预算 {fmt(a)} 万元，调整后预算 {fmt(b)} 万元（年中{direction} {fmt(change)} 万元），"
                "“原因”栏未说明调整理由（四川自评表填表说明第2条）",
                f"{project}: 年初预算 {fmt(a)}, 调整后预算 {fmt(b)} ({direction_en} {fmt(change)} mid-year), "
                "but the 原因 cell gives no reason for the adjustment (Sichuan form, note 2)",
            )


def _reason_text(row) -> str:
    """The last text cell of the budget row: the 原因 column."""
    for cell in reversed(row):
        text = cell.text.strip()
        if text and not text.replace(".", "").replace("%", "").replace("/", "").isdigit():
            return text
    return ""
