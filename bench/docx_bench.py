"""DOCX: fiscalint's check against the floor of python-docx.

The floor is what any tool built on python-docx must pay: ``Document()`` and
a walk over every paragraph's text and every table cell's text. fiscalint's
check (reading, building blocks, running every rule) should cost at most
1.5x that. The reader's share alone is shown too, to tell reader cost from
rule cost.
"""

from __future__ import annotations

from pathlib import Path

from common import EXAMPLES, ONE_X, TEN_X, Context, Row, check, fmt_s, make_run, paired, timed


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


def inputs(ctx: Context) -> list[tuple[str, Path]]:
    items = [("generated 1×", ctx.report(ONE_X, "docx")), ("generated 10×", ctx.report(TEN_X, "docx"))]
    examples = sorted(EXAMPLES.glob("*.docx"))
    if ctx.quick:
        examples = examples[:1]
    items += [(f"examples/{p.name}", p) for p in examples]
    return items


def run(ctx: Context) -> list[Row]:
    run_ = make_run()
    rows = []
    n = ctx.repeat(3, 7)
    for label, path in inputs(ctx):
        t_check, t_floor = paired(lambda p=path: check(p, run_), lambda p=path: docx_floor(p), n)
        t_read = timed(lambda p=path: read_only(p, run_), n, warmup=False)
        ratio = t_check / t_floor
        rows.append(
            Row(
                "docx",
                f"check vs python-docx floor: {label}",
                f"{fmt_s(t_check)} vs {fmt_s(t_floor)} (reader alone {fmt_s(t_read)})",
                ratio,
                "≤ 1.5",
                ratio <= 1.5,
            )
        )
    return rows
