"""Reporters turn the results of a run into text, JSON, SARIF or GitHub annotations."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from fiscalint.engine import FileResult
from fiscalint.model import Finding
from fiscalint.plugins import Registry


@dataclass
class Report:
    results: list[FileResult]
    registry: Registry
    lang: str = "zh"
    show_suppressed: bool = False

    def findings(self) -> list[Finding]:
        out = [f for r in self.results for f in r.findings]
        if not self.show_suppressed:
            out = [f for f in out if not f.suppressed]
        return out


def fingerprints(findings: list[Finding]) -> dict[int, str]:
    """Stable identities: rule, section path and normalised text, never line numbers.

    An edit elsewhere in a DOCX or PDF moves paragraphs and pages but leaves
    these unchanged, so CI alerts and baselines do not churn. Occurrences are
    counted per file, so checking one file alone (as pre-commit does) gives
    the same identities as checking it with others; a finding about the whole
    file, which points at no text, is told apart by its message.
    """
    counts: Counter[tuple[str, str]] = Counter()
    out: dict[int, str] = {}
    for f in findings:
        text = re.sub(r"\s+", "", f.location.excerpt)[:200] or "msg:" + re.sub(r"\s+", "", f.message)[:200]
        section = "/".join(re.sub(r"\s+", "", s) for s in f.section)
        base = hashlib.sha256(f"{f.code}|{section}|{text}".encode()).hexdigest()[:32]
        counts[(f.location.path, base)] += 1
        out[id(f)] = f"{base}:{counts[(f.location.path, base)]}"
    return out


def get_reporter(name: str) -> Callable[[Report], str]:
    if name == "text":
        from fiscalint.reporters.text import render
    elif name == "json":
        from fiscalint.reporters.json import render
    elif name == "sarif":
        from fiscalint.reporters.sarif import render
    elif name == "github":
        from fiscalint.reporters.github import render
    else:
        raise ValueError(name)
    return render
