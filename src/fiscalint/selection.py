"""Rule selection by code prefix, as in ruff: the most specific selector wins.

A selector is ``ALL``, a code prefix (``SUM``, ``SUM0``), a full code
(``SUM001``) or a rule name (``breakdown-total``). For each code the longest
matching selector of select/extend-select and of ignore/extend-ignore is
compared; the longer one decides, and on a tie ``ignore`` wins.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping
from pathlib import PurePath

from fiscalint.config import Config, ConfigError
from fiscalint.errors import is_fatal

# The core's fatal codes (unreadable files, plugin failures) are always on;
# its notices (E006 encoding guessed, E007, E009) can be ignored like any rule.


def _specificity(selector: str, code: str, names: Mapping[str, str]) -> int:
    """How specifically ``selector`` names ``code``: 0 = not at all."""
    if selector == "ALL":
        return 1
    if names.get(code) == selector:
        return 100
    if code.startswith(selector):
        return 1 + len(selector)
    return 0


def check_selectors(selectors: Iterable[str], codes: Iterable[str], names: Mapping[str, str], where: str) -> None:
    codes = list(codes)
    known_names = set(names.values())
    for sel in selectors:
        if sel == "ALL" or sel in known_names or any(c.startswith(sel) for c in codes):
            continue
        raise ConfigError(f"{where}: unknown rule selector {sel!r} (see `fiscalint rules`)")


def resolve(config: Config, codes: Iterable[str], names: Mapping[str, str]) -> set[str]:
    """The set of enabled codes for ``config``."""
    codes = list(codes)
    where = config.source or "command line"
    pos = [*config.select, *config.extend_select]
    neg = [*config.ignore, *config.extend_ignore]
    check_selectors(pos + neg, codes, names, where)
    for pattern, selectors in config.per_file_ignores.items():
        check_selectors(selectors, codes, names, f"{where}: per-file-ignores {pattern!r}")
    enabled: set[str] = set()
    for code in codes:
        if is_fatal(code):
            enabled.add(code)  # a file that could not be checked is always said
            continue
        p = max((_specificity(s, code, names) for s in pos), default=0)
        n = max((_specificity(s, code, names) for s in neg), default=0)
        if p > n:
            enabled.add(code)
    return enabled


def path_forms(path: str, root: str) -> set[str]:
    """The ways a glob may name a file: as given, by name, and relative to the
    config file's folder (as ruff resolves per-file-ignores)."""
    pure = PurePath(path)
    forms = {pure.as_posix(), pure.name}
    if root:
        try:
            rel = os.path.relpath(os.path.abspath(path), root)
        except ValueError:  # another drive on Windows
            rel = ""
        if rel and not rel.startswith(".."):
            forms.add(PurePath(rel).as_posix())
    return forms


def matches_glob(path: str, root: str, patterns) -> bool:
    forms = path_forms(path, root)
    return any(fnmatch.fnmatch(form, pat) for pat in patterns for form in forms)


def per_file_ignored(config: Config, path: str, code: str, names: Mapping[str, str]) -> bool:
    """True when a per-file-ignores pattern matching ``path`` covers ``code``."""
    if not config.per_file_ignores:
        return False
    for pattern, selectors in config.per_file_ignores.items():
        if matches_glob(path, config.root if config.source else "", [pattern]) and any(
            _specificity(s, code, names) for s in selectors
        ):
            return True
    return False
