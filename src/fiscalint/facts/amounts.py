"""Amounts (万元/元/亿元) and percentages as printed in prose, with their labels.

Every finder works on ``normalize(text)``: full-width digits and punctuation
become ASCII one character for one, so spans index the original text too.
An amount keeps its printed decimals (``Num``); ``label`` is the words just
before it (基本支出, 一般公共服务（201）支出), which rules use to tell what
quantity a number is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiscalint.facts.numbers import UNIT_FACTORS, Num, normalize
from fiscalint.memo import per_document

# A number with an optional sign or parentheses, then a money unit. The
# lookahead changes no match (every match opens with a sign, a space, "(" or
# a digit); it lets the scan skip the other characters of the sentence at
# once instead of trying each optional group there.
AMOUNT_RE = re.compile(
    r"(?=[-−–\s(\d])(?:(?<![\d.%])(?P<neg>[-−–]))?\s*(?P<par>\()?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?(par)\))\s*"
    r"(?P<unit>亿元|万元|千元|元)(?!万)"
)
PERCENT_RE = re.compile(r"(?:(?<![\d.%])(?P<neg>[-−–]))?(?P<num>\d+(?:\.\d+)?)\s*%")
# What separates one labelled clause from the next.
CLAUSE_BREAK = re.compile(r"[，,；;。：:\n]|其中|主要用于以下方面|主要用于|包括")
# A year in a label ("2020年度"); leading years and filler words are not part of a quantity's name.
_YEAR = r"\d{4}\s*年度?"
_YEAR_IN_LABEL = re.compile(_YEAR)
_LEAD = re.compile(rf"^(?:\s|{_YEAR}|截至|本年度|本单位|本部门|全年|当年)+")
_TRAIL = re.compile(r"(?:\s|为|是|达|共计|合计为|总额为|均为|各为|约)+$")
_TRAIL_LAST = "为是达计约"  # how a trailing verb ends (or a space: the match may stop before a final newline)


@dataclass(frozen=True)
class Amount:
    """A money amount in prose: the number in its printed unit, and its span."""

    num: Num
    unit: str
    start: int
    end: int
    label: str = ""

    @property
    def is_money(self) -> bool:
        return self.unit in UNIT_FACTORS

    @property
    def wan(self) -> Num:
        """The amount in 万元, keeping how precise the printed figure was (a count as is)."""
        if self.unit == "万元" or self.unit not in UNIT_FACTORS:
            return self.num
        return self.num.scaled(UNIT_FACTORS[self.unit] / UNIT_FACTORS["万元"])

    @property
    def text(self) -> str:
        return f"{self.num.text}{self.unit}"


@dataclass(frozen=True)
class Percent:
    num: Num
    start: int
    end: int


BUDGET_TAIL = re.compile(r"(?P<which>年初|全年|调整后|调整)?预算(?:数|金额|资金)?$")


def budget_kind(label: str) -> str | None:
    """ "年初" / "全年" / "调整后" / "" for a budget figure's label (年初预算为), None otherwise."""
    m = BUDGET_TAIL.search(clean_label(label))
    return (m.group("which") or "") if m else None


def clean_label(text: str) -> str:
    """Strip years, fillers and trailing verbs from the words before a number."""
    t = text.strip(" \t，,；;。：:、")
    t = _LEAD.sub("", t)
    last = t[-1:]
    if last and (last in _TRAIL_LAST or last.isspace()):
        t = _TRAIL.sub("", t)  # searched at every position: worth it only when the end can match
    return t.strip(" \t，,；;。：:、")


def label_before(text: str, start: int, floor: int = 0, limit: int = 40) -> str:
    """The words between the previous clause break and ``start``."""
    lo_ = max(floor, start - limit)
    seg = text[lo_:start]
    cut = 0
    for b in CLAUSE_BREAK.finditer(seg):
        cut = b.end()  # the last break wins
    if cut == 0 and lo_ > floor:
        # The window cut a long clause mid-word ("…族彝族自治县教育体育局部门2020年度一般公共预算…"):
        # start after its last year, where the quantity's own name begins.
        for y in _YEAR_IN_LABEL.finditer(seg):
            cut = y.end()
    return clean_label(seg[cut:])


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in ``text``, in order, each with its label.

    Several facts ask for the amounts of the same paragraph; the parse is
    cached per text (Amount is immutable) and each caller gets its own list.
    """
    return list(_find_amounts(text))


@per_document
def _find_amounts(text: str) -> tuple[Amount, ...]:
    if "元" not in text:
        return ()  # every unit ends in 元 (normalize leaves it alone): most prose has no amount
    t = normalize(text)
    out: list[Amount] = []
    prev_end = 0
    # No amount ends after the last 元; the scan stops one character later,
    # which the (?!万) test after a unit still sees.
    for m in AMOUNT_RE.finditer(t, 0, t.rfind("元") + 2):
        # "20万元以上设备" is a threshold, not an amount; "14元万" is not matched at all.
        tail = t[m.end() : m.end() + 3]
        if tail.startswith(("以上", "以下", "及以上")):
            prev_end = m.end()
            continue
        neg, par, raw = m.group("neg", "par", "num")
        num = Num.parse(raw)  # Num(value, decimals, raw): raw has no sign, bracket or space
        if num is None:
            continue
        if neg or par:
            num = Num(-num.value, num.decimals, m.group(0).strip())
        start = m.start("neg") if neg else m.start("num") if not par else m.start("par")
        label = label_before(t, start, prev_end)
        out.append(Amount(num, m.group("unit"), start, m.end(), label))
        prev_end = m.end()
    return tuple(out)


# Counts of things (车辆3辆, 实有人数39人): whole numbers with a counting unit.
COUNT_RE = re.compile(r"(?<![\d.,])(?P<num>\d+)\s*(?P<unit>台\(套\)|辆|人(?!次)|个|台|套|家|所)")
# What every match of COUNT_RE contains: a digit before the first character of a unit.
COUNT_HINT_RE = re.compile(r"\d\s*[辆人个台套家所]")


def find_counts(text: str) -> list[Amount]:
    """Whole-number counts with their unit and label, for 其中 lists of vehicles, staff, units."""
    t = normalize(text)
    if not COUNT_HINT_RE.search(t):
        return []  # most paragraphs count nothing: spares the full parse with labels
    out: list[Amount] = []
    prev_end = 0
    for m in COUNT_RE.finditer(t):
        num = Num.parse(m.group("num"))
        if num is None:
            continue
        out.append(Amount(num, m.group("unit"), m.start(), m.end(), label_before(t, m.start(), prev_end)))
        prev_end = m.end()
    return out


def find_percents(text: str) -> list[Percent]:
    t = normalize(text)
    out: list[Percent] = []
    for m in PERCENT_RE.finditer(t):
        num = Num.parse(m.group("num"))
        if num is None:
            continue
        if m.group("neg"):
            num = Num(-num.value, num.decimals, "-" + m.group("num"))
        out.append(Percent(num, m.start(), m.end()))
    return out


def bare_number_after(text: str, pos: int, max_gap: int = 3) -> Num | None:
    """A number without unit right at ``pos`` (决算数为1285.87，…), or None."""
    t = normalize(text)
    m = re.compile(r"\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d%万元])").match(t, pos)
    if not m or m.start(1) - pos > max_gap:
        return None
    return Num.parse(m.group(1))
