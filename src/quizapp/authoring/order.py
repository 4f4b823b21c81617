"""The order a sentence itself puts its dates in, so a date's wrong options never contradict it.

"From October 1813 to April 1815" ends after its start; "in 1890, two years after ... 1888" comes after 1888;
"continued until [1914]" ends after the dates before it; "where he died on the 25th of August 1867" is later
than every other dated event of the sentence, a birth earlier, and a date before a death or an end ("began in
[1974] and was finished in 1982") earlier than it.
A wrong option that breaks such an order is ruled out by the sentence itself, so it teaches nothing.
"""

from __future__ import annotations

import re

from quizapp.authoring.facts import Fact, find_facts

_RANGE_JOIN = re.compile(r"^\s*(?:to|until|till|through|and|[–—-])\s*(?:the\s+)?$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.I)
_AFTER = re.compile(r"\b(?:after|following|since)\b", re.I)
_BEFORE = re.compile(r"\b(?:before|until|till|prior to)\b", re.I)
_CLAUSE = re.compile(r"\band\b|\bbut\b|;")
_DEATH = re.compile(r"\b(?:died|dies|death|killed|executed)\b[^;,]{0,30}$", re.I)
_END = re.compile(r"\b(?:until|till|through)\s+(?:(?:early|late|mid)[\s-]+)?$", re.I)
_STARTED = re.compile(r"\b(?:began|begun|started|commenced)\b[^;,]{0,30}$", re.I)
_ENDED = re.compile(r"\b(?:finished|completed|ended|closed)\b[^;,]{0,30}$", re.I)
_BIRTH = re.compile(r"\b(?:born|birth)\b[^;,]{0,30}$", re.I)
_CAUSE = re.compile(r"\b(?:led (?:\w+ ){0,3}to|caused|forced|prompted|resulted in|brought about)\b(?! by)", re.I)
_BUT_SINCE = re.compile(r"\bbut\b[^;]*\bsince\s+(?:the\s+)?$", re.I)  # "By [1957] ..., but since the 1960s"
_AGED = re.compile(r"\b(?:aged|at the age of)\s+(?:\d+|[a-z]+(?:-[a-z]+)?)\b", re.I)
_HAD_SINCE = re.compile(r"\bhad\b[^,;]{0,60}\bsince\s+(?:the\s+)?$", re.I)  # "..., which had carried mail since"
_FOUNDED = re.compile(r"\b(?:founded|established|formed|created|set up)\b[^;,]{0,30}$", re.I)
_DECADE = re.compile(r"(?<![\w$])(1\d\d0|20\d0)s\b")
ERAS = {
    "first world war": (1914, 1918), "world war i": (1914, 1918), "great war": (1914, 1918),
    "second world war": (1939, 1945), "world war ii": (1939, 1945), "american civil war": (1861, 1865),
    "napoleonic wars": (1803, 1815), "great depression": (1929, 1939), "korean war": (1950, 1953),
    "crimean war": (1853, 1856), "franco-prussian war": (1870, 1871), "vietnam war": (1955, 1975),
}  # fmt: skip
_ERA = re.compile(r"\b(?:during|in|throughout|after|before)\s+the\s+(" + "|".join(ERAS) + r")\b", re.I)


def era_bounds(fact: Fact, sentence: str) -> tuple[int | None, int | None]:
    """The years a named period of the sentence puts `fact` in ("[18 March 1944], during the Second World War":
    1939-1945), as bounds just outside it; only when the answer itself lies in that period."""
    if not fact.iso:
        return None, None
    year = int(fact.iso[:4])
    for m in _ERA.finditer(sentence):
        start, end = ERAS[m[1].casefold()]
        if start <= year <= end and m[0].split()[0].casefold() in ("during", "in", "throughout"):
            return start - 1, end + 1
    return None, None


_BACKWARD = re.compile(r"\b(?:had|earlier|before|since|who|which|whose|when|while|respectively)\b", re.I)


def _next_clause(segment: str) -> bool:
    """Whether `segment` (the words between two dates) goes on to the next event of a story ("left Plymouth on [A]
    ... and reached Tahiti in B", "found in [1906] ...; sold from 1909"): a new clause with nothing that turns
    back in time ("which had carried mail since ...", "before", a list's "respectively") after its last break (a
    "which" clause before it is not: "collected the gas, which he called ...; he published his results in 1775")."""
    breaks = list(_CLAUSE.finditer(segment))
    return bool(breaks) and not _BACKWARD.search(segment[breaks[-1].start() :])  # "which he called ...; he published"


def _lead(segment: str, rx: re.Pattern[str]) -> bool:
    """Whether `segment` (the words between two dates) holds a word of `rx` before any new clause begins."""
    m = rx.search(segment)
    return m is not None and not _CLAUSE.search(segment[: m.start()])


def year_bounds(fact: Fact, sentence: str) -> tuple[int | None, int | None]:
    """(lowest, highest) year a wrong option for the date or year `fact` may not reach: options must lie strictly
    between them. Either is None when the sentence sets no such bound."""
    if fact.kind not in ("date", "year") or not fact.iso or fact.unit:
        return None, None
    lows: list[int] = []
    highs: list[int] = []
    before_fact = sentence[: fact.start]
    others = [f for f in find_facts(sentence) if f.kind in ("date", "year") and f.iso and not f.unit and f != fact]
    for other in others:
        year = int(other.iso[:4])  # type: ignore[index]
        if other.start >= fact.end:
            between = sentence[fact.end : other.start]
            if _RANGE_JOIN.match(between) or _lead(between, _BEFORE) or _CAUSE.search(between):
                highs.append(year)
            elif _lead(between, _AFTER):
                lows.append(year)
            elif _next_clause(between):
                highs.append(year)  # a story's next event comes later
        else:
            between = sentence[other.end : fact.start]
            if _RANGE_JOIN.match(between) and _RANGE_OPEN.search(sentence[: other.start]) or _CAUSE.search(between):
                lows.append(year)  # "from 1813 to [1815]"; "the 1906 eruption led Italy to give up the games in [1908]"
            elif _lead(between, _AFTER):  # "In 1858, after he had died in [1855]": the answer is the earlier
                highs.append(year)
            elif _lead(between, _BEFORE) or _next_clause(between):
                lows.append(year)
    for other in others:  # "began in [1974] and was finished in 1982"; "... in [June 1869], and he died in 1869"
        year, before_other = int(other.iso[:4]), sentence[: other.start]  # type: ignore[index]
        if other.start >= fact.end and (_DEATH.search(before_other) or _ENDED.search(before_other)):
            if not (_DEATH.search(before_fact) or _ENDED.search(before_fact)):
                highs.append(year)
        elif other.end <= fact.start and _STARTED.search(before_other) and _ENDED.search(before_fact):
            lows.append(year)
        if other.start >= fact.end and _STARTED.search(before_fact) and _ENDED.search(before_other):
            highs.append(year)
    for other in others:  # "founded in [1851] and took that name in 1856"; "[1861], and X, which had ... since 1860"
        if (
            other.start >= fact.end
            and _FOUNDED.search(before_fact)
            and _CLAUSE.search(sentence[fact.end : other.start])
        ):
            highs.append(int(other.iso[:4]))  # type: ignore[index]
        if other.start >= fact.end and _HAD_SINCE.search(sentence[: other.start]):
            lows.append(int(other.iso[:4]))  # type: ignore[index]
    for decade in _DECADE.finditer(sentence, fact.end):  # "By [1957] ..., but since the 1960s ...": before it
        if _BUT_SINCE.search(sentence[fact.end : decade.start()]):
            highs.append(int(decade[1]))
    era = era_bounds(fact, sentence)
    lows += [era[0]] if era[0] is not None else []
    highs += [era[1]] if era[1] is not None else []
    years = [int(f.iso[:4]) for f in others]  # type: ignore[index]
    earlier = [int(f.iso[:4]) for f in others if f.end <= fact.start]  # type: ignore[index]
    if earlier and _END.search(before_fact):  # "... in 1882, but ... continued until [1914]": the end comes later
        lows.append(max(earlier))
    if _AGED.search(sentence) and (_BIRTH.search(before_fact) or _DEATH.search(before_fact)) and others:
        return int(fact.iso[:4]) - 1, int(
            fact.iso[:4]
        ) + 1  # "born on [X] ..., died on Y, aged fifteen": the age fixes the year
    told_before = [  # a death comes after the sentence's other events, not after the next event of its story
        int(f.iso[:4])  # type: ignore[index]
        for f in others
        if f.end <= fact.start or not _next_clause(sentence[fact.end : f.start])
    ]
    if told_before and _DEATH.search(before_fact):
        lows.append(max(told_before))
    elif years and _BIRTH.search(before_fact):
        highs.append(min(years))
    return (max(lows) if lows else None), (min(highs) if highs else None)
