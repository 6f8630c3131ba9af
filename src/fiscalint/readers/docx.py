"""DOCX reader (placeholder until the real one lands)."""

from __future__ import annotations

from fiscalint.model import Document
from fiscalint.readers import Limits, Reader, ReaderError


class DocxReader(Reader):
    name = "docx"
    extensions = (".docx",)
    kind = "docx"

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        raise ReaderError("E002", "DOCX 读取尚未实现", "DOCX reading not implemented yet")
