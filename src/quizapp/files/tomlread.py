"""Read TOML fast: rtoml when installed (about 10x faster), tomllib otherwise and for every error message."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from functools import cache
from types import ModuleType
from typing import Any

from quizapp.errors import QuizappError

_rtoml: ModuleType | None
try:
    import rtoml as _rtoml
except ImportError:  # pragma: no cover - rtoml is a dependency, but the app works without it
    _rtoml = None


def loads(text: str) -> dict:
    """Parse `text`; invalid TOML raises tomllib.TOMLDecodeError, so callers handle one error type."""
    if _rtoml is not None:
        try:
            return _rtoml.loads(text)
        except Exception:  # rtoml's complaint; tomllib re-parses to give the standard error and position
            pass
    return tomllib.loads(text)


def pieces(text: str, header: str, size: int = 1 << 20) -> Iterator[dict] | None:
    """`text` parsed a piece of about `size` characters at a time, so that a big file's parsed TOML never lives
    whole: the part before the first line starting with `header` (e.g. "[[notes]]\n", "[cards."), then pieces
    cut before the first such line `size` characters or more after the last cut. None for a text under
    2 * `size` or without such a line (parse it whole).

    A piece is valid TOML on its own unless a cut falls inside a multi-line string, and then the piece before the
    cut ends inside that string and fails to parse. The pieces together mean what the file means only if no table
    is defined in two of them: the caller checks what each piece holds and, on any error (raised as it comes,
    whatever rtoml or tomllib raise), parses the file whole to report it."""
    if len(text) < 2 * size:
        return None
    line = "\n" + header
    first = text.find(line)
    if first < 0:
        return None
    cuts = [0, first + 1]  # the part before the first such line is a piece of its own
    while (at := text.find(line, cuts[-1] + size)) >= 0:  # str.find runs in C: 100,000 notes in a few ms
        cuts.append(at + 1)
    cuts.append(len(text))
    parse = _rtoml.loads if _rtoml is not None else tomllib.loads
    return (parse(text[begin:end]) for begin, end in zip(cuts, cuts[1:], strict=False))


class Uncut(QuizappError):  # noqa: N818 - not an error: the text is read whole instead
    """A chunk of the text holds more than tables of the array it was cut at: read the text whole."""


@cache
def _header_end() -> Callable[[str, int], re.Match[str] | None]:
    """What may follow `[[key]]` on a header line where a text is cut: spaces or tabs, a comment, the line's end."""
    return re.compile(r"[ \t]*(?:#[^\r\n]*)?\r?\n").match


def array_chunks(text: str, key: str, size: int) -> Iterator[Any] | None:
    """`text`, a document that ends with the array of tables `key` (`[[key]]` ... `[[key]]` ...), parsed a chunk
    of about `size` characters at a time (cut at array_cuts): first the part before the first cut (a table without
    `key`), then each chunk's list of tables. None for a text under 2 * `size` characters or without a cut: parse
    it whole. Big documents parse faster in chunks (rtoml's cost grows faster than the text: 10,000 notes 0.11 s
    whole, 0.065 s in 16 KB chunks, which also touch less fresh memory), and their parsed TOML never lives whole.

    The chunks mean what the text means, or the iteration raises: Uncut when the head holds `key` or a chunk holds
    anything but tables of `key` (a table defined after the array, `[deck]` again...), whatever rtoml or tomllib
    raise for a chunk that is not TOML on its own. Why that is enough: each cut is at a `[[key]]` header line, in
    the text as read from the top unless a multi-line string or array spans it (TOML has no other construct that
    spans lines), and then the chunk before the cut ends inside that string or array and does not parse. A chunk
    that begins at a header line is read as the text reads it from there, and refers only to the tables it starts:
    together with a head without `key`, they define each key once, as the whole text must. Callers read the text
    whole on any exception, so that every message, position and meaning is the whole text's."""
    if len(text) < 2 * size:
        return None
    cuts = array_cuts(text, key, size)
    return _chunks(text, key, [0, *cuts, len(text)]) if cuts else None


def array_cuts(text: str, key: str, size: int) -> list[int]:
    """Where array_chunks cuts `text`: at the start of the first line that is `[[key]]` alone (spaces or tabs and a
    comment may follow it), then at the first such line `size` characters or more after the last cut."""
    header = f"\n[[{key}]]"
    fits = _header_end()
    cuts = []
    at = text.find(header)  # str.find runs in C: a few ms for 100,000 notes
    while at >= 0:
        if fits(text, at + len(header)):
            cuts.append(at + 1)
            at = text.find(header, at + 1 + size)
        else:  # `[[notes]] x`, `[[notes]]]`: not a cut (the chunk holding it says what it is)
            at = text.find(header, at + 1)
    return cuts


def _chunks(text: str, key: str, cuts: list[int]) -> Iterator[Any]:
    parse = _rtoml.loads if _rtoml is not None else tomllib.loads
    head = parse(text[: cuts[1]])
    if key in head:
        raise Uncut(key)
    yield head
    for begin, end in zip(cuts[1:], cuts[2:], strict=False):
        part = parse(text[begin:end])
        tables = part.get(key)
        if len(part) != 1 or type(tables) is not list:
            raise Uncut(key)
        yield tables
