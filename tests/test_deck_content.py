"""Content checks for the bundled decks: they load, cite their sources verbatim, and ask fair questions."""

from __future__ import annotations

import os
import tomllib
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from quizapp.decks.models import Deck, Note, parse_partial_date, reference_problems
from quizapp.decks.schema import validate

ROOT = Path(__file__).parents[1]
DECK_PATHS = sorted((ROOT / "decks").glob("*.toml"))
KINDS = ("basic", "typed", "cloze", "choice", "truefalse", "match")


def _load(path: Path) -> Deck:
    with path.open("rb") as f:
        return validate(Deck, tomllib.load(f))


def _collect() -> tuple[dict[str, Deck], list[tuple[str, Note]]]:
    """Every deck by file name, and every (file name, note); a deck that fails to load is left out here."""
    decks: dict[str, Deck] = {}
    for path in DECK_PATHS:
        try:
            decks[path.name] = _load(path)
        except Exception:  # reported by test_deck_loads
            continue
    notes = [(name, n) for name, d in decks.items() for n in d.notes]
    return decks, notes


DECKS, NOTES = _collect()
NOTE_IDS = [f"{name}:{n.id}" for name, n in NOTES]


def _seeds_dir() -> Path | None:
    env = os.environ.get("QUIZAPP_SEEDS")
    for candidate in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "seeds"]:
        if candidate.is_dir():
            return candidate
    return None


def _squash(text: str) -> str:
    return " ".join(text.split())


@cache
def _source_text(path: Path) -> str | None:
    """A source document with whitespace runs collapsed, or None if it is missing."""
    return _squash(path.read_text(encoding="utf-8")) if path.is_file() else None


@pytest.mark.parametrize("path", DECK_PATHS, ids=[p.name for p in DECK_PATHS])
def test_deck_loads(path: Path) -> None:
    deck = _load(path)
    assert deck.notes, "deck has no notes"
    assert reference_problems(deck) == []


def test_note_ids_unique_across_decks() -> None:
    seen: dict[str, str] = {}
    dupes = []
    for name, n in NOTES:
        if n.id in seen:
            dupes.append(f"{n.id} in {seen[n.id]} and {name}")
        seen.setdefault(n.id, name)
    assert not dupes


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_note_is_cited(name: str, note: Note) -> None:
    assert note.source.strip() and note.locator.strip() and note.quote.strip()


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_note_has_two_question_kinds(name: str, note: Note) -> None:
    kinds = [k for k in KINDS if getattr(note, k) is not None]
    assert len(kinds) >= 2, f"only {kinds}"


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_choice_distractors_are_wrong(name: str, note: Note) -> None:
    if note.choice is None:
        return
    right = {note.choice.answer.casefold()}
    if note.typed:
        right |= {a.casefold() for a in [note.typed.answer, *note.typed.accept]}
    for d in note.choice.distractors:
        assert d.casefold() not in right, f"distractor {d!r} is a right answer"


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_truefalse_is_false(name: str, note: Note) -> None:
    if note.truefalse is not None:
        assert _squash(note.truefalse.false).casefold() != _squash(note.statement).casefold()


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_dates_and_events(name: str, note: Note) -> None:
    if note.date is not None:
        parse_partial_date(note.date)
    if note.event is not None:
        assert note.date, "event without a date"


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_conflict_names_another_source(name: str, note: Note) -> None:
    if note.conflict is not None:
        assert note.conflict.source != note.source


@pytest.mark.parametrize("name", sorted(DECKS))
def test_match_groups_are_unambiguous(name: str) -> None:
    groups: dict[str, list[Note]] = defaultdict(list)
    for n in DECKS[name].notes:
        if n.match is not None:
            groups[n.match.group].append(n)
    for group, members in groups.items():
        if len(members) < 4:
            continue
        lefts = [n.match.left.casefold() for n in members]
        rights = [n.match.right.casefold() for n in members]
        assert len(set(lefts)) == len(lefts), f"{group}: repeated left"
        assert len(set(rights)) == len(rights), f"{group}: repeated right"


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_quotes_are_verbatim(name: str, note: Note) -> None:
    seeds = _seeds_dir()
    if seeds is None:
        pytest.skip("source texts not found: set QUIZAPP_SEEDS or place them in ../shared/seeds")
    cited = [(note.source, note.quote)]
    if note.conflict is not None and note.conflict.quote:
        cited.append((note.conflict.source, note.conflict.quote))
    for source, quote in cited:
        text = _source_text(seeds / f"{source}.txt")
        assert text is not None, f"no text for source {source}"
        assert _squash(quote) in text, f"quote not in {source}: {quote!r}"
