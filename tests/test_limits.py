"""Per-file time limit: a rule that hangs is stopped, named, and the others' findings kept."""

from __future__ import annotations

import time

from conftest import lint
from fiscalint import hookimpl
from fiscalint.rule import Rule


class Hang(Rule):
    code = "HANG001"
    name = "hang"
    level = "error"
    summary = "挂起"
    summary_en = "hangs"

    def on_paragraph(self, ctx, event):
        time.sleep(30)


class Quick(Rule):
    code = "QUICK001"
    name = "quick"
    level = "warning"
    summary = "每段一条"
    summary_en = "one per paragraph"

    def on_paragraph(self, ctx, event):
        ctx.report(event.block.location, "段落", "paragraph")


class HangingPlugin:
    @hookimpl
    def fiscalint_rules(self):
        return [Hang, Quick]


def test_hanging_rule_is_stopped_and_named(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("一、概况\n第一段。\n第二段。\n", encoding="utf-8")
    start = time.monotonic()
    findings = lint(report, select=["HANG", "QUICK"], plugins=(HangingPlugin(),), file_timeout=1.0)
    assert time.monotonic() - start < 10
    codes = [f.code for f in findings]
    assert codes.count("QUICK001") == 2  # the other rule's findings are all kept
    (timeout,) = [f for f in findings if f.code == "E900"]
    assert "HANG001" in timeout.message and "file-timeout" in timeout.message
