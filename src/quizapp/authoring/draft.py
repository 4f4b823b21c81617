"""Draft notes from a plain-text or Markdown document: one note per sentence that carries a fact."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from quizapp.authoring.docsplit import split_paragraphs, split_sentences
from quizapp.authoring.draftnote import make_note
from quizapp.authoring.facts import Fact, find_facts, has_event
from quizapp.authoring.text import trim_at_word
from quizapp.authoring.tomltext import deck_to_toml
from quizapp.decks.models import Deck, DeckMeta, Note, Source
from quizapp.decks.schema import checked

MIN_WORDS = 6
MAX_CHARS = 800
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


def key_fact(sentence: str, facts: list[Fact] | None = None) -> Fact | None:
    """The fact a note on `sentence` should ask for, or None when the sentence is not worth a note."""
    if len(sentence.split()) < MIN_WORDS or len(sentence) > MAX_CHARS or sentence.rstrip()[-1:] in "?:":
        return None
    if re.search(r"https?://|www\.|\{\{|\}\}", sentence):
        return None
    facts = find_facts(sentence) if facts is None else facts
    facts = [f for f in facts if sentence.count(f.text) == 1]  # a second copy would give the answer away
    numeric = [f for f in facts if f.kind != "name"]
    if numeric:
        return numeric[0]
    names = [f for f in facts if f.kind == "name"]
    return names[0] if names and has_event(sentence) else None


def _norm(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence.casefold()).strip()


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
    notes: list[Note] = []
    seen: set[str] = set()
    sentences = duplicates = 0
    kinds: Counter[str] = Counter()
    for para in paragraphs:
        for sentence in split_sentences(para.text):
            sentences += 1
            facts = find_facts(sentence)
            fact = key_fact(sentence, facts)
            if fact is None:
                continue
            if _norm(sentence) in seen:
                duplicates += 1
                continue
            seen.add(_norm(sentence))
            locator = f"p. {para.page}, para {para.number}" if para.page else f"{para.section}, para {para.number}"
            dated = [f.iso for f in facts if f.kind in ("date", "year")]
            when = dated[0] if len(dated) == 1 else None
            nid = f"{id_prefix}-{len(notes) + 1:04d}"
            notes.append(make_note(nid, sentence, fact, source=source_id, locator=locator, date=when))
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


def draft_to_toml(deck: Deck) -> str:
    """TOML text of a drafted deck, with a comment on what to check before use."""
    return deck_to_toml(deck, header=_HEADER)
