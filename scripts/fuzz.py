"""Mutation fuzzer for the readers: corrupt valid DOCX, PDF and text files at
random and check that every one gives findings, never an internal error.

    python scripts/fuzz.py --seconds 60 [--seed 1] [--keep crashes/]

An input that makes fiscalint raise, or report E999 (an internal error rather
than a coded "corrupt file" finding), is a bug; it is printed (and saved with
--keep) so it can become a regression test. The test suite runs this for a few
seconds on every CI run (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seeds(folder: Path) -> list[Path]:
    """Small valid inputs of every format, made with the test builders."""
    sys.path.insert(0, str(ROOT / "tests"))
    from builders import SAMPLE_REPORT, to_docx, to_pdf

    txt = folder / "seed.txt"
    txt.write_text(SAMPLE_REPORT, encoding="utf-8")
    md = folder / "seed.md"
    md.write_text("# 一、概况\n\n| 项目 | 金额 |\n| --- | --- |\n| 合计 | 1.00 |\n", encoding="utf-8")
    docx = folder / "seed.docx"
    to_docx(txt, docx)
    pdf = folder / "seed.pdf"
    to_pdf(txt, pdf)
    return [txt, md, docx, pdf]


def mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.random()
        if not b:
            break
        i = rng.randrange(len(b))
        if op < 0.4:
            b[i] = rng.randrange(256)
        elif op < 0.6:
            del b[i : i + rng.randint(1, 64)]
        elif op < 0.8:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op < 0.9:
            del b[i:]
        else:
            j = rng.randrange(len(b))
            b[i:i] = b[j : j + rng.randint(1, 256)]
    return bytes(b)


def fuzz(seconds: float, seed: int = 0, keep: Path | None = None, quiet: bool = False) -> tuple[int, list[str]]:
    from fiscalint.config import Config
    from fiscalint.engine import Run, check_file
    from fiscalint.plugins import default_registry

    rng = random.Random(seed)
    run = Run.create(Config(file_timeout=20.0), default_registry())
    failures: list[str] = []
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = [(p.suffix, p.read_bytes()) for p in seeds(folder)]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            suffix, data = rng.choice(inputs)
            case = folder / f"case{n}{suffix}"
            mutated = mutate(data, rng)
            case.write_bytes(mutated)
            try:
                result = check_file(case, run)
                bad = [f for f in result.findings if f.code in ("E999", "E900")]
                if bad:
                    failures.append(f"{case.name}: {bad[0].code} {bad[0].message_en or bad[0].message}")
            except BaseException as exc:
                failures.append(f"{case.name}: raised {type(exc).__name__}: {exc}")
            if failures and keep and failures[-1].startswith(case.name):
                keep.mkdir(parents=True, exist_ok=True)
                (keep / case.name).write_bytes(mutated)
            case.unlink()
            n += 1
    if not quiet:
        print(f"fuzz: {n} inputs in {seconds:g} s, {len(failures)} failures")
        for line in failures[:20]:
            print("  " + line)
    return n, failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    _, failures = fuzz(args.seconds, args.seed, args.keep)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
