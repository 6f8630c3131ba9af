"""The DOCX reader: body order, Word auto-numbering, headings, merged cells,
and hostile files. DOCX files are built at test time (python-docx and
tests/builders.py), from the corpus text and from small made-up reports."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from builders import layout, signature, to_docx, write_sample
from conftest import corpus_file, lint
from fiscalint.model import Paragraph, Table
from fiscalint.readers import Limits, ReaderError
from fiscalint.readers.docx import DocxReader, format_number
from fiscalint.readers.text import TextReader

CN = "一二三四五六七八九十"


def read(path: Path):
    return DocxReader().read(str(path), path.read_bytes(), Limits())


# -- Word auto-numbering -----------------------------------------------------------
def test_auto_numbered_heading_reads_chinese_label(tmp_path):
    out = to_docx(write_sample(tmp_path), tmp_path / "r.docx", auto_number=True)
    # The labels are not in the paragraph text: Word generates them.
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "九、" not in xml and "w:numPr" in xml
    doc = read(out)
    cn = [h for h in doc.headings() if h.style == "cn"]
    assert [h.label for h in cn] == [f"{c}、" for c in CN[:9]]
    ninth = cn[-1]
    assert ninth.label == "九、" and ninth.number == 9 and ninth.auto and ninth.level == 2
    assert ninth.text.startswith("九、第9项") and ninth.title == "第9项情况说明"
    # The （一） heading is auto-numbered with its own list, restarting at 一.
    paren = [h for h in doc.headings() if h.style == "cn-paren"]
    assert [(h.label, h.auto, h.level) for h in paren] == [("（一）", True, 3)]


def test_typed_and_auto_numbered_docx_read_the_same(tmp_path):
    txt = write_sample(tmp_path)
    auto = read(to_docx(txt, tmp_path / "a.docx", auto_number=True))
    typed = read(to_docx(txt, tmp_path / "t.docx", auto_number=False))
    reference = TextReader().read(str(txt), txt.read_bytes(), Limits())
    assert signature(auto) == signature(typed) == signature(reference)


def test_numbered_long_sentence_stays_a_paragraph_with_its_label(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        docx.oxml.parse_xml(
            '<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="7">'
            '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%2、"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(
        docx.oxml.parse_xml(
            '<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="70">'
            '<w:abstractNumId w:val="7"/></w:num>'
        )
    )

    def numbered(text: str, ilvl: int = 0) -> None:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            docx.oxml.parse_xml(
                '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f'<w:ilvl w:val="{ilvl}"/><w:numId w:val="70"/></w:numPr>'
            )
        )

    numbered("负责全局预算编制、执行和决算工作，组织开展预算绩效管理，并对所属单位的财务工作进行指导和监督。")
    numbered("子项甲", 1)
    numbered("子项乙", 1)
    numbered("完成交办的其他各项任务，按规定时限报送有关材料，确保各项工作落实到位并取得实效。")
    numbered("子项丙", 1)
    path = tmp_path / "list.docx"
    document.save(path)
    blocks = read(path).blocks
    texts = [b.text for b in blocks]
    # decimal from start 3; the inner ideographTraditional level restarts under each item.
    assert texts[0].startswith("3.负责全局") and isinstance(blocks[0], Paragraph)
    assert texts[1:3] == ["甲、子项甲", "乙、子项乙"]
    assert texts[3].startswith("4.完成交办") and isinstance(blocks[3], Paragraph)
    assert texts[4] == "甲、子项丙"


@pytest.mark.parametrize(
    "n, fmt, expected",
    [
        (9, "chineseCounting", "九"),
        (10, "chineseCounting", "十"),
        (12, "chineseCountingThousand", "十二"),
        (21, "japaneseCounting", "二十一"),
        (3, "ideographTraditional", "丙"),
        (2, "chineseLegalSimplified", "贰"),
        (3, "decimalEnclosedCircleChinese", "③"),
        (4, "decimalFullWidth", "４"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (7, "decimal", "7"),
    ],
)
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


# -- headings from styles ------------------------------------------------------
def test_headings_from_styles_and_outline_levels(tmp_path):
    document = docx.Document()
    document.add_heading("收入支出决算总体情况", level=1)
    zh = document.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("基本支出情况", style=zh)
    p = document.add_paragraph("项目支出情况")
    p._p.get_or_add_pPr().append(
        docx.oxml.parse_xml(
            '<w:outlineLvl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="2"/>'
        )
    )
    document.add_paragraph("二、机构设置")  # a typed label, no style
    document.add_paragraph("本单位设有三个内设机构，人员编制十二名，实有人数十一名。")
    path = tmp_path / "styles.docx"
    document.save(path)
    blocks = read(path).blocks
    assert [(type(b).__name__, getattr(b, "level", None)) for b in blocks] == [
        ("Heading", 1),
        ("Heading", 2),
        ("Heading", 3),
        ("Heading", 2),
        ("Paragraph", None),
    ]
    assert blocks[3].label == "二、" and not blocks[3].auto


# -- body order, locations, tables -----------------------------------------------
def test_body_order_paragraph_numbers_and_table_title(tmp_path):
    document = docx.Document()
    document.add_paragraph("一、收入情况")
    document.add_paragraph("")  # empty paragraphs count in Word's numbering of paragraphs
    document.add_paragraph("示范收入决算表")
    document.add_paragraph("单位：万元")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["项目", "金额", "备注"], ["财政拨款", "90.00", ""], ["合计", "90.00", ""]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("本年收入合计90.00万元。")
    path = tmp_path / "order.docx"
    document.save(path)
    doc = read(path)
    assert [type(b).__name__ for b in doc.blocks] == ["Heading", "Paragraph", "Paragraph", "Table", "Paragraph"]
    assert [b.location.paragraph for b in doc.blocks if not isinstance(b, Table)] == [1, 3, 4, 5]
    t = doc.tables()[0]
    assert t.title == "示范收入决算表" and t.unit == "万元" and t.index == 1
    cell = t.rows[2][1]
    assert cell.text == "90.00"
    assert (cell.location.table, cell.location.row, cell.location.column, cell.location.excerpt) == (1, 3, 2, "90.00")


def test_merged_cells_resolved_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    rows = [
        ["绩效指标", "一级指标", "二级指标", "得分"],
        ["", "产出指标", "数量指标", "8"],
        ["", "", "质量指标", "10"],
        ["合计", "", "", "18"],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(2, 0))  # vertical: 绩效指标 over three rows
    table.cell(1, 1).merge(table.cell(2, 1))  # vertical: 产出指标 over two rows
    table.cell(3, 0).merge(table.cell(3, 2))  # horizontal: 合计 over three columns
    path = tmp_path / "merged.docx"
    document.save(path)
    t = read(path).tables()[0]
    assert t.texts() == [
        ["绩效指标", "一级指标", "二级指标", "得分"],
        ["", "产出指标", "数量指标", "8"],
        ["", "", "质量指标", "10"],
        ["合计", "18"],
    ]
    top = t.rows[0][0]
    assert (top.rowspan, top.colspan) == (3, 1)
    assert t.rows[1][1].rowspan == 2
    total = t.rows[3]
    assert (total[0].colspan, total[1].column, total[1].location.column) == (3, 3, 4)


def test_builder_writes_real_merges_and_reader_restores_the_text_layout(tmp_path):
    txt = write_sample(tmp_path)
    source = TextReader().read(str(txt), txt.read_bytes(), Limits()).tables()[0]
    ncols, grid = layout(source)
    assert ncols == 4 and sum(c.continuation for row in grid for c in row) == 2
    out = to_docx(txt, tmp_path / "r.docx")
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert 'w:vMerge w:val="restart"' in xml and "w:gridSpan" in xml
    table = read(out).tables()[0]
    assert table.texts() == source.texts()
    assert table.title == "示范项目支出绩效自评表（2023年度）"
    label = table.rows[1][0]
    assert (label.text, label.rowspan) == ("产出指标", 3)
    assert table.rows[-1][0].colspan == 2  # 合计 spans half the grid


def test_unit_in_the_first_row(tmp_path):
    document = docx.Document()
    document.add_paragraph("三、支出决算情况说明")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "示范支出表"
    table.cell(0, 1).text = "单位：元"
    table.cell(1, 0).text = "合计"
    table.cell(1, 1).text = "1200"
    path = tmp_path / "unit.docx"
    document.save(path)
    t = read(path).tables()[0]
    assert t.unit == "元" and t.title == ""


def test_nested_table_is_flattened_after_its_outer_table(tmp_path):
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "说明"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内层"
    inner.cell(0, 1).text = "1.00"
    path = tmp_path / "nested.docx"
    document.save(path)
    tables = read(path).tables()
    assert [t.index for t in tables] == [1, 2]
    assert tables[0].texts() == [["说明", ""]]
    assert tables[1].texts() == [["内层", "1.00"]]


# -- the corpus, as DOCX -------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    ["anju-zuzhibu-2023-juesuan.txt", "lizhou-zuzhibu-2021-juesuan.txt", "yiyang-zuzhibu-2022-zipingbaogao.txt"],
)
def test_corpus_docx_round_trip_keeps_every_block(tmp_path, name):
    path = corpus_file(name)
    reference = TextReader().read(name, path.read_bytes(), Limits())
    out = to_docx(reference, tmp_path / "r.docx")
    doc = read(out)
    assert signature(doc) == signature(reference)
    # Auto-numbered there, typed in the text: the Word labels are generated ones.
    assert any(h.auto for h in doc.headings())


def test_corpus_docx_gives_the_same_findings_as_text(tmp_path):
    path = corpus_file("anju-zuzhibu-2023-juesuan.txt")
    out = to_docx(path, tmp_path / "anju.docx")

    def key(f):
        # Findings name the other place by line (TXT) or paragraph (DOCX).
        return (f.code, re.sub(r"第\d+(?:行|段|页)|\s", "", f.message))

    txt = sorted(key(f) for f in lint(path))
    word = sorted(key(f) for f in lint(out))
    assert word == txt


# -- hostile files -------------------------------------------------------------------
def codes(path: Path) -> list[str]:
    return [f.code for f in lint(path, select=[])]


def test_zero_byte_docx(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert codes(path) == ["E003"]


def test_truncated_docx(tmp_path):
    good = to_docx(write_sample(tmp_path), tmp_path / "good.docx")
    path = tmp_path / "cut.docx"
    path.write_bytes(good.read_bytes()[:3000])
    assert codes(path) == ["E003"]


def _zip(path: Path, document_xml: bytes, level: int = zipfile.ZIP_DEFLATED) -> Path:
    good = docx.Document()
    buf = io.BytesIO()
    good.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w", level) as dst:
        for info in src.infolist():
            data = document_xml if info.filename == "word/document.xml" else src.read(info.filename)
            dst.writestr(info.filename, data)
    return path


def test_docx_with_broken_xml(tmp_path):
    path = _zip(tmp_path / "broken.docx", b"<w:document><w:body><w:p>unclosed")
    assert codes(path) == ["E003"]


def test_docx_with_entity_declaration(tmp_path):
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = _zip(tmp_path / "lol.docx", xml)
    with pytest.raises(ReaderError) as err:
        read(path)
    assert err.value.code == "E003" and "ENTITY" in err.value.message
    assert codes(path) == ["E003"]


def test_zip_bomb_docx(tmp_path):
    xml = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    xml += b"0" * (40 * 1024 * 1024) + b"</w:body></w:document>"
    path = _zip(tmp_path / "bomb.docx", xml)
    assert path.stat().st_size < 1024 * 1024
    assert codes(path) == ["E008"]


def test_docx_over_the_character_limit(tmp_path):
    out = to_docx(write_sample(tmp_path), tmp_path / "r.docx")
    assert [f.code for f in lint(out, select=[], max_chars=50)] == ["E008"]


# -- which parts are read ----------------------------------------------------------
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _with_glossary_first(src: Path, dest: Path) -> Path:
    """``src`` plus a glossary part (Word's store of content-control placeholder text)
    with its own, empty styles and numbering, related from the main part *before*
    the main part's styles and numbering (Word does not sort the relationships)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    extra = {
        "word/glossary/document.xml": f'<w:glossaryDocument xmlns:w="{w}"><w:docParts/></w:glossaryDocument>',
        "word/glossary/styles.xml": f'<w:styles xmlns:w="{w}"/>',
        "word/glossary/numbering.xml": f'<w:numbering xmlns:w="{w}"/>',
        "word/glossary/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/numbering" Target="numbering.xml"/></Relationships>'
        ),
    }
    overrides = (
        f'<Override PartName="/word/glossary/document.xml" ContentType="{_WML_CT}.document.glossary+xml"/>'
        f'<Override PartName="/word/glossary/styles.xml" ContentType="{_WML_CT}.styles+xml"/>'
        f'<Override PartName="/word/glossary/numbering.xml" ContentType="{_WML_CT}.numbering+xml"/>'
    )
    glossary_rel = f'<Relationship Id="rIdGlossary" Type="{_REL}/glossaryDocument" Target="glossary/document.xml"/>'
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                head, sep, rest = data.decode().partition("<Relationship ")
                data = (head + glossary_rel + sep + rest).encode()
            elif info.filename == "[Content_Types].xml":
                data = data.decode().replace("</Types>", overrides + "</Types>").encode()
            zout.writestr(info.filename, data)
        for name, text in extra.items():
            zout.writestr(name, text)
    return dest


def test_styles_and_numbering_come_from_the_main_part_not_the_glossary(tmp_path):
    plain = to_docx(write_sample(tmp_path), tmp_path / "plain.docx", auto_number=True)
    glossary = _with_glossary_first(plain, tmp_path / "glossary.docx")
    rels = zipfile.ZipFile(glossary).read("word/_rels/document.xml.rels").decode()
    assert rels.index("glossaryDocument") < rels.index("/styles") < rels.index("/numbering")
    expected = [(type(b).__name__, b.text, getattr(b, "level", None)) for b in read(plain).blocks]
    got = [(type(b).__name__, b.text, getattr(b, "level", None)) for b in read(glossary).blocks]
    assert any(text.startswith("九、") for _, text, _ in expected)  # labels come from numbering.xml
    assert got == expected


def test_macro_enabled_main_part_is_read(tmp_path):
    """A .docm saved under a .docx name (the content type says macroEnabled) is still a Word report."""
    plain = to_docx(write_sample(tmp_path), tmp_path / "plain.docx")
    docm = tmp_path / "docm.docx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(docm, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
                assert b"macroEnabled" in data
            zout.writestr(info.filename, data)
    assert [b.text for b in read(docm).blocks] == [b.text for b in read(plain).blocks]
    assert codes(docm) == []
