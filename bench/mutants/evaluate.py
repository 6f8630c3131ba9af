"""Run fiscalint on a base or a mutant and decide whether the mutant was caught.

The engine runs in process (``fiscalint.engine``). A mutant is caught when a
finding of its family (``generate.ACCEPT``) that the unmutated base does not
also have points at the right place:

- TXT: its line (or one of its related locations) is within two lines of an
  anchor of the mutant;
- DOCX / PDF: the mutant's new text (``needles``) is in the finding's
  excerpt or message, or the finding is on the block the anchor line maps to
  (the TXT, DOCX and PDF forms have the same blocks in the same order): the
  same paragraph (DOCX), the same table row, or the same page (PDF).

Findings are compared with the base by (code, message with line numbers
removed), so a deletion that shifts lines does not make old findings new.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from fiscalint.config import Config
from fiscalint.engine import FileResult, Run, check_document, finish
from fiscalint.model import Document, Finding, Table
from fiscalint.plugins import default_registry
from fiscalint.readers import Limits, read_document

from .generate import ACCEPT, Mutant

TESTS = Path(__file__).resolve().parents[2] / "tests"
FORMS = ("txt", "docx", "pdf")
WINDOW = 2  # lines either side of an anchor that count as the right place (TXT)

_RUN: Run | None = None


def engine() -> Run:
    global _RUN
    if _RUN is None:
        _RUN = Run.create(Config(cache=False), default_registry())
    return _RUN


def render(text: str, form: str, folder: Path, stem: str) -> Path:
    """Write the TXT, or render it to DOCX/PDF with tests/builders.py."""
    txt = folder / f"{stem}.txt"
    txt.write_text(text, encoding="utf-8")
    if form == "txt":
        return txt
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    import builders

    out = folder / f"{stem}.{form}"
    (builders.to_docx if form == "docx" else builders.to_pdf)(txt, out)
    return out


def check(path: Path) -> tuple[Document | None, list[Finding] | str]:
    """The document as read and fiscalint's findings (the same engine as ``check_file``);
    ``(None, reason)`` when the render cannot be read."""
    run = engine()
    result = FileResult(path.name)
    cfg = run.config
    try:
        limits = Limits(cfg.max_file_size, cfg.max_pages, cfg.max_chars)
        document = read_document(path, path.name, limits, run.registry.readers)
    except Exception as exc:  # an unreadable render is a miss, reported as such
        return None, f"unreadable: {type(exc).__name__}: {exc}"
    result.findings.extend(document.notices)
    check_document(document, run, result)
    return document, finish(result, run).findings


def key(f: Finding) -> tuple[str, str]:
    return f.code, re.sub(r"第\d+行|line \d+|\d+:", "#", f.message)


@dataclass
class Outcome:
    mutant_id: str
    family: str
    op: str
    base: str
    form: str
    caught: bool
    other_family: bool = False  # a new finding of another family at the place
    codes: list[str] = field(default_factory=list)  # codes of the new findings at the place
    line: int = 0
    old: str = ""
    new: str = ""
    error: str = ""


def _text_blocks(text: str) -> Document:
    from fiscalint.readers.text import TextReader

    return TextReader().read("m.txt", text.encode("utf-8"), Limits())


def _anchor_places(mutant: Mutant, txt_doc: Document, doc: Document) -> tuple[set, set, set]:
    """Paragraph numbers, pages and (table, row) pairs of the blocks the anchor lines fall in."""
    paras: set = set()
    pages: set = set()
    rows: set = set()
    if len(txt_doc.blocks) != len(doc.blocks):
        return paras, pages, rows
    for tb, db in zip(txt_doc.blocks, doc.blocks, strict=True):
        if isinstance(tb, Table):
            for r, row in enumerate(tb.rows):
                if any(c.location.line in mutant.anchors for c in row):
                    rows.add((db.index if isinstance(db, Table) else tb.index, r + 1))
                    if isinstance(db, Table):
                        for c in db.rows[r] if r < len(db.rows) else []:
                            if c.location.page:
                                pages.add(c.location.page)
            continue
        if tb.location.line in mutant.anchors:
            if db.location.paragraph is not None:
                paras.add(db.location.paragraph)
            if db.location.page is not None:
                pages.add(db.location.page)
    return paras, pages, rows


def at_place(f: Finding, mutant: Mutant, form: str, places) -> bool:
    loc = f.location
    if form == "txt":
        lines = [loc.line] + [r.location.line for r in f.related]
        return any(x is not None and abs(x - a) <= WINDOW for x in lines for a in mutant.anchors)
    text = f"{loc.excerpt}\n{f.message}"
    if any(n and n in text for n in mutant.needles):
        return True
    paras, pages, rows = places
    locs = [loc] + [r.location for r in f.related]
    for x in locs:
        if x.table is not None and x.row is not None and (x.table, x.row) in rows:
            return True
        if x.table is None and x.paragraph is not None and any(abs(x.paragraph - p) <= 1 for p in paras):
            return True
        if form == "pdf" and x.page is not None and x.page in pages:
            return True
    return False


def snippet(old: str, new: str, context: int = 18) -> tuple[str, str]:
    """The changed part of a line with some context either side (…前后文…)."""
    old, new = old.strip(), new.strip()
    if new.startswith("(deleted"):
        return old[:60], new
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    q = 0
    while q < min(len(old), len(new)) - p and old[-1 - q] == new[-1 - q]:
        q += 1
    a = max(0, p - context)

    def cut(s: str) -> str:
        b = min(len(s), len(s) - q + context)
        return ("…" if a else "") + s[a:b] + ("…" if b < len(s) else "")

    return cut(old), cut(new)


def evaluate(mutant: Mutant, form: str, base_keys: set, folder: Path | None = None) -> Outcome:
    out = Outcome(mutant.id, mutant.family, mutant.op, mutant.base, form, False, line=mutant.line)
    out.old, out.new = snippet(mutant.old, mutant.new)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            path = render(mutant.text, form, Path(folder or tmp), "mutant")
        except Exception as exc:  # a render that fails is a miss, reported as such
            out.error = f"render failed: {type(exc).__name__}: {exc}"
            return out
        doc, findings = check(path)
    if doc is None or isinstance(findings, str):
        out.error = str(findings)
        return out
    places = _anchor_places(mutant, _text_blocks(mutant.text), doc) if form != "txt" else None
    accept = ACCEPT[mutant.family]
    for f in findings:
        if f.level == "note" or key(f) in base_keys or not at_place(f, mutant, form, places):
            continue
        out.codes.append(f.code)
        if f.code.startswith(accept):
            out.caught = True
        else:
            out.other_family = True
    return out


def base_findings(text: str, form: str) -> list[Finding]:
    with tempfile.TemporaryDirectory() as tmp:
        path = render(text, form, Path(tmp), "base")
        _doc, findings = check(path)
    if isinstance(findings, str):
        raise RuntimeError(f"base {form} render unreadable: {findings}")
    return findings
