"""Baselines: record today's findings, then report only new ones.

Entries are keyed by path, code and the finding's fingerprint (rule, section
path and normalised text — no line, paragraph or page numbers), so editing
elsewhere in a document does not revive old findings.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from fiscalint.errors import is_core
from fiscalint.model import Finding
from fiscalint.reporters import fingerprints

FORMAT = "fiscalint-baseline/1"


def _keys(findings: list[Finding]) -> list[tuple[str, str, str]]:
    prints = fingerprints(findings)
    return [(f.location.path, f.code, prints[id(f)]) for f in findings]


def write(path: Path, findings: list[Finding]) -> int:
    entries = sorted({k for k in _keys([f for f in findings if not is_core(f.code)])})
    data = {"format": FORMAT, "findings": [{"path": p, "code": c, "fingerprint": fp} for p, c, fp in entries]}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return len(entries)


def load(path: Path) -> set[tuple[str, str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a fiscalint baseline (format {FORMAT})")
    return {(e["path"], e["code"], e["fingerprint"]) for e in data.get("findings", [])}


def apply(findings: list[Finding], known: set[tuple[str, str, str]]) -> None:
    """Mark findings present in the baseline as suppressed."""
    for f, key in zip(findings, _keys(findings), strict=True):
        if key in known:
            f.suppressed = "baseline"
