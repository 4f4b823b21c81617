"""Which facts of a sentence a note may ask beyond its key fact, and which it may not: an item of a list, a count
its sentence names one by one, a span its own dates give away, a number said twice or inside a name or title."""

from __future__ import annotations

import re

from quizapp.authoring.facts import Fact
from quizapp.authoring.wordnum import value

_BRACKETED = re.compile(r"(?:\s[\w-]+){0,2}\s?\([^()]*,[^()]*\)")  # "three sections (exposition, development, ...)"
_ITEM = r"(?:(?:the|a|an)\s)?[\w.()'’-]+"  # "two varieties, the oval and the quadrangular"
_NAMED_AFTER = re.compile(rf"(?:\s[\w-]+){{1,4}}[,:]\s((?:{_ITEM},\s)*{_ITEM},?\s(?:and|or)\s{_ITEM})(?:,|\.?$)")


def listed(sentence: str, fact: Fact) -> bool:
    """A count whose items the sentence lists after it: in brackets ("three sections (exposition, development,
    ...)"), or as many one-word items as it counts after a comma or colon ("Two more architectures were added,
    Alpha and SPARC.", "Two benchmark scripts, iobench and ccbench, were added ...")."""
    if fact.kind not in ("number", "quantity"):
        return False
    if _BRACKETED.match(sentence, fact.end):
        return True
    named = _NAMED_AFTER.match(sentence, fact.end)
    if named is None:
        return False
    n = int(fact.text) if fact.text.isdigit() else value(fact.text)
    return n == len(re.split(r",\s(?:and\s|or\s)?|\s(?:and|or)\s", named[1]))


def without_given_year(sentence: str, fact: Fact, facts: list[Fact]) -> Fact:
    """A full date whose year the sentence also gives as a year of its own ("In 1978 ... died on 11 September
    1978") as its day and month only, so the blank does not repeat what the question shows; any other fact (and a
    date whose year is only inside another date or a name, "Friendship-2016") as it is."""
    year = re.search(r"[\s,]+(\d{4})$", fact.text) if fact.kind == "date" and len(fact.iso or "") == 10 else None
    if year is None or not any(f.kind == "year" and f.text == year[1] and f != fact for f in facts):
        return fact  # a month and year ("August 1971") stays whole: a month alone is hardly a fact
    text = fact.text[: year.start()]
    return Fact("date", text, fact.start, fact.start + len(text), fact.iso)


_NUMBERED = (
    "date", "year", "money", "percent", "quantity", "number", "century", "decade", "time", "ratio", "fraction", "month",
    "ordinal",
)  # fmt: skip
_LIST_WORDS = {"and", "or", "nor", "to"}


def _apart(sentence: str, a: Fact, b: Fact) -> bool:
    """Whether facts `a` and `b` are said apart, not as items of one list ("1690, 1694, and 1700"): the words
    between them hold a word other than "and"/"or" ("four companions and 52 dogs", "on 8 May 1978, and on ...")."""
    gap = sentence[min(a.end, b.end) : max(a.start, b.start)]
    words = [w.casefold() for w in re.findall(r"[^\W\d]+", gap)]
    return any(w not in _LIST_WORDS for w in words) or bool(re.search(r"[()]", gap))  # "June 1996 (474 ...)"


_SPANS = {"years", "year", "summers", "winters", "seasons"}


def _gives_away(fact: Fact, facts: list[Fact]) -> bool:
    """Whether the other facts of the sentence give `fact` away: a span of years beside its start and end
    ("reigned for [48 years], from 1572 to 1620", "From 1763 to 1767 Cook spent [five] summers ...")."""
    if fact.kind not in ("quantity", "number") or (fact.unit or "").casefold() not in _SPANS:
        return False
    dated = [f for f in facts if f.kind in ("date", "year") and f.iso and f != fact]
    return len(dated) >= 2 or any(
        (f.kind == "year" and not f.text.isdigit() and not f.unit) or re.search(r"\d{4}\D+\d{4}", f.text) for f in dated
    )  # a range of years, or of months ("for one year (November 1994 to November 1995)")


def said_once(sentence: str, text: str) -> bool:
    """Whether `text` stands once in `sentence` as a whole ("2" in "2250 packages and 2 CDs" does; "2" of "2 CDs
    and 2 DVDs" does not): a second copy would give the answer away."""
    lead = r"(?<![\w.,:])" if text[:1].isalnum() else ""
    tail = r"(?!\w|[.,:]\d)" if text[-1:].isalnum() else ""
    return len(re.findall(lead + re.escape(text) + tail, sentence)) == 1


def _parallel(sentence: str, same: list[Fact]) -> bool:
    """Whether three or more facts of one kind are a list's items: four or more are; three when each follows the
    same word or goes before the same word ("10% in the 1960s, 5% in the 1970s, and 4% in the 1980s"), not "more
    than 3900 binary packages derived from over 2600 source packages maintained by more than 450 developers"."""
    if len(same) < 3:
        return False
    if len(same) >= 4:
        return True  # "7% in 2006, 3% in 2012, 13% in 2008, 14% in 2010, and 8% in 2013": a series
    after = {(re.findall(r"\w+", sentence[f.end :])[:1] or [""])[0].casefold() for f in same}
    before = {(re.findall(r"\w+", sentence[: f.start])[-1:] or [""])[0].casefold() for f in same}
    return len(after) == 1 or len(before) == 1


def more_facts(sentence: str, fact: Fact, facts: list[Fact]) -> list[Fact]:
    """The dated and numbered facts of `sentence` beyond its key `fact`, each for a note of its own ("In 1823 he
    liquefied chlorine, and in 1825 he discovered benzene"; "set out on [19 October 1911] with [four] companions
    and [52] dogs"), in the order the sentence gives them; the other facts stay in each note as context. Not
    asked: an item of a list ("1690, 1694, and 1700 respectively"), a fact the others give away (a span of years
    beside its start and end), one said twice, part of a name ("Apollo 11") or of a bracketed list."""
    if fact.kind not in _NUMBERED or re.search(r"\brespectively\b", sentence):
        return []
    chosen = [fact]
    for other in sorted(facts, key=lambda f: f.start):
        if other.kind not in _NUMBERED or other in chosen or not said_once(sentence, other.text):
            continue
        if other.kind in ("date", "year") and not other.iso:
            continue  # a year before our era: asked only as the key fact
        if inside_name(sentence, other) or listed(sentence, other) or in_code(sentence, other):
            continue
        if in_number_list(sentence, other):
            continue
        if _gives_away(other, facts) or not all(_apart(sentence, c, other) for c in chosen):
            continue
        if other.kind not in ("date", "year") and _parallel(sentence, [f for f in facts if f.kind == other.kind]):
            continue  # "averaging 10% in the 1960s, 5% in the 1970s, and 4% in the 1980s": a list's items
        if other.text.isalpha() and re.search(r"\b(?:between|among|the|both)\s+$", sentence[: other.start], re.I):
            continue  # "exchanges between two countries": the count says nothing the sentence does not
        if sentence[: other.start].count('"') % 2 or re.search(r"[“‘][^”’]*$", sentence[: other.start]):
            continue  # inside a title in quotation marks ("Sonatas or Trios for two Hoboys")
        chosen.append(other)
    return [without_given_year(sentence, f, facts) for f in chosen[1:]]


def half_given(fact: Fact, facts: list[Fact]) -> bool:
    """A name another name of the sentence half gives ("[Marc Isambard Brunel] and his son Isambard Kingdom
    Brunel"): they share a word."""
    words = {w for w in fact.text.split() if len(w) > 2}
    return any(f.kind == "name" and f != fact and words & set(f.text.split()) for f in facts)


_QUOTED = re.compile(r"[\"“]([^\"“”]{8,160})[\"”]")


def _in_title(sentence: str, fact: Fact) -> bool:
    """A fact inside a quoted title ("the "InfoMagic Linux Developer's Resource 5-CD Set November 1995""): most
    of the quoted words are capitalised and the fact is not the whole quote."""
    for m in _QUOTED.finditer(sentence):
        words = [w for w in m[1].split() if w[:1].isalpha()]
        if m.start(1) <= fact.start and fact.end <= m.end(1) and m[1].strip() != fact.text and len(words) >= 3:
            return sum(w[0].isupper() for w in words) >= 0.7 * len(words)
    return False


_OPENERS = {
    "for", "about", "over", "nearly", "almost", "around", "some", "only", "just", "after", "within", "in", "by",
    "at", "of", "all", "roughly", "approximately", "exactly", "fewer", "more", "less", "until", "since", "during",
}  # fmt: skip


_CODE = re.compile(r"[*+^&|<>]|//|\w=|=\w|[=!<>]=")  # not "trade = $1 billion/year" or "~400 million" (prose)


def in_number_list(sentence: str, fact: Fact) -> bool:
    """A bare small number that is an item of a list or pair of small numbers, as flags and arguments are ("an
    argument of 0, 1, or [2]", "instead of [1] or 0"), or one too long to learn ("1.1000000000000000888")."""
    if fact.kind != "number":
        return False
    if len(re.sub(r"\D", "", fact.text)) > 12:
        return True
    if not fact.text.isdigit() or int(fact.text) >= 10:
        return False  # "32 and 64 bit", "523 patches applied and 514 bugs": facts of their own
    before, after = sentence[: fact.start], sentence[fact.end :]
    return bool(re.search(r"\b\d,\s(?:\d,\s)*(?:or|and)\s$|\b\d\s(?:or|and)\s$", before)) or bool(
        re.match(r"\s(?:or|and)\s\d\b(?![.,]\d|\s?%)", after)
    )


def in_code(sentence: str, fact: Fact) -> bool:
    """A number of a code example or formula ("1 // 2 is 0", "year=1972", "U+0000", "!= 0"): an operator within
    eight characters of it. Such a fact is no fact to learn."""
    return bool(_CODE.search(sentence[max(0, fact.start - 8) : fact.start] + " " + sentence[fact.end : fact.end + 8]))


def inside_name(sentence: str, fact: Fact) -> bool:
    """A number that is part of a name ("Apollo 11", "Gemini IV", "Op. 5"): a capitalised word just before it,
    or any fact inside a quoted title."""
    if _in_title(sentence, fact):
        return True
    if fact.kind not in ("number", "quantity") or fact.text[:1].islower():
        return False  # "reigned in Jerusalem three months": a count in lower-case words is no part of a name
    before = [w.lstrip("([") for w in sentence[: fact.start].split()[-1:]]  # "(PEP 342 explains ...)"
    if before and sentence[: fact.start].strip() == before[0] and before[0].casefold() in _OPENERS:
        return False  # "For three weeks ...", "About 22,000 workers ...": a sentence's first word, not a name
    return (
        bool(before)
        and before[0][:1].isupper()
        and before[0].isalpha()
        and fact.start > 0
        and not sentence[: fact.start].rstrip().endswith((",", ";", ":"))
    )
