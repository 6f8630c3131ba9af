"""Property-based tests (hypothesis): parsers never raise on arbitrary input,
and a formatted amount parses back to itself."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fiscalint.config import Config
from fiscalint.engine import FileResult, Run, check_document
from fiscalint.facts.numbers import Num, fmt, sum_consistent
from fiscalint.facts.score_tables import parse_tables
from fiscalint.numbering import cn_to_int, int_to_cn, parse_label, render_label
from fiscalint.plugins import default_registry
from fiscalint.readers.text import MarkdownReader, TextReader

# Characters these reports are made of: digits (half and full width), CJK,
# the punctuation that carries structure, tabs and newlines.
REPORT_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９.,，。；：、%％（）()-－≥≤＝×")
    + list("一二三四五六七八九十第部分合计总计其中占增长下降减少增加万元年度预算决算支出收入得分权重")
    + ["\t", "\n", " ", "\u3000", "X"]
)
report_text = st.text(REPORT_ALPHABET, max_size=400)

amounts = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False, allow_infinity=False
)


@given(amounts)
def test_formatted_amount_parses_back_to_itself(value):
    text = fmt(value)
    parsed = Num.parse(text)
    assert parsed is not None
    assert parsed.value == value.quantize(Decimal("0.01"))
    assert parsed.decimals == 2


@given(amounts)
def test_thousands_separators_and_full_width_parse_the_same(value):
    plain = fmt(abs(value))
    whole, frac = plain.split(".")
    grouped = f"{int(whole):,}.{frac}"
    full = grouped.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，"))
    assert Num.parse(grouped).value == Num.parse(plain).value == Num.parse(full).value


@given(st.text(max_size=60))
def test_num_parse_never_raises(text):
    Num.parse(text)


@given(st.lists(amounts, min_size=1, max_size=12))
def test_a_total_printed_from_its_parts_is_always_consistent(parts):
    nums = [Num.parse(fmt(p)) for p in parts]
    total = Num.parse(fmt(sum(n.value for n in nums)))
    assert sum_consistent(total, nums)


@given(st.integers(min_value=1, max_value=999))
def test_chinese_numerals_round_trip(n):
    assert cn_to_int(int_to_cn(n)) == n


@given(st.sampled_from(["part", "cn", "cn-paren", "num", "num-dot", "num-paren"]), st.integers(1, 99))
def test_rendered_labels_parse_back(style, n):
    label = parse_label(render_label(style, n) + "标题")
    assert label is not None and label.style == style and label.number == n


@given(report_text)
def test_label_parser_never_raises(text):
    parse_label(text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_text_and_markdown_readers_never_raise(text):
    for reader in (TextReader, MarkdownReader):
        doc = reader().parse("fuzz.txt", text.split("\n"))
        for block in doc.blocks:
            assert block.location.path == "fuzz.txt"


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_score_table_parser_never_raises(text):
    doc = TextReader().parse("fuzz.txt", text.split("\n"))
    parse_tables(doc.blocks)


_RUN = None


def _run() -> Run:
    global _RUN
    if _RUN is None:
        _RUN = Run.create(Config(), default_registry())
    return _RUN


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_every_rule_survives_arbitrary_text(text):
    """The whole rule set on random report-like text: no rule may raise (E900)."""
    doc = TextReader().parse("fuzz.txt", text.split("\n"))
    result = FileResult("fuzz.txt")
    check_document(doc, _run(), result)
    crashed = [f.message for f in result.findings if f.code in ("E900", "E999")]
    assert not crashed, crashed
