"""Cache: a second run over unchanged files must cost at most 10% of the first.

Both runs go through the CLI on the same 16 files (those of the --jobs
benchmark), with ``cache-dir`` set in
a config file (``--config``) and emptied before the first run. The
output of both runs must be identical. The cost compared is CPU time of
fiscalint and its workers (``RUSAGE_CHILDREN``): the first run spreads over
the cores, the second is start-up and hashing, so wall time would favour
the first run on a multi-core machine and be at the mercy of other load.
"""

from __future__ import annotations

import shutil
import statistics

from common import Context, Row, cli_supports, fmt_s, source_stamp
from jobs import cli_check_cpu, sixteen_files


def run(ctx: Context) -> list[Row]:
    if not cli_supports("--no-cache"):
        return [Row("cache", "second run / first run (16 files)", "n/a: cache not wired", None, "≤ 0.10", None)]
    files = sixteen_files(ctx)
    cache_dir = ctx.work / "cache-dir"
    config = ctx.work / "cache-bench.toml"
    config.write_text(f'cache-dir = "{cache_dir.as_posix()}"\n', encoding="utf-8")
    rows = []
    try:
        runs: list[tuple[float, float, float, float]] = []
        same, edited, attempts = True, 0, 0
        while len(runs) < ctx.repeat(1, 3) and attempts < 6:
            attempts += 1
            shutil.rmtree(cache_dir, ignore_errors=True)
            stamp = source_stamp()
            w1, c1, out1 = cli_check_cpu(files, "--config", str(config))
            w2, c2, out2 = cli_check_cpu(files, "--config", str(config))
            if source_stamp() != stamp:  # fiscalint was edited meanwhile: a legitimate miss, measure again
                edited += 1
                continue
            runs.append((w1, c1, w2, c2))
            same = same and out1 == out2
        if not runs:
            return [Row("cache", "second run / first run (16 files)", "n/a: sources kept changing", None, "≤ 0.10")]
        w1, c1, w2, c2 = (statistics.median(r[k] for r in runs) for k in range(4))
        filled = cache_dir.exists() and any(cache_dir.rglob("*.json"))
        ratio = c2 / c1
        rows.append(
            Row(
                "cache",
                "second run / first run (16 files), CPU time",
                f"{fmt_s(c2)} vs {fmt_s(c1)} CPU ({fmt_s(w2)} vs {fmt_s(w1)} wall, ratio {w2 / w1:.2f})",
                ratio,
                "≤ 0.10",
                ratio <= 0.10,
                note=("" if filled else f"nothing was written to {cache_dir}; ")
                + (f"{edited} pair(s) discarded: sources edited during the run" if edited else ""),
            )
        )
        rows.append(Row("cache", "same output from the cache", "yes" if same else "no", None, "yes", same))
        if not ctx.quick:
            _, c3, _ = cli_check_cpu(files, "--config", str(config), "--no-cache")
            rows.append(Row("cache", "--no-cache run / first run, CPU time", fmt_s(c3), c3 / c1, "(info)", None))
    finally:
        config.unlink(missing_ok=True)
    return rows
