"""The correct base reports the mutation benchmark mutates.

Two sources: the project's own generated clean examples
(``examples/*-clean.txt``, consistent by construction in
``scripts/make_examples.py``) and the corpus reports in ``../shared/corpus``
with their audited mistakes repaired at run time (``corpus_repair``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .corpus_repair import repair

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CORPUS = (ROOT.parent / "shared" / "corpus").resolve()


@dataclass
class Base:
    """One correct report as TXT lines (the corpus text layout)."""

    name: str
    lines: list[str]
    year: int  # the report year (决算 / 自评 year)
    source: str  # "example" or "corpus"
    excluded: dict[int, str] = field(default_factory=dict)  # line -> why findings there are not FPs
    repairs: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def report_year(name: str, lines: list[str]) -> int:
    """The report year: from the file name (…-2023-…), else the first 20XX年度 in the text."""
    m = re.search(r"-(20\d\d)-", name)
    if m:
        return int(m.group(1))
    for line in lines[:20]:
        m = re.search(r"(20\d\d)年度", line)
        if m:
            return int(m.group(1))
    raise ValueError(f"{name}: no report year")


def load_bases(corpus: Path | None = CORPUS, log=print) -> list[Base]:
    bases: list[Base] = []
    for path in sorted(EXAMPLES.glob("*-clean.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        bases.append(Base(path.name, lines, report_year(path.name, lines), "example"))
    if corpus is None or not corpus.is_dir():
        log(f"corpus not found at {corpus}: only the generated examples are used")
        return bases
    for path in sorted(corpus.glob("*.txt")):
        fixed = repair(path)
        bases.append(
            Base(
                path.name,
                fixed.lines,
                report_year(path.name, fixed.lines),
                "corpus",
                fixed.excluded,
                len(fixed.applied),
            )
        )
    return bases
