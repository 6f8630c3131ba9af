"""The engine: read a file, stream its events to the rules, collect findings.

One ``event type -> [handlers]`` map is built per run from the enabled rules
(textlint's dispatch); the document is walked once. A handler that raises
becomes an E900 finding naming its plugin and rule, and the walk goes on.
"""

from __future__ import annotations

import os
import signal
import threading
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fiscalint import collector, memo, suppression
from fiscalint.config import Config, ConfigError
from fiscalint.errors import CORE_BY_CODE, is_fatal
from fiscalint.model import Document, Finding, Heading, Location, Paragraph, Table
from fiscalint.packs import PackSet
from fiscalint.plugins import Registry
from fiscalint.readers import Limits, ReaderError, read_document
from fiscalint.rule import EVENTS, Event, FactStore, Rule, RuleContext
from fiscalint.selection import per_file_ignored, resolve


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    unreadable: bool = False  # the file could not be (fully) checked
    profile: str = ""
    info: list[str] = field(default_factory=list)  # --verbose notes (how the year was inferred...)


@dataclass
class Run:
    """Everything that stays the same for every file of one invocation."""

    config: Config
    registry: Registry
    enabled: set[str]
    packs: PackSet
    debug: bool = False
    pack_paths: tuple[Path, ...] = ()  # every pack loaded, plugins' and the config's

    @classmethod
    def create(cls, config: Config, registry: Registry, debug: bool = False) -> Run:
        names = {code: rule.name for code, rule in registry.rules.items()}
        enabled = resolve(config, registry.rules, names)
        pack_paths = list(registry.packs)
        root = Path(config.root or ".")
        pack_paths += [root / p for p in config.rule_packs]
        packs = PackSet.load(pack_paths)
        if config.profile and packs.template(config.profile) is None:
            known = ", ".join(t["id"] for t in packs.templates()) or "(none)"
            raise ConfigError(f"{config.source or 'command line'}: unknown profile {config.profile!r} (known: {known})")
        for key in config.rules:
            rule = registry.rules.get(key) or next((r for r in registry.rules.values() if r.name == key), None)
            if rule is None:
                raise ConfigError(f"{config.source or 'config'}: [rules.{key}] names no known rule")
            unknown = set(config.rules[key]) - set(rule.options)
            if unknown:
                allowed = ", ".join(sorted(rule.options)) or "(none)"
                raise ConfigError(
                    f"{config.source or 'config'}: rule {key} has no option {sorted(unknown)} (options: {allowed})"
                )
            for opt, value in config.rules[key].items():
                problem = _option_type_problem(rule.options[opt], value)
                if problem:
                    raise ConfigError(
                        f"{config.source or 'config'}: [rules.{key}] {opt} must be {problem}, got {value!r}"
                    )
        return cls(config, registry, enabled, packs, debug, tuple(pack_paths))

    def rule_settings(self, rule: type[Rule]) -> dict:
        return {**self.config.rules.get(rule.name, {}), **self.config.rules.get(rule.code, {})}

    def active_rules(self) -> list[type[Rule]]:
        return [
            r
            for code, r in sorted(self.registry.rules.items())
            if code in self.enabled and not getattr(r, "core", False)
        ]


def _option_type_problem(default: object, value: object) -> str:
    """What ``value`` should have been, judged by the option's default ("" when it fits)."""
    if default is None:
        return ""
    if isinstance(default, bool):
        return "" if isinstance(value, bool) else "true or false"
    if isinstance(default, int):
        return "" if isinstance(value, int) and not isinstance(value, bool) else "an integer"
    if isinstance(default, float):
        return "" if isinstance(value, (int, float)) and not isinstance(value, bool) else "a number"
    for kind, what in ((str, "a string"), (list, "a list"), (dict, "a table")):
        if isinstance(default, kind):
            return "" if isinstance(value, kind) else what
    return ""


class FileTimeout(BaseException):
    """Raised by the per-file alarm (``file-timeout``).

    A BaseException, like KeyboardInterrupt: readers, plugins and the libraries
    under them catch ``Exception`` to turn a broken file into a finding, and
    one of them catching the alarm would lose the time limit (and name a slow
    file corrupt)."""


@contextmanager
def time_limit(seconds: float):
    """SIGALRM-based limit; a no-op where signals are unavailable (Windows, threads)."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def _raise(signum, frame):
        raise FileTimeout()

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _core_finding(code: str, path: str, message: str, message_en: str, location: Location | None = None) -> Finding:
    rule = CORE_BY_CODE[code]
    return Finding(
        code=code,
        level=rule.level,
        message=message,
        message_en=message_en,
        location=location or Location(path),
        name=rule.name,
        plugin="fiscalint",
    )


def build_dispatch(rules: Iterable[Rule]) -> dict[str, list[tuple[Rule, Callable]]]:
    table: dict[str, list[tuple[Rule, Callable]]] = defaultdict(list)
    for rule in rules:
        for event in rule.handled_events():
            table[event].append((rule, getattr(rule, f"on_{event}")))
    return table


def walk(document: Document) -> Iterable[Event]:
    """The event stream of a document, in document order.

    The section path changes only at a heading (or a file boundary), so it is
    built there once and shared by the blocks below, not rebuilt per block.
    """
    yield Event("document", document)
    stack: list[Heading] = []
    section: tuple[str, ...] = ()  # the heading path above the blocks that follow
    boundaries = set(document.meta.get("boundaries", ()))
    for i, block in enumerate(document.blocks):
        if i in boundaries:
            stack.clear()  # a new file of a report checked as a folder
            section = ()
        if isinstance(block, Heading):
            while stack and stack[-1].level >= block.level:
                stack.pop()
            above = tuple(h.text for h in stack)
            stack.append(block)
            section = (*above, block.text)
            yield Event("heading", document, block, above, i)
            continue
        if isinstance(block, Paragraph):
            yield Event("paragraph", document, block, section, i)
        elif isinstance(block, Table):
            yield Event("table", document, block, section, i)
    yield Event("document_end", document, section=())


def display_path(path: Path) -> str:
    """The path as shown and as SARIF's artifact URI: relative to the working directory."""
    try:
        rel = os.path.relpath(path, Path.cwd())
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else Path(path).as_posix()


def check_document(document: Document, run: Run, result: FileResult) -> None:
    """Stream one document through the enabled rules."""
    profile = None
    if run.config.profile:
        profile = run.packs.template(run.config.profile)
        result.info.append(f"profile {run.config.profile} (from config)")
    else:
        profile = run.packs.detect(document)
        if profile:
            result.info.append(f"profile {profile['id']} (detected)")
    result.profile = profile["id"] if profile else ""
    facts = FactStore()
    rules = [cls(run.rule_settings(cls)) for cls in run.active_rules()]
    dispatch = build_dispatch(rules)
    ctx = RuleContext(document=document, facts=facts, config=run.config, profile=profile, packs=run.packs)
    failed: set[str] = set()
    for event in walk(document):
        handlers = dispatch.get(event.type)
        if not handlers:
            continue
        ctx.section = event.section
        for rule, handler in handlers:
            if failed and rule.code in failed:  # nearly always empty: skip the lookup
                continue
            ctx.rule = rule
            try:
                handler(ctx, event)
            except (Exception, FileTimeout) as exc:  # a plugin bug must not lose the other rules' findings
                failed.add(rule.code)
                where = event.block.location if event.block is not None else Location(document.path)
                hint = f"{type(exc).__name__}: {exc}"
                if isinstance(exc, FileTimeout):
                    hint = f"超过时间上限 {run.config.file_timeout:g} 秒（file-timeout） / timed out"
                    # The rules after it still get a short grace period.
                    signal.setitimer(signal.ITIMER_REAL, max(run.config.file_timeout / 4, 1.0))
                if run.debug:
                    hint += "\n" + traceback.format_exc()
                result.findings.append(
                    _core_finding(
                        "E900",
                        document.path,
                        f"插件 {rule.plugin} 的规则 {rule.code}（{rule.name}）出错，已跳过：{hint}",
                        f"plugin {rule.plugin}, rule {rule.code} ({rule.name}) raised and was skipped: {hint}",
                        Location(document.path, where.line, where.paragraph, where.page, excerpt=where.excerpt[:80]),
                    )
                )
                result.findings[-1].section = event.section
                result.unreadable = True
    result.findings.extend(ctx.findings)
    result.info.extend(facts.shared.get("_info", []))


def check_file(path: Path, run: Run) -> FileResult:
    """Check one file; never raises (an internal error becomes E999)."""
    return check_unit([path], run)


def unit_display(paths: list[Path]) -> str:
    """How a report is named: its file, or for a report of several files their folder."""
    if len(paths) == 1:
        return display_path(paths[0])
    common = Path(os.path.commonpath([os.path.abspath(p) for p in paths]))
    shown = display_path(common)
    return shown if shown.endswith("/") else shown + "/"


def check_unit(paths: list[Path], run: Run) -> FileResult:
    """Check one report: a file, or several files checked together as one
    document (说明.docx + 附表.xlsx) whose blocks keep their own file paths."""
    display = unit_display(paths)
    result = FileResult(display)
    cfg = run.config
    limits = Limits(cfg.max_file_size, cfg.max_pages, cfg.max_chars)
    try:
        with time_limit(cfg.file_timeout * len(paths)):
            return _check_unit(paths, display, run, result, limits)
    except FileTimeout:
        result.findings.append(
            _core_finding(
                "E008",
                display,
                f"读取超过时间上限 {cfg.file_timeout:g} 秒（file-timeout），未检查",
                f"reading took longer than {cfg.file_timeout:g} s (file-timeout); not checked",
            )
        )
        result.unreadable = True
        return finish(result, run)
    finally:
        memo.forget()  # the memo caches hold this report's text


def _read(path: Path, run: Run, result: FileResult, limits: Limits) -> Document | None:
    display = display_path(path)
    try:
        document = read_document(path, display, limits, run.registry.readers)
    except ReaderError as exc:
        result.findings.append(_core_finding(exc.code, display, exc.message, exc.message_en))
        result.unreadable = result.unreadable or is_fatal(exc.code)
        return None
    except Exception as exc:  # a reader bug: name it, keep going
        hint = f"{type(exc).__name__}: {exc}"
        if run.debug:
            hint += "\n" + traceback.format_exc()
        result.findings.append(
            _core_finding("E999", display, f"读取文件时出现内部错误：{hint}", f"internal error while reading: {hint}")
        )
        result.unreadable = True
        return None
    result.findings.extend(document.notices)
    if any(is_fatal(f.code) for f in document.notices):
        result.unreadable = True
    return document


def merge_documents(display: str, documents: list[Document]) -> Document:
    """One document of several files, in the given order; ``meta["boundaries"]``
    holds the block index where each file starts (the engine resets the section
    path there)."""
    if len(documents) == 1:
        return documents[0]
    blocks: list = []
    boundaries: list[int] = []
    suppressions: list = []
    for doc in documents:
        boundaries.append(len(blocks))
        blocks.extend(doc.blocks)
        suppressions.extend(doc.meta.get("suppressions", []))
    meta = {
        "files": [d.path for d in documents],
        "boundaries": boundaries,
        "suppressions": suppressions,
        "group": display,
    }
    # Findings about the whole report point at its first file (the 说明, in
    # name order), never at the folder: SARIF and GitHub need a file.
    return Document(path=documents[0].path, blocks=blocks, format="group", meta=meta)


def _check_unit(paths: list[Path], display: str, run: Run, result: FileResult, limits: Limits) -> FileResult:
    documents = [doc for doc in (_read(p, run, result, limits) for p in paths) if doc is not None]
    if not documents:
        return finish(result, run)
    document = merge_documents(display, documents)
    try:
        with collector.paused():
            check_document(document, run, result)
    except Exception as exc:  # FileTimeout is a BaseException: it passes to check_unit
        hint = f"{type(exc).__name__}: {exc}"
        if run.debug:
            hint += "\n" + traceback.format_exc()
        result.findings.append(_core_finding("E999", display, f"检查时出现内部错误：{hint}", f"internal error: {hint}"))
        result.unreadable = True
    return finish(result, run, document.meta.get("suppressions", []))


def finish(result: FileResult, run: Run, suppressions: list | None = None) -> FileResult:
    """Apply selection, per-file ignores and inline suppressions, drop duplicates, sort."""
    names = {code: rule.name for code, rule in run.registry.rules.items()}
    seen: set[tuple] = set()
    kept: list[Finding] = []
    for f in sorted(result.findings, key=Finding.sort_key):
        if f.code not in run.enabled and not is_fatal(f.code):
            continue
        if per_file_ignored(run.config, f.location.path or result.path, f.code, names):
            continue
        key = (f.code, f.location, f.message)
        if key in seen:
            continue
        seen.add(key)
        kept.append(f)
    if suppressions:
        suppression.apply(kept, suppressions)
        if "SUP001" in run.enabled:
            kept.extend(suppression.unused(result.path, suppressions))
    result.findings = kept
    return result


def check_paths(paths: Iterable[Path], run: Run, jobs: int = 1) -> list[FileResult]:
    """Check files one by one (see ``check_units``)."""
    return check_units([[p] for p in paths], run, jobs)


def check_units(units: Iterable[list[Path]], run: Run, jobs: int = 1) -> list[FileResult]:
    """Check reports (each one file or a group of files), in parallel when
    ``jobs`` > 1; results in input order.

    With the cache on, reports whose content, paths, configuration and plugins
    are unchanged since a previous run are not read again.
    """
    units = [list(u) for u in units]
    results: list[FileResult | None] = [None] * len(units)
    keys: list[str | None] = [None] * len(units)
    cache = None
    if run.config.cache:
        from fiscalint.cache import Cache

        cache = Cache.for_run(run)
        for i, unit in enumerate(units):
            keys[i] = cache.key_many(unit, unit_display(unit))
            if keys[i] is not None:
                results[i] = cache.get(keys[i])
    todo = [i for i, r in enumerate(results) if r is None]
    if jobs <= 1 or len(todo) <= 1:
        fresh = [check_unit(units[i], run) for i in todo]
    else:
        from fiscalint.parallel import check_parallel

        fresh = check_parallel([units[i] for i in todo], run, jobs)
    for i, r in zip(todo, fresh, strict=True):
        results[i] = r
        key = keys[i]
        if cache is not None and key is not None and not r.unreadable:
            cache.put(key, r)
    return [r for r in results if r is not None]


# Exposed for rules that want the list of event names.
__all__ = ["EVENTS", "FileResult", "Run", "check_file", "check_paths", "walk"]
