"""The command line: exit codes, formats, output file, selection, folders, rules/explain/--version.

The CLI sees the built-in rules plus the demo plugin (tests/demo_plugin), so
these tests do not depend on the rule families.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from demo_plugin.testing import demo_registry, validate_sarif
from fiscalint import __version__, cli, plugins

FINDINGS = "一、基本情况\n本部门共有XX名在职人员。\n本部门还有待填写个处室。\n"
CLEAN = "一、基本情况\n本部门共有12名在职人员。\n"


@pytest.fixture
def work(demo_cwd):
    """A working folder without config files, and a CLI that sees the demo plugin."""
    (demo_cwd / "bad.txt").write_text(FINDINGS, encoding="utf-8")
    (demo_cwd / "good.txt").write_text(CLEAN, encoding="utf-8")
    return demo_cwd


def fiscalint(*args: str):
    return CliRunner().invoke(cli.main, list(args))


def check(*args: str):
    return fiscalint("check", "--isolated", "--jobs", "1", "--select", "DEMO", *args)


# --- exit status -------------------------------------------------------------


def test_clean_file_exits_0(work):
    result = check("good.txt")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_findings_exit_1_in_text_format(work):
    result = check("bad.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "bad.txt:2: DEMO001 [warning] 段落中留有占位文字“XX”，应替换为实际内容",
        "bad.txt:3: DEMO001 [warning] 段落中留有占位文字“待填写”，应替换为实际内容",
    ]


def test_unreadable_file_among_good_ones_exits_2_and_others_are_reported(work):
    (work / "empty.txt").write_bytes(b"")
    result = check("bad.txt", "empty.txt", "good.txt")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert "empty.txt: E003 文件为空（0 字节）" in lines
    assert sum(ln.startswith("bad.txt:") for ln in lines) == 2


def test_missing_path_is_e001_and_exit_2(work):
    result = check("nowhere.txt", "bad.txt")
    assert result.exit_code == 2
    assert "nowhere.txt: E001 文件不存在" in result.stdout.splitlines()
    assert "bad.txt:2: DEMO001" in result.stdout


def test_exit_zero(work):
    result = check("--exit-zero", "bad.txt")
    assert result.exit_code == 0 and "DEMO001" in result.stdout
    (work / "empty.txt").write_bytes(b"")
    assert check("--exit-zero", "empty.txt").exit_code == 2  # unreadable files are never hidden


def test_quiet_prints_nothing_but_keeps_the_status(work):
    result = check("--quiet", "--statistics", "bad.txt")
    assert result.exit_code == 1 and result.stdout == "" and result.stderr == ""


def test_quiet_still_writes_the_requested_output_file(work):
    result = check("--quiet", "--format", "json", "--output", "out.json", "bad.txt")
    assert result.exit_code == 1 and result.stdout == ""
    assert len(json.loads((work / "out.json").read_text(encoding="utf-8"))) == 2


def test_raising_plugin_exits_2_and_keeps_other_findings(work):
    (work / "crash.txt").write_text("本部门共有XX名在职人员。\n触发演示异常\n", encoding="utf-8")
    result = check("crash.txt", "good.txt")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith("crash.txt:1: DEMO001")
    assert lines[1].startswith("crash.txt:2: E900 插件 demo 的规则 DEMO900（demo-crash）出错")


def test_usage_error_exits_2(work):
    assert check("--format", "xml", "bad.txt").exit_code == 2
    assert fiscalint("nonsense").exit_code == 2


# --- selection, language, statistics -----------------------------------------


def test_select_and_ignore(work):
    assert check("--ignore", "DEMO001", "bad.txt").exit_code == 0
    assert check("--ignore", "DEMO0", "bad.txt").exit_code == 0
    result = fiscalint("check", "--isolated", "-j", "1", "--select", "DEMO900", "--extend-select", "DEMO001", "bad.txt")
    assert result.exit_code == 1 and result.stdout.count("DEMO001") == 2
    result = fiscalint("check", "--isolated", "-j", "1", "--select", "placeholder-text", "bad.txt")
    assert result.exit_code == 1


def test_lang_en(work):
    result = check("--lang", "en", "bad.txt")
    assert result.stdout.splitlines()[0] == (
        "bad.txt:2: DEMO001 [warning] placeholder text 'XX' left in the paragraph; replace it with the real content"
    )


def test_statistics(work):
    (work / "bad2.txt").write_text("有XX。\n", encoding="utf-8")
    result = check("--statistics", "bad.txt", "bad2.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "    3\tDEMO001\tplaceholder-text"
    # With a machine format on stdout the counts go to stderr, keeping stdout parseable.
    result = check("--statistics", "--format", "json", "bad.txt")
    assert len(json.loads(result.stdout)) == 2
    assert "DEMO001\tplaceholder-text" in result.stderr


# --- formats and output file -------------------------------------------------


def test_json_format(work):
    result = check("--format", "json", "bad.txt", "good.txt")
    data = json.loads(result.stdout)
    assert [(d["code"], d["path"], d["line"]) for d in data] == [("DEMO001", "bad.txt", 2), ("DEMO001", "bad.txt", 3)]


def test_sarif_format(work):
    result = check("--format", "sarif", "bad.txt")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    validate_sarif(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["DEMO001", "DEMO001"]


def test_github_format(work):
    result = check("--format", "github", "bad.txt")
    assert result.stdout.splitlines()[0] == (
        "::warning file=bad.txt,line=2,title=fiscalint DEMO001::段落中留有占位文字“XX”，应替换为实际内容"
    )


def test_output_file_is_written_whole(work):
    result = check("--format", "sarif", "--output", "out.sarif", "bad.txt")
    assert result.exit_code == 1 and result.stdout == ""
    log = json.loads((work / "out.sarif").read_text(encoding="utf-8"))
    validate_sarif(log)
    assert len(log["runs"][0]["results"]) == 2
    assert [p.name for p in work.iterdir() if p.name.endswith(".tmp")] == []


def test_output_file_is_replaced_atomically(work, monkeypatch):
    target = work / "out.txt"
    target.write_text("previous report\n", encoding="utf-8")
    real_write = Path.write_text

    def half_then_fail(self, text, *args, **kwargs):
        real_write(self, text[: len(text) // 2], *args, **kwargs)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", half_then_fail)
    result = check("--output", "out.txt", "bad.txt")
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "cannot write out.txt: No space left on device" in result.stderr
    assert target.read_text(encoding="utf-8") == "previous report\n"  # never half a report
    leftovers = sorted(p.name for p in work.iterdir() if p.name != ".fiscalint_cache")
    assert leftovers == ["bad.txt", "good.txt", "out.txt"]


def test_output_into_missing_folder_exits_2(work):
    result = check("--output", "no/such/dir/out.txt", "bad.txt")
    assert result.exit_code == 2 and "cannot write" in result.stderr


# --- folders and formats -----------------------------------------------------


def _docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(str(path))


def _pdf(path: Path, lines: list[str]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        c.drawString(72, 750 - 20 * i, line)
    c.showPage()
    c.save()


def test_folder_is_searched_for_reports(work):
    reports = work / "reports"
    (reports / "sub").mkdir(parents=True)
    (reports / ".hidden").mkdir()
    (reports / "a.txt").write_text("有XX。\n", encoding="utf-8")
    (reports / "sub" / "b.md").write_text("# 一、情况\n\n有待填写内容。\n", encoding="utf-8")
    _docx(reports / "sub" / "c.docx", ["一、基本情况", "本部门共有XX名在职人员。"])
    _pdf(reports / "d.pdf", ["一、基本情况", "本部门共有XX名在职人员。"])
    (reports / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (reports / "old.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (reports / "notes.py").write_text("XX = 1\n", encoding="utf-8")  # not a report
    (reports / "~$lock.docx").write_bytes(b"\0")  # a Word lock file
    (reports / ".hidden" / "e.txt").write_text("有XX。\n", encoding="utf-8")
    result = check("reports")
    assert result.exit_code == 2  # the .doc and .wps could not be read
    lines = result.stdout.splitlines()
    paths = sorted({ln.split(":")[0] for ln in lines})
    assert paths == [
        "reports/a.txt",
        "reports/d.pdf",
        "reports/old.doc",
        "reports/old.wps",
        "reports/sub/b.md",
        "reports/sub/c.docx",
    ]
    assert "reports/sub/c.docx:para2: DEMO001 [warning] 段落中留有占位文字“XX”，应替换为实际内容" in lines
    assert any(ln.startswith("reports/d.pdf:page1: DEMO001") for ln in lines)
    assert any(ln.startswith("reports/sub/b.md:3: DEMO001") for ln in lines)
    doc_line = next(ln for ln in lines if ln.startswith("reports/old.doc"))
    assert "E002" in doc_line and "另存为 .docx" in doc_line
    wps_line = next(ln for ln in lines if ln.startswith("reports/old.wps"))
    assert "E002" in wps_line
    en = check("--lang", "en", "reports/old.doc")
    assert "save it as .docx" in en.stdout


def test_current_folder_is_the_default(work):
    result = check()
    assert result.exit_code == 1 and result.stdout.count("bad.txt:") == 2


def test_no_reports_found(work, tmp_path):
    empty = work / "empty"
    empty.mkdir()
    result = check("empty")
    assert result.exit_code == 0 and "no reports found" in result.stderr


def test_explicit_file_with_other_extension_is_reported(work):
    (work / "table.xlsx").write_bytes(b"PK\x03\x04garbage")
    result = check("table.xlsx")
    assert result.exit_code == 2 and "table.xlsx" in result.stdout


# --- rules, explain, version -------------------------------------------------


def test_rules_text_and_json(work):
    result = fiscalint("rules")
    assert result.exit_code == 0
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("DEMO001"))
    assert "placeholder-text" in line and "warning" in line and "demo" in line and "占位文字" in line
    assert "Placeholder text" in fiscalint("rules", "--lang", "en").stdout
    data = json.loads(fiscalint("rules", "--format", "json").stdout)
    demo = next(r for r in data if r["code"] == "DEMO001")
    assert demo == {
        "code": "DEMO001",
        "name": "placeholder-text",
        "level": "warning",
        "plugin": "demo",
        "summary": "段落中留有占位文字（XX、待填写）",
        "summary_en": "Placeholder text (XX, 待填写) left in a paragraph",
        "events": ["paragraph"],
        "options": {"extra_words": []},
    }
    assert {"E001", "E900", "DEMO900"} <= {r["code"] for r in data}


def test_rules_profiles(work):
    result = fiscalint("rules", "--profiles")
    assert "demo-juesuan\tjuesuan\t示例区部门决算公开说明" in result.stdout.splitlines()


def test_explain(work):
    result = fiscalint("explain", "DEMO001")
    assert result.exit_code == 0
    assert result.stdout.startswith("DEMO001 (placeholder-text) — 段落中留有占位文字（XX、待填写）")
    assert "options ([tool.fiscalint.rules.DEMO001]): extra_words = []" in result.stdout
    assert "请填写实际数字" in result.stdout
    assert "Fill in the real figure" in fiscalint("explain", "demo001", "--lang", "en").stdout
    assert fiscalint("explain", "placeholder-text").exit_code == 0
    assert "加密" in fiscalint("explain", "E004").stdout


def test_explain_unknown_code_exits_2(work):
    result = fiscalint("explain", "NOPE999")
    assert result.exit_code == 2 and "unknown rule 'NOPE999'" in result.stderr


def test_version():
    result = fiscalint("--version")
    assert result.exit_code == 0 and result.stdout == f"fiscalint, version {__version__}\n"


def test_version_subprocess_is_fast_and_imports_nothing_heavy():
    code = (
        "import sys; from fiscalint.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('docx', 'pdfplumber', 'sarif_om', 'fiscalint.engine') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.splitlines() == [f"fiscalint, version {__version__}", "[]"]


def test_console_script_is_the_entry_that_exits_quickly():
    """The installed ``fiscalint`` command and ``python -m fiscalint`` both go through ``cli.run``."""
    from importlib import metadata

    (script,) = [ep for ep in metadata.entry_points(group="console_scripts") if ep.name == "fiscalint"]
    assert script.load() is cli.run
    assert "run()" in (Path(cli.__file__).parent / "__main__.py").read_text(encoding="utf-8")


def test_subprocess_check_writes_sarif(tmp_path):
    """A real process, as CI runs it: Chinese file name, SARIF to a file, exit status 1."""
    (tmp_path / "2024年决算.txt").write_text("一、基本情况\n本部门共有XX名在职人员。\n", encoding="utf-8")
    (tmp_path / "fiscalint.toml").write_text('select = ["E"]\n', encoding="utf-8")
    (tmp_path / "空.txt").write_bytes(b"")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run(
        [sys.executable, "-m", "fiscalint", "check", "--format", "sarif", "-o", "out.sarif", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert out.returncode == 2, out.stderr  # the empty file could not be read
    raw = (tmp_path / "out.sarif").read_bytes()
    assert "空.txt".encode() in raw  # UTF-8, not \u escapes
    log = json.loads(raw)
    validate_sarif(log)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "E003"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%E7%A9%BA.txt"
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_plugin_load_errors_are_warned_about_and_the_run_goes_on(work, monkeypatch):
    reg = demo_registry()
    reg.errors.append("broken (broken_plugin): ModuleNotFoundError: No module named 'x'")
    monkeypatch.setattr(plugins, "default_registry", lambda: reg)
    result = check("bad.txt")
    assert result.exit_code == 1 and result.stdout.count("DEMO001") == 2
    assert "fiscalint: warning: plugin not loaded: broken (broken_plugin)" in result.stderr
