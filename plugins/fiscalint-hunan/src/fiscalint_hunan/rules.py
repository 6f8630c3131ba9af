"""Hunan-specific rules."""

from __future__ import annotations

from decimal import Decimal

from fiscalint.facts.score_tables import document_score_tables
from fiscalint.rule import Rule


def _pack(ctx, key: str) -> list:
    out = []
    for entry in ctx.packs.section("hunan") if ctx.packs is not None else []:
        value = entry.get(key) if isinstance(entry, dict) else None
        if isinstance(value, list):
            out.extend(value)
        elif value is not None:
            out.append(value)
    return out


class CategoryCaps(Rule):
    """湖南项目支出绩效自评表一级指标分值与省定分值不符。"""

    code = "HUN001"
    name = "hunan-category-caps"
    level = "warning"
    summary = "绩效自评表一级指标分值与湖南省规定不符（预算执行10、产出50、效益40含满意度10）"
    summary_en = "Category points differ from Hunan's (budget 10, outputs 50, outcomes 40 incl. satisfaction 10)"
    tags = ("hunan", "score")
    help = """湖南省项目支出绩效自评表的分值：预算执行率 10 分，产出指标 50 分，效益指标 40 分
（其中服务对象满意度 10 分；满意度单列时效益指标 30 分）。本规则只检查识别为湖南模板的报告，
比较表中写明的一级指标分值（如“产出指标（50分）”）和预算执行“分值”与规则包 `[[hunan.caps]]`
中的分值。修正：按省定分值调整各级指标分值，并重新计算得分。"""
    help_en = """Hunan's self-evaluation form weights: budget execution 10, outputs 50, outcomes 40
(incl. satisfaction 10; 30 when satisfaction is a category of its own). Checked on reports
detected as Hunan templates, against the pack's `[[hunan.caps]]`."""

    def on_document_end(self, ctx, event):
        if (ctx.profile or {}).get("locality") != "湖南":
            return
        caps = _pack(ctx, "caps")
        budget_points = next((b.get("points") for b in _pack(ctx, "budget") if isinstance(b, dict)), None)
        tables = ctx.facts.document("score-tables", lambda: document_score_tables(ctx.document))
        for table in tables:
            labels = [c.label for c in table.categories]
            separate_satisfaction = any("满意度" in label for label in labels)
            for category in table.categories:
                if category.cap is None or category.cell is None:
                    continue
                spec = next((c for c in caps if c.get("match", "") in category.label), None)
                if spec is None:
                    continue
                expected = spec.get("points")
                if separate_satisfaction and "points-with-separate-satisfaction" in spec:
                    expected = spec["points-with-separate-satisfaction"]
                if expected is None or category.cap.value == Decimal(str(expected)):
                    continue
                self._report(ctx, category.cell, spec["category"], category.cap.value, expected, table.project)
            budget = table.budget
            if (
                budget_points is not None
                and budget is not None
                and budget.weight is not None
                and budget.weight_cell is not None
                and budget.weight.value != Decimal(str(budget_points))
            ):
                self._report(ctx, budget.weight_cell, "预算执行率", budget.weight.value, budget_points, table.project)

    def _report(self, ctx, cell, category, stated, expected, project):
        who = f"{project}：" if project else ""
        ctx.report(
            cell.location,
            f"{who}{category}分值为 {stated} 分，湖南省规定为 {expected} 分",
            f"{who}{category} carries {stated} points; Hunan's form sets {expected}",
        )
