"""Configuration: ``fiscalint.toml`` or ``[tool.fiscalint]`` in ``pyproject.toml``.

Found upward from the working directory, the closest file wins with no
merging (ruff's model); a pyproject.toml counts only when it has the table.
Command-line options override the file. Unknown keys and bad values are
errors (exit status 2), so a typo never silently disables a check.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILES = ("fiscalint.toml", ".fiscalint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A config file or option that cannot be used; the CLI exits with 2."""


@dataclass
class Config:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    profile: str = ""
    lang: str = "zh"
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    rule_packs: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    max_file_size: int = 100 * 1024 * 1024
    max_pages: int = 2000
    max_chars: int = 20_000_000
    file_timeout: float = 120.0
    jobs: int = 0  # 0: one per core
    cache_dir: str = ".fiscalint_cache"
    cache: bool = True
    group_by: str = "file"  # "file", or "folder": the files of one folder are one report
    groups: list[list[str]] = field(default_factory=list)  # glob patterns of files checked together
    source: str = ""  # the file this came from, for messages
    root: str = "."  # directory of that file: relative paths resolve here

    def key(self) -> str:
        """A stable text of every setting that can change findings (cache key)."""
        skip = {"source", "root", "jobs", "cache_dir", "cache"}
        return repr(sorted((f.name, repr(getattr(self, f.name))) for f in fields(self) if f.name not in skip))


_LIST_KEYS = {"select", "extend-select", "ignore", "extend-ignore", "rule-packs", "exclude"}
_STR_KEYS = {"profile", "lang", "cache-dir", "group-by"}
_KNOWN = (
    _LIST_KEYS
    | _STR_KEYS
    | {
        "per-file-ignores",
        "rules",
        "max-file-size",
        "max-pages",
        "max-chars",
        "file-timeout",
        "jobs",
        "cache",
        "groups",
    }
)
_UNITS = {"kb": 1024, "k": 1024, "mb": 1024**2, "m": 1024**2, "gb": 1024**3, "g": 1024**3, "b": 1}


def parse_size(value: Any, key: str = "max-file-size") -> int:
    """100 -> 100 bytes; "50MB" -> 52428800."""
    if isinstance(value, bool):
        raise ConfigError(f"{key}: expected a size such as 50MB, got {value!r}")
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, str):
        text = value.strip().lower().replace(" ", "")
        for unit in sorted(_UNITS, key=len, reverse=True):
            if text.endswith(unit) and text[: -len(unit)].replace(".", "", 1).isdigit():
                return int(float(text[: -len(unit)]) * _UNITS[unit])
        if text.isdigit() and int(text) > 0:
            return int(text)
    raise ConfigError(f"{key}: expected a size such as 50MB, got {value!r}")


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    data = tomllib.loads(candidate.read_text(encoding="utf-8"))
                except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                    continue
                if "fiscalint" not in data.get("tool", {}):
                    continue
            return candidate
    return None


def load_config(path: Path | None = None, *, discover: bool = True) -> Config:
    """Read ``path`` (or the discovered file); an absent file gives the defaults."""
    if path is None and discover:
        path = find_config()
    if path is None:
        return Config()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if Path(path).name == "pyproject.toml":
        data = data.get("tool", {}).get("fiscalint", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.fiscalint] must be a table")
    cfg = from_mapping(data, source=str(path))
    cfg.root = str(Path(path).resolve().parent)
    return cfg


def from_mapping(data: dict[str, Any], source: str = "<config>") -> Config:
    cfg = Config(source=source)
    for key, value in data.items():
        if key not in _KNOWN:
            hint = ", ".join(sorted(_KNOWN))
            raise ConfigError(f"{source}: unknown key {key!r} (known keys: {hint})")
        attr = key.replace("-", "_")
        if key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: {key} must be a list of strings, got {value!r}")
            setattr(cfg, attr, list(value))
        elif key in _STR_KEYS:
            if not isinstance(value, str):
                raise ConfigError(f"{source}: {key} must be a string, got {value!r}")
            setattr(cfg, attr, value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values()
            ):
                raise ConfigError(f"{source}: per-file-ignores must map glob patterns to lists of codes")
            cfg.per_file_ignores = {str(k): list(v) for k, v in value.items()}
        elif key == "rules":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(f"{source}: [rules] must hold one table per rule code, e.g. [rules.SUM001]")
            cfg.rules = {str(k): dict(v) for k, v in value.items()}
        elif key == "max-file-size":
            cfg.max_file_size = parse_size(value, f"{source}: max-file-size")
        elif key in ("max-pages", "max-chars", "jobs"):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(f"{source}: {key} must be a non-negative integer, got {value!r}")
            setattr(cfg, attr, value)
        elif key == "file-timeout":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ConfigError(f"{source}: file-timeout must be a positive number of seconds, got {value!r}")
            cfg.file_timeout = float(value)
        elif key == "groups":
            if not isinstance(value, list) or not all(
                isinstance(g, list) and g and all(isinstance(p, str) for p in g) for g in value
            ):
                raise ConfigError(f'{source}: groups must be a list of lists of glob patterns, e.g. [["2024/*"]]')
            cfg.groups = [list(g) for g in value]
        elif key == "cache":
            if not isinstance(value, bool):
                raise ConfigError(f"{source}: cache must be true or false, got {value!r}")
            cfg.cache = value
    if cfg.group_by not in ("file", "folder"):
        raise ConfigError(f'{source}: group-by must be "file" or "folder", got {cfg.group_by!r}')
    if cfg.lang not in ("zh", "en"):
        raise ConfigError(f'{source}: lang must be "zh" or "en", got {cfg.lang!r}')
    return cfg
