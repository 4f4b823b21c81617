"""Capitalised multi-word names (people, places, organisations) in a sentence."""

from __future__ import annotations

import re

_UP, _LETTER = "A-ZÀ-ÖØ-Þ", "a-zA-ZÀ-ÖØ-öø-ÿ"  # accented capitals too: "Émile Roux", "Ørsted"
_CAP = re.compile(rf"[{_UP}][{_LETTER}]*(?:[-–][{_UP}][{_LETTER}]*)*|[{_UP}]\.|[{_UP}]{{2,}}")
_CONNECT = {"of", "de", "da", "del", "al", "bin", "von", "van", "der", "la", "&"}
_OPEN = "(\"“‘'["
_CLOSE = ")\"”’'],.;:!?"
_LEADING = {
    "a", "an", "the", "in", "on", "at", "by", "for", "from", "to", "of", "with", "as", "and", "but", "or", "yet",
    "both", "since", "after", "before", "when", "while", "during", "under", "over", "this", "that", "these",
    "those", "today", "our", "their", "his", "her", "its", "we", "it", "they", "he", "she", "however", "prior",
    "soon", "another", "additionally", "meanwhile", "although", "though", "if", "then", "there", "here", "all",
    "most", "many", "some", "each", "every", "against", "according", "following", "between", "among", "last",
    "next", "later", "earlier", "also", "only", "almost", "more", "less", "several", "such", "what", "why", "how",
    "president", "prime", "minister", "ambassador", "general", "colonel", "king", "queen", "prince", "mr", "mrs",
    "ms", "dr", "sir", "foreign", "deputy", "chief", "secretary", "senator",
    "first", "former", "late", "new",
}  # fmt: skip
_TRAILING = {"in", "on", "at", "the", "a", "an", "to", "by", "as", "for", "with", "from"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}  # fmt: skip


def _tokens(sentence: str) -> list[tuple[str, int, int, bool, bool]]:
    """(core word, start, end, opens a group, closes a group) for each whitespace-separated token."""
    out = []
    for m in re.finditer(r"\S+", sentence):
        tok = m[0]
        lead = len(tok) - len(tok.lstrip(_OPEN))
        core = tok[lead:].rstrip(_CLOSE)
        if core.endswith("."):
            core = core if re.fullmatch(r"[A-Z]\.", core) else core.rstrip(".")
        out.append((core, m.start() + lead, m.start() + lead + len(core), lead > 0, len(core) + lead < len(tok)))
    return out


def _is_cap(word: str) -> bool:
    return bool(_CAP.fullmatch(word)) and word.casefold() not in _MONTHS


def find_names(sentence: str) -> list[tuple[str, int, int]]:
    """(name, start, end) for each run of two or more capitalised words, titles and leading function words
    dropped; 'of', 'de', '&' and the like may join capitalised words."""
    runs: list[list[tuple[str, int, int]]] = []
    run: list[tuple[str, int, int]] = []
    for core, start, end, opens, closes in _tokens(sentence):
        if opens or not core or re.search(r"['’]s$", core):
            runs.append(run)
            run = []
        if _is_cap(core) or (run and core in _CONNECT):
            run.append((core, start, end))
        else:
            runs.append(run)
            run = []
        if closes:
            runs.append(run)
            run = []
    runs.append(run)
    names = []
    for r in runs:
        while r and (r[0][0].casefold() in _LEADING or r[0][0] in _CONNECT or r[0][1] == 0 and r[0][0].endswith("ly")):
            r = r[1:]
        while r and (r[-1][0] in _CONNECT or r[-1][0].casefold() in _TRAILING):
            r = r[:-1]
        if len([w for w in r if w[0] not in _CONNECT]) >= 2 and len(r) <= 8:
            names.append((sentence[r[0][1] : r[-1][2]], r[0][1], r[-1][2]))
    return names
