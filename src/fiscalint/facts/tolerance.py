"""Verdicts on stated totals and ratios: ok, rounding (尾差) or error.

A printed figure with d decimals stands for v ± 0.5·10⁻ᵈ (a printed zero is
exactly zero). A stated total or ratio is an *error* when its interval
cannot meet the interval computed from its terms (XBRL Calculations 1.1),
*rounding* when it can but the printed digits still disagree, *ok* when the
printed digits agree. Reports drop trailing zeros (95 for 95.00, 20.1 for
20.10); an amount printed with fewer decimals than the others of the same
statement is read with theirs, up to two (the 万元 convention), otherwise a
single "95" would hide any error up to 0.5.

A ratio printed one unit off in its last digit (99.86 for 99.868, a
truncation) is called rounding too. Counts (车辆, 人) are exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fiscalint.facts.numbers import Num, half_at

OK, ROUNDING, ERROR = "ok", "rounding", "error"


def _tol(n: Num) -> Decimal:
    return Decimal(0) if n.value == 0 else n.half


def harmonise(nums: list[Num], cap: int = 2) -> list[Num]:
    """Read short-printed amounts with the precision of the statement (≤ ``cap``)."""
    target = min(max((n.decimals for n in nums), default=0), cap)
    return [Num(n.value, max(n.decimals, target), n.text) for n in nums]


@dataclass(frozen=True)
class SumVerdict:
    verdict: str
    stated: Num
    computed: Decimal
    lo: Decimal
    hi: Decimal

    @property
    def diff(self) -> Decimal:
        return self.stated.value - self.computed


def _exact(n: Num) -> Num:
    """A count (车辆5辆) is exact: read it as if printed with many decimals."""
    return Num(n.value, 12, n.text)


def check_sum(total: Num, parts: list[Num], extra: Decimal = Decimal(0), exact: bool = False) -> SumVerdict:
    """Is ``total`` the sum of ``parts``? ``exact`` for counts, which are not rounded."""
    stated = total
    if exact:
        total, parts = _exact(total), [_exact(p) for p in parts]
    # harmonise() spelled out without building new Nums: this runs for every row and column of every table.
    target = min(max(total.decimals, max((p.decimals for p in parts), default=0)), 2)
    s = s_lo = s_hi = Decimal(0)
    for p in parts:
        tol = _tol_at(p, target)
        s += p.value
        s_lo += p.value - tol
        s_hi += p.value + tol
    t, t_tol = total.value, _tol_at(total, target)
    if abs(s - t) <= t_tol + extra:
        v = OK
    elif max(s_lo, t - t_tol) <= min(s_hi, t + t_tol) + extra:
        v = ROUNDING
    else:
        v = ERROR
    return SumVerdict(v, stated, s, s_lo, s_hi)


def _tol_at(n: Num, decimals: int) -> Decimal:
    """_tol of ``n`` read with at least ``decimals`` decimals (what harmonise gives)."""
    if n.value == 0:
        return Decimal(0)
    return half_at(max(n.decimals, decimals))


def exceeds(total: Num, parts: list[Num], extra: Decimal = Decimal(0), exact: bool = False) -> bool:
    """Parts that cannot fit in their total even allowing for rounding."""
    if exact:
        total, parts = _exact(total), [_exact(p) for p in parts]
    nums = harmonise([total, *parts])
    t, ps = nums[0], nums[1:]
    s_lo = sum((p.value - _tol(p) for p in ps), Decimal(0))
    return s_lo > t.value + _tol(t) + extra


@dataclass(frozen=True)
class RatioVerdict:
    verdict: str
    stated: Num
    computed: Decimal  # the exact ratio of the printed figures, in %
    lo: Decimal
    hi: Decimal

    @property
    def diff(self) -> Decimal:
        return self.stated.value - self.computed


def classify_ratio(stated: Num, exact: Decimal, lo: Decimal, hi: Decimal, extra: Decimal = Decimal(0)) -> RatioVerdict:
    s_lo, s_hi = stated.value - stated.half, stated.value + stated.half
    unit = Decimal(10) ** -stated.decimals
    if s_lo <= exact <= s_hi or abs(exact - stated.value) <= extra:
        v = OK
    elif max(s_lo, lo) <= min(s_hi, hi) + extra or abs(exact - stated.value) < unit:
        v = ROUNDING
    else:
        v = ERROR
    return RatioVerdict(v, stated, exact, lo, hi)


def share(stated: Num, part: Num, total: Num, extra: Decimal = Decimal(0)) -> RatioVerdict | None:
    """占p% = part / total × 100; None when the total can be zero or negative."""
    part, total = harmonise([part, total])
    if total.value <= 0 or part.value < 0:
        return None
    t_lo, t_hi = total.value - _tol(total), total.value + _tol(total)
    p_lo, p_hi = max(part.value - _tol(part), Decimal(0)), part.value + _tol(part)
    if t_lo <= 0:
        return None
    exact = part.value / total.value * 100
    return classify_ratio(stated, exact, p_lo / t_hi * 100, p_hi / t_lo * 100, extra)


def growth(stated: Num, current: Num, change: Num, direction: int, extra: Decimal = Decimal(0)) -> RatioVerdict | None:
    """增长/下降 p% = |change| / (current − signed change) × 100."""
    current, change = harmonise([current, change])
    c, d = current.value, abs(change.value)
    ct, dt = _tol(current), _tol(change)
    if direction > 0:
        base, base_lo = c - d, (c - ct) - (d + dt)
        lo_ = (d - dt) / ((c + ct) - (d - dt)) if (c + ct) - (d - dt) > 0 else None
        hi_ = (d + dt) / ((c - ct) - (d + dt)) if (c - ct) - (d + dt) > 0 else None
    else:
        base, base_lo = c + d, (c - ct) + (d - dt)
        lo_ = (d - dt) / ((c + ct) + (d - dt)) if (c + ct) + (d - dt) > 0 else None
        hi_ = (d + dt) / ((c - ct) + (d + dt)) if (c - ct) + (d + dt) > 0 else None
    if base <= 0 or base_lo <= 0 or lo_ is None or hi_ is None:
        return None
    exact = d / base * 100
    return classify_ratio(stated, exact, lo_ * 100, hi_ * 100, extra)


def rate(stated: Num, actual: Num, budget: Num, extra: Decimal = Decimal(0)) -> RatioVerdict | None:
    """完成预算 p% = actual / budget × 100."""
    return share(stated, actual, budget, extra)
