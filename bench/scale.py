"""Scale: a report ten times as long must cost at most eleven times as much.

Anything worse means a rule (or the reader) is quadratic in the number of
blocks: comparing every paragraph with every other, rescanning the document
per block. The 10x report is the 1x one with ten times the unit chapters.
"""

from __future__ import annotations

from common import ONE_X, TEN_X, Context, Row, check, fmt_s, make_run, timed


def run(ctx: Context) -> list[Row]:
    run_ = make_run()
    rows = []
    n = ctx.repeat(5, 9)  # the 1x report takes tens of ms: more repetitions steady the ratio
    for kind in ("txt", "docx"):
        small, large = ctx.report(ONE_X, kind), ctx.report(TEN_X, kind)
        times = [timed(lambda p=path: check(p, run_), n) for path in (small, large)]
        ratio = times[1] / times[0]
        rows.append(
            Row(
                "scale",
                f"{kind.upper()} check time, 10× vs 1× size",
                f"{fmt_s(times[1])} vs {fmt_s(times[0])}",
                ratio,
                "≤ 11",
                ratio <= 11,
            )
        )
    return rows
