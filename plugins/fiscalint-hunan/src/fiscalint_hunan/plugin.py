"""Registers the Hunan rules and rule pack with fiscalint (entry point ``hunan``)."""

from __future__ import annotations

from pathlib import Path

from fiscalint import hookimpl
from fiscalint_hunan import __version__


@hookimpl
def fiscalint_rules():
    from fiscalint_hunan.rules import CategoryCaps

    return [CategoryCaps]


@hookimpl
def fiscalint_rule_packs():
    return [Path(__file__).with_name("hunan.toml")]


@hookimpl
def fiscalint_plugin_info():
    return {
        "name": "fiscalint-hunan",
        "version": __version__,
        "locality": "湖南",
        "information_uri": "https://github.com/fiscalint/fiscalint/tree/main/plugins/fiscalint-hunan",
    }
