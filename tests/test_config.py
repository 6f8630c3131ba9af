"""Configuration: discovery, precedence, validation (exit status 2 with a clear message)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from fiscalint import cli
from fiscalint.config import Config, ConfigError, find_config, from_mapping, load_config, parse_size

PLACEHOLDER_REPORT = "本部门共有XX名在职人员。\n本部门还有待填写个处室。\n"


@pytest.fixture
def project(demo_cwd):
    """A folder with one report holding two DEMO001 findings; the CLI sees the demo plugin."""
    (demo_cwd / "r.txt").write_text(PLACEHOLDER_REPORT, encoding="utf-8")
    return demo_cwd


def run_check(*args: str):
    return CliRunner().invoke(cli.main, ["check", "--jobs", "1", *args])


def test_defaults_without_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_config() is None or not str(find_config()).startswith(str(tmp_path))
    cfg = load_config(discover=False)
    assert cfg.select == ["ALL"] and cfg.lang == "zh" and cfg.source == ""


def test_fiscalint_toml_is_found_upward(project):
    (project / "fiscalint.toml").write_text('select = ["DEMO"]\nignore = ["DEMO001"]\nlang = "en"\n', encoding="utf-8")
    sub = project / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) == project / "fiscalint.toml"
    cfg = load_config(project / "fiscalint.toml")
    assert cfg.ignore == ["DEMO001"] and cfg.lang == "en" and cfg.root == str(project.resolve())
    assert run_check("r.txt").exit_code == 0  # DEMO001 ignored by the discovered file


def test_pyproject_counts_only_with_tool_fiscalint(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(project) is None or find_config(project).parent != project
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.fiscalint]\nignore = ["DEMO"]\n', "utf-8")
    assert find_config(project) == project / "pyproject.toml"
    assert load_config(project / "pyproject.toml").ignore == ["DEMO"]


def test_pyproject_without_table_is_skipped_for_one_further_up(project):
    (project / "fiscalint.toml").write_text('select = ["DEMO"]\nignore = ["DEMO001"]\n', encoding="utf-8")
    sub = project / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    assert find_config(sub) == project / "fiscalint.toml"


def test_closest_file_wins(project):
    (project / "fiscalint.toml").write_text('select = ["DEMO"]\nignore = ["DEMO001"]\n', encoding="utf-8")
    sub = project / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[tool.fiscalint]\nlang = "en"\n', encoding="utf-8")
    assert find_config(sub) == sub / "pyproject.toml"
    assert load_config(find_config(sub)).ignore == []  # no merging with the file further up


def test_config_option_overrides_discovery(project):
    (project / "fiscalint.toml").write_text('select = ["DEMO"]\nignore = ["DEMO001"]\n', encoding="utf-8")
    other = project / "other.toml"
    other.write_text('select = ["DEMO001"]\n', encoding="utf-8")
    result = run_check("--config", str(other), "r.txt")
    assert result.exit_code == 1
    assert result.stdout.count("DEMO001") == 2


def test_isolated_ignores_config_files(project):
    (project / "fiscalint.toml").write_text('select = ["DEMO"]\nignore = ["DEMO001"]\n', encoding="utf-8")
    assert run_check("r.txt").exit_code == 0
    result = run_check("--isolated", "r.txt")
    assert result.exit_code == 1 and result.stdout.count("DEMO001") == 2


def test_command_line_overrides_file(project):
    (project / "fiscalint.toml").write_text('select = ["DEMO900"]\nlang = "zh"\n', encoding="utf-8")
    result = run_check("--select", "DEMO001", "--lang", "en", "r.txt")
    assert result.exit_code == 1
    assert "placeholder text 'XX'" in result.stdout


def test_lang_from_config(project):
    (project / "fiscalint.toml").write_text('lang = "en"\n', encoding="utf-8")
    assert "placeholder text 'XX'" in run_check("--select", "DEMO001", "r.txt").stdout


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('selct = ["DEMO"]\n', "unknown key 'selct'"),
        ('select = "DEMO"\n', "select must be a list of strings"),
        ('lang = "fr"\n', 'lang must be "zh" or "en"'),
        ("[per-file-ignores]\n'*.txt' = \"DEMO\"\n", "per-file-ignores must map glob patterns to lists of codes"),
        ('max-file-size = "lots"\n', "max-file-size: expected a size"),
        ("jobs = -1\n", "jobs must be a non-negative integer"),
        ('cache = "yes"\n', "cache must be true or false"),
        ('select = ["NOPE"]\n', "unknown rule selector 'NOPE'"),
        ('profile = "nowhere"\n', "unknown profile 'nowhere'"),
        ("[rules.DEMO001]\nextra-words = []\n", "rule DEMO001 has no option ['extra-words']"),
        ("[rules.DEMO001]\nextra_words = 3\n", "[rules.DEMO001] extra_words must be a list, got 3"),
        ("select = [\n", "not valid TOML"),
    ],
)
def test_bad_config_exits_2_with_clear_message(project, toml, message):
    (project / "fiscalint.toml").write_text(toml, encoding="utf-8")
    result = run_check("r.txt")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "fiscalint.toml" in result.stderr  # says which file
    assert result.stdout == ""


def test_pyproject_bad_key_names_the_file(project):
    (project / "pyproject.toml").write_text("[tool.fiscalint]\nignroe = []\n", encoding="utf-8")
    result = run_check("r.txt")
    assert result.exit_code == 2 and "pyproject.toml: unknown key 'ignroe'" in result.stderr


def test_missing_config_file_given_on_command_line(project):
    result = run_check("--config", "nothing.toml", "r.txt")
    assert result.exit_code == 2 and "nothing.toml: config file not found" in result.stderr


def test_unknown_selector_on_command_line(project):
    result = run_check("--select", "NOPE", "r.txt")
    assert result.exit_code == 2
    assert "command line: unknown rule selector 'NOPE'" in result.stderr


def test_per_file_ignores_from_config(project):
    (project / "fiscalint.toml").write_text(
        'select = ["DEMO"]\n[per-file-ignores]\n"r.txt" = ["DEMO001"]\n', encoding="utf-8"
    )
    (project / "s.txt").write_text(PLACEHOLDER_REPORT, encoding="utf-8")
    result = run_check("r.txt", "s.txt")
    assert result.exit_code == 1
    assert "r.txt" not in result.stdout and result.stdout.count("s.txt:") == 2


def test_rule_options_from_config_file(project):
    (project / "fiscalint.toml").write_text('[rules.DEMO001]\nextra_words = ["若干"]\n', encoding="utf-8")
    (project / "r.txt").write_text("本部门共有若干名在职人员。\n", encoding="utf-8")
    assert run_check("--select", "DEMO001", "r.txt").exit_code == 1


def test_from_mapping_and_sizes():
    cfg = from_mapping({"extend-select": ["DEMO"], "max-file-size": "50MB", "file-timeout": 5})
    assert cfg.extend_select == ["DEMO"] and cfg.max_file_size == 50 * 1024**2 and cfg.file_timeout == 5.0
    assert parse_size("1.5kb") == 1536 and parse_size(100) == 100
    with pytest.raises(ConfigError):
        parse_size(True)
    assert Config().key() == Config(source="x", jobs=3).key()  # only settings that change findings
    assert Config().key() != Config(ignore=["DEMO"]).key()


def test_relative_rule_packs_resolve_against_the_config_file(project, monkeypatch):
    packs = project / "packs"
    packs.mkdir()
    (packs / "local.toml").write_text(
        '[pack]\nid = "local"\n[[templates]]\nid = "local-tpl"\ndetect = ["本地模板"]\n', encoding="utf-8"
    )
    (project / "fiscalint.toml").write_text('rule-packs = ["packs/local.toml"]\nprofile = "local-tpl"\n', "utf-8")
    sub = project / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    result = run_check("--select", "DEMO001", "-v", "../r.txt")
    assert result.exit_code == 1, result.stderr
    assert "profile local-tpl (from config)" in result.stderr
