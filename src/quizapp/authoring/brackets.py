"""The source's own square brackets: a note's blank is written in square brackets, so the source's are not kept.

An editor's note wrapped whole in brackets ("[This yields STDOFF = -0:01:15 for London LMT in the 18th
century.]") drafted "[This yields ... in the [18th century].]", two kinds of bracket in one statement; an
editor's capital ("[N]o official designation ...") reads as a blank. The wrapper is dropped, an editor's letter
joins its word, and an editor's insertion ("From: Jonathan Leffler [British Summer Time] is fixed ...")
reads in round brackets."""

from __future__ import annotations

import re

__all__ = ["unbracket"]

_WRAPPED = re.compile(r"^\[([^\[\]]+?)([.!?]?)\]([.!?]?)$")
_LETTER = re.compile(r"\[([A-Za-z])\](?=[a-z])")
_INSERTION = re.compile(r"(?<![\w.])\[([^\[\]]{1,80})\]")


def unbracket(sentence: str) -> str:
    """`sentence` with no square brackets of its own: a wrapper dropped ("[This yields ... century.]" -> "This
    yields ... century."), an editor's letter joined ("[N]o" -> "No"), an insertion in round brackets."""
    if "[" not in sentence:
        return sentence
    m = _WRAPPED.match(sentence.strip())
    if m:
        sentence = m[1] + (m[2] or m[3])
    return _INSERTION.sub(r"(\1)", _LETTER.sub(r"\1", sentence))
