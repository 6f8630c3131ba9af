"""One measurement in a fresh interpreter: ``python child.py MODE PATH``.

Prints one JSON line: wall seconds of the work and the process's peak RSS
in KB (``VmHWM``, see ``peak_rss_kb``), so each measurement's memory is its own.

Modes:
- ``check``: fiscalint's check of the file (default rules, no config, no cache).
- ``naive-pdf``: the naive pdfplumber pass, extract_text and extract_tables on every page.
- ``imports``: run ``fiscalint ARGS`` (PATH is a comma-separated argument list)
  and list which heavy reader libraries it imported.
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import sys
import time
from pathlib import Path

HEAVY = ("docx", "pdfplumber", "pdfminer", "lxml", "reportlab")


def main() -> None:
    mode, arg = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    extra: dict = {}
    if mode == "check":
        from fiscalint.config import Config
        from fiscalint.engine import Run, check_file
        from fiscalint.plugins import default_registry

        run = Run.create(Config(cache=False), default_registry())
        t0 = time.perf_counter()
        extra["findings"] = len(check_file(Path(arg), run).findings)
    elif mode == "naive-pdf":
        import pdfplumber

        t0 = time.perf_counter()
        with pdfplumber.open(arg) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
    elif mode == "imports":
        from fiscalint.cli import main as cli

        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            cli(arg.split(","), prog_name="fiscalint")
        extra["imported"] = [m for m in HEAVY if m in sys.modules]
    else:
        raise SystemExit(f"unknown mode {mode}")
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "maxrss_kb": peak_rss_kb(), **extra}))


def peak_rss_kb() -> int:
    """This process's peak RSS in KB.

    On Linux ``ru_maxrss`` is not reset by ``execve``: a child started from a
    big parent reports the parent's size. ``VmHWM`` belongs to the new
    address space, so it is the child's own peak; ``ru_maxrss`` elsewhere.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    main()
