"""Run every benchmark and print the tables: ``python bench/run.py [--quick]``.

Speed and memory (start-up, DOCX, PDF, scale, --jobs, cache) and accuracy
(the mutation benchmark, ``bench/mutation.py``, which prints its own
detailed tables first); then one table with every measurement.

Each figure is a ratio of two measurements taken in this run (never an
absolute time compared with a number written down elsewhere), so the table
means the same on a fast laptop and a busy CI runner. Inputs are generated
into a temporary folder; the real corpus (``../shared/corpus``, or
``$FISCALINT_CORPUS``) and ``examples/`` are used when present.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Context, Row

BENCHMARKS = {
    "startup": "startup",
    "docx": "docx_bench",
    "pdf": "pdf_bench",
    "scale": "scale",
    "jobs": "jobs",
    "cache": "cache_bench",
    "accuracy": "accuracy_bench",  # the mutation benchmark, bench/mutation.py
}


def table(rows: list[Row], markdown: bool) -> str:
    head = ["measurement", "values", "ratio", "target", "result"]
    body = [
        [
            f"{r.group}: {r.measurement}",
            r.values + (f" [{r.note}]" if r.note else ""),
            "" if r.ratio is None else f"{r.ratio:.2f}",
            r.target,
            r.verdict(),
        ]
        for r in rows
    ]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in body]
        return "\n".join(lines)

    def width(s: str) -> int:  # CJK characters take two columns in a terminal
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)

    widths = [max(width(x) for x in col) for col in zip(head, *body, strict=True)]
    out = []
    for row in [head, *body]:
        out.append("  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)).rstrip())
        if row is head:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on every platform
        return "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and smaller inputs (~2 minutes)")
    parser.add_argument("--only", help="comma-separated benchmarks: " + ", ".join(BENCHMARKS))
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for the README)")
    args = parser.parse_args()
    chosen = [s.strip() for s in args.only.split(",")] if args.only else list(BENCHMARKS)
    unknown = [c for c in chosen if c not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")

    # Child processes (start-up, --jobs, cache) run fiscalint as an installed tool runs:
    # with its bytecode cached. Where the environment says PYTHONDONTWRITEBYTECODE (this
    # project's sandboxes do), every fiscalint process would compile its ~80 modules
    # again, about 90 ms, while click and the other installed libraries have their .pyc.
    bytecode_off = os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None

    import fiscalint

    print(
        f"fiscalint {fiscalint.__version__}, Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"{'quick' if args.quick else 'full'} run, load average {_load()}"
        + (" (PYTHONDONTWRITEBYTECODE unset for the child processes)" if bytecode_off else ""),
        file=sys.stderr,
    )
    rows: list[Row] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fiscalint-bench-") as tmp:
        ctx = Context(quick=args.quick, work=Path(tmp))
        for name in chosen:
            t0 = time.perf_counter()
            try:
                module = importlib.import_module(BENCHMARKS[name])
                rows += module.run(ctx)
            except Exception as exc:  # one broken benchmark must not hide the others' figures
                traceback.print_exc()
                rows.append(Row(name, "benchmark failed", f"{type(exc).__name__}: {exc}", ok=False))
            print(f"  {name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print(table(rows, args.markdown))
    failed = [r for r in rows if r.ok is False]
    print(
        f"\n{len(rows)} rows, {len(failed)} failed, {time.perf_counter() - start:.0f} s in all, "
        f"load average now {_load()} on {os.cpu_count()} cores (wall-time figures need an idle machine)",
        file=sys.stderr,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
