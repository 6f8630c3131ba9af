"""DOCX: fiscalint's check against the floor of python-docx.

The floor is what any tool built on python-docx must pay: ``Document()`` and
a walk over every paragraph's text and every table cell's text. fiscalint's
check (reading, building blocks, running every rule) should cost at most
1.5x that on the corpus reports as DOCX and on a generated report ten times
their size. The reader's share alone is shown too, to tell reader cost from
rule cost.

The corpus DOCX are made at run time from the text reports of ``../shared/corpus`` with the test
suite's ``builders.to_docx`` (Word auto-numbered headings, ruled tables) into
the run's temporary folder; nothing of the corpus is written into the
repository. The small examples and the 1x report are shown for information:
on a 10 ms document python-docx's parse of the default template's 350 KB
styles part is most of the floor, and the target is about reports of real
size.
"""

from __future__ import annotations

import sys
from pathlib import Path

from common import CORPUS, EXAMPLES, HUNDRED_X, ONE_X, ROOT, TEN_X, Context, Row, check, fmt_s, make_run, paired, timed


def docx_floor(path: Path) -> int:
    """python-docx's load and a full walk: the least a python-docx based check can cost."""
    import docx

    d = docx.Document(str(path))
    n = 0
    for p in d.paragraphs:
        n += len(p.text)
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                n += len(cell.text)
    return n


def read_only(path: Path, run) -> None:
    from fiscalint.readers import Limits, read_document

    read_document(path, str(path), Limits(), run.registry.readers)


def corpus_docx(ctx: Context) -> list[tuple[str, Path]]:
    """The corpus reports as DOCX, written into the run's folder (skipped without the corpus)."""
    if not CORPUS.is_dir():
        return []
    sys.path.insert(0, str(ROOT / "tests"))
    from builders import to_docx

    out = []
    for src in sorted(CORPUS.glob("*.txt")):  # the PDF report is the PDF benchmark's
        dest = ctx.work / "corpus-docx" / f"{src.stem}.docx"
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            to_docx(src, dest)
        out.append((f"corpus {src.stem} as DOCX", dest))
    return out[:1] if ctx.quick else out


def inputs(ctx: Context) -> list[tuple[str, Path, bool]]:
    """(label, file, whether the ≤ 1.5 target applies)."""
    items = [(label, path, True) for label, path in corpus_docx(ctx)]
    items.append(("generated 10× (a corpus report's size)", ctx.report(TEN_X, "docx"), True))
    if not ctx.quick:
        items.append(("generated 100× (ten corpus reports' size)", ctx.report(HUNDRED_X, "docx"), True))
    items.append(("generated 1× (info)", ctx.report(ONE_X, "docx"), False))
    examples = sorted(EXAMPLES.glob("*.docx"))
    if ctx.quick:
        examples = examples[:1]
    items += [(f"examples/{p.name} (info)", p, False) for p in examples]
    return items


def run(ctx: Context) -> list[Row]:
    run_ = make_run()
    rows = []
    for label, path, targeted in inputs(ctx):
        n = ctx.repeat(3, 7) if "100×" not in label else 5
        t_check, t_floor = paired(lambda p=path: check(p, run_), lambda p=path: docx_floor(p), n)
        t_read = timed(lambda p=path: read_only(p, run_), n, warmup=False)
        ratio = t_check / t_floor
        rows.append(
            Row(
                "docx",
                f"check vs python-docx floor: {label}",
                f"{fmt_s(t_check)} vs {fmt_s(t_floor)} (reader alone {fmt_s(t_read)})",
                ratio,
                "≤ 1.5" if targeted else "(info)",
                (ratio <= 1.5) if targeted else None,
            )
        )
    return rows
