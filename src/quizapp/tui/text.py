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


def short_title(title: str, width: int, short: bool = False) -> Text:
    """A deck title that fits `width` cells: the part after its colon when it is too long (or `short`: another
    title was), then cut at a word boundary with an ellipsis (never inside a word)."""
    title = plain(title).plain
    if len(title) <= width and not short:
        return plain(title)
    if ": " in title:  # "Pakistan–Russia: Defence": the part after the colon tells the decks apart
        rest = title.rsplit(": ", 1)[1]
        title = rest[:1].upper() + rest[1:]
        if len(title) <= width:
            return plain(title)
    cut = title[: max(1, width - 1)].rsplit(" ", 1)[0].rstrip(" ,:;–-")
    return plain(cut + "…")
