"""Pausing Python's cyclic garbage collector where a check only accumulates objects.

Reading a report and running the rules allocate a great many small objects
(pdfminer's layout objects, blocks, cells, locations, parsed numbers, facts)
that live until the check ends and are freed by reference counting, not by
the collector; the collections they trigger only scan them in vain. That
costs about a tenth of reading a PDF and of checking a large DOCX (measured
in bench/). It is paused around the readers' page and body loops and around
the rules (``engine.check_document``), not across a whole file: pdfplumber's
page objects do leave cycles, and collecting them between the reading and
the rules keeps a 300-page PDF's peak memory down (74 MB rather than 78).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside; a collector the caller had turned off stays off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
