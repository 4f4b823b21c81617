"""A big countdown of whole seconds (Textual Digits) that turns amber, then red, as time runs out."""

from __future__ import annotations

import math

from textual.widgets import Digits


class Countdown(Digits):
    """Shows the seconds left; `show(None)` hides it when there is no time limit."""

    DEFAULT_CSS = """
    Countdown {
        width: 100%;
        text-align: center;
        color: $text;
        text-style: bold;
    }
    Countdown.-low { color: $warning; }
    Countdown.-over { color: $error; }
    Countdown.-paused { color: $text-muted; }
    """

    def show(self, remaining: float | None, paused: bool = False) -> None:
        self.display = remaining is not None
        if remaining is None:
            return
        whole = max(0, math.ceil(remaining))
        if self.value != f"{whole:d}":
            self.update(f"{whole:d}")
        self.set_class(0 < whole <= 5, "-low")
        self.set_class(whole == 0, "-over")
        self.set_class(paused, "-paused")
