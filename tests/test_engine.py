"""The engine: event order, dispatch, one rule instance per document, E900, selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo_plugin.testing import demo_registry
from fiscalint import hookimpl
from fiscalint.config import Config, ConfigError
from fiscalint.engine import Run, build_dispatch, check_file, check_paths, walk
from fiscalint.plugins import build_registry, default_registry
from fiscalint.readers import Limits, read_document
from fiscalint.rule import Rule

REPORT = """第一部分 部门概况
一、部门职责
本部门负责XX工作。
二、机构设置
本部门设办公室等处室。
\t项目
\t金额

\t合计
\t10

第二部分 决算情况说明
本年收入合计10万元。
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


class Recorder(Rule):
    """Records every event it is handed, and the instance that handled it."""

    code = "REC001"
    name = "recorder"
    summary = "记录事件"
    summary_en = "records events"
    seen: list = []  # noqa: RUF012 - shared on purpose, to compare instances across files
    instances: list = []  # noqa: RUF012

    def __init__(self, settings=None):
        super().__init__(settings)
        Recorder.instances.append(self)

    def _log(self, event):
        block = event.block
        Recorder.seen.append((event.type, event.section, block.text if block is not None else None, id(self)))

    def on_document(self, ctx, event):
        self._log(event)

    def on_heading(self, ctx, event):
        self._log(event)

    def on_paragraph(self, ctx, event):
        self._log(event)

    def on_table(self, ctx, event):
        self._log(event)

    def on_document_end(self, ctx, event):
        self._log(event)


class TablesOnly(Rule):
    code = "REC002"
    name = "tables-only"
    summary = "只看表格"
    summary_en = "tables only"
    calls: list = []  # noqa: RUF012

    def on_table(self, ctx, event):
        TablesOnly.calls.append(event.block.index)
        ctx.report(event.block.location, f"表{event.block.index}", f"table {event.block.index}")


class RecorderPlugin:
    __name__ = "recorder"

    @hookimpl
    def fiscalint_rules(self):
        return [Recorder, TablesOnly]


@pytest.fixture
def recorder_registry():
    import demo_plugin

    Recorder.seen.clear()
    Recorder.instances.clear()
    TablesOnly.calls.clear()
    return build_registry((demo_plugin, RecorderPlugin()))


def test_event_order_and_section_paths(tmp_path, recorder_registry):
    report = _write(tmp_path / "r.txt", REPORT)
    run = Run.create(Config(select=["REC001"]), recorder_registry)
    check_file(report, run)
    events = [(t, s, x) for t, s, x, _ in Recorder.seen]
    part1, duties, units, part2 = "第一部分 部门概况", "一、部门职责", "二、机构设置", "第二部分 决算情况说明"
    assert events == [
        ("document", (), None),
        ("heading", (), part1),
        ("heading", (part1,), duties),
        ("paragraph", (part1, duties), "本部门负责XX工作。"),
        ("heading", (part1,), units),
        ("paragraph", (part1, units), "本部门设办公室等处室。"),
        ("table", (part1, units), "项目\t金额\n合计\t10"),
        ("heading", (), part2),
        ("paragraph", (part2,), "本年收入合计10万元。"),
        ("document_end", (), None),
    ]


def test_walk_is_the_event_stream(tmp_path):
    doc = read_document(_write(tmp_path / "r.txt", REPORT), "r.txt", Limits())
    types = [e.type for e in walk(doc)]
    assert types[0] == "document" and types[-1] == "document_end"
    assert types.count("table") == 1 and types.count("heading") == 4


def test_dispatch_only_to_defined_handlers(tmp_path, recorder_registry):
    rules = [TablesOnly(), Recorder()]
    table = build_dispatch(rules)
    assert [r.code for r, _ in table["table"]] == ["REC002", "REC001"]
    assert [r.code for r, _ in table["paragraph"]] == ["REC001"]
    assert TablesOnly.handled_events() == ("table",)
    report = _write(tmp_path / "r.txt", REPORT)
    findings = check_file(report, Run.create(Config(select=["REC002"]), recorder_registry)).findings
    assert TablesOnly.calls == [1]
    assert [(f.code, f.location.table, f.section) for f in findings] == [
        ("REC002", 1, ("第一部分 部门概况", "二、机构设置"))
    ]


def test_one_rule_instance_per_document(tmp_path, recorder_registry):
    a = _write(tmp_path / "a.txt", REPORT)
    b = _write(tmp_path / "b.txt", REPORT)
    run = Run.create(Config(select=["REC001"]), recorder_registry)
    check_paths([a, b], run, jobs=1)
    assert len(Recorder.instances) == 2
    ids_by_doc = [{i for t, _, _, i in Recorder.seen[:10]}, {i for t, _, _, i in Recorder.seen[10:]}]
    assert all(len(ids) == 1 for ids in ids_by_doc)
    assert ids_by_doc[0] != ids_by_doc[1]


def test_raising_rule_gives_e900_and_the_rest_is_kept(tmp_path):
    reg = demo_registry()
    report = _write(tmp_path / "r.txt", "本部门共有XX名在职人员。\n触发演示异常\n本部门还有待填写个处室。\n")
    result = check_file(report, Run.create(Config(select=["DEMO"]), reg))
    codes = [(f.code, f.location.line) for f in result.findings]
    assert codes == [("DEMO001", 1), ("E900", 2), ("DEMO001", 3)]
    e900 = result.findings[1]
    assert e900.level == "error"
    assert "插件 demo" in e900.message and "DEMO900" in e900.message and "RuntimeError" in e900.message
    assert "plugin demo, rule DEMO900" in e900.message_en
    assert result.unreadable  # the file was not fully checked: exit status 2


def test_raising_rule_is_skipped_after_first_failure(tmp_path):
    report = _write(tmp_path / "r.txt", "触发演示异常一\n触发演示异常二\n")
    result = check_file(report, Run.create(Config(select=["DEMO900"]), demo_registry()))
    assert [f.code for f in result.findings] == ["E900"]


# --- selection ---------------------------------------------------------------


def _enabled(reg, **cfg) -> set[str]:
    return {c for c in Run.create(Config(**cfg), reg).enabled if not c.startswith("E")}


def test_selection_by_prefix_and_most_specific_wins():
    reg = demo_registry()
    demo = {c for c in reg.rules if c.startswith("DEMO")}
    assert demo <= _enabled(reg)  # select = ALL by default
    assert _enabled(reg, select=["DEMO"]) == demo
    assert _enabled(reg, select=["DEMO0"]) == {"DEMO001"}
    assert _enabled(reg, select=["DEMO"], ignore=["DEMO9"]) == {"DEMO001"}
    # A more specific select beats a shorter ignore, and vice versa.
    assert _enabled(reg, select=["DEMO001"], ignore=["DEMO"]) == {"DEMO001"}
    assert _enabled(reg, select=["DEMO"], ignore=["DEMO001"]) == {"DEMO900"}
    # On a tie ignore wins.
    assert _enabled(reg, select=["DEMO001"], ignore=["DEMO001"]) == set()
    # extend-select adds to select; names select too.
    assert _enabled(reg, select=["DEMO001"], extend_select=["DEMO900"]) == demo
    assert _enabled(reg, select=["placeholder-text"]) == {"DEMO001"}


def test_core_codes_are_always_on():
    reg = demo_registry()
    run = Run.create(Config(select=["DEMO001"], ignore=["E"]), reg)
    assert {"E001", "E003", "E900"} <= run.enabled


def test_unknown_selector_is_an_error():
    with pytest.raises(ConfigError, match="unknown rule selector 'NOPE'"):
        Run.create(Config(select=["NOPE"]), demo_registry())
    with pytest.raises(ConfigError, match="unknown rule selector"):
        Run.create(Config(ignore=["DEMO7"]), demo_registry())
    with pytest.raises(ConfigError, match="unknown rule selector 'NOPE'"):
        Run.create(Config(per_file_ignores={"*.txt": ["NOPE"]}), demo_registry())


def test_per_file_ignores(tmp_path):
    reg = demo_registry()
    (tmp_path / "drafts").mkdir()
    text = "本部门共有XX名在职人员。\n"
    draft = _write(tmp_path / "drafts" / "a.txt", text)
    final = _write(tmp_path / "b.txt", text)
    cfg = Config(select=["DEMO"], per_file_ignores={"*/drafts/*": ["DEMO0"], "nothing-*.md": ["DEMO"]})
    run = Run.create(cfg, reg)
    assert check_file(draft, run).findings == []
    assert [f.code for f in check_file(final, run).findings] == ["DEMO001"]


def test_rule_options_from_config(tmp_path):
    reg = demo_registry()
    report = _write(tmp_path / "r.txt", "本部门共有若干名在职人员。\n")
    assert check_file(report, Run.create(Config(select=["DEMO001"]), reg)).findings == []
    run = Run.create(Config(select=["DEMO001"], rules={"DEMO001": {"extra_words": ["若干"]}}), reg)
    assert [f.message for f in check_file(report, run).findings] == ["段落中留有占位文字“若干”，应替换为实际内容"]
    # By name as well as by code.
    run = Run.create(Config(select=["DEMO001"], rules={"placeholder-text": {"extra_words": ["若干"]}}), reg)
    assert len(check_file(report, run).findings) == 1


def test_rule_options_are_validated():
    reg = demo_registry()
    with pytest.raises(ConfigError, match=r"rule DEMO001 has no option \['extra_word'\]"):
        Run.create(Config(rules={"DEMO001": {"extra_word": ["若干"]}}), reg)
    with pytest.raises(ConfigError, match=r"\[rules.NOPE001\] names no known rule"):
        Run.create(Config(rules={"NOPE001": {}}), reg)
    with pytest.raises(ConfigError, match="extra_words must be a list"):
        Run.create(Config(rules={"DEMO001": {"extra_words": "若干"}}), reg)


def test_unknown_profile_is_an_error():
    with pytest.raises(ConfigError, match="unknown profile 'nowhere'"):
        Run.create(Config(profile="nowhere"), demo_registry())


def test_profile_from_pack_detected_and_forced(tmp_path):
    reg = demo_registry()
    report = _write(tmp_path / "r.txt", "示例区演示部门决算公开说明\n本部门共有在职人员。\n")
    assert check_file(report, Run.create(Config(select=["DEMO001"]), reg)).profile == "demo-juesuan"
    other = _write(tmp_path / "o.txt", "本部门共有在职人员。\n")
    assert check_file(other, Run.create(Config(select=["DEMO001"]), reg)).profile == ""
    forced = Run.create(Config(select=["DEMO001"], profile="demo-juesuan"), reg)
    assert check_file(other, forced).profile == "demo-juesuan"


def test_parallel_run_matches_serial(tmp_path):
    reg = demo_registry()
    files = [_write(tmp_path / f"r{i}.txt", f"第{i}段有XX。\n" * (i + 1)) for i in range(4)]
    run = Run.create(Config(select=["DEMO001"]), reg)
    serial = [(r.path, [f.location.line for f in r.findings]) for r in check_paths(files, run, jobs=1)]
    parallel = [(r.path, [f.location.line for f in r.findings]) for r in check_paths(files, run, jobs=2)]
    assert serial == parallel
    assert [len(lines) for _, lines in serial] == [1, 2, 3, 4]
    import gc

    assert gc.get_freeze_count() == 0  # frozen for the fork only, the parent's collector sees all again


def test_parallel_warm_up_report_runs_every_rule_cleanly():
    """The report checked in the parent before forking (fiscalint.parallel) is read with a
    table and checked by every rule without an internal error: its exceptions are
    swallowed there, so a broken warm-up would only show as slower workers."""
    from fiscalint.engine import FileResult, check_document
    from fiscalint.model import Table
    from fiscalint.parallel import _WARM_UP
    from fiscalint.readers import Limits
    from fiscalint.readers.text import MarkdownReader

    document = MarkdownReader().read("<warm-up>.md", _WARM_UP.encode(), Limits())
    assert any(isinstance(b, Table) for b in document.blocks) and document.headings()
    result = FileResult("<warm-up>")
    check_document(document, Run.create(Config(cache=False), default_registry()), result)
    assert [f.code for f in result.findings if f.code.startswith("E")] == []
    assert result.findings == []  # a consistent report: nothing to say


def test_walk_section_paths_reset_at_a_file_boundary():
    """The section path is built at each heading and shared by the blocks below it;
    a new file of a group starts with none."""
    from fiscalint.model import Document, Heading, Location, Paragraph

    loc = Location("a.txt")
    blocks = [
        Heading("一、概况", loc, 1),
        Heading("（一）职责", loc, 2),
        Paragraph("甲", loc),
        Heading("二、情况", loc, 1),
        Paragraph("乙", loc),
        Paragraph("丙", loc),  # the first block of the second file
        Heading("（一）收入", loc, 2),
        Paragraph("丁", loc),
    ]
    doc = Document("a.txt", blocks, "group", meta={"boundaries": [0, 5]})
    got = [(e.type, e.section) for e in walk(doc) if e.block is not None]
    assert got == [
        ("heading", ()),
        ("heading", ("一、概况",)),
        ("paragraph", ("一、概况", "（一）职责")),
        ("heading", ()),
        ("paragraph", ("二、情况",)),
        ("paragraph", ()),
        ("heading", ()),
        ("paragraph", ("（一）收入",)),
    ]
