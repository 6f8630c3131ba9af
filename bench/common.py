"""Shared pieces of the benchmarks: result rows, paired timing, generated inputs.

Every figure is a ratio of two timings taken in the same run, measured in
alternation (a, b, a, b, ...) and summarised by the median, so a machine that
is busy with something else slows both sides alike. Work done in this process
is timed in CPU time; work done by child processes (start-up, --jobs, the
cache) in wall time, which a busy machine does inflate: run.py prints the
load average so such figures can be judged.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import report_gen

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CORPUS = Path(os.environ.get("FISCALINT_CORPUS", ROOT.parent / "shared" / "corpus"))
EXAMPLES = ROOT / "examples"

# Report sizes, in unit chapters (report_gen.make_report's ``scale``).
ONE_X = 3  # about 6 PDF pages, 20 KB of text: the size of a small department's report
TEN_X = 30  # about the size of a corpus report (95-100 KB of text)
HUNDRED_X = 300  # ten times a corpus report: the "10x larger generated report" of the DOCX target


@dataclass
class Row:
    """One line of the result table."""

    group: str
    measurement: str
    values: str
    ratio: float | None = None
    target: str = ""
    ok: bool | None = None  # None: informational, or not measurable here
    note: str = ""

    def verdict(self) -> str:
        return {True: "pass", False: "FAIL", None: "-"}[self.ok]


@dataclass
class Context:
    quick: bool
    work: Path  # temporary folder for generated inputs and child processes

    def repeat(self, quick: int, full: int) -> int:
        return quick if self.quick else full

    def report(self, scale: int, kind: str) -> Path:
        """The generated report with ``scale`` unit chapters as ``kind`` (txt, docx, pdf), made once."""
        path = self.work / "gen" / f"report-x{scale}.{kind}"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            rep = report_gen.make_report(scale)
            {"txt": report_gen.write_txt, "docx": report_gen.write_docx, "pdf": report_gen.write_pdf}[kind](rep, path)
        return path


def paired(
    a: Callable[[], object],
    b: Callable[[], object],
    repeat: int,
    warmup: bool = True,
    clock: Callable[[], float] = time.process_time,
) -> tuple[float, float]:
    """Median times of ``a`` and ``b``, run in alternation ``repeat`` times each.

    In-process work is timed in CPU time of this process (``clock``), which
    other jobs on a shared machine do not inflate; pass ``time.perf_counter``
    for wall time (work done in child processes).
    """
    if warmup:
        a()
        b()
    ta: list[float] = []
    tb: list[float] = []
    for _ in range(repeat):
        for fn, out in ((a, ta), (b, tb)):
            t0 = clock()
            fn()
            out.append(clock() - t0)
    return statistics.median(ta), statistics.median(tb)


def timed(fn: Callable[[], object], repeat: int, warmup: bool = True) -> float:
    """Median CPU time of ``fn`` in this process."""
    if warmup:
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def fiscalint_exe() -> str:
    """The ``fiscalint`` console script of this interpreter's environment."""
    beside = Path(sys.executable).parent / "fiscalint"
    return str(beside) if beside.exists() else (shutil.which("fiscalint") or "fiscalint")


def make_run():
    """A fiscalint Run with the default rules and no config file (and no result cache)."""
    from fiscalint.config import Config
    from fiscalint.engine import Run
    from fiscalint.plugins import default_registry

    return Run.create(Config(cache=False), default_registry())


def check(path: Path, run) -> int:
    """Check one file in-process, the way the CLI does, with cold memo caches (the engine
    empties them after each check; this also drops what anything else filled them with);
    returns the number of findings."""
    from fiscalint import memo
    from fiscalint.engine import check_file

    memo.forget()
    return len(check_file(path, run).findings)


def child(mode: str, path: Path, cwd: Path) -> dict:
    """Run ``child.py MODE PATH`` in a fresh interpreter: its wall time and peak RSS."""
    out = subprocess.run(
        [sys.executable, str(BENCH / "child.py"), mode, str(path)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def cli_supports(flag: str, command: str = "check") -> bool:
    out = subprocess.run([fiscalint_exe(), command, "--help"], capture_output=True, text=True)
    return flag in out.stdout


def source_stamp() -> tuple[int, int]:
    """Newest mtime and file count of fiscalint's sources and packs: the result
    cache is keyed on them, so an edit during a run makes the second run miss."""
    import fiscalint

    here = Path(fiscalint.__file__).resolve().parent
    files = [*here.rglob("*.py"), *(ROOT / "rules").glob("*.toml")]
    return max((p.stat().st_mtime_ns for p in files), default=0), len(files)


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_mb(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"
