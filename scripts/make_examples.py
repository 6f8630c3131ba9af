#!/usr/bin/env python3
"""Generate the example reports in ``examples/`` (TXT, DOCX and PDF).

The reports are fictional: 青水县文化和旅游局 does not exist, and every
sentence and figure below was written for fiscalint. Each report is built
once as a small data model whose figures are computed from their parts, so
the *clean* variant is exactly consistent (totals = Σ parts, shares, growth
and execution rates recomputed from the amounts, scores within their weights,
总分 = Σ scores), and the *faulty* variant differs from it only by the
deliberate mistakes listed in ``MISTAKES`` and in ``examples/README.md``.

The same model is rendered three ways:

- TXT in the corpus text layout (one paragraph per line; a table is a run
  of lines starting with a TAB, one cell per line, an empty line ending a
  row; a vertically merged cell continues as an empty ``\\t`` cell);
- DOCX with python-docx (Heading styles for the parts, Word auto-numbering
  with the chineseCounting format for the 一、二、… headings of 第二部分,
  real tables with horizontally and vertically merged cells);
- PDF with reportlab and its built-in CID font STSong-Light (wrapped
  paragraphs, ruled tables, page numbers in the footer).

Run ``python scripts/make_examples.py`` (no arguments) to regenerate
everything into ``examples/``; the output is deterministic (fixed document
metadata and dates, reportlab ``invariant=1``, fixed zip timestamps in the
DOCX). ``tests/test_examples.py`` checks that the committed files are up to
date and that fiscalint finds every listed mistake and nothing in the clean
variants.
"""

from __future__ import annotations

import datetime as _dt
import io
import sys
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

DEPT = "青水县文化和旅游局"
YEAR = 2024
FIXED_DATE = _dt.datetime(2025, 6, 30, 9, 0, 0)
ZIP_DATE = (2025, 6, 30, 9, 0, 0)
CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]  # Word chineseCounting, 1-10

# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------

D = Decimal
CENT = D("0.01")


def q2(x: Decimal) -> Decimal:
    """Round half up to two decimals, as the reports print amounts and rates."""
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def share(part: Decimal, total: Decimal) -> Decimal:
    """占X%: part / total."""
    return q2(part / total * 100)


def growth(change: Decimal, current: Decimal) -> Decimal:
    """增长Y%: change / (current − change), as a positive magnitude."""
    return q2(abs(change) / (current - change) * 100)


def amt(x: Decimal) -> str:
    """An amount in 万元 as printed: thousands separator, two decimals."""
    return f"{x:,.2f}"


def pct(x: Decimal) -> str:
    return f"{x:.2f}%"


def shares_of(parts: list[Decimal]) -> list[Decimal]:
    """Shares of a breakdown; the figures are chosen so they add to exactly 100.00."""
    total = sum(parts, D(0))
    out = [share(p, total) for p in parts]
    assert sum(out, D(0)) == 100, (parts, out)
    return out


# ---------------------------------------------------------------------------
# Document model
# ---------------------------------------------------------------------------


@dataclass
class Mistake:
    """One deliberate mistake of a faulty report: where, what and the arithmetic."""

    id: str
    family: str  # the fiscalint code prefix that must report it: SUM, PCT, SCORE, SEC, YEAR
    category: str  # the audit category (as in ../shared/corpus/audit)
    quote: str  # the wrong text, verbatim
    finding: str  # what is wrong, with the arithmetic
    section: str = ""  # for a missing section: its title (it has no line of its own)
    line: int | None = None  # 1-based TXT line, filled in when the TXT is rendered
    lines: tuple[int, ...] = ()  # every TXT line a rule may point at (a table row's lines)


@dataclass
class Title:
    text: str


@dataclass
class Head:
    """A heading: ``label`` as printed (第一部分, 一、, （一）); ``auto`` when Word numbers it."""

    label: str
    title: str
    level: int  # 1 part, 2 一、, 3 （一）
    auto: bool = False
    mistake: str | None = None

    @property
    def text(self) -> str:
        sep = " " if self.level == 1 else ""
        return f"{self.label}{sep}{self.title}"


@dataclass
class Para:
    text: str
    mistake: str | None = None
    style: str = "body"  # body, caption (table title), unit (单位：万元)


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    mistake: str | None = None
    bold: bool = False


@dataclass
class Grid:
    """A table: ``rows`` list the cells that start in each row, left to right;
    positions covered by a rowspan/colspan from elsewhere are simply omitted."""

    rows: list[list[Cell]]
    widths: list[float]  # column widths in cm (PDF and DOCX)
    font_size: float = 8.5

    def placed(self) -> list[list[tuple[int, Cell]]]:
        """Each row's cells with their starting grid column."""
        covered: set[tuple[int, int]] = set()
        out: list[list[tuple[int, Cell]]] = []
        for r, row in enumerate(self.rows):
            col = 0
            placed_row: list[tuple[int, Cell]] = []
            for cell in row:
                while (r, col) in covered:
                    col += 1
                placed_row.append((col, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        covered.add((r + dr, col + dc))
                col += cell.colspan
            assert col <= len(self.widths), (r, col)
            out.append(placed_row)
        return out

    def continuations(self, r: int) -> list[int]:
        """Grid columns in row ``r`` covered by a vertically merged cell from above."""
        cols: list[int] = []
        for r0, row in enumerate(self.placed()[:r]):
            for c0, cell in row:
                if r0 + cell.rowspan > r:
                    cols.append(c0)
        return cols


Block = Title | Head | Para | Grid


@dataclass
class Report:
    stem: str  # file name without extension
    doc_title: str  # the document's title (metadata)
    kind: str  # juesuan / ziping
    faulty: bool
    blocks: list[Block] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


class Variant:
    """Picks the clean or the faulty text of one spot and registers the mistake."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def pick(self, clean, wrong, mistake: Mistake):
        if not self.report.faulty:
            return clean, None
        self.report.mistakes.append(mistake)
        return wrong, mistake.id


# ---------------------------------------------------------------------------
# The 部门决算公开说明
# ---------------------------------------------------------------------------

PREV = YEAR - 1

# 本年收入 (万元)
INCOME = [
    ("一般公共预算财政拨款收入", D("1586.42")),
    ("政府性基金预算财政拨款收入", D("35.00")),
    ("事业收入", D("48.60")),
    ("其他收入", D("6.18")),
]
INCOME_CHANGE = D("86.45")  # 收、支总计 vs last year
STAFF, OFFICE = D("742.36"), D("96.85")  # 人员经费, 公用经费
FISCAL_CHANGE = D("72.16")  # 财政拨款收、支总计 vs last year
GPB_CHANGE = D("64.37")  # 一般公共预算财政拨款支出 vs last year

# 一般公共预算财政拨款支出 by 类, each with its 项 (款, 项, 决算, 预算 when it differs)
GPB_ITEMS: list[tuple[str, list[tuple[str, str, Decimal, Decimal | None]]]] = [
    (
        "文化旅游体育与传媒支出",
        [
            ("文化和旅游", "行政运行", D("512.20"), None),
            ("文化和旅游", "一般行政管理事务", D("86.20"), None),
            ("文化和旅游", "图书馆", D("168.45"), None),
            ("文化和旅游", "群众文化", D("245.80"), None),
            ("文化和旅游", "文化和旅游市场管理", D("39.66"), None),
            ("文物", "文物保护", D("150.12"), D("158.00")),
            ("文化和旅游", "旅游宣传", D("100.00"), None),
        ],
    ),
    (
        "社会保障和就业支出",
        [
            ("行政事业单位养老支出", "机关事业单位基本养老保险缴费支出", D("96.40"), None),
            ("行政事业单位养老支出", "机关事业单位职业年金缴费支出", D("38.56"), None),
            ("行政事业单位养老支出", "行政单位离退休", D("8.32"), None),
        ],
    ),
    (
        "卫生健康支出",
        [
            ("行政事业单位医疗", "行政单位医疗", D("42.70"), None),
            ("行政事业单位医疗", "事业单位医疗", D("16.76"), None),
        ],
    ),
    ("住房保障支出", [("住房改革支出", "住房公积金", D("81.25"), None)]),
]

# the 类 as the 具体情况 list names them (功能分类科目名称)
CLASS_NAMES = {
    "文化旅游体育与传媒支出": "文化旅游体育与传媒",
    "社会保障和就业支出": "社会保障和就业",
    "卫生健康支出": "卫生健康",
}

# "三公"经费: (name, 预算, 决算, change vs last year)
SANGONG = [
    ("因公出国（境）费", D("0.00"), D("0.00"), D("0.00")),
    ("公务用车购置及运行维护费", D("12.00"), D("10.86"), D("-1.04")),
    ("公务接待费", D("3.00"), D("2.34"), D("-0.31")),
]
# the 13 公开表 of 第五部分 附表 (the standard names of the 部门决算 disclosure tables)
TABLES = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "财政拨款支出决算明细表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款支出决算明细表",
    "一般公共预算财政拨款基本支出决算表",
    "一般公共预算财政拨款项目支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
    "财政拨款“三公”经费支出决算表",
]
RUNNING, RUNNING_CHANGE = D("96.85"), D("-6.35")  # 机关运行经费
PROCUREMENT = [("货物", D("36.40")), ("工程", D("52.00")), ("服务", D("40.20"))]
SME, MICRO = D("115.30"), D("98.70")


def juesuan(faulty: bool) -> Report:
    stem = "qingshui-2024-juesuan" + ("" if faulty else "-clean")
    r = Report(stem, f"{DEPT}{YEAR}年度部门决算公开说明", "juesuan", faulty)
    v = Variant(r)

    income_total = sum((x for _, x in INCOME), D(0))
    basic = STAFF + OFFICE
    project = income_total - basic  # 本年支出合计 = 本年收入合计 (no carry-over)
    fiscal_total = INCOME[0][1] + INCOME[1][1]
    gpb = INCOME[0][1]
    class_totals = [(name, sum((i[2] for i in items), D(0))) for name, items in GPB_ITEMS]
    assert sum((t for _, t in class_totals), D(0)) == gpb
    gpb_budget = sum(((i[3] or i[2]) for _, items in GPB_ITEMS for i in items), D(0))

    r.add(Title(f"{DEPT}"), Title(f"{YEAR}年度部门决算公开说明"))

    # 第一部分 ---------------------------------------------------------------
    r.add(
        Head("第一部分", "部门概况", 1),
        Head("一、", "部门职责", 2),
        Para(f"{DEPT}是县人民政府工作部门，主要承担以下职责："),
        Para(
            "1.贯彻落实党和国家关于文化和旅游工作的方针政策，拟订全县文化和旅游发展规划并组织实施，推动文化事业、文化产业和旅游业融合发展。"
        ),
        Para("2.统筹全县公共文化服务体系建设，指导图书馆、文化馆和乡镇综合文化站免费开放，组织重大群众性文化活动。"),
        Para("3.负责全县非物质文化遗产保护工作，组织非遗项目的调查、记录、认定和代表性传承人培训。"),
        Para("4.负责全县文物保护和管理工作，组织文物安全检查，指导不可移动文物的修缮、展示和利用。"),
        Para("5.负责全县文化市场和旅游市场的行业监管，组织开展文化市场综合执法和旅游服务质量提升工作。"),
        Para("6.完成县委、县政府交办的其他任务，做好职责范围内的安全生产和生态环境保护工作。"),
        Head("二、", "机构设置", 2),
        Para(
            "本部门内设办公室、公共服务股、文化遗产股、市场管理股4个股室，下属二级单位3个，均为公益一类事业单位，"
            "分别是青水县文化馆、青水县图书馆、青水县文物保护管理所。"
        ),
        Para(f"纳入本部门{YEAR}年度部门决算编制范围的单位共4个，包括局机关本级和上述3个二级单位。"),
    )

    # 第二部分 ---------------------------------------------------------------
    r.add(Head("第二部分", f"{YEAR}年度部门决算情况说明", 1))
    auto = [
        "收入支出决算总体情况说明",
        "收入决算情况说明",
        "支出决算情况说明",
        "财政拨款收入支出决算总体情况说明",
        "一般公共预算财政拨款支出决算情况说明",
        "一般公共预算财政拨款基本支出决算情况说明",
        "财政拨款“三公”经费支出决算情况说明",
        "政府性基金预算支出决算情况说明",
        "国有资本经营预算支出决算情况说明",
        "其他重要事项的情况说明",
    ]
    sec = {n + 1: Head(f"{CN[n + 1]}、", t, 2, auto=True) for n, t in enumerate(auto)}

    # 一、收入支出决算总体情况
    right = growth(INCOME_CHANGE, income_total)
    wrong = q2(INCOME_CHANGE / income_total * 100)  # the classic slip: change / current
    g, mid = v.pick(
        right,
        wrong,
        Mistake(
            "QSJ-01",
            "PCT",
            "percentage",
            f"增长{pct(wrong)}",
            f"Growth rate {pct(wrong)} does not follow from the change: {amt(INCOME_CHANGE)} / "
            f"({amt(income_total)} − {amt(INCOME_CHANGE)} = {amt(income_total - INCOME_CHANGE)}) = {pct(right)}; "
            f"{pct(wrong)} is the change divided by the current total ({amt(INCOME_CHANGE)} / {amt(income_total)}).",
        ),
    )
    r.add(
        sec[1],
        Para(
            f"{YEAR}年度收、支总计均为{amt(income_total)}万元。与{PREV}年度相比，收、支总计各增加{amt(INCOME_CHANGE)}万元，"
            f"增长{pct(g)}。主要原因是县图书馆新馆开放后运行经费和免费开放补助资金增加。",
            mid,
        ),
    )

    # 二、收入决算
    inc_shares = shares_of([x for _, x in INCOME])
    wrong = inc_shares[1]  # 事业收入 given the share of the line above
    s3, mid = v.pick(
        inc_shares[2],
        wrong,
        Mistake(
            "QSJ-02",
            "PCT",
            "percentage",
            f"事业收入{amt(INCOME[2][1])}万元，占{pct(wrong)}",
            f"Share {pct(wrong)} does not follow from the amounts: {amt(INCOME[2][1])} / {amt(income_total)} = "
            f"{pct(inc_shares[2])} (difference {inc_shares[2] - wrong:.2f} points; {pct(wrong)} is the share of the "
            f"政府性基金 line before it); the stated shares now add to "
            f"{pct(sum(inc_shares, D(0)) - inc_shares[2] + wrong)}, not 100%.",
        ),
    )
    inc_shown = [inc_shares[0], inc_shares[1], s3, inc_shares[3]]
    parts = "；".join(f"{n}{amt(x)}万元，占{pct(s)}" for (n, x), s in zip(INCOME, inc_shown, strict=True))
    r.add(sec[2], Para(f"{YEAR}年度本年收入合计{amt(income_total)}万元，其中：{parts}。", mid))

    # 三、支出决算
    b_s, p_s = shares_of([basic, project])
    r.add(
        sec[3],
        Para(
            f"{YEAR}年度本年支出合计{amt(income_total)}万元，其中：基本支出{amt(basic)}万元，占{pct(b_s)}；"
            f"项目支出{amt(project)}万元，占{pct(p_s)}。"
        ),
    )

    # 四、财政拨款收入支出决算总体情况
    cmp_year, mid = v.pick(
        PREV,
        PREV - 1,
        Mistake(
            "QSJ-03",
            "YEAR",
            "year-label",
            f"与{PREV - 1}年度相比",
            f"A {YEAR} report compares with {PREV - 1}: the comparison year must be {PREV} (report year − 1), "
            f"as everywhere else in the report; the sentence was left over from last year's report.",
        ),
    )
    r.add(
        sec[4],
        Para(
            f"{YEAR}年度财政拨款收、支总计均为{amt(fiscal_total)}万元。与{cmp_year}年度相比，财政拨款收、支总计各增加"
            f"{amt(FISCAL_CHANGE)}万元，增长{pct(growth(FISCAL_CHANGE, fiscal_total))}。主要原因是文物保护和旅游宣传项目资金增加。",
            mid,
        ),
    )

    # 五、一般公共预算财政拨款支出
    class_shares = shares_of([t for _, t in class_totals])
    structure = "；".join(f"{n}{amt(t)}万元，占{pct(s)}" for (n, t), s in zip(class_totals, class_shares, strict=True))
    r.add(
        sec[5],
        Head("（一）", "一般公共预算财政拨款支出决算总体情况", 3),
        Para(
            f"{YEAR}年度一般公共预算财政拨款支出{amt(gpb)}万元，占本年支出合计的{pct(share(gpb, income_total))}。"
            f"与{PREV}年度相比，一般公共预算财政拨款支出增加{amt(GPB_CHANGE)}万元，增长{pct(growth(GPB_CHANGE, gpb))}。"
            "主要原因是图书馆新馆运行经费和文物修缮资金增加。"
        ),
        Head("（二）", "一般公共预算财政拨款支出决算结构情况", 3),
        Para(f"{YEAR}年度一般公共预算财政拨款支出{amt(gpb)}万元，主要用于以下方面：{structure}。"),
        Head("（三）", "一般公共预算财政拨款支出决算具体情况", 3),
        Para(
            f"{YEAR}年度一般公共预算财政拨款支出预算数为{amt(gpb_budget)}万元，决算数为{amt(gpb)}万元，"
            f"完成预算的{pct(share(gpb, gpb_budget))}。其中："
        ),
    )
    n = 0
    for cls, items in GPB_ITEMS:
        for kuan, xiang, spent, budget in items:
            n += 1
            head = f"{n}.{CLASS_NAMES.get(cls, cls)}（类）{kuan}（款）{xiang}（项）："
            if budget is None:
                r.add(Para(f"{head}支出决算为{amt(spent)}万元，完成预算的100%，决算数等于预算数。"))
            else:
                r.add(
                    Para(
                        f"{head}预算数为{amt(budget)}万元，支出决算为{amt(spent)}万元，完成预算的{pct(share(spent, budget))}，"
                        "决算数小于预算数的主要原因是两处文物修缮工程按进度结算，未结算部分收回县财政。"
                    )
                )

    # 六、基本支出
    wrong_staff = STAFF - D("12.40")
    staff, mid = v.pick(
        STAFF,
        wrong_staff,
        Mistake(
            "QSJ-04",
            "SUM",
            "sum",
            f"基本支出{amt(basic)}万元，其中：人员经费{amt(wrong_staff)}万元",
            f"基本支出 {amt(basic)} ≠ 人员经费 {amt(wrong_staff)} + 公用经费 {amt(OFFICE)} = {amt(wrong_staff + OFFICE)} "
            f"(difference {amt(basic - wrong_staff - OFFICE)}, far more than rounding).",
        ),
    )
    r.add(
        sec[6],
        Para(
            f"{YEAR}年度一般公共预算财政拨款基本支出{amt(basic)}万元，其中：人员经费{amt(staff)}万元，主要包括基本工资、"
            "津贴补贴、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、住房公积金等；公用经费"
            f"{amt(OFFICE)}万元，主要包括办公费、水电费、邮电费、差旅费、维修（护）费、公务接待费、工会经费等。",
            mid,
        ),
    )

    # 七、"三公"经费
    sg_total = sum((x[2] for x in SANGONG), D(0))
    sg_budget = sum((x[1] for x in SANGONG), D(0))
    sg_change = sum((x[3] for x in SANGONG), D(0))
    sg_shares = shares_of([x[2] for x in SANGONG])
    (_, _, out_spent, _), (_, car_budget, car, car_change), (_, rec_budget, rec, rec_change) = SANGONG
    stock_year, stock_mid = v.pick(
        YEAR,
        PREV,
        Mistake(
            "QSJ-05",
            "YEAR",
            "year-label",
            f"截至{PREV}年12月31日",
            f"Vehicle stock stated at 31 December {PREV} in a {YEAR} report: the stock date must be "
            f"截至{YEAR}年12月31日 (the 国有资产 section says so).",
        ),
    )
    r.add(
        sec[7],
        Head("（一）", "“三公”经费财政拨款支出决算总体情况说明", 3),
        Para(
            f"{YEAR}年度“三公”经费财政拨款支出决算为{amt(sg_total)}万元，完成预算的{pct(share(sg_total, sg_budget))}，"
            f"较上年减少{amt(-sg_change)}万元，下降{pct(growth(sg_change, sg_total))}。决算数小于预算数的主要原因是"
            "严格执行公务用车使用管理规定，压减公务接待批次和陪同人数。"
        ),
        Head("（二）", "“三公”经费财政拨款支出决算具体情况说明", 3),
        Para(
            f"{YEAR}年度“三公”经费财政拨款支出决算中，"
            + "；".join(
                f"{name}支出决算{amt(x)}万元，占{pct(s)}" for (name, _, x, _), s in zip(SANGONG, sg_shares, strict=True)
            )
            + "。具体情况如下："
        ),
        Para(f"1.因公出国（境）费支出{amt(out_spent)}万元。全年未安排因公出国（境）团组，与上年持平。"),
        Para(
            f"2.公务用车购置及运行维护费支出{amt(car)}万元，完成预算的{pct(share(car, car_budget))}，较上年减少"
            f"{amt(-car_change)}万元，下降{pct(growth(car_change, car))}。其中：公务用车购置支出0.00万元，全年未更新购置公务用车；"
            f"公务用车运行维护费支出{amt(car)}万元，主要用于公务用车的燃油、维修和保险等支出。"
        ),
        Para(f"截至{stock_year}年12月31日，本部门共有公务用车2辆，其中：执法执勤用车1辆、其他用车1辆。", stock_mid),
        Para(
            f"3.公务接待费支出{amt(rec)}万元，完成预算的{pct(share(rec, rec_budget))}，较上年减少{amt(-rec_change)}万元，"
            f"下降{pct(growth(rec_change, rec))}。全年国内公务接待18批次、126人次（不包括陪同人员），主要为上级部门调研指导和"
            "兄弟县区文化旅游交流的工作餐；全年无外事接待。"
        ),
    )

    # 八、九
    r.add(
        sec[8],
        Para(
            f"{YEAR}年度政府性基金预算财政拨款支出{amt(INCOME[1][1])}万元，全部为国家电影事业发展专项资金安排的支出，"
            "用于农村公益电影放映补助。"
        ),
        sec[9],
        Para(f"本部门{YEAR}年度无国有资本经营预算财政拨款支出。"),
    )

    # 十、其他重要事项
    proc_total = sum((x for _, x in PROCUREMENT), D(0))
    label3, gap_mid = v.pick(
        "（三）",
        "（四）",
        Mistake(
            "QSJ-06",
            "SEC",
            "numbering",
            "（四）国有资产占有使用情况",
            "Sub-heading numbered （四） right after （二）政府采购支出情况: （三） is skipped, and the next one "
            "is （五）; the sequence should read （一）（二）（三）（四）.",
        ),
    )
    label4 = "（五）" if faulty else "（四）"  # the faulty sequence carries on from its （四）
    r.add(
        sec[10],
        Head("（一）", "机关运行经费支出情况", 3),
        Para(
            f"{YEAR}年度，本部门机关运行经费支出{amt(RUNNING)}万元，比{PREV}年度减少{amt(-RUNNING_CHANGE)}万元，"
            f"下降{pct(growth(RUNNING_CHANGE, RUNNING))}。主要原因是落实过紧日子要求，压减办公费和差旅费支出。"
        ),
        Head("（二）", "政府采购支出情况", 3),
        Para(
            f"{YEAR}年度，本部门政府采购支出总额{amt(proc_total)}万元，其中："
            + "、".join(f"政府采购{n}支出{amt(x)}万元" for n, x in PROCUREMENT)
            + f"。授予中小企业合同金额{amt(SME)}万元，占政府采购支出总额的{pct(share(SME, proc_total))}，其中：授予小微企业"
            f"合同金额{amt(MICRO)}万元，占政府采购支出总额的{pct(share(MICRO, proc_total))}。"
        ),
        Head(label3, "国有资产占有使用情况", 3, mistake=gap_mid),
        Para(
            f"截至{YEAR}年12月31日，本部门共有车辆2辆，其中：执法执勤用车1辆、其他用车1辆。单价100万元以上设备（不含车辆）0台（套）。"
        ),
        Head(label4, "预算绩效管理情况", 3),
        Para(
            f"本部门对{YEAR}年度13个项目全部开展了绩效自评，自评结果作为下年度预算安排的重要参考。其中，"
            "非物质文化遗产保护传承专项资金自评得分97.98分，评价等级为优。"
        ),
    )

    # 第三部分 名词解释 (deleted from the faulty variant; the parts after it keep their numbers)
    if faulty:
        r.mistakes.append(
            Mistake(
                "QSJ-07",
                "SEC",
                "missing-section",
                "第四部分 附件",
                "The required part 第三部分 名词解释 of the 部门决算公开说明 template is missing: 第二部分 is "
                "followed directly by 第四部分 附件 (the part was deleted and the later parts kept their numbers).",
                section="名词解释",
            )
        )
    else:
        r.add(
            Head("第三部分", "名词解释", 1),
            Para("1.财政拨款收入：指本部门从同级财政部门取得的一般公共预算和政府性基金预算资金。"),
            Para("2.事业收入：指所属事业单位开展专业业务活动及其辅助活动取得的收入。"),
            Para("3.其他收入：指财政拨款收入、事业收入以外的各项收入，如存款利息收入等。"),
            Para("4.基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
            Para("5.项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
            Para("6.“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
            Para("7.机关运行经费：指为保障行政单位运行用于购买货物和服务的各项公用经费。"),
        )

    # 第四部分 附件, 第五部分 附表
    r.add(
        Head("第四部分", "附件", 1, mistake="QSJ-07" if faulty else None),
        Para(f"本部门{YEAR}年度非物质文化遗产保护传承专项资金绩效自评报告及其项目支出绩效自评表另行公开。"),
        Head("第五部分", "附表", 1),
        Para(
            f"本部门{YEAR}年度部门决算公开报表按照四川省部门决算公开的统一格式编制，共13张，以电子表格形式另行公开；"
            "此处列示其中的财政拨款“三公”经费支出决算表。报表目录如下："
        ),
        *[Para(f"{k}.{name}") for k, name in enumerate(TABLES, start=1)],
        Para(f"财政拨款“三公”经费支出决算表（{YEAR}年度）", style="caption"),
        Para("单位：万元", style="unit"),
    )
    wrong_budget = sg_budget + D("0.50")
    tb, tmid = v.pick(
        sg_budget,
        wrong_budget,
        Mistake(
            "QSJ-08",
            "SUM",
            "sum",
            amt(wrong_budget),
            f"Table 合计 row, 预算数 column: {amt(wrong_budget)} ≠ "
            + " + ".join(amt(x[1]) for x in SANGONG)
            + f" = {amt(sg_budget)} (difference {amt(wrong_budget - sg_budget)}).",
        ),
    )

    def change_cells(spent: Decimal, change: Decimal) -> list[Cell]:
        rate = "—" if change == 0 and spent == 0 else f"{'-' if change < 0 else ''}{pct(growth(change, spent))}"
        return [Cell(amt(change)), Cell(rate)]

    rows = [
        [
            Cell("项目", rowspan=2, bold=True),
            Cell("预算数", rowspan=2, bold=True),
            Cell("决算数", rowspan=2, bold=True),
            Cell("决算数比上年增减", colspan=2, bold=True),
        ],
        [Cell("增减额", bold=True), Cell("增减率", bold=True)],
        [Cell("合计"), Cell(amt(tb), mistake=tmid), Cell(amt(sg_total)), *change_cells(sg_total, sg_change)],
    ]
    for name, budget, spent, change in SANGONG:
        rows.append([Cell(name), Cell(amt(budget)), Cell(amt(spent)), *change_cells(spent, change)])
    r.add(Grid(rows, widths=[5.6, 2.6, 2.6, 2.6, 2.6], font_size=9.5))
    return r


# ---------------------------------------------------------------------------
# The 项目支出绩效自评报告 with its 项目支出绩效自评表 (Hunan layout)
# ---------------------------------------------------------------------------

PROJECT = "非物质文化遗产保护传承专项资金"
UNIT = "青水县文化馆"
# 项目资金 (万元): 年初预算数, 全年预算数, 全年执行数
FUNDS = [
    ("其中：当年财政拨款", D("62.00"), D("72.00"), D("69.20")),
    ("上年结转资金", D("8.00"), D("8.00"), D("8.00")),
    ("其他资金", D("0.00"), D("0.00"), D("0.00")),
]
BUDGET_WEIGHT = D("10")
SPENDING = [
    ("传承人培训经费", D("21.60")),
    ("非遗展演活动经费", D("31.68")),
    ("影像记录经费", D("15.40")),
    ("宣传推广经费", D("8.52")),
]


@dataclass
class Indicator:
    level1: str  # 一级指标 with its cap, e.g. 产出指标（50分）
    level2: str
    name: str
    target: str
    actual: str
    weight: Decimal
    score: Decimal
    reason: str = ""


INDICATORS = [
    Indicator("产出指标\n（50分）", "数量指标", "非遗传承人培训人次", "≥300人次", "326人次", D("10"), D("10")),
    Indicator("产出指标\n（50分）", "数量指标", "非遗展演活动场次", "≥20场", "24场", D("10"), D("10")),
    Indicator(
        "产出指标\n（50分）",
        "数量指标",
        "非遗项目影像记录数量",
        "≥6个",
        "5个",
        D("10"),
        D("8.33"),
        "1名传承人因病住院，记录工作延至次年上半年完成；今后提前制定备选方案",
    ),
    Indicator("产出指标\n（50分）", "质量指标", "记录成果验收合格率", "100%", "100%", D("10"), D("10")),
    Indicator("产出指标\n（50分）", "时效指标", "培训及展演完成时间", "12月底前", "11月底", D("5"), D("5")),
    Indicator("产出指标\n（50分）", "成本指标", "展演活动场均成本", "≤1.5万元", "1.32万元", D("5"), D("5")),
    Indicator(
        "效益指标\n（30分）", "社会效益指标", "群众参与非遗活动人次", "≥1.5万人次", "1.82万人次", D("15"), D("15")
    ),
    Indicator("效益指标\n（30分）", "可持续影响指标", "代表性传承人队伍", "保持稳定", "保持稳定", D("15"), D("15")),
    Indicator("满意度指标\n（10分）", "服务对象满意度指标", "参训传承人满意度", "≥90%", "95.60%", D("10"), D("10")),
]


def grade(score: Decimal) -> str:
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


def ziping(faulty: bool) -> Report:
    stem = "qingshui-2024-zipingbaogao" + ("" if faulty else "-clean")
    r = Report(stem, f"{DEPT}{YEAR}年度{PROJECT}绩效自评报告", "ziping", faulty)
    v = Variant(r)

    initial = sum((f[1] for f in FUNDS), D(0))
    budget = sum((f[2] for f in FUNDS), D(0))
    spent = sum((f[3] for f in FUNDS), D(0))
    assert spent == sum((x for _, x in SPENDING), D(0))
    rate = share(spent, budget)
    budget_score = q2(BUDGET_WEIGHT * spent / budget)
    indicators = [Indicator(**vars(i)) for i in INDICATORS]
    assert budget_score <= BUDGET_WEIGHT and all(i.score <= i.weight for i in indicators)
    assert BUDGET_WEIGHT + sum((i.weight for i in indicators), D(0)) == 100
    for cap in ("产出指标\n（50分）", "效益指标\n（30分）", "满意度指标\n（10分）"):
        stated = D(cap.split("（")[1].rstrip("分）"))
        assert sum((i.weight for i in indicators if i.level1 == cap), D(0)) == stated
    true_total = budget_score + sum((i.score for i in indicators), D(0))
    carried = FUNDS[1][2]
    added = FUNDS[0][2] - FUNDS[0][1]
    assert q2(SPENDING[1][1] / 24) == D("1.32")  # 展演活动场均成本: 31.68万元 / 24场

    # Faulty: the 成本指标 scored 6 of its 5 points, and a 总分 that is not the sum.
    cost = indicators[5]
    over = D("6")
    cost.score, over_mid = v.pick(
        cost.score,
        over,
        Mistake(
            "QSZ-01",
            "SCORE",
            "score-weight",
            str(over),
            f"成本指标 展演活动场均成本 scored {over} of a weight (分值) of {cost.weight}: a score cannot exceed its "
            f"weight (excess {over - cost.weight}).",
        ),
    )
    table_sum = budget_score + sum((i.score for i in indicators), D(0))
    wrong_total = D("97.89")
    total, total_mid = v.pick(
        true_total,
        wrong_total,
        Mistake(
            "QSZ-02",
            "SCORE",
            "score-weight",
            str(wrong_total),
            f"总分 {wrong_total} is not the sum of the scores: {budget_score} (预算执行) + "
            + " + ".join(str(i.score) for i in indicators)
            + f" = {table_sum} (difference {table_sum - wrong_total}); the report quotes the same wrong 总分 in its "
            "综合评价结论.",
        ),
    )

    r.add(Title(DEPT), Title(f"{YEAR}年度{PROJECT}绩效自评报告"))
    r.add(
        Para(
            f"为加强财政资金绩效管理，提高资金使用效益，按照县财政局关于开展{YEAR}年度项目支出绩效自评工作的安排，"
            f"我局对{PROJECT}开展了绩效自评，现将有关情况报告如下。"
        ),
        Head("一、", "项目概况", 2),
        Para(
            f"{PROJECT}是县级财政安排的常年性项目，由{UNIT}具体实施，主要用于非遗代表性传承人培训、非遗展演活动、"
            f"非遗项目影像记录和宣传推广。{YEAR}年度项目全年预算数{amt(budget)}万元，其中：当年财政拨款{amt(FUNDS[0][2])}万元，"
            f"上年结转资金{amt(carried)}万元。"
        ),
        Head("二、", "绩效自评工作开展情况", 2),
        Para(
            "我局成立了由分管领导任组长的绩效自评工作小组，对照年初设定的绩效目标，采取查阅资料、实地核查和问卷调查"
            "相结合的方式，逐项核实指标完成情况，形成本报告和项目支出绩效自评表。"
        ),
        Head("三、", "综合评价结论", 2),
        Para(f"{YEAR}年度{PROJECT}绩效自评得分为{total}分，评价等级为“{grade(total)}”。"),
        Head("四、", "绩效目标实现情况分析", 2),
        Head("（一）", "项目资金使用及管理情况", 3),
        Para(
            f"{YEAR}年度项目实际支出{amt(spent)}万元，其中："
            + "，".join(f"{n}{amt(x)}万元" for n, x in SPENDING)
            + "。资金严格按照专项资金管理办法使用，未发现挤占、挪用情况。"
        ),
        Head("（二）", "总体绩效目标完成情况分析", 3),
        Para(
            f"项目上年结转{amt(carried)}万元，年初预算{amt(FUNDS[0][1])}万元，年中追加{amt(added)}万元，全年预算数"
            f"{amt(budget)}万元，实际支付{amt(spent)}万元，执行率{pct(rate)}。未支付的{amt(budget - spent)}万元为影像记录"
            "尾款，待成果验收合格后支付。"
        ),
        Head("（三）", "绩效指标完成情况分析", 3),
        Para(
            "1.产出指标完成情况。全年举办非遗传承人培训班8期，培训326人次；组织非遗展演活动24场；完成5个非遗项目的"
            "影像记录，较目标少1个，原因是1名传承人因病住院，记录工作延至次年上半年；记录成果验收合格率100%；"
            "展演活动场均成本1.32万元。"
        ),
        Para(
            "2.效益指标完成情况。全年非遗活动吸引群众参与1.82万人次，代表性传承人队伍保持稳定，新认定县级代表性传承人6名。"
        ),
        Para("3.满意度指标完成情况。问卷调查显示，参训传承人满意度为95.60%，达到年度目标。"),
        Head("五、", "存在的问题和改进措施", 2),
        Para(
            "一是个别非遗项目影像记录受传承人身体状况影响，进度滞后；二是宣传推广形式较为单一，线上传播力度不足。"
            "下一步，我局将提前制定记录工作备选方案，拓展新媒体宣传渠道。"
        ),
        Head("六、", "绩效自评结果拟应用和公开情况", 2),
        Para("自评结果将作为编制下年度项目预算和完善绩效目标的重要依据，并随部门决算一并向社会公开。"),
        Head("七、", "其他需要说明的问题", 2),
        Para("无。"),
        Head("", "附件", 2),
        Para(f"{YEAR}年度项目支出绩效自评表", style="caption"),
    )

    dash = "—"
    rows: list[list[Cell]] = [
        [Cell("项目名称", bold=True), Cell(PROJECT, colspan=8)],
        [
            Cell("主管部门", bold=True),
            Cell(DEPT, colspan=3),
            Cell("实施单位", colspan=2, bold=True),
            Cell(UNIT, colspan=3),
        ],
        [
            Cell("项目资金\n（万元）", rowspan=5, bold=True),
            Cell("", colspan=2),
            Cell("年初\n预算数", bold=True),
            Cell("全年\n预算数", bold=True),
            Cell("全年\n执行数", bold=True),
            Cell("分值", bold=True),
            Cell("执行率", bold=True),
            Cell("得分", bold=True),
        ],
        [
            Cell("年度资金总额", colspan=2),
            Cell(amt(initial)),
            Cell(amt(budget)),
            Cell(amt(spent)),
            Cell(str(BUDGET_WEIGHT)),
            Cell(pct(rate)),
            Cell(str(budget_score)),
        ],
    ]
    for name, a, b, c in FUNDS:
        rows.append(
            [Cell(name, colspan=2), Cell(amt(a)), Cell(amt(b)), Cell(amt(c)), Cell(dash), Cell(dash), Cell(dash)]
        )
    rows += [
        [
            Cell("年度总体目标", rowspan=2, bold=True),
            Cell("预期目标", colspan=4, bold=True),
            Cell("实际完成情况", colspan=4, bold=True),
        ],
        [
            Cell(
                "培训非遗传承人300人次以上，举办展演活动20场以上，完成6个非遗项目影像记录，群众参与非遗活动1.5万人次以上。",
                colspan=4,
            ),
            Cell(
                "培训326人次，举办展演活动24场，完成5个项目影像记录，群众参与1.82万人次，除影像记录外均完成年度目标。",
                colspan=4,
            ),
        ],
        [
            Cell("绩效\n指标", rowspan=1 + len(indicators), bold=True),
            Cell("一级指标", bold=True),
            Cell("二级指标", bold=True),
            Cell("三级指标", bold=True),
            Cell("年度\n指标值", bold=True),
            Cell("实际\n完成值", bold=True),
            Cell("分值", bold=True),
            Cell("得分", bold=True),
            Cell("偏差原因分析\n及改进措施", bold=True),
        ],
    ]
    for k, ind in enumerate(indicators):
        row: list[Cell] = []
        if k == 0 or indicators[k - 1].level1 != ind.level1:
            row.append(Cell(ind.level1, rowspan=sum(1 for i in indicators if i.level1 == ind.level1)))
        if k == 0 or (indicators[k - 1].level1, indicators[k - 1].level2) != (ind.level1, ind.level2):
            span = 1
            while k + span < len(indicators) and (indicators[k + span].level1, indicators[k + span].level2) == (
                ind.level1,
                ind.level2,
            ):
                span += 1
            row.append(Cell(ind.level2, rowspan=span))
        mid = over_mid if ind is cost else None
        row += [
            Cell(ind.name),
            Cell(ind.target),
            Cell(ind.actual),
            Cell(str(ind.weight)),
            Cell(str(ind.score), mistake=mid),
            Cell(ind.reason),
        ]
        rows.append(row)
    rows.append([Cell("总分", colspan=6, bold=True), Cell("100"), Cell(str(total), colspan=2, mistake=total_mid)])
    r.add(Grid(rows, widths=[1.5, 1.7, 1.9, 2.9, 1.8, 1.8, 1.0, 1.2, 3.0], font_size=8))
    return r


def reports() -> list[Report]:
    """Every example report: the faulty ones first, then their clean twins."""
    out = [juesuan(True), ziping(True), juesuan(False), ziping(False)]
    for rep in out:
        render_txt(rep)  # fills in the mistakes' lines
    return out


# ---------------------------------------------------------------------------
# TXT (the corpus text layout)
# ---------------------------------------------------------------------------


def render_txt(rep: Report) -> str:
    """The report in the corpus text layout; records each mistake's line(s)."""
    lines: list[str] = []
    by_id = {m.id: m for m in rep.mistakes}

    def mark(mid: str | None, line: int, row_lines: tuple[int, ...] = ()) -> None:
        if mid is not None:
            by_id[mid].line = line
            by_id[mid].lines = row_lines or (line,)

    for block in rep.blocks:
        if isinstance(block, Grid):
            placed = block.placed()
            for r, row in enumerate(placed):
                cells: list[tuple[int, Cell | None]] = [(c, cell) for c, cell in row]
                cells += [(c, None) for c in block.continuations(r)]
                cells.sort(key=lambda x: x[0])
                first = len(lines) + 1
                marks: list[tuple[str, int]] = []
                for _, cell in cells:
                    text = "" if cell is None else cell.text
                    head, *rest = text.split("\n")
                    lines.append("\t" + head)
                    if cell is not None and cell.mistake:
                        marks.append((cell.mistake, len(lines)))
                    lines.extend(rest)
                row_lines = tuple(range(first, len(lines) + 1))
                for mid, line in marks:
                    mark(mid, line, row_lines)
                lines.append("")
            continue
        lines.append(block.text)
        mark(getattr(block, "mistake", None), len(lines))
    missing = [m.id for m in rep.mistakes if m.line is None]
    assert not missing, missing
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# DOCX (python-docx)
# ---------------------------------------------------------------------------


def _add_chinese_numbering(document) -> int:
    """Add a one-level Word list numbered 一、二、三、 (chineseCounting); returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    aid, nid = max(abstract_ids, default=0) + 1, max(num_ids, default=0) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # every w:abstractNum must precede the w:num elements
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'))
    return nid


def _number_paragraph(paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _docx_styles(document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for name, size in (("Normal", 11), ("Heading 1", 15), ("Heading 2", 13)):
        style = document.styles[name]
        style.font.name = "Times New Roman"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体" if name == "Normal" else "黑体")


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so that the DOCX bytes do not depend on the clock."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def render_docx(rep: Report, path: Path) -> None:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    sec = document.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.2)
    sec.top_margin = sec.bottom_margin = Cm(2.4)
    _docx_styles(document)
    num_id = _add_chinese_numbering(document)

    for block in rep.blocks:
        if isinstance(block, Title):
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(block.text)
            run.bold, run.font.size = True, Pt(18)
        elif isinstance(block, Head):
            if block.level == 1:
                document.add_paragraph(block.text, style="Heading 1")
            elif block.auto:
                _number_paragraph(document.add_paragraph(block.title, style="Heading 2"), num_id)
            else:  # typed by hand, as most government files do
                p = document.add_paragraph()
                p.paragraph_format.first_line_indent = Cm(0.78)
                p.add_run(block.text).bold = True
        elif isinstance(block, Para):
            p = document.add_paragraph(block.text)
            if block.style == "caption":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.runs[0].bold = True
            elif block.style == "unit":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                p.paragraph_format.first_line_indent = Cm(0.78)
        else:
            ncols = len(block.widths)
            table = document.add_table(rows=len(block.rows), cols=ncols)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, row in enumerate(block.placed()):
                for c, cell in row:
                    target = table.cell(r, c)
                    if cell.rowspan > 1 or cell.colspan > 1:
                        target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                    target.text = cell.text
                    para = target.paragraphs[0]
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    for run in para.runs:
                        run.font.size = Pt(block.font_size)
                        run.bold = cell.bold
            for c, width in enumerate(block.widths):
                for row in table.rows:
                    row.cells[c].width = Cm(width)

    props = document.core_properties
    props.author = props.last_modified_by = DEPT
    props.title = rep.doc_title
    props.subject = "fiscalint example report (fictional)"
    props.comments = "Generated by scripts/make_examples.py; every figure is made up."
    props.keywords = "fiscalint example"
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


# ---------------------------------------------------------------------------
# PDF (reportlab, built-in CID font)
# ---------------------------------------------------------------------------

FONT = "STSong-Light"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def render_pdf(rep: Report, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))

    def style(name: str, size: float, leading: float, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=leading, wordWrap="CJK", **kw)

    styles = {
        "title": style("title", 17, 25, alignment=TA_CENTER, spaceAfter=4),
        1: style("h1", 14, 21, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        2: style("h2", 12, 18, spaceBefore=4, spaceAfter=2, keepWithNext=1),
        3: style("h3", 11, 17, firstLineIndent=22, keepWithNext=1),
        "body": style("body", 10.5, 15.5, firstLineIndent=21),
        "caption": style("caption", 11.5, 18, alignment=TA_CENTER, spaceBefore=6),
        "unit": style("unit", 9, 13, alignment=TA_RIGHT),
    }
    story: list = []
    pending: list = []  # a table caption, kept on the same page as its table
    for block in rep.blocks:
        if isinstance(block, Title):
            story.append(Paragraph(_esc(block.text), styles["title"]))
        elif isinstance(block, Head):
            if block.level == 1 and story:
                story.append(Spacer(1, 4))
            story.append(Paragraph(_esc(block.text), styles[block.level]))
        elif isinstance(block, Para) and block.style in ("caption", "unit"):
            pending.append(Paragraph(_esc(block.text), styles[block.style]))
        elif isinstance(block, Para):
            story.append(Paragraph(_esc(block.text), styles["body"]))
        else:
            cell_style = style(f"cell{block.font_size}", block.font_size, block.font_size * 1.35, alignment=TA_CENTER)
            ncols = len(block.widths)
            data: list[list] = [["" for _ in range(ncols)] for _ in block.rows]
            commands: list = [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
            for r, row in enumerate(block.placed()):
                for c, cell in row:
                    data[r][c] = Paragraph(_esc(cell.text), cell_style) if cell.text else ""
                    if cell.rowspan > 1 or cell.colspan > 1:
                        commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            table = Table(data, colWidths=[w * cm for w in block.widths], style=TableStyle(commands))
            story.append(KeepTogether([*pending, table]))
            pending = []

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(A4[0] / 2, 1.3 * cm, f"— {doc.page} —")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=2.0 * cm,
        rightMargin=2.0 * cm,
        topMargin=2.0 * cm,
        bottomMargin=2.2 * cm,
        title=rep.doc_title,
        author=DEPT,
        subject="fiscalint example report (fictional)",
        creator="fiscalint scripts/make_examples.py",
        invariant=1,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


# ---------------------------------------------------------------------------
# examples/README.md (the mistake manifest) and main
# ---------------------------------------------------------------------------

FORMATS = (".txt", ".docx", ".pdf")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_readme(reps: list[Report]) -> str:
    faulty = [r for r in reps if r.faulty]
    out = [
        "# Example reports",
        "",
        "Two fictional reports of a fictional department, 青水县文化和旅游局, for the year 2024, written for",
        "fiscalint: every sentence and figure is made up. Each comes twice, in TXT, DOCX and PDF:",
        "",
        "| file | what it is |",
        "| --- | --- |",
        "| `qingshui-2024-juesuan.{txt,docx,pdf}` | 2024年度部门决算公开说明 (Sichuan-style template: 部门概况, 决算情况说明 一 to 十, 名词解释, 附件, 附表 with the “三公”经费 table), **with the deliberate mistakes listed below** |",
        "| `qingshui-2024-juesuan-clean.{txt,docx,pdf}` | the same report with every figure consistent: fiscalint reports nothing |",
        "| `qingshui-2024-zipingbaogao.{txt,docx,pdf}` | 2024年度非物质文化遗产保护传承专项资金绩效自评报告 with its 项目支出绩效自评表 (Hunan-style layout), **with deliberate mistakes** |",
        "| `qingshui-2024-zipingbaogao-clean.{txt,docx,pdf}` | the same report, consistent: fiscalint reports nothing |",
        "",
        "Try (the README's first command checks the whole folder):",
        "",
        "```sh",
        "fiscalint check examples/                                   # findings of every family, exit status 1",
        "fiscalint check examples/qingshui-2024-juesuan-clean.docx   # nothing to report, exit status 0",
        "```",
        "",
        "The three forms hold the same text and give the same findings; each exercises its reader:",
        "the TXT follows the corpus text layout (one paragraph per line, table cells on lines starting",
        "with a TAB, an empty `\\t` cell continuing a vertically merged cell); the DOCX numbers the",
        "一、…十、 headings of 第二部分 with Word auto-numbering (`chineseCounting`) and has tables with",
        "horizontally and vertically merged cells; the PDF uses reportlab's built-in Chinese font",
        "STSong-Light (not embedded: viewers substitute a Song typeface), ruled tables and a page number",
        "in the footer.",
        "",
        "The files are generated: do not edit them by hand. Change `scripts/make_examples.py` and run",
        "`python scripts/make_examples.py` (deterministic: same bytes on every run); `tests/test_examples.py`",
        "fails when the committed files are out of date. The script builds each report as a data model",
        "whose figures are computed from their parts (totals = Σ parts, shares = part / total with the",
        "shares of a breakdown adding to exactly 100.00%, growth = change / (current − change),",
        "完成预算 and 执行率 = 执行数 / 预算数, scores within their weights, 总分 = Σ scores, grade 优 ≥ 90),",
        "then injects the mistakes below into the faulty variant only.",
        "",
        "## The deliberate mistakes",
        "",
        "`line` is the line in the TXT form (the DOCX and PDF forms hold the same text, located by",
        "paragraph, table cell or page). `family` is the fiscalint code prefix that reports it;",
        "`category` and `severity` follow the audits of the corpus (`../shared/corpus/audit/`), and the",
        "first six columns have their layout, so the corpus scoring tool can read these tables too.",
    ]
    for rep in faulty:
        out += [
            "",
            f"### `{rep.stem}.txt`",
            "",
            "| id | line | category | severity | quote | finding | family |",
            "|---|---|---|---|---|---|---|",
        ]
        for m in rep.mistakes:
            out.append(f"| {m.id} | {m.line} | {m.category} | error | {_md(m.quote)} | {_md(m.finding)} | {m.family} |")
    out += [
        "",
        "The clean variants differ from the faulty ones only at these spots (and, for QSJ-07, by the",
        "名词解释 part itself; for QSJ-06, by the number of the heading after it; for QSZ-02, by the",
        "综合评价结论 quoting the same 总分).",
        "",
    ]
    return "\n".join(out)


def write_all(outdir: Path = EXAMPLES) -> list[Path]:
    """Write every example (TXT, DOCX, PDF) and the README into ``outdir``; returns the paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    reps = reports()
    written: list[Path] = []
    for rep in reps:
        txt = outdir / f"{rep.stem}.txt"
        txt.write_text(render_txt(rep), encoding="utf-8", newline="\n")
        render_docx(rep, outdir / f"{rep.stem}.docx")
        render_pdf(rep, outdir / f"{rep.stem}.pdf")
        written += [outdir / f"{rep.stem}{ext}" for ext in FORMATS]
    readme = outdir / "README.md"
    readme.write_text(render_readme(reps), encoding="utf-8", newline="\n")
    return [*written, readme]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else EXAMPLES
    for path in write_all(outdir):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
