"""Rules: metadata as class attributes, handlers as ``on_<event>`` methods.

A rule is a class (sqlfluff's shape) whose handlers the engine finds by name
(textlint's shape): ``on_heading``, ``on_paragraph``, ``on_table``,
``on_document`` and ``on_document_end``. One instance is made per document,
so a rule may keep state between events of one file. It reports through the
RuleContext it is handed; shared facts come from ``ctx.facts``, extracted
once per block whichever rule asks first.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from fiscalint.model import Block, Document, Finding, Level, Location, Related

EVENTS = ("document", "heading", "paragraph", "table", "document_end")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{0,7}[0-9]{3}$")


class Rule:
    """Base class of every rule. Subclasses set the metadata and add handlers.

    code        stable code, letters then three digits (SUM001)
    name        kebab-case name (breakdown-total)
    summary     one Chinese line, shown by ``fiscalint rules``
    summary_en  the same in English
    level       default level: "error", "warning" or "note"
    help        longer Chinese help for ``fiscalint explain`` (markdown)
    help_en     the same in English
    options     option name -> default; users set them under
                ``[tool.fiscalint.rules.<code>]``
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    summary_en: ClassVar[str] = ""
    level: ClassVar[Level] = "warning"
    help: ClassVar[str] = ""
    help_en: ClassVar[str] = ""
    options: ClassVar[dict[str, Any]] = {}
    tags: ClassVar[tuple[str, ...]] = ()
    plugin: ClassVar[str] = ""  # set by the plugin manager: the plugin that registered it

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        self.settings = {**self.options, **(settings or {})}

    @classmethod
    def handled_events(cls) -> tuple[str, ...]:
        """The events this class has handlers for. Looked up once per class: every check
        builds its dispatch table from them."""
        events = cls.__dict__.get("_handled_events")
        if events is None:
            events = tuple(e for e in EVENTS if callable(getattr(cls, f"on_{e}", None)))
            cls._handled_events = events
        return events

    @classmethod
    def validate(cls) -> None:
        if not CODE_RE.match(cls.code or ""):
            raise ValueError(f"rule {cls.__name__}: code {cls.code!r} must be letters then three digits")
        if not cls.name or not re.match(r"^[a-z][a-z0-9-]*$", cls.name):
            raise ValueError(f"rule {cls.code}: name {cls.name!r} must be kebab-case")
        if cls.level not in ("error", "warning", "note"):
            raise ValueError(f"rule {cls.code}: level {cls.level!r}")
        if not cls.summary or not cls.summary_en:
            raise ValueError(f"rule {cls.code}: needs summary and summary_en")
        if not cls.handled_events() and not getattr(cls, "core", False):
            raise ValueError(f"rule {cls.code}: handles no event (define on_paragraph, on_table, ...)")

    @classmethod
    def doc(cls, lang: str = "zh") -> str:
        text = cls.help_en if lang == "en" and cls.help_en else cls.help
        return inspect.cleandoc(text or (cls.__doc__ or ""))


@dataclass
class Event:
    """One event of the stream; ``section`` is the heading path above the block."""

    type: str
    document: Document
    block: Block | None = None
    section: tuple[str, ...] = ()
    index: int = -1  # position of the block in document.blocks


class FactStore:
    """Per-document cache so two rules never parse the same block twice."""

    def __init__(self) -> None:
        self._cache: dict[tuple[Callable, int], Any] = {}
        self.shared: dict[str, Any] = {}  # document-level facts keyed by name

    def get(self, extractor: Callable[[Any], Any], block: Any) -> Any:
        key = (extractor, id(block))
        if key not in self._cache:
            self._cache[key] = extractor(block)
        return self._cache[key]

    def document(self, name: str, compute: Callable[[], Any]) -> Any:
        if name not in self.shared:
            self.shared[name] = compute()
        return self.shared[name]


@dataclass
class RuleContext:
    """What a rule is handed: the document, facts, config, and ``report``."""

    document: Document
    facts: FactStore
    config: Any  # fiscalint.config.Config
    profile: dict | None = None  # the report template chosen for this document
    packs: Any = None  # fiscalint.packs.PackSet
    findings: list[Finding] = field(default_factory=list)
    rule: Rule | None = None
    section: tuple[str, ...] = ()

    def report(
        self,
        location: Location,
        message: str,
        message_en: str = "",
        *,
        level: Level | None = None,
        related: list[Related] | None = None,
    ) -> None:
        """Report a finding under the current rule's code.

        Two codes that share one computation (an error and its rounding-only
        variant) are two rules reading the same ``ctx.facts.document`` entry.
        """
        rule = self.rule
        assert rule is not None
        self.findings.append(
            Finding(
                code=rule.code,
                level=level or rule.level,
                message=message,
                message_en=message_en,
                location=location,
                name=rule.name,
                section=self.section,
                related=related or [],
                plugin=rule.plugin,
            )
        )

    def option(self, name: str) -> Any:
        assert self.rule is not None
        return self.rule.settings[name]

    @property
    def lang(self) -> str:
        return getattr(self.config, "lang", "zh")
