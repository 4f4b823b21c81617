"""Deck text is data: build Rich Text from it, never markup."""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: object) -> str:
    """Strip ANSI escape sequences and control characters (newlines and tabs stay)."""
    return _CONTROL.sub("", str(value))


def plain(value: object, style: str = "") -> Text:
    """A Text that shows `value` literally: '[bold]' stays '[bold]'."""
    return Text(clean(value), style=style)


def counted(n: int, word: str, plural: str = "") -> str:
    """'1 review', '3 reviews', '0 cards': never 'review(s)'."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"
