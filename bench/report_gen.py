"""A synthetic 部门决算公开说明, written at run time as TXT, DOCX and PDF.

The benchmarks need reports of a chosen size that look like the real ones
(headings 一、 and （一）, prose full of amounts, shares and growth rates,
ruled tables whose 合计 rows add up), so that every rule has work to do.
``scale`` repeats the per-unit chapter (one 二级单位 each, about 1.8 PDF
pages), so size grows exactly linearly with it. The numbers are
consistent (parts add up, shares and growth rates are correctly rounded),
as in a report a finance officer would sign off.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

CN_DIGITS = "零一二三四五六七八九"
YEAR = 2024
CENT = Decimal("0.01")

FUNCTIONS = [
    ("2010101", "行政运行"),
    ("2010102", "一般行政管理事务"),
    ("2010150", "事业运行"),
    ("2013201", "行政运行"),
    ("2013299", "其他组织事务支出"),
    ("2080501", "行政单位离退休"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2080506", "机关事业单位职业年金缴费支出"),
    ("2101101", "行政单位医疗"),
    ("2101103", "公务员医疗补助"),
    ("2210201", "住房公积金"),
    ("2240199", "其他应急管理支出"),
]
INCOME = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "事业收入", "其他收入"]
DUTIES = [
    "负责本行业发展规划的拟订和组织实施，统筹推进重点领域改革。",
    "承担辖区内相关行政审批事项的受理、审核和监督管理工作。",
    "负责本系统财务、资产和政府采购管理，指导所属单位内部控制建设。",
    "组织开展行业统计、信息化建设和数据共享工作，提升服务效能。",
    "完成区委、区政府交办的其他任务。",
]


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 25 -> 二十五, 105 -> 一百零五 (chapter and section labels)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 1 else CN_DIGITS[tens]
        return f"{head}十{CN_DIGITS[ones] if ones else ''}"
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return f"{CN_DIGITS[hundreds]}百"
    tail = f"零{CN_DIGITS[rest]}" if rest < 10 else ("一" if rest < 20 else "") + cn_number(rest)
    return f"{cn_number(hundreds)}百{tail}"


def money(v: Decimal) -> str:
    return f"{v:,.2f}"


def share(part: Decimal, whole: Decimal) -> str:
    if whole == 0:
        return "0"
    return str((part * 100 / whole).quantize(CENT, ROUND_HALF_UP))


@dataclass
class Block:
    kind: str  # "heading" | "paragraph" | "table"
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Report:
    title: str
    blocks: list[Block]


def _split(rng: random.Random, total: Decimal, n: int) -> list[Decimal]:
    """``n`` positive parts (to the cent) that add up to ``total`` exactly."""
    cuts = sorted(rng.uniform(0.05, 0.95) for _ in range(n - 1))
    bounds = [0.0, *cuts, 1.0]
    parts = [(total * Decimal(str(b - a))).quantize(CENT) for a, b in itertools.pairwise(bounds)]
    parts[-1] = total - sum(parts[:-1])
    return parts


def _unit_chapter(rng: random.Random, chapter: int, unit: str) -> list[Block]:
    """One unit's 决算情况说明: nine numbered sections, prose and three tables."""
    b: list[Block] = [Block("heading", f"第{cn_number(chapter)}部分 {unit}{YEAR}年度决算情况说明", 0)]
    total = Decimal(rng.randint(80_000, 900_000)) / 100
    last = (total * Decimal(str(rng.uniform(0.8, 1.2)))).quantize(CENT)
    diff = total - last
    rate = share(abs(diff), last)
    verb = "增加" if diff >= 0 else "减少"
    grow = "增长" if diff >= 0 else "下降"
    b.append(Block("heading", "一、收入支出决算总体情况说明", 1))
    b.append(
        Block(
            "paragraph",
            f"{YEAR}年度收、支总计均为{money(total)}万元。与{YEAR - 1}年度相比，收、支总计各{verb}"
            f"{money(abs(diff))}万元，{grow}{rate}%。主要变动原因是本年度重点工作任务调整，相关经费相应变化。",
        )
    )
    incomes = _split(rng, total, len(INCOME))
    b.append(Block("heading", "二、收入决算情况说明", 1))
    parts = "；".join(f"{name}{money(v)}万元，占{share(v, total)}%" for name, v in zip(INCOME, incomes, strict=True))
    b.append(Block("paragraph", f"{YEAR}年度本年收入合计{money(total)}万元，其中：{parts}。"))
    basic, project = _split(rng, total, 2)
    b.append(Block("heading", "三、支出决算情况说明", 1))
    b.append(
        Block(
            "paragraph",
            f"{YEAR}年度本年支出合计{money(total)}万元，其中：基本支出{money(basic)}万元，占{share(basic, total)}%；"
            f"项目支出{money(project)}万元，占{share(project, total)}%。",
        )
    )
    b.append(Block("heading", "四、财政拨款收入支出决算总体情况说明", 1))
    b.append(
        Block(
            "paragraph",
            f"{YEAR}年度财政拨款收、支总计均为{money(incomes[0])}万元，主要用于保障机构正常运转和"
            "完成年度重点工作任务。",
        )
    )
    b.append(Block("heading", "五、一般公共预算财政拨款支出决算情况说明", 1))
    b.append(Block("heading", "（一）一般公共预算财政拨款支出决算总体情况", 2))
    b.append(
        Block(
            "paragraph",
            f"{YEAR}年度一般公共预算财政拨款支出{money(incomes[0])}万元，占本年支出合计的{share(incomes[0], total)}%。",
        )
    )
    b.append(Block("heading", "（二）一般公共预算财政拨款支出决算结构情况", 2))
    funcs = rng.sample(FUNCTIONS, 8)
    amounts = _split(rng, incomes[0], len(funcs))
    b.append(
        Block(
            "paragraph",
            "；".join(
                f"{name}（{code}）{money(v)}万元，占{share(v, incomes[0])}%"
                for (code, name), v in zip(funcs, amounts, strict=True)
            )
            + "。",
        )
    )
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    basics, projects = [], []
    for (code, name), v in zip(funcs, amounts, strict=True):
        p = (v * Decimal(str(rng.uniform(0.1, 0.6)))).quantize(CENT)
        basics.append(v - p)
        projects.append(p)
        rows.append([code, name, money(v), money(v - p), money(p)])
    rows.append(["合计", "", money(sum(amounts)), money(sum(basics)), money(sum(projects))])
    b.append(Block("paragraph", "一般公共预算财政拨款支出决算表"))
    b.append(Block("paragraph", "单位：万元"))
    b.append(Block("table", rows=rows))
    b.append(Block("heading", "六、一般公共预算财政拨款基本支出决算情况说明", 1))
    staff, office = _split(rng, sum(basics), 2)
    b.append(
        Block(
            "paragraph",
            f"{YEAR}年度一般公共预算财政拨款基本支出{money(sum(basics))}万元，其中：人员经费{money(staff)}万元，"
            f"主要包括基本工资、津贴补贴、奖金、社会保障缴费；公用经费{money(office)}万元，主要包括办公费、"
            "印刷费、水电费、邮电费、差旅费、维修（护）费。",
        )
    )
    b.append(Block("heading", "七、“三公”经费财政拨款支出决算情况说明", 1))
    three = _split(rng, Decimal(rng.randint(500, 5000)) / 100, 3)
    b.append(
        Block(
            "paragraph",
            f"{YEAR}年度“三公”经费财政拨款支出决算为{money(sum(three))}万元，其中：因公出国（境）费"
            f"{money(three[0])}万元，占{share(three[0], sum(three))}%；公务用车购置及运行维护费{money(three[1])}万元，"
            f"占{share(three[1], sum(three))}%；公务接待费{money(three[2])}万元，占{share(three[2], sum(three))}%。",
        )
    )
    rows = [["项目", "预算数", "决算数"]]
    budget = [(v * Decimal(str(rng.uniform(1.0, 1.3)))).quantize(CENT) for v in three]
    for name, bud, v in zip(["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"], budget, three, strict=True):
        rows.append([name, money(bud), money(v)])
    rows.append(["合计", money(sum(budget)), money(sum(three))])
    b.append(Block("paragraph", "“三公”经费财政拨款支出决算表"))
    b.append(Block("paragraph", "单位：万元"))
    b.append(Block("table", rows=rows))
    b.append(Block("heading", "八、政府采购支出情况说明", 1))
    goods, works, services = _split(rng, Decimal(rng.randint(1000, 90000)) / 100, 3)
    purchase = goods + works + services
    b.append(
        Block(
            "paragraph",
            f"{YEAR}年度政府采购支出总额{money(purchase)}万元，其中：政府采购货物支出{money(goods)}万元、"
            f"政府采购工程支出{money(works)}万元、政府采购服务支出{money(services)}万元。授予中小企业合同金额"
            f"{money(purchase)}万元，占政府采购支出总额的100%。",
        )
    )
    b.append(Block("heading", "九、国有资产占用情况说明", 1))
    cars = rng.randint(1, 6)
    b.append(
        Block(
            "paragraph",
            f"截至{YEAR}年12月31日，共有车辆{cars}辆，其中：一般公务用车{cars}辆；单价100万元以上设备0台（套）。",
        )
    )
    rows = [["项目", "年初数", "年末数", "增减额"]]
    items = ["固定资产", "无形资产", "流动资产"]
    starts = [Decimal(rng.randint(1000, 90000)) / 100 for _ in items]
    ends = [(v * Decimal(str(rng.uniform(0.9, 1.1)))).quantize(CENT) for v in starts]
    for name, s, e in zip(items, starts, ends, strict=True):
        rows.append([name, money(s), money(e), money(e - s)])
    rows.append(["合计", money(sum(starts)), money(sum(ends)), money(sum(ends) - sum(starts))])
    b.append(Block("paragraph", "国有资产占用情况表"))
    b.append(Block("paragraph", "单位：万元"))
    b.append(Block("table", rows=rows))
    return b


def make_report(scale: int = 1, seed: int = 7) -> Report:
    """A report with ``scale`` unit chapters (plus the 部门概况 and 名词解释)."""
    title = f"某区某局{YEAR}年度部门决算"
    blocks = [Block("heading", "第一部分 部门概况", 0), Block("heading", "一、部门职责", 1)]
    blocks += [Block("paragraph", f"{i}.{d}") for i, d in enumerate(DUTIES, 1)]
    blocks.append(Block("heading", "二、机构设置", 1))
    blocks.append(
        Block("paragraph", f"本部门下属二级单位{scale}个，纳入{YEAR}年度部门决算编制范围的二级预算单位共{scale}个。")
    )
    for i in range(scale):
        # Every unit gets the same figures: the report stays consistent, so the
        # timings are those of a clean report (the common case), not of findings.
        blocks += _unit_chapter(random.Random(seed), i + 2, f"第{cn_number(i + 1)}单位" if scale > 1 else "本部门")
    blocks.append(Block("heading", f"第{cn_number(scale + 2)}部分 名词解释", 0))
    blocks.append(Block("paragraph", "1.财政拨款收入：指本级财政当年拨付的资金。"))
    blocks.append(Block("paragraph", "2.基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"))
    return Report(title, blocks)


# -- writers ----------------------------------------------------------------


def write_txt(report: Report, path: Path) -> Path:
    """The corpus text layout: one paragraph per line, a TAB-prefixed line per cell, blank line ends a row."""
    lines = [report.title]
    for b in report.blocks:
        if b.kind == "table":
            for row in b.rows:
                lines += [f"\t{c}" for c in row]
                lines.append("")
        else:
            lines.append(b.text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_docx(report: Report, path: Path) -> Path:
    """Headings as bold paragraphs (as most such files are typed), ruled Word tables."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.add_paragraph(report.title).runs[0].bold = True
    for b in report.blocks:
        if b.kind == "table":
            t = d.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(b.rows):
                cells = t.rows[r].cells
                for c, text in enumerate(row):
                    cells[c].text = text
        else:
            p = d.add_paragraph(b.text)
            if b.kind == "heading":
                p.runs[0].bold = True
                p.runs[0].font.size = Pt(16 - 2 * b.level)
    d.save(path)
    return path


def write_pdf(report: Report, path: Path) -> Path:
    """reportlab with the built-in CID font STSong-Light: wrapped indented paragraphs,
    ruled (GRID) tables, a running header and ``- n -`` page numbers."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=18, firstLineIndent=22, wordWrap="CJK")
    heads = [ParagraphStyle(f"h{i}", fontName=font, fontSize=16 - 2 * i, leading=24, wordWrap="CJK") for i in range(3)]
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK")

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, report.title)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    story = [Paragraph(report.title, heads[0])]
    for b in report.blocks:
        if b.kind == "heading":
            story.append(Paragraph(b.text, heads[min(b.level, 2)]))
        elif b.kind == "paragraph":
            story.append(Paragraph(b.text, body))
        else:
            data = [[Paragraph(c, cell) for c in row] for row in b.rows]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story += [t, Spacer(1, 8)]
    SimpleDocTemplate(str(path), pagesize=A4, topMargin=60, bottomMargin=50).build(
        story, onFirstPage=on_page, onLaterPages=on_page
    )
    return path


def pdf_pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)
