"""Memo caches that live for one document check.

Rules and facts read the same texts again and again: every family
normalizes a paragraph, parses a cell's number, finds a sentence's amounts.
Those are pure functions of a string, so they are memoised, but only for
the document being checked: the engine empties every cache when a check
ends, and the readers when they start on a new file, so a cache never
thrashes inside a large report (a bounded LRU did, past a few thousand
distinct cells) and never holds one report's text while the next is read
or checked.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TypeVar

F = TypeVar("F", bound=Callable)

_CACHES: list = []


def per_document(fn: F) -> F:
    """Memoise ``fn`` (a pure function of hashable arguments) until :func:`forget`."""
    cached = cache(fn)
    _CACHES.append(cached)
    return cached  # type: ignore[return-value]


def forget() -> None:
    """Empty every per-document cache (called by the engine after each check)."""
    for cached in _CACHES:
        cached.cache_clear()
