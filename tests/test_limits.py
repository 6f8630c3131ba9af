"""Per-file time limit: a rule that hangs is stopped, named, and the others' findings kept."""

from __future__ import annotations

import time

from conftest import lint
from fiscalint import hookimpl
from fiscalint.rule import Rule


class Hang(Rule):
    code = "HANG001"
    name = "hang"
    level = "error"
    summary = "挂起"
    summary_en = "hangs"

    def on_paragraph(self, ctx, event):
        time.sleep(30)


class Quick(Rule):
    code = "QUICK001"
    name = "quick"
    level = "warning"
    summary = "每段一条"
    summary_en = "one per paragraph"

    def on_paragraph(self, ctx, event):
        ctx.report(event.block.location, "段落", "paragraph")


class HangingPlugin:
    @hookimpl
    def fiscalint_rules(self):
        return [Hang, Quick]


def test_hanging_rule_is_stopped_and_named(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("一、概况\n第一段。\n第二段。\n", encoding="utf-8")
    start = time.monotonic()
    findings = lint(report, select=["HANG", "QUICK"], plugins=(HangingPlugin(),), file_timeout=1.0)
    assert time.monotonic() - start < 10
    codes = [f.code for f in findings]
    assert codes.count("QUICK001") == 2  # the other rule's findings are all kept
    (timeout,) = [f for f in findings if f.code == "E900"]
    assert "HANG001" in timeout.message and "file-timeout" in timeout.message


class SlowReader:
    """A reader (registered through fiscalint_readers) that never finishes."""

    from fiscalint.readers import Reader as _Base

    class Reader(_Base):
        name = "slow"
        extensions = (".slow",)
        kind = "slow"

        def read(self, path, data, limits):
            time.sleep(30)

    @hookimpl
    def fiscalint_readers(self):
        return [SlowReader.Reader]


def test_a_file_that_takes_too_long_to_read_is_cut_with_e008(tmp_path):
    report = tmp_path / "r.slow"
    report.write_text("一、概况\n", encoding="utf-8")
    start = time.monotonic()
    findings = lint(report, select=[], plugins=(SlowReader(),), file_timeout=1.0)
    assert time.monotonic() - start < 10
    assert [f.code for f in findings] == ["E008"]
    assert "file-timeout" in findings[0].message


class CarefulReader:
    """A reader that turns any error into its own, as readers and the libraries
    under them do (``except Exception``): the time limit must still hold."""

    from fiscalint.readers import Reader as _Base
    from fiscalint.readers import ReaderError as _Error

    class Reader(_Base):
        name = "careful"
        extensions = (".careful",)
        kind = "careful"

        def read(self, path, data, limits):
            for _ in range(30):
                try:
                    time.sleep(1)
                except Exception as exc:  # what a library does with a parse error
                    raise CarefulReader._Error("E003", "损坏", "corrupt") from exc
            raise AssertionError("not stopped")

    @hookimpl
    def fiscalint_readers(self):
        return [CarefulReader.Reader]


def test_a_reader_catching_every_exception_does_not_swallow_the_time_limit(tmp_path):
    report = tmp_path / "r.careful"
    report.write_text("一、概况\n", encoding="utf-8")
    start = time.monotonic()
    findings = lint(report, select=[], plugins=(CarefulReader(),), file_timeout=1.0)
    assert time.monotonic() - start < 10
    assert [f.code for f in findings] == ["E008"]  # a timeout, not a corrupt file (E003)
    assert "file-timeout" in findings[0].message


def test_a_pdf_over_the_character_limit_is_cut_with_a_notice(tmp_path):
    from builders import SAMPLE_REPORT, to_pdf

    txt = tmp_path / "r.txt"
    txt.write_text(SAMPLE_REPORT * 3, encoding="utf-8")
    pdf = to_pdf(txt, tmp_path / "r.pdf")
    findings = lint(pdf, select=[], max_chars=300)
    cut = [f for f in findings if f.code == "E008"]
    assert len(cut) == 1 and "max-chars" in cut[0].message and cut[0].location.page is not None
