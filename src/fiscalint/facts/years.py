"""Year labels: which year a report is for, and what each year mention means.

A report for year Y compares with Y−1 (与Y−1年相比), states stock at the end
of Y (截至Y年12月31日) and titles its tables （Y年度）. Every other year in the
text is usually something else: a citation (财预〔2020〕10号, 《…2022年…通知》),
a plan (十四五, 2021—2025年), a project code, a deadline or project period
(2022年6月底之前), history. The year rules only judge the mentions this module
classifies as a comparison, a stock date or a title label, so the rest stay
silent by construction.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from fiscalint.memo import per_document
from fiscalint.model import Document, Heading, Paragraph, Table

YEAR = r"(?P<year>(?:19|20)\d\d)"

# 与2020年相比 / 与2022年度持平 / 同2020年决算数相比 / 与2020年减少0.38万元
COMPARISON_WITH = re.compile(
    rf"(?:与|同|和)\s*{YEAR}\s*年度?\s*(?:同期|决算数?|全年)?\s*"
    r"(?:相比|比较|对比|持平|相同|基本持平|无变化|增加|减少|增长|下降|上升|多|少)"
)
# 较2020年增加 / 比2022年度增加8.44万元 / 较2020年同期
COMPARISON_THAN = re.compile(
    rf"(?:较|比)\s*{YEAR}\s*年度?\s*(?:同期|决算数?|全年)?\s*"
    r"(?:增加|减少|增长|下降|上升|持平|多|少|有所|相比|无变化|略有|大幅)"
)
# 截至2020年12月底 / 截至2023年12月31日 / 截止2023年末 / 截至2021年底
STOCK_DATE = re.compile(rf"截[至止](?:到)?\s*{YEAR}\s*年\s*(?:12\s*月\s*(?:31\s*日|底|末)|年?底|年?末)(?!前)")
# （2022年度） / 2022年度部门决算 / 2022年XX项目绩效自评报告
TITLE_YEAR = re.compile(rf"{YEAR}\s*年度?")

# Spans where a year is not a label: citations and plan periods.
_CITATION = re.compile(
    r"《[^》]{0,120}》|〔\s*\d{4}\s*〕|\[\s*\d{4}\s*\]|[（(]\s*\d{4}\s*[）)]\s*\d+\s*号|\d{4}\s*[〕\]]\s*\d+\s*号"
)
_PERIOD = re.compile(r"(?:19|20)\d\d\s*年?\s*[-—–~～至到]\s*(?:19|20)\d\d\s*年?")
_CODE = re.compile(r"\d{6,}[A-Za-z]?\d*")

# Words that say a title-like block names a report or a statement of the year.
REPORT_WORDS = re.compile(r"决算|预算|绩效|自评|评价|报告|公开|情况说明|表")


@dataclass(frozen=True)
class YearMention:
    """One year in a text and what it is (comparison, stock, title, other)."""

    year: int
    kind: str  # comparison | stock | title | other
    start: int
    end: int
    text: str


@dataclass
class ReportYear:
    """The inferred report year and how it was found (shown by --verbose)."""

    year: int | None
    how: str = ""
    votes: dict[int, int] = field(default_factory=dict)
    budget: bool = False  # a 预算 (budget) report: its stock figures stand at the end of year − 1


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Citations, plan periods and codes: years inside them are not labels."""
    spans: list[tuple[int, int]] = []
    for rx, marks in _EXCLUDED:
        if marks is None or any(mark in text for mark in marks):  # (most titles cite nothing)
            spans.extend(m.span() for m in rx.finditer(text))
    return spans


# Each pattern with the characters one of which every match holds (None: no cheap test).
_EXCLUDED = ((_CITATION, "《〔[（(〕]"), (_PERIOD, "-—–~～至到"), (_CODE, None))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def year_mentions(text: str) -> list[YearMention]:
    """The comparison and stock-date years of a sentence, citations excluded.

    The report-year inference and the YEAR rules ask about the same
    sentences; the parse is cached per text (YearMention is immutable).
    """
    return list(_year_mentions(text))


@per_document
def _year_mentions(text: str) -> tuple[YearMention, ...]:
    candidates = _candidates(text)
    if not candidates:
        return ()
    skip = excluded_spans(text)
    out = [
        YearMention(int(m.group("year")), kind, m.start(), m.end(), m.group(0))
        for kind, m in candidates
        if not _inside(m.start("year"), skip)
    ]
    out.sort(key=lambda y: y.start)
    return tuple(out)


def may_mention_years(text: str) -> bool:
    """False when no part of ``text`` can hold a comparison or stock-date year.

    No pattern looks behind its match or past its last character but for
    (?!前), and none ends on sentence punctuation, so a sentence of ``text``
    matches only where ``text`` itself does: a paragraph without a candidate
    need not be split into sentences (memoised; the inference scanned it already).
    """
    return bool(_candidates(text))


@per_document
def _candidates(text: str) -> tuple[tuple[str, re.Match], ...]:
    """(kind, match) of the comparison and stock-date patterns in ``text``, citations not yet excluded."""
    if "年" not in text:
        return ()  # every comparison and stock date says 年 (most sentences have none)
    out = []
    for kind, rx, marks in _MENTIONS:
        for mark in marks:
            if mark in text:
                break
        else:
            continue  # the pattern's leading word is not there
        out.extend((kind, m) for m in rx.finditer(text))
    return tuple(out)


# (kind, pattern, the characters one of which every match starts with)
_MENTIONS = (
    ("comparison", COMPARISON_WITH, "与同和"),
    ("comparison", COMPARISON_THAN, "较比"),
    ("stock", STOCK_DATE, "截"),
)


def title_years(text: str) -> list[YearMention]:
    """Years labelling a title (2022年度 / （2022年度）), citations excluded."""
    return list(_title_years(text))


@per_document
def _title_years(text: str) -> tuple[YearMention, ...]:
    """title_years, memoised: the report-year inference and YEAR003 ask about the same titles."""
    if "年" not in text:
        return ()  # TITLE_YEAR needs 年
    skip: list[tuple[int, int]] | None = None
    out = []
    for m in TITLE_YEAR.finditer(text):
        if skip is None:
            skip = excluded_spans(text)
        if _inside(m.start("year"), skip):
            continue
        # "2022年6月底之前" is a date, not a label.
        tail = text[m.end() : m.end() + 3]
        if _MONTH_AFTER.match(tail) or _DATE_WORD_AFTER.match(tail):
            continue
        out.append(YearMention(int(m.group("year")), "title", m.start(), m.end(), m.group(0)))
    return tuple(out)


_MONTH_AFTER = re.compile(r"\s*\d{1,2}\s*月")
_DATE_WORD_AFTER = re.compile(r"\s*(?:底|末|初|前|以来|起)")
_SENTENCE_PUNCT = re.compile(r"[，,。；;：:！？]")


def is_title_like(text: str, max_len: int = 60) -> bool:
    """A short line without sentence punctuation: a title, caption or heading."""
    t = text.strip()
    return 0 < len(t) <= max_len and not _SENTENCE_PUNCT.search(t.rstrip("。"))


def _opening_title(document: Document, blocks: int = 60) -> tuple[int, str, str] | None:
    """(year, text, line) of the first title-like block naming a report year."""
    candidates = [b for b in document.blocks[:blocks] if isinstance(b, (Heading, Paragraph))]
    for strict in (True, False):
        for i, b in enumerate(candidates):
            text = b.text.strip()
            if not is_title_like(text):
                continue
            ys = title_years(text)
            if not ys:
                continue
            # A title split over two lines: "2022年度中共XX委组织部" / "XX专项资金绩效自评报告".
            nxt = candidates[i + 1].text.strip() if i + 1 < len(candidates) else ""
            joined = text + nxt if nxt and is_title_like(nxt) and len(text + nxt) <= 60 else text
            if (
                REPORT_WORDS.search(text)
                or (strict and REPORT_WORDS.search(joined))
                or (
                    not strict
                    and len(text) <= 30
                    and not year_mentions(text)
                    and not re.search(r"\d\s*(?:万|元|%|％)", text)
                )
            ):
                if strict and not REPORT_WORDS.search(text):
                    text = joined
                return ys[0].year, text, b.location.human("en")
    return None


_LAST: list = [None, None]  # [document, its ReportYear]: one document is checked at a time


def infer_report_year(document: Document) -> ReportYear:
    """The report year of ``document`` (computed once per document; see _infer)."""
    if _LAST[0] is not document:
        _LAST[0], _LAST[1] = document, _infer_report_year(document)
    return _LAST[1]


def _infer_report_year(document: Document) -> ReportYear:
    """The report year: the opening title's year, checked against the body.

    Body votes: a comparison with X says Y = X+1, a stock date X says Y = X,
    a table title （X年度） says Y = X. The title wins when there is one; with
    no title the body's majority decides, and with neither the year is
    unknown (the year rules then stay silent).
    """
    votes: Counter[int] = Counter()
    for b in document.blocks:
        if isinstance(b, (Heading, Paragraph)):
            t, table = b.text, False
        elif isinstance(b, Table) and b.title:
            t, table = b.title, True
        else:
            continue
        if "年" not in t:
            continue  # every year label says 年
        for y in _year_mentions(t):
            votes[y.year + 1 if y.kind == "comparison" else y.year] += 1
        if table or is_title_like(t):
            for y in _title_years(t):
                if REPORT_WORDS.search(t):
                    votes[y.year] += 1
    title = _opening_title(document)
    if title is not None:
        year, text, where = title
        agree = votes.get(year, 0)
        how = f"report year {year} from the title “{text}” ({where}); {agree} body label(s) agree"
        # A 预算执行情况 report looks back on year Y, as a 决算 does: not a budget for Y.
        budget = "预算" in text and not re.search(r"决算|绩效|自评|评价|执行", text)
        return ReportYear(year, how, dict(votes), budget)
    if votes:
        (year, n), *rest = votes.most_common()
        if not rest or n > rest[0][1]:
            return ReportYear(
                year, f"report year {year} from {n} body label(s) (comparisons, stock dates, table titles)", dict(votes)
            )
    return ReportYear(None, "report year unknown: no title year and no clear majority in the body", dict(votes))


def report_year(ctx, forced: int | Callable[[], int] = 0) -> ReportYear:
    """The report year of ``ctx.document``, cached per document; notes how for --verbose.

    ``forced`` (the ``report-year`` option of the year rules) wins over inference;
    given as a function, it is only asked when the year is first computed.
    Any rule that needs the report year should call this, so all agree.
    """

    def compute() -> ReportYear:
        forced_year = forced() if callable(forced) else forced
        if forced_year:
            ry = ReportYear(forced_year, f"report year {forced_year} (from the rule option report-year)")
        else:
            ry = infer_report_year(ctx.document)
        ctx.facts.shared.setdefault("_info", []).append(ry.how)
        return ry

    return ctx.facts.document("report_year", compute)
