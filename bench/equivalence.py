#!/usr/bin/env python3
"""Same findings before and after: ``python bench/equivalence.py REV [INPUT ...]``.

A speed-up must not change what fiscalint reports. This checks out ``REV``
(a commit, tag or branch) into a temporary git worktree, runs both that
revision's and this checkout's fiscalint over the same inputs (files or
folders; default: ``examples/`` and ``../shared/corpus`` when present), and
compares every finding field by field: code, level, message, location,
related locations and fingerprint. Exit status 0 when identical, 1 when
not, with the first differences printed.

Both sides run with this environment's interpreter and libraries; only
fiscalint's own source differs (``PYTHONPATH``), so a difference is the
code's, not a library's. Inputs are only read. The evening speed-up of
2026-11-23 was proven this way on 1 231 inputs (see README.md here).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = [ROOT / "examples", ROOT.parent / "shared" / "corpus"]


def findings(src: Path, inputs: list[Path], jobs: int) -> list[str]:
    """Every finding of the fiscalint in ``src`` on ``inputs``, as canonical JSON lines."""
    cmd = [sys.executable, "-m", "fiscalint", "check", "--isolated", "--select", "ALL", "--no-cache"]
    cmd += ["--format", "json", "--exit-zero", "--jobs", str(jobs), *map(str, inputs)]
    env = {"PYTHONPATH": str(src / "src"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"fiscalint from {src} failed:\n{out.stderr[-2000:]}")
    return sorted(json.dumps(f, sort_keys=True, ensure_ascii=False) for f in json.loads(out.stdout))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the revision to compare with (e.g. main, HEAD~3, a commit)")
    parser.add_argument("inputs", nargs="*", type=Path, help="files or folders (default: examples/ and the corpus)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    inputs = [p.resolve() for p in (args.inputs or [p for p in DEFAULT_INPUTS if p.exists()])]
    with tempfile.TemporaryDirectory(prefix="fiscalint-equiv-") as tmp:
        old_tree = Path(tmp) / "old"
        added = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old_tree), args.rev])
        if added.returncode != 0:
            raise SystemExit(f"cannot check out {args.rev!r}")
        try:
            old = findings(old_tree, inputs, args.jobs)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old_tree)], check=False)
    new = findings(ROOT, inputs, args.jobs)
    if old == new:
        print(f"identical: {len(new)} findings on {', '.join(p.name for p in inputs)}")
        return 0
    lost, added = Counter(old) - Counter(new), Counter(new) - Counter(old)
    print(f"DIFFERENT: {sum(lost.values())} findings only in {args.rev}, {sum(added.values())} only in this checkout")
    for sign, items in (("-", lost), ("+", added)):
        for line in list(items.elements())[:10]:
            print(sign, line[:400])
    return 1


if __name__ == "__main__":
    sys.exit(main())
