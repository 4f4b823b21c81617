"""Deck format v1: the pydantic models that validate a deck file.

A deck is metadata, its sources, and notes (facts). One note yields several
question kinds. Ids are written by the author and never derived from text.
"""

from __future__ import annotations

import re
from datetime import date as _date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

FORMAT_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$"),
    Field(description="Stable id: lower-case letters, digits, '.', '_' or '-'; never derived from the text."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]

CLOZE_RE = re.compile(r"\{\{c(\d+)::(.+?)(?:::(.+?))?\}\}")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DeckMeta(Strict):
    """Who the deck is for and what it covers."""

    id: Id
    title: Short
    description: str = ""
    language: str = "en"
    version: str = "1.0"
    tags: list[Id] = []
    authors: list[Short] = []


SourceKind = Literal["official", "encyclopedia", "speech", "article", "book", "web", "document", "other"]


class Source(Strict):
    """A document that notes cite."""

    id: Id
    title: Short
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    kind: SourceKind = "other"
    url: str | None = None


class Conflict(Strict):
    """Another source that says otherwise."""

    source: Id = Field(description="Id of the source that disagrees.")
    says: Text = Field(description="What that source says, in your own words.")
    quote: str | None = Field(None, description="Optional verbatim quote from that source.")


class Basic(Strict):
    front: Text
    back: Text
    reverse: bool = False


class Typed(Strict):
    prompt: Text
    answer: Short
    accept: list[Short] = Field([], description="Other answers that count as right.")


class Cloze(Strict):
    text: Text = Field(description="Sentence with deletions: {{c1::answer}} or {{c1::answer::hint}}.")

    @field_validator("text")
    @classmethod
    def _has_deletion(cls, v: str) -> str:
        if not CLOZE_RE.search(v):
            raise ValueError("cloze text needs at least one deletion like {{c1::answer}}")
        return v


class Choice(Strict):
    prompt: Text
    answer: Short
    distractors: list[Short] = Field([], description="Wrong options; omit to draw them from `pool`.")
    pool: Id | None = Field(None, description="Draw distractors from other notes' answers in this pool.")

    @model_validator(mode="after")
    def _check(self) -> Choice:
        if not self.distractors and not self.pool:
            raise ValueError("give at least one distractor or a pool to draw them from")
        low = self.answer.casefold()
        for d in self.distractors:
            if d.casefold() == low:
                raise ValueError(f"distractor {d!r} is the same as the answer")
        if len({d.casefold() for d in self.distractors}) != len(self.distractors):
            raise ValueError("distractors repeat")
        return self


class TrueFalse(Strict):
    false: Text = Field(description="A plausible but false variant of the statement.")
    correction: Text = Field(description="Why the false variant is wrong.")


class Match(Strict):
    group: Id = Field(description="Pairs of the same group are matched together, e.g. 'person-office'.")
    left: Short
    right: Short


StudyKind = Literal["basic", "typed", "cloze"]


class Note(Strict):
    """One fact, its citation, and the fields each question kind needs."""

    id: Id
    statement: Text
    source: Id
    locator: Short = Field(description="Where in the source: section, paragraph.")
    quote: Text = Field(description="Short verbatim quote from the source that supports the note.")
    tags: list[Id] = []
    date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD, for timelines.")
    event: Short | None = Field(None, description="Short label of the dated event, for ordering questions.")
    explanation: str | None = None
    conflict: Conflict | None = None
    draft: bool = False
    study: StudyKind | None = Field(None, description="How the flashcard is shown; default basic, cloze, typed.")
    basic: Basic | None = None
    typed: Typed | None = None
    cloze: Cloze | None = None
    choice: Choice | None = None
    truefalse: TrueFalse | None = None
    match: Match | None = None

    @field_validator("date")
    @classmethod
    def _date_ok(cls, v: str | None) -> str | None:
        if v is not None:
            parse_partial_date(v)
        return v

    @model_validator(mode="after")
    def _check(self) -> Note:
        if self.study_kind() is None and not (self.choice or self.truefalse):
            raise ValueError("a note needs at least one question: basic, typed, cloze, choice or truefalse")
        if self.study is not None and getattr(self, self.study) is None:
            raise ValueError(f"study = {self.study!r} but the note has no [{self.study}] table")
        if self.event and not self.date:
            raise ValueError("event needs a date")
        return self

    def study_kind(self) -> StudyKind | None:
        if self.study:
            return self.study
        for kind in ("basic", "cloze", "typed"):
            if getattr(self, kind) is not None:
                return kind  # type: ignore[return-value]
        return None

    def sort_key(self) -> tuple[int, int, int]:
        return parse_partial_date(self.date) if self.date else (9999, 99, 99)


class Deck(Strict):
    """A whole deck file."""

    format: Literal[1] = FORMAT_VERSION
    deck: DeckMeta
    sources: list[Source] = []
    notes: list[Note] = []

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


def reference_problems(deck: Deck) -> list[tuple[tuple[str | int, ...], str]]:
    """Problems a single model cannot see: duplicate ids and unknown source ids, with their locations."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    sources: set[str] = set()
    for i, s in enumerate(deck.sources):
        if s.id in sources:
            problems.append((("sources", i, "id"), f"duplicate source id {s.id!r}"))
        sources.add(s.id)
    notes: set[str] = set()
    for i, n in enumerate(deck.notes):
        if n.id in notes:
            problems.append((("notes", i, "id"), f"duplicate note id {n.id!r}"))
        notes.add(n.id)
        if n.source not in sources:
            problems.append((("notes", i, "source"), f"unknown source {n.source!r}; declare it under [[sources]]"))
        if n.conflict and n.conflict.source not in sources:
            problems.append((("notes", i, "conflict", "source"), f"unknown source {n.conflict.source!r}"))
    return problems


def parse_partial_date(text: str) -> tuple[int, int, int]:
    """'2015', '2015-10' or '2015-10-16' -> sortable (year, month, day); 0 for missing parts."""
    m = _DATE_RE.match(text)
    if not m:
        raise ValueError(f"date {text!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    if mo and not 1 <= mo <= 12:
        raise ValueError(f"month in {text!r} is out of range")
    if d:
        try:
            _date(y, mo, d)
        except ValueError:
            raise ValueError(f"date {text!r} does not exist") from None
    return y, mo, d


def cloze_deletions(text: str) -> list[tuple[int, str, str | None]]:
    """(number, answer, hint) for each {{cN::answer::hint}} in a cloze text."""
    return [(int(m[1]), m[2], m[3]) for m in CLOZE_RE.finditer(text)]
