"""The plugin interface of fiscalint: every hook a plugin may implement.

fiscalint uses pluggy only to *register* things, once per run; it never
calls a hook per paragraph. The engine builds one ``event -> handlers`` map
from the rules registered here and dispatches the document stream through
it. Built-in rules are registered through these same hooks.

A plugin is a module or object with functions decorated ``@hookimpl``::

    from fiscalint import hookimpl

    @hookimpl
    def fiscalint_rules():
        from my_locality.rules import MyRule
        return [MyRule]

and, when it ships as a package, an entry point in the ``fiscalint`` group::

    [project.entry-points.fiscalint]
    my_locality = "my_locality.plugin"

Each hook returns a list; pluggy gathers the lists of all plugins.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from fiscalint.readers import Reader
    from fiscalint.rule import Rule

PROJECT = "fiscalint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def fiscalint_rules() -> list[type[Rule]]:
    """Return the rule classes this plugin provides.

    Each class subclasses :class:`fiscalint.rule.Rule`, sets ``code``,
    ``name``, ``summary``, ``summary_en``, ``level`` and ``help``, and defines
    one or more handlers (``on_heading``, ``on_paragraph``, ``on_table``,
    ``on_document``, ``on_document_end``). Codes must be unique across all
    plugins; a clash is reported and the later rule is skipped. Import rule
    modules inside this hook, not at module level, so that ``fiscalint
    --version`` stays fast.
    """


@hookspec
def fiscalint_rule_packs() -> list[Path]:
    """Return paths of declarative rule packs (TOML files) this plugin ships.

    A pack holds report templates (required sections, their order and
    aliases, the expected tables), grading bands and vocabularies; see
    "Rule packs" in the README for the format. Packs of all plugins are
    merged; a template ``id`` defined twice is an error.
    """


@hookspec
def fiscalint_readers() -> list[type[Reader]]:
    """Return reader classes for further file formats.

    A reader subclasses :class:`fiscalint.readers.Reader`, names the file
    extensions it takes and turns the bytes of a file into a
    :class:`fiscalint.model.Document`. A reader registered for an extension
    that a built-in reader also takes replaces the built-in one.
    """


@hookspec
def fiscalint_plugin_info() -> dict:
    """Return ``{"name", "version", "information_uri", "locality"}`` for this plugin.

    Used in ``fiscalint rules`` and as a SARIF ``tool.extensions`` entry. The
    distribution name and version are used when a plugin does not say.
    """
