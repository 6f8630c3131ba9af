"""Hostile and broken input not covered by the reader tests: each gives a clear,
coded finding naming the file, never a traceback, and the other files are still
checked. Inputs are never written."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import lint
from demo_plugin.testing import validate_sarif
from fiscalint import cli
from fiscalint.readers import OLE_MAGIC

GOOD = "一、基本情况\n本部门共有XX名在职人员。\n"


@pytest.fixture
def work(demo_cwd):
    (demo_cwd / "good.txt").write_text(GOOD, encoding="utf-8")
    return demo_cwd


def check(*args: str):
    return CliRunner().invoke(cli.main, ["check", "--isolated", "--no-cache", "--jobs", "1", "--select", "DEMO", *args])


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_text_named_pdf_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("这不是PDF文件。\n", encoding="utf-8")
    (f,) = lint(path, select=[])
    assert f.code == "E003" and "内容不是 PDF" in f.message


def test_password_protected_docx_is_e004(tmp_path):
    # Word stores a password-protected .docx as an OLE container with an
    # EncryptionInfo stream and an EncryptedPackage.
    path = tmp_path / "report.docx"
    path.write_bytes(OLE_MAGIC + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100 + b"EncryptedPackage")
    (f,) = lint(path, select=[])
    assert f.code == "E004" and "密码" in f.message


def test_permission_denied_is_e001_and_others_still_checked(work, monkeypatch):
    # Tests run as root here, so chmod 000 would not stop the read: fail the read itself.
    locked = work / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = check("locked.txt", "good.txt")
    assert result.exit_code == 2
    assert "locked.txt: E001 没有读取权限" in result.stdout
    assert "good.txt:2: DEMO001" in result.stdout


def test_symlink_loop_in_a_folder_terminates(work):
    reports = work / "reports"
    (reports / "sub").mkdir(parents=True)
    (reports / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(reports, reports / "sub" / "loop")
    os.symlink(reports / "sub" / "a.txt", reports / "alias.txt")  # the same file twice
    result = check("reports")
    assert result.exit_code == 1
    assert result.stdout.count("DEMO001") == 1


def test_internal_error_is_e999_without_traceback_unless_debug(work, monkeypatch):
    from fiscalint import engine

    def boom(*args, **kwargs):
        raise RuntimeError("simulated reader bug")

    monkeypatch.setattr(engine, "read_document", boom)
    result = check("good.txt")
    assert result.exit_code == 2
    assert "good.txt: E999 读取文件时出现内部错误：RuntimeError: simulated reader bug" in result.stdout
    assert "Traceback" not in result.output
    debug = check("--debug", "good.txt")
    assert "Traceback" in debug.output and debug.exit_code == 2


def test_sarif_stays_valid_whatever_went_wrong(work):
    (work / "empty.txt").write_bytes(b"")
    (work / "bad.docx").write_bytes(b"PK\x03\x04broken")
    (work / "old.doc").write_bytes(OLE_MAGIC + b"\0" * 600)
    result = check("--format", "sarif", "good.txt", "empty.txt", "bad.docx", "old.doc", "missing.pdf")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    validate_sarif(log)
    run = log["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert len(notes) == 4 and any("missing.pdf" in n for n in notes)


def test_inputs_are_never_written_and_output_is_deterministic(work):
    files = sorted(p for p in work.iterdir() if p.is_file())
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    outputs = {}
    for fmt in ("text", "json", "sarif", "github"):
        first = check("--format", fmt, "good.txt").stdout
        second = check("--format", fmt, "good.txt").stdout
        assert first == second, fmt
        outputs[fmt] = first
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    assert before == after


def _small_docx(path: Path) -> bytes:
    from docx import Document

    d = Document()
    for i in range(40):
        d.add_paragraph(f"第{i}段：本年收入合计1,234.56万元，其中一般公共预算财政拨款收入1,234.56万元。")
    d.save(path)
    return path.read_bytes()


def test_docx_with_corrupt_deflate_stream_is_e003(tmp_path):
    """Found by scripts/fuzz.py: zlib.error inside python-docx was an internal error."""
    import zipfile

    path = tmp_path / "report.docx"
    data = bytearray(_small_docx(path))
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + 60):
        data[i] ^= 0x5A  # garble the compressed body, keep the zip headers
    path.write_bytes(bytes(data))
    (f,) = lint(path, select=[])
    assert f.code == "E003", f.message


def test_docx_needing_an_unknown_zip_version_is_e003(tmp_path):
    """Found by scripts/fuzz.py: zipfile raises NotImplementedError("zip file version 6.8")
    when python-docx opens a part outside word/, which the pre-checks do not read."""
    import zipfile

    path = tmp_path / "report.docx"
    data = bytearray(_small_docx(path))
    names = [i.filename for i in zipfile.ZipFile(path).infolist()]
    target = next(n for n in names if n.startswith("docProps/")).encode()
    offset = 0
    while (offset := data.find(b"PK\x01\x02", offset)) >= 0:
        name_len = int.from_bytes(data[offset + 28 : offset + 30], "little")
        if bytes(data[offset + 46 : offset + 46 + name_len]) == target:
            data[offset + 6] = 68  # "version needed to extract": 6.8
        offset += 4
    path.write_bytes(bytes(data))
    (f,) = lint(path, select=[])
    assert f.code == "E003", f.message
