"""A small fiscalint plugin used by the tests, shaped like a real locality plugin.

It registers two rules through the same hooks a third-party package uses:
DEMO001 (placeholder text such as XX or 待填写 left in a paragraph, a real
mistake in published reports) and DEMO900, which raises on purpose when a
paragraph contains ``触发演示异常`` so the tests can check that a broken
plugin yields an E900 finding and the run goes on. It also ships a rule pack
with one report template.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from fiscalint import hookimpl
from fiscalint.rule import Rule

PLACEHOLDER = re.compile(r"X{2,}|×{2,}|待填写|待补充")
CRASH_TRIGGER = "触发演示异常"


class PlaceholderText(Rule):
    """Placeholder text left in a paragraph."""

    code = "DEMO001"
    name = "placeholder-text"
    level = "warning"
    summary = "段落中留有占位文字（XX、待填写）"
    summary_en = "Placeholder text (XX, 待填写) left in a paragraph"
    help = "模板中的占位文字（如 XX、待填写）没有替换为实际内容。请填写实际数字或文字后再公开。"
    help_en = "Template placeholder text (XX, 待填写) was not replaced. Fill in the real figure or text."
    options: ClassVar[dict] = {"extra_words": []}

    def on_paragraph(self, ctx, event) -> None:
        text = event.block.text
        words = [re.escape(w) for w in ctx.option("extra_words")]
        pattern = re.compile("|".join([PLACEHOLDER.pattern, *words]))
        match = pattern.search(text)
        if match:
            ctx.report(
                event.block.location,
                f"段落中留有占位文字“{match.group()}”，应替换为实际内容",
                f"placeholder text {match.group()!r} left in the paragraph; replace it with the real content",
            )


class DemoCrash(Rule):
    """Raises on purpose, to test that a broken plugin does not stop the run."""

    code = "DEMO900"
    name = "demo-crash"
    level = "error"
    summary = "演示：遇到触发文字时抛出异常"
    summary_en = "Demo: raises when it meets the trigger text"
    help = "仅用于测试：段落含“触发演示异常”时抛出异常。"
    help_en = "For tests only: raises when a paragraph contains the trigger text."

    def on_paragraph(self, ctx, event) -> None:
        if CRASH_TRIGGER in event.block.text:
            raise RuntimeError("demo plugin failed on purpose")


@hookimpl
def fiscalint_rules() -> list[type[Rule]]:
    return [PlaceholderText, DemoCrash]


@hookimpl
def fiscalint_plugin_info() -> dict:
    # No version: it comes from the distribution's metadata (dist-info).
    return {"name": "demo", "information_uri": "https://example.org/fiscalint-demo", "locality": "示例区"}


@hookimpl
def fiscalint_rule_packs() -> list[Path]:
    return [Path(__file__).with_name("demo_pack.toml")]
