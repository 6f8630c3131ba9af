"""Declarative rule packs: TOML files of report templates and domain data.

The core only loads packs, indexes their templates and picks the template a
document matches; what a template *means* (required sections, grading bands,
vocabularies) is read by the rules. The format is documented in the README
("Rule packs"). A pack file looks like::

    [pack]
    id = "sichuan"
    name = "四川省部门决算公开模板"
    locality = "四川"

    [[templates]]
    id = "sichuan-2023-juesuan"
    kind = "juesuan"                      # report kind
    detect = ["部门决算", "第五部分\\s*附表"]  # regexes; all must match the opening
    priority = 10
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from fiscalint.config import ConfigError
from fiscalint.model import Document, Heading, Paragraph


def builtin_pack_dir() -> Path:
    """Where the packs of ``rules/`` are: inside the wheel, or in the source tree."""
    here = Path(__file__).resolve().parent
    shipped = here / "packs"
    if shipped.is_dir():
        return shipped
    return here.parents[1] / "rules"


@dataclass
class PackSet:
    packs: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def load(cls, paths: Iterable[Path]) -> PackSet:
        packs: list[dict[str, Any]] = []
        seen_templates: dict[str, str] = {}
        for path in sorted({Path(p).resolve() for p in paths}):
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise ConfigError(f"rule pack {path}: not found") from None
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"rule pack {path}: not valid TOML: {exc}") from None
            meta = data.get("pack")
            if not isinstance(meta, dict) or not meta.get("id"):
                raise ConfigError(f"rule pack {path}: needs a [pack] table with an id")
            data["_path"] = str(path)
            for tpl in data.get("templates", []):
                tid = tpl.get("id")
                if not tid:
                    raise ConfigError(f"rule pack {path}: a [[templates]] entry has no id")
                if tid in seen_templates:
                    raise ConfigError(f"rule pack {path}: template {tid!r} is already defined in {seen_templates[tid]}")
                seen_templates[tid] = str(path)
                for pattern in tpl.get("detect", []):
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        raise ConfigError(f"rule pack {path}: template {tid}: bad regex {pattern!r}: {exc}") from None
                tpl["_pack"] = meta["id"]
            packs.append(data)
        return cls(packs)

    def templates(self) -> list[dict[str, Any]]:
        return [t for p in self.packs for t in p.get("templates", [])]

    def template(self, template_id: str) -> dict[str, Any] | None:
        return next((t for t in self.templates() if t["id"] == template_id), None)

    def section(self, name: str) -> list[Any]:
        """All packs' entries under a top-level key (tables or arrays), in pack order."""
        out: list[Any] = []
        for p in self.packs:
            value = p.get(name)
            if isinstance(value, list):
                out.extend(value)
            elif value is not None:
                out.append(value)
        return out

    def detect(self, document: Document, opening_blocks: int = 40) -> dict[str, Any] | None:
        """The template whose ``detect`` patterns all match the document's opening.

        The opening is the text of its first blocks (title, first headings);
        templates with a higher ``priority`` win ties. None when none matches.
        """
        opening = "\n".join(b.text for b in document.blocks[:opening_blocks] if isinstance(b, (Heading, Paragraph)))
        whole = "\n".join(b.text for b in document.blocks if isinstance(b, (Heading, Paragraph)))
        best: tuple[int, int, dict] | None = None
        for order, tpl in enumerate(self.templates()):
            patterns = tpl.get("detect", [])
            body = tpl.get("detect-body", [])
            if not patterns:
                continue
            if all(re.search(p, opening) for p in patterns) and all(re.search(p, whole) for p in body):
                key = (int(tpl.get("priority", 0)), -order, tpl)
                if best is None or key[:2] > best[:2]:
                    best = key
        return best[2] if best else None
