"""Draft notes from a plain-text or Markdown document: one note per sentence that carries a fact."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from quizapp.authoring.distract import distractors, name_type
from quizapp.authoring.docsplit import split_paragraphs, split_sentences
from quizapp.authoring.draftnote import make_note
from quizapp.authoring.facts import Fact, find_facts, has_event
from quizapp.authoring.text import trim_at_word
from quizapp.authoring.tomltext import deck_to_toml
from quizapp.decks.models import Deck, DeckMeta, Note, Source
from quizapp.decks.schema import checked

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


_PRONOUNS = {"he", "she", "it", "they", "his", "her", "its", "their", "this", "these", "those", "him", "them"}
_LEAD_INS = {"in", "on", "at", "after", "before", "by", "during", "from", "since", "following", "between", "when"}
_CONTEXT = re.compile(
    r"^(?:(?:In|On|At|By|With) )?(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose) "
    r"(?:first|second|third|latter|former|other|same)(?=\s+(?:[a-z]+s|[a-z]+ed|was|is|has|had|were|are)\b|,|\s+(?:form|kind|one|type)\b)"
)  # a sentence that leans on the one before it: "The first commences ...", "in that same year"
_SAME_YEAR = re.compile(r"\b(?:that|the) same (?:year|day|month|time)\b|\bthat year\b", re.I)
_FOOTNOTE = re.compile(r"^\[?(?:footnote|note)\s+\d+\s*:", re.I)
_IRREGULAR_PAST = re.findall(
    r"\w+",
    "won led took gave made went fought wrote began left met rose fell held sent built lost ran saw came told sought "
    "brought found kept paid set spent stood taught thought chose drew drove grew knew spoke struck swore bore",
)
_SUBJECT = re.compile(
    r"^((?:(?:Mr|Mrs|Ms|Dr|Sir)\.?\s)?[A-Z][\w'’-]+(?:\s(?:[A-Z]\.|[A-Z][\w'’-]+)){0,3})\s+(?:[a-z]+ly\s)?"
    r"(?:was|is|had|has|became|[a-z]{2,}(?:s|ed)|" + "|".join(_IRREGULAR_PAST) + r")\b"
)  # a sentence about a named person: "Mr. McNiel mentions ...", "Turini was ...", "Uhuru KENYATTA won ..."


_CLEFT = re.compile(r"^It (?:was|is) (?:not )?.{1,80}? (?:who|that|which|when) ")
_NOUN_SUBJECT = re.compile(r"^((?:The|A|An|These|Those) (?:[\w-]+ ){0,3}[\w-]+) (was|is|has|had|were|are|have)\b")


_IMPRINT = re.compile(r"(?:,\s*(?:[A-Z][a-z]{0,6}\.\s*)?|\s*\((?:[A-Z][\w.]*,?\s*)?)(\d{3,4})\)?(?=[.;]?$)")


def drop_repeated_imprint(sentence: str) -> str:
    """`sentence` without a trailing imprint that repeats a year it gave already ("... and in 1624 published
    Madrigali ..., Ven. 1624." or "... (Venice, 1624)."), which would give a note's answer away."""
    m = _IMPRINT.search(sentence)
    if m and re.search(rf"\b{m[1]}\b", sentence[: m.start()]):
        return sentence[: m.start()].rstrip(" ,") + sentence[m.end() :]
    return sentence


def opening_pronoun(sentence: str) -> tuple[int, int] | None:
    """The span of a pronoun that opens the sentence ("He ...", "In 1876, he ..."), or None."""
    m = re.match(r"[\"“‘(]*(\w+)", sentence)
    if not m or _CLEFT.match(sentence):
        return None
    if m[1].casefold() in _PRONOUNS:
        return m.start(1), m.end(1)
    if m[1].casefold() in _LEAD_INS:
        second = re.match(r"\w+\s+(\w+)", sentence[m.start(1) :])
        if second and second[1].casefold() in _PRONOUNS:  # "After his death ..."
            return m.start(1) + second.start(1), m.start(1) + second.end(1)
        c = re.match(r"[^;]{0,150}?,\s*(he|she|it|they|his|her|its|their)\b", sentence, re.I)
        if c and not re.search(r"\b(?:was|were|is|are|had|has)\b", sentence[: c.start(1)]):
            return c.start(1), c.end(1)
    return None


def resolve_pronoun(sentence: str, previous: list[str], heading: str | None = None) -> str | None:
    """`sentence` with an opening 'He'/'She' replaced by the person the previous sentence is about; the sentence
    itself when it opens with no pronoun; None when its pronoun cannot be resolved. `previous` are the sentences
    before it in its paragraph; the nearest of the last two that names a fitting subject is taken."""
    span = opening_pronoun(sentence)
    if span is None:
        return sentence
    word = sentence[span[0] : span[1]].casefold()
    name = None
    for before in previous[::-1][:2]:
        if word in ("he", "she") and (subject := _SUBJECT.match(before)):
            if subject[1].split()[0].casefold() not in _PRONOUNS | _LEAD_INS | {"the", "a", "an"}:
                name = subject[1]
        elif word in ("it", "they") and (noun := _NOUN_SUBJECT.match(before)):
            plural = noun[2] in ("were", "are", "have")
            verb = re.match(r"\s+(\w+)", sentence[span[1] :])
            agrees = verb is not None and (verb[1] in ("were", "are", "have")) == (word == "they")
            name = noun[1] if plural == (word == "they") and agrees else None
        if name:
            break
    if name is None and not previous and heading:
        name = _heading_subject(sentence, span, word, heading)
    if name and span[0] > 0 and name.split()[0] in ("The", "A", "An", "These", "Those"):
        name = name[0].lower() + name[1:]
    if name is None:
        return None
    return sentence[: span[0]] + name + sentence[span[1] :]


_HEADING_NOUN = re.compile(r"(?:The |An? )?[A-Z][\w'’-]+(?: (?:of |the |and )?[A-Z][\w'’-]+){0,3}")


def _heading_subject(sentence: str, span: tuple[int, int], word: str, heading: str) -> str | None:
    """The section heading as the subject of a section's first sentence opening 'It was ...'/'They were ...',
    when the heading is a short name ("The Althingi", "Early Sonatas") whose number agrees with the verb."""
    verb = re.match(r"\s+(\w+)", sentence[span[1] :])
    if span[0] != 0 or word not in ("it", "they") or verb is None or not _HEADING_NOUN.fullmatch(heading):
        return None
    if heading.casefold() in {"background", "introduction", "overview", "summary", "history", "opening"}:
        return None  # a heading that names no thing
    plural = verb[1] in ("were", "are", "have")
    singular = verb[1] in ("was", "is", "has")
    if (word == "they" and plural and heading.endswith("s")) or (
        word == "it" and singular and not heading.endswith("s")
    ):
        return heading
    return None


def key_fact(sentence: str, facts: list[Fact] | None = None) -> Fact | None:
    """The fact a note on `sentence` should ask for, or None when the sentence is not worth a note."""
    if len(sentence.split()) < MIN_WORDS or len(sentence) > MAX_CHARS or sentence.rstrip()[-1:] in "?:":
        return None
    if re.search(r"https?://|www\.|\{\{|\}\}", sentence) or _FOOTNOTE.match(sentence) or _CONTEXT.search(sentence):
        return None
    if re.search(r"\b(?:these|those) (?:two|three|four|five|six)\b", sentence, re.I):
        return None  # "these two species": a demonstrative pointing at what an earlier sentence named
    same = _SAME_YEAR.search(sentence)
    if same and not re.search(r"\b\d{3,4}\b", sentence[: same.start()]):
        return None  # "in that same year" points at a year the sentence does not give
    facts = find_facts(sentence) if facts is None else facts
    facts = [f for f in facts if sentence.count(f.text) == 1]  # a second copy would give the answer away
    facts = [f for f in facts if not _inside_name(sentence, f)]
    numeric = [f for f in facts if f.kind != "name"]
    if numeric:
        return numeric[0]
    names = [f for f in facts if f.kind == "name" and name_type(sentence, f) != "other"]
    return names[0] if names and has_event(sentence) else None


def _inside_name(sentence: str, fact: Fact) -> bool:
    """A number that is part of a name ("Apollo 11", "Gemini IV", "Op. 5"): a capitalised word just before it."""
    if fact.kind not in ("number", "quantity"):
        return False
    before = sentence[: fact.start].split()[-1:]
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
    notes: list[Note] = []
    seen: set[str] = set()
    sentences = duplicates = 0
    kinds: Counter[str] = Counter()
    previous: list[str] = []
    section = None
    for para, para_sentences in split:
        if _FOOTNOTE.match(para.text):
            continue  # a footnote's text is a citation, not a fact to learn
        if para.section != section:
            previous, section = [], para.section
        for raw in para_sentences:
            sentences += 1
            sentence = resolve_pronoun(raw, previous, para.section)
            previous.append(raw)
            if sentence is None:
                continue
            sentence = drop_repeated_imprint(sentence)
            facts = find_facts(sentence)
            fact = key_fact(sentence, facts)
            if fact is None:
                continue
            if _norm(sentence) in seen:
                duplicates += 1
                continue
            seen.add(_norm(sentence))
            locator = f"p. {para.page}, para {para.number}" if para.page else f"{para.section}, para {para.number}"
            dated = [f.iso for f in facts if f.kind in ("date", "year") and f.iso]
            when = dated[0] if len(dated) == 1 else None
            wrong = distractors(fact, sentence, years=years, amounts=amounts, names=names)
            nid = f"{id_prefix}-{len(notes) + 1:04d}"
            note = make_note(nid, sentence, fact, source=source_id, locator=locator, date=when, wrong=wrong, said=raw)
            notes.append(note)
            kinds[fact.kind] += 1
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
