"""SARIF 2.1.0, built with sarif-om, shaped for GitHub code scanning.

GitHub rejects a whole upload when one result has no location, hashes line
1 of a binary file into its fingerprint, and ignores SARIF suppressions; so
every result gets a location (startLine 1 for DOCX/PDF, with the page,
table, row and column in the message and properties), our own
partialFingerprints, and suppressed findings are left out by default.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import sarif_om as so
from jschema_to_python.to_json import to_json

from fiscalint import __version__
from fiscalint.errors import is_fatal
from fiscalint.model import Finding, Location
from fiscalint.plugins import INFO_URI
from fiscalint.reporters import Report, fingerprints
from fiscalint.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_BINARY = (".docx", ".pdf", ".xlsx")


def _uri(path: str) -> str:
    return quote(Path(path).as_posix())


def _artifact(path: str) -> so.ArtifactLocation:
    """Relative paths hang off %SRCROOT%; a file outside the working directory gets a file: URI."""
    if Path(path).is_absolute() or ".." in Path(path).parts:
        return so.ArtifactLocation(uri=Path(path).resolve().as_uri())
    return so.ArtifactLocation(uri=_uri(path), uri_base_id="%SRCROOT%")


def _descriptor(rule: type[Rule], lang: str) -> so.ReportingDescriptor:
    zh, en = rule.summary, rule.summary_en
    short = en if lang == "en" else zh
    help_text = rule.doc(lang) or short
    return so.ReportingDescriptor(
        id=rule.code,
        name=rule.name,
        short_description=so.MultiformatMessageString(text=short),
        full_description=so.MultiformatMessageString(text=f"{zh} / {en}"[:1000]),
        help=so.MultiformatMessageString(text=help_text, markdown=help_text),
        help_uri=f"{INFO_URI}#{rule.code.lower()}",
        default_configuration=so.ReportingConfiguration(level=rule.level),
        properties={
            "tags": ["fiscal", *rule.tags],
            "precision": "high",
            "problem.severity": {"error": "error", "warning": "warning", "note": "recommendation"}[rule.level],
            "plugin": rule.plugin,
        },
    )


def _region(loc: Location) -> so.Region:
    binary = loc.path.lower().endswith(_BINARY) or loc.line is None
    line = 1 if binary else loc.line
    snippet = so.ArtifactContent(text=loc.excerpt[:500]) if loc.excerpt else None
    return so.Region(start_line=line, snippet=snippet)


def _location(loc: Location, section: tuple[str, ...], lang: str, message: str = "") -> so.Location:
    human = loc.human(lang)
    logical = []
    if section or human:
        name = " > ".join([*section, human] if human else section)
        logical.append(so.LogicalLocation(name=name[:500], fully_qualified_name=name[:500], kind="section"))
    props = {
        k: v
        for k, v in (
            ("page", loc.page),
            ("paragraph", loc.paragraph),
            ("table", loc.table),
            ("row", loc.row),
            ("column", loc.column),
        )
        if v is not None
    }
    text = message or human
    return so.Location(
        physical_location=so.PhysicalLocation(
            artifact_location=_artifact(loc.path),
            region=_region(loc),
        ),
        logical_locations=logical or None,
        message=so.Message(text=text) if text else None,
        properties=props or None,
    )


def build(report: Report) -> dict:
    lang = report.lang
    reg = report.registry
    driver_rules = [r for r in reg.rule_list() if r.plugin == "fiscalint"]
    ext_names = sorted(
        {r.plugin for r in reg.rule_list() if r.plugin != "fiscalint"}
        | {n for n, p in reg.plugins.items() if not p.builtin}
    )
    ext_rules = {n: [r for r in reg.rule_list() if r.plugin == n] for n in ext_names}
    index: dict[str, tuple[int | None, int]] = {r.code: (None, i) for i, r in enumerate(driver_rules)}
    extensions = []
    for ei, name in enumerate(ext_names):
        info = reg.plugins.get(name)
        for i, r in enumerate(ext_rules[name]):
            index[r.code] = (ei, i)
        extensions.append(
            so.ToolComponent(
                name=name,
                version=info.version if info else None,
                information_uri=(info.information_uri or None) if info else None,
                rules=[_descriptor(r, lang) for r in ext_rules[name]],
                properties={"locality": info.locality} if info and info.locality else None,
            )
        )
    findings = report.findings()
    prints = fingerprints(findings)
    results = []
    for f in findings:
        results.append(_result(f, index, prints[id(f)], lang, report))
    notifications = [
        so.Notification(
            message=so.Message(text=f"{f.location.path}: {f.code} {f.text(lang)}"),
            level="error",
            locations=[_location(f.location, (), lang)],
            associated_rule=so.ReportingDescriptorReference(id=f.code, index=index[f.code][1]),
        )
        for r in report.results
        for f in r.findings
        if is_fatal(f.code)
    ]
    config_notes = [
        so.Notification(message=so.Message(text=f"plugin not loaded: {e}"), level="warning") for e in reg.errors
    ]
    unreadable = any(r.unreadable for r in report.results)
    run = so.Run(
        tool=so.Tool(
            driver=so.ToolComponent(
                name="fiscalint",
                version=__version__,
                semantic_version=__version__,
                information_uri=INFO_URI,
                rules=[_descriptor(r, lang) for r in driver_rules],
            ),
            extensions=extensions or None,
        ),
        results=results,
        column_kind="unicodeCodePoints",
        original_uri_base_ids={"%SRCROOT%": so.ArtifactLocation(uri=Path.cwd().resolve().as_uri() + "/")},
        invocations=[
            so.Invocation(
                execution_successful=not unreadable,
                tool_execution_notifications=notifications or None,
                tool_configuration_notifications=config_notes or None,
                working_directory=so.ArtifactLocation(uri=Path.cwd().resolve().as_uri() + "/"),
            )
        ],
    )
    log = so.SarifLog(version="2.1.0", schema_uri=SCHEMA, runs=[run])
    data = json.loads(to_json(log))
    _restore_defaults(data["runs"][0], reg, findings)
    return data


def _restore_defaults(run: dict, reg, findings: list[Finding]) -> None:
    """Put back what to_json drops for equalling sarif-om's defaults.

    jschema_to_python leaves out every field equal to its default, so a
    warning-level result loses ``level`` and a warning rule gets an empty
    ``defaultConfiguration``; say them explicitly, as GitHub's docs expect,
    and keep ``results`` as an empty array when nothing was found.
    """
    levels = {r.code: r.level for r in reg.rule_list()}
    for component in [run["tool"]["driver"], *run["tool"].get("extensions", [])]:
        for descriptor in component.get("rules", []):
            descriptor.setdefault("defaultConfiguration", {})["level"] = levels[descriptor["id"]]
    results = run.setdefault("results", [])
    for result, finding in zip(results, findings, strict=True):
        result["level"] = finding.level


def _result(f: Finding, index: dict, fingerprint: str, lang: str, report: Report) -> so.Result:
    ext, rule_index = index.get(f.code, (None, -1))
    human = f.location.human(lang)
    text = f.text(lang)
    if human and (f.location.line is None or f.location.path.lower().endswith(_BINARY)):
        text = f"{text}（{human}）" if lang == "zh" else f"{text} ({human})"
    props = {"section": list(f.section)} if f.section else {}
    for k in ("page", "paragraph", "table", "row", "column"):
        v = getattr(f.location, k)
        if v is not None:
            props[k] = v
    if f.plugin:
        props["plugin"] = f.plugin
    rule_ref = None
    if ext is not None:
        rule_ref = so.ReportingDescriptorReference(
            id=f.code, index=rule_index, tool_component=so.ToolComponentReference(index=ext)
        )
    suppressions = None
    if f.suppressed:
        suppressions = (
            [so.Suppression(kind="inSource", justification=f.suppressed)] if hasattr(so, "Suppression") else None
        )
    return so.Result(
        rule_id=f.code,
        rule_index=rule_index if ext is None else -1,
        rule=rule_ref,
        level=f.level,
        message=so.Message(text=text),
        locations=[_location(f.location, f.section, lang)],
        related_locations=[
            so.Location(
                id=i + 1,
                physical_location=_location(r.location, (), lang).physical_location,
                message=so.Message(
                    text=(r.message_en if lang == "en" and r.message_en else r.message)
                    or r.location.human(lang)
                    or r.location.path
                ),
            )
            for i, r in enumerate(f.related)
        ]
        or None,
        partial_fingerprints={"primaryLocationLineHash": fingerprint, "fiscalint/v1": fingerprint},
        properties=props or None,
        suppressions=suppressions,
    )


def render(report: Report) -> str:
    return json.dumps(build(report), ensure_ascii=False, indent=2) + "\n"
