#!/usr/bin/env python3
"""Mutation benchmark: recall per mistake family and false positives on correct reports.

    python bench/mutation.py [--quick] [--forms txt,docx,pdf] [--jobs 2] [--write-md]

Takes correct reports (the generated clean examples and the corpus with its
audited mistakes repaired, see ``bench/mutants``), injects one known mistake
at a time (SUM, PCT, SCORE, SEC, YEAR families), runs fiscalint in process on
the TXT, and on a stratified sample rendered to DOCX and PDF, and prints per
family and form: mutants, caught, recall; then the false positives (error and
warning findings) on the unmutated bases. Method: ``bench/MUTATION.md``.

``main(argv)`` returns the result dict, so ``bench/run.py`` can call it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from mutants.bases import CORPUS, Base, load_bases  # noqa: E402
from mutants.evaluate import FORMS, Outcome, base_findings, evaluate, key  # noqa: E402
from mutants.generate import FAMILIES, Mutant, all_mutants  # noqa: E402

MD = HERE / "MUTATION.md"
BEGIN, END = "<!-- mutation-table:begin -->", "<!-- mutation-table:end -->"

# How many mutants per family each form gets (TXT: per base and operator, a cap).
FULL = {"txt_per_op": 30, "docx": 30, "pdf": 14}
QUICK = {"txt_per_family": 6, "docx": 3, "pdf": 3}


def stratified(mutants: list[Mutant], n: int, rng: random.Random) -> list[Mutant]:
    """``n`` mutants, round-robin over (base, operator) groups in a seeded order."""
    groups: dict[tuple[str, str], list[Mutant]] = defaultdict(list)
    for m in mutants:
        groups[(m.base, m.op)].append(m)
    for g in groups.values():
        rng.shuffle(g)
    order = sorted(groups)
    rng.shuffle(order)
    out: list[Mutant] = []
    while len(out) < n and any(groups[k] for k in order):
        for k in order:
            if groups[k] and len(out) < n:
                out.append(groups[k].pop())
    return out


def select(bases: list[Base], forms: list[str], quick: bool, seed: int) -> dict[str, list[Mutant]]:
    rng = random.Random(seed)
    every = [m for b in bases for m in all_mutants(b)]
    by_family: dict[str, list[Mutant]] = defaultdict(list)
    for m in every:
        by_family[m.family].append(m)
    plan: dict[str, list[Mutant]] = {}
    if quick:
        txt = [m for fam in FAMILIES for m in stratified(by_family[fam], QUICK["txt_per_family"], rng)]
    else:
        per_op: dict[tuple[str, str], list[Mutant]] = defaultdict(list)
        for m in every:
            per_op[(m.base, m.op)].append(m)
        txt = []
        for k in sorted(per_op):
            group = per_op[k]
            txt += group if len(group) <= FULL["txt_per_op"] else rng.sample(group, FULL["txt_per_op"])
    sizes = QUICK if quick else FULL
    for form in forms:
        if form == "txt":
            plan["txt"] = txt
        else:
            pool = {m.id for m in txt}
            chosen = [m for fam in FAMILIES for m in stratified([x for x in txt if x.family == fam], sizes[form], rng)]
            assert all(m.id in pool for m in chosen)
            plan[form] = chosen
    return plan


def _base_task(args: tuple[str, str, str]) -> tuple[str, str, list[tuple]]:
    name, form, text = args
    out = []
    for f in base_findings(text, form):
        loc = f.location
        out.append((f.code, f.level, loc.line, loc.paragraph, loc.page, loc.table, f.message, key(f)))
    return name, form, out


def _mutant_task(args: tuple[Mutant, str, set]) -> Outcome:
    mutant, form, base_keys = args
    return evaluate(mutant, form, base_keys)


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "—"


def tables(outcomes: list[Outcome], fps: dict, bases: list[Base], forms: list[str]) -> str:
    lines = ["### Recall per family and form", ""]
    lines.append("| family | " + " | ".join(f"{f.upper()} caught / mutants (recall)" for f in forms) + " | all forms |")
    lines.append("|---|" + "---|" * (len(forms) + 1))
    for fam in FAMILIES:
        cells = []
        tot = [0, 0]
        for form in forms:
            rows = [o for o in outcomes if o.family == fam and o.form == form]
            c = sum(o.caught for o in rows)
            tot[0] += c
            tot[1] += len(rows)
            cells.append(f"{c} / {len(rows)} ({pct(c, len(rows))})")
        lines.append(f"| {fam} | " + " | ".join(cells) + f" | {tot[0]} / {tot[1]} ({pct(*tot)}) |")
    n = len(outcomes)
    c = sum(o.caught for o in outcomes)
    lines.append(f"| **all** | {' | '.join('' for _ in forms)} | **{c} / {n} ({pct(c, n)})** |")
    lines += ["", "### Recall per operator (all forms)", ""]
    lines.append("| family | operator | mutants | caught | recall | other family at the place |")
    lines.append("|---|---|---|---|---|---|")
    ops = sorted({(o.family, o.op) for o in outcomes}, key=lambda x: (FAMILIES.index(x[0]), x[1]))
    for fam, op in ops:
        rows = [o for o in outcomes if o.op == op]
        c = sum(o.caught for o in rows)
        other = sum(o.other_family and not o.caught for o in rows)
        lines.append(f"| {fam} | {op} | {len(rows)} | {c} | {pct(c, len(rows))} | {other} |")
    lines += ["", "### False positives on the correct (repaired) bases", ""]
    lines.append(
        "| base | source | repairs | " + " | ".join(f"{f.upper()} errors+warnings (notes)" for f in forms) + " |"
    )
    lines.append("|---|---|---|" + "---|" * len(forms))
    listing = []
    for b in bases:
        cells = []
        for form in forms:
            found = fps.get((b.name, form), [])
            bad = [x for x in found if x[1] != "note" and not _excluded(b, x)]
            notes = [x for x in found if x[1] == "note"]
            cells.append(f"{len(bad)} ({len(notes)})")
            for x in bad:
                where = x[2] or (f"para{x[3]}" if x[3] else f"page{x[4]}" if x[4] else f"table{x[5]}")
                listing.append(f"- {b.name} [{form}] {where}: {x[0]} {x[6][:160]}")
        lines.append(f"| {b.name} | {b.source} | {b.repairs} | " + " | ".join(cells) + " |")
    if listing:
        lines += ["", "False positives (error/warning findings on a correct base):", "", *listing]
    return "\n".join(lines)


def _excluded(base: Base, row: tuple) -> bool:
    line = row[2]
    return line is not None and any(abs(line - x) <= 2 for x in base.excluded)


def missed(outcomes: list[Outcome], per_family: int = 10) -> str:
    """The first missed mutants of each family (TXT first), then every mutant caught in TXT
    but missed in DOCX or PDF (a reader problem rather than a rule problem)."""
    lines = []
    txt_caught = {o.mutant_id for o in outcomes if o.form == "txt" and o.caught}
    for fam in FAMILIES:
        rows = [o for o in outcomes if o.family == fam and not o.caught]
        rows.sort(key=lambda o: FORMS.index(o.form))
        if not rows:
            continue
        lines.append(f"\n#### {fam}: {len(rows)} missed (first {min(per_family, len(rows))})\n")
        lines += [_miss_line(o) for o in rows[:per_family]]
    form_only = [o for o in outcomes if o.form != "txt" and not o.caught and o.mutant_id in txt_caught]
    if form_only:
        lines.append(f"\n#### Caught in TXT but missed in DOCX/PDF: {len(form_only)}\n")
        lines += [_miss_line(o) for o in form_only]
    return "\n".join(lines)


def _miss_line(o: Outcome) -> str:
    extra = f" — found instead: {', '.join(sorted(set(o.codes)))}" if o.codes else ""
    err = f" — {o.error}" if o.error else ""
    return f"- `{o.mutant_id}` [{o.form}] {o.op}, line {o.line}: `{o.old}` → `{o.new}`{extra}{err}"


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="about 60 mutants (a smoke run)")
    ap.add_argument("--forms", default="txt,docx,pdf", help="comma-separated: txt,docx,pdf")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--no-corpus", action="store_true", help="only the generated examples")
    ap.add_argument("--write-md", action="store_true", help="update the table in bench/MUTATION.md")
    ap.add_argument("--missed", type=int, default=10, help="missed mutants listed per family")
    args = ap.parse_args(argv)
    forms = [f for f in args.forms.split(",") if f]
    bad = [f for f in forms if f not in FORMS]
    if bad:
        ap.error(f"unknown form(s) {bad}; choose from {FORMS}")
    t0 = time.perf_counter()
    bases = load_bases(None if args.no_corpus else args.corpus)
    plan = select(bases, forms, args.quick, args.seed)
    by_name = {b.name: b for b in bases}

    pool = ProcessPoolExecutor(args.jobs) if args.jobs > 1 else None
    mapper = pool.map if pool else map
    try:
        fps: dict = {}
        for name, form, rows in mapper(_base_task, [(b.name, f, b.text) for b in bases for f in forms]):
            fps[(name, form)] = rows
        tasks = []
        for form in forms:
            for m in plan[form]:
                keys = {r[7] for r in fps[(m.base, form)]}
                tasks.append((m, form, keys))
        outcomes = list(mapper(_mutant_task, tasks, chunksize=4) if pool else mapper(_mutant_task, tasks))
    finally:
        if pool:
            pool.shutdown()
    elapsed = time.perf_counter() - t0
    table = tables(outcomes, fps, bases, forms)
    miss = missed(outcomes, args.missed)
    head = (
        f"Mutation benchmark: {len(outcomes)} mutants "
        f"({', '.join(f'{f}: {len(plan[f])}' for f in forms)}) on {len(bases)} bases "
        f"({', '.join(by_name)}), {elapsed:.0f} s, {args.jobs} jobs" + (" [quick]" if args.quick else "")
    )
    print(head)
    print()
    print(table)
    if miss:
        print("\n### Missed mutants" + miss)
    if args.write_md:
        write_md(f"{head}\n\n{table}\n" + (f"\n### Missed mutants\n{miss}\n" if miss else ""))
    return {
        "outcomes": [asdict(o) for o in outcomes],
        "false_positives": {f"{k[0]}:{k[1]}": v for k, v in fps.items()},
        "table": table,
        "elapsed": elapsed,
    }


def write_md(body: str) -> None:
    text = MD.read_text(encoding="utf-8") if MD.exists() else f"# Mutation benchmark\n\n{BEGIN}\n{END}\n"
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    MD.write_text(text[:start] + "\n" + body + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
