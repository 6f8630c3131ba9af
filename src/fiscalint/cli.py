"""Command line: ``fiscalint check``, ``fiscalint rules``, ``fiscalint explain``.

Exit status: 0 nothing found, 1 findings, 2 a usage or config error, or a
file that could not be read (the other files are still checked and reported).
Everything heavy is imported inside the commands so ``--version`` is instant.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from fiscalint import __version__

FORMATS = ("text", "json", "sarif", "github")
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".fiscalint_cache", ".tox"}


def _fail(message: str) -> None:
    click.echo(f"fiscalint: {message}", err=True)
    sys.exit(2)


def discover(paths: tuple[str, ...], extensions: set[str], exclude: list[str], root: str = "") -> list[Path]:
    """Files to check: explicit files as given, folders searched (no symlink loops).

    ``exclude`` globs match a path as given, a file name, or a path relative to
    ``root`` (the config file's folder)."""
    from fiscalint.selection import matches_glob

    def excluded(p: Path) -> bool:
        return bool(exclude) and matches_glob(str(p), root, exclude)

    found: list[Path] = []
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if name.startswith("~$") or name.startswith("."):
                        continue  # Word lock files, hidden files
                    if f.suffix.lower() in extensions and not excluded(f):
                        key = os.path.realpath(f)
                        if key not in seen:
                            seen.add(key)
                            found.append(f)
        else:
            key = os.path.realpath(p)
            if key not in seen:  # explicit files are always checked (pre-commit passes them)
                seen.add(key)
                found.append(p)
    return found


def group_reports(files: list[Path], cfg) -> list[list[Path]]:
    """Reports to check: the config's ``groups`` first, then one per folder
    (``group-by = "folder"``) or one per file, in the order found."""
    import fnmatch

    root = Path(cfg.root or ".").resolve()
    units: list[list[Path]] = []
    taken: set[Path] = set()

    def rel(p: Path) -> str:
        try:
            return p.resolve().relative_to(root).as_posix()
        except ValueError:
            return p.as_posix()

    for patterns in cfg.groups:
        unit = [f for f in files if f not in taken and any(fnmatch.fnmatch(rel(f), pat) for pat in patterns)]
        if unit:
            taken.update(unit)
            units.append(unit)
    rest = [f for f in files if f not in taken]
    if cfg.group_by == "folder":
        by_folder: dict[Path, list[Path]] = {}
        for f in rest:
            by_folder.setdefault(f.parent, []).append(f)
        units.extend(by_folder.values())
    else:
        units.extend([f] for f in rest)
    return units


def _write_output(text: str, output: str | None) -> None:
    if not output:
        click.echo(text, nl=False)
        return
    target = Path(output)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)  # atomic: a reader never sees half a report
    except BaseException:
        tmp.unlink(missing_ok=True)  # no stray half-written file next to the target
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="fiscalint")
def main() -> None:
    """fiscalint: 部门决算公开说明与绩效自评报告的规则检查工具。

    Checks Chinese government final-accounts disclosures and performance
    self-evaluation reports (DOCX, PDF, TXT, Markdown) for sums, percentages,
    scores, sections and year labels that do not add up.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE (atomically).")
@click.option("--select", help="Comma-separated rule codes or prefixes to enable (replaces the config's).")
@click.option("--extend-select", help="Codes or prefixes to enable in addition.")
@click.option("--ignore", help="Comma-separated codes or prefixes to disable.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
@click.option("--profile", help="Report template to check against (see `fiscalint rules --profiles`).")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Message language (default zh).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per code.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only the exit status tells.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("-j", "--jobs", type=int, help="Files checked in parallel (default: one per core).")
@click.option("-v", "--verbose", is_flag=True, help="Say which config, profile and report year were used.")
@click.option("--debug", is_flag=True, help="Show Python tracebacks of internal errors.")
@click.option("--no-cache", is_flag=True, help="Check every file again instead of reusing cached results.")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where to keep the result cache.")
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True), help="Report only findings not in FILE.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record today's findings in FILE.")
@click.option("--show-suppressed", is_flag=True, help="Also list suppressed and baselined findings.")
@click.option(
    "--group-by",
    type=click.Choice(["file", "folder"]),
    help="folder: the files of one folder are one report (说明.docx + 附表.xlsx), checked together.",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    config_path: str | None,
    isolated: bool,
    profile: str | None,
    lang: str | None,
    statistics: bool,
    quiet: bool,
    exit_zero: bool,
    jobs: int | None,
    verbose: bool,
    debug: bool,
    no_cache: bool,
    cache_dir: str | None,
    baseline: str | None,
    write_baseline: str | None,
    show_suppressed: bool,
    group_by: str | None,
) -> None:
    """Check reports. PATHS are files or folders (searched for .docx .pdf .xlsx .txt .md)."""
    from fiscalint.config import ConfigError, load_config
    from fiscalint.engine import Run, check_units
    from fiscalint.plugins import default_registry
    from fiscalint.readers import supported_extensions
    from fiscalint.reporters import Report, get_reporter

    def split(s: str | None) -> list[str]:
        return [x.strip() for x in (s or "").split(",") if x.strip()]

    try:
        cfg = load_config(Path(config_path) if config_path else None, discover=not isolated)
        if select is not None:
            cfg.select = split(select)
        if extend_select:
            cfg.extend_select += split(extend_select)
        if ignore:
            cfg.extend_ignore += split(ignore)
        if profile:
            cfg.profile = profile
        if lang:
            cfg.lang = lang
        if jobs is not None:
            if jobs < 0:
                raise ConfigError("--jobs must be 0 or more")
            cfg.jobs = jobs
        if group_by:
            cfg.group_by = group_by
        if no_cache:
            cfg.cache = False
        if cache_dir:
            cfg.cache_dir = str(Path(cache_dir).resolve())
        registry = default_registry()
        run = Run.create(cfg, registry, debug=debug)
    except ConfigError as exc:
        _fail(str(exc))
        return
    for err in [] if quiet else registry.errors:
        click.echo(f"fiscalint: warning: plugin not loaded: {err}", err=True)
    if verbose and cfg.source:
        click.echo(f"fiscalint: config {cfg.source}", err=True)

    exts = supported_extensions(registry.readers) | {".doc", ".wps"}
    files = discover(paths or (".",), exts, cfg.exclude, cfg.root if cfg.source else "")
    n_jobs = cfg.jobs or os.cpu_count() or 1
    results = check_units(group_reports(files, cfg), run, jobs=n_jobs)
    if verbose:
        for r in results:
            for note in r.info:
                click.echo(f"fiscalint: {r.path}: {note}", err=True)

    all_findings = [f for r in results for f in r.findings]
    if write_baseline:
        from fiscalint import baseline as bl

        n = bl.write(Path(write_baseline), all_findings)
        if not quiet:
            click.echo(f"fiscalint: wrote {n} findings to the baseline {write_baseline}", err=True)
    if baseline:
        from fiscalint import baseline as bl

        try:
            bl.apply(all_findings, bl.load(Path(baseline)))
        except (ValueError, KeyError, TypeError) as exc:
            _fail(f"cannot use baseline {baseline}: {exc}")
    report = Report(results, registry, lang=cfg.lang, show_suppressed=show_suppressed)
    if output or not quiet:  # --quiet silences the terminal, not a report file asked for
        text = get_reporter(fmt)(report)
        try:
            _write_output(text, output)
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror}")
    if statistics and not quiet:
        _print_statistics(report, registry, to_stderr=bool(output) is False and fmt != "text")
    findings = [f for f in report.findings() if not f.suppressed]
    if any(r.unreadable for r in results):
        sys.exit(2)
    if findings and not exit_zero:
        sys.exit(1)
    if not files and not quiet:
        click.echo("fiscalint: no reports found (.docx .pdf .xlsx .txt .md)", err=True)


def _print_statistics(report, registry, to_stderr: bool) -> None:
    from collections import Counter

    counts = Counter(f.code for f in report.findings())
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = registry.rules.get(code)
        name = rule.name if rule else ""
        click.echo(f"{n:5d}\t{code}\t{name}", err=to_stderr)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--profiles", is_flag=True, help="List the report templates of the loaded rule packs instead.")
def rules(fmt: str, lang: str, profiles: bool) -> None:
    """List every rule (code, name, level, plugin, summary)."""
    import json

    from fiscalint.plugins import default_registry

    reg = default_registry()
    if profiles:
        from fiscalint.packs import PackSet

        templates = PackSet.load(reg.packs).templates()
        if fmt == "json":
            click.echo(
                json.dumps(
                    [
                        {k: v for k, v in t.items() if not k.startswith("_") and isinstance(v, (str, int, list))}
                        for t in templates
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for t in templates:
                click.echo(f"{t['id']}\t{t.get('kind', '')}\t{t.get('name', '')}")
        return
    items = []
    for r in reg.rule_list():
        items.append(
            {
                "code": r.code,
                "name": r.name,
                "level": r.level,
                "plugin": r.plugin,
                "summary": r.summary,
                "summary_en": r.summary_en,
                "events": list(r.handled_events()),
                "options": r.options,
            }
        )
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2, default=str))
        return
    for it in items:
        summary = it["summary_en"] if lang == "en" else it["summary"]
        click.echo(f"{it['code']:8} {it['name']:32} {it['level']:8} {it['plugin']:12} {summary}")


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain(code: str, lang: str) -> None:
    """Explain a rule: what it checks, why, and how to fix what it finds."""
    from fiscalint.plugins import default_registry

    reg = default_registry()
    rule = reg.rules.get(code.upper()) or next((r for r in reg.rule_list() if r.name == code), None)
    if rule is None:
        _fail(f"unknown rule {code!r} (see `fiscalint rules`)")
        return
    summary = rule.summary_en if lang == "en" else rule.summary
    click.echo(f"{rule.code} ({rule.name}) — {summary}")
    click.echo(f"level: {rule.level}    plugin: {rule.plugin}    events: {', '.join(rule.handled_events()) or '-'}")
    if rule.options:
        opts = ", ".join(f"{k} = {v!r}" for k, v in rule.options.items())
        click.echo(f"options ([tool.fiscalint.rules.{rule.code}]): {opts}")
    click.echo("")
    click.echo(rule.doc(lang))


def run() -> None:
    """The console entry point: the CLI, then an exit that skips the last collections.

    At exit the interpreter's final garbage collections walk every object still
    alive (the readers' libraries, the rules, the results): some 40 ms after a
    check, as long as a small report's check. Everything is written and closed
    by then, so the objects are frozen out of the collector's sight and freed
    without the walk.
    """
    try:
        main()
    finally:
        import gc

        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
