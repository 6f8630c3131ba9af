"""Where a check's time goes, rule by rule: ``python bench/rule_profile.py FILE [--scale N]``.

A diagnostic, not a benchmark: it prints the reader's time, then the time
of each rule's handlers and of each shared document fact
(``ctx.facts.document(name, ...)``), each *exclusive* of the facts it set
off, so a fact computed on behalf of several rules is counted once, under
its own name. Without FILE it checks the generated report at ``--scale``
unit chapters (default 30, the 10x report of the benchmarks) as TXT.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report_gen
from common import make_run


class Clock:
    """Exclusive CPU time per label, with nesting (a fact computed inside a handler)."""

    def __init__(self) -> None:
        self.total: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.stack: list[list] = []  # [label, start, time spent in nested labels]

    def run(self, label: str, fn, *args):
        self.stack.append([label, time.process_time(), 0.0])
        try:
            return fn(*args)
        finally:
            lab, start, nested = self.stack.pop()
            spent = time.process_time() - start
            self.total[lab] += spent - nested
            self.calls[lab] += 1
            if self.stack:
                self.stack[-1][2] += spent


def profile(path: Path, repeat: int = 3) -> tuple[float, float, Clock]:
    from fiscalint import engine
    from fiscalint.readers import Limits, read_document
    from fiscalint.rule import FactStore

    run = make_run()
    engine.check_file(path, run)  # warm-up: imports, compiled patterns
    t0 = time.process_time()
    for _ in range(repeat):
        read_document(path, str(path), Limits(), run.registry.readers)
    read = (time.process_time() - t0) / repeat

    clock = Clock()
    original_dispatch, original_document = engine.build_dispatch, FactStore.document

    def build_dispatch(rules):
        table = original_dispatch(rules)
        return {
            event: [
                (rule, lambda ctx, ev, h=handler, code=rule.code: clock.run(f"rule {code}", h, ctx, ev))
                for rule, handler in handlers
            ]
            for event, handlers in table.items()
        }

    def document(self, name, compute):
        if name in self.shared:
            return self.shared[name]
        return original_document(self, name, lambda: clock.run(f"fact {name}", compute))

    engine.build_dispatch, FactStore.document = build_dispatch, document
    try:
        t0 = time.process_time()
        for _ in range(repeat):
            engine.check_file(path, run)
        whole = (time.process_time() - t0) / repeat
    finally:
        engine.build_dispatch, FactStore.document = original_dispatch, original_document
    for key in clock.total:
        clock.total[key] /= repeat
        clock.calls[key] //= repeat
    return read, whole, clock


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--scale", type=int, default=30, help="unit chapters of the generated report")
    parser.add_argument("--kind", default="txt", choices=["txt", "docx", "pdf"])
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file
        if path is None:
            path = Path(tmp) / f"report-x{args.scale}.{args.kind}"
            writer = getattr(report_gen, f"write_{args.kind}")
            writer(report_gen.make_report(args.scale), path)
        read, whole, clock = profile(path)
    rules = sum(clock.total.values())
    print(
        f"{path.name}: check {whole * 1000:.0f} ms = reader {read * 1000:.0f} ms + rules and facts {rules * 1000:.0f} ms"
    )
    for label, spent in sorted(clock.total.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"{spent * 1000:8.1f} ms  {100 * spent / whole:5.1f}%  {clock.calls[label]:6d} calls  {label}")


if __name__ == "__main__":
    main()
