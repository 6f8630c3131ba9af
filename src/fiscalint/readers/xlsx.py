"""The XLSX reader: every worksheet of a 公开表 workbook becomes a Table.

A 部门决算 is often published as a 说明 (DOCX/PDF) plus an Excel workbook of
its 公开表, one table per sheet, laid out as: title row(s) (the table name,
often merged across the width), a line with 编制单位/年度/单位：万元, the header
rows (merged cells), the data rows, and 注/说明 lines under the table.

Choices, and why:

- Values are read with ``read_only=True, data_only=True``: formulas give
  their cached values (what Excel shows), and memory stays flat on big
  workbooks. A formula cell never calculated (a file written by a script
  and never opened in Excel) has no cached value and reads as blank; the
  number of such cells is kept in ``Document.meta["xlsx_uncached_formulas"]``.
- Read-only worksheets do not expose ``merged_cells``, so merges are read
  from each sheet's XML (``<mergeCell ref="A1:C1"/>``) straight from the
  package: one code path whatever the file size.
- A number is printed with the decimals of its cell's number format
  (``#,##0.00`` -> 2), so the interval rule sees the precision the reader
  of the sheet sees; without a format, the shortest exact form is used.
- Locations: ``page`` is the worksheet's 1-based position (the tab a
  reader clicks), ``row``/``column`` are the sheet's own row and column
  numbers, ``table`` the document's table number. Sheet names are in
  ``Document.meta["sheets"]``.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from decimal import Decimal, InvalidOperation
from posixpath import join as _join
from posixpath import normpath as _normpath
from typing import Any, ClassVar

from fiscalint.facts.numbers import UNIT_LINE
from fiscalint.model import Cell, Document, Location, Paragraph, Table
from fiscalint.readers import Limits, Reader, ReaderError

_NOTE = re.compile(r"^\s*(?:注|说明|备注|填报说明)\s*\d*\s*[:：]|^\s*注\s*\d*[.、]")
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}\d+)(?::([A-Z]{1,3}\d+))?"')
_DECIMALS = re.compile(r"0\.(0+)")
MAX_ROWS = 20_000
MAX_COLS = 200


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def _ref(ref: str) -> tuple[int, int]:
    m = _REF.match(ref)
    if not m:
        raise ValueError(ref)
    return int(m.group(2)), _col_index(m.group(1))


def _sheet_paths(z: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, XML path in the package), in workbook order."""
    names = set(z.namelist())
    if "xl/workbook.xml" not in names:
        return []
    wb = z.read("xl/workbook.xml")
    rels = z.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else b""
    targets: dict[str, str] = {}
    for m in re.finditer(rb"<(?:\w+:)?Relationship\b([^>]*)/?>", rels):
        rid = re.search(rb'\bId="([^"]+)"', m.group(1))
        target = re.search(rb'\bTarget="([^"]+)"', m.group(1))
        if rid and target:
            targets[rid.group(1).decode()] = target.group(1).decode()
    out = []
    for m in re.finditer(rb"<(?:\w+:)?sheet\b([^>]*)/?>", wb):
        attrs = m.group(1)
        name_m = re.search(rb'\bname="([^"]*)"', attrs)
        rid_m = re.search(rb'\br:id="([^"]*)"', attrs)
        if not name_m or not rid_m:
            continue
        target = targets.get(rid_m.group(1).decode())
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else _normpath(_join("xl", target))
        if path in names:
            out.append((_unescape(name_m.group(1).decode("utf-8")), path))
    return out


def sheet_merges(data: bytes) -> dict[str, list[tuple[int, int, int, int]]]:
    """Sheet name -> merged ranges (min_row, min_col, max_row, max_col), 1-based, from the package XML."""
    out: dict[str, list[tuple[int, int, int, int]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name, path in _sheet_paths(z):
            ranges = []
            for mm in _MERGE.finditer(z.read(path)):
                r1, c1 = _ref(mm.group(1).decode())
                r2, c2 = _ref(mm.group(2).decode()) if mm.group(2) else (r1, c1)
                ranges.append((r1, c1, r2, c2))
            out[name] = ranges
    return out


def _unescape(s: str) -> str:
    return (
        s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")
    )


def format_value(value: Any, number_format: str = "General") -> str:
    """The cell as text, numbers with the decimals of their number format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.date().isoformat() if isinstance(value, _dt.datetime) else value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        fmt = (number_format or "General").split(";")[0]
        percent = "%" in fmt
        try:
            d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            return str(value)
        if percent:
            d *= 100
        m = _DECIMALS.search(fmt)
        if m:
            places = len(m.group(1))
            text = str(d.quantize(Decimal(10) ** -places))
        elif re.search(r"(?<![.\d])0(?![.\d])", fmt) and fmt.strip() not in ("General", "@"):
            text = str(d.quantize(Decimal(1)))
        else:
            if isinstance(value, float):  # drop float artefacts (0.30000000000000004)
                d = d.quantize(Decimal(10) ** -10).normalize()
            text = format(d, "f")
            if "." in text:
                text = text.rstrip("0").rstrip(".")
        if text in ("-0", "-0.00") or (text.startswith("-0") and Decimal(text) == 0):
            text = text[1:]
        return text + ("%" if percent else "")
    return str(value).strip()


class XlsxReader(Reader):
    name = "xlsx"
    extensions: ClassVar[tuple[str, ...]] = (".xlsx", ".xlsm")
    kind = "xlsx"

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        try:
            import openpyxl
        except ImportError:  # pragma: no cover - a declared dependency
            raise ReaderError("E002", "未安装 openpyxl，无法读取 XLSX", "openpyxl is not installed") from None
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                unpacked = sum(i.file_size for i in z.infolist())
            if unpacked > max(limits.max_file_size * 20, 200 * 1024 * 1024):
                raise ReaderError(
                    "E008",
                    "XLSX 解压后过大，未检查",
                    "the XLSX unpacks to more than the size limit; not checked",
                )
            merges = sheet_merges(data)
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except ReaderError:
            raise
        except Exception as exc:
            raise ReaderError(
                "E003",
                f"XLSX 文件已损坏，无法解析（{type(exc).__name__}）",
                f"the XLSX is corrupt ({type(exc).__name__})",
            ) from None
        blocks: list = []
        sheets: dict[int, str] = {}
        uncached = 0
        chars = 0
        try:
            formulas = _formula_cells(data)
            for sheet_no, ws in enumerate(wb.worksheets, start=1):
                grid: list[list[str]] = []
                for r, row in enumerate(ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS)):
                    texts = []
                    for c, cell in enumerate(row):
                        value = getattr(cell, "value", None)
                        if value is None and (ws.title, r + 1, c + 1) in formulas:
                            uncached += 1
                        text = format_value(value, getattr(cell, "number_format", "General"))
                        texts.append(text)
                        chars += len(text)
                    grid.append(texts)
                if chars > limits.max_chars:
                    raise ReaderError("E008", "XLSX 字符数超过上限，未完整检查", "the XLSX exceeds the character limit")
                table_index = len([b for b in blocks if isinstance(b, Table)]) + 1
                new = sheet_blocks(path, sheet_no, grid, merges.get(ws.title, []), table_index)
                if any(isinstance(b, Table) for b in new):
                    sheets[table_index] = ws.title
                blocks.extend(new)
        finally:
            wb.close()
        meta = {"sheets": sheets, "xlsx_uncached_formulas": uncached}
        return Document(path=path, blocks=blocks, format="xlsx", meta=meta)


def _formula_cells(data: bytes) -> set[tuple[str, int, int]]:
    """Cells holding a formula with no cached value (``<f>`` without a non-empty ``<v>``)."""
    out: set[tuple[str, int, int]] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name, path in _sheet_paths(z):
                xml = z.read(path).decode("utf-8", "replace")
                for m in re.finditer(r'<c\b[^>]*\br="([A-Z]+\d+)"[^>]*>(.*?)</c>', xml, re.S):
                    body = m.group(2)
                    if "<f" in body and not re.search(r"<v>[^<]+</v>", body):
                        r, c = _ref(m.group(1))
                        out.add((name, r, c))
    except (KeyError, zipfile.BadZipFile, ValueError):
        pass
    return out


def sheet_blocks(
    path: str, sheet_no: int, grid: list[list[str]], merges: list[tuple[int, int, int, int]], table_index: int
) -> list:
    """Title / unit paragraphs, one Table, and the notes under it, from one sheet's text grid."""
    while grid and not any(t.strip() for t in grid[-1]):
        grid.pop()
    if not grid:
        return []
    width = max((i + 1 for row in grid for i, t in enumerate(row) if t.strip()), default=0)
    grid = [row[:width] + [""] * (width - len(row[:width])) for row in grid]

    def nonempty(r: int) -> list[int]:
        return [c for c, t in enumerate(grid[r]) if t.strip()]

    def para(r: int) -> Paragraph:
        text = " ".join(grid[r][c].strip() for c in nonempty(r))
        return Paragraph(text, Location(path, page=sheet_no, line=r + 1, excerpt=text[:80]))

    merged_width = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in merges}
    blocks: list = []
    title, unit = "", ""
    start = 0
    while start < len(grid):
        cols = nonempty(start)
        line = " ".join(grid[start][c] for c in cols)
        spans_all = any(merged_width.get((start + 1, c + 1), (1, 1))[1] >= max(2, width - 1) for c in cols)
        if not cols:
            start += 1
            continue
        if UNIT_LINE.search(line) or (len(cols) == 1 and not unit and (spans_all or width <= 2 or not title)):
            m = UNIT_LINE.search(line)
            if m:
                unit = m.group(1)
            elif not title:
                title = line.strip()
            blocks.append(para(start))
            start += 1
            continue
        break
    end = len(grid)
    notes_from = end
    r = end - 1
    while r >= start:
        cols = nonempty(r)
        if not cols:
            r -= 1
            continue
        text = " ".join(grid[r][c] for c in cols)
        if len(cols) == 1 and (
            _NOTE.match(text) or (cols[0] == 0 and len(text) > 25 and not re.search(r"\d+\.\d{2}$", text))
        ):
            notes_from = r
            r -= 1
            continue
        break
    body_end = notes_from
    while body_end > start and not nonempty(body_end - 1):
        body_end -= 1
    if body_end > start:
        covered: set[tuple[int, int]] = set()
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for r1, c1, r2, c2 in merges:
            r1c, r2c = max(r1 - 1, start), min(r2 - 1, body_end - 1)
            c1c, c2c = max(c1 - 1, 0), min(c2 - 1, width - 1)
            if r1c > r2c or c1c > c2c:
                continue
            spans[(r1c, c1c)] = (r2c - r1c + 1, c2c - c1c + 1)
            for rr in range(r1c, r2c + 1):
                for cc in range(c1c, c2c + 1):
                    if (rr, cc) != (r1c, c1c):
                        covered.add((rr, cc))
        rows: list[list[Cell]] = []
        for rr in range(start, body_end):
            row_cells = []
            for cc in range(width):
                if (rr, cc) in covered:
                    continue
                rs, cs = spans.get((rr, cc), (1, 1))
                text = grid[rr][cc].strip()
                loc = Location(path, page=sheet_no, table=table_index, row=rr + 1, column=cc + 1, excerpt=text)
                row_cells.append(Cell(text, loc, rr - start, cc, rs, cs))
            rows.append(row_cells)
        table = Table(
            rows, Location(path, page=sheet_no, table=table_index, excerpt=title[:80]), table_index, title, unit
        )
        blocks.append(table)
    for rr in range(notes_from, len(grid)):
        if nonempty(rr):
            blocks.append(para(rr))
    return blocks
