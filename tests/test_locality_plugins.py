"""The locality plugins in plugins/: each a separately installable package
with an entry point, a rule pack and a locality rule in Python."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, corpus_file, lint

PLUGINS = ROOT / "plugins"
for _src in (PLUGINS / "fiscalint-sichuan" / "src", PLUGINS / "fiscalint-hunan" / "src"):
    if str(_src) not in sys.path:
        sys.path.insert(0, str(_src))

import fiscalint_hunan.plugin as hunan  # noqa: E402
import fiscalint_sichuan.plugin as sichuan  # noqa: E402

from fiscalint.plugins import build_registry  # noqa: E402


def hunan_report(tmp_path: Path, output_cap: str = "50", outcome_cap: str = "40") -> Path:
    """A small Hunan project self-evaluation report with its score table."""
    rows = [
        ["项目名称", "乡村阅读推广专项经费"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "40.00", "40.00", "40.00", "10", "100%", "10"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["", f"产出指标（{output_cap}分）", "数量指标", "举办阅读活动", "≥20场", "24场", "30", "30", ""],
        ["", "", "", "时效指标", "按期完成率", "100%", "100%", "20", "20", ""],
        ["", f"效益指标（{outcome_cap}分）", "社会效益指标", "群众阅读参与度", "明显提升", "明显提升", "30", "30", ""],
        ["", "", "", "服务对象满意度指标", "读者满意度", "≥90%", "95%", "10", "10", ""],
        ["总分", "100分", "100"],
    ]
    table = "\n".join("\n".join("\t" + c for c in row) + "\n" for row in rows)
    text = (
        "2024年度湘江县文化馆乡村阅读推广专项经费绩效自评报告\n"
        "一、项目概况\n本项目由湘江县（湖南省）文化馆实施。\n"
        "二、绩效自评工作开展情况\n成立自评小组开展自评。\n"
        "三、综合评价结论\n自评得分为100分，评价等级为“优秀”。\n"
        "附件\n2024年度项目支出绩效自评表\n" + table
    )
    path = tmp_path / "hunan.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_plugins_register_their_rules_with_locality_metadata():
    reg = build_registry((sichuan, hunan))
    assert reg.rules["SCH001"].plugin == "fiscalint-sichuan"
    assert reg.rules["HUN001"].plugin == "fiscalint-hunan"
    assert reg.plugins["fiscalint-sichuan"].locality == "四川"
    assert reg.plugins["fiscalint-hunan"].locality == "湖南"
    packs = {p.name for p in reg.packs}
    assert {"sichuan.toml", "hunan.toml"} <= packs


def test_sichuan_adjustment_without_reason_on_the_corpus():
    path = corpus_file("anju-zuzhibu-2023-juesuan.txt")
    findings = lint(path, select=["SCH"], plugins=(sichuan,))
    # 干部培训专项经费: 年初预算 0.00 -> 调整后 187.61, and 人才发展专项资金: 30.00 -> 242.08,
    # each with only the form's printed notes in 原因 (audit anju-11 and anju-14).
    # 党建 (20.00 -> 19.99) is a 0.01 change, below the pack's thresholds: silent.
    assert [(f.code, f.location.line) for f in findings] == [("SCH001", 724), ("SCH001", 1302)]
    assert "年初预算 0.00 万元，调整后预算 187.61 万元" in findings[0].message


def test_sichuan_rule_is_silent_outside_sichuan_and_when_a_reason_is_given(tmp_path):
    assert lint(corpus_file("yiyang-zuzhibu-2022-zipingbaogao.txt"), select=["SCH"], plugins=(sichuan,)) == []
    assert lint(corpus_file("lizhou-zuzhibu-2021-juesuan.txt"), select=["SCH"], plugins=(sichuan,)) == []


def test_hunan_caps_silent_on_standard_weights(tmp_path):
    assert lint(hunan_report(tmp_path), select=["HUN"], plugins=(hunan,)) == []
    assert lint(corpus_file("yiyang-zuzhibu-2022-zipingbaogao.txt"), select=["HUN"], plugins=(hunan,)) == []


def test_hunan_caps_flag_a_non_standard_category_weight(tmp_path):
    findings = lint(hunan_report(tmp_path, output_cap="60", outcome_cap="30"), select=["HUN"], plugins=(hunan,))
    messages = [f.message for f in findings]
    assert any("产出指标分值为 60 分，湖南省规定为 50 分" in m for m in messages)
    assert any("效益指标分值为 30 分，湖南省规定为 40 分" in m for m in messages)


@pytest.mark.slow
def test_each_plugin_installs_into_a_fresh_virtualenv(tmp_path):
    """pip-installs fiscalint and both plugins into a new venv (wheels come from
    pip's cache or PyPI) and runs the installed command."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    pip = [str(bindir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    packages = [str(ROOT), str(PLUGINS / "fiscalint-sichuan"), str(PLUGINS / "fiscalint-hunan")]
    subprocess.run([*pip, *packages], check=True, capture_output=True)
    exe = str(bindir / "fiscalint")
    env = {**os.environ, "PYTHONPATH": ""}
    rules = subprocess.run([exe, "rules"], capture_output=True, text=True, env=env, check=True).stdout
    assert "SCH001" in rules and "fiscalint-sichuan" in rules
    assert "HUN001" in rules and "fiscalint-hunan" in rules
    anju = corpus_file("anju-zuzhibu-2023-juesuan.txt")
    out = subprocess.run(
        [exe, "check", "--isolated", "--no-cache", "--select", "SCH", str(anju)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert out.returncode == 1, out.stderr
    assert out.stdout.count("SCH001") == 2
