"""GitHub Actions workflow commands: annotations on the pull request."""

from __future__ import annotations

from fiscalint.reporters import Report

_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for f in report.findings():
        loc = f.location
        line = loc.line or 1
        where = loc.human(report.lang)
        msg = f"{f.text(report.lang)}" + (f" ({where})" if where and loc.line is None else "")
        lines.append(
            f"::{_LEVEL[f.level]} file={_escape_prop(loc.path)},line={line},"
            f"title={_escape_prop(f'fiscalint {f.code}')}::{_escape_data(msg)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
