"""Checking many files at once, one process per core, results in input order.

Workers are forked where the platform allows, so they inherit the loaded
plugins and the resolved configuration instead of loading them again.
"""

from __future__ import annotations

import contextlib
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


def _size(unit: list[Path]) -> int:
    total = 0
    for p in unit:
        with contextlib.suppress(OSError):  # a missing file is reported by the worker
            total += p.stat().st_size
    return total


def _preload(units: list[list[Path]]) -> None:
    """Import the heavy readers once, before forking, instead of once per worker."""
    suffixes = {p.suffix.lower() for unit in units for p in unit}
    if ".docx" in suffixes:
        import docx  # noqa: F401
    if ".pdf" in suffixes:
        import pdfplumber  # noqa: F401
    if ".xlsx" in suffixes:
        import openpyxl  # noqa: F401


def check_parallel(paths: list[list[Path]], run: Run, jobs: int) -> list[FileResult]:
    """Check reports (each a list of files) in worker processes.

    The largest reports are handed out first, so that one big PDF at the end
    of the list does not leave the other cores idle; results come back in
    input order.
    """
    global _RUN
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        ctx = multiprocessing.get_context("fork")
        _RUN = run  # inherited by the forked workers
        _preload(paths)
        init_arg = None
    else:  # pragma: no cover - Windows/macOS spawn: the run is pickled
        ctx = multiprocessing.get_context("spawn")
        init_arg = run
    workers = min(jobs, len(paths))
    order = sorted(range(len(paths)), key=lambda i: -_size(paths[i]))
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init, initargs=(init_arg,)) as pool:
        futures = {i: pool.submit(_check, paths[i]) for i in order}
        return [futures[i].result() for i in range(len(paths))]
