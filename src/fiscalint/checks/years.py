"""Year-label rules (YEAR…): labels left over from another year's report.

The report year comes from ``fiscalint.facts.years.report_year`` (the title,
checked against the body); the rules judge only the mentions that module
classifies as comparisons, stock dates and title labels, so citations,
plans, project codes, deadlines and history never fire.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, ClassVar

from fiscalint.facts.years import (
    REPORT_WORDS,
    ReportYear,
    YearMention,
    infer_report_year,
    is_title_like,
    may_mention_years,
    report_year,
    title_years,
    year_mentions,
)
from fiscalint.hookspecs import hookimpl
from fiscalint.memo import per_document
from fiscalint.model import Heading, Location, Paragraph, Table
from fiscalint.rule import Event, Rule, RuleContext

# A year-on-year statement about money: other comparisons (membership, output) may
# legitimately reach further back ("与2019年相比，党员人数增长20%").
_FISCAL = re.compile(r"万元|亿元|\d\s*元|决算|预算|支出|收入|经费|拨款|资金|总计|合计")
_PLANNING = re.compile(r"预算|计划|安排|目标|打算|思路|展望")


_SENTENCE_END = re.compile(r"[。；;！!？?]")


@per_document
def _sentences(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, sentence) pieces of a paragraph, split at 。；!? (memoised per document)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, text[start : m.end()]))
        start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return tuple(out)


@per_document
def _dated_sentences(text: str) -> tuple[str, ...]:
    """The sentences of a paragraph that hold a comparison or stock-date year: the only ones
    YEAR001 and YEAR002 can judge (most paragraphs have none; both rules ask of each)."""
    if not may_mention_years(text):
        return ()
    return tuple(sentence for _offset, sentence in _sentences(text) if year_mentions(sentence))


def _forced_year(ctx: RuleContext) -> int:
    """The ``report-year`` option, set on any of the year rules (one report, one year)."""
    own = ctx.option("report-year")
    if own:
        return int(own)
    rules = getattr(ctx.config, "rules", {}) or {}
    keys = ("YEAR001", "YEAR002", "YEAR003", "comparison-year", "stock-date-year", "title-year")
    return next((int(v) for v in ((rules.get(k) or {}).get("report-year") for k in keys) if v), 0)


def _year(ctx: RuleContext) -> ReportYear:
    """The report year, computed once per document (the option is read by the first rule that asks)."""
    return report_year(ctx, lambda: _forced_year(ctx))


def _excerpt(text: str, start: int, end: int, pad: int = 12) -> str:
    return text[max(0, start - pad) : end + pad].strip()


_YEAR_HELP_TAIL = (
    "\n\n报告年度依次取自：规则选项 `report-year`（设在任一 YEAR 规则上均可）；文首标题中的年度（如“2023年度部门决算”）；"
    "正文中比较年度+1、存量日期年度、表名年度的多数。`fiscalint check --verbose` 会显示年度是怎样推断的。"
    "引用的文件（财预〔2020〕10号、《……2022年……通知》）、规划期（十四五、2021—2025年）、项目编码、"
    "期限（2022年6月底之前）和历史叙述都不是年度标签，不会报告。"
)
_YEAR_HELP_TAIL_EN = (
    "\n\nThe report year comes from the rule option `report-year` (set on any YEAR rule), else from the opening title "
    '("2023年度部门决算"), else from the majority of the body\'s labels (comparison year + 1, stock dates, '
    "table titles); `fiscalint check --verbose` shows how it was inferred. Citations (财预〔2020〕10号, "
    "《…2022年…通知》), plans (十四五, 2021—2025年), project codes, deadlines and history are not year labels."
)


class _SentenceYearRule(Rule):
    """A YEAR rule that reads each sentence of a paragraph for years that are not the
    report year's: ``wrong_years`` finds them, ``messages`` words the finding."""

    def wrong_years(self, ry: ReportYear, sentence: str) -> list[YearMention]:
        """The mentions of ``sentence`` to report; asked only of sentences with year mentions."""
        raise NotImplementedError

    def messages(self, ry: ReportYear, y: YearMention) -> tuple[str, str]:
        raise NotImplementedError

    def on_paragraph(self, ctx: RuleContext, event: Event) -> None:
        ry = _year(ctx)
        if ry.year is None:
            return
        block = event.block
        assert isinstance(block, Paragraph)
        for sentence in _dated_sentences(block.text):
            for y in self.wrong_years(ry, sentence):
                zh, en = self.messages(ry, y)
                ctx.report(block.location.excerpted(_excerpt(sentence, y.start, y.end)), zh, en)


class ComparisonYear(_SentenceYearRule):
    code = "YEAR001"
    name = "comparison-year"
    summary = "同比的比较年度不是上一年度"
    summary_en = "a year-on-year comparison names a year other than the previous year"
    level = "error"
    options: ClassVar[dict[str, Any]] = {"report-year": 0}
    help = (
        "决算说明中的增减变化都与上一年度比较：Y 年度的报告写“与Y−1年相比”“较Y−1年增加”。"
        "写成别的年度（如2021年报告里的“与2010年相比”）通常是沿用旧稿或笔误，读者会误以为比较基数是另一年。"
        "\n\n修改：把比较年度改为上一年度，或写“与上年相比”。" + _YEAR_HELP_TAIL
    )
    help_en = (
        "Changes in a final-accounts report are stated against the previous year: a report for year Y says "
        "与Y−1年相比 / 较Y−1年增加. Any other year (与2010年相比 in a 2021 report) is a slip or a leftover from an "
        "old draft. Fix: name the previous year, or write 与上年相比." + _YEAR_HELP_TAIL_EN
    )

    def wrong_years(self, ry: ReportYear, sentence: str) -> list[YearMention]:
        if not _FISCAL.search(sentence):
            return []
        comparisons = [y for y in year_mentions(sentence) if y.kind == "comparison"]
        if any(y.year == ry.year - 1 for y in comparisons):
            return []  # a trend over several years: "比2022年增加10万元，比2021年增加20万元"
        return comparisons

    def messages(self, ry: ReportYear, y: YearMention) -> tuple[str, str]:
        return (
            f"比较年度为{y.year}年（“{y.text}”），但本报告为{ry.year}年度，同比应与{ry.year - 1}年比较"
            f"（相差{ry.year - 1 - y.year:+d}年）",
            f"comparison year {y.year} (“{y.text}”) in a report for {ry.year}: the previous year is "
            f"{ry.year - 1} (off by {ry.year - 1 - y.year:+d})",
        )


class StockDateYear(_SentenceYearRule):
    code = "YEAR002"
    name = "stock-date-year"
    summary = "年末存量日期不是报告年度的年末"
    summary_en = "a year-end stock date names a year other than the report year"
    level = "error"
    options: ClassVar[dict[str, Any]] = {"report-year": 0}
    help = (
        "资产、车辆、人员等存量数按报告年度的年末填报：Y 年度的报告写“截至Y年12月31日”“截至Y年底”。"
        "写成上一年（如2021年报告里的“截至2020年12月底”）说明数字或日期没有随报告更新。"
        "同一句里同时出现报告年度的（是在比较两年），不报告。\n\n修改：核对数字并把日期改为报告年度年末。"
        + _YEAR_HELP_TAIL
    )
    help_en = (
        "Stock figures (assets, vehicles, staff) are stated at the end of the report year: 截至Y年12月31日. "
        "Another year (截至2020年12月底 in a 2021 report) means the date or the figure was not updated. A sentence "
        "that also names the report year (a comparison of two year-ends) is not reported. Fix: check the figure "
        "and date it at the end of the report year." + _YEAR_HELP_TAIL_EN
    )

    def wrong_years(self, ry: ReportYear, sentence: str) -> list[YearMention]:
        # a budget for Y states stock at the end of Y − 1
        allowed = {ry.year, ry.year - 1} if ry.budget else {ry.year}
        stocks = [y for y in year_mentions(sentence) if y.kind == "stock" and y.year not in allowed]
        if not stocks or re.search(rf"{ry.year}\s*年", sentence):
            return []
        return stocks

    def messages(self, ry: ReportYear, y: YearMention) -> tuple[str, str]:
        return (
            f"存量日期为{y.year}年年末（“{y.text}”），但本报告为{ry.year}年度，应为“截至{ry.year}年12月31日”"
            f"（相差{ry.year - y.year:+d}年）",
            f"stock date at the end of {y.year} (“{y.text}”) in a report for {ry.year}: should be "
            f"截至{ry.year}年12月31日 (off by {ry.year - y.year:+d})",
        )


def _title_blocks(ctx: RuleContext, event: Event) -> list[tuple[str, Location]]:
    """The title-level texts of a block: a heading, a title-like paragraph, a table title."""
    block = event.block
    if isinstance(block, Heading):
        return [(block.text, block.location)]
    if isinstance(block, Paragraph) and is_title_like(block.text):
        return [(block.text, block.location)]
    if isinstance(block, Table) and block.title and "表" in block.title:
        # the caption line above the table was already judged as a paragraph
        title = block.title.strip()
        above = [
            b for b in ctx.document.blocks[max(0, event.index - 3) : max(0, event.index)] if not isinstance(b, Table)
        ]
        if any(title == b.text.strip() for b in above):
            return []  # the caption line was judged as a paragraph already
        first = block.rows[0][0].text.strip() if block.rows and block.rows[0] else ""
        if title == first or any(title in b.text for b in above):
            return [(block.title, block.location)]  # a title row, or a caption run into the text above
        return []  # a title carried over from an earlier table
    return []


class TitleYear(Rule):
    code = "YEAR003"
    name = "title-year"
    summary = "标题、表名或报告名标注了报告年度以外的年度"
    summary_en = "a heading, table title or report title is labelled with another year"
    level = "error"
    options: ClassVar[dict[str, Any]] = {"report-year": 0}
    help = (
        "本年度报告中的标题、附表名、附件报告名都应标注报告年度：2023年度的报告里表名应为“（2023年度）”，"
        "附件应为“2023年XX项目绩效自评报告”。标成别的年度（如“（2022年度）”）通常是套用了上一年的模板。"
        "只检查标题级的文字（标题、表名、单独成行的报告名），且须含决算、预算、绩效、报告、表等字样；"
        "正文里提到的往年报告（如“2020年部门整体绩效自评报告已公开”）不报告。\n\n修改：把年度改为报告年度。"
        + _YEAR_HELP_TAIL
    )
    help_en = (
        "Headings, table titles and annex report titles of a report for year Y carry Y: （2023年度）, "
        "2023年XX项目绩效自评报告. Another year (（2022年度） in a 2023 report) is usually last year's template. "
        "Only title-level text is checked (headings, table titles, a report title on its own line) and only when "
        "it names a report, budget, table…; prose that mentions last year's published report is not a label. "
        "Fix: label it with the report year." + _YEAR_HELP_TAIL_EN
    )

    def _check(self, ctx: RuleContext, event: Event) -> None:
        ry = _year(ctx)
        if ry.year is None:
            return
        block = event.block
        own = block.title if isinstance(block, Table) else block.text
        if not own or "年" not in own:
            return  # every text _title_blocks gives is this one, and a title year says 年
        seen: set = ctx.facts.shared.setdefault("_year003_seen", set())
        for text, loc in _title_blocks(ctx, event):
            if not REPORT_WORDS.search(text):
                continue
            years = title_years(text)
            if not years or any(y.year == ry.year for y in years):
                continue
            if all(y.year == ry.year + 1 for y in years) and _PLANNING.search(text):
                continue  # next year's budget or plan: 2024年预算安排 in a 2023 report
            if ry.budget and all(y.year == ry.year - 1 for y in years) and "决算" in text:
                continue  # a 2024 budget states what 2023 spent: 2023年“三公”经费决算情况
            key = (loc.line, loc.paragraph, loc.page, loc.table, text)
            if key in seen:
                continue
            seen.add(key)
            y = years[0]
            ctx.report(
                Location(loc.path, loc.line, loc.paragraph, loc.page, loc.table, excerpt=text[:80]),
                f"标题“{text[:40]}”标注为{y.year}年度，但本报告为{ry.year}年度（相差{ry.year - y.year:+d}年）",
                f"title “{text[:40]}” is labelled {y.year} in a report for {ry.year} (off by {ry.year - y.year:+d})",
            )

    on_heading = _check
    on_paragraph = _check
    on_table = _check


class MixedReportYears(Rule):
    code = "YEAR004"
    name = "mixed-report-years"
    summary = "报告混用两个报告年度：标题与正文的年度标签不一致"
    summary_en = "the report mixes two report years: the title and the body's year labels disagree"
    level = "warning"
    help = (
        "报告的标题年度与正文的年度标签（比较年度+1、年末存量日期、表名年度）的多数不一致，"
        "例如标题是2023年度，正文却多处与2021年比较、截至2022年12月31日。通常是整段沿用了上一年度的报告。"
        "至少有3处正文标签指向同一个别的年度、且多于指向标题年度的标签时才报告。"
        "\n\n修改：确认报告年度，逐处更新正文中的年度。"
    )
    help_en = (
        "The title's year disagrees with most of the body's year labels (comparison year + 1, year-end stock "
        "dates, table titles): a 2023 title over a body that compares with 2021 and counts stock at 2022-12-31 is "
        "usually last year's text carried over. Reported when at least 3 body labels point to one other year and "
        "outnumber those agreeing with the title. Fix: settle the report year and update the body."
    )

    def on_document_end(self, ctx: RuleContext, event: Event) -> None:
        ry = infer_report_year(ctx.document)
        if ry.year is None or not ry.how.startswith(f"report year {ry.year} from the title"):
            return
        votes = Counter(ry.votes)
        agree = votes.pop(ry.year, 0)
        if not votes:
            return
        other, n = votes.most_common(1)[0]
        if n < 3 or n <= agree:
            return
        title_loc = self._title_location(ctx, ry.year)
        ctx.report(
            title_loc,
            f"标题年度为{ry.year}年，但正文有{n}处年度标签指向{other}年（与标题一致的只有{agree}处），报告可能混用了两个年度",
            f"the title says {ry.year} but {n} body year labels point to {other} (only {agree} agree with the title): "
            "the report mixes two report years",
        )

    @staticmethod
    def _title_location(ctx: RuleContext, year: int) -> Location:
        for b in ctx.document.blocks[:60]:
            if (
                isinstance(b, (Heading, Paragraph))
                and is_title_like(b.text)
                and any(y.year == year for y in title_years(b.text))
            ):
                loc = b.location
                return Location(loc.path, loc.line, loc.paragraph, loc.page, excerpt=b.text[:80])
        return Location(ctx.document.path)


@hookimpl
def fiscalint_rules() -> list[type[Rule]]:
    return [ComparisonYear, StockDateYear, TitleYear, MixedReportYears]
