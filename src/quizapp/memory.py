"""Hand memory freed after a bulk load back to the system."""

from __future__ import annotations

import sys
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
