"""Cheap prechecks kept by hand beside the patterns they guard.

A precheck that is stricter than its pattern silently drops findings, so each
test reads the pattern's own alternatives and shows the precheck lets every
one of them through.
"""

from __future__ import annotations

import re

from fiscalint.facts import breakdowns, quantities


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (a | inside a group or class is not split)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch in "([" and (i == 0 or pattern[i - 1] != "\\"):
            depth += 1
        elif ch in ")]" and pattern[i - 1] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def test_part_heading_and_table_start_first_characters():
    # PART_HEADING_RE: ^第…部分|^附件|^附表; TABLE_START_RE: ^(?:实施单位|项目名称|主管部门)
    part = [alt.removeprefix("^") for alt in _alternatives(quantities.PART_HEADING_RE.pattern)]
    inner = re.fullmatch(r"\^\(\?:(.*)\)", quantities.TABLE_START_RE.pattern).group(1)
    table = _alternatives(inner)
    for alternatives, first in ((part, quantities.PART_HEADING_FIRST), (table, quantities.TABLE_START_FIRST)):
        assert len(alternatives) >= 3
        for alt in alternatives:
            assert alt[0] in first and alt[0] not in "\\[(.", (alt, first)


def test_report_title_endings():
    titles = [
        "2023年度项目绩效自评报告",
        "部门整体支出绩效评价报告",
        "项目支出绩效自评表",
        "项目支出绩效自评表（2023年度）",
        "项目支出绩效自评表(2023年度)",
    ]
    for t in titles:
        assert quantities.REPORT_TITLE_RE.search(t), t
        assert t.endswith(quantities.TITLE_ENDINGS), t


def test_breakdown_marker_substrings():
    literals = ("其中", "主要用于以下", "如下")
    for alternative in _alternatives(breakdowns.MARKER_RE.pattern):
        assert any(lit in alternative for lit in literals), alternative
    for text in ("其中：", "主要用于以下方面：", "主要用于以下几个方面", "具体情况如下：", "具体如下"):
        assert breakdowns.MARKER_RE.search(text) and breakdowns._has_marker(text), text
