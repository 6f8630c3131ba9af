"""Smoke test of the mutation benchmark (bench/mutation.py): it generates mutants of every
family at the place it says, and its table has sane counts. Recall itself is measured by
the benchmark, not asserted here."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "bench"))

from mutants.bases import load_bases  # noqa: E402
from mutants.evaluate import evaluate  # noqa: E402
from mutants.generate import FAMILIES, all_mutants  # noqa: E402


def _example_bases():
    return load_bases(corpus=None, log=lambda *_: None)


def test_every_family_has_mutants_that_change_one_place():
    bases = _example_bases()
    mutants = [m for b in bases for m in all_mutants(b)]
    assert {m.family for m in mutants} >= {"SUM", "PCT", "SCORE", "SEC", "YEAR"}
    by_name = {b.name: b for b in bases}
    for m in mutants:
        base = by_name[m.base]
        assert m.text != base.text
        if m.op != "sec-delete":  # one line changed, the one the mutant names
            diff = [i + 1 for i, (a, b) in enumerate(zip(base.lines, m.lines, strict=True)) if a != b]
            assert diff == [m.line], m.id
            assert len(m.lines) == len(base.lines)


def test_quick_run_prints_a_table_per_family(capsys):
    import mutation

    result = mutation.main(["--quick", "--forms", "txt", "--jobs", "1", "--no-corpus"])
    outcomes = result["outcomes"]
    assert 20 <= len(outcomes) <= 60
    assert {o["family"] for o in outcomes} == set(FAMILIES)
    for o in outcomes:
        assert o["form"] == "txt" and o["caught"] in (True, False)
    out = capsys.readouterr().out
    for fam in FAMILIES:
        assert f"| {fam} |" in out
    assert "False positives on the correct (repaired) bases" in out


def test_a_broken_share_is_caught_at_its_line():
    bases = _example_bases()
    mutant = next(m for b in bases for m in all_mutants(b) if m.op == "pct-share")
    outcome = evaluate(mutant, "txt", set())
    assert outcome.caught, outcome
    assert any(code.startswith("PCT") for code in outcome.codes)
