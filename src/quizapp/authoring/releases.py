"""Name what an opening "This release ..." or "This new installer ..." points at, from the sentences before it,
and the version numbers a document names ("Python 3.0"), which are never counts elsewhere in it."""

from __future__ import annotations

import re

from quizapp.authoring.facts import MONTHS

_RELEASE_NOUN = re.compile(
    r"^(?:(?:With|Under|After|During|By)\b[^;:]{1,120}?, (?=this|the))?"
    r"(?P<noun>(?:[Tt]his|That|[Tt]he) (?:new )?(?:release|version|edition|update|distribution)\b"
    r"|(?:This|It)(?= (?:was|is) (?:also )?(?:the|a|an) (?:[\w-]+ ){0,3}(?:release|version|edition)\b))"
)  # "This release ...", "With Ian Jackson as Project Leader, this release ...", "This was the last release ..."
_VERSIONED = re.compile(
    r"(?<![\w.])([A-Z][\w+'’-]*(?: [A-Z][\w+'’-]*)?) v?(\d+\.\d+(?:\.\d+)*(?:[A-Za-z]\w*)?)(?![\w.]*\d)"
)  # "Debian 1.3", "Python 2.0", "Debian 0.93R6", not "Chapter 3.1" or a decimal amount


_NOT_NAMES = {*MONTHS, "chapter", "section", "article", "part", "figure", "fig", "table", "page", "appendix", "see"}


def document_versions(sentences: list[str]) -> set[str]:
    """The version numbers a document gives after a name ("3.0" of "Python 3.0", "0.91" of "Debian 0.91"): the
    same number alone elsewhere ("the changes in 3.0", "0.91 was the last release") is that version, not a count."""
    return {
        m[2]
        for s in sentences
        for m in _VERSIONED.finditer(s)
        if not {*m[1].casefold().split()} & _NOT_NAMES and re.fullmatch(r"\d+\.\d+", m[2])
    }


def release_named(sentence: str, previous: list[str], heading: str | None) -> str | None:
    """`sentence` with an opening "This release ..."/"This version ..."/"The release ..." named after the nearest
    earlier sentence (or else the heading) that names a versioned thing ("Debian 1.3 Bo (June 5th, 1997): ...
    This release consisted of ..." -> "Debian 1.3 consisted of ..."), or None when it has no such opening or none
    of them names one (the pronoun rules then decide)."""
    opening = _RELEASE_NOUN.match(sentence)
    if opening is None:
        return None
    for before in [*previous[::-1], heading or ""]:
        found = next((m for m in _VERSIONED.finditer(before) if not {*m[1].casefold().split()} & _NOT_NAMES), None)
        if found:
            return sentence[: opening.start("noun")] + f"{found[1]} {found[2]}" + sentence[opening.end() :]
    return None


_THIS_NOUN = re.compile(r"(This|These) ((?:new |same )?([a-z]{4,}))\b(?! (?:of|that|which)\b)")
_VERBS = {"means", "made", "makes", "became", "becomes", "gave", "gives", "allowed", "allows", "would", "could"}


def named_noun(sentence: str, previous: list[str]) -> str:
    """`sentence` with an opening "This new installer ..." as "The new installer ..." when one of the two
    sentences before names that thing as a noun ("... featuring in this release a graphical installer"), so that
    a note reads alone."""
    m = _THIS_NOUN.match(sentence)
    if not m or not previous or m[3] in _VERBS:
        return sentence
    noun = rf"\b(?:a|an|the|its|their|his|her|new)\s+(?:[\w-]+\s+){{0,2}}{re.escape(m[3])}\b"
    return "The " + sentence[m.start(2) :] if any(re.search(noun, p, re.I) for p in previous[-2:]) else sentence
