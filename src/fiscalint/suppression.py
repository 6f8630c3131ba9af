"""Inline suppressions: a marked line (TXT/MD) or a Word comment (DOCX).

TXT and Markdown::

    <!-- fiscalint: disable=SUM001,PCT reason="尾差按财政部口径保留" -->
    本年收入合计1065.56万元，其中：……

A marker on a line of its own covers the next non-empty line; at the end of
a line it covers that line; ``disable-file=`` covers the whole file. In
DOCX, a Word comment whose text starts with ``fiscalint: disable=CODES``
covers the paragraphs (or table cells) it is anchored on. Codes match by
prefix, as in selection. A suppression that matches nothing is reported
(SUP001), as ruff's RUF100 does, so stale ones do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fiscalint.errors import is_fatal
from fiscalint.model import Finding, Location

DIRECTIVE = re.compile(
    r"fiscalint\s*[:：]\s*(?P<kind>disable(?:-file)?)\s*=\s*(?P<codes>[A-Za-z0-9_,\s-]+?)"
    r"(?:\s+reason\s*=\s*[\"“](?P<reason>[^\"”]*)[\"”])?\s*(?:-->|$)"
)


@dataclass
class Suppression:
    codes: tuple[str, ...]
    reason: str
    location: Location  # where the marker is
    lines: tuple[int, int] | None = None  # TXT/MD: covered line range (inclusive)
    paragraphs: tuple[int, int] | None = None  # DOCX: covered paragraph range
    tables: tuple[int, ...] = ()  # DOCX: covered tables (a comment inside a table)
    whole_file: bool = False
    used: int = field(default=0, compare=False)

    def covers(self, finding: Finding) -> bool:
        if finding.location.path != self.location.path:
            return False  # a marker in one file of a report says nothing of another
        if not any(finding.code.startswith(c) for c in self.codes):
            return False
        if self.whole_file:
            return True
        loc = finding.location
        if self.lines and loc.line is not None:
            return self.lines[0] <= loc.line <= self.lines[1]
        if self.paragraphs and loc.paragraph is not None and loc.table is None:
            return self.paragraphs[0] <= loc.paragraph <= self.paragraphs[1]
        return bool(self.tables and loc.table in self.tables)


def parse_directive(text: str) -> tuple[str, tuple[str, ...], str] | None:
    """("disable"|"disable-file", codes, reason) from a marker, or None."""
    m = DIRECTIVE.search(text)
    if not m:
        return None
    codes = tuple(c.strip().upper() for c in m.group("codes").split(",") if c.strip())
    return m.group("kind"), codes, (m.group("reason") or "").strip()


def scan_lines(path: str, lines: list[str]) -> list[Suppression]:
    """Suppressions marked in a text file's lines."""
    out: list[Suppression] = []
    for i, raw in enumerate(lines):
        if "fiscalint" not in raw:
            continue
        parsed = parse_directive(raw)
        if parsed is None:
            continue
        kind, codes, reason = parsed
        lineno = i + 1
        loc = Location(path, line=lineno, excerpt=raw.strip())
        if kind == "disable-file":
            out.append(Suppression(codes, reason, loc, whole_file=True))
            continue
        before = raw[: raw.find("<!--")] if "<!--" in raw else raw[: raw.find("fiscalint")]
        if before.strip():
            out.append(Suppression(codes, reason, loc, lines=(lineno, lineno)))
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        target = j + 1 if j < len(lines) else lineno
        out.append(Suppression(codes, reason, loc, lines=(target, target)))
    return out


def is_marker_line(line: str) -> bool:
    """A line that holds only a suppression marker is not report text."""
    s = line.strip()
    return s.startswith("<!--") and s.endswith("-->") and parse_directive(s) is not None


def apply(findings: list[Finding], suppressions: list[Suppression]) -> None:
    """Mark covered findings as suppressed (with the reason) and count uses."""
    if not suppressions:
        return
    for f in findings:
        if is_fatal(f.code) or f.code.startswith("SUP"):
            continue
        for s in suppressions:
            if s.covers(f):
                s.used += 1
                f.suppressed = s.reason or "suppressed inline"
                break


def unused(path: str, suppressions: list[Suppression]) -> list[Finding]:
    out = []
    for s in suppressions:
        if s.used:
            continue
        codes = ",".join(s.codes)
        out.append(
            Finding(
                code="SUP001",
                level="warning",
                message=f"抑制标记 disable={codes} 没有匹配到任何问题，可以删除",
                message_en=f"suppression disable={codes} matches no finding; remove it",
                location=s.location,
                name="unused-suppression",
                plugin="fiscalint",
            )
        )
    return out
