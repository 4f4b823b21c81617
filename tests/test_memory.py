"""memory.give_back: glibc's malloc_trim where there is one, nothing elsewhere."""

from __future__ import annotations

import sys

from quizapp import memory


def test_gives_back_on_glibc_and_does_nothing_elsewhere(monkeypatch) -> None:
    memory._malloc_trim.cache_clear()
    try:
        memory.give_back()  # never raises
        if sys.platform.startswith("linux"):
            import platform

            if platform.libc_ver()[0] == "glibc":
                assert memory._malloc_trim() is not None
        memory._malloc_trim.cache_clear()
        monkeypatch.setattr(sys, "platform", "win32")
        assert memory._malloc_trim() is None
        memory.give_back()
    finally:
        memory._malloc_trim.cache_clear()
