"""The rule table itself: codes are stable, unique, and families do not shadow each other."""

from __future__ import annotations

from fiscalint.errors import CORE_RULES, is_core
from fiscalint.plugins import default_registry


def test_core_codes_are_recognised_as_core_and_families_are_not():
    assert all(is_core(r.code) for r in CORE_RULES if r.code.startswith("E"))
    rules = default_registry().rules
    for code in rules:
        if not code.startswith("E") or code[1:].isdigit():
            continue
        raise AssertionError(f"{code}: a family starting with E would be selected by `--select E` with the core codes")


def test_every_rule_has_help_in_both_languages():
    for code, rule in default_registry().rules.items():
        assert rule.doc("zh").strip(), code
        assert rule.doc("en").strip(), code
        assert rule.summary and rule.summary_en, code


def test_no_family_prefix_is_a_prefix_of_another_family():
    """`--select SC` must not pick up a different family (SCORE vs SCH…)."""
    import re

    families = {re.match(r"[A-Z]+", c).group(0) for c in default_registry().rules}
    clashes = [(a, b) for a in families for b in families if a != b and b.startswith(a)]
    assert clashes == []
