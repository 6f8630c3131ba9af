"""Many files: ``--jobs 1`` against ``--jobs 2`` on 16 files, through the CLI.

On two cores the speed-up should be at least 1.7x, and the output must be
the same byte for byte (results in input order, not completion order).
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from common import CORPUS, TEN_X, Context, Row, cli_supports, fiscalint_exe, fmt_s


def sixteen_files(ctx: Context) -> Path:
    """16 reports of mixed kinds, each under its own name: 6 TXT and 6 DOCX at 10x
    (the size of a real 部门决算), 4 PDF at 5 unit chapters (about ten pages).
    The corpus TXT reports, when present, take three of the TXT places. Each
    file takes long enough that start-up does not hide the pool."""
    folder = ctx.work / "sixteen"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    real = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    for i in range(16):
        kind = "pdf" if i % 4 == 3 else ("txt" if i % 2 == 0 else "docx")
        source = ctx.report(5 if kind == "pdf" else TEN_X, kind)
        if kind == "txt" and i % 4 == 0 and real:
            source = real.pop(0)
        shutil.copy(source, folder / f"report-{i:02d}.{kind}")
    return folder


def cli_check(folder: Path, *extra: str) -> tuple[float, str]:
    """Wall time and output of ``fiscalint check`` on ``folder``."""
    wall, _, out = cli_check_cpu(folder, *extra)
    return wall, out


def cli_check_cpu(folder: Path, *extra: str) -> tuple[float, float, str]:
    """Wall time, CPU time (the process and its workers) and output of ``fiscalint check``."""
    args = [fiscalint_exe(), "check", "--exit-zero", "--format", "json", *extra, str(folder)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, cwd=folder.parent)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout


def run(ctx: Context) -> list[Row]:
    folder = sixteen_files(ctx)
    extra = ["--isolated"] + (["--no-cache"] if cli_supports("--no-cache") else [])
    n = ctx.repeat(2, 5)
    t1s, t2s, c1s, c2s, same = [], [], [], [], True
    for _ in range(n):
        t1, c1, out1 = cli_check_cpu(folder, *extra, "--jobs", "1")
        t2, c2, out2 = cli_check_cpu(folder, *extra, "--jobs", "2")
        t1s.append(t1)
        t2s.append(t2)
        c1s.append(c1)
        c2s.append(c2)
        same = same and out1 == out2
    # Best of n: other load only ever adds wall time, so the fastest run of each
    # is the closest to the machine's own speed. CPU time (median) tells a busy
    # machine from a pool that does extra work.
    t1, t2 = min(t1s), min(t2s)
    c1, c2 = statistics.median(c1s), statistics.median(c2s)
    speedup = t1 / t2
    busy = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return [
        Row(
            "jobs",
            "16 files: --jobs 1 / --jobs 2",
            f"{fmt_s(t1)} vs {fmt_s(t2)} wall, best of {n} (CPU {fmt_s(c1)} vs {fmt_s(c2)})",
            speedup,
            "≥ 1.7",
            speedup >= 1.7,
            note=f"load average {busy:.1f} on {os.cpu_count()} cores" if busy > 0.5 else "",
        ),
        Row("jobs", "same output with --jobs 1 and 2", "yes" if same else "no", None, "yes", same),
    ]
