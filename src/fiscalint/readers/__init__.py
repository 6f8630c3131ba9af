"""Readers turn the bytes of a file into a Document.

The reader is chosen by what the file *is* (its first bytes), not only by
its name, so a PDF saved as .docx is still read (with a warning). Heavy
libraries (python-docx, pdfplumber) are imported inside the readers that
need them, so ``fiscalint --version`` starts fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from fiscalint.model import Document


class ReaderError(Exception):
    """A file that cannot be read; ``code`` is one of the core E codes."""

    def __init__(self, code: str, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message = message
        self.message_en = message_en


@dataclass(frozen=True)
class Limits:
    max_file_size: int = 100 * 1024 * 1024
    max_pages: int = 2000
    max_chars: int = 20_000_000


class Reader:
    """Base class of readers. ``read`` gets the display path and the bytes."""

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    kind: ClassVar[str] = ""  # the content kind sniff() reports: docx, pdf, text

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        raise NotImplementedError


# Formats people keep in report folders that we cannot read, with advice.
UNSUPPORTED = {
    ".doc": "旧版 Word 文档（.doc）",
    ".wps": "WPS 文字文档（.wps）",
    ".rtf": "RTF 文档",
    ".odt": "OpenDocument 文档（.odt）",
    ".xls": "旧版 Excel 表格（.xls）",
    ".et": "WPS 表格（.et）",
    ".ofd": "OFD 版式文档",
}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str:
    """What the bytes are: pdf, zip (docx/xlsx), ole (doc/wps, encrypted docx), text, empty."""
    if not data:
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    return "text"


def builtin_readers() -> list[type[Reader]]:
    from fiscalint.readers.docx import DocxReader
    from fiscalint.readers.pdf import PdfReader
    from fiscalint.readers.text import MarkdownReader, TextReader
    from fiscalint.readers.xlsx import XlsxReader

    return [TextReader, MarkdownReader, DocxReader, PdfReader, XlsxReader]


def reader_map(extra: list[type[Reader]] | tuple = ()) -> dict[str, type[Reader]]:
    mapping: dict[str, type[Reader]] = {}
    for reader in [*builtin_readers(), *extra]:
        for ext in reader.extensions:
            mapping[ext.lower()] = reader
    return mapping


def supported_extensions(extra: list[type[Reader]] | tuple = ()) -> set[str]:
    return set(reader_map(extra))


def ole_is_encrypted_ooxml(data: bytes) -> bool:
    """Word saves a password-protected .docx as an OLE file with an EncryptionInfo stream."""
    return "EncryptionInfo".encode("utf-16-le") in data[:200_000] or b"EncryptedPackage" in data[:200_000]


def read_document(path: Path, display: str, limits: Limits, extra: list[type[Reader]] | tuple = ()) -> Document:
    """Read ``path``; raises ReaderError with a core code when it cannot."""
    from fiscalint import memo

    # The memo caches are for one document: a script that reads many files without
    # checking them (which empties the caches) keeps only the last one's entries.
    memo.forget()
    ext = path.suffix.lower()
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReaderError("E001", "文件不存在", "file does not exist") from None
    except OSError as exc:
        raise ReaderError("E001", f"无法读取文件：{exc.strerror}", f"cannot read file: {exc.strerror}") from None
    if size > limits.max_file_size:
        mb = limits.max_file_size / 1024 / 1024
        raise ReaderError(
            "E008",
            f"文件大小 {size / 1024 / 1024:.1f} MB 超过上限 {mb:.0f} MB（max-file-size），未检查",
            f"file size {size / 1024 / 1024:.1f} MB exceeds the limit of {mb:.0f} MB (max-file-size); not checked",
        )
    try:
        data = path.read_bytes()
    except PermissionError:
        raise ReaderError("E001", "没有读取权限", "permission denied") from None
    except IsADirectoryError:
        raise ReaderError("E001", "这是一个目录", "is a directory") from None
    except OSError as exc:
        raise ReaderError("E001", f"无法读取文件：{exc.strerror}", f"cannot read file: {exc.strerror}") from None

    readers = reader_map(extra)
    content = sniff(data)
    if content == "empty":
        raise ReaderError("E003", "文件为空（0 字节）", "file is empty (0 bytes)")
    if content == "ole":
        if ole_is_encrypted_ooxml(data):
            raise ReaderError("E004", "文档设有打开密码（已加密）", "document is password-protected (encrypted)")
        what = UNSUPPORTED.get(ext, "旧版 Office/WPS 二进制文件")
        target = ".xlsx" if ext in (".xls", ".et") else ".docx"
        raise ReaderError(
            "E002",
            f"{what}无法直接读取，请另存为 {target} 后再检查",
            f"old binary Office/WPS file; save it as {target} and check again",
        )
    if ext in UNSUPPORTED and content == "text":
        raise ReaderError(
            "E002",
            f"{UNSUPPORTED[ext]}无法直接读取，请另存为 .docx、.xlsx 或 .pdf 后再检查",
            f"{ext} files are not supported; save as .docx, .xlsx or .pdf and check again",
        )

    expected = {"pdf": ".pdf", "zip": ".docx"}.get(content)
    notices = []
    reader_cls = readers.get(ext)
    if content == "pdf" and (reader_cls is None or reader_cls.kind != "pdf"):
        reader_cls = readers[".pdf"]
    elif content == "zip" and (reader_cls is None or reader_cls.kind not in ("docx", "zip", "xlsx")):
        reader_cls = readers[".docx"]
    elif content == "text" and reader_cls is not None and reader_cls.kind in ("pdf", "docx"):
        raise ReaderError(
            "E003",
            f"扩展名为 {ext}，但内容不是 {ext[1:].upper()} 文件（像是纯文本）",
            f"named {ext} but the content is not {ext[1:].upper()} (it looks like plain text)",
        )
    if reader_cls is None:
        raise ReaderError(
            "E002",
            f"不支持的文件类型 {ext or '（无扩展名）'}；fiscalint 读取 .docx .pdf .xlsx .txt .md",
            f"unsupported file type {ext or '(no extension)'}; fiscalint reads .docx .pdf .xlsx .txt .md",
        )
    if expected and ext and ext != expected and reader_cls.kind != ext[1:]:
        notices.append(("E009", content, ext))
    doc = reader_cls().read(display, data, limits)
    for code, kind, e in notices:
        from fiscalint.errors import WrongExtension
        from fiscalint.model import Finding, Location

        doc.notices.append(
            Finding(
                code=code,
                level=WrongExtension.level,
                message=f"扩展名为 {e}，实际是 {kind.upper() if kind == 'pdf' else 'DOCX'} 文件，已按实际格式读取",
                message_en=f"named {e} but it is a {kind.upper() if kind == 'pdf' else 'DOCX'} file; read as such",
                location=Location(display, line=1 if kind == "text" else None),
                name=WrongExtension.name,
                plugin="fiscalint",
            )
        )
    return doc
