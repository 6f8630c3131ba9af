"""Start-up: ``fiscalint --version`` against the floor ``python -c "import click"``.

A linter run by pre-commit on every commit must start as fast as the CLI
library it is built on; the readers (python-docx, pdfplumber) are imported
only when a file of their kind is checked.
"""

from __future__ import annotations

import subprocess
import sys
import time

from common import Context, Row, child, fiscalint_exe, fmt_s, paired


def _command(args: list[str]):
    def go() -> None:
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    return go


def run(ctx: Context) -> list[Row]:
    rows = []
    n = ctx.repeat(10, 30)
    exe = fiscalint_exe()
    floor = _command([sys.executable, "-c", "import click"])
    version, base = paired(_command([exe, "--version"]), floor, n, clock=time.perf_counter)
    ratio = version / base
    rows.append(
        Row(
            "start-up",
            "fiscalint --version vs python -c 'import click'",
            f"{fmt_s(version)} vs {fmt_s(base)} (median of {n})",
            ratio,
            "≤ 2",
            ratio <= 2,
        )
    )
    rules_t, base2 = paired(_command([exe, "rules"]), floor, n, clock=time.perf_counter)
    rows.append(
        Row(
            "start-up",
            "fiscalint rules vs python -c 'import click'",
            f"{fmt_s(rules_t)} vs {fmt_s(base2)} (median of {n})",
            rules_t / base2,
            "(info)",
            None,
        )
    )
    for args in ("--version", "rules"):
        imported = child("imports", args, ctx.work)["imported"]
        readers = [m for m in imported if m in ("docx", "pdfplumber", "pdfminer")]
        rows.append(
            Row(
                "start-up",
                f"fiscalint {args} imports docx or pdfplumber?",
                "no" if not readers else "yes: " + ", ".join(readers),
                None,
                "no",
                not readers,
                note=("other heavy modules: " + ", ".join(m for m in imported if m not in readers))
                if set(imported) - set(readers)
                else "",
            )
        )
    return rows
