"""Hand memory freed after a bulk load back to the system, and hold the cyclic GC while a bulk load runs."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any


@cache
def _malloc_trim() -> Any:
    """glibc's malloc_trim, or None (another C library or system)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here, not at import: 15 ms

    try:
        return ctypes.CDLL(None).malloc_trim  # the process's own symbols, which include the C library's
    except (OSError, AttributeError):  # e.g. musl, which has no malloc_trim
        return None


def give_back() -> None:
    """Return the free pages of the C heap to the system (glibc's malloc_trim; nothing elsewhere).

    Parsing a big TOML file frees hundreds of MB in pieces scattered through the heap; glibc keeps them for
    later unless asked, so the process would look (and, under memory pressure, be) that much bigger.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@contextmanager
def gc_held() -> Iterator[None]:
    """Hold the cyclic GC while bulk work makes many objects and no cycles (parsing, validating, unpacking):
    its collections would only walk the new objects again and again. Back on after, if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
