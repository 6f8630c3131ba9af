"""PDF reader (placeholder until the real one lands)."""

from __future__ import annotations

from fiscalint.model import Document
from fiscalint.readers import Limits, Reader, ReaderError


class PdfReader(Reader):
    name = "pdf"
    extensions = (".pdf",)
    kind = "pdf"

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        raise ReaderError("E002", "PDF 读取尚未实现", "PDF reading not implemented yet")
