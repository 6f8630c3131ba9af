"""Breakdown statements: a stated total and the parts listed after it.

Three shapes occur in the reports:

* inline: "本年收入合计X万元，其中：a Y万元，占p%；b Z万元，占q%。" or
  "…支出X万元，主要用于以下方面：…";
* continued: "基本支出X万元，其中：" at the end of a paragraph, then one
  paragraph per part ("人员经费Y万元，主要包括：…");
* the numbered 具体情况 list of 项 ("1.一般公共服务（类）…（项）：支出决算为
  Y万元"), whose total is the 一般公共预算支出 and whose items also add up to
  the 类 totals of the 结构 paragraph.

Counts get the same treatment ("共有车辆5辆，其中：…其他用车2辆"): whole numbers,
exact, complete only when the list ends with a catch-all 其他… part.

A breakdown is marked ``complete`` only when the report claims the parts
cover the total: the shares add up to 100%, the labels form a known identity
of the 决算 template (基本支出 = 人员经费 + 公用经费, 三公, 政府采购 …), it
is the 项 list, or it is an *enumerated* list: two or more money parts that
end the sentence, with no 主要/等/其他/包括/仅/涉及 wording, that already cover
at least 95% of the total (a list that leaves out more is a selection, and a
near miss in a full list is a typo). Rules sum complete breakdowns only; a
partial list is checked only for parts that exceed their total.

Two shapes put the total outside the 其中 sentence: "…运行维护费支出10.86万元，
较上年减少1.04万元。其中：购置…；运行维护…" (the subject of the sentence or
paragraph before; kept only when the parts form a template identity), and the
share list "“三公”经费财政拨款支出决算中，a…占p%；b…占q%" whose total is stated
in one of the paragraphs before (kept only when the parts add up to it).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from fiscalint.facts.amounts import (
    BUDGET_TAIL,
    Amount,
    Percent,
    bare_number_after,
    budget_kind,
    clean_label,
    find_amounts,
    find_counts,
)
from fiscalint.facts.numbers import Num, interval_sum, normalize, sum_consistent
from fiscalint.facts.statements import same_quantity
from fiscalint.facts.tolerance import ERROR, check_sum
from fiscalint.model import Document, Location, Paragraph
from fiscalint.numbering import STYLE_RANK, Label, parse_label

MARKER_RE = re.compile(
    r"其中\s*[:：]?|主要用于以下方面\s*[:：]?|主要用于以下几个方面\s*[:：]?|具体(?:情况)?如下\s*[:：]?"
)
SHARE_RE = re.compile(r"\s*[，,]?\s*占(?P<ref>[^，,。；;%]{0,30}?)的?\s*(?P<num>\d+(?:\.\d+)?)\s*%")
ITEM_RE = re.compile(r"^\s*(?P<n>\d{1,2})\s*[.、．]\s*(?!\d)")
CHANGE_WORDS = (
    "增加",
    "减少",
    "增长",
    "下降",
    "上升",
    "降低",
    "节约",
    "节省",
    "增支",
    "减支",
    "相比",
    "较上年",
    "比上年",
)
CHANGE_WORD_RE = re.compile("|".join(CHANGE_WORDS))
# The gap between two figures ("年初预算为4.00万元，差值为0.90万元"), only as the whole label:
# 差额 inside a label names a kind of funding (差额补助收入, 差额拨款单位).
DIFFERENCE_LABEL_RE = re.compile(r"(?:两者|二者)?(?:差值|差额|相差)")
CHANGE_BEFORE_RE = re.compile(r"(增加|减少|节约|下降|增长)了?\s*$")
CLASS_RE = re.compile(r"^(?P<name>[^()（）]{2,20}?)(?:\((?:类|(?P<code>\d{3}))\))")


@dataclass
class Part:
    label: str
    amount: Amount
    location: Location
    share: Percent | None = None
    share_ref: str = ""  # 占<ref>的p%: what the share is of, "" when plain
    class_name: str = ""  # for 项 items: the 类 they belong to
    class_code: str = ""
    budget: Amount | None = None  # for 项 items: the 预算数 stated beside the 决算数


@dataclass
class Breakdown:
    """A total and its listed parts; amounts in the units printed."""

    label: str
    total: Num
    total_unit: str
    location: Location
    parts: list[Part]
    kind: str  # inline | continued | items
    complete: bool = False
    why_complete: str = ""
    share_sum_ok: bool | None = None
    extra: dict = field(default_factory=dict)

    def parts_wan(self) -> list[Num]:
        return [p.amount.wan for p in self.parts]

    @property
    def total_wan(self) -> Num:
        return Amount(self.total, self.total_unit, 0, 0).wan


# Known complete decompositions of the 决算 template: head pattern -> groups of
# part patterns that must all be present.
IDENTITIES: list[tuple[re.Pattern, list[re.Pattern]]] = [
    (re.compile(r"基本支出$"), [re.compile("人员经费"), re.compile("公用经费")]),
    (re.compile(r"三公”?\"?经费|三公经费"), [re.compile("出国"), re.compile("公务用车"), re.compile("公务接待")]),
    (re.compile(r"公务用车购置及运行(?:维护)?费"), [re.compile("购置"), re.compile("运行")]),
    (re.compile(r"公务接待费"), [re.compile("国内"), re.compile("外事|外宾")]),
    (re.compile(r"政府采购(?:支出)?总?额?"), [re.compile("货物"), re.compile("工程"), re.compile("服务")]),
    (re.compile(r"收入总计"), [re.compile("收入合计|本年收入"), re.compile("年初结转")]),
    (re.compile(r"支出总计"), [re.compile("支出合计|本年支出"), re.compile("年末结转")]),
    (re.compile(r"本年收入合计|收入合计$"), [re.compile("财政拨款收入"), re.compile("其他收入")]),
    (re.compile(r"本年支出合计|支出合计$"), [re.compile("基本支出"), re.compile("项目支出")]),
]


def identity_complete(label: str, parts: list[Part]) -> bool:
    for head, needs in IDENTITIES:
        if head.search(label) and all(any(n.search(p.label) for p in parts) for n in needs):
            return True
    return False


def _share_after(t: str, amount: Amount) -> tuple[Percent | None, str]:
    m = SHARE_RE.match(t, amount.end)
    if not m:
        return None, ""
    num = Num.parse(m.group("num"))
    if num is None:
        return None, ""
    return Percent(num, m.start("num"), m.end()), clean_label(m.group("ref"))


def _is_change_amount(t: str, a: Amount) -> bool:
    """A change (较上年增加X万元) or a difference (差值为X万元) rather than a quantity: a change
    word in its label or just before it, or a difference word as the whole label."""
    return bool(
        CHANGE_WORD_RE.search(a.label)
        or DIFFERENCE_LABEL_RE.fullmatch(clean_label(a.label))
        or CHANGE_BEFORE_RE.search(t, max(0, a.start - 12), a.start)
    )


def _head_before(t: str, amounts: list[Amount], marker_start: int, at_end: bool) -> Amount | None:
    """The total a marker refers to: the last amount before it, close by."""
    before = [a for a in amounts if a.end <= marker_start]
    if not before:
        return None
    head = before[-1]
    gap = t[head.end : marker_start]
    if "；" in gap or ";" in gap or len(gap) > 40:
        return None
    if gap.count("。") > (2 if at_end else 0):
        return None
    if _is_change_amount(t, head):
        return None
    return head


def _loc(block: Paragraph, excerpt: str = "") -> Location:
    """The block's place pointing at ``excerpt``; the block's own (frozen) location when none is given."""
    return block.location.excerpted(excerpt) if excerpt else block.location


def _class_of(label: str) -> tuple[str, str]:
    t = normalize(label).strip()
    m = CLASS_RE.match(t)
    if not m:
        return "", ""
    return class_key(m.group("name")), m.group("code") or ""


PATH_NAME_RE = re.compile(r"([^()（）:：]+?)\s*\((?:项|款|类|\d{2,3})\)")
BRACKETED_RE = re.compile(r"\(.*?\)")
LEAD_NUMBER_RE = re.compile(r"^\d+\s*[.、]\s*")


def item_name(path: str) -> str:
    """The 项 of a 类/款/项 path: 一般公共服务（类）组织事务（款）行政运行（项） -> 行政运行."""
    t = normalize(path)
    names = PATH_NAME_RE.findall(t)
    return names[-1].strip() if names else clean_label(t)


def class_key(name: str) -> str:
    """一般公共服务支出 / 一般公共服务（类） -> 一般公共服务."""
    n = normalize(name).strip()
    n = BRACKETED_RE.sub("", n)
    n = LEAD_NUMBER_RE.sub("", n)
    for suffix in ("支出", "(类)"):
        if n.endswith(suffix):
            n = n[: -len(suffix)]
    return n.strip()


LEAD_BREAK_RE = re.compile(r"[，,；;。：:\d]")


# A part paragraph that opens a 其中 list right after its figure ("一般行政管理事务120.00万元，
# 其中：基本支出…"), its share (占…%) between them at most.
OWN_LIST_RE = re.compile(r"\s*[，,]?\s*其中")


def _next_item(t: str, first: Amount, total: Num, read: list[Part], label: str) -> bool:
    """Does the paragraph of ``first`` state the next item rather than one more part: it opens
    its own 其中 list right after its figure, and the parts ``read`` already reach the total
    ("行政运行800.00万元，其中：" / "基本支出800.00万元…" / "一般行政管理事务120.00万元，其中：…")?
    A part that details itself before the total is reached ("人员经费450.00万元，其中：工资福利
    支出…") is one more part, and so is a part the total's identity names after parts already
    past the total ("基本支出500万元" then "人员经费520万元…", "公用经费80万元，其中：…": a
    mistake, reported with every part)."""
    share = SHARE_RE.match(t, first.end)
    if not read or not OWN_LIST_RE.match(t, share.end() if share else first.end):
        return False
    lo, hi = interval_sum([p.amount.wan for p in read])
    if lo > total.hi and any(n.search(first.label) for h, ns in IDENTITIES if h.search(label) for n in ns):
        return False
    return hi >= total.lo


def _following_parts(
    blocks: list, start: int, total: Num, label: str, read: list[Part] | None = None
) -> tuple[list[Part], str]:
    """Parts stated one per paragraph after a trailing 其中：, and their kind; ``total`` in
    万元 and its ``label``, ``read`` the parts already read on the 其中 line."""
    parts: list[Part] = []
    kind = ""
    for block in itertools.islice(blocks, start, None):
        if not isinstance(block, Paragraph):
            break
        t = normalize(block.text)
        amounts = find_amounts(block.text)
        if not amounts:
            break
        item = ITEM_RE.match(t)
        if item and kind in ("", "items"):
            # Split by identity, not ``a not in budgets``: that compares Amounts field by field.
            budgets, actuals = [], []
            for a in amounts:
                (budgets if budget_kind(a.label) is not None else actuals).append(a)
            if not actuals:
                break
            first = next((a for a in actuals if "决算" in a.label or "支出" in a.label), actuals[0])
            path = t[item.end() : min(a.start for a in amounts)]
            cname, ccode = _class_of(path)
            if not cname:
                break
            kind = "items"
            parts.append(
                Part(
                    item_name(path),
                    first,
                    _loc(block, block.text[: first.end]),
                    class_name=cname,
                    class_code=ccode,
                    budget=budgets[0] if len(budgets) == 1 else None,
                )
            )
            continue
        if kind == "items":
            break
        first = amounts[0]
        lead = t[: first.start]
        if first.start > 30 or LEAD_BREAK_RE.search(lead):
            break
        if _next_item(t, first, total, [*(read or []), *parts], label):
            break
        kind = "continued"
        share, ref = _share_after(t, first)
        parts.append(Part(first.label, first, _loc(block, block.text[: first.end]), share, ref))
    return parts, kind


DESCRIPTION_RE = re.compile(r"\s*[，,]\s*(?:主要包括|主要用于|包括)")


def _described_to_the_end(t: str, amounts: list[Amount], last: Amount) -> bool:
    """The paragraph ends with the last part's description (主要包括：…), no other figure."""
    rest = t[last.end :]
    return bool(DESCRIPTION_RE.match(rest)) and not any(a.start >= last.end for a in amounts)


def _finish(b: Breakdown) -> Breakdown:
    plain_shares = [p.share for p in b.parts if p.share is not None and (not p.share_ref or p.share_ref == b.label)]
    # A zero total has no shares to add up (占0% for every part is the usual wording).
    if b.parts and len(plain_shares) == len(b.parts) and len(b.parts) >= 2 and b.total.value != 0:
        # Σ max(lo, 0) and Σ hi of the shares, in one loop (the order of the additions kept).
        s_lo = s_hi = Decimal(0)
        for s in plain_shares:
            value, half = s.num.value, s.num.half
            s_lo += max(value - half, Decimal(0))
            s_hi += value + half
        b.share_sum_ok = s_lo <= 100 <= s_hi
        if b.share_sum_ok:
            b.complete, b.why_complete = True, "shares"
    if b.extra.get("partial"):
        return b  # "主要…", "…等": the report itself says the list is not exhaustive
    if not b.complete and identity_complete(b.label, b.parts):
        b.complete, b.why_complete = True, "identity"
    if not b.complete and b.kind == "items" and len(b.parts) >= 2:
        b.complete, b.why_complete = True, "items"
    if not b.complete and b.extra.get("enumerated") and _nearly_covers(b):
        b.complete, b.why_complete = True, "enumerated"
    return b


# An enumerated 其中 list is read as complete only when its parts already cover nearly all
# of the total: a list that leaves out a large share is a selection, not a decomposition.
ENUMERATED_MIN_COVER = Decimal("0.95")


def _nearly_covers(b: Breakdown) -> bool:
    total = b.total_wan.value
    covered = sum((p.amount.wan.value for p in b.parts), Decimal(0))
    return total > 0 and covered >= total * ENUMERATED_MIN_COVER


ONLY_SHARE_RE = re.compile(r"\s*(?:[，,]?\s*占[^。；;，,]{0,30}?\d+(?:\.\d+)?\s*%)?\s*[；;]?\s*")


def _enumerated(t: str, label: str, parts: list[Part], sentence_end: int) -> bool:
    """ "实际支出77.20万元，其中：培训21.60万元，展演31.68万元…。": two or more money parts that
    run to the end of the sentence, with nothing after the last one but its share; parts of
    the same side (收入/支出) as the total."""
    if len(parts) < 2 or not all(p.amount.is_money for p in parts):
        return False
    rest = t[parts[-1].amount.end : sentence_end]
    if not ONLY_SHARE_RE.fullmatch(rest):
        return False
    for x, y in (("收入", "支出"), ("支出", "收入")):
        if x in label and y not in label and any(y in p.label and x not in p.label for p in parts):
            return False
    return True


def paragraph_breakdowns(doc: Document, index: int) -> list[Breakdown]:
    """The breakdowns whose total is stated in paragraph ``doc.blocks[index]``: money
    amounts, then counts (车辆5辆，其中：…其他用车2辆)."""
    block = doc.blocks[index]
    assert isinstance(block, Paragraph)
    out = _breakdowns(doc, index, find_amounts(block.text))
    counts = find_counts(block.text)
    if counts:
        out.extend(_count_breakdowns(block, counts))
    return out


def _count_breakdowns(block: Paragraph, counts: list[Amount]) -> list[Breakdown]:
    """ "共有车辆5辆，其中：A 1辆、B 2辆、其他用车2辆": complete only when the list ends
    with a catch-all 其他… part; parts must carry the total's unit."""
    t = normalize(block.text)
    out: list[Breakdown] = []
    markers = list(MARKER_RE.finditer(t))
    for k, m in enumerate(markers):
        head = _head_before(t, counts, m.start(), False)
        if head is None:
            continue
        end = len(t)
        for c in "。；;":
            j = t.find(c, m.end())
            if j != -1:
                end = min(end, j)
        if k + 1 < len(markers):
            end = min(end, markers[k + 1].start())
        parts = _staff_parts(
            head, [Part(a.label, a, _loc(block)) for a in counts if m.end() <= a.start and a.end <= end]
        )
        if len(parts) < 2 or any(p.amount.unit != head.unit for p in parts):
            continue
        excerpt = block.text[max(t.rfind(c, 0, head.start) for c in "，,；;。") + 1 : m.end()].strip()
        b = Breakdown(head.label, head.num, head.unit, _loc(block, excerpt), parts, "counts")
        if parts[-1].label.startswith("其他") and not t[parts[-1].amount.end :].startswith("等"):
            b.complete, b.why_complete = True, "catch-all"
        out.append(b)
    return out


# Serving staff (在职, 在编, 正式) do not include the retired: "正式教职工62人，其中
# 高级职称4人…中级工1人，退休职工28人" lists the retired after the parts, as a
# category of its own, and they are left out of the sum. 职工, 干部, 编制人员 name no
# such scope: "干部职工60人，其中：在职人员48人，离退休人员15人" counts the retired in.
SERVING_STAFF_RE = re.compile(r"在职|在编|正式")
RETIRED_RE = re.compile(r"离休|退休")  # 离退休 included


def _staff_parts(total: Amount, parts: list[Part]) -> list[Part]:
    """The parts of a count of serving staff, up to the first retired category, unless
    the report counts the retired in: all the parts add up to the total ("正式职工40人，
    其中：行政31人、离休1人、退休8人"), or the serving staff are a part of their own
    ("在编人员40人，其中：在职人员30人，退休人员10人") under a total that is not 在职 itself,
    and the parts before the retired do not already make up the total."""
    if not SERVING_STAFF_RE.search(total.label) or RETIRED_RE.search(total.label):
        return parts
    if sum(p.amount.num.value for p in parts) == total.num.value:
        return parts
    first_retired = next((i for i, p in enumerate(parts) if RETIRED_RE.search(p.label)), len(parts))
    serving = parts[:first_retired]
    if sum(p.amount.num.value for p in serving) == total.num.value:
        return serving  # "在编人员45人，其中：在职行政编制30人、在职事业编制15人，退休人员20人"
    if "在职" not in total.label and any("在职" in p.label for p in parts):
        return parts
    return serving


ACTUAL_IS_RE = re.compile(r"决算数?为|支出决算数?为")  # 决算数为1285.87 (no unit printed)
SENTENCE_OPENS_RE = re.compile(r"(?:^|。)\s*$")  # the marker opens its sentence
ITEM_NUMBER_RE = re.compile(r"^\s*\d{1,2}\s*[.、．]\s*")
PARTIAL_RE = re.compile(r"主要|部分|重点|例如|比如")  # the list says it is a selection
NOT_ENUMERATED_RE = re.compile(r"等|其他|其它|包括|涉及|仅|相比|较上年|比上年")


def _breakdowns(doc: Document, index: int, amounts: list[Amount]) -> list[Breakdown]:
    block = doc.blocks[index]
    t = normalize(block.text)
    out: list[Breakdown] = []
    markers = list(MARKER_RE.finditer(t))
    for k, m in enumerate(markers):
        rest = t[m.end() :].strip()
        at_end = not rest
        head = _head_before(t, amounts, m.start(), at_end)
        if head is not None and at_end and budget_kind(head.label) is not None:
            others = [a for a in amounts if a.end <= m.start() and budget_kind(a.label) is None]
            head = _head_before(t, others, m.start(), at_end) if others else None
        total: Num | None = head.num if head else None
        unit = head.unit if head else "万元"
        label = head.label if head else ""
        if head is None and at_end:
            # 决算数为1285.87，完成预算95.65%。其中：  (no unit printed)
            found = list(ACTUAL_IS_RE.finditer(t, 0, m.start()))
            mb = found[-1] if found else None
            if mb is not None:
                total = bare_number_after(t, mb.end())
                label = clean_label(t[: mb.end()]) or "决算数"
        head_elsewhere = False
        if total is None and not at_end and SENTENCE_OPENS_RE.search(t, 0, m.start()):
            # "…运行维护费支出10.86万元，较上年减少1.04万元。其中：购置…；运行维护…": the total
            # is the subject of the sentence before (or of the paragraph before); summed only
            # when the parts form an identity of the template.
            head = _subject_of_previous_sentence(doc, index, t, m.start())
            if head is not None:
                total, unit, head_elsewhere = head.num, head.unit, True
                label = ITEM_NUMBER_RE.sub("", head.label)
        if total is None:
            continue
        if at_end:
            parts, kind = _following_parts(doc.blocks, index + 1, Amount(total, unit, 0, 0).wan, label)
        else:
            # Parts run to the end of the sentence or to the next marker.
            end = len(t)
            dot = t.find("。", m.end())
            if dot != -1:
                end = dot
            if k + 1 < len(markers):
                end = min(end, markers[k + 1].start())
            end = _numbered_run_end(t, amounts, m.end(), end)
            end = _new_subject_stop(t, amounts, m.end(), end, total, unit, label)
            parts = []
            actual = budget_kind(label) is None
            for a in amounts:
                if a.start < m.end() or a.end > end or _is_change_amount(t, a) or _in_brackets(t, m.end(), a):
                    continue
                if actual and parts and BESIDE_BUDGET_RE.fullmatch(clean_label(a.label)):
                    # "其中：因公出国支出0万元，年初预算为0万元，差值为0万元；…": a part's own
                    # budget beside it, a bare budget label, is not one more part of the actual
                    # total; a part named after a budget (政府性基金预算, 基本支出预算) is one.
                    continue
                share, ref = _share_after(t, a)
                parts.append(Part(a.label, a, _loc(block), share, ref))
            kind = "inline"
            if parts and _described_to_the_end(t, amounts, parts[-1].amount):
                # "其中：人员经费X万元，主要包括：…。" then "公用经费Y万元，主要包括：…" on the
                # next paragraph (a PDF joins the first part to the 其中 line).
                more, more_kind = _following_parts(doc.blocks, index + 1, Amount(total, unit, 0, 0).wan, label, parts)
                seen = {p.label for p in parts}
                if more_kind == "continued":
                    parts.extend(p for p in more if p.label not in seen)
        if not parts:
            continue
        start = max(t.rfind(c, 0, head.start) for c in "，,；;。") + 1 if head and not head_elsewhere else 0
        excerpt = block.text[start : m.end()].strip()
        b = Breakdown(label, total, unit, _loc(block, excerpt), parts, kind)
        sentence = t[max(t.rfind("。", 0, m.start()) + 1, 0) : m.end()]
        last = parts[-1].amount
        tail = t[last.end : last.end + 2] if kind == "inline" else ""
        if PARTIAL_RE.search(sentence.replace("主要用于以下", "")) or tail.startswith("等"):
            b.extra["partial"] = True
        if head_elsewhere:
            b.extra["sentence_head"] = True
            b.extra["partial"] = b.extra.get("partial", False)
            done = _finish(b)
            if done.why_complete == "identity":
                out.append(done)
            continue
        if kind == "inline" and head is not None and not b.extra.get("partial"):
            dot = t.find("。", m.end())
            span = t[m.end() : dot if dot != -1 else len(t)]
            if (
                k + 1 == len(markers) or markers[k + 1].start() > (dot if dot != -1 else len(t))
            ) and not NOT_ENUMERATED_RE.search(span):
                b.extra["enumerated"] = _enumerated(t, label, parts, dot if dot != -1 else len(t))
        out.append(_finish(b))
        if kind == "items":
            out.extend(_budget_list(t, amounts, m.start(), parts, block))
    return out


# A part's own budget beside it: a bare budget label, BUDGET_TAIL's words or 预算安排
# ("年初预算为0万元", "年初预算安排35.00万元", "全年预算资金10.00万元").
BESIDE_BUDGET_RE = re.compile(r"(?:年初|全年|调整后|调整)?预算(?:安排)?(?:数|金额|资金)?")


def _in_brackets(t: str, start: int, amount: Amount) -> bool:
    """ "基本支出290万元（含人员经费250万元）": an amount inside brackets opened after ``start``
    details or restates the part before it; it is not a part of its own."""
    seg = t[start : amount.start]
    if "(" not in seg and "（" not in seg:
        return False  # the usual case: no bracket at all
    depth = 0
    for c in seg:
        if c in "（(":
            depth += 1
        elif c in "）)" and depth > 0:
            depth -= 1
    return depth > 0


# A numbered item run into a paragraph: a 一、 or （一） label (read by numbering.parse_label)
# after a clause break ("…，三、2023年公务接待费预算…", "；（二）…").
ITEM_AFTER_BREAK_RE = re.compile(r"[，,；;]\s*(?=[（(]?\s*[一二三四五六七八九十])")
RUN_IN_ITEM_STYLES = ("cn", "cn-paren")
# Where a numbered run of parts may open between a marker and its first figure, whatever the
# words before it ("其中：（一）…", "其中主要有：（一）…", "其中按经济分类：一、…"): a 一、 or
# （一） not inside a numeral (read by _run_in_item).
RUN_START_RE = re.compile(r"(?<![〇零一二三四五六七八九十百两])(?=[（(]?\s*[一二三四五六七八九十])")
NUMERAL_LIST_RE = re.compile(r"[一二三四五六七八九十]+(?:、|季度|月)")  # 三、四季度: numerals, no item


def _run_in_item(t: str, pos: int) -> Label | None:
    """The 一、 or （一） item label at ``pos``, or None."""
    label = parse_label(t[pos : pos + 12])
    if label is None or label.style not in RUN_IN_ITEM_STYLES:
        return None
    if label.style == "cn" and NUMERAL_LIST_RE.match(label.rest):
        return None
    return label


def _numbered_run_end(t: str, amounts: list[Amount], begin: int, end: int) -> int:
    """Where a numbered item run into the paragraph ends the parts after a marker (``begin``):
    at the first such item when the parts are not numbered ("其中公务用车运行费150万元，…，三、
    2023年公务接待费预算200万元": the next item of the list the total is in); when they are, a
    run opened by an item between the marker and the first figure ("其中：（一）…；（二）…",
    "其中用于：（一）…"), at the first item of a higher level ("…（二）…，三、…"). An item of the
    run's level that breaks its numbering (（一）…；（三）…, （一）…；（一）…) is a typo in the
    run, and a lower one is nested in one of its items."""
    figure = next((a.start for a in amounts if a.start >= begin), end)
    run = next(
        (
            (label, m.start())
            for m in RUN_START_RE.finditer(t, begin, min(figure, end))
            if (label := _run_in_item(t, m.start())) is not None
        ),
        None,
    )
    for im in ITEM_AFTER_BREAK_RE.finditer(t, begin if run is None else run[1], end):
        item = _run_in_item(t, im.end())
        if item is None:
            continue
        if run is not None and STYLE_RANK[item.style] >= STYLE_RANK[run[0].style]:
            continue
        return im.start()
    return end


# Words that make a labelled amount a quantity of its own rather than one more part.
NEW_SUBJECT_WORDS = re.compile(r"决算|预算|金额|总额|合计|总计|授予|中小企业")
SEMICOLON_RE = re.compile(r"[；;]")


def _new_subject_stop(t: str, amounts: list[Amount], begin: int, end: int, total: Num, unit: str, label: str) -> int:
    """Where the parts list after a marker ends: at the first "；" (within ``begin``..``end``)
    where the parts before it already make up the total and the clause after it names another
    quantity ("货物15万元，服务5万元；授予中小企业合同金额18万元", "其中运行维护费6万元；
    公务接待费支出决算2万元"). A list whose parts are only separated by "；" runs on."""
    needs = next((ns for h, ns in IDENTITIES if h.search(label)), None)
    for sm in SEMICOLON_RE.finditer(t, begin, end):
        stop = sm.start()
        after = next((a for a in amounts if a.start > stop and a.end <= end), None)
        if after is None:
            continue
        # A sibling part: one the total's identity names (checked below: or one that carries
        # a share as the parts before it do, "…，占0%；对附属单位补助支出0万元，占0%").
        if needs is not None and any(n.search(after.label) for n in needs):
            continue
        # Another quantity: a total-like label (…决算, …金额) or the head of another identity
        # (公务接待费 after the vehicle parts).
        other = NEW_SUBJECT_WORDS.search(after.label) or any(
            h.search(after.label) for h, ns in IDENTITIES if ns is not needs
        )
        if not other:
            continue
        before = [
            a
            for a in amounts
            if begin <= a.start and a.end <= stop and not _in_brackets(t, begin, a) and not _is_change_amount(t, a)
        ]
        if not before:
            continue
        if _share_after(t, after)[0] is not None and _share_after(t, before[-1])[0] is not None:
            continue
        # Without an identity to name the siblings, only a list that is already complete ends.
        if needs is not None or sum_consistent(Amount(total, unit, 0, 0).wan, [a.wan for a in before]):
            return stop
    return end


def _subject_of_previous_sentence(doc: Document, index: int, t: str, marker: int) -> Amount | None:
    """The first amount of the sentence before ``marker`` (its subject), or of the last
    sentence of the paragraph before when the marker opens the paragraph."""
    before = t[:marker].rstrip()
    if before:
        text = before.rstrip("。")
        amounts = find_amounts(text)
    else:
        prev = doc.blocks[index - 1] if index > 0 else None
        if not isinstance(prev, Paragraph):
            return None
        text = normalize(prev.text).rstrip().rstrip("。")
        amounts = find_amounts(text)
    start = text.rfind("。") + 1
    # "…支出预算为5.00万元，支出决算为4.50万元，完成预算的90%。其中：…": the list decomposes
    # the 决算, so a budget figure is never the subject.
    first = next((a for a in amounts if a.start >= start and budget_kind(a.label) is None), None)
    if first is None or first.start - start > 40 or _is_change_amount(text, first):
        return None
    budget = next((a for a in amounts if start <= a.start < first.start), None)
    if budget is not None:
        # "“三公”经费支出预算为A万元，支出决算为B万元": the subject is named with the budget.
        first = replace(first, label=_merge_labels(BUDGET_TAIL.sub("", clean_label(budget.label)), first.label))
    return first


def _merge_labels(subject: str, label: str) -> str:
    """ "“三公”经费支出" + "支出决算" -> "“三公”经费支出决算"."""
    for k in range(len(label), 0, -1):
        if subject.endswith(label[:k]):
            return subject + label[k:]
    return subject + label


def _budget_list(t: str, amounts: list[Amount], marker: int, parts: list[Part], block: Paragraph) -> list[Breakdown]:
    """The 预算数 of the 项 list against the budget stated with its total (年初预算为A万元…)."""
    heads = [a for a in amounts if a.end <= marker and budget_kind(a.label) is not None]
    if len(heads) != 1 or any(p.budget is None for p in parts):
        return []
    head = heads[0]
    kinds = {budget_kind(p.budget.label) for p in parts if p.budget is not None}
    if kinds != {budget_kind(head.label)}:
        return []
    bparts = [
        Part(p.label, p.budget, p.location, class_name=p.class_name, class_code=p.class_code) for p in parts if p.budget
    ]
    b = Breakdown(head.label, head.num, head.unit, _loc(block, block.text[head.start : head.end]), bparts, "items")
    b.extra["budget"] = True
    return [_finish(b)]


def document_breakdowns(doc: Document) -> list[Breakdown]:
    """Every breakdown statement in the document, in order."""
    out: list[Breakdown] = []
    for i, block in enumerate(doc.blocks):
        if not isinstance(block, Paragraph):
            continue
        # Both tests read the text as printed: normalize() changes only full-width digits and
        # punctuation, so a paragraph that fails them is never normalized here.
        text = block.text
        if _has_marker(text):
            out.extend(paragraph_breakdowns(doc, i))
        # A share list states amounts (元) with their shares (占…%).
        if "中" in text and "占" in text and "元" in text and ("%" in text or "％" in text):
            out.extend(share_list_breakdowns(doc, i))
    return out


def _has_marker(text: str) -> bool:
    """Does ``MARKER_RE`` occur in ``text``? A plain substring test first, which most
    paragraphs fail; the same answer for a text and its normalized form (no marker
    needs a full-width digit or sign, and the colon after 其中 is optional)."""
    return ("其中" in text or "主要用于以下" in text or "如下" in text) and MARKER_RE.search(text) is not None


SHARE_LIST_LEAD = re.compile(r"\s*(?P<subject>[^，,。；;：:]{4,40}?)中\s*[，,]")
SENTENCE_END_RE = re.compile(r"(?<=。)")
SHARE_LIST_LOOKBACK = 4  # paragraphs searched for the total named by the subject


def share_list_breakdowns(doc: Document, index: int) -> list[Breakdown]:
    """ "“三公”经费财政拨款支出决算中，因公出国（境）费0.00万元，占0.00%；公务用车…占82.27%；
    公务接待费…占17.73%。": every amount of the sentence carries its share, and the total is the
    subject, stated in this paragraph or one of the few before (the 三公 total line). Used only
    when that total is found and the parts add up to it, so the right figure was found."""
    block = doc.blocks[index]
    t = normalize(block.text)
    here = find_amounts(block.text)
    out: list[Breakdown] = []
    pos = 0
    for sentence in SENTENCE_END_RE.split(t):
        s_start, pos = pos, pos + len(sentence)
        m = SHARE_LIST_LEAD.match(sentence)
        if not m or MARKER_RE.search(sentence):
            continue
        subject = clean_label(m.group("subject"))
        amounts = [a for a in here if s_start + m.end() <= a.start and a.end <= pos]
        parts: list[Part] = []
        for a in amounts:
            share, ref = _share_after(t, a)
            if share is None or ref or _is_change_amount(t, a):
                parts = []
                break
            parts.append(Part(a.label, a, _loc(block), share, ref))
        if len(parts) < 2 or not subject:
            continue
        earlier = [a for a in here if a.end <= s_start + m.start("subject")]
        cands = _total_candidates(doc, index, earlier)
        found = next(((j, a) for j, a in cands if a.label and same_quantity(a.label, subject)), None)
        if found is None:
            continue
        j, total = found
        if check_sum(total.wan, [p.amount.wan for p in parts]).verdict == ERROR:
            continue  # not the total these parts make up
        b = Breakdown(
            subject, total.num, total.unit, _loc(block, block.text[s_start : s_start + m.end()]), parts, "inline"
        )
        if j != index:
            b.extra["total_location"] = _loc(doc.blocks[j], doc.blocks[j].text[total.start : total.end])
        out.append(_finish(b))
    return out


def _total_candidates(doc: Document, index: int, earlier: list[Amount]) -> Iterator[tuple[int, Amount]]:
    """Where a share list's total may be stated, nearest first after this paragraph's own
    amounts before the list: the amounts of the few paragraphs before, each read from its end.
    A generator, so the paragraphs before are parsed only when this one does not name it."""
    for a in earlier:
        yield index, a
    for j in range(index - 1, max(index - 1 - SHARE_LIST_LOOKBACK, -1), -1):
        prev = doc.blocks[j]
        if isinstance(prev, Paragraph) and "元" in prev.text:
            pt = normalize(prev.text)
            for a in reversed(find_amounts(prev.text)):
                if not _is_change_amount(pt, a):
                    yield j, a


def cached_breakdowns(facts, doc: Document) -> list[Breakdown]:
    """The document's breakdowns, parsed once per document whichever rule asks first."""
    return facts.document("facts.breakdowns", lambda: document_breakdowns(doc))


@dataclass
class ClassCheck:
    """The 项 items of one 类 against the 类 total stated in the 结构 paragraph."""

    items: Breakdown
    structure: Breakdown
    part: Part
    members: list[Part]


CLASS_CODE_RE = re.compile(r"\((\d{3})\)")


def class_checks(breakdowns: list[Breakdown]) -> list[ClassCheck]:
    """Pair each 项 list with a 结构 breakdown of the same total, class by class."""
    out: list[ClassCheck] = []
    for items in (b for b in breakdowns if b.kind == "items" and not b.extra.get("budget")):
        candidates = [
            b
            for b in breakdowns
            if b is not items and b.kind == "inline" and b.complete and b.total_wan.value == items.total_wan.value
        ]
        if not candidates:
            continue
        structure = candidates[-1]
        for part in structure.parts:
            code = CLASS_CODE_RE.search(normalize(part.label))
            key = class_key(part.label)
            members = [
                it
                for it in items.parts
                if (code and it.class_code == code.group(1)) or (not it.class_code and it.class_name == key)
            ]
            if not members and not code:
                members = [it for it in items.parts if it.class_name and it.class_name == key]
            if members:
                out.append(ClassCheck(items, structure, part, members))
    return out
