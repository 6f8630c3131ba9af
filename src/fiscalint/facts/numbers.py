"""Numbers as printed: value, decimals, unit, and the interval they stand for.

A value printed with d decimals stands for v ± 0.5·10⁻ᵈ (the XBRL
Calculations 1.1 rule); arithmetic on intervals tells whether a stated
total or share can be right once rounding of every printed figure is
allowed for. Decimal throughout, never float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from fiscalint.memo import per_document

# The unit line above or inside a table: 单位：万元 / 金额单位：元.
UNIT_LINE = re.compile(r"(?:金额)?单位\s*[:：]\s*(亿元|万元|千元|元)")

# 万元 is the usual unit; factors are to 元.
UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100_000_000)}

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，－（）％＋",
    "0123456789.,-()%+",
)

NUMBER_RE = re.compile(
    r"""(?P<neg>[-−–])?\s*
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)""",
    re.VERBOSE,
)


# Num.half for 0..11 decimals, computed once (it is asked for in every interval sum).
_HALVES = tuple(Decimal(5) * Decimal(10) ** (-(d + 1)) for d in range(12))


def half_at(decimals: int) -> Decimal:
    """Half a unit in the last place of a figure printed with ``decimals`` decimals."""
    if decimals < len(_HALVES):
        return _HALVES[decimals]
    return Decimal(5) * Decimal(10) ** (-(decimals + 1))


_HAS_FULLWIDTH = re.compile("[０-９．，－（）％＋]")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@per_document
def normalize(text: str) -> str:
    """Full-width digits and punctuation to ASCII; other characters unchanged.

    Every rule family normalizes the same paragraphs and cells (about twelve
    times each), and Chinese prose nearly always has a full-width ， or （,
    so the result is memoised per text.
    """
    return text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text


@dataclass(frozen=True)
class Num:
    """A printed number. ``decimals`` is the number of printed decimals."""

    value: Decimal
    decimals: int
    text: str = ""

    @classmethod
    def parse(cls, text: str) -> Num | None:
        """ "1,378.33" -> 1378.33 (2 decimals); "(12.5)" -> -12.5; None if not a number."""
        return _parse(text)

    @classmethod
    def _parse_uncached(cls, text: str) -> Num | None:
        t = normalize(text).strip().replace(" ", "").replace("\u3000", "")
        neg = False
        if t.startswith("(") and t.endswith(")"):
            neg, t = True, t[1:-1]
        if t[:1] in "-−–":
            neg, t = True, t[1:]
        t = t.replace(",", "")
        if not _PLAIN_NUMBER.fullmatch(t):
            return None
        try:
            value = Decimal(t)
        except InvalidOperation:
            return None
        decimals = len(t.split(".")[1]) if "." in t else 0
        return cls(-value if neg else value, decimals, text.strip())

    @property
    def half(self) -> Decimal:
        """Half a unit in the last printed place: the rounding allowance."""
        return half_at(self.decimals)

    @property
    def lo(self) -> Decimal:
        return self.value - self.half

    @property
    def hi(self) -> Decimal:
        return self.value + self.half

    def scaled(self, factor: Decimal) -> Num:
        """The same quantity in another unit (元 -> 万元 is factor 1/10000)."""
        value = self.value * factor
        shift = -factor.adjusted() if factor != 0 else 0
        return Num(value, max(self.decimals + shift, 0), self.text)


@per_document
def _parse(text: str) -> Num | None:
    # Num is immutable, so one parse per distinct text serves every rule and cell.
    return Num._parse_uncached(text)


def interval_sum(parts: list[Num]) -> tuple[Decimal, Decimal]:
    """[Σ lo, Σ hi] of the parts."""
    return sum((p.lo for p in parts), Decimal(0)), sum((p.hi for p in parts), Decimal(0))


def sum_consistent(total: Num, parts: list[Num]) -> bool:
    """True when the total's interval meets the parts' summed interval (Calc 1.1)."""
    lo, hi = interval_sum(parts)
    return max(lo, total.lo) <= min(hi, total.hi)


def ratio_interval(num: Num, den: Num, scale: Decimal = Decimal(100)) -> tuple[Decimal, Decimal] | None:
    """Interval of num/den×scale for a non-negative numerator; None when the
    denominator's interval reaches 0 (the ratio is then unbounded)."""
    if den.lo <= 0:
        return None
    return max(num.lo, Decimal(0)) / den.hi * scale, num.hi / den.lo * scale


def fmt(value: Decimal, decimals: int = 2) -> str:
    """Format like the reports do: 1378.33 (no thousands separators)."""
    q = Decimal(10) ** -max(decimals, 0)
    return str(value.quantize(q))
