"""Checking many files at once, one process per core, results in input order.

Workers are forked where the platform allows, so they inherit the loaded
plugins and the resolved configuration instead of loading them again.
"""

from __future__ import annotations

import contextlib
import gc
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


# Checking cost per byte relative to plain text, measured on the benchmark's reports
# (bench/jobs.py): a PDF byte is about ten times a text byte (compressed content
# streams, pdfminer's interpreter), a DOCX or XLSX byte about four (zipped XML).
_COST_PER_BYTE = {".pdf": 10, ".docx": 4, ".xlsx": 4}


def _cost(unit: list[Path]) -> int:
    """Expected checking cost of a report: its size, weighted by kind."""
    total = 0
    for p in unit:
        with contextlib.suppress(OSError):  # a missing file is reported by the worker
            total += p.stat().st_size * _COST_PER_BYTE.get(p.suffix.lower(), 1)
    return total


def _preload(units: list[list[Path]]) -> None:
    """Import the readers once, before forking, instead of once per worker."""
    from fiscalint.readers import builtin_readers

    builtin_readers()  # fiscalint's reader modules: every worker's first read imported them (about 15 ms)
    suffixes = {p.suffix.lower() for unit in units for p in unit}
    if ".docx" in suffixes:
        import docx  # noqa: F401
    if ".pdf" in suffixes:
        import pdfplumber  # noqa: F401
    if ".xlsx" in suffixes:
        import openpyxl  # noqa: F401


# A small report touching every rule family: checked once in the parent before the
# workers fork, so that they inherit compiled patterns and loaded packs instead of
# each paying for them on its first report (about 70 ms per worker, measured).
_WARM_UP = """2024年度部门决算公开说明
一、收入支出决算总体情况
2024年度收入总计100.00万元，支出总计100.00万元，与2023年相比增加10.00万元，增长11.11%。
其中：财政拨款收入90.00万元，占90.00%；其他收入10.00万元，占10.00%。
二、“三公”经费财政拨款支出决算情况
截至2024年12月31日，共有车辆2辆。项目自评得分95分，评价等级为“优”。
收入决算表（2024年度）
单位：万元

| 项目 | 本年收入 | 上年收入 |
| --- | --- | --- |
| 财政拨款收入 | 90.00 | 80.00 |
| 其他收入 | 10.00 | 10.00 |
| 合计 | 100.00 | 90.00 |
"""


def _warm_up(run: Run) -> None:
    from fiscalint import memo
    from fiscalint.engine import FileResult, FileTimeout, check_document, time_limit
    from fiscalint.readers import Limits
    from fiscalint.readers.text import MarkdownReader

    # Only an optimisation: never in the way of the real check, even with a plugin
    # rule that raises or hangs on this report (its time is bounded like a file's).
    with contextlib.suppress(Exception, FileTimeout), time_limit(min(run.config.file_timeout, 5.0)):
        document = MarkdownReader().read("<warm-up>.md", _WARM_UP.encode(), Limits())
        check_document(document, run, FileResult("<warm-up>"))
    memo.forget()


def check_parallel(paths: list[list[Path]], run: Run, jobs: int) -> list[FileResult]:
    """Check reports (each a list of files) in worker processes.

    The costliest reports are handed out first (size weighted by kind), so
    that the last ones to finish are small and no core waits long on another;
    results come back in input order.
    """
    global _RUN
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        ctx = multiprocessing.get_context("fork")
        _RUN = run  # inherited by the forked workers
        _preload(paths)
        _warm_up(run)
        # Objects made so far are the workers' inheritance: frozen, their collector leaves
        # them alone instead of scanning (and so copying) every inherited page.
        gc.freeze()
        init_arg = None
    else:  # pragma: no cover - Windows/macOS spawn: the run is pickled
        ctx = multiprocessing.get_context("spawn")
        init_arg = run
    workers = min(jobs, len(paths))
    order = sorted(range(len(paths)), key=lambda i: -_cost(paths[i]))
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init, initargs=(init_arg,)) as pool:
            futures = {i: pool.submit(_check, paths[i]) for i in order}
            return [futures[i].result() for i in range(len(paths))]
    finally:
        gc.unfreeze()  # the parent's own collector sees its objects again
