"""Section rules (SEC…): heading numbering, numbered lists, required sections, report titles.

Numbering (SEC010–SEC015) needs no template: within one parent section the
sibling headings must run 1, 2, 3… in one style, and numbered paragraphs
(the 名词解释 list) form sequences of their own. Required sections and
tables (SEC001–SEC004) follow the report template the engine detected from
the rule packs (``ctx.profile``); docs/rule-packs.md documents the format.
SEC020 compares the titles of the reports bundled in one file, SEC030 looks
for a section that stops mid-sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from fiscalint.facts.years import is_title_like
from fiscalint.hookspecs import hookimpl
from fiscalint.memo import per_document
from fiscalint.model import Block, Document, Heading, Location, Paragraph, Table
from fiscalint.numbering import STYLE_RANK, parse_label, render_label
from fiscalint.rule import Event, Rule, RuleContext

# -- shared helpers -----------------------------------------------------------

_REPORT_TITLE_END = re.compile(r"(?:报告|情况说明|公开说明|自评表|评价表)$")
_ANNEX_MARK = re.compile(r"^(?:附\s*件|附\s*表)\s*[0-9一二三四五六七八九十]*\s*[：:]?$")
_TOC_LINE = re.compile(r"(?:…{2,}|\.{4,}|·{4,}|-{4,})\s*\d+\s*$")
_TOC_TITLE = re.compile(r"目\s*录")
_RUN_IN = re.compile(r"^[^，。；：、,;:\d（(]{2,16}。\S")
_TABLE_PREFIX = re.compile(
    r"^(?:附?表\s*[0-9一二三四五六七八九十]+(?:[-—－][0-9]+)?\s*[：:.．、]?\s*|[一二三四五六七八九十]+、\s*)"
)


def _is_run_in(text: str) -> bool:
    """A paragraph opening with a run-in title (实施目的及支持方向。项目经费……). _RUN_IN needs
    the text's first 。 at index 2 to 16 (the title cannot hold one): looked up before the regex."""
    return text.find("。", 0, 17) >= 2 and bool(_RUN_IN.match(text))


def loc_of(block: Block, excerpt: str | None = None) -> Location:
    loc = block.location
    return Location(
        loc.path, loc.line, loc.paragraph, loc.page, excerpt=(excerpt if excerpt is not None else block.text)[:80]
    )


@per_document
def is_report_title(text: str) -> bool:
    """A line that starts a new report or annex: 2021年XX项目绩效自评报告, 附件2.

    Memoised: the numbering, annex, report-title and SEC030 checks each ask it of every paragraph.
    """
    if not is_title_like(text, max_len=50):
        return False
    t = text.strip()
    return bool(_REPORT_TITLE_END.search(t) or _ANNEX_MARK.match(t))


def variant(h: Heading) -> str:
    """The numbering style, telling 第3部分 (Arabic) from 第三部分."""
    if h.style == "part" and re.search(r"\d", h.label):
        return "part-arabic"
    return h.style or "none"


def _has_leader(text: str) -> bool:
    """Does ``text`` hold a TOC leader run (……, ...., ····, ----)? Each run's character is
    looked for first: one character is found many times faster than four in a row."""
    return (
        ("…" in text and "……" in text)
        or ("." in text and "...." in text)
        or ("·" in text and "····" in text)
        or ("-" in text and "----" in text)
    )


def _is_toc_line(text: str) -> bool:
    """A table-of-contents line (title …… 3). The leader run is looked for with ``in``
    first: _TOC_LINE.search tries four alternatives at every position of every paragraph."""
    return _has_leader(text) and bool(_TOC_LINE.search(text))


def _is_toc_line_anywhere(blocks: list[Block]) -> bool:
    """Has any heading or paragraph a leader run? One scan of the joined text (a newline
    is in no leader) spares the line-by-line search in the many reports without a TOC."""
    return _has_leader("\n".join([b.text for b in blocks if isinstance(b, (Heading, Paragraph))]))


_PAGE_END = re.compile(r"[\s.．]\s*\d{1,3}\s*$")


def _leaderless_toc_lines(blocks: list[Block], toc: set[int]) -> set[int]:
    """Lines between two TOC lines that end in a page number without a leader run
    ("六、…基本支出决算情况说明      7", "八、…说明. 8"): the leader was lost (a tab turned
    into spaces), not the line turned into a heading."""
    out: set[int] = set()
    for i in sorted(toc):
        j = i + 1
        while (
            j < len(blocks)
            and j not in toc
            and isinstance(blocks[j], (Heading, Paragraph))
            and _PAGE_END.search(blocks[j].text)
        ):
            j += 1
        if j > i + 1 and j in toc:
            out.update(range(i + 1, j))
    return out


def toc_indices(document: Document) -> set[int]:
    """Block indices of a table of contents (目录 … up to the first repeated title)."""
    out: set[int] = set()
    blocks = document.blocks
    if _is_toc_line_anywhere(blocks):
        for i, b in enumerate(blocks):
            if isinstance(b, (Heading, Paragraph)) and _is_toc_line(b.text):
                out.add(i)
        out |= _leaderless_toc_lines(blocks, out)
    start = next(
        (
            i
            for i, b in enumerate(blocks[:80])
            if isinstance(b, (Heading, Paragraph)) and "录" in b.text and _TOC_TITLE.fullmatch(b.text.strip())
        ),
        None,
    )
    if start is None:
        return out
    seen: set[str] = set()
    for j in range(start + 1, len(blocks)):
        b = blocks[j]
        if not isinstance(b, (Heading, Paragraph)):
            break
        key = _TOC_LINE.sub("", b.text).strip()
        if isinstance(b, Heading) and key in seen:
            break
        seen.add(key)
        out.add(j)
    return out


# -- numbering sequences -------------------------------------------------------


@dataclass
class Group:
    """The sibling headings of one parent section, in order."""

    level: int
    parent: int  # block index of the parent heading, -1 at the top
    start: int  # block index where the group's scope starts
    members: list[int] = field(default_factory=list)  # block indices
    restart_ok: bool = False  # a report title or annex mark came since the last member
    demoted: bool = False  # auto-numbered 1、 2、 taken as a sub-list (see _effective_level)
    child_styles: set[str] = field(default_factory=set)


@dataclass
class NumberingIssue:
    kind: str  # style | gap | duplicate | restart | unnumbered
    index: int
    message: str
    message_en: str
    level: str = ""


def _numbered_paragraphs(document: Document, lo: int, hi: int, style: str) -> set[int]:
    """Numbers of paragraphs labelled in ``style`` between two block indices (list items)."""
    out: set[int] = set()
    for b in document.blocks[lo + 1 : hi]:
        if isinstance(b, Paragraph):
            lab = parse_label(b.text)
            if lab is not None and lab.style == style:
                out.add(lab.number)
    return out


def build_groups(document: Document, skip: set[int] | None = None) -> list[Group]:
    """Sibling groups of the headings, with wrong-style continuations put back in their group.

    A heading deeper than its predecessor normally opens a child list at 1.
    One that opens it at n > 1 while an enclosing list of another style
    stopped at n − 1 ("（一）…" then "（2）…") is that list's next member with
    the wrong label, unless list items 1…n−1 of its own style stand in
    between (a list whose first items were plain paragraphs).
    """
    blocks = document.blocks
    if skip is None:
        skip = toc_indices(document)
    groups: list[Group] = []
    stack: list[Group] = []
    member_group: dict[int, Group] = {}
    for i, b in enumerate(blocks):
        if i in skip:
            continue
        if isinstance(b, Paragraph):
            if is_report_title(b.text):
                for g in stack:
                    if g.level >= 2:
                        g.restart_ok = True
            continue
        if not isinstance(b, Heading):
            continue
        lvl = _effective_level(blocks, stack, b)
        while stack and stack[-1].level > lvl:
            stack.pop()
        target: Group | None = None
        if stack and stack[-1].level == lvl:
            g = stack[-1]
            if g.restart_ok and b.number == 1:
                stack.pop()
            else:
                target = g
        if target is None and b.number and b.number > 1:
            parent_idx = stack[-1].members[-1] if stack and stack[-1].members else -1
            for g in reversed(stack):
                last = next((blocks[m] for m in reversed(g.members) if blocks[m].number), None)
                if last is None or last.number + 1 != b.number or not _same_shape(variant(last), variant(b)):
                    continue
                if set(range(1, b.number)) <= _numbered_paragraphs(document, parent_idx, i, b.style):
                    break
                while stack and stack[-1] is not g:
                    stack.pop()
                target = g
                break
        if target is None:
            parent = stack[-1].members[-1] if stack and stack[-1].members else -1
            target = Group(level=lvl, parent=parent, start=parent if parent >= 0 else 0)
            target.demoted = lvl != b.level
            if parent >= 0 and parent in member_group and b.style != "none":
                member_group[parent].child_styles.add(b.style)
            groups.append(target)
            stack.append(target)
        target.members.append(i)
        target.restart_ok = False
        member_group[i] = target
        if b.style == "none" and is_report_title(b.text):
            for g in stack:  # an unnumbered 附件 / report-title heading starts a new report
                if g.level >= 2:
                    g.restart_ok = True
    return groups


# Labels of one shape with other digits: 3、 for 三、, （2） for （二）, 第3部分 for 第三部分.
# (二) after 一、 is a child list that lacks its （一）, not a sibling in the wrong style.
_SAME_SHAPE = {
    frozenset({"cn", "num"}),
    frozenset({"cn-paren", "num-paren"}),
    frozenset({"part", "part-arabic"}),
    frozenset({"num", "num-dot"}),
}


def _same_shape(a: str, b: str) -> bool:
    return a != b and frozenset({a, b}) in _SAME_SHAPE


def _last_numbered(blocks: list[Block], g: Group) -> Heading | None:
    return next((blocks[m] for m in reversed(g.members) if blocks[m].number), None)


def _effective_level(blocks: list[Block], stack: list[Group], b: Heading) -> int:
    """The reader puts a Word-auto-numbered "1、 " at the 一、 level (Word renders
    chinese counting as decimal in text). When such a 1、 comes right after 一、 siblings
    it opens a sub-list instead, and its 2、 3、 follow it there."""
    if not (b.auto and b.style == "num" and b.number):
        return b.level
    top = stack[-1] if stack else None
    if top is not None and top.demoted:
        last = _last_numbered(blocks, top)
        if last is not None and variant(last) == "num" and b.number == last.number + 1:
            return top.level
    same = next((g for g in stack if g.level == b.level), None)
    if same is not None and b.number == 1 and not same.restart_ok:
        last = _last_numbered(blocks, same)
        if last is not None and variant(last) != "num":
            return max(STYLE_RANK["num"], stack[-1].level + 1)
    return b.level


def expected_variant(document: Document, g: Group) -> str | None:
    """The style the group should use: the majority, hand-typed labels winning ties,
    and never a style that ranks inside its own children (1、 over （一）)."""
    blocks = document.blocks
    numbered = [blocks[m] for m in g.members if blocks[m].number]
    if not numbered:
        return None
    variants = [variant(h) for h in numbered]
    first = variants[0]
    if variants.count(first) == len(variants):
        best = first  # one style throughout (most groups): nothing to weigh
    else:
        counts = Counter(variants)
        # A decimal label from Word auto-numbering may be a rendering of 一、 (text export):
        # trust typed labels over it. The first label of the list breaks remaining ties.
        trusted = Counter(v for v, h in zip(variants, numbered, strict=True) if not (h.auto and h.style == "num"))
        best = max(
            counts,
            key=lambda v: (
                counts[v],
                trusted[v],
                v == first,
                -abs(STYLE_RANK.get(v.removesuffix("-arabic"), 9) - g.level),
            ),
        )
    base = "part" if best == "part-arabic" else best
    # Decimal labels over （一） children invert the customary order 一、 >（一）> 1、
    if base in ("num", "num-dot") and "cn-paren" in g.child_styles:
        return "cn"
    return best


def _label(style: str, number: int) -> str:
    return render_label("part" if style == "part-arabic" else style, number)


def _jump_zh(style: str, prev: int, label: str) -> str:
    if prev:
        return f"编号从“{_label(style, prev)}”跳到“{label}”"
    return f"同级标题从“{label}”开始编号"


def _jump_en(prev: int, label: str) -> str:
    return f"numbering jumps from {prev} to “{label}”" if prev else f"the siblings start at “{label}”"


def _tables_before_part(document: Document, lo: int, hi: int) -> bool:
    """Several tables after the last heading before a part: the content of a part whose
    heading line is missing (a 决算表 part printed without its 第二部分 line)."""
    between = document.blocks[lo + 1 : hi]
    last = max((k for k, b in enumerate(between) if isinstance(b, Heading)), default=-1)
    return sum(isinstance(b, Table) for b in between[last + 1 :]) >= 3


def _wrapped_title(document: Document, parent: int, index: int) -> bool:
    """An unnumbered "heading" right after a long part title is the title's wrapped second line
    (第三部分 XX局2024年度部门决算 / 情况说明), not a sibling."""
    if parent < 0 or index != parent + 1:
        return False
    p = document.blocks[parent]
    return isinstance(p, Heading) and p.style == "part" and len(p.title) >= 16


def _anything_under(blocks: list[Block], index: int) -> bool:
    """Something stands under the heading before the next heading. A line with nothing
    under it among numbered siblings (一般公共预算财政拨款支出决算变动情况, its chart
    dropped from the text) is a figure caption, not a heading that lost its number."""
    if index + 1 >= len(blocks):
        return False
    nxt, here = blocks[index + 1], blocks[index]
    if not isinstance(nxt, Heading):
        return True
    # A child heading (其他重要事项的情况说明 then （一）机关运行经费…) is its body too.
    return isinstance(here, Heading) and nxt.level > here.level


def _close_sibling(document: Document, lo: int, hi: int) -> bool:
    """An unnumbered heading after the last numbered sibling is judged only when it
    follows closely, through prose (not table fragments or other headings)."""
    between = document.blocks[lo + 1 : hi]
    return len(between) <= 4 and all(isinstance(b, Paragraph) and len(b.text.strip()) >= 12 for b in between)


def file_spans(document: Document) -> list[tuple[int, int]]:
    """Block ranges [lo, hi) of the files a report checked as a folder is made of.

    The engine merges a folder's files into one document and records where each
    file starts in ``meta["boundaries"]``; a plain document is one span.
    """
    n = len(document.blocks)
    starts = sorted({b for b in document.meta.get("boundaries", ()) if 0 < b < n} | {0})
    return list(zip(starts, [*starts[1:], n], strict=True))


def per_file(document: Document, find: Callable[[Document], list[NumberingIssue]]) -> list[NumberingIssue]:
    """Issues of a report made of several files that hold however the files are read.

    At a file boundary a sequence may start again (two files that each open
    with 第一部分) or go on (the 附表 file opening with 第五部分). ``find`` runs
    on each file apart (indices put back into the merged document) and on the
    merged document; an issue is kept only when both readings find it.
    """
    spans = file_spans(document)
    if len(spans) == 1:
        return find(document)
    apart: list[NumberingIssue] = []
    for lo, hi in spans:
        part = replace(document, blocks=document.blocks[lo:hi], meta={}, notices=[])
        apart.extend(replace(issue, index=issue.index + lo) for issue in find(part))
    merged = {(issue.kind, issue.index) for issue in find(document)}
    return [issue for issue in apart if (issue.kind, issue.index) in merged]


def numbering_issues(document: Document, toc: set[int] | None = None) -> list[NumberingIssue]:
    """Every style break, gap, duplicate, restart and unnumbered sibling (see ``per_file``).

    ``toc``: the document's ``toc_indices`` when the caller has them (the template check
    needs them too); a file read apart finds its own.
    """
    return per_file(document, lambda d: _file_numbering_issues(d, toc if d is document else None))


def _file_numbering_issues(document: Document, toc: set[int] | None = None) -> list[NumberingIssue]:
    """Every style break, gap, duplicate, restart and unnumbered sibling of one file."""
    blocks = document.blocks
    issues: list[NumberingIssue] = []
    for g in build_groups(document, toc):
        exp = expected_variant(document, g)
        if exp is None:
            continue
        prev_num, prev_idx = 0, g.start
        run: list[int] = []
        n_numbered = sum(1 for m in g.members if blocks[m].number)
        for m in g.members:
            h = blocks[m]
            assert isinstance(h, Heading)
            if not h.number:
                if not _wrapped_title(document, g.parent, m):
                    run.append(m)
                continue
            n = h.number
            if variant(h) != exp:
                want = _label(exp, n)
                issues.append(
                    NumberingIssue(
                        "style",
                        m,
                        f"标题编号“{h.label}”与同级标题的编号样式不一致，应为“{want}”",
                        f"heading label “{h.label}” breaks the style of its siblings; should be “{want}”",
                    )
                )
            if run:
                if n - prev_num - 1 == len(run):
                    for k, r in enumerate(run):
                        want = _label(exp, prev_num + k + 1)
                        issues.append(
                            NumberingIssue(
                                "unnumbered",
                                r,
                                f"标题“{blocks[r].text[:30]}”没有编号，而同级标题有编号，按顺序应为“{want}”（可能是自动编号丢失）",
                                f"heading “{blocks[r].text[:30]}” has no number among numbered siblings; "
                                f"by position it is “{want}” (lost auto-numbering?)",
                            )
                        )
                    prev_num = n - 1
                else:
                    for r in run:
                        if _anything_under(blocks, r):
                            issues.append(_unnumbered(blocks[r], r))
            if n == prev_num + 1:
                pass
            elif n > prev_num + 1:
                missing = list(range(prev_num + 1, n))
                filled = _numbered_paragraphs(document, prev_idx, m, h.style)
                run_ins = [
                    b for b in blocks[prev_idx + 1 : m] if isinstance(b, Paragraph) and _is_run_in(b.text.strip())
                ]
                labels = "、".join(_label(exp, k).rstrip("、") for k in missing)
                orphans = prev_num == 0 and any(isinstance(b, Heading) for b in blocks[g.start + 1 : m])
                if set(missing) <= filled or _run_in(blocks[prev_idx:m], exp, missing):
                    pass
                elif orphans:
                    issues.append(
                        NumberingIssue(
                            "gap",
                            m,
                            f"“{h.label}”是同级的第一个标题，缺少{labels}的标题，但其前面已有下级标题和内容"
                            f"（可能只缺标题行）",
                            f"“{h.label}” is the first of its siblings: the heading of {labels} is missing, though "
                            "sub-headings and content stand before it (only the heading line missing?)",
                            level="note",
                        )
                    )
                elif h.style == "part" and _tables_before_part(document, prev_idx, m):
                    issues.append(
                        NumberingIssue(
                            "gap",
                            m,
                            f"{_jump_zh(exp, prev_num, h.label)}，缺少{labels}的标题（其间有多张表格，可能只缺标题行）",
                            f"{_jump_en(prev_num, h.label)}: the heading of {labels} "
                            "is missing, though several tables stand in between (only the heading line?)",
                            level="note",
                        )
                    )
                elif len(run_ins) >= len(missing):
                    issues.append(
                        NumberingIssue(
                            "gap",
                            m,
                            f"{_jump_zh(exp, prev_num, h.label)}，"
                            f"缺少{labels}；其间有{len(run_ins)}个未编号的段首小标题，可能是编号丢失",
                            f"{_jump_en(prev_num, h.label)}, missing {labels}; "
                            f"{len(run_ins)} unnumbered run-in titles stand in between (lost numbering?)",
                            level="note",
                        )
                    )
                else:
                    issues.append(
                        NumberingIssue(
                            "gap",
                            m,
                            f"{_jump_zh(exp, prev_num, h.label)}，缺少{labels}",
                            f"{_jump_en(prev_num, h.label)}: {labels} missing",
                        )
                    )
            elif n == prev_num:
                issues.append(
                    NumberingIssue(
                        "duplicate",
                        m,
                        f"编号“{h.label}”与上一个同级标题重复，应为“{_label(exp, prev_num + 1)}”",
                        f"label “{h.label}” repeats the previous sibling's number; should be “{_label(exp, prev_num + 1)}”",
                    )
                )
            else:
                issues.append(
                    NumberingIssue(
                        "restart",
                        m,
                        f"编号在“{_label(exp, prev_num)}”之后回到“{h.label}”（同一部分内没有新的报告标题），"
                        f"应为“{_label(exp, prev_num + 1)}”",
                        f"numbering goes back from {prev_num} to “{h.label}” within one section (no new report "
                        f"title in between); should be “{_label(exp, prev_num + 1)}”",
                    )
                )
            prev_num, prev_idx, run = n, m, []
        if run and n_numbered >= 3:
            last = prev_idx
            for r in run:
                if not _close_sibling(document, last, r) or _ANNEX_MARK.match(blocks[r].text.strip()):
                    break
                if _anything_under(blocks, r):
                    issues.append(_unnumbered(blocks[r], r))
                last = r
    return issues


def _unnumbered(h: Block, index: int) -> NumberingIssue:
    return NumberingIssue(
        "unnumbered",
        index,
        f"标题“{h.text[:30]}”没有编号，而同级标题有编号（可能是自动编号丢失）",
        f"heading “{h.text[:30]}” has no number while its siblings do (lost auto-numbering?)",
    )


def _toc(ctx: RuleContext) -> set[int]:
    """The table of contents of the document, found once for the numbering and template checks."""
    return ctx.facts.document("sec_toc", lambda: toc_indices(ctx.document))


def _numbering(ctx: RuleContext) -> list[NumberingIssue]:
    return ctx.facts.document("sec_numbering", lambda: numbering_issues(ctx.document, _toc(ctx)))


class _NumberingRule(Rule):
    kind = ""

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        blocks = ctx.document.blocks
        for issue in _numbering(ctx):
            if issue.kind == self.kind:
                block = blocks[issue.index]
                ctx.report(loc_of(block), issue.message, issue.message_en, level=issue.level or None)


_NUMBERING_HELP = (
    "\n\n同级标题指同一上级标题下、同一层次的标题；表格内的编号和段落中的列表项不与标题混排计算。"
    "一个文件里依次装有几份报告（如附件中的多份项目绩效自评报告）时，每份报告标题之后从“一、”重新编号是正常的。"
)
_NUMBERING_HELP_EN = (
    "\n\nSiblings are the headings of one level under one parent; numbering inside tables and list items in "
    "paragraphs are separate sequences. When a file holds several reports one after another (an annex of project "
    "reports), restarting at 一、 after each report title is normal."
)


class NumberingStyle(_NumberingRule):
    code = "SEC010"
    name = "numbering-style"
    summary = "标题编号样式与同级标题不一致（如“一、二、3、”）"
    summary_en = "a heading label uses another numbering style than its siblings (一、二、3、)"
    level = "error"
    kind = "style"
    help = (
        "同级标题应使用同一种编号样式：“一、二、三、”中间出现“3、”，“第二部分”“第四部分”之间出现“第3部分”，"
        "“（一）”之后出现“（2）”，都说明编号是手工改过或自动编号出了错。一级标题用“1、”而其下级用“（一）”也不对："
        "“1、”的层次低于“（一）”。应有的样式取同级标题的多数（手工输入的优先于自动编号），且须高于下级标题的样式。"
        "\n\n修改：把该标题的编号改为建议的写法。" + _NUMBERING_HELP
    )
    help_en = (
        "Siblings use one numbering style: 3、 among 一、二、四、, 第3部分 between 第二部分 and 第四部分, （2） after "
        "（一） are slips of hand-numbering or broken auto-numbering. A top-level heading numbered 1、 over "
        "（一） sub-headings is wrong too: 1、 ranks below （一）. The expected style is the siblings' majority "
        "(hand-typed labels win ties over Word auto-numbering) and must rank above the children's style. Fix: "
        "use the suggested label." + _NUMBERING_HELP_EN
    )


class NumberingGap(_NumberingRule):
    code = "SEC011"
    name = "numbering-gap"
    summary = "同级标题编号跳号（如“一、二、四、”）"
    summary_en = "sibling headings skip a number (一、二、四、)"
    level = "error"
    kind = "gap"
    help = (
        "同级标题的编号应连续：“一、二、四、”缺了“三、”，通常是删了一节没有重新编号，或漏写了一节。"
        "其间若有以同样样式编号的列表段落补齐了缺号，不报告；若缺号处是未编号的段首小标题（“实施目的及支持方向。……”），"
        "按提示级别（note）报告，多半是编号丢失。\n\n修改：补上缺的一节或重新编号。" + _NUMBERING_HELP
    )
    help_en = (
        "Sibling numbers run on without gaps: 一、二、四、 lacks 三、, usually a deleted section that was not "
        "renumbered, or a section left out. Numbered list paragraphs that fill the gap silence it; unnumbered "
        "run-in titles in the gap make it a note (lost numbering). Fix: add the section or renumber."
        + _NUMBERING_HELP_EN
    )


class NumberingDuplicate(_NumberingRule):
    code = "SEC012"
    name = "numbering-duplicate"
    summary = "同级标题编号重复（如“二、二、”）"
    summary_en = "two sibling headings carry the same number (二、二、)"
    level = "error"
    kind = "duplicate"
    help = "同级标题的编号重复（“二、……二、……”），后一个应顺延。\n\n修改：重新编号。" + _NUMBERING_HELP
    help_en = (
        "Two siblings carry the same number (二、 … 二、); the second should be the next number." + _NUMBERING_HELP_EN
    )


class NumberingRestart(_NumberingRule):
    code = "SEC013"
    name = "numbering-restart"
    summary = "同级标题编号中途回到较小的数（重新从“一、”开始或倒退）"
    summary_en = "sibling numbering goes back (restarts at 一、 or falls back) within one section"
    level = "error"
    kind = "restart"
    help = (
        "在同一部分内，同级标题的编号回到“一、”或倒退（“三、四、二、”），而其间没有新的报告标题、附件标记或“第X部分”。"
        "\n\n修改：顺延编号，或在新报告之前加上报告标题。" + _NUMBERING_HELP
    )
    help_en = (
        "Within one section the sibling numbering goes back to 一、 or falls back (三、四、二、) with no new report "
        "title, annex mark or 第X部分 in between. Fix: continue the numbering, or give the new report its title."
        + _NUMBERING_HELP_EN
    )


class UnnumberedHeading(_NumberingRule):
    code = "SEC014"
    name = "unnumbered-heading"
    summary = "同级标题有编号而此标题没有（多为自动编号丢失）"
    summary_en = "a heading lacks the number its siblings have (often lost auto-numbering)"
    level = "note"
    kind = "unnumbered"
    help = (
        "同级标题都有编号，这个标题却没有。常见原因是 Word 自动编号在转换或复制时丢失，打印稿里可能看得到编号，"
        "因此只作提示。位置能确定时给出按顺序应有的编号。\n\n修改：核对原稿，手工补上编号。" + _NUMBERING_HELP
    )
    help_en = (
        "The siblings are numbered but this heading is not, usually Word auto-numbering lost in conversion; the "
        "printed original may show it, hence a note. When the position is certain the expected label is given."
        + _NUMBERING_HELP_EN
    )


# -- numbered lists in paragraphs -------------------------------------------------

_LIST_FAMILY = {
    "num": "decimal",
    "num-dot": "decimal",
    "num-paren": "num-paren",
    "cn-paren": "cn-paren",
    "circled": "circled",
}


def list_issues(document: Document) -> list[NumberingIssue]:
    """Numbered paragraphs (list items), sequenced as ``per_file`` says."""
    return per_file(document, _file_list_issues)


def _file_list_issues(document: Document) -> list[NumberingIssue]:
    """Numbered paragraphs (1. 2. 3. items, the 名词解释 list) as their own sequences.

    A run is the numbered paragraphs of one section (a heading or a table ends it),
    one sequence per label family. A list may start again at 1 (a second list);
    a skipped or repeated number is a warning, a switch between 1. and 1、 a note.
    """
    blocks = document.blocks
    issues: list[NumberingIssue] = []
    # family -> (number, list style, previous item's style, previous item's block index)
    last: dict[str, tuple[int, str, str, int]] = {}
    for i, b in enumerate(blocks):
        if isinstance(b, (Heading, Table)):
            last.clear()
            continue
        if not isinstance(b, Paragraph):
            continue
        lab = parse_label(b.text)
        family = _LIST_FAMILY.get(lab.style) if lab else None
        if lab is None or family is None:
            continue
        prev = last.get(family)
        if prev is None or lab.number == 1:
            last[family] = (lab.number, lab.style, lab.style, i)
            continue
        n0, style0, prev_style, prev_i = prev
        if lab.number == n0 + 1 and lab.style != style0 and prev_style == style0:
            issues.append(
                NumberingIssue(
                    "list",
                    i,
                    f"列表从“{lab.text}”起换了编号写法，而前面各项用“{render_label(style0, n0)}”的写法，"
                    f"应为“{render_label(style0, lab.number)}”",
                    f"from “{lab.text}” on the list switches label style; the items before use "
                    f"“{render_label(style0, n0)}”, so it should be “{render_label(style0, lab.number)}”",
                    level="note",
                )
            )
        elif lab.number > n0 + 1 and not _run_in(blocks[prev_i:i], style0, range(n0 + 1, lab.number)):
            gap = f"{n0 + 1}" + (f"至{lab.number - 1}" if lab.number - 1 > n0 + 1 else "")
            issues.append(
                NumberingIssue(
                    "list",
                    i,
                    f"列表编号从“{render_label(style0, n0)}”跳到“{lab.text}”，缺少第{gap}项",
                    f"list numbering jumps from {n0} to “{lab.text}”",
                )
            )
        elif lab.number == n0:
            issues.append(
                NumberingIssue(
                    "list",
                    i,
                    f"列表编号“{lab.text}”与上一项重复，应为“{render_label(style0, n0 + 1)}”",
                    f"list label “{lab.text}” repeats the previous item's number; should be "
                    f"“{render_label(style0, n0 + 1)}”",
                )
            )
        last[family] = (lab.number, style0, lab.style, i)
    return issues


def _run_in(blocks: list, style: str, numbers: range | list[int]) -> bool:
    """Are the "missing" items there, run into the text after a sentence end
    ("…的规则。（八）负责…"), as a report's layout or a PDF's lines can put them?"""
    text = "".join(b.text for b in blocks if isinstance(b, (Heading, Paragraph)))
    return all(re.search(rf"[。；;！!？?]\s*{re.escape(_label(style, n))}", text) is not None for n in numbers)


class ListNumbering(Rule):
    code = "SEC015"
    name = "list-numbering"
    summary = "段落列表（如名词解释）的编号跳号、重复或换了写法"
    summary_en = "a numbered list in the text (e.g. 名词解释) skips, repeats or switches its label style"
    level = "warning"
    help = (
        "以“1.”“（1）”等开头的段落组成列表（如名词解释、职能清单），与标题分开计算。"
        "同一节内列表编号跳号或重复报告为警告；“1.”与“1、”混用（如第1—7项用“1.”、第8项起用“8、”）报告为提示。"
        "列表可以从1重新开始（一节里有两个列表）。\n\n修改：按顺序重新编号，统一写法。"
    )
    help_en = (
        "Paragraphs that start with 1. / （1） form lists (the 名词解释, a list of duties), counted apart from the "
        "headings. A skipped or repeated number within one section is a warning; switching between 1. and 1、 "
        "(items 1.–7. then 8、) is a note. A list may start again at 1. Fix: renumber, in one style."
    )

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        blocks = ctx.document.blocks
        for issue in list_issues(ctx.document):
            ctx.report(loc_of(blocks[issue.index]), issue.message, issue.message_en, level=issue.level or None)


# -- report titles ------------------------------------------------------------

_YEAR_PREFIX = re.compile(r"^\s*(?:19|20)\d\d\s*年度?")


def report_title_issues(document: Document) -> list[tuple[Paragraph, str, str, int]]:
    """Report titles of one kind that lack the year and name their siblings carry.

    Titles are grouped by their common ending (项目绩效自评报告); in a group of
    at least three where every other title starts with a year and names the
    project, a bare title is an error: the reader cannot tell which project
    the report is for.
    """
    blocks = document.blocks
    file_starts = {lo for lo, _hi in file_spans(document)}
    titles: list[tuple[Paragraph, str]] = []
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph) and is_report_title(b.text) and b.text.strip().endswith("报告"):
            text = b.text.strip()
            prev = blocks[i - 1] if i not in file_starts else None  # not the last line of the previous file
            # A title set on two lines: "2021年XX经费" / "项目绩效自评报告".
            if isinstance(prev, Paragraph) and _YEAR_PREFIX.match(prev.text) and is_report_title(prev.text + "报告"):
                text = prev.text.strip() + text
            titles.append((b, text))
    out: list[tuple[Paragraph, str, str, int]] = []
    by_end: dict[str, list[tuple[Paragraph, str]]] = {}
    for t, text in titles:
        m = re.search(r"项目[^年项]{0,8}报告$", text) or re.search(r"[^年\d]{2,8}报告$", text)
        if m:
            by_end.setdefault(m.group(0), []).append((t, text))
    for end, group in by_end.items():
        if len(group) < 3:
            continue
        bare = [t for t, text in group if text == end]
        full = [text for _t, text in group if _YEAR_PREFIX.match(text) and len(text) > len(end) + 5]
        if bare and len(full) >= 2 and len(full) + len(bare) == len(group):
            year = _YEAR_PREFIX.match(full[0]).group(0).strip()
            for t in bare:
                out.append((t, end, year, len(full)))
    return out


class ReportTitleIncomplete(Rule):
    code = "SEC020"
    name = "report-title-incomplete"
    summary = "附件报告标题缺少年度和项目名称，而同类报告都有"
    summary_en = "an annex report title lacks the year and project name its sibling reports carry"
    level = "error"
    help = (
        "一个文件附有多份同类报告（如各项目的绩效自评报告）时，每份报告的标题应写明年度和项目名称"
        "（“2021年XX项目绩效自评报告”）。若其他同类报告都写了，只有一份只写“项目绩效自评报告”，"
        "读者无法知道它评的是哪个项目。同类报告至少3份、其余都有年度和名称时才报告。"
        "\n\n修改：在标题中补上年度和项目名称。"
    )
    help_en = (
        "When a file bundles several reports of one kind (one 绩效自评报告 per project), each title names the "
        "year and the project (2021年XX项目绩效自评报告). A bare 项目绩效自评报告 among titled siblings leaves the "
        "reader guessing which project it is about. Reported when there are at least 3 such reports and all "
        "others carry year and name. Fix: add the year and the project name."
    )

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        group = len(file_spans(ctx.document)) > 1
        where_zh, where_en = ("同一报告的各文件中", "this report's files") if group else ("同一文件中", "this file")
        for para, end, year, n in report_title_issues(ctx.document):
            ctx.report(
                loc_of(para),
                f"报告标题“{para.text.strip()}”缺少年度和项目名称；{where_zh}另外{n}份“{end}”的标题都写明了"
                f"（如“{year}XX{end}”）",
                f"report title “{para.text.strip()}” lacks the year and project name that the {n} other “{end}” "
                f"titles of {where_en} carry (e.g. “{year}…{end}”)",
            )


# -- template sections --------------------------------------------------------


@dataclass
class Spec:
    """One section of a template: its name, alias patterns and sub-sections."""

    title: str
    patterns: list[re.Pattern]
    required: bool = True
    children: list[Spec] = field(default_factory=list)
    style: str = ""  # when set, only headings numbered in this style (part) match

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> Spec:
        title = str(raw.get("title", ""))
        pats = raw.get("match") or [re.escape(re.sub(r"^第\S+部分\s*", "", title))]
        return cls(
            title=title,
            patterns=[re.compile(p) for p in pats],
            required=bool(raw.get("required", True)),
            children=[cls.parse(c) for c in raw.get("sections", [])],
            style=str(raw.get("style", "")),
        )

    def matches(self, text: str) -> bool:
        # a loop, not any(genexpr) (a third of the cost): called for every heading a spec may be
        for p in self.patterns:  # noqa: SIM110
            if p.search(text):
                return True
        return False


@dataclass
class SectionIssue:
    kind: str  # missing | order | duplicate | table
    index: int  # block index to report at (-1: document start)
    message: str
    message_en: str
    level: str = ""


def _heading_text(h: Heading) -> str:
    return (h.title or h.text).strip().rstrip("。.：:")


def _wrapped_text(blocks: list[Block], i: int) -> str:
    """A part title with its wrapped second line (PDF line breaks inside a title)."""
    h = blocks[i]
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if (
        isinstance(h, Heading)
        and h.style == "part"
        and isinstance(nxt, (Heading, Paragraph))
        and len(nxt.text.strip()) <= 8
        and not parse_label(nxt.text)
    ):
        return _heading_text(h) + nxt.text.strip()
    return _heading_text(h)


class _Outline:
    """What ``_find`` compares with the template, gathered once per ``section_issues``.

    Each spec used to walk every block of its range and re-derive the same
    heading texts and label parses; the headings (outside the table of
    contents) and their texts are listed here once, the stand-in paragraphs on
    first need, and a search repeated for the same spec and range (a missing
    section's children are looked up twice) is answered from ``found``.
    """

    def __init__(self, document: Document, skip: set[int]) -> None:
        blocks = document.blocks
        self.document = document
        self.skip = skip
        self.heads = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and i not in skip]
        # block index -> (heading text, wrapped title or None when it is the same text)
        self.head_texts: dict[int, tuple[str, str | None]] = {}
        for i in self.heads:
            text, wrapped = _heading_text(blocks[i]), _wrapped_text(blocks, i)
            self.head_texts[i] = (text, None if wrapped == text else wrapped)
        self._styled: dict[str, list[int]] = {}
        self._stand_ins: tuple[list[int], list[tuple[str | None, str | None]]] | None = None
        self.found: dict[tuple[int, int, int], tuple[Spec, list[int]]] = {}

    def heads_for(self, style: str) -> list[int]:
        """The headings a spec of ``style`` may match: any heading, or (for a spec limited
        to a style, the parts) those of that style or unnumbered."""
        if not style:
            return self.heads
        if style not in self._styled:
            blocks = self.document.blocks
            self._styled[style] = [i for i in self.heads if blocks[i].style in (style, "none")]
        return self._styled[style]

    def stand_ins(self) -> tuple[list[int], list[tuple[str | None, str | None]]]:
        """Paragraphs that may stand in for a heading, in order, each with the text a spec
        must match as a short line (label cut off) and as a run-in title (None: not one)."""
        if self._stand_ins is None:
            indices: list[int] = []
            texts: list[tuple[str | None, str | None]] = []
            for i, b in enumerate(self.document.blocks):
                if i in self.skip or not isinstance(b, Paragraph):
                    continue
                text = b.text.strip()
                short = None
                if len(text) <= 40:
                    lab = parse_label(text)
                    short = lab.rest if lab else text
                run_in = text.split("。", 1)[0] if _is_run_in(text) else None
                if short is not None or run_in is not None:
                    indices.append(i)
                    texts.append((short, run_in))
            self._stand_ins = (indices, texts)
        return self._stand_ins


def _find(outline: _Outline, spec: Spec, lo: int, hi: int) -> list[int]:
    """Headings in (lo, hi) matching the spec; a short paragraph stands in when no heading does."""
    key = (id(spec), lo, hi)
    entry = outline.found.get(key)
    if entry is None:
        # the entry holds the spec, so its id cannot be reused by another spec meanwhile
        entry = outline.found[key] = (spec, _search(outline, spec, lo, hi))
    return entry[1]


def _search(outline: _Outline, spec: Spec, lo: int, hi: int) -> list[int]:
    """``_find`` uncached: the outline's headings, then its stand-ins, between lo and hi (bisected)."""
    blocks = outline.document.blocks
    heads = outline.heads_for(spec.style)
    hits = []
    for i in heads[bisect_right(heads, lo) : bisect_left(heads, hi)]:
        text, wrapped = outline.head_texts[i]
        if spec.matches(text) or (wrapped is not None and spec.matches(wrapped)):
            hits.append(i)
    if spec.style and any(blocks[i].style == spec.style for i in hits):
        hits = [i for i in hits if blocks[i].style == spec.style]
    if hits:
        first = blocks[hits[0]]
        return [i for i in hits if blocks[i].level == first.level and variant(blocks[i]) == variant(first)]
    indices, texts = outline.stand_ins()
    for k in range(bisect_right(indices, lo), bisect_left(indices, hi)):
        short, run_in = texts[k]
        if (short is not None and spec.matches(short)) or (run_in is not None and spec.matches(run_in)):
            return [indices[k]]
    return []


def check_specs(
    outline: _Outline, specs: list[Spec], lo: int, hi: int, where: str, template: str
) -> list[SectionIssue]:
    """Missing, out-of-order and duplicated sections of ``specs`` within blocks (lo, hi)."""
    blocks = outline.document.blocks
    issues: list[SectionIssue] = []
    found: list[int | None] = []
    for spec in specs:
        hits = _find(outline, spec, lo, hi)
        found.append(hits[0] if hits else None)
        for dup in hits[1:]:
            issues.append(
                SectionIssue(
                    "duplicate",
                    dup,
                    f"“{spec.title}”在{where}中出现了两次（另见第一次出现处：{blocks[hits[0]].location.human()}；模板 {template}）",
                    f"“{spec.title}” appears twice in {where} (first at {blocks[hits[0]].location.human('en')}; "
                    f"template {template})",
                )
            )
    # order: each found section must come after the previous found one
    last_idx, last_title = -1, ""
    for spec, idx in zip(specs, found, strict=True):
        if idx is None:
            continue
        if idx < last_idx:
            issues.append(
                SectionIssue(
                    "order",
                    idx,
                    f"“{spec.title}”出现在“{last_title}”之前，模板 {template} 要求它在“{last_title}”之后",
                    f"“{spec.title}” comes before “{last_title}”; template {template} puts it after",
                )
            )
        else:
            last_idx, last_title = idx, spec.title
    # missing, then recurse into children
    for k, (spec, idx) in enumerate(zip(specs, found, strict=True)):
        nxt = next((f for f in found[k + 1 :] if f is not None and f > (idx if idx is not None else lo)), hi)
        prv = next((f for f in reversed(found[:k]) if f is not None), lo)
        if idx is None:
            child_lo, child_hi = prv, nxt
            present = [c.title for c in spec.children if _find(outline, c, child_lo, child_hi)] if spec.children else []
            if not spec.required:
                continue
            before = next((specs[j].title for j in range(k + 1, len(specs)) if found[j] is not None), "")
            after = next((specs[j].title for j in range(k - 1, -1, -1) if found[j] is not None), "")
            place = f"应在“{after}”之后" if after else (f"应在“{before}”之前" if before else f"应在{where}中")
            place_en = f"after “{after}”" if after else (f"before “{before}”" if before else f"in {where}")
            at = nxt if nxt < hi and nxt < len(blocks) else (lo if lo >= 0 else -1)
            if present:
                issues.append(
                    SectionIssue(
                        "missing",
                        at,
                        f"缺少“{spec.title}”的标题（模板 {template}，{place}），但其下的“{'”“'.join(present)}”已有",
                        f"the heading “{spec.title}” is missing ({place_en}, template {template}) although its "
                        f"sub-sections {', '.join(present)} are there",
                        level="note",
                    )
                )
            else:
                issues.append(
                    SectionIssue(
                        "missing",
                        at,
                        f"缺少必备的“{spec.title}”（模板 {template}，{place}）",
                        f"required section “{spec.title}” is missing (template {template}; expected {place_en})",
                    )
                )
            if spec.children and present:
                issues.extend(check_specs(outline, spec.children, child_lo, child_hi, spec.title, template))
            continue
        if spec.children:
            issues.extend(check_specs(outline, spec.children, idx, nxt, spec.title, template))
    return issues


def _annex_bounds(document: Document) -> list[int]:
    """Block indices where an annex report may start or end: report titles and parts."""
    return [
        i
        for i, b in enumerate(document.blocks)
        if (isinstance(b, Paragraph) and is_report_title(b.text)) or (isinstance(b, Heading) and b.style == "part")
    ]


def _annex_spans(
    document: Document, starts: list[re.Pattern], bounds: list[int] | None = None
) -> list[tuple[int, int]]:
    """(start, end) block spans of the annex reports whose title matches ``starts``
    (``bounds``: ``_annex_bounds``, when the caller has them for several annex kinds)."""
    blocks = document.blocks
    if bounds is None:
        bounds = _annex_bounds(document)
    spans = []
    for i in bounds:
        if isinstance(blocks[i], Paragraph) and any(p.search(blocks[i].text) for p in starts):
            end = next((j for j in bounds if j > i + 1 and not _continues_title(blocks, i, j)), len(blocks))
            spans.append((i, end))
    return spans


def _continues_title(blocks: list[Block], i: int, j: int) -> bool:
    """A second title line right after the first (a title set on two lines)."""
    return j == i + 1


_TABLE_PREFIX_START = frozenset("附表一二三四五六七八九十")  # the first characters _TABLE_PREFIX can match


def _table_title_texts(document: Document, skip: set[int]) -> set[str]:
    """The short texts (at most 60 characters) that may name a table: table titles and lines
    with any 表3 / 一、 prefix cut off, and heading texts. Gathered once for all required
    tables, and a set: most lines of a report are repeated nowhere but long prose is dropped."""
    out: set[str] = set()
    for i, b in enumerate(document.blocks):
        if i in skip:
            continue
        text = b.title if isinstance(b, Table) else b.text.strip()
        if text[:1] in _TABLE_PREFIX_START:  # otherwise _TABLE_PREFIX (anchored at ^) cannot match
            text = _TABLE_PREFIX.sub("", text)
        if text and len(text) <= 60:
            out.add(text)
    for b in document.blocks:
        if isinstance(b, Heading):
            text = _heading_text(b)
            if text and len(text) <= 60:
                out.add(text)
    return out


def section_issues(
    document: Document, profile: dict[str, Any] | None, packs: Any, toc: set[int] | None = None
) -> list[SectionIssue]:
    """Everything the detected template says about the document's sections and tables
    (``toc``: the document's ``toc_indices`` when the caller has them)."""
    if not profile:
        return []
    skip = toc if toc is not None else toc_indices(document)
    tid = profile.get("id", "?")
    specs = [Spec.parse(s) for s in profile.get("sections", [])]
    end = len(document.blocks)
    outline = _Outline(document, skip)
    issues = check_specs(outline, specs, -1, end, profile.get("name", tid), tid)
    bounds: list[int] | None = None
    for annex in profile.get("annexes", []):
        sub = packs.template(annex.get("template", "")) if packs is not None else None
        if not sub:
            continue
        if bounds is None:
            bounds = _annex_bounds(document)
        starts = [re.compile(p) for p in annex.get("start", [])]
        sub_specs = [Spec.parse(s) for s in sub.get("sections", [])]
        for lo, hi in _annex_spans(document, starts, bounds):
            title = document.blocks[lo].text.strip()
            issues.extend(check_specs(outline, sub_specs, lo, hi, f"“{title}”", sub["id"]))
    required = [spec for spec in (Spec.parse(raw) for raw in profile.get("tables", [])) if spec.required]
    texts = _table_title_texts(document, skip) if required else set()  # (a template may list no tables)
    missing = [spec for spec in required if not any(spec.matches(t) for t in texts)]
    if missing and len(missing) == len(required) and len(required) > 1:
        # none at all: the tables are published apart (separate sheets); say it once
        issues.append(
            SectionIssue(
                "table",
                -1,
                f"没有找到模板 {tid} 要求公开的{len(required)}张决算表中的任何一张（既无表格，也无表名），"
                f"如“{required[0].title}”；若另行公开，请在报告中列出表名",
                f"none of the {len(required)} tables template {tid} requires is there (no table, no title), "
                f"e.g. “{required[0].title}”; if published apart, list their titles in the report",
            )
        )
        return issues
    for spec in missing:
        issues.append(
            SectionIssue(
                "table",
                -1,
                f"没有找到模板 {tid} 要求公开的“{spec.title}”（既无此表，也无此表名）",
                f"the table “{spec.title}” that template {tid} requires is not there (no table or title found)",
            )
        )
    return issues


class _SectionRule(Rule):
    kind = ""

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        issues = ctx.facts.document(
            "sec_sections",
            lambda: section_issues(ctx.document, ctx.profile, ctx.packs, _toc(ctx) if ctx.profile else None),
        )
        for issue in issues:
            if issue.kind != self.kind:
                continue
            loc = loc_of(ctx.document.blocks[issue.index]) if issue.index >= 0 else Location(ctx.document.path)
            ctx.report(loc, issue.message, issue.message_en, level=issue.level or None)


_TEMPLATE_HELP = (
    "\n\n模板来自规则包（rules/*.toml，或配置 `rule-packs` 指定的文件），按文首文字自动识别，"
    "也可用配置项 `profile` 或 `fiscalint check --profile` 指定；`--verbose` 显示用了哪个模板。"
    "标题的写法各地不同（“收入决算情况说明”/“收入决算情况”），模板为每一节列出别名正则；"
    "没有编号的标题、甚至只有一行的段落也算找到。"
)
_TEMPLATE_HELP_EN = (
    "\n\nTemplates come from rule packs (rules/*.toml, or files named by the `rule-packs` setting), detected "
    "from the opening text or forced with `profile` / `fiscalint check --profile`; `--verbose` names the one "
    "used. Headings are written many ways (收入决算情况说明 / 收入决算情况): each section lists alias regexes, "
    "and an unnumbered heading or a one-line paragraph counts as found."
)


class MissingSection(_SectionRule):
    code = "SEC001"
    name = "missing-section"
    summary = "缺少报告模板要求的章节"
    summary_en = "a section the report template requires is missing"
    level = "error"
    kind = "missing"
    help = (
        "按识别出的报告模板（如四川省部门决算公开说明：第一部分 部门概况 … 第五部分 附表），逐节检查必备章节。"
        "缺少的章节会指明模板和应在的位置。若只缺标题行、其下的小节都在，按提示级别（note）报告。"
        "\n\n修改：补上该章节；本单位确无此项内容时，按模板写明“无此项”而不是删掉标题。" + _TEMPLATE_HELP
    )
    help_en = (
        "Checks each required section of the detected template (e.g. the Sichuan 部门决算公开说明: 第一部分 部门概况 … "
        "第五部分 附表) and names the template and where the section belongs. When only the heading line is "
        "missing and its sub-sections are there, it is a note. Fix: add the section; when there is nothing to "
        "report, keep the heading and say so." + _TEMPLATE_HELP_EN
    )


class SectionOrder(_SectionRule):
    code = "SEC002"
    name = "section-order"
    summary = "章节顺序与报告模板不一致"
    summary_en = "sections are out of the template's order"
    level = "warning"
    kind = "order"
    help = "章节出现的先后与模板规定的顺序不同。\n\n修改：按模板顺序调整章节。" + _TEMPLATE_HELP
    help_en = "A section comes before one the template puts ahead of it. Fix: reorder." + _TEMPLATE_HELP_EN


class DuplicateSection(_SectionRule):
    code = "SEC003"
    name = "duplicate-section"
    summary = "同一章节出现两次"
    summary_en = "a template section appears twice"
    level = "warning"
    kind = "duplicate"
    help = (
        "模板中的同一章节在同一范围内出现了两次，通常是复制粘贴时多留了一份。\n\n修改：删去或合并重复的章节。"
        + _TEMPLATE_HELP
    )
    help_en = (
        "A template section appears twice in the same scope, usually a paste left twice. Fix: merge."
        + _TEMPLATE_HELP_EN
    )


class MissingTable(_SectionRule):
    code = "SEC004"
    name = "missing-table"
    summary = "缺少模板要求公开的决算表"
    summary_en = "a disclosure table the template requires is missing"
    level = "warning"
    kind = "table"
    help = (
        "部门决算须公开模板列出的全部决算表（四川13张、上海9张）；没有数据的表也应保留并说明。"
        "表格、表名或附表目录中的表名都算找到。\n\n修改：补上该表，或保留空表并注明无数据的原因。" + _TEMPLATE_HELP
    )
    help_en = (
        "A final-accounts disclosure publishes every table of its template (13 in Sichuan, 9 in Shanghai); an "
        "empty table stays, with a note. A table, its title, or its name in the 附表 list counts as found. Fix: "
        "add the table, or keep it empty with the reason." + _TEMPLATE_HELP_EN
    )


# -- sections that stop mid-sentence --------------------------------------------

_OPEN_END = re.compile(r"(?:[，,、（(“《]|[的和及与或为在对将把被是于以且并从向]|用于|包括|其中|主要)$")


class SectionEndsMidSentence(Rule):
    code = "SEC030"
    name = "section-ends-mid-sentence"
    summary = "章节的最后一段在句子中间断开，下一行就是标题"
    summary_en = "a section's last paragraph stops mid-sentence right before the next heading"
    level = "warning"
    help = (
        "章节最后一段以逗号、顿号、开括号或“的”“和”“用于”“包括”等不能结句的字词结尾，紧接着就是下一个标题，"
        "说明后半句在编辑时被删掉或粘贴时丢了。标题行、报告名和以冒号结尾的引导语不算。"
        "\n\n修改：补全这句话。"
    )
    help_en = (
        "The last paragraph of a section ends with a comma, an enumeration comma, an opening bracket or a word "
        "that cannot end a sentence (的, 和, 用于, 包括…) and the next block is a heading: the rest of the "
        "sentence was cut while editing. Titles, report names and lead-ins ending in a colon are not reported. "
        "Fix: complete the sentence."
    )

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        blocks = ctx.document.blocks
        for i, b in enumerate(blocks[:-1]):
            if not isinstance(b, Paragraph) or not isinstance(blocks[i + 1], Heading):
                continue
            text = b.text.strip()
            if len(text) < 12 or is_report_title(text):
                continue
            m = _OPEN_END.search(text[-2:])  # every ending is one or two characters
            if m:
                nxt = blocks[i + 1]
                ctx.report(
                    loc_of(b, text[-30:]),
                    f"段落以“{m.group(0)}”结尾，句子没有写完，下一行就是标题“{nxt.text[:20]}”",
                    f"the paragraph ends with “{m.group(0)}”, mid-sentence, right before the heading “{nxt.text[:20]}”",
                )


@hookimpl
def fiscalint_rules() -> list[type[Rule]]:
    return [
        NumberingStyle,
        NumberingGap,
        NumberingDuplicate,
        NumberingRestart,
        UnnumberedHeading,
        ListNumbering,
        ReportTitleIncomplete,
        MissingSection,
        SectionOrder,
        DuplicateSection,
        MissingTable,
        SectionEndsMidSentence,
    ]
