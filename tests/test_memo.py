"""The memo caches of facts live for one document check (fiscalint.memo)."""

from __future__ import annotations

from builders import write_sample
from fiscalint import memo
from fiscalint.config import Config
from fiscalint.engine import Run, check_file
from fiscalint.facts import numbers
from fiscalint.facts.numbers import normalize
from fiscalint.plugins import default_registry


def test_per_document_caches_are_emptied_after_each_check(tmp_path):
    path = write_sample(tmp_path)
    normalize("收入１２３万元，")  # filled outside a check, as a test or a script may do
    assert normalize.cache_info().currsize > 0
    result = check_file(path, Run.create(Config(cache=False), default_registry()))
    assert result.findings is not None
    assert normalize.cache_info().currsize == 0
    assert numbers._parse.cache_info().currsize == 0  # what Num.parse delegates to


def test_reading_many_documents_without_checking_them_keeps_one_documents_entries(tmp_path):
    """A library caller of read_document in a loop: the caches do not grow with the files read."""
    from fiscalint.numbering import parse_label
    from fiscalint.readers import Limits, read_document

    sizes = []
    for i in range(3):
        path = tmp_path / f"r{i}.txt"
        path.write_text("".join(f"（{n}）第{i}份第{n}节\n" for n in range(1, 40)), encoding="utf-8")
        read_document(path, path.name, Limits())
        sizes.append(parse_label.cache_info().currsize)
    assert sizes[0] > 0 and sizes[0] == sizes[1] == sizes[2]


def test_memoised_results_are_shared_within_a_check():
    memo.forget()
    normalize("合计１００")
    normalize("合计１００")
    info = normalize.cache_info()
    assert (info.hits, info.misses) == (1, 1)
    assert normalize("合计１００") == "合计100"


def test_collector_is_paused_during_a_check_and_restored_after(tmp_path, monkeypatch):
    import gc

    from fiscalint import engine

    seen: list[bool] = []
    original = engine.check_document

    def spy(document, run, result):
        seen.append(gc.isenabled())
        return original(document, run, result)

    monkeypatch.setattr(engine, "check_document", spy)
    path = write_sample(tmp_path)
    assert gc.isenabled()
    result = check_file(path, Run.create(Config(cache=False), default_registry()))
    assert seen == [False] and gc.isenabled()
    assert [f for f in result.findings if f.code == "E999"] == []
