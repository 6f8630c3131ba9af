"""The XLSX reader: one Table per sheet with title, unit, merged header cells
and notes; numbers printed with their number format; formulas as cached
values; hostile files. Workbooks are built at test time with openpyxl."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from disclosure_report import TABLES, to_xlsx
from fiscalint.model import Paragraph, Table
from fiscalint.readers import Limits, ReaderError, read_document
from fiscalint.readers.xlsx import XlsxReader, format_value


def read(path: Path):
    return read_document(path, str(path), Limits())


def test_every_sheet_is_a_table_with_title_unit_and_notes(tmp_path):
    doc = read(to_xlsx(tmp_path / "附表.xlsx", TABLES))
    tables = doc.tables()
    assert [t.title for t in tables] == [t["title"] for t in TABLES]
    assert all(t.unit == "万元" for t in tables)
    assert doc.meta["sheets"][1] == "表1"
    # The note under the empty 政府性基金 table comes right after it, as a paragraph.
    last = doc.blocks.index(tables[-1])
    after = [b.text for b in doc.blocks[last + 1 :] if isinstance(b, Paragraph)]
    assert any("故本表无数据" in t for t in after)
    assert doc.format == "xlsx" and not doc.notices  # no wrong-extension notice for .xlsx


def test_merged_header_cells_have_spans(tmp_path):
    doc = read(to_xlsx(tmp_path / "附表.xlsx", TABLES))
    t1 = doc.tables()[0]
    top = t1.rows[0]
    assert [(c.text, c.column, c.colspan) for c in top] == [("收入", 0, 2), ("支出", 2, 2)]
    sangong = doc.tables()[6]
    first = {c.text: (c.rowspan, c.colspan) for c in sangong.rows[0]}
    assert first["合计"] == (2, 2) and first["公务用车购置及运行维护费"] == (1, 6)


def test_cell_locations_are_sheet_rows_and_columns(tmp_path):
    doc = read(to_xlsx(tmp_path / "附表.xlsx", TABLES))
    t2 = doc.tables()[1]
    cell = next(c for row in t2.rows for c in row if c.text == "55.00")
    # Sheet 2, Excel row 4 (title, unit, header, 合计 row above it), column C.
    assert (cell.location.page, cell.location.row, cell.location.column) == (2, 5, 3)
    assert cell.location.excerpt == "55.00"


def test_numbers_keep_the_decimals_of_their_format():
    assert format_value(9746.5, "#,##0.00") == "9746.50"
    assert format_value(0.1 + 0.2, "General") == "0.3"
    assert format_value(12, "General") == "12"
    assert format_value(0.4567, "0.00%") == "45.67%"
    assert format_value(Decimal("3.14159"), "0.000") == "3.142"
    assert format_value(-0.0, "0.00") == "0.00"
    assert format_value(None) == ""


def test_formulas_read_as_cached_values_and_uncached_ones_are_counted(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["收入决算表"])
    ws.append(["单位：万元"])
    ws.append(["项目", "合计", "财政拨款收入"])
    ws.append(["合计", "=C4", 10.5])
    path = tmp_path / "f.xlsx"
    wb.save(path)  # openpyxl stores no cached value for the formula
    doc = read(path)
    t = doc.tables()[0]
    assert t.texts()[-1][1] == ""
    assert doc.meta["xlsx_uncached_formulas"] == 1


def test_unit_in_a_line_with_other_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["支出决算表"])
    ws.append(["编制单位：某局", None, "2024年度", "单位：元"])
    ws.append(["项目", "本年支出合计", "基本支出", "项目支出"])
    ws.append(["合计", 100.0, 60.0, 40.0])
    path = tmp_path / "u.xlsx"
    wb.save(path)
    t = read(path).tables()[0]
    assert t.title == "支出决算表" and t.unit == "元"
    assert t.texts()[0] == ["项目", "本年支出合计", "基本支出", "项目支出"]


def test_corrupt_xlsx_is_E003(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(ReaderError) as exc:
        read(path)
    assert exc.value.code == "E003"


def test_reader_direct_call_gives_tables(tmp_path):
    path = to_xlsx(tmp_path / "附表.xlsx", TABLES[:1])
    doc = XlsxReader().read(str(path), path.read_bytes(), Limits())
    assert isinstance(doc.blocks[-2], Table) or isinstance(doc.blocks[-1], Paragraph)
