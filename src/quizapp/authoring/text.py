"""Small text helpers shared by the authoring tools: slugs, trimming, HTML to plain text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_SLUG_BAD = re.compile(r"[^a-z0-9._-]+")
_WS = re.compile(r"\s+")
_BLOCK_TAGS = {"br", "div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"}
_SOUND = re.compile(r"\[sound:[^\]]*\]")


def slugify(text: str, fallback: str = "deck") -> str:
    """A valid deck/source/tag id made from `text`: lower case, [a-z0-9._-], at most 80 characters."""
    slug = _SLUG_BAD.sub("-", text.casefold()).strip("-._")
    slug = re.sub(r"-{2,}", "-", slug)[:80].strip("-._")
    return slug or fallback


def collapse_ws(text: str) -> str:
    """Runs of whitespace become one space; ends are stripped."""
    return _WS.sub(" ", text).strip()


def trim_at_word(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at a word boundary when there is one."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else text[:limit]).rstrip()


QUOTE_MAX_WORDS = 25  # a note's quote is a short verbatim excerpt; the deck content checks use the same rule


def quote_window(sentence: str, start: int, end: int, limit: int = QUOTE_MAX_WORDS) -> str:
    """A verbatim slice of `sentence` of at most `limit` words, cut at word boundaries, that keeps the span
    [start, end) when it can (a little context before it, the rest after)."""
    words = list(re.finditer(r"\S+", sentence))
    if len(words) <= limit:
        return sentence
    first = next((i for i, w in enumerate(words) if w.end() > start), 0)
    last = next((i for i, w in enumerate(words) if w.end() >= end), first)
    lo = max(0, min(first - max(0, limit - (last - first + 1)) // 3, len(words) - limit))
    hi = min(len(words), lo + limit)
    return sentence[words[lo].start() : words[hi - 1].end()]


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML field: tags and [sound:] refs dropped, entities decoded, blank lines folded."""
    parser = _Stripper()
    parser.feed(_SOUND.sub("", markup))
    parser.close()
    lines = (collapse_ws(line) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def text_to_html(text: str) -> str:
    """An HTML field that shows `text` as it is: special characters escaped, newlines as <br>."""
    return html.escape(text, quote=False).replace("\n", "<br>")
