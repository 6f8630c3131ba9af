"""Heading numbering labels of Chinese government documents.

Readers use this to recognise headings written as plain paragraphs (most
government files number their headings by hand); the numbering rules use
the same parse to check sequences. Styles, from outer to inner by custom:

    part      第一部分 / 第3部分
    cn        一、
    cn-paren  （一）
    num       1、
    num-dot   1. / 1．
    num-paren （1）
    circled   ①
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiscalint.memo import per_document

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Customary depth of each style; a document may skip levels.
STYLE_RANK = {"part": 1, "cn": 2, "cn-paren": 3, "num": 4, "num-dot": 4, "num-paren": 5, "circled": 6}

_CN = "〇零一二三四五六七八九十百两"
_LABEL = re.compile(
    rf"""^\s*(?:
      (?P<part>第\s*(?P<pv>[{_CN}]+|\d+)\s*(?:部分|章))
    | (?P<cnparen>[（(]\s*(?P<cpv>[{_CN}]+)\s*[）)])
    | (?P<cn>(?P<cv>[{_CN}]+)\s*[、.．])
    | (?P<numparen>[（(]\s*(?P<npv>\d{{1,3}})\s*[）)])
    | (?P<num>(?P<nv>\d{{1,3}})\s*、)
    | (?P<numdot>(?P<ndv>\d{{1,3}})\s*(?:[.．](?!\d)|．(?=(?:19|20)\d\d\s*年)))
    | (?P<circled>[{CIRCLED}])
    )""",
    re.VERBOSE,
)


def cn_to_int(text: str) -> int | None:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23, 一百零五 -> 105."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (current or 1) * CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


_CN_NAMES = "零一二三四五六七八九"


def int_to_cn(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三 (Word's chineseCounting)."""
    if n < 0:
        return str(n)
    if n < 10:
        return _CN_NAMES[n]
    if n < 20:
        return "十" + (_CN_NAMES[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_NAMES[n // 10] + "十" + (_CN_NAMES[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return _CN_NAMES[hundreds] + "百"
    tail = int_to_cn(rest) if rest >= 10 else "零" + _CN_NAMES[rest]
    if 10 <= rest < 20:
        tail = "一" + tail
    return _CN_NAMES[hundreds] + "百" + tail


@dataclass(frozen=True)
class Label:
    text: str  # the label as printed, e.g. "（二）"
    style: str
    number: int
    rest: str  # the text after the label


# The style and value group of each alternative of _LABEL, by the name of the
# alternative that matched (``m.lastgroup``: each alternative's group closes last).
_ALTERNATIVES = {
    "part": ("part", "pv"),
    "cnparen": ("cn-paren", "cpv"),
    "cn": ("cn", "cv"),
    "numparen": ("num-paren", "npv"),
    "num": ("num", "nv"),
    "numdot": ("num-dot", "ndv"),
    "circled": ("circled", "circled"),
}


@per_document
def parse_label(text: str) -> Label | None:
    """Split a numbering label off the start of ``text``; None when there is none.

    Memoised for the document being checked: the readers parse every line
    once and the section rules parse the same headings and paragraphs again.
    """
    m = _LABEL.match(text)
    if not m:
        return None
    style, group = _ALTERNATIVES[m.lastgroup]  # type: ignore[index]
    value = m.group(group)
    number = CIRCLED.index(value) + 1 if style == "circled" else cn_to_int(value)
    if number is None or number == 0:
        return None
    return Label(m.group(0).strip(), style, number, text[m.end() :].strip())


def render_label(style: str, number: int) -> str:
    """The label a style prints for a number: ("cn", 9) -> "九、"."""
    return {
        "part": f"第{int_to_cn(number)}部分",
        "cn": f"{int_to_cn(number)}、",
        "cn-paren": f"（{int_to_cn(number)}）",
        "num": f"{number}、",
        "num-dot": f"{number}.",
        "num-paren": f"（{number}）",
        "circled": CIRCLED[number - 1] if 0 < number <= len(CIRCLED) else f"({number})",
    }[style]


_SENTENCE_END = tuple("。；;！!？?：:")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|元|%|％)")
_DIGIT = re.compile(r"\d")
_CLAUSE_MARK = re.compile("[，,；;：:]")  # a title has none of these


def looks_like_heading(label: Label | None, text: str, max_len: int = 40) -> bool:
    """A numbered line is a heading when it is short and reads as a title.

    "1.负责全区党的组织体系建设……" is a list item, "（一）收入情况。" a heading.
    """
    if label is None:
        return False
    rest = label.rest.strip()
    if not rest or label.style == "part":
        return bool(rest) or label.style == "part"
    body = rest.rstrip("。.")
    if len(body) > max_len:
        return False
    if _CLAUSE_MARK.search(body) or rest.endswith(_SENTENCE_END[1:]):
        return False
    return not _AMOUNT.search(body)


def split_run_in(label: Label | None, text: str, max_title: int = 20) -> tuple[str, str] | None:
    """Split a run-in heading "（二）实施目的及支持方向。项目经费主要用于……" into
    ("（二）实施目的及支持方向。", "项目经费主要用于……"); None when it is not one."""
    if label is None or label.style == "part":
        return None
    rest = label.rest
    cut = rest.find("。")
    if cut <= 0 or cut == len(rest) - 1:
        return None
    title = rest[: cut + 1]
    if len(title) - 1 > max_title or _CLAUSE_MARK.search(title) or _DIGIT.search(title):
        return None
    head = text[: len(text) - len(rest)] + title
    return head.strip(), rest[cut + 1 :].strip()
