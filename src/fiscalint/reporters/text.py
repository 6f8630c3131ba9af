"""Concise text: one line per finding, ``path:location: CODE message``."""

from __future__ import annotations

from fiscalint.reporters import Report


def render(report: Report) -> str:
    lines = []
    for f in report.findings():
        level = "" if f.level == "error" else f" [{f.level}]"
        mark = f" (suppressed: {f.suppressed})" if f.suppressed else ""
        lines.append(f"{f.location.compact()}: {f.code}{level} {f.text(report.lang)}{mark}")
    return "\n".join(lines) + ("\n" if lines else "")
