"""The DOCX reader parses styles.xml without the elements it never reads
(latent styles; table, character and numbering styles) only when that gives
exactly what parsing the whole part gives: the same paragraph styles, and the
same refusal of a part that is not well-formed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from builders import to_docx, write_sample
from fiscalint.readers import Limits, ReaderError
from fiscalint.readers.docx import DocxReader, Styles, _parse_styles, _without_skipped_styles

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def parser():
    return etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def template_styles() -> bytes:
    """python-docx's template styles part: 100 table styles, most of its bytes."""
    out = io.BytesIO()
    docx.Document().save(out)
    return zipfile.ZipFile(out).read("word/styles.xml")


def styles_part(*inner: str, padding: int = 40) -> bytes:
    """A styles part holding ``inner`` and enough table styles to be worth cutting."""
    tables = "".join(
        f'<w:style w:type="table" w:styleId="T{i}"><w:name w:val="Table {i}"/><w:tblPr>'
        '<w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders></w:tblPr></w:style>'
        for i in range(padding)
    )
    body = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    )
    return DECLARATION + f'<w:styles xmlns:w="{W}">{body}{"".join(inner)}{tables}</w:styles>'.encode()


def same_styles(blob: bytes) -> None:
    whole = Styles(etree.fromstring(blob, parser()))
    cut = Styles(_parse_styles(blob, parser()))
    assert (cut.styles, cut.default) == (whole.styles, whole.default)


def test_template_styles_are_cut_to_a_tenth_and_read_the_same():
    blob = template_styles()
    cut = _without_skipped_styles(blob)
    assert cut is not None and len(cut) * 10 < len(blob)
    assert b'w:type="table"' not in cut and b"<w:latentStyles" not in cut
    same_styles(blob)


def test_made_up_styles_part_reads_the_same():
    blob = styles_part(
        '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>',
        '<w:latentStyles w:count="2"><w:lsdException w:name=\'Normal\'/><w:lsdException w:name="x"/></w:latentStyles>',
        '<w:style w:styleId="NoType"><w:name w:val="no type"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>',
        '<w:style w:type="numbering" w:styleId="List"/>',
    )
    cut = _without_skipped_styles(blob)
    assert cut is not None and b"Strong" not in cut and b"lsdException" not in cut and b"NoType" in cut
    same_styles(blob)


@pytest.mark.parametrize(
    "style",
    [
        # the type attribute spelled with a character reference is still "paragraph"
        '<w:style w:type="p&#97;ragraph" w:styleId="Ref"><w:name w:val="heading 2"/></w:style>',
        # an attribute value that reads like a type attribute
        '<w:style w:styleId="x w:type=\'table\'" w:type="paragraph"><w:name w:val="heading 3"/></w:style>',
        # a style in another namespace bound to the w prefix inside it
        '<w:style xmlns:w="urn:other" w:type="table" w:styleId="Other"/>',
    ],
)
def test_styles_read_the_same_when_the_bytes_mislead(style):
    same_styles(styles_part(style))


@pytest.mark.parametrize(
    "blob",
    [
        styles_part("<!-- <w:style w:type='table'> -->"),
        styles_part("<![CDATA[ </w:style> ]]>"),
        styles_part("<?pi </w:style>?>"),
        styles_part().replace(b'encoding="UTF-8"', b'encoding="GBK"'),
        styles_part()[len(DECLARATION) :],
        styles_part(padding=1),  # too little to cut
    ],
)
def test_parts_that_are_not_plain_enough_are_parsed_whole(blob):
    assert _without_skipped_styles(blob) is None or len(_without_skipped_styles(blob)) * 2 >= len(blob)
    same_styles(blob)


@pytest.mark.parametrize(
    "bad",
    [
        '<w:style w:type="table" w:styleId="Bad"><w:name w:val="x"></w:style>',  # tags do not match
        '<w:style w:type="table" w:styleId="Bad"><x:name w:val="x"/></w:style>',  # unbound prefix
        '<w:style w:type="table" w:styleId="Bad"><w:name w:val="&nope;"/></w:style>',  # undefined entity
        '<w:style w:type="table" w:styleId="Bad" w:styleId="Twice"/>',  # an attribute twice
        '<w:style w:type="table" w:styleId="Bad"><w:name w:val="\x01"/></w:style>',  # not an XML character
    ],
)
def test_a_broken_table_style_still_makes_the_docx_unreadable(tmp_path, bad):
    blob = styles_part(bad)
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(blob, parser())
    with pytest.raises(etree.XMLSyntaxError):
        _parse_styles(blob, parser())
    path = _with_styles(to_docx(write_sample(tmp_path), tmp_path / "r.docx"), tmp_path / "bad.docx", blob)
    with pytest.raises(ReaderError) as err:
        DocxReader().read(str(path), path.read_bytes(), Limits())
    assert err.value.code == "E003"


def _with_styles(src: Path, dest: Path, styles: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, styles if item.filename == "word/styles.xml" else zin.read(item.filename))
    return dest
