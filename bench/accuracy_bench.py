"""Accuracy: the mutation benchmark (``bench/mutation.py``) as rows of the one table.

``mutation.main`` prints its own detailed tables (recall per family and form,
per operator, false positives per base, missed mutants); this module turns
its result into one row per family (recall over all forms, target ≥ 0.95)
and one row for the false positives on the correct bases (target 0).
"""

from __future__ import annotations

from collections import defaultdict

from common import Context, Row


def _false_positives(mutation, result: dict) -> int:
    """Error and warning findings on the unmutated bases (notes are rounding remarks),
    less the places the benchmark itself excludes (next to a repaired corpus mistake)."""
    if "false_positive_count" in result:  # the benchmark's own count
        return int(result["false_positive_count"])
    from mutants.bases import load_bases

    bases = {b.name: b for b in load_bases(log=lambda *a, **k: None)}
    count = 0
    for where, rows in result["false_positives"].items():
        base = bases.get(where.rsplit(":", 1)[0])
        for row in rows:
            if row[1] != "note" and not (base is not None and mutation._excluded(base, row)):
                count += 1
    return count


def run(ctx: Context) -> list[Row]:
    try:
        import mutation
    except ModuleNotFoundError as exc:
        return [Row("accuracy", "mutation benchmark", f"n/a: {exc}", None, "", None)]
    print("\n== accuracy: bench/mutation.py " + ("--quick " if ctx.quick else "") + "==", flush=True)
    result = mutation.main(["--quick"] if ctx.quick else [])
    print(flush=True)
    caught: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for outcome in result["outcomes"]:
        caught[outcome["family"]][0] += bool(outcome["caught"])
        caught[outcome["family"]][1] += 1
    rows = []
    for family in getattr(mutation, "FAMILIES", sorted(caught)):
        hit, total = caught.get(family, [0, 0])
        recall = hit / total if total else None
        rows.append(
            Row(
                "accuracy",
                f"recall, {family} mutants (TXT, DOCX, PDF)",
                f"{hit} / {total}",
                recall,
                "≥ 0.95",
                None if recall is None else recall >= 0.95,
            )
        )
    fps = _false_positives(mutation, result)
    rows.append(Row("accuracy", "false positives on the correct bases (all forms)", str(fps), None, "0", fps == 0))
    return rows
