"""Draft notes from a plain-text or Markdown document: one note per sentence that carries a fact."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from quizapp.authoring.brackets import unbracket
from quizapp.authoring.bylines import strip_byline
from quizapp.authoring.citations import cited
from quizapp.authoring.distract import distractors, name_type
from quizapp.authoring.docsplit import split_paragraphs, split_sentences
from quizapp.authoring.draftnote import make_note
from quizapp.authoring.facts import Fact, defined_variables, find_facts, has_event
from quizapp.authoring.labels import strip_paragraph_numbers
from quizapp.authoring.morefacts import (
    half_given,
    in_code,
    in_number_list,
    inside_name,
    listed,
    more_facts,
    said_once,
    without_given_year,
)
from quizapp.authoring.pronouns import opening_pronoun, resolve_pronoun, subject_name, thing_subject
from quizapp.authoring.quotes import KEEP, speak_as, speaker_of
from quizapp.authoring.releases import document_versions
from quizapp.authoring.scales import whole_scales
from quizapp.authoring.text import trim_at_word
from quizapp.authoring.tomltext import deck_to_toml
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


# "compares two sequences", "between two points in time", "whether two values are close": a count that says
# nothing the sentence does not (round 6; more_facts already skipped it beside a key fact)
_STRUCTURAL = re.compile(r"\b(?:between|among|both|whether|compares?|comparing)\s+$", re.I)
_CODE_LINE = re.compile(r"^(?:from [\w.]+ )?import [\w.]+|\bdef \w+\s?\(|\bclass \w+\s?\(|\s#\s[A-Z]")


def _credited(sentence: str, fact: Fact) -> bool:
    """A name in a bracketed credit ("(contributed by Zachary Ware in bpo-21671)"): an aside, not a fact."""
    return fact.kind == "name" and bool(re.search(r"\((?:[^()]*\s)?(?:by|from)\s+$", sentence[: fact.start], re.I))


def key_fact(sentence: str, facts: list[Fact] | None = None) -> Fact | None:
    """The fact a note on `sentence` should ask for, or None when the sentence is not worth a note."""
    if len(sentence.split()) < MIN_WORDS or len(sentence) > MAX_CHARS or sentence.rstrip()[-1:] in "?:":
        return None
    if re.search(r"https?://|www\.|\{\{|\}\}", sentence) or _FOOTNOTE.match(sentence) or _CONTEXT.search(sentence):
        return None
    if (
        ">>>" in sentence
        or _CODE_LINE.search(sentence)
        or len(re.findall(r"[()\[\]{}=_#'<>]", sentence)) > 0.06 * len(sentence)
    ):
        return None  # a code example ("d = zerodict({1:1, 2:2}) print d # Prints 1, 2"), not a sentence
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
    facts = [f for f in facts if not inside_name(sentence, f) and not in_code(sentence, f)]
    facts = [f for f in facts if not in_number_list(sentence, f) and not _credited(sentence, f)]
    facts = [f for f in facts if not (f.text.isalpha() and _STRUCTURAL.search(sentence[: f.start]))]
    facts = [f for f in facts if not listed(sentence, f)]
    numeric = [f for f in facts if f.kind != "name"]
    if numeric:
        return without_given_year(sentence, numeric[0], every)
    names = [f for f in facts if f.kind == "name" and name_type(sentence, f) != "other" and not half_given(f, every)]
    return names[0] if names and has_event(sentence) else None


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
    paragraphs = strip_paragraph_numbers(paragraphs)  # verse numbers, numbered clauses: labels, never asked
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
    speaking: tuple[str, int] | None = None  # who the text says is speaking, and how many sentences ago
    section = None
    for para, para_sentences in split:
        if _FOOTNOTE.match(para.text):
            continue  # a footnote's text is a citation, not a fact to learn
        if para.section != section:
            previous, section, speaking = [], para.section, None
        for raw in para_sentences:
            sentences += 1
            raw = strip_byline(raw)  # "From Paul Eggert (2014-07-19): The ancients ...": who wrote, and when
            dated, given = name_that_year(raw, previous)
            sentence = resolve_pronoun(dated, previous, para.section, person, thing)
            speaking = speaking if speaking and speaking[1] < KEEP else None
            if sentence and speaking and (named := speak_as(sentence, speaking[0])) != sentence:
                sentence = named  # "I uploaded ..." inside Hartmut Koptein's quotation
            said = speaker_of(sentence or raw)
            speaking = (said, 0) if said else (speaking[0], speaking[1] + 1) if speaking else None
            previous.append(sentence or raw)  # a named sentence names the subject of the next
            if sentence is None:
                continue
            person = subject_name(sentence) or person
            thing = thing_subject(sentence) or thing
            sentence = unbracket(drop_conversions(drop_repeated_imprint(sentence)))  # "[This yields ...]"
            facts = [
                f
                for f in whole_scales(sentence, find_facts(sentence, variables))
                if f.start >= len(given)
                and not (f.kind == "number" and f.text in versions)  # "In 1967": named
                and not cited(sentence, f)  # "Cambridge University Press (2018)", "(p 157)"
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
