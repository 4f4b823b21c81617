"""Draft notes from a plain-text or Markdown document: one note per sentence that carries a fact."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from quizapp.authoring.distract import distractors, name_type
from quizapp.authoring.docsplit import split_paragraphs, split_sentences
from quizapp.authoring.draftnote import make_note
from quizapp.authoring.facts import Fact, defined_variables, find_facts, has_event
from quizapp.authoring.pronouns import (
    document_versions,
    opening_pronoun,
    resolve_pronoun,
    subject_name,
    thing_subject,
)
from quizapp.authoring.text import trim_at_word
from quizapp.authoring.tomltext import deck_to_toml
from quizapp.authoring.wordnum import value
from quizapp.decks.models import Deck, DeckMeta, Note, Source
from quizapp.decks.schema import checked

__all__ = ["draft_deck", "draft_to_toml", "key_fact", "opening_pronoun", "redraft", "resolve_pronoun"]

MIN_WORDS = 6
MAX_CHARS = 400  # longer sentences make questions nobody can hold in mind
_HEADER = (
    "Drafted by `quizapp deck draft`. Every note has draft = true.\n"
    "Check each note against the source, fix its wording, write real distractors,\n"
    "then delete `draft = true`. Delete the notes that are not worth learning."
)


@dataclass(frozen=True)
class DraftStats:
    """What the drafter saw and wrote."""

    sections: int
    paragraphs: int
    sentences: int
    drafted: int
    duplicates: int  # fact sentences skipped because an earlier one said the same
    by_kind: dict[str, int] = field(default_factory=dict)  # drafted notes per answer kind (the choice pool)


_CONTEXT = re.compile(
    r"^(?:(?:In|On|At|By|With) )?(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose) "
    r"(?:first|second|third|latter|former|other|same)(?=\s+(?:[a-z]+s|[a-z]+ed|was|is|has|had|were|are)\b|,|\s+(?:form|kind|one|type)\b)"
)  # a sentence that leans on the one before it: "The first commences ...", "in that same year"
_LABEL_SUBJECT = re.compile(r"^(?:The [^.,;]{0,40}? of )?Nos?\. \d+\b")
_BRACKETED = re.compile(r"(?:\s[\w-]+){0,2}\s?\([^()]*,[^()]*\)")  # "three sections (exposition, development, ...)"
_NAMED_AFTER = re.compile(r"(?:\s[\w-]+){1,4}[,:]\s((?:[A-Z][\w-]*,\s)*[A-Z][\w-]*,?\sand\s[A-Z][\w-]*)\.?$")


def _listed(sentence: str, fact: Fact) -> bool:
    """A count whose items the sentence lists after it: in brackets ("three sections (exposition, development,
    ...)"), or as many names as it counts after a comma ("Two more architectures were added, Alpha and SPARC.")."""
    if fact.kind not in ("number", "quantity"):
        return False
    if _BRACKETED.match(sentence, fact.end):
        return True
    named = _NAMED_AFTER.match(sentence, fact.end)
    if named is None:
        return False
    n = int(fact.text) if fact.text.isdigit() else value(fact.text)
    return n == len(re.findall(r"[A-Z][\w-]*", named[1]))


_SAME_YEAR = re.compile(r"\b(?:that|the) same (?:year|day|month|time)\b|\bthat year\b", re.I)
_FOOTNOTE = re.compile(r"^\[?(?:footnote|note)\s+\d+\s*:", re.I)
_IMPRINT = re.compile(r"(?:,\s*(?:[A-Z][a-z]{0,6}\.\s*)?|\s*\((?:[A-Z][\w.]*,?\s*)?)(\d{3,4})\)?(?=[.;]?$)")


def drop_repeated_imprint(sentence: str) -> str:
    """`sentence` without a trailing imprint that repeats a year it gave already ("... and in 1624 published
    Madrigali ..., Ven. 1624." or "... (Venice, 1624)."), which would give a note's answer away."""
    m = _IMPRINT.search(sentence)
    if m and re.search(rf"\b{m[1]}\b", sentence[: m.start()]):
        return sentence[: m.start()].rstrip(" ,") + sentence[m.end() :]
    return sentence


_THAT_YEAR = re.compile(r"^(?:In )?(?:That|The) (?:same )?year\b,?\s*", re.I)


def name_that_year(sentence: str, previous: list[str]) -> tuple[str, str]:
    """(`sentence`, "") or, for a sentence opening "That year ..." after a sentence that gives one year ("In 1967
    the WHO began ..."), ("In 1967 there were ...", "In 1967 "): the named year (the second item) is not asked,
    it is the sentence before's fact."""
    m = _THAT_YEAR.match(sentence)
    if not m or not previous:
        return sentence, ""
    years = {f.iso[:4] for f in find_facts(previous[-1]) if f.kind in ("date", "year") and f.iso and not f.unit}
    if len(years) != 1:
        return sentence, ""
    given = f"In {years.pop()} "
    return given + sentence[m.end() :], given


_CONVERSION = re.compile(r"\s\((?:about |some |around |approximately |c\. |nearly |over |almost )?([^()]{1,40})\)")


def drop_conversions(sentence: str) -> str:
    """`sentence` without a quantity's conversion in brackets beside it ("about 215 miles (346 kilometres)"), which
    would give the answer away whichever of the two is asked."""
    from quizapp.authoring.facts import QUANTITY_RE

    def drop(m: re.Match[str]) -> str:
        before = sentence[: m.start()]
        inner = QUANTITY_RE.fullmatch(m[1])
        return "" if inner and re.search(r"\d[\d,.]*\s?[a-zA-Z.]+$", before) else m[0]

    return _CONVERSION.sub(drop, sentence)


def key_fact(sentence: str, facts: list[Fact] | None = None) -> Fact | None:
    """The fact a note on `sentence` should ask for, or None when the sentence is not worth a note."""
    if len(sentence.split()) < MIN_WORDS or len(sentence) > MAX_CHARS or sentence.rstrip()[-1:] in "?:":
        return None
    if re.search(r"https?://|www\.|\{\{|\}\}", sentence) or _FOOTNOTE.match(sentence) or _CONTEXT.search(sentence):
        return None
    if re.search(r"\b(?:these|those) (?:two|three|four|five|six)\b", sentence, re.I):
        return None  # "these two species": a demonstrative pointing at what an earlier sentence named
    if _LABEL_SUBJECT.match(sentence) or re.search(r":\s?(?:--|—)", sentence):
        return None  # "No. 1 has ...": an item of a list named before; "... we will give the list:-- Op. 1, ..."
    same = _SAME_YEAR.search(sentence)
    gives_own = same and re.match(r"\s*[(,]\s*[^()]{0,30}?\b\d{3,4}\b", sentence[same.end() :])
    if same and not gives_own and not re.search(r"\b\d{3,4}\b", sentence[: same.start()]):
        return None  # "in that same year" points at a year the sentence does not give: not "(September 5, 2000)"
    facts = find_facts(sentence) if facts is None else facts
    every = facts
    facts = [f for f in facts if said_once(sentence, f.text)]  # a second copy would give the answer away
    facts = [f for f in facts if not _inside_name(sentence, f)]
    facts = [f for f in facts if not _listed(sentence, f)]
    numeric = [f for f in facts if f.kind != "name"]
    if numeric:
        return without_given_year(sentence, numeric[0], every)
    names = [f for f in facts if f.kind == "name" and name_type(sentence, f) != "other" and not _half_given(f, every)]
    return names[0] if names and has_event(sentence) else None


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
    """Whether three or more facts of one kind are a list's items: each follows the same word or goes before the
    same word ("10% in the 1960s, 5% in the 1970s, and 4% in the 1980s"), not "more than 3900 binary packages
    derived from over 2600 source packages maintained by more than 450 developers"."""
    if len(same) < 3:
        return False
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
        if _inside_name(sentence, other) or _listed(sentence, other):
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


def _half_given(fact: Fact, facts: list[Fact]) -> bool:
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


def _inside_name(sentence: str, fact: Fact) -> bool:
    """A number that is part of a name ("Apollo 11", "Gemini IV", "Op. 5"): a capitalised word just before it,
    or any fact inside a quoted title."""
    if _in_title(sentence, fact):
        return True
    if fact.kind not in ("number", "quantity"):
        return False
    before = sentence[: fact.start].split()[-1:]
    if before and sentence[: fact.start].strip() == before[0] and before[0].casefold() in _OPENERS:
        return False  # "For three weeks ...", "About 22,000 workers ...": a sentence's first word, not a name
    return (
        bool(before)
        and before[0][:1].isupper()
        and before[0].isalpha()
        and fact.start > 0
        and not sentence[: fact.start].rstrip().endswith((",", ";", ":"))
    )


def _norm(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence.casefold()).strip()


def _pools(sentences: list[str]) -> tuple[list[int], list[Fact], list[tuple[str, str]]]:
    """What the whole document gives to draw wrong options from: years, amounts and typed names."""
    years: list[int] = []
    amounts: list[Fact] = []
    names: list[tuple[str, str]] = []
    for sentence in sentences:
        for f in find_facts(sentence):
            if f.kind in ("year", "date") and f.iso:
                years.append(int(f.iso[:4]))
            elif f.kind in ("money", "percent", "quantity", "number"):
                amounts.append(f)
            elif f.kind == "name":
                names.append((f.text, name_type(sentence, f)))
    return years, amounts, names


def draft_deck(
    text: str,
    *,
    source_id: str,
    source_title: str,
    deck_id: str,
    id_prefix: str = "draft",
    marked: bool = False,
    author: str | None = None,
    date: str | None = None,
) -> tuple[Deck, DraftStats]:
    """A deck of draft notes for the fact sentences of `text`, citing one source; deterministic and offline.

    Note ids are "<id_prefix>-0001", ...; note ids must be unique across the decks in use, so give each
    drafted deck its own prefix (for example its deck id) when you keep several. `marked` text comes from a
    document reader (docread); `author` and `date` (from its metadata) go into the source entry."""
    source_title = trim_at_word(source_title.strip(), 400) or source_id
    paragraphs, sections = split_paragraphs(text, marked=marked)
    split = [(para, split_sentences(para.text)) for para in paragraphs]
    years, amounts, names = _pools([s for _, ss in split for s in ss])
    variables = defined_variables([s for _, ss in split for s in ss])
    versions = document_versions([s for _, ss in split for s in ss])  # "3.0" of "Python 3.0": never a count
    notes: list[Note] = []
    seen: set[str] = set()
    sentences = duplicates = 0
    kinds: Counter[str] = Counter()
    previous: list[str] = []
    person: str | None = None  # the last person named as a subject, for a "he" the section does not name
    thing: str | None = None  # the last thing named as a subject, for an "it" the section does not name
    section = None
    for para, para_sentences in split:
        if _FOOTNOTE.match(para.text):
            continue  # a footnote's text is a citation, not a fact to learn
        if para.section != section:
            previous, section = [], para.section
        for raw in para_sentences:
            sentences += 1
            dated, given = name_that_year(raw, previous)
            sentence = resolve_pronoun(dated, previous, para.section, person, thing)
            previous.append(sentence or raw)  # a named sentence names the subject of the next
            if sentence is None:
                continue
            person = subject_name(sentence) or person
            thing = thing_subject(sentence) or thing
            sentence = drop_conversions(drop_repeated_imprint(sentence))
            facts = [
                f
                for f in find_facts(sentence, variables)
                if f.start >= len(given) and not (f.kind == "number" and f.text in versions)  # "In 1967": named
            ]
            fact = key_fact(sentence, facts)
            if fact is None:
                continue
            if _norm(sentence) in seen:
                duplicates += 1
                continue
            seen.add(_norm(sentence))
            locator = f"p. {para.page}, para {para.number}" if para.page else f"{para.section}, para {para.number}"
            isos = [f.iso for f in facts if f.kind in ("date", "year") and f.iso]
            when = isos[0] if len(isos) == 1 else None
            for asked in [fact, *more_facts(sentence, fact, facts)]:
                wrong = distractors(asked, sentence, years=years, amounts=amounts, names=names)
                nid = f"{id_prefix}-{len(notes) + 1:04d}"
                notes.append(
                    make_note(nid, sentence, asked, source=source_id, locator=locator, date=when, wrong=wrong, said=raw)
                )
                kinds[asked.kind] += 1
    deck = checked(
        Deck(
            deck=DeckMeta(
                id=deck_id,
                title=source_title,
                description=f"Draft notes from {source_title!r}; every note needs checking against the source.",
            ),
            sources=(Source(id=source_id, title=source_title, author=author, date=date, kind="document"),),
            notes=tuple(notes),
        )
    )
    stats = DraftStats(sections, len(paragraphs), sentences, len(notes), duplicates, dict(kinds))
    return deck, stats


REDRAFTED = ("cloze", "typed", "choice", "truefalse")


def redraft(statement: str, others: list[str] | None = None) -> dict[str, object] | None:
    """Cloze, typed, choice and true/false data drafted afresh from an edited `statement` (as `draft_deck`
    would), or None when it holds no fact to ask for. `others` (the deck's other statements) give wrong
    options of the same kind when there are some."""
    from quizapp.decks.models import to_data

    sentence = " ".join(statement.split())
    fact = key_fact(sentence) if sentence else None
    if fact is None:
        return None
    years, amounts, names = _pools([sentence, *(others or [])])
    wrong = distractors(fact, sentence, years=years, amounts=amounts, names=names)
    note = make_note("redraft", sentence, fact, source="s", locator="-", wrong=wrong)
    data = to_data(note, exclude_none=True)
    return {key: data.get(key) for key in REDRAFTED}


def draft_to_toml(deck: Deck) -> str:
    """TOML text of a drafted deck, with a comment on what to check before use."""
    return deck_to_toml(deck, header=_HEADER)
