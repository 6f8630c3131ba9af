"""The benchmarks' generated report (bench/report_gen.py) is consistent: no finding in any form.

Its timings are those of a clean report only if nothing fires on it; a finding here
was a false positive the corpus did not show (a 三公 table titled
"“三公”经费财政拨款支出决算表", read as the whole 支出决算表).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import lint

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import report_gen  # noqa: E402


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
def test_generated_report_is_clean(tmp_path, kind):
    path = tmp_path / f"report.{kind}"
    getattr(report_gen, f"write_{kind}")(report_gen.make_report(3), path)
    assert [(f.code, f.message) for f in lint(path)] == []


def test_topic_tables_are_never_the_whole_expense_table():
    from fiscalint.facts.disclosure import builtin_pack, recognise

    pack = builtin_pack()
    assert recognise("“三公”经费财政拨款支出决算表", pack).key == "sangong"
    assert recognise("财政拨款“三公”经费支出决算表", pack).key == "sangong"
    assert recognise("支出决算表", pack).key == "expense"
    assert recognise("国有资本经营预算财政拨款支出决算表", pack).key == "soe-expense"
    assert recognise("三公经费预算执行情况表", pack) is None  # not a 决算表 at all
