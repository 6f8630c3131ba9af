"""Checking many files at once, one process per core, results in input order.

Workers are forked where the platform allows, so they inherit the loaded
plugins and the resolved configuration instead of loading them again.
"""

from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fiscalint.engine import FileResult, Run, check_unit

_RUN: Run | None = None


def _init(run: Run | None) -> None:
    global _RUN
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    if run is not None:
        _RUN = run


def _check(unit: list[Path]) -> FileResult:
    assert _RUN is not None
    return check_unit(unit, _RUN)


def check_parallel(paths: list[list[Path]], run: Run, jobs: int) -> list[FileResult]:
    """Check reports (each a list of files) in worker processes."""
    global _RUN
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        ctx = multiprocessing.get_context("fork")
        _RUN = run  # inherited by the forked workers
        init_arg = None
    else:  # pragma: no cover - Windows/macOS spawn: the run is pickled
        ctx = multiprocessing.get_context("spawn")
        init_arg = run
    workers = min(jobs, len(paths))
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init, initargs=(init_arg,)) as pool:
        # chunksize 1: report files differ a lot in size, balance matters more.
        return list(pool.map(_check, paths, chunksize=1))
