"""PDF: fiscalint's check against the naive pdfplumber pass, and memory by page count.

The naive pass (``extract_text`` and ``extract_tables`` on every page) is
what a straightforward pdfplumber-based tool does; fiscalint should be no
slower (it looks for tables only on pages with ruling lines). Peak memory
must not grow with page count: a 300-page report may use at most 1.5x the
peak RSS of a 30-page one. Each memory figure comes from its own child
process (``ru_maxrss``).
"""

from __future__ import annotations

from pathlib import Path

from common import CORPUS, EXAMPLES, ONE_X, TEN_X, Context, Row, check, child, fmt_mb, fmt_s, make_run, paired


def naive_pdf(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def inputs(ctx: Context) -> list[tuple[str, Path]]:
    items = []
    real = CORPUS / "putuo-ghzy-2024.pdf"
    if real.exists():
        items.append(("corpus putuo-ghzy-2024.pdf (30 p.)", real))
    items.append(("generated 1×", ctx.report(ONE_X, "pdf")))
    if not ctx.quick:
        items.append(("generated 10×", ctx.report(TEN_X, "pdf")))
        items += [(f"examples/{p.name}", p) for p in sorted(EXAMPLES.glob("*.pdf"))[:1]]
    return items


# unit chapters giving about 30 and 300 pages (10 and 100 with --quick)
MEMORY_SCALES = {False: (16, 165), True: (5, 55)}


def run(ctx: Context) -> list[Row]:
    import pdfplumber  # noqa: F401
    from report_gen import pdf_pages

    import fiscalint.readers.pdf  # noqa: F401 - imports are not what is compared

    run_ = make_run()
    rows = []
    n = ctx.repeat(1, 3)
    for label, path in inputs(ctx):
        small = path.stat().st_size < 200_000
        t_check, t_naive = paired(lambda p=path: check(p, run_), lambda p=path: naive_pdf(p), n, warmup=small)
        ratio = t_check / t_naive
        rows.append(
            Row(
                "pdf",
                f"check vs naive pdfplumber: {label}",
                f"{fmt_s(t_check)} vs {fmt_s(t_naive)}",
                ratio,
                "≤ 1",
                ratio <= 1,
            )
        )
    small, large = (ctx.report(s, "pdf") for s in MEMORY_SCALES[ctx.quick])
    ps, pl = pdf_pages(small), pdf_pages(large)
    ms, ml = child("check", small, ctx.work), child("check", large, ctx.work)
    ratio = ml["maxrss_kb"] / ms["maxrss_kb"]
    rows.append(
        Row(
            "pdf",
            f"peak RSS of check: {pl} vs {ps} pages",
            f"{fmt_mb(ml['maxrss_kb'])} vs {fmt_mb(ms['maxrss_kb'])} (time {fmt_s(ml['seconds'])} vs "
            f"{fmt_s(ms['seconds'])})",
            ratio,
            "≤ 1.5",
            ratio <= 1.5,
        )
    )
    if not ctx.quick:  # the naive pass for comparison: pdfplumber keeps every page it has parsed
        ns, nl = child("naive-pdf", small, ctx.work), child("naive-pdf", large, ctx.work)
        rows.append(
            Row(
                "pdf",
                f"peak RSS of naive pass: {pl} vs {ps} pages",
                f"{fmt_mb(nl['maxrss_kb'])} vs {fmt_mb(ns['maxrss_kb'])}",
                nl["maxrss_kb"] / ns["maxrss_kb"],
                "(info)",
                None,
            )
        )
    return rows
