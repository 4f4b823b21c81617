"""Content checks for the bundled decks: they load, cite their sources verbatim, and ask fair questions."""

from __future__ import annotations

import os
import re
import tomllib
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from quizapp.authoring.text import QUOTE_MAX_WORDS  # docs/deck-format.md: at most 25 words; one rule
from quizapp.decks.models import Deck, Note, parse_partial_date, reference_problems
from quizapp.decks.schema import validate

ROOT = Path(__file__).parents[1]
DECK_PATHS = sorted((ROOT / "decks").glob("*.toml"))
KINDS = ("basic", "typed", "cloze", "choice", "truefalse", "match")
COPY_RUN = 15  # a statement or answer may not repeat this many words in a row from a source document
# Conflict notes are shown as "<source title> says: <says>", so `says` is the claim itself: it must not open
# with a reporting verb ("Says ...", "Lists ...") or a pronoun standing for the source ("It calls ...").
REPORTING_OPENERS = frozenset(
    "says say lists dates concludes calls gives describes places reports names presents puts notes mentions "  # noqa: SIM905
    "states claims counts records adds attributes credits cites implies suggests argues writes shows treats "
    "refers speaks it its they their this".split()
)


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


def _words(text: str) -> list[str]:
    """Lower-case words, apostrophes straightened, for comparing runs of words."""
    return re.findall(r"[\w$%]+(?:['.,-][\w$%]+)*", text.replace("\u2019", "'").replace("\u2018", "'").casefold())


@cache
def _seed_runs(seeds: Path) -> frozenset[tuple[str, ...]]:
    """Every run of COPY_RUN consecutive words in the source documents."""
    runs: set[tuple[str, ...]] = set()
    for path in sorted(seeds.glob("*.txt")):
        words = _words(path.read_text(encoding="utf-8"))
        runs.update(tuple(words[i : i + COPY_RUN]) for i in range(len(words) - COPY_RUN + 1))
    return frozenset(runs)


def _answers(note: Note) -> list[str]:
    out = [note.statement]
    if note.basic is not None:
        out.append(note.basic.back)
    if note.typed is not None:
        out += [note.typed.answer, *note.typed.accept]
    if note.choice is not None:
        out.append(note.choice.answer)
    return out


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_conflict_says_reads_after_source_says(name: str, note: Note) -> None:
    if note.conflict is None:
        return
    first = _words(note.conflict.says)[0]
    assert first not in REPORTING_OPENERS, f"'... says: {note.conflict.says}' names the saying twice"


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_quotes_are_short(name: str, note: Note) -> None:
    quotes = [note.quote] + ([note.conflict.quote] if note.conflict and note.conflict.quote else [])
    for quote in quotes:
        assert len(quote.split()) <= QUOTE_MAX_WORDS, f"{len(quote.split())} words: {quote!r}"


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_locator_is_plain_words(name: str, note: Note) -> None:
    assert "==" not in note.locator, f"wiki markup in locator {note.locator!r}; write 'section Name, para N'"


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_statements_and_answers_are_in_our_own_words(name: str, note: Note) -> None:
    seeds = _seeds_dir()
    if seeds is None:
        pytest.skip(
            "source texts not found (set QUIZAPP_SEEDS or place them in ../shared/seeds), so copying is unchecked"
        )
    runs = _seed_runs(seeds)
    for text in _answers(note):
        words = _words(text)
        copied = [
            words[i : i + COPY_RUN] for i in range(len(words) - COPY_RUN + 1) if tuple(words[i : i + COPY_RUN]) in runs
        ]
        assert not copied, f"copies {COPY_RUN}+ words from a source: {' '.join(copied[0])!r}"


def test_copy_check_catches_a_copied_sentence() -> None:
    seeds = _seeds_dir()
    if seeds is None:
        pytest.skip("source texts not found: set QUIZAPP_SEEDS or place them in ../shared/seeds")
    sentence = "Pakistan Army actively participated in the Russian Army War Games 2015 held in the Russian Far East."
    words = _words(sentence)
    assert tuple(words[:COPY_RUN]) in _seed_runs(seeds)
    assert tuple(
        _words("The Pakistan Army took part in Russia's 2015 army war games in the Far East.")[:COPY_RUN]
    ) not in _seed_runs(seeds)


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
BOUND = re.compile(rf"\bby (?:the end of )?(?:({'|'.join(MONTHS)}|Dec) )?(\d{{4}})\b")


@pytest.mark.parametrize(("name", "note"), NOTES, ids=NOTE_IDS)
def test_a_date_the_source_gives_only_as_a_bound_is_not_ordered(name: str, note: Note) -> None:
    """'reached by December 2016' may be any time before: such a note must not be placed in an ordering question."""
    if not (note.date and note.event):
        return
    for month, year in BOUND.findall(note.quote):
        bound = year if not month else f"{year}-{(MONTHS.index(month) + 1 if month != 'Dec' else 12):02d}"
        assert not note.date.startswith(bound), f"event dated {note.date} but the source says only 'by {month} {year}'"


def test_each_source_has_one_description_across_decks() -> None:
    seen: dict[str, dict[tuple, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, deck in DECKS.items():
        for src in deck.sources:
            seen[src.id][(src.title, src.publisher, src.author, src.date, src.kind, src.url)].append(name)
    differing = {sid: dict(forms) for sid, forms in seen.items() if len(forms) > 1}
    assert not differing, f"a source is described differently in different decks: {differing}"
