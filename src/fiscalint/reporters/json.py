"""JSON: an array with one object per finding (format in the README)."""

from __future__ import annotations

import json

from fiscalint.reporters import Report, fingerprints


def as_dicts(report: Report) -> list[dict]:
    findings = report.findings()
    prints = fingerprints(findings)
    out = []
    for f in findings:
        loc = f.location
        out.append(
            {
                "code": f.code,
                "name": f.name,
                "level": f.level,
                "message": f.text(report.lang),
                "path": loc.path,
                "line": loc.line,
                "paragraph": loc.paragraph,
                "page": loc.page,
                "table": loc.table,
                "row": loc.row,
                "column": loc.column,
                "excerpt": loc.excerpt,
                "section": list(f.section),
                "plugin": f.plugin,
                "fingerprint": prints[id(f)],
                "related": [
                    {
                        "path": r.location.path,
                        "line": r.location.line,
                        "paragraph": r.location.paragraph,
                        "page": r.location.page,
                        "table": r.location.table,
                        "row": r.location.row,
                        "column": r.location.column,
                        "excerpt": r.location.excerpt,
                        "message": r.message_en if report.lang == "en" and r.message_en else r.message,
                    }
                    for r in f.related
                ],
                **({"suppressed": f.suppressed} if f.suppressed else {}),
            }
        )
    return out


def render(report: Report) -> str:
    return json.dumps(as_dicts(report), ensure_ascii=False, indent=2) + "\n"
