"""Registers the Sichuan rules and rule pack with fiscalint (entry point ``sichuan``)."""

from __future__ import annotations

from pathlib import Path

from fiscalint import hookimpl
from fiscalint_sichuan import __version__


@hookimpl
def fiscalint_rules():
    from fiscalint_sichuan.rules import AdjustmentUnexplained

    return [AdjustmentUnexplained]


@hookimpl
def fiscalint_rule_packs():
    return [Path(__file__).with_name("sichuan.toml")]


@hookimpl
def fiscalint_plugin_info():
    return {
        "name": "fiscalint-sichuan",
        "version": __version__,
        "locality": "四川",
        "information_uri": "https://github.com/fiscalint/fiscalint/tree/main/plugins/fiscalint-sichuan",
    }
