"""Registers the rule packs shipped in ``rules/`` (inside the wheel: fiscalint/packs)."""

from __future__ import annotations

from pathlib import Path

from fiscalint.hookspecs import hookimpl


@hookimpl
def fiscalint_rule_packs() -> list[Path]:
    from fiscalint.packs import builtin_pack_dir

    folder = builtin_pack_dir()
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []
