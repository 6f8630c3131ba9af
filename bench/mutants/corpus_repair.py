"""Repair the audited mistakes of the corpus reports at run time.

The mutation benchmark needs *correct* base reports. The corpus texts in
``../shared/corpus`` carry real mistakes, listed in ``audit/*.md``; each
``Repair`` below rewrites one of them on its (1-based) line, checking that
the old text is really there, so the repaired text is what the author should
have published. Mistakes whose repair is impractical (the right value cannot
be derived from the report) are listed in ``EXCLUDED``: findings within two
lines of them are not counted as false positives.

Nothing of the corpus is copied into the repository: the repairs name only
the few characters they change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Repair:
    line: int  # 1-based line in the original corpus file
    old: str
    new: str
    audit: str  # the audit row it repairs


REPAIRS: dict[str, list[Repair]] = {
    "anju-zuzhibu-2023-juesuan.txt": [
        # anju-01/02: headings whose Word auto-numbering was lost.
        Repair(3, "部门职责", "一、部门职责", "anju-01"),
        Repair(36, "收入支出决算总体情况说明", "一、收入支出决算总体情况说明", "anju-02"),
        Repair(41, "收入决算情况说明", "二、收入决算情况说明", "anju-02"),
        Repair(46, "支出决算情况说明", "三、支出决算情况说明", "anju-02"),
        Repair(124, "国有资本经营预算支出决算情况说明", "九、国有资本经营预算支出决算情况说明", "anju-02"),
        Repair(127, "其他重要事项的情况说明", "十、其他重要事项的情况说明", "anju-02"),
        # anju-04: 基本支出 578.10 is confirmed elsewhere (578.10 + 800.23 = 1378.33), so the
        # 人员经费 part is the wrong one: 578.10 - 86.57 = 491.53.
        Repair(97, "人员经费475.43万元", "人员经费491.53万元", "anju-04"),
        # anju-16: （二）（三） lost in one 附件2 report.
        Repair(1481, "实施目的及支持方向。", "（二）实施目的及支持方向。", "anju-16"),
        Repair(1482, "预算安排及分配管理。", "（三）预算安排及分配管理。", "anju-16"),
        # anju-08/10/12/13: a met target docked points. The totals (98) are right and stated in
        # several places, so the 完成值 is made to miss the target, which justifies the deduction.
        Repair(388, "\t8", "\t5", "anju-08"),
        Repair(607, "\t2", "\t1", "anju-10"),
        Repair(610, "\t", "\t未完成全部培训计划", "anju-10"),
        Repair(789, "\t516", "\t480", "anju-12"),
        Repair(801, "\t2000", "\t1750", "anju-13"),
    ],
    "lizhou-zuzhibu-2021-juesuan.txt": [
        # Headings typed with Arabic numbers among Chinese ones (lizhou-02/07/08/10/13/20/21/24/39).
        Repair(1, "1、", "一、", "lizhou-02"),
        Repair(32, "2、", "二、", "lizhou-07"),
        Repair(43, "1、", "一、", "lizhou-08"),
        Repair(53, "2、", "二、", "lizhou-10"),
        Repair(64, "3、", "三、", "lizhou-13"),
        Repair(141, "9、", "九、", "lizhou-20"),
        Repair(144, "10、", "十、", "lizhou-21"),
        Repair(161, "第3部分", "第三部分", "lizhou-24"),
        Repair(474, "（2）", "（二）", "lizhou-39"),
        # Counts stated twice with different values: the detailed passage is taken as right.
        Repair(23, "晋升职级135人次", "晋升职级139人次", "lizhou-03"),
        Repair(305, "调任公务员（参公人员）4人", "调任公务员（参公人员）11人", "lizhou-35"),
        Repair(27, "94个老旧小区", "95个老旧小区", "lizhou-32"),
        Repair(30, "33家创新型", "36家创新型", "lizhou-04"),
        # Year labels.
        Repair(46, "与2010年相比", "与2020年相比", "lizhou-09"),
        Repair(134, "截至2020年12月底", "截至2021年12月底", "lizhou-18"),
        # 收入: 其他收入 0.09 makes the parts exceed 本年收入合计 (lizhou-11/12); 0.08 fits, and
        # the shares are restated to two decimals.
        Repair(54, "1065.48万元，占100%", "1065.48万元，占99.99%", "lizhou-11"),
        Repair(54, "其他收入0.09万元，占0%", "其他收入0.08万元，占0.01%", "lizhou-12"),
        Repair(85, "占本年支出合计的100%", "占本年支出合计的99.98%", "lizhou-15"),
        # lizhou-16: the items add to 1286.10, the class 201 to 1092.58; 行政运行 is 0.23 too high.
        Repair(105, "支出决算为394.87万元", "支出决算为394.64万元", "lizhou-16"),
        # lizhou-19/23: declines that only unrounded inputs reach.
        Repair(136, "下降27.56%", "下降27.54%", "lizhou-19"),
        Repair(146, "下降17.22%", "下降17.21%", "lizhou-23"),
        # lizhou-29: 本年收入 restated from the 决算 part (L54).
        Repair(210, "本年收入合计1344.64万元", "本年收入合计1065.56万元", "lizhou-29"),
        Repair(
            210,
            "一般公共预算财政拨款收入1344.64万元，占100%",
            "一般公共预算财政拨款收入1065.48万元，占99.99%",
            "lizhou-29",
        ),
        Repair(210, "其他收入0万元，占0%", "其他收入0.08万元，占0.01%", "lizhou-29"),
        # lizhou-30: 本年支出合计 1286.09 = 630.5 + 655.59 (L65).
        Repair(212, "本年支出合计1286.10万元", "本年支出合计1286.09万元", "lizhou-30"),
        Repair(212, "项目支出655.6万元", "项目支出655.59万元", "lizhou-30"),
        # lizhou-25: the 名词解释 list switches from "7." to "8、".
        *[Repair(n, f"{n - 162}、", f"{n - 162}.", "lizhou-25") for n in range(170, 179)],
        Repair(184, "（名词解释部分请根据各单位实际列支情况罗列", "（", "lizhou-26"),
        Repair(257, " 项目绩效自评报告", " 2021年乡村振兴衔接资金项目绩效自评报告", "lizhou-33"),
        Repair(361, "完成预算54.35 %", "完成预算54.33%", "lizhou-37"),
        Repair(437, "项目全年预算数5万元", "项目全年预算数15万元", "lizhou-38"),
        Repair(437, "完成预算100%", "完成预算33.33%", "lizhou-38"),
        Repair(655, "执行数： 83.88万元", "执行数： 83.89万元", "lizhou-42"),
    ],
    "yiyang-zuzhibu-2022-zipingbaogao.txt": [
        Repair(5, "1、", "一、", "yiyang-01"),
        Repair(10, "3、", "三、", "yiyang-02"),
        Repair(12, "4、", "四、", "yiyang-03"),
        Repair(244, "7.13", "97.13", "yiyang-06"),
    ],
}

# Lines (1-based, original numbering) around which findings are not counted as false
# positives because the audited mistake there could not be repaired: filled in below
# with the reason for each.
EXCLUDED: dict[str, dict[int, str]] = {
    "lizhou-zuzhibu-2021-juesuan.txt": {
        1: "lizhou-01: the 第一部分 heading is missing altogether (adding a line would shift the audit's numbering)",
        41: "lizhou-01: the same missing 第一部分, reported at 第二部分",
    },
}


@dataclass
class RepairedReport:
    name: str
    lines: list[str]
    applied: list[Repair]
    excluded: dict[int, str]


def repair(path: Path) -> RepairedReport:
    """The corpus report at ``path`` with its audited mistakes repaired."""
    lines = path.read_text(encoding="utf-8").split("\n")
    applied: list[Repair] = []
    for r in REPAIRS.get(path.name, []):
        text = lines[r.line - 1]
        if r.old not in text:
            raise ValueError(f"{path.name}:{r.line}: {r.old!r} not found (corpus changed?)")
        lines[r.line - 1] = text.replace(r.old, r.new, 1)
        applied.append(r)
    return RepairedReport(path.name, lines, applied, dict(EXCLUDED.get(path.name, {})))
