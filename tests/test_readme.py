"""The README's examples work as written: the rule pack loads and the plugin
guide's rule, hooks and tests run."""

from __future__ import annotations

import re
import sys

from conftest import ROOT
from fiscalint.packs import PackSet

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(lang: str, marker: str) -> str:
    for body in re.findall(rf"```{lang}\n(.*?)```", README, re.S):
        if marker in body:
            return body
    raise AssertionError(f"no {lang} block with {marker!r} in the README")


def test_readme_rule_pack_example_loads(tmp_path):
    pack = tmp_path / "my-city.toml"
    pack.write_text(_block("toml", "[[templates.sections]]"), encoding="utf-8")
    (template,) = PackSet.load([pack]).templates()
    assert template["id"] == "my-city-2024-bumen-juesuan"
    assert [s["title"] for s in template["sections"]] == ["第一部分 部门概况", "第二部分 部门决算情况说明"]


def test_readme_plugin_guide_runs(tmp_path, monkeypatch):
    pkg = tmp_path / "my_city_fiscalint"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "rules.py").write_text(_block("python", "class NoPlaceholder"), encoding="utf-8")
    (pkg / "plugin.py").write_text(_block("python", "def fiscalint_rule_packs"), encoding="utf-8")
    (pkg / "my_city.toml").write_text('[pack]\nid = "my-city"\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    namespace: dict = {}
    exec(compile(_block("python", "def test_placeholder_is_found"), "readme", "exec"), namespace)
    namespace["test_placeholder_is_found"](tmp_path)
    namespace["test_clean_text_is_silent"](tmp_path)
    for name in [m for m in sys.modules if m.startswith("my_city_fiscalint")]:
        del sys.modules[name]
