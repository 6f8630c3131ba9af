"""Pausing Python's cyclic garbage collector while one report is read and checked.

A check allocates a great many small objects (pdfminer's layout objects,
blocks, cells, locations, parsed numbers) that live until the check ends and
are freed by reference counting, not by the collector; the collections they
trigger only scan them in vain. That costs about a tenth of reading a PDF
and of checking a large DOCX (measured in bench/). Cyclic garbage made
meanwhile is collected after the check, when the collector runs again.
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
