"""Result cache keyed by file content, configuration and the code that checks it.

As ruff does, but keyed on a SHA-256 of the content rather than mtime (CI
checkouts reset mtimes): a second run over unchanged reports reads the
findings back instead of parsing DOCX and PDF again. The key also covers the
display path, the resolved configuration, every plugin's name and version,
and a fingerprint of fiscalint's own source and rule packs, so editing a rule
during development never serves stale results.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from fiscalint import __version__
from fiscalint.model import Finding, Location, Related

CACHE_VERSION = "1"
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by fiscalint.\n"


def _code_fingerprint(extra_files: list[Path]) -> str:
    """Size and mtime of fiscalint's sources and the loaded packs: cheap, and
    changes whenever a rule or a pack is edited."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted([*here.rglob("*.py"), *extra_files]):
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


class Cache:
    def __init__(self, folder: Path, run_key: str) -> None:
        self.folder = folder / f"v{CACHE_VERSION}-{__version__}"
        self.run_key = run_key

    @classmethod
    def for_run(cls, run) -> Cache:
        plugins = sorted((p.name, p.version) for p in run.registry.plugins.values())
        key = "|".join(
            [
                run.config.key(),
                repr(plugins),
                repr(sorted(run.enabled)),
                _code_fingerprint(list(run.pack_paths or run.registry.packs)),
            ]
        )
        folder = Path(run.config.cache_dir)
        if not folder.is_absolute():
            folder = Path(run.config.root or ".") / folder if run.config.source else Path.cwd() / folder
        return cls(folder, hashlib.sha256(key.encode()).hexdigest())

    def key(self, path: Path, display: str) -> str | None:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None  # unreadable files are never cached
        return hashlib.sha256(f"{self.run_key}|{display}|{digest}".encode()).hexdigest()

    def key_many(self, paths: list[Path], display: str) -> str | None:
        """The key of a report made of several files (or one)."""
        parts = []
        for p in paths:
            k = self.key(p, display_of(p))
            if k is None:
                return None
            parts.append(k)
        return hashlib.sha256(f"{display}|{'|'.join(parts)}".encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str):
        from fiscalint.engine import FileResult

        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        try:
            return FileResult(
                path=data["path"],
                findings=[_finding(f) for f in data["findings"]],
                unreadable=data["unreadable"],
                profile=data.get("profile", ""),
                info=data.get("info", []),
            )
        except (KeyError, TypeError):
            return None

    def put(self, key: str, result) -> None:
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tag = self.folder.parent / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(TAG, encoding="utf-8")
            payload = {
                "path": result.path,
                "findings": [asdict(f) for f in result.findings],
                "unreadable": result.unreadable,
                "profile": result.profile,
                "info": result.info,
            }
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            try:
                tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
                os.replace(tmp, target)
            finally:
                tmp.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only checkout still gets its results, just uncached


def display_of(path: Path) -> str:
    from fiscalint.engine import display_path

    return display_path(path)


def _finding(d: dict) -> Finding:
    loc = Location(**d["location"])
    related = [Related(Location(**r["location"]), r.get("message", ""), r.get("message_en", "")) for r in d["related"]]
    return Finding(
        code=d["code"],
        level=d["level"],
        message=d["message"],
        location=loc,
        message_en=d.get("message_en", ""),
        name=d.get("name", ""),
        section=tuple(d.get("section", ())),
        related=related,
        plugin=d.get("plugin", ""),
        suppressed=d.get("suppressed", ""),
    )
