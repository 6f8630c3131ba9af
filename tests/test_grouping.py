"""A report made of several files (说明 + 附表) checked together as one document."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from fiscalint import cli, hookimpl, plugins
from fiscalint.plugins import build_registry
from fiscalint.rule import Rule


class FirstAndLast(Rule):
    """Reports, at the end, where the first and the last paragraph came from,
    and each heading's section path: enough to see what one document holds."""

    code = "GRP001"
    name = "group-probe"
    level = "note"
    summary = "探针"
    summary_en = "probe"

    def on_heading(self, ctx, event):
        ctx.report(event.block.location, "/".join(event.section) or "-", "")

    def on_document_end(self, ctx, event):
        paras = event.document.paragraphs()
        files = sorted({p.location.path for p in paras})
        ctx.report(paras[-1].location, f"{len(files)} files: {' '.join(files)}", "")


class Probe:
    @hookimpl
    def fiscalint_rules(self):
        return [FirstAndLast]


@pytest.fixture
def work(tmp_path, monkeypatch):
    reg = build_registry((Probe(),))
    monkeypatch.setattr(plugins, "default_registry", lambda: reg)
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "2024"
    report.mkdir()
    (report / "a-shuoming.txt").write_text(
        "一、收入\n本年收入合计100.00万元。\n（一）明细\n见附表。\n", encoding="utf-8"
    )
    (report / "b-fubiao.md").write_text(
        "# 一、收入决算表\n\n单位：万元\n\n| 项目 | 金额 |\n| --- | --- |\n| 合计 | 120.00 |\n", encoding="utf-8"
    )
    return tmp_path


def check(*args: str):
    return CliRunner().invoke(cli.main, ["check", "--isolated", "--jobs", "1", "--select", "GRP", *args])


def test_files_are_checked_one_by_one_by_default(work):
    out = check("--no-cache", "2024").stdout
    assert "1 files: 2024/a-shuoming.txt" in out
    assert "1 files: 2024/b-fubiao.md" in out


def test_group_by_folder_makes_one_document_with_each_block_in_its_file(work):
    out = check("--no-cache", "--group-by", "folder", "2024").stdout.splitlines()
    assert "2024/b-fubiao.md:3: GRP001 [note] 2 files: 2024/a-shuoming.txt 2024/b-fubiao.md" in out
    # Headings keep their own file and line; the section path starts again in the second file.
    assert "2024/a-shuoming.txt:3: GRP001 [note] 一、收入" in out
    assert "2024/b-fubiao.md:1: GRP001 [note] -" in out


def test_groups_from_config_and_the_cache(work):
    (work / "fiscalint.toml").write_text('select = ["GRP"]\ngroups = [["2024/*"]]\n', encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(cli.main, ["check", "--jobs", "1", "2024"])
    assert "2 files:" in first.stdout
    second = runner.invoke(cli.main, ["check", "--jobs", "1", "2024"])
    assert second.stdout == first.stdout
    (work / "2024" / "b-fubiao.md").write_text("# 一、收入决算表\n\n说明。\n\n变了。\n", encoding="utf-8")
    third = runner.invoke(cli.main, ["check", "--jobs", "1", "2024"])
    assert "2024/b-fubiao.md:5: GRP001 [note] 2 files:" in third.stdout


def test_an_unreadable_file_in_a_group_is_reported_and_the_rest_checked(work):
    (work / "2024" / "c-broken.docx").write_bytes(b"PK\x03\x04 broken")
    result = check("--no-cache", "--group-by", "folder", "2024")
    assert result.exit_code == 2
    assert "2024/c-broken.docx: E003" in result.stdout
    assert "2 files: 2024/a-shuoming.txt 2024/b-fubiao.md" in result.stdout


def test_bad_group_settings_are_errors(work):
    (work / "fiscalint.toml").write_text('group-by = "page"\n', encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "2024"])
    assert result.exit_code == 2 and "group-by" in result.stderr
    (work / "fiscalint.toml").write_text('groups = ["2024/*"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "2024"])
    assert result.exit_code == 2 and "groups must be a list of lists" in result.stderr
