"""Named quantities: every "<name><verb?>X万元" statement of a report.

The same figure is stated many times in one report (收入总计 in 第二部分 and
again in the 附件, 执行数 in a project report and in its 自评表). To compare
them, each statement is reduced to a key: the canonical quantity (from the
vocabulary pack, ``rules/vocabulary.toml``), the year, the scope (all funds,
财政拨款, 一般公共预算...) and, for per-project figures, the project it belongs
to. Only statements that can be keyed without guessing are kept: a name must
open its clause (after punctuation, a year, or the department's name), the
number must follow it directly (为/是/达/共计/：), and the sentence must not be
a comparison with another year. Anything looser stays out, because a wrong
key makes a false "the report contradicts itself".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from fiscalint.facts.numbers import Num, normalize
from fiscalint.memo import per_document
from fiscalint.model import Document, Heading, Location, Paragraph, Table

UNIT_TO_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}

# Between the start of a clause and the name: a year, a department, 全年...
_YEAR = r"(?:(?P<year>\d{4})年度?|(?P<rel>本|当|上)年度?)"
_ORG = r"(?P<org>本单位|本部门|我单位|我部|部门|单位|[\u4e00-\u9fff]{2,16}?(?:部门|单位|部|局|委|办|院|中心|厅|站|所))"
PREFIX_RE = re.compile(rf"^(?:其中)?(?:{_YEAR})?(?:{_ORG})?(?:项目)?(?:全年)?$")
OWN_ORG_MIN_MENTIONS = 5  # the reporting department is named again and again
OWN_ORG = ("本单位", "本部门", "我单位", "我部", "部门", "单位")
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # 1,378.33 or 1378.33
AMOUNT_UNITS = "|".join(sorted(UNIT_TO_WAN, key=len, reverse=True))  # 亿元|万元|元
# An amount: a number and its unit (where a 其中 list's total states its figure).
AMOUNT_RE = re.compile(rf"(?:{NUMBER})\s*(?:{AMOUNT_UNITS})")
# What joins a name to its number: "基本支出决算数为", "收入总计：".
_VERB = r"(?:决算数?|实际)?(?:为|是|达到|达|共计|合计|总计|共)?[\s:：]*"
# Between the name and the number (matched where the name ends: CONNECTOR_RE.match(text, pos)).
CONNECTOR_RE = re.compile(rf"(?:财政拨款)?(?:支出)?{_VERB}(?P<num>{NUMBER})\s*(?P<unit>{AMOUNT_UNITS}|分)")
# A number then the first character of a unit: a paragraph without one states
# no figure (CONNECTOR_RE needs both), so it is not scanned for names at all.
FIGURE_RE = re.compile(r"\d\s*[元万亿分]")
SPACED_YEAR_RE = re.compile(r"(\d)\s+(?=年)")  # PDF text: "2024 年度"
# A clause group ends at these ("A，B" is one group, "A；B" two); a clause also
# at a comma or a colon; a name also at the marks and spaces that frame it.
GROUP_BREAK = "。；;\n"
CLAUSE_PUNCT = GROUP_BREAK + "，,：:"
CLAUSE_BREAK = CLAUSE_PUNCT + "、（）()“”\"'‘’《》 \u3000\t"
# Synonyms that name a total: a total is never a part of a 其中 list.
TOTAL_NAME_RE = re.compile(r"合计|总计|总额")
# A sentence that compares with another year or hedges its figure.
COMPARISON_RE = re.compile(r"比|较|同比|相比|上年|上一年|去年")
APPROX_AFTER_RE = re.compile(r"(?:以上|以下|左右|余|多)")  # matched where the unit ends
APPROX_BEFORE = ("约", "近", "超", "逾", "≥", "≤", ">", "<", "＞", "＜")
APPROX_BEFORE_RE = re.compile("|".join(map(re.escape, APPROX_BEFORE)))
STATED_YEAR_RE = re.compile(r"(20\d{2})年(?!\d)")

REPORT_TITLE_RE = re.compile(r"(?:绩效)?(?:自评|评价)报告$|自评表(?:[（(][^）)]*[）)])?$")
# How REPORT_TITLE_RE can end (keep in step): a cheap test that spares most
# blocks the search, as the tests of first characters below do for part
# headings and table fragments (every block of the walk is tested).
TITLE_ENDINGS = ("报告", "表", "）", ")")
DEPARTMENT_REPORT_RE = re.compile(r"部门整体|单位整体|部门预算绩效评价报告|整体支出")
TABLE_START_RE = re.compile(r"^(?:实施单位|项目名称|主管部门)")
NAME_LINE_RE = re.compile(r"^[（(](?P<name>[^）)]{2,40})[）)]$")
PROJECT_NAME_RE = re.compile(r"^项目名称[\s:：]*(?P<name>\S.{1,60})$")
TABLE_SKIP_WORDS = ("预算数", "年初预算", "调整后预算", "上年", "同比", "增减")
NUMBERING = r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])"  # 一、 （二） 3.
TABLE_LABEL_NUMBERING = re.compile(f"^{NUMBERING}")
PART_HEADING_RE = re.compile(r"^第\S{1,3}部分|^附件|^附表")
# The first characters PART_HEADING_RE and TABLE_START_RE can match (keep in step).
PART_HEADING_FIRST = "第附"
TABLE_START_FIRST = "实项主"


@dataclass(frozen=True)
class Quantity:
    """One vocabulary entry: a canonical quantity and the synonyms that name it."""

    id: str
    name: str
    name_en: str
    scope: str
    per: str
    unit: str
    synonyms: tuple[str, ...]
    unless: tuple[str, ...] = ()
    code: str = ""  # the 类 code of a function class: a table row "210 卫生健康支出"
    expenditure_only: bool = False  # read from expenditure tables only, never 收入决算表


def _words(value) -> tuple[str, ...]:
    """A pack's word list as strings: a hand-written pack may give a number (synonyms = [12])
    or a single word, and one such entry must not take down every rule that reads the vocabulary."""
    if value is None:
        return ()
    if isinstance(value, (str, int, float)):
        value = [value]
    return tuple(str(v) for v in value if isinstance(v, (str, int, float)) and str(v))


@dataclass
class Vocabulary:
    quantities: list[Quantity]
    scopes: list[tuple[str, tuple[str, ...]]]  # (scope, qualifier words), in pack order
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # scope -> (Chinese, English)

    @classmethod
    def from_packs(cls, packs) -> Vocabulary:
        quantities = [
            Quantity(
                id=str(e["id"]),
                name=str(e.get("name", e["id"])),
                name_en=str(e.get("name_en", e.get("name", e["id"]))),
                scope=str(e.get("scope", "all")),
                per=str(e.get("per", "document")),
                unit=str(e.get("unit", "amount")),
                synonyms=_words(e.get("synonyms")),
                unless=_words(e.get("unless")),
                code=str(e.get("code", "")),
                expenditure_only=bool(e.get("expenditure_only", False)),
            )
            for e in (packs.section("quantities") if packs is not None else [])
            if isinstance(e, dict) and e.get("id")
        ]
        scopes = [
            (str(e["scope"]), _words(e.get("words")))
            for e in (packs.section("quantity_scopes") if packs is not None else [])
            if isinstance(e, dict) and e.get("scope")
        ]
        labels = {
            str(e["scope"]): (str(e.get("label", e["scope"])), str(e.get("label_en", e.get("label", e["scope"]))))
            for e in (packs.section("quantity_scopes") if packs is not None else [])
            if isinstance(e, dict) and e.get("scope")
        }
        return cls(quantities, scopes, labels)

    def pattern(self) -> tuple[re.Pattern[str], dict[str, Quantity]]:
        """One regex of every synonym, longest first, and synonym -> quantity."""
        by_synonym: dict[str, Quantity] = {}
        for q in self.quantities:
            for s in q.synonyms:
                by_synonym.setdefault(normalize(s), q)
        names = sorted(by_synonym, key=len, reverse=True)
        if not names:
            return re.compile(r"(?!x)x"), by_synonym
        return re.compile("|".join(re.escape(n) for n in names)), by_synonym

    def scope_of(self, text: str) -> str | None:
        """The scope a qualifier in ``text`` gives (the first listed that occurs).

        A qualifier negated by 非 (使用非财政拨款结余) gives none."""
        for scope, words in self.scopes:
            if any(_says(text, w) for w in words):
                return scope
        return None


def _says(text: str, word: str) -> bool:
    """``word`` occurs in ``text`` other than as 非<word>."""
    i = text.find(word)
    while i >= 0:
        if i == 0 or text[i - 1] != "非":
            return True
        i = text.find(word, i + 1)
    return False


@dataclass
class Context:
    """Where a statement sits: the document itself, or one report/table in it.

    A project report (…项目绩效自评报告) and its 自评表 are two contexts with
    the same ``name``; per-project figures are compared by name, or within
    one context when the name is unknown.
    """

    start: int  # line or block index where it begins
    kind: str  # "document", "department", "project", "table"
    name: str = ""
    text: list[str] = field(default_factory=list)  # paragraphs seen in it
    has_fragment: bool = False  # a table fragment (实施单位/项目名称…) began in it
    headings: set[str] = field(default_factory=set)  # heading texts seen in it

    @property
    def key(self) -> tuple:
        if self.kind == "document":
            return ("document",)
        if self.name:
            return ("project", self.name)
        return ("context", self.start)


@dataclass
class Statement:
    """A named quantity as stated once: value in the quantity's unit (万元 or 分)."""

    quantity: Quantity
    year: int | None
    scope: str
    value: Num
    location: Location
    context: Context
    printed: str  # the words as printed, e.g. "本年收入合计1344.64万元"
    guard: tuple[str, ...] = ()  # the synonym's `unless` words
    from_table: bool = False  # a table cell: more authoritative than prose

    @property
    def key(self) -> tuple:
        ctx = self.context.key if self.quantity.per == "project" else ("document",)
        return (self.quantity.id, self.year, self.scope, ctx)


def normalize_project_name(text: str) -> str:
    """'2021年城市社区党建项目绩效自评报告' -> '城市社区党建'; '（“两新”组织党建）' -> '两新组织党建'."""
    t = normalize(text).strip()
    t = re.sub(r"^\d{4}年度?", "", t)
    t = re.sub(r"^[\d\w]{10,}[-－—]", "", t)  # a project code: 51090423T000007730113-
    t = re.sub(r"(?:项目)?(?:支出)?(?:绩效)?(?:自评|评价)(?:报告|表)$", "", t)
    t = t.strip("（）()“”\"'‘’ ")
    t = re.sub(r"[“”\"'‘’\s]", "", t)
    t = re.sub(r"(?:项目|专项)$", "", t)
    return t


def report_year(document: Document) -> int | None:
    """The year the report is about, as every rule infers it (facts.years)."""
    from fiscalint.facts.years import infer_report_year

    return infer_report_year(document).year


@per_document
def _table_label(text: str) -> str:
    """'一、一般公共预算财政拨款收入' -> '一般公共预算财政拨款收入'."""
    t = re.sub(r"\s+", "", normalize(text))
    return TABLE_LABEL_NUMBERING.sub("", t)


def _clause_prefix(text: str, start: int) -> str:
    i = start
    while i > 0 and text[i - 1] not in CLAUSE_BREAK:
        i -= 1
    return text[i:start]


def _sentence_head(text: str, start: int) -> str:
    i = max(text.rfind("。", 0, start), text.rfind("\n", 0, start))
    return text[i + 1 : start]


# A 功能分类 item that a 其中 list may split into its own 基本支出 and 项目支出,
# when the vocabulary does not name it as a class: marked as 款 or 项
# (人大事务（款）), led by its code (2010101 行政运行), or named as the 项 and
# 款 that recur under every class do (行政运行, 一般行政管理事务, 机关服务,
# 事业运行, 其他…支出, 行政单位离退休…). A department total ends in none of these.
ITEM_NAME_RE = re.compile(
    r"[（(][类款项][）)]|^2(?:\d{2}|\d{4}|\d{6})(?!\d)|^其他.+支出$"
    r"|(?:运行|事务|机关服务|离退休|缴费|养老|单位医疗|医疗补助|住房公积金|提租补贴|购房补贴|专项业务|信息化建设)"
    r"(?:支出)?$"
)
ITEM_SPLIT = ("基本支出", "项目支出")  # the parts an item is split into
_NAME_LEAD_RE = re.compile(rf"^{NUMBERING}?(?:\d{{4}}年度?)?")
# The words between a total's name and its amount; the whole clause when it
# names nothing ("支出决算为" after "行政运行：").
_NAME_TAIL_RE = re.compile(rf"(?:^(?:财政拨款)?(?:支出)?)?{_VERB}$")


def _qizhong_list(text: str, start: int) -> tuple[str, str] | None:
    """The name of the total a 其中 list around ``start`` breaks down, and the list before ``start``.

    "行政运行300.00万元，其中：基本支出300.00万元，项目支出…" -> ("行政运行",
    "：基本支出300.00万元，"). None when no 其中 opens the sentence's list before
    ``start``, or the clause before it states no amount (a 其中 that opens a
    paragraph, a total given in the sentence before).
    """
    head = _sentence_head(text, start)
    q = head.rfind("其中")
    if q < 0:
        return None
    base = start - len(head)
    end = base + q
    while end > base and text[end - 1] in "，,：: \u3000":
        end -= 1
    i = _clause_start(text, end, base)
    amount = AMOUNT_RE.search(text, i, end)
    if amount is None:
        return None
    name = _NAME_TAIL_RE.sub("", text[i : amount.start()]).strip()
    if not name and i > base and text[i - 1] in "：:":  # 行政运行：支出决算为300.00万元
        name = text[_clause_start(text, i - 1, base) : i - 1].strip()
    return _NAME_LEAD_RE.sub("", name), text[base + q + 2 : start]


def _clause_start(text: str, end: int, base: int) -> int:
    """Where the clause that ends at ``end`` begins: at punctuation only (item names
    such as "机构运行 1100910.5 元" carry spaces, which CLAUSE_BREAK counts as breaks),
    and not at the commas inside a figure."""
    i = end
    while i > base and (text[i - 1] not in CLAUSE_PUNCT or _thousands_comma(text, i - 1)):
        i -= 1
    return i


def _thousands_comma(text: str, i: int) -> bool:
    """Is ``text[i]`` the comma of a thousands separator (2,065,405.42), not a clause break?"""
    return text[i] == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _in_aside(text: str, start: int, end: int) -> bool:
    """True when ``end`` is inside brackets opened after ``start`` (含使用非财政拨款结余…)."""
    seg = text[start:end]
    return seg.count("(") + seg.count("（") > seg.count(")") + seg.count("）")


class Extractor:
    """Walks a document once, tracking contexts, and collects statements and counts."""

    def __init__(self, document: Document, vocabulary: Vocabulary) -> None:
        self.document = document
        self.vocabulary = vocabulary
        self.pattern, self.by_synonym = vocabulary.pattern()
        self.year = report_year(document)
        self._fulltext: str | None = None  # built on first need (a department named before a figure)
        self._org_counts: dict[str, int] = {}
        self.opening = "".join(normalize(b.text) for b in document.blocks[:3] if isinstance(b, (Heading, Paragraph)))
        self.statements: list[Statement] = []
        self._table_factor = Decimal(1)
        self.context = Context(0, "document")
        self.pending_anonymous: Context | None = None
        self.awaiting_name: Context | None = None  # a titled table whose name line may follow
        self.contexts: list[Context] = [self.context]

    def run(self, counts: bool = False) -> tuple[list[Statement], list[CountStatement]]:
        """The statements of named quantities and, if ``counts``, the counts of things.

        Both come from one walk: the contexts they are keyed by are the same,
        and walking a long report twice cost as much as reading its figures.
        """
        found: list[CountStatement] = []
        scan = bool(self.by_synonym)  # the count-only extractor has no names to look for

        def on_paragraph(block: Paragraph, headings: list[str]) -> None:
            if scan:
                self._scan(block.text, block.location, headings)
            ctx = self.context
            if counts and ctx.kind != "table":
                for c in _counts_in(block.text, block.location, self.year):
                    c.context = ctx
                    found.append(c)

        self.walk(on_paragraph)
        self._apply_guards()
        return self.statements, found

    def walk(self, on_paragraph: Callable[[Paragraph, list[str]], None]) -> None:
        """Visit the document in order, keeping ``self.context`` up to date.

        ``on_paragraph(paragraph, heading_texts)`` is called for every paragraph
        that is not itself a title. ``heading_texts`` is the walk's own list,
        kept up to date as headings come and go: read it, do not keep it.
        """
        headings: list[Heading] = []
        heading_texts: list[str] = []
        for block in self.document.blocks:
            if isinstance(block, Heading):
                while headings and headings[-1].level >= block.level:
                    headings.pop()
                    heading_texts.pop()
                headings.append(block)
                heading_texts.append(block.text)
                if not self._on_title_like(block.text, block.location):
                    self._on_heading(block)
                continue
            if isinstance(block, Paragraph):
                if self._on_title_like(block.text, block.location):
                    continue
                self.context.text.append(block.text)
                on_paragraph(block, heading_texts)
            elif isinstance(block, Table):
                self._on_table(block)

    def _on_heading(self, heading: Heading) -> None:
        """A heading seen before in the same report starts another report.

        Two project reports follow the same outline (一、项目概况 …); when the
        second one's title was not recognised, its repeated outline still
        tells where it begins, so its figures are not mixed with the first's.
        """
        ctx = self.context
        if ctx.kind not in ("project", "department"):
            return  # table fragments repeat their labels (完成情况…) page after page
        key = normalize(heading.text).strip()
        if key in ctx.headings:
            self._open(ctx.kind, heading.location)
            self.pending_anonymous = self.awaiting_name = None
            key_ctx = self.context
        else:
            key_ctx = ctx
        key_ctx.headings.add(key)

    # -- contexts -------------------------------------------------------------

    def _line(self, location: Location) -> int:
        return location.line or location.paragraph or location.page or 0

    def _open(self, kind: str, location: Location, name: str = "") -> Context:
        ctx = Context(self._line(location), kind, name)
        self.contexts.append(ctx)
        self.context = ctx
        return ctx

    def _on_title_like(self, text: str, location: Location) -> bool:
        """Opens a context at a report/table title, a part heading or a table fragment."""
        t = normalize(text).strip()
        if self.awaiting_name is not None:
            m = NAME_LINE_RE.match(t)
            if m and not re.search(r"年度|单位|万元|\d", m.group("name")):
                name = normalize_project_name(m.group("name"))
                self.awaiting_name.name = name
                if self.pending_anonymous is not None and not self.pending_anonymous.name:
                    self.pending_anonymous.name = name
                self.pending_anonymous = None
                self.awaiting_name = None
                return True
        if len(t) <= 60 and t.endswith(TITLE_ENDINGS) and REPORT_TITLE_RE.search(t) and "，" not in t:
            if DEPARTMENT_REPORT_RE.search(t):
                self._open("department", location)
                self.pending_anonymous = None
                return True
            is_table = t.endswith("表") or "自评表" in t
            ctx = self._open("table" if is_table else "project", location, normalize_project_name(t))
            if is_table:
                ctx.name = ""  # a table title names the template, not the project
                self.awaiting_name = ctx
                ctx.has_fragment = False
            else:
                self.pending_anonymous = None
                self.awaiting_name = None
            return True
        first = t[:1]
        if first in PART_HEADING_FIRST and PART_HEADING_RE.match(t) and len(t) <= 30:
            self.context = self.contexts[0]
            self.pending_anonymous = self.awaiting_name = None
            return False
        if first in TABLE_START_FIRST and TABLE_START_RE.match(t):
            m = PROJECT_NAME_RE.match(t)
            if self.context.kind == "table" and not self.context.has_fragment:
                self.context.has_fragment = True
            else:
                # A table fragment with no title above it (PDF text flow puts a
                # table's values before its title): its name comes with the
                # next title, if one follows before another fragment.
                self.pending_anonymous = self._open("table", location)
                self.pending_anonymous.has_fragment = True
            if m and not self.context.name:
                self.context.name = normalize_project_name(m.group("name"))
        return False

    def _on_table(self, table: Table) -> None:
        """A real table: its own context (named by its 项目名称 cell) and its statements.

        The paragraphs after the table stay in the context they were in.
        """
        ctx = Context(self._line(table.location), "table")
        self.contexts.append(ctx)
        for row in table.rows:
            for i, cell in enumerate(row[:-1]):
                if "项目名称" in cell.text and normalize(cell.text).strip() == "项目名称":
                    ctx.name = normalize_project_name(row[i + 1].text)
                    break
        self._table_statements(table, ctx)

    def _table_statements(self, table: Table, ctx: Context) -> None:
        """Figures of a 公开表: "label | value" pairs and the 合计 row under named columns.

        Only exact labels count (本年收入合计, 人员经费合计, a column headed 基本支出);
        a table with budget or last-year columns is left alone, since its
        numbers next to a label need not be this year's 决算.
        """
        if not self.by_synonym:
            return  # the count extractor: no named quantities to look for
        head_text = " ".join(normalize(c.text) for row in table.rows[:4] for c in row)
        if any(w in head_text for w in TABLE_SKIP_WORDS):
            return
        unit = table.unit or next((u for u in ("万元", "亿元", "元") if f"({u})" in head_text), "")
        if unit not in UNIT_TO_WAN:
            return  # without its unit a table's 578.10 may be 元 or 万元
        self._table_factor = UNIT_TO_WAN[unit]
        table_scope = self.vocabulary.scope_of(normalize(table.title)) or "all"
        header: list[str] | None = None
        for row in table.rows:
            labels = [_table_label(c.text) for c in row]
            if header is None and sum(1 for x in labels if x in self.by_synonym) >= 2:
                header = labels
                continue
            for i, label in enumerate(labels[:-1]):
                q = self._table_quantity(label)
                if q is None or (q.expenditure_only and "支出" not in table.title):
                    continue
                if i > 0 and labels[i - 1].isdigit() and labels[i - 1] != q.code:
                    continue  # a classification line (30217 公务接待费) is not the named total
                if q is not None:
                    self._add_table_statement(q, row[i + 1], table_scope, ctx)
            if header is not None and labels and labels[0] in ("合计", "总计"):
                for j, name in enumerate(header):
                    if j == 0 or j >= len(row) or name not in self.by_synonym:
                        continue
                    self._add_table_statement(self.by_synonym[name], row[j], table_scope, ctx)

    def _table_quantity(self, label: str) -> Quantity | None:
        if label in self.by_synonym:
            return self.by_synonym[label]
        if label.endswith("合计") and label[:-2] in self.by_synonym:
            return self.by_synonym[label[:-2]]
        return None

    def _add_table_statement(self, q: Quantity, cell, table_scope: str, ctx: Context) -> None:
        if q.unit != "amount" or (q.per == "project" and not ctx.name):
            return
        num = Num.parse(cell.text)
        if num is None:
            return
        if self._table_factor != 1:
            num = num.scaled(self._table_factor)
        scope = table_scope if q.scope == "inherit" else q.scope
        self.statements.append(
            Statement(
                quantity=q,
                year=self.year,
                scope=scope,
                value=num,
                location=cell.location,
                context=ctx,
                printed=f"{q.name} {cell.text.strip()}",
                from_table=True,
            )
        )

    def _scan(self, text: str, location: Location, headings: list[str]) -> None:
        t = normalize(text)
        if ("元" not in t and "分" not in t) or not FIGURE_RE.search(t):
            return  # no figure: every unit ends in 元 or is 分
        if SPACED_YEAR_RE.search(t):
            t = SPACED_YEAR_RE.sub(r"\1", t)
        kind = self.context.kind
        # The last total named in this sentence: its scope, where its name ends and whether
        # it is a grand total (总计, 合计, 总额). Its parts take its scope; a grand total
        # after a grand total in the same clause group (财政拨款收入总计X，支出总计Y) is
        # narrowed by it. A quantity of fixed meaning (机关运行经费) never is.
        total_scope: str | None = None
        total_end = sentence_start = 0
        total_grand = False
        for m in self.pattern.finditer(t):
            q = self.by_synonym[m.group(0)]
            start_here = t.rfind("。", 0, m.start()) + 1
            if start_here != sentence_start:
                sentence_start, total_end, total_scope, total_grand = start_here, start_here, None, False
            part_scope = total_scope
            # 财政拨款收入总计 is matched as 财政拨款收入: the name in the text is what counts.
            grand = bool(TOTAL_NAME_RE.search(m.group(0)) or TOTAL_NAME_RE.match(t, m.end()))
            narrowed = (
                total_grand
                and grand
                and total_scope not in (None, "all")
                and q.scope == "all"
                and not any(c in GROUP_BREAK for c in t[total_end : m.start()])
            )
            if q.scope != "inherit" and self._opens_total(t, m, total_end):
                total_end, total_grand = m.end(), grand
                total_scope = q.scope
                if q.scope == "all":  # 财政拨款支出总计: a qualifier before the name narrows it
                    total_scope = self.vocabulary.scope_of(_clause_prefix(t, m.start())) or "all"
            if q.per == "project" and kind == "document":
                continue
            if q.per == "document" and kind in ("project", "table"):
                continue  # a project report's 项目支出 is its own, not the department's
            prefix = _clause_prefix(t, m.start())
            pm = PREFIX_RE.match(prefix)
            if not pm or not self._own_org(pm.group("org")):
                continue
            name_end = m.end()
            cm = CONNECTOR_RE.match(t, name_end)
            if not cm:
                continue
            unit = cm.group("unit")
            if (q.unit == "score") != (unit == "分"):
                continue
            if APPROX_BEFORE_RE.search(t, name_end, cm.start("num")):
                continue
            end = cm.end()
            if APPROX_AFTER_RE.match(t, end):
                continue
            if t[end : end + 1] in ("%", "％", "万", "亿"):
                continue  # a share, or a garbled unit (14元万)
            if q.per == "document" and (narrowed or self._part_of_item(t, m)):
                continue
            head = _sentence_head(t, m.start())
            year = self._year(pm, head)
            if year is False:
                continue
            scope = q.scope
            if scope == "inherit":
                # 其中 parts take the scope of the total they break down
                # (本年支出合计…其中：基本支出 is all funds), else the section's.
                scope = part_scope or self._inherited_scope(head, headings)
            num = Num.parse(cm.group("num"))
            if num is None:
                continue
            if unit in UNIT_TO_WAN and unit != "万元":
                num = num.scaled(UNIT_TO_WAN[unit])
            self.statements.append(
                Statement(
                    quantity=q,
                    year=year,
                    scope=scope,
                    value=num,
                    location=Location(
                        location.path,
                        location.line,
                        location.paragraph,
                        location.page,
                        excerpt=t[m.start() - len(prefix) : end],
                    ),
                    context=self.context,
                    printed=t[m.start() : end],
                    guard=q.unless,
                )
            )

    def _opens_total(self, text: str, m: re.Match[str], since: int) -> bool:
        """True when the name ``m`` states a total, not a part or an aside: it names
        a total (合计/总计/总额), or no 其中 list has opened since the last total
        ended at ``since``, and it is not in brackets ("（含财政拨款收入…）")."""
        if _in_aside(text, since, m.start()):
            return False
        return bool(TOTAL_NAME_RE.search(m.group(0))) or "其中" not in text[since : m.start()]

    def _part_of_item(self, text: str, m: re.Match[str]) -> bool:
        """True when the 基本支出 or 项目支出 ``m`` is a part of a 功能分类 item's own split:
        "机构运行 N 元，其中：基本支出 a 元，项目支出 b 元" or "社会保障和就业支出 N 万元，
        其中：基本支出…" break a class or an item down, not the report. Only on
        positive evidence: the total is a class of the vocabulary (it has a ``code``)
        or is named as an item (ITEM_NAME_RE), and the list names nothing else."""
        if m.group(0) not in ITEM_SPLIT:
            return False
        found = _qizhong_list(text, m.start())
        if found is None:
            return False
        name, listed = found
        if any(p.group(0) not in ITEM_SPLIT for p in self.pattern.finditer(listed)):
            return False  # the list breaks down something else (财政拨款收入…；基本支出)
        total = self.pattern.search(name)
        if total is not None:
            return bool(self.by_synonym[total.group(0)].code)
        return bool(ITEM_NAME_RE.search(name))

    def _own_org(self, org: str | None) -> bool:
        """A department named before a figure must be the reporting department
        itself (named in the report's opening, or named throughout it), never
        one of its sub-units."""
        if not org or org in OWN_ORG or org in self.opening:
            return True
        if org not in self._org_counts:
            if self._fulltext is None:
                self._fulltext = "\n".join(normalize(b.text) for b in self.document.blocks)
            self._org_counts[org] = self._fulltext.count(org)
        return self._org_counts[org] >= OWN_ORG_MIN_MENTIONS

    def _year(self, pm: re.Match[str], head: str) -> int | bool | None:
        """The statement's year; False when the sentence makes it ambiguous."""
        if pm.group("year"):
            return int(pm.group("year"))
        if pm.group("rel") == "上":
            return self.year - 1 if self.year else False
        if COMPARISON_RE.search(head):
            return False
        years = {int(y) for y in STATED_YEAR_RE.findall(head)}
        if len(years) > 1:
            return False
        if years:
            return years.pop()
        return self.year

    def _inherited_scope(self, head: str, headings: list[str]) -> str:
        scope = self.vocabulary.scope_of(head)
        if scope:
            return scope
        for h in reversed(headings):
            scope = self.vocabulary.scope_of(h)
            if scope:
                return scope
        return "all"

    def _apply_guards(self) -> None:
        """Drop statements whose synonym is unreliable in their report (see ``unless``)."""
        said: dict[tuple[int, tuple[str, ...]], bool] = {}  # (context, words) -> one is in its text
        kept = []
        for s in self.statements:
            if s.guard:
                key = (id(s.context), s.guard)  # every context stays alive in self.contexts
                if key not in said:
                    said[key] = any(w in p for p in s.context.text for w in s.guard)
                if said[key]:
                    continue
            kept.append(s)
        self.statements = kept


def extract_statements(document: Document, vocabulary: Vocabulary) -> list[Statement]:
    """Every keyed statement of a named quantity, in document order."""
    return Extractor(document, vocabulary).run()[0]


def extract_statements_and_counts(
    document: Document, vocabulary: Vocabulary
) -> tuple[list[Statement], list[CountStatement]]:
    """:func:`extract_statements` and :func:`extract_counts` in one walk of the document."""
    return Extractor(document, vocabulary).run(counts=True)


def group_statements(statements: Iterable[Statement]) -> dict[tuple, list[Statement]]:
    groups: dict[tuple, list[Statement]] = {}
    for s in statements:
        groups.setdefault(s.key, []).append(s)
    return groups


@dataclass
class CountStatement:
    """A count of things ("33家…机构入驻"), keyed by its noun phrase and measure word."""

    phrase: str
    measure: str
    year: int | None
    value: int
    location: Location
    printed: str
    form: str  # "after": 33家<phrase>; "before": <phrase>135人次
    region: str = ""  # 全区, 全市…: statements of two different regions never match
    context: Context | None = None  # the report it is stated in

    @property
    def key(self) -> tuple:
        # The characters of the phrase, not their order: 晋升职级 = 职级晋升.
        return (self.form, "".join(sorted(self.phrase)), self.measure, self.year)


MEASURES = (
    "人次",
    "家",
    "个",
    "人",
    "名",
    "期",
    "场",
    "所",
    "项",
    "件",
    "条",
    "套",
    "户",
    "支",
    "批",
    "篇",
    "台",
    "辆",
    "座",
)
# A whole number (not part of 2.5, 1,000, -3 or 第3) and its measure word. The
# checks on what precedes the number are written after its first digit
# ("not [digit-第] then this digit" is "no digit, - or 第 before the number"),
# so the pattern opens with a digit and the scan jumps from digit to digit
# instead of trying both lookbehinds at every character of the paragraph;
# the digits are taken possessively and the measure's first character is
# tested at once, since a year or an amount (2021年, 12.5万元) is no count.
_MEASURE_FIRST = "".join(sorted({m[0] for m in MEASURES}))
COUNT_RE = re.compile(
    r"(?P<num>\d(?<![\d\-第]\d)(?<!\d[.,]\d)\d*+)"
    rf"(?=[{_MEASURE_FIRST}])(?P<measure>{'|'.join(MEASURES)})(?![\d%月])"
)
CJK_RUN = re.compile(r"[\u4e00-\u9fff“”\"]+")
# Words that do not change what is counted: where, when, how.
REGION_RE = re.compile(r"全(?:区|市|县|省|州|镇|乡|国)")
COUNT_FILLERS = re.compile(
    r"全区|全市|全县|全省|全州|全镇|全乡|全国|全年|今年以来|今年|本年|当年|年内|共计|累计|共|完成|实现|大力度|大力|"
    r"积极|稳步|已经|已|均|成功|顺利|有序|扎实|全面|先后|总计|合计"
)
# A sentence that states a target, a plan or a comparison is not a count of what was done.
COUNT_SKIP_RE = re.compile(
    r"目标|计划|力争|预计|拟|确保|不少于|不低于|≥|≤|>|<|比|较|同比|相比|上年|去年|增加|减少|增长|下降|提升"
)
APPROX_NEAR = ("余", "多", "近", "约", "超", "逾", "以上", "左右", "以内", "以下")
MIN_PHRASE = 4
# Phrases that end like these count a stock (staff, posts) that depends on
# the unit and the date (编制 vs 实有, the department vs units transferred in):
# two different figures are usually both right.
STOCK_SUFFIXES = ("人员", "编制", "职工", "在职", "退休", "人数", "车辆", "用车", "资产")
# Phrases that point back to something said before (该类项目, 其中…).
DEICTIC_PREFIXES = ("该", "此", "这", "其", "上述", "以上", "另")


PARENS_RE = re.compile(r"[（(][^（）()]{0,30}[）)]")
OTHER_YEAR_RE = re.compile(r"20\d{2}年")


def _strip_parens(text: str) -> str:
    if "(" not in text and "（" not in text:
        return text  # most sentences have no aside to drop
    return PARENS_RE.sub("", text)


def _count_phrase(run: str) -> str:
    """The phrase of one CJK run (all of it matched by CJK_RUN): fillers and quotes dropped."""
    return COUNT_FILLERS.sub("", run).replace("“", "").replace("”", "").replace('"', "")


def _counts_in(text: str, location: Location, year: int | None) -> list[CountStatement]:
    t = _strip_parens(normalize(text))
    out: list[CountStatement] = []
    for m in COUNT_RE.finditer(t):
        start, end = m.start(), m.end()
        # Every test below only rules the number out: the cheapest come first.
        if t[max(0, start - 2) : start].endswith(APPROX_NEAR) or t[end : end + 2].startswith(APPROX_NEAR):
            continue
        head = _sentence_head(t, start)
        if COUNT_SKIP_RE.search(head) or OTHER_YEAR_RE.search(head):
            continue  # a target, a comparison, or another year's figure
        before = CJK_RUN.match(t[max(0, start - 30) : start][::-1])  # the run that ends at the number
        before_run = before.group(0)[::-1] if before else ""
        after = CJK_RUN.match(t, end)
        after_run = after.group(0) if after else ""
        next_char = t[end : end + 1]
        before_phrase = _count_phrase(before_run) if before_run else ""
        after_phrase = _count_phrase(after_run) if after_run else ""
        if not before_phrase and len(after_phrase) >= MIN_PHRASE and not COUNT_SKIP_RE.search(after_run):
            form, phrase, printed = "after", after_phrase, t[start : end + len(after_run)]
        elif (not after_run) and next_char in "，,。；;、" and len(before_phrase) >= MIN_PHRASE:
            form, phrase, printed = "before", before_phrase, t[start - len(before_run) : end]
        else:
            continue
        if phrase.endswith(STOCK_SUFFIXES) or phrase.startswith(DEICTIC_PREFIXES):
            continue
        region = REGION_RE.search(before_run if form == "before" else after_run)
        out.append(
            CountStatement(
                phrase,
                m.group("measure"),
                year,
                int(m.group("num")),
                Location(location.path, location.line, location.paragraph, location.page, excerpt=printed),
                printed,
                form,
                region.group(0) if region else "",
            )
        )
    return out


def extract_counts(document: Document) -> list[CountStatement]:
    """Counts of things stated in prose (never in tables or table fragments).

    A count is kept only when its noun phrase is unambiguous: the number opens
    its clause and a phrase of at least four characters follows ("36家创新型人力
    资源机构入驻"), or the phrase opens the clause and the number closes it
    ("调任公务员11人"). Approximate figures, targets, comparisons and other
    years' figures are left out.
    """
    return Extractor(document, Vocabulary([], [])).run(counts=True)[1]
