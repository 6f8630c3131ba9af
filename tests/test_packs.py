"""The built-in rule packs (rules/*.toml): they load, detect the right template,
can be forced, and can be added by path or by a plugin."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT, corpus_file, lint
from fiscalint.checks.sections import Spec, _annex_spans
from fiscalint.config import Config, ConfigError
from fiscalint.engine import Run, check_file
from fiscalint.hookspecs import hookimpl
from fiscalint.packs import PackSet, builtin_pack_dir
from fiscalint.plugins import default_registry
from fiscalint.readers import Limits
from fiscalint.readers.text import TextReader

OWN_PACKS = ["sichuan-juesuan.toml", "danwei-juesuan-2021.toml", "hunan-ziping.toml", "shanghai-juesuan.toml"]


def packs() -> PackSet:
    return PackSet.load(builtin_pack_dir() / name for name in OWN_PACKS)


def read(path: Path):
    return TextReader().read(str(path), path.read_bytes(), Limits())


def test_packs_load_and_every_pattern_compiles():
    ps = packs()
    ids = {t["id"] for t in ps.templates()}
    assert {
        "sichuan-2023-bumen-juesuan",
        "sichuan-2023-bumen-pingjia",
        "sichuan-2023-xiangmu-ziping",
        "sichuan-2021-danwei-juesuan",
        "hunan-xiangmu-ziping",
        "shanghai-2024-bumen-juesuan",
    } <= ids
    for tpl in ps.templates():
        specs = [Spec.parse(s) for s in tpl.get("sections", [])] + [Spec.parse(s) for s in tpl.get("tables", [])]
        assert all(s.title and s.patterns for s in specs), tpl["id"]
        for annex in tpl.get("annexes", []):
            assert ps.template(annex["template"]) is not None, annex
            [re.compile(p) for p in annex["start"]]
    sichuan = ps.template("sichuan-2023-bumen-juesuan")
    assert len(sichuan["tables"]) == 13
    assert len(ps.template("shanghai-2024-bumen-juesuan")["tables"]) == 9


@pytest.mark.parametrize(
    ("name", "template"),
    [
        ("anju-zuzhibu-2023-juesuan.txt", "sichuan-2023-bumen-juesuan"),  # 第一…第五部分, 2023
        ("lizhou-zuzhibu-2021-juesuan.txt", "sichuan-2021-danwei-juesuan"),  # 单位决算, no 第五部分
        ("yiyang-zuzhibu-2022-zipingbaogao.txt", "hunan-xiangmu-ziping"),
    ],
)
def test_corpus_templates_detected(name, template):
    assert packs().detect(read(corpus_file(name)))["id"] == template


def test_putuo_pdf_detected_as_shanghai():
    run = Run.create(Config(select=["SEC001"]), default_registry())
    result = check_file(corpus_file("putuo-ghzy-2024.pdf"), run)
    assert result.profile == "shanghai-2024-bumen-juesuan"


def test_annex_reports_found_in_the_corpus():
    ps = packs()
    anju = read(corpus_file("anju-zuzhibu-2023-juesuan.txt"))
    tpl = ps.template("sichuan-2023-bumen-juesuan")
    spans = {a["template"]: _annex_spans(anju, [re.compile(p) for p in a["start"]]) for a in tpl["annexes"]}
    # one 部门预算绩效评价报告 and six 专项预算项目绩效自评报告
    assert len(spans["sichuan-2023-bumen-pingjia"]) == 1
    assert len(spans["sichuan-2023-xiangmu-ziping"]) == 6


def test_real_sections_are_found_on_the_corpus():
    # every required section of the detected template (and of each annex) is found:
    # no SEC001 error, no order or duplicate warning, all 13 附表 of anju listed
    for name in (
        "anju-zuzhibu-2023-juesuan.txt",
        "lizhou-zuzhibu-2021-juesuan.txt",
        "yiyang-zuzhibu-2022-zipingbaogao.txt",
    ):
        findings = lint(corpus_file(name), select=["SEC001", "SEC002", "SEC003", "SEC004"])
        assert [f for f in findings if f.level != "note"] == [], name


def test_profile_forces_a_template(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("示范局2023年度工作总结\n一、项目概况\n运行良好。\n", encoding="utf-8")
    assert lint(path, select=["SEC001"]) == []  # no template detected: silent
    findings = lint(path, select=["SEC001"], profile="hunan-xiangmu-ziping")
    titles = [f.message for f in findings]
    assert any("绩效自评工作开展情况" in t for t in titles) and any("hunan-xiangmu-ziping" in t for t in titles)
    with pytest.raises(ConfigError):
        lint(path, select=["SEC001"], profile="no-such-template")


PACK = """\
[pack]
id = "demo-county"

[[templates]]
id = "demo-county-report"
name = "某县工作报告"
detect = ["某县工作报告"]
priority = 99

[[templates.sections]]
title = "一、基本情况"
match = ["^基本情况"]
[[templates.sections]]
title = "二、存在问题"
match = ["问题$"]
"""


def test_pack_added_by_config_path(tmp_path):
    (tmp_path / "county.toml").write_text(PACK, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("某县工作报告\n一、基本情况\n很好。\n", encoding="utf-8")
    findings = lint(report, select=["SEC001"], rule_packs=["county.toml"], root=str(tmp_path))
    assert [f.code for f in findings] == ["SEC001"] and "二、存在问题" in findings[0].message


def test_pack_added_by_a_plugin(tmp_path):
    pack = tmp_path / "county.toml"
    pack.write_text(PACK, encoding="utf-8")

    plugin = SimpleNamespace(fiscalint_rule_packs=hookimpl(lambda: [pack]))
    report = tmp_path / "r.txt"
    report.write_text("某县工作报告\n一、基本情况\n很好。\n", encoding="utf-8")
    findings = lint(report, select=["SEC001"], plugins=(plugin,))
    assert [f.code for f in findings] == ["SEC001"] and "demo-county-report" in findings[0].message
    report.write_text("某县工作报告\n一、基本情况\n很好。\n二、存在问题\n无。\n", encoding="utf-8")
    assert lint(report, select=["SEC001"], plugins=(plugin,)) == []


def test_documented_example_is_a_valid_pack(tmp_path):
    doc = (ROOT / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", doc, re.S).group(1)
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    ps = PackSet.load([path, *(builtin_pack_dir() / n for n in OWN_PACKS)])
    tpl = ps.template("chengdu-2023-bumen-juesuan")
    assert tpl["sections"][0]["sections"][1]["title"] == "机构设置"
    assert len(tpl["tables"]) == 2


def test_a_number_among_a_packs_synonyms_does_not_take_down_the_cross_reference_rules(tmp_path):
    # A hand-written pack gives a number where a word is expected. The count check
    # (XREF003) and the statement checks read the same vocabulary: none may fail.
    (tmp_path / "bad.toml").write_text(
        '[pack]\nid = "bad"\nname = "bad"\n\n[[quantities]]\nid = "x"\nname = "某数"\nsynonyms = [12]\n',
        encoding="utf-8",
    )
    report = tmp_path / "r.txt"
    report.write_text(
        "2021年度部门决算公开说明\n一、主要工作\n全区共调任公务员4人，工作成效明显。\n二、其他\n今年大力度调任公务员11人。\n",
        encoding="utf-8",
    )
    findings = lint(report, select=["XREF"], rule_packs=["bad.toml"], root=str(tmp_path))
    codes = [f.code for f in findings]
    assert "E900" not in codes
    assert codes.count("XREF003") == 2
