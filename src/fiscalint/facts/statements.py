"""Change, rate and share statements in prose.

* change: "与2022年度相比，增加X万元，增长Y%", "比2020年减少X万元，下降Y%",
  "持平"; the current value is the amount of the same quantity stated just
  before in the paragraph (matched by its label), so growth can be checked
  as change / (current − change);
* rate: "完成预算的X%", "完成年初预算的X%", "执行率X%" with the 预算数 and the
  决算数/执行数 stated in the same statement;
* referenced share: "占本年支出合计的100%", whose total is stated elsewhere
  in the document (the nearest earlier amount with that label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiscalint.facts.amounts import BUDGET_TAIL, Amount, Percent, clean_label, find_amounts
from fiscalint.facts.numbers import Num, normalize
from fiscalint.memo import per_document
from fiscalint.model import Document, Location, Paragraph

UP = ("增加", "增长", "上升", "增支", "提高", "增多", "增幅")
DOWN = ("减少", "下降", "降低", "节约", "节省", "减支", "减幅", "降幅")
_CHANGE_VERB = r"增加|减少|增长|下降|上升|降低|节约|节省|增支|减支"
CHANGE_RE = re.compile(rf"(?P<verb>{_CHANGE_VERB})了?\s*(?=[-−–(]?\s*\d[\d,.]*\s*(?:亿元|万元|千元|元))")
# CHANGE_RE's verbs alone: a test on the text as printed (normalize() leaves them alone).
CHANGE_VERB_RE = re.compile(_CHANGE_VERB)
_RATE_VERB = r"增长|下降|上升|降低|减少|增加|增幅|降幅"
RATE_AFTER_RE = re.compile(
    rf"\s*[，,、]?\s*(?:同比)?(?P<verb>{_RATE_VERB})(?:\s*[(（](?P<alt>{_RATE_VERB})[)）])?(?:率)?(?:了|为|达)?"
    r"\s*(?P<neg>[-−–])?(?P<num>\d+(?:\.\d+)?)\s*%"
)
# "增长 13.95。": a rate printed without its % sign.
RATE_NO_PCT_RE = re.compile(
    rf"\s*[，,、]\s*(?:同比)?(?P<verb>{_RATE_VERB})(?:率)?(?:了|为|达)?\s*(?P<num>\d+\.\d+)\s*(?=[。；;，,]|$)"
)
COMPARE_RE = re.compile(
    r"(?:与|和|同|较|比)\s*(?:\d{4}\s*年度?|上年度?|上一年度?|去年|上年同期)\s*(?:相比|比较|对比)?(?:较)?"
)
COMPLETION_RE = re.compile(
    r"(?:完成|达到|占)(?P<which>年初|调整后|全年)?预算(?:数)?的?\s*(?P<num>\d+(?:\.\d+)?)\s*%"
    r"|(?:预算)?执行率(?:为|达到|达|是)?\s*(?P<num2>\d+(?:\.\d+)?)\s*%"
)
ACTUAL_TAIL = re.compile(r"(?:执行数|执行金额|决算数|支出决算|决算|实际支出|实际执行)$")
REF_SHARE_RE = re.compile(r"占(?P<ref>[^，,。；;%]{2,30}?)的\s*(?P<num>\d+(?:\.\d+)?)\s*%")
_YEAR = re.compile(r"\d{4}\s*年度?")


def _loc(block: Paragraph, excerpt: str) -> Location:
    return block.location.excerpted(excerpt)


_LEAD_NUMBER = re.compile(r"^\s*\d+\s*[.、]")
_TRAILING_VERBS = re.compile(r"(?:增加|减少|增长|下降|上升|降低|节约|节省|增支|减支|各|分别|均|共|了)+$")
_TRAILING_ACTUAL = re.compile(r"(?:决算数|决算|数)$")


@per_document
def subject_key(label: str) -> str:
    """What quantity a label names, with comparison words, verbs and fillers removed.

    A pure function of the label, memoised for the document: every change statement
    compares its subject with the label of each amount before it."""
    t = normalize(label)
    t = COMPARE_RE.sub("", t)
    t = _YEAR.sub("", t)
    t = _LEAD_NUMBER.sub("", t)
    t = _TRAILING_VERBS.sub("", t)
    t = _TRAILING_ACTUAL.sub("", t)
    return t.strip(" ，,、")


def same_quantity(a: str, b: str) -> bool:
    """Do two labels name the same quantity? Equal, or one contains the other (≥ 4 characters),
    and they do not differ in 收入/支出 or 预算/决算."""
    ka, kb = subject_key(a), subject_key(b)
    if not ka or not kb:
        return False
    for x, y in (("收入", "支出"), ("预算", "决算")):
        if (x in ka and y in kb and x not in kb) or (y in ka and x in kb and y not in kb):
            return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= 4 and short in long_


@dataclass
class ChangeStatement:
    location: Location
    subject: str
    direction: int  # +1 增加, -1 减少
    verb: str
    change: Amount
    current: Amount | None
    rate: Percent | None
    rate_verb: str
    rate_direction: int
    flat: bool  # 持平 stated in the same clause
    others: tuple = ()  # other amounts stated before in the paragraph: if one fits, stay silent
    alt_verb: str = ""  # 下降（增长）: template wording with both directions left in
    bare_rate: Num | None = None  # 增长 13.95。: the rate lacks its % sign


def _direction(verb: str) -> int:
    return 1 if verb in UP else -1 if verb in DOWN else 0


def paragraph_changes(block: Paragraph) -> list[ChangeStatement]:
    """The change statements of a paragraph; its amounts are parsed only when it has one."""
    text = block.text
    if "元" not in text or not CHANGE_VERB_RE.search(text):
        return []  # a change is a verb then an amount (CHANGE_RE looks ahead to its unit)
    t = normalize(text)
    verbs = list(CHANGE_RE.finditer(t))
    if not verbs:
        return []
    amounts = find_amounts(block.text)
    out: list[ChangeStatement] = []
    for m in verbs:
        change = next((a for a in amounts if a.start >= m.end() and a.start - m.end() <= 3), None)
        if change is None:
            continue
        rate = None
        rate_verb = ""
        alt_verb = ""
        bare_rate = None
        rm = RATE_AFTER_RE.match(t, change.end)
        nm = RATE_NO_PCT_RE.match(t, change.end) if not rm else None
        if nm:
            bare_rate = Num.parse(nm.group("num"))
            rate_verb = nm.group("verb")
        if rm:
            alt_verb = rm.group("alt") or ""
            num = Num.parse(rm.group("num"))
            if num is not None:
                if rm.group("neg"):
                    num = Num(-num.value, num.decimals, "-" + rm.group("num"))
                rate = Percent(num, rm.start("num"), rm.end())
                rate_verb = rm.group("verb")
        # The subject: words before the verb in this clause, or the clause before.
        clause_start = max(t.rfind(c, 0, m.start()) for c in "，,。；;") + 1
        raw_subject = t[clause_start : m.start()]
        subject = subject_key(raw_subject)
        sentence_start = max(t.rfind(c, 0, m.start()) for c in "。；;") + 1
        prior = [a for a in amounts if a.end <= m.start() and a is not change]
        current = None
        if subject:
            for a in reversed(prior):
                if same_quantity(a.label, subject):
                    current = a
                    break
        else:
            same_sentence = [a for a in prior if a.start >= sentence_start]
            if same_sentence:
                current = same_sentence[-1]
        clause_end = len(t)
        after = rate.end if rate else change.end
        for c in "。；;，,":
            k = t.find(c, after)
            if k != -1:
                clause_end = min(clause_end, k)
        flat = "持平" in t[clause_start:clause_end]
        if not flat and not subject and clause_start > 0:
            # "与上年持平，减少2万元": 持平 in the clause just before, about the same subject.
            prev_start = max(t.rfind(c, 0, clause_start - 1) for c in "，,。；;") + 1
            flat = "持平" in t[prev_start:clause_start] and t[clause_start - 1] in "，,"
        verb = m.group("verb")
        out.append(
            ChangeStatement(
                _loc(block, block.text[clause_start : (rate.end if rate else nm.end() if nm else change.end)]),
                subject,
                _direction(verb),
                verb,
                change,
                current,
                rate,
                rate_verb,
                _direction(rate_verb) if rate_verb else 0,
                flat,
                tuple(a for a in prior if a is not current and not CHANGE_RE.search(t, max(0, a.start - 6), a.start)),
                alt_verb,
                bare_rate,
            )
        )
    return out


EARLIER_LOOKBACK = 3  # paragraphs searched for a document-level total named by a change


def _subject_names(subject: str) -> list[str]:
    """ "收入、支出总计" -> [收入总计, 支出总计]; a single name as is."""
    items = [x for x in re.split(r"[、和及与]", subject) if x]
    if len(items) < 2:
        return [subject]
    last = items[-1]
    n = len(items[0])
    if n >= len(last):
        return []
    suffix = last[n:]
    return [x + suffix for x in items[:-1]] + [last]


def current_from_earlier(doc: Document, index: int, cs: ChangeStatement) -> Amount | None:
    """ "收入、支出总计与上年相比各增加72.08万元，增长5.66%": the current value of a total
    (总计/合计) stated in the paragraphs just before; every named total must be found, with
    one value, else None."""
    if cs.current is not None or ("总计" not in cs.subject and "合计" not in cs.subject):
        return None
    names = _subject_names(cs.subject)
    if not names:
        return None
    found: list[Amount] = []
    for name in names:
        hit = None
        key = subject_key(name)
        for j in range(index - 1, max(index - 1 - EARLIER_LOOKBACK, -1), -1):
            block = doc.blocks[j]
            if not isinstance(block, Paragraph) or "元" not in block.text:
                continue  # a paragraph without 元 states no amount
            t = normalize(block.text)
            for a in reversed(find_amounts(block.text)):
                if CHANGE_RE.search(t, max(0, a.start - 6), a.start):
                    continue
                if subject_key(a.label) == key:
                    hit = a
                    break
            if hit is not None:
                break
        if hit is None:
            return None
        found.append(hit)
    if len({a.wan.value for a in found}) != 1:
        return None
    return found[0]


@dataclass
class RateStatement:
    location: Location
    rate: Percent
    which: str  # 年初 / 调整后 / 全年 / "" (plain)
    budget: Amount
    actual: Amount


def paragraph_rates(block: Paragraph) -> list[RateStatement]:
    """Completion / execution rates with both amounts in the same statement."""
    # Both figures are amounts (元), the budget's label names 预算 (…预算数为), the rate has a %.
    text = block.text
    if "元" not in text or "预算" not in text or ("%" not in text and "％" not in text):
        return []
    t = normalize(text)
    rates = list(COMPLETION_RE.finditer(t))
    if not rates or t.find("预算") >= rates[-1].start():
        return []  # no budget figure before the last rate
    amounts = find_amounts(text)
    out: list[RateStatement] = []
    prev_end = 0
    for m in rates:
        raw = m.group("num") or m.group("num2")
        num = Num.parse(raw)
        window_start = max(prev_end, t.rfind("。", 0, m.start()) + 1)
        # The statement may run over two short sentences: 预算数A。执行数B，完成预算p%.
        window_start = max(prev_end, t.rfind("。", 0, max(window_start - 1, 0)) + 1)
        prev_end = m.end()
        if num is None:
            continue
        window = [a for a in amounts if a.start >= window_start and a.end <= m.start()]
        budgets, actuals = [], []
        for a in window:  # by identity: ``a not in budgets`` would compare Amounts field by field
            label = clean_label(a.label)
            if BUDGET_TAIL.search(label):
                budgets.append(a)
            elif ACTUAL_TAIL.search(label):
                actuals.append(a)
        if len(budgets) != 1 or len(actuals) != 1:
            continue
        budget, actual = budgets[0], actuals[0]
        which = m.group("which") or ""
        bwhich = BUDGET_TAIL.search(clean_label(budget.label)).group("which") or ""
        seg = t[window_start : m.end()]
        if which == "年初" and bwhich != "年初":
            continue
        if which in ("调整后", "全年") and bwhich == "年初":
            continue
        if not which and bwhich == "年初" and re.search(r"追加|调整|结转|调减", seg):
            continue  # the rate is of the adjusted budget, which is not stated
        excerpt = block.text[window_start : m.end()].strip()
        out.append(RateStatement(_loc(block, excerpt), Percent(num, m.start(), m.end()), which, budget, actual))
    return out


@dataclass
class LabelledAmount:
    label: str
    amount: Amount
    block_index: int
    location: Location


def _labelled(doc: Document, index: int, amount: Amount) -> LabelledAmount:
    return LabelledAmount(amount.label, amount, index, _loc(doc.blocks[index], amount.text))


@dataclass
class RefShare:
    location: Location
    part: Amount
    share: Percent
    ref: str
    total: LabelledAmount


def _ref_matches(label: str, ref: str) -> bool:
    return label == ref or (label.endswith(ref) and len(ref) >= 4)


_DOCUMENT_TOTAL = re.compile(r"合计|总计|总额")


class _EarlierTotals:
    """The latest statement, before the paragraph being read, of a total named by a share:
    an amount whose label is the name, or ends with it when it has four or more characters
    (``_ref_matches``).

    Searched only when asked, from the latest paragraph back, and only in paragraphs whose
    text holds the name (a label is a piece of its paragraph's text); the answer for a name
    is kept, so a later ask searches only the paragraphs passed since. A report rarely has
    more than a few 占…合计的p%, so most paragraphs are never parsed here."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.passed: list[int] = []  # paragraphs with amounts before the one being read
        self.known: dict[str, tuple[int, tuple[int, Amount] | None]] = {}  # name -> (searched, hit)

    def get(self, ref: str) -> LabelledAmount | None:
        searched, hit = self.known.get(ref, (0, None))
        for j in reversed(self.passed[searched:]):
            text = self.doc.blocks[j].text
            if ref in normalize(text):
                a = next((a for a in reversed(find_amounts(text)) if a.label and _ref_matches(a.label, ref)), None)
                if a is not None:
                    hit = (j, a)
                    break
        self.known[ref] = (len(self.passed), hit)
        return _labelled(self.doc, *hit) if hit is not None else None


def document_ref_shares(doc: Document) -> list[RefShare]:
    """ "X万元，占本年支出合计的p%" with the total found earlier in the document.

    One pass: the latest earlier statement of every label is looked up in
    ``_EarlierTotals``, so the cost is linear in the size of the document.
    Only paragraphs with an amount (元) matter, as a part or as a total.
    """
    earlier = _EarlierTotals(doc)
    out: list[RefShare] = []
    for i, block in enumerate(doc.blocks):
        if not isinstance(block, Paragraph) or "元" not in block.text:
            continue
        text = block.text
        if "占" in text and ("%" in text or "％" in text):
            out.extend(_ref_shares_in(doc, i, normalize(text), earlier))
        earlier.passed.append(i)
    return out


def _ref_shares_in(doc: Document, index: int, t: str, earlier: _EarlierTotals) -> list[RefShare]:
    """The 占<ref>的p% shares of paragraph ``index`` whose total is found: in this paragraph,
    or anywhere before when it is a document-wide total (本年支出合计, 政府采购支出总额)."""
    block = doc.blocks[index]
    amounts = find_amounts(block.text)
    out: list[RefShare] = []
    for m in REF_SHARE_RE.finditer(t):
        ref = clean_label(m.group("ref"))
        part = next((a for a in reversed(amounts) if a.end <= m.start() and m.start() - a.end <= 3), None)
        if part is None or not ref:
            continue
        # The nearest earlier statement of that total in this paragraph.
        same = [a for a in amounts if a.label and _ref_matches(a.label, ref) and a.end <= part.start]
        found = _labelled(doc, index, same[-1]) if same else None
        if found is None and _DOCUMENT_TOTAL.search(ref):
            found = earlier.get(ref)
        if found is None:
            continue
        num = Num.parse(m.group("num"))
        if num is None:
            continue
        out.append(
            RefShare(
                _loc(block, block.text[part.start : m.end()]),
                part,
                Percent(num, m.start("num"), m.end()),
                ref,
                found,
            )
        )
    return out
