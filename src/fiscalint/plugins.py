"""Plugin discovery: built-in rule modules and ``fiscalint`` entry points.

Every entry point is loaded on its own, inside try/except (sqlfluff's
host.py): a broken plugin is reported and skipped, and the rest still run.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pluggy

from fiscalint import __version__, hookspecs
from fiscalint.errors import CORE_RULES
from fiscalint.rule import Rule

ENTRY_POINT_GROUP = "fiscalint"
INFO_URI = "https://github.com/fiscalint/fiscalint"

# The built-in rule plugins; each module implements fiscalint_rules().
BUILTIN_MODULES = (
    "fiscalint.checks.sums",
    "fiscalint.checks.percentages",
    "fiscalint.checks.scores",
    "fiscalint.checks.sections",
    "fiscalint.checks.years",
    "fiscalint.checks.crossref",
    "fiscalint.checks.disclosure",
    "fiscalint.checks.builtin_packs",
)


@dataclass
class PluginInfo:
    name: str
    version: str
    information_uri: str = ""
    locality: str = ""
    builtin: bool = False


@dataclass
class Registry:
    """Everything the plugins registered, indexed for one run."""

    rules: dict[str, type[Rule]] = field(default_factory=dict)
    packs: list[Path] = field(default_factory=list)
    readers: list[type] = field(default_factory=list)
    plugins: dict[str, PluginInfo] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # plugins that failed to load

    def rule_list(self) -> list[type[Rule]]:
        return [self.rules[c] for c in sorted(self.rules)]


def _dist_of(ep: metadata.EntryPoint) -> tuple[str, str]:
    dist = getattr(ep, "dist", None)
    if dist is not None:
        return dist.metadata["Name"], dist.version
    return ep.name, "0"


def _entry_points() -> list[metadata.EntryPoint]:
    eps = metadata.entry_points()
    return sorted(eps.select(group=ENTRY_POINT_GROUP), key=lambda e: e.name)


def build_registry(extra_plugins: tuple[object, ...] = ()) -> Registry:
    """Load built-ins, entry-point plugins and ``extra_plugins`` (for tests)."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    reg = Registry()
    for core in CORE_RULES:
        core.plugin = "fiscalint"
        reg.rules[core.code] = core
    reg.plugins["fiscalint"] = PluginInfo("fiscalint", __version__, INFO_URI, builtin=True)
    sources: list[tuple[str, object, PluginInfo]] = []
    for modname in BUILTIN_MODULES:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name == modname:
                continue  # a family not built yet
            reg.errors.append(f"fiscalint ({modname}): {type(exc).__name__}: {exc}")
            continue
        except Exception as exc:  # a broken built-in family must not take the others down
            reg.errors.append(f"fiscalint ({modname}): {type(exc).__name__}: {exc}")
            continue
        sources.append(("fiscalint", mod, reg.plugins["fiscalint"]))
    for ep in _entry_points():
        dist_name, dist_version = _dist_of(ep)
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not stop the run
            reg.errors.append(f"{ep.name} ({dist_name}): {type(exc).__name__}: {exc}")
            continue
        sources.append((ep.name, obj, PluginInfo(ep.name, dist_version)))
    for i, obj in enumerate(extra_plugins):
        name = getattr(obj, "__name__", f"plugin{i}")
        sources.append((name, obj, PluginInfo(name, "0")))

    infos: dict[str, PluginInfo] = {}
    for name, obj, info in sources:
        key = f"{name}:{getattr(obj, '__name__', id(obj))}"
        try:
            pm.register(obj, name=key)
        except Exception as exc:  # a hookimpl that does not match its spec
            reg.errors.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        infos[key] = info
    pm.check_pending()

    # Plugin metadata first, so that rules can be attributed to it.
    for impl in pm.hook.fiscalint_plugin_info.get_hookimpls():
        data = _safe_call(impl, reg) or {}
        base = infos[impl.plugin_name]
        infos[impl.plugin_name] = PluginInfo(
            str(data.get("name", base.name)),
            str(data.get("version", base.version)),
            str(data.get("information_uri", base.information_uri)),
            str(data.get("locality", "")),
            base.builtin,
        )
    for info in infos.values():
        if not info.builtin:
            reg.plugins[info.name] = info

    for impl in sorted(pm.hook.fiscalint_rules.get_hookimpls(), key=lambda i: i.plugin_name):
        info = infos[impl.plugin_name]
        for rule in _safe_call(impl, reg) or []:
            if not (isinstance(rule, type) and issubclass(rule, Rule)):
                reg.errors.append(f"{info.name}: fiscalint_rules returned {rule!r}, not a Rule subclass")
                continue
            try:
                rule.validate()
            except ValueError as exc:
                reg.errors.append(f"{info.name}: {exc}")
                continue
            if rule.code in reg.rules:
                other = reg.rules[rule.code].plugin
                reg.errors.append(f"{info.name}: rule code {rule.code} is already registered by {other}")
                continue
            rule.plugin = info.name
            reg.rules[rule.code] = rule
    for impl in pm.hook.fiscalint_rule_packs.get_hookimpls():
        reg.packs.extend(Path(p) for p in _safe_call(impl, reg) or [])
    for impl in pm.hook.fiscalint_readers.get_hookimpls():
        reg.readers.extend(_safe_call(impl, reg) or [])
    return reg


def _safe_call(impl: pluggy.HookImpl, reg: Registry):
    try:
        return impl.function()
    except Exception as exc:  # one plugin's failure must not stop the others
        reg.errors.append(f"{impl.plugin_name.split(':')[0]}: {type(exc).__name__}: {exc}")
        return None


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    return build_registry()
