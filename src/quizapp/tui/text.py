"""Deck text is data: build Rich Text from it, never markup."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text

_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: object) -> str:
    """Strip ANSI escape sequences and control characters (newlines and tabs stay)."""
    return _CONTROL.sub("", str(value))


def plain(value: object, style: str = "") -> Text:
    """A Text that shows `value` literally: '[bold]' stays '[bold]'."""
    return Text(clean(value), style=style)


def short_title(title: str, width: int, short: bool = False) -> Text:
    """A deck title that fits `width` cells: the part after its colon when it is too long (or `short`: another
    title was), then cut at a word boundary with an ellipsis (never inside a word)."""
    title = plain(title).plain
    if len(title) <= width and not short:
        return plain(title)
    if ": " in title:  # "Pakistan–Russia: Defence": the part after the colon tells the decks apart
        rest = title.rsplit(": ", 1)[1]
        title = rest[:1].upper() + rest[1:]
    return fit_words(title, width)


def fit_words(text: str, width: int, style: str = "") -> Text:
    """`text` on one line in `width` cells: whole, or its first whole words and "…". A word is cut only when the
    first one alone does not fit."""
    flat = " ".join(clean(text).split())
    if cell_len(flat) <= width:
        return Text(flat, style=style)
    head = flat[: max(1, width - 1)]
    if flat[len(head)] != " " and " " in head:  # the cut falls inside a word: leave that word out
        head = head.rsplit(" ", 1)[0]
    out = Text(head.rstrip(" ,:;–-") + "…", style=style)
    out.truncate(width, overflow="ellipsis")  # wide characters: still no more than `width` cells
    return out


HEADER_CHROME = 18  # the header's icon (8 cells) and its clock's space (10) beside the title


def header_sub(title: str, sub: str, width: int, prefix: str = "") -> str:
    """The header's subtitle `prefix` + `sub` (shown as "title — subtitle") for a terminal `width` wide: `sub` is
    shortened as deck titles are (the part after a colon, cut between words) rather than cut by the header."""
    sub = clean(sub)
    room = width - HEADER_CHROME - len(title) - 3 - len(prefix)
    return prefix + (sub if len(sub) <= room else short_title(sub, max(room, 4), short=True).plain)
