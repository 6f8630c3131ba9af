"""A small made-up 部门决算 (说明 + 8 公开表) for the disclosure tests, as TXT,
XLSX (one sheet per table, merged header cells) or both; ``mutate`` edits
the data first so a test injects exactly one mistake.

The figures are consistent: T1 收支总计 110.00 = 100.00 + 10.00 = 105.00 +
5.00; T2 sources; T3 合计 = 基本 + 项目; T4 by fund; T5 基本 60.00 = T6 人员
52.00 + 公用 8.00; 三公 预算 5.00 = 0 + 3.00 + 2.00, 决算 3.00 = 0 + 2.00 + 1.00.
"""

from __future__ import annotations

import copy
from pathlib import Path

TEXT = [
    "某区示例局2024年度部门决算",
    "一、收入支出决算总体情况说明",
    "本年度收入、支出总计均为110.00万元。",
    "二、收入决算情况说明",
    "本年收入合计100.00万元，其中：财政拨款收入90.00万元，占90.00%；事业收入10.00万元，占10.00%。",
    "三、支出决算情况说明",
    "本年支出合计105.00万元，其中：基本支出70.00万元，项目支出35.00万元。",
    "四、一般公共预算财政拨款支出决算具体情况",
    "1、一般公共服务支出（类）。年初预算为60.00万元，支出决算为55.00万元，完成年初预算的91.67%。决算数小于预算数的主要原因是部分项目延期实施。",
    "2、教育支出（类）。年初预算为35.00万元，支出决算为35.00万元，完成年初预算的100.00%。决算数同预算数持平。",
    "五、“三公”经费财政拨款支出决算情况说明",
    "“三公”经费财政拨款支出年初预算为5.00万元，支出决算为3.00万元，完成预算的60.00%。决算数小于预算数的主要原因是厉行节约。",
    "六、机关运行经费支出情况",
    "机关运行经费支出8.00万元，比上年减少1.00万元，下降11.11%。主要原因是压减办公开支。",
]

# (title, header rows, data rows, notes, merges as (row, col, rowspan, colspan) in header coordinates)
TABLES: list[dict] = [
    {
        "title": "收入支出决算总表",
        "header": [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"]],
        "merges": [(0, 0, 1, 2), (0, 2, 1, 2)],
        "rows": [
            ["一、一般公共预算财政拨款收入", "90.00", "一、一般公共服务支出", "60.00"],
            ["二、事业收入", "10.00", "二、教育支出", "45.00"],
            ["本年收入合计", "100.00", "本年支出合计", "105.00"],
            ["年初结转和结余", "10.00", "年末结转和结余", "5.00"],
            ["总计", "110.00", "总计", "110.00"],
        ],
        "notes": ["注：本表反映部门本年度的总收支和年末结转结余情况。"],
    },
    {
        "title": "收入决算表",
        "header": [["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "事业收入", "其他收入"]],
        "rows": [
            ["", "合计", "100.00", "90.00", "10.00", ""],
            ["201", "一般公共服务支出", "55.00", "55.00", "", ""],
            ["205", "教育支出", "45.00", "35.00", "10.00", ""],
        ],
        "notes": ["注：本表反映部门本年度取得的各项收入情况。"],
    },
    {
        "title": "支出决算表",
        "header": [["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]],
        "rows": [
            ["", "合计", "105.00", "70.00", "35.00"],
            ["201", "一般公共服务支出", "60.00", "40.00", "20.00"],
            ["205", "教育支出", "45.00", "30.00", "15.00"],
        ],
        "notes": ["注：本表反映部门本年度各项支出情况。"],
    },
    {
        "title": "财政拨款收入支出决算总表",
        "header": [
            ["收入", "", "支出", "", "", ""],
            ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"],
        ],
        "merges": [(0, 0, 1, 2), (0, 2, 1, 4)],
        "rows": [
            ["一、一般公共预算财政拨款", "90.00", "一、一般公共服务支出", "55.00", "55.00", ""],
            ["二、政府性基金预算财政拨款", "", "二、教育支出", "35.00", "35.00", ""],
            ["本年收入合计", "90.00", "本年支出合计", "90.00", "90.00", ""],
            ["年初财政拨款结转和结余", "", "年末财政拨款结转和结余", "", "", ""],
            ["总计", "90.00", "总计", "90.00", "90.00", ""],
        ],
        "notes": ["注：本表反映部门本年度财政拨款总收支和结转结余情况。"],
    },
    {
        "title": "一般公共预算财政拨款支出决算表",
        "header": [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
        "rows": [
            ["", "合计", "90.00", "60.00", "30.00"],
            ["201", "一般公共服务支出", "55.00", "35.00", "20.00"],
            ["205", "教育支出", "35.00", "25.00", "10.00"],
        ],
        "notes": ["注：本表反映部门本年度一般公共预算财政拨款支出情况。"],
    },
    {
        "title": "一般公共预算财政拨款基本支出决算表",
        "header": [["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"]],
        "rows": [
            ["301", "工资福利支出", "50.00", "302", "商品和服务支出", "7.00"],
            ["30101", "基本工资", "30.00", "30201", "办公费", "7.00"],
            ["30102", "津贴补贴", "20.00", "310", "资本性支出", "1.00"],
            ["303", "对个人和家庭的补助", "2.00", "31002", "办公设备购置", "1.00"],
            ["30302", "退休费", "2.00", "", "", ""],
            ["人员经费合计", "", "52.00", "公用经费合计", "", "8.00"],
        ],
        "notes": ["注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。"],
    },
    {
        "title": "财政拨款“三公”经费支出决算表",
        "header": [
            ["合计", "", "因公出国（境）费", "", "公务用车购置及运行维护费", "", "", "", "", "", "公务接待费", ""],
            ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行维护费", "", "", ""],
            ["预算数", "决算数"] * 6,
        ],
        "merges": [(0, 0, 2, 2), (0, 2, 2, 2), (0, 4, 1, 6), (0, 10, 2, 2), (1, 4, 1, 2), (1, 6, 1, 2), (1, 8, 1, 2)],
        "rows": [["5.00", "3.00", "0.00", "0.00", "3.00", "2.00", "0.00", "0.00", "3.00", "2.00", "2.00", "1.00"]],
        "notes": ["注：本表反映部门本年度“三公”经费支出预决算情况。"],
    },
    {
        "title": "政府性基金预算财政拨款收入支出决算表",
        "header": [["科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"]],
        "rows": [["", "合计", "", "", "", ""]],
        "notes": [
            "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
            "说明：本单位本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
        ],
    },
]


def report(mutate=None) -> tuple[list[str], list[dict]]:
    text, tables = list(TEXT), copy.deepcopy(TABLES)
    if mutate:
        mutate(text, tables)
    return text, tables


def to_txt(path: Path, text: list[str], tables: list[dict]) -> Path:
    """Text first, then each table under its title and unit line, in the corpus
    text layout: one TAB-led line per cell, an empty line after each row."""
    lines = list(text)
    for t in tables:
        lines += ["", t["title"], "单位：万元"]
        for row in [*t["header"], *t["rows"]]:
            lines += ["\t" + cell for cell in row]
            lines.append("")
        lines.append("")
        lines += t["notes"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def to_xlsx(path: Path, tables: list[dict], unit: str = "万元", number_format: str = "#,##0.00") -> Path:
    """One sheet per table: title (merged across), unit line, header (merged cells), data, notes."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for i, t in enumerate(tables, start=1):
        ws = wb.create_sheet(f"表{i}")
        width = len(t["header"][0])
        ws.append([t["title"]])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.append([""] * (width - 1) + [f"单位：{unit}"])
        for row in t["header"]:
            ws.append(row)
        for r0, c0, rs, cs in t.get("merges", []):
            ws.merge_cells(start_row=3 + r0, start_column=1 + c0, end_row=3 + r0 + rs - 1, end_column=c0 + cs)
        for row in t["rows"]:
            values = []
            for text in row:
                try:
                    if "." not in text:  # codes (301, 2010101) stay General-format integers
                        values.append(int(text) if text.isdigit() else (text or None))
                        continue
                    v = float(text.replace(",", ""))
                    if unit == "元":
                        v = round(v * 10000, 2)
                    values.append(v)
                except ValueError:
                    values.append(text or None)
            ws.append(values)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, float):
                    cell.number_format = number_format
        for note in t["notes"]:
            ws.append([note])
    wb.save(path)
    return path
