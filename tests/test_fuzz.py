"""A bounded fuzz run over the readers on every CI run (the full command is
``python scripts/fuzz.py --seconds 600``): corrupted DOCX, PDF, TXT and MD files
must each give findings, never an internal error."""

from __future__ import annotations

import importlib.util
import os

from conftest import ROOT


def test_bounded_fuzz_run_finds_no_internal_error():
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "scripts" / "fuzz.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    seconds = float(os.environ.get("FISCALINT_FUZZ_SECONDS", "8"))
    n, failures = fuzz.fuzz(seconds, seed=int(os.environ.get("FISCALINT_FUZZ_SEED", "0")), quiet=True)
    assert n > 50
    assert failures == []
