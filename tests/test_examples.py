"""The example reports in examples/: up to date with their generator, and linted as promised.

``scripts/make_examples.py`` builds a fictional department's 部门决算公开说明 and
绩效自评报告, each clean and with deliberate mistakes, in TXT, DOCX and PDF.
These tests regenerate everything into a temporary folder and compare it with
the committed files (TXT and README byte for byte, DOCX and PDF by their
extracted text), and run fiscalint on the committed TXT: nothing on the clean
variants, every listed mistake at its line, with a code of its family, on the
faulty ones.
"""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, lint

SCRIPT = ROOT / "scripts" / "make_examples.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("make_examples", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_examples"] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


make_examples = _load_script()
REPORTS = make_examples.reports()
FAULTY = [r for r in REPORTS if r.faulty]
CLEAN = [r for r in REPORTS if not r.faulty]
MISTAKES = [(r, m) for r in FAULTY for m in r.mistakes]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("examples")
    make_examples.write_all(out)
    return out


def docx_text(path: Path) -> str:
    """Body paragraphs and table cells in order; auto-numbered paragraphs marked with #."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    out: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            p = Paragraph(element, document)
            numbered = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
            out.append(("#" if numbered else "") + p.text)
        elif element.tag == qn("w:tbl"):
            for row in Table(element, document).rows:
                out.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(out)


def pdf_text(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _names() -> list[str]:
    return [f"{r.stem}{ext}" for r in REPORTS for ext in make_examples.FORMATS] + ["README.md"]


def test_every_example_is_committed():
    missing = [name for name in _names() if not (EXAMPLES / name).is_file()]
    assert not missing, f"run `python scripts/make_examples.py`; missing: {missing}"


@pytest.mark.parametrize("name", [n for n in _names() if n.endswith((".txt", ".md"))])
def test_text_files_are_up_to_date(regenerated, name):
    assert (EXAMPLES / name).read_bytes() == (regenerated / name).read_bytes(), (
        f"examples/{name} is out of date: run `python scripts/make_examples.py`"
    )


@pytest.mark.parametrize("name", [n for n in _names() if n.endswith(".docx")])
def test_docx_files_are_up_to_date(regenerated, name):
    assert docx_text(EXAMPLES / name) == docx_text(regenerated / name), (
        f"examples/{name} is out of date: run `python scripts/make_examples.py`"
    )


@pytest.mark.parametrize("name", [n for n in _names() if n.endswith(".pdf")])
def test_pdf_files_are_up_to_date(regenerated, name):
    assert pdf_text(EXAMPLES / name) == pdf_text(regenerated / name), (
        f"examples/{name} is out of date: run `python scripts/make_examples.py`"
    )


def test_generation_is_deterministic(regenerated, tmp_path):
    """Same bytes on a second run: fixed metadata, reportlab invariant=1, fixed zip dates."""
    make_examples.write_all(tmp_path)
    for name in _names():
        assert (tmp_path / name).read_bytes() == (regenerated / name).read_bytes(), name


def test_pdfs_are_two_to_four_pages():
    for report in REPORTS:
        pages = pdf_text(EXAMPLES / f"{report.stem}.pdf")
        assert 2 <= len(pages) <= 4, (report.stem, len(pages))


def test_docx_uses_word_numbering_and_merged_cells():
    """The DOCX forms exercise the reader: chineseCounting auto-numbering, gridSpan and vMerge."""
    with zipfile.ZipFile(EXAMPLES / "qingshui-2024-juesuan.docx") as z:
        numbering = z.read("word/numbering.xml").decode()
        body = z.read("word/document.xml").decode()
    assert 'w:val="chineseCounting"' in numbering and 'w:val="%1、"' in numbering
    assert body.count("<w:numPr>") == 10  # 第二部分 一、…十、 are numbered by Word
    assert "<w:gridSpan " in body and "<w:vMerge" in body
    with zipfile.ZipFile(EXAMPLES / "qingshui-2024-zipingbaogao.docx") as z:
        body = z.read("word/document.xml").decode()
    assert "<w:gridSpan " in body and "<w:vMerge" in body


def test_faulty_and_clean_differ_only_at_the_mistakes():
    """Every faulty TXT line that differs from its clean twin carries a listed mistake
    (or repeats one: the prose quotes the table's wrong 总分)."""
    for report in FAULTY:
        clean = (EXAMPLES / f"{report.stem}-clean.txt").read_text(encoding="utf-8").split("\n")
        faulty = (EXAMPLES / f"{report.stem}.txt").read_text(encoding="utf-8").split("\n")
        marked = {line for m in report.mistakes for line in m.lines}
        renumbered = {i + 1 for i, text in enumerate(faulty) if text.startswith("（五）")}  # after QSJ-06
        clean_set = set(clean)
        changed = {
            i + 1
            for i, text in enumerate(faulty)
            if text not in clean_set and not any(len(m.quote) > 3 and m.quote in text for m in report.mistakes)
        }
        assert changed <= marked | renumbered, sorted(changed - marked - renumbered)
        assert len(report.mistakes) >= 2


# --- what fiscalint finds on them --------------------------------------------


@pytest.mark.parametrize("report", CLEAN, ids=lambda r: r.stem)
def test_clean_example_has_no_findings(report):
    findings = lint(EXAMPLES / f"{report.stem}.txt")
    assert findings == [], "\n".join(f"{f.location.compact()}: {f.code} {f.message}" for f in findings)


@pytest.mark.parametrize("report,mistake", MISTAKES, ids=[m.id for _, m in MISTAKES])
def test_faulty_example_mistake_is_found(report, mistake):
    """Each manifest mistake is reported by a code of its family, at its line.

    A mistake in a table may be reported at any line of its row; a missing
    section has no line of its own, so its finding must name the section.
    """
    findings = lint(EXAMPLES / f"{report.stem}.txt")
    family = [f for f in findings if f.code.startswith(mistake.family)]
    if mistake.section:
        hits = [f for f in family if mistake.section in f.message]
    else:
        hits = [f for f in family if f.location.line in mistake.lines]
    seen = "\n".join(f"{f.location.compact()}: {f.code} {f.message}" for f in findings)
    assert hits, f"{mistake.id} ({mistake.family}, line {mistake.line}: {mistake.quote}) not reported; found:\n{seen}"


@pytest.mark.parametrize("ext", [".docx", ".pdf"])
@pytest.mark.parametrize("report", CLEAN, ids=lambda r: r.stem)
def test_clean_example_has_no_findings_in_docx_and_pdf(report, ext):
    findings = lint(EXAMPLES / f"{report.stem}{ext}")
    assert findings == [], "\n".join(f"{f.location.compact()}: {f.code} {f.message}" for f in findings)


@pytest.mark.parametrize("ext", [".docx", ".pdf"])
@pytest.mark.parametrize("report", FAULTY, ids=lambda r: r.stem)
def test_faulty_example_same_codes_in_every_format(report, ext):
    """The DOCX and PDF forms hold the same text, so fiscalint must report the same codes."""
    txt = sorted(f.code for f in lint(EXAMPLES / f"{report.stem}.txt"))
    other = sorted(f.code for f in lint(EXAMPLES / f"{report.stem}{ext}"))
    assert other == txt


def test_readme_first_command_shows_every_family(monkeypatch):
    """`fiscalint check examples/` (the README's first command) reports mistakes of every family
    and nothing in the clean variants."""
    import json

    from click.testing import CliRunner

    from fiscalint.cli import main

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "--format", "json", "examples/"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)
    families = {m.family for _, m in MISTAKES}
    assert families == {"SUM", "PCT", "SCORE", "SEC", "YEAR"}
    assert {f["code"].rstrip("0123456789") for f in findings} >= families
    assert not [f for f in findings if "-clean." in f["path"]]
