"""Browsing: text search over notes, filters by deck, tag and state, and speed on a large library."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.decks.library import Library, LoadedDeck, find_deck_files, load_library
from quizapp.decks.models import Deck, DeckMeta, Note, Source, Typed
from quizapp.scheduling.scheduler import CardState, Rating, Scheduler
from quizapp.study.browse import BrowseIndex, search_text, state_matches
from quizapp.study.session import card_kinds, cards_of

FIXTURES = Path(__file__).parent / "fixtures" / "browse"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def index() -> BrowseIndex:
    return BrowseIndex(load_library(find_deck_files([FIXTURES])))


def ids(entries) -> list[str]:
    return [e.card_id for e in entries]


def test_every_card_but_drafts_is_listed(index: BrowseIndex) -> None:
    assert ids(index.search()) == [
        "riv-nile",
        "riv-amazon",
        "riv-danube",
        "riv-danube~rev",
        "mt-everest",
        "mt-kilimanjaro",
    ]
    assert len(index) == 6


def test_search_matches_statement_questions_and_answers_case_insensitively(index: BrowseIndex) -> None:
    assert ids(index.search("NILE")) == ["riv-nile"]
    assert ids(index.search("mediterranean")) == ["riv-nile"]  # statement and typed answer
    assert ids(index.search("the mediterranean")) == ["riv-nile"]
    assert ids(index.search("tanzania")) == ["mt-kilimanjaro"]  # true/false correction
    assert ids(index.search("south america")) == ["mt-kilimanjaro"]  # the false variant
    assert ids(index.search("how many countries")) == ["riv-danube", "riv-danube~rev"]  # basic front


def test_cloze_markup_is_not_in_the_way(index: BrowseIndex) -> None:
    assert "{{c1::" not in search_text(index.by_id["riv-amazon"].note)
    assert ids(index.search("the amazon carries")) == ["riv-amazon"]


def test_every_word_must_match_in_any_order(index: BrowseIndex) -> None:
    assert ids(index.search("africa highest")) == ["mt-kilimanjaro"]
    assert ids(index.search("highest africa")) == ["mt-kilimanjaro"]
    assert index.search("nile everest") == []


def test_narrowing_and_widening_the_query_stay_correct(index: BrowseIndex) -> None:
    assert len(index.search("e")) == 6
    assert ids(index.search("ev")) == ["mt-everest"]
    assert ids(index.search("eve")) == ["mt-everest"]
    assert ids(index.search("e")) == ids(index.search(""))  # widening again goes back to every card
    assert ids(index.search("ki")) == ["mt-kilimanjaro"]


def test_filters_by_deck_and_tag(index: BrowseIndex) -> None:
    assert ids(index.search(deck="beta")) == ["mt-everest", "mt-kilimanjaro"]
    assert ids(index.search(tag="africa")) == ["riv-nile", "mt-kilimanjaro"]
    assert ids(index.search("highest", deck="alpha")) == []
    assert ids(index.search("", deck="alpha", tag="europe")) == ["riv-danube", "riv-danube~rev"]


def test_filters_by_state(index: BrowseIndex) -> None:
    sch = Scheduler(enable_fuzzing=False)
    reviewed = sch.review(sch.new_card("riv-nile", NOW), Rating.GOOD, NOW - timedelta(days=30))
    reviewed = replace(sch.review(reviewed, Rating.GOOD, NOW - timedelta(days=20)), due=NOW - timedelta(days=1))
    learning = sch.review(sch.new_card("mt-everest", NOW), Rating.AGAIN, NOW)
    states = {
        "riv-nile": reviewed,
        "mt-everest": learning,
        "riv-amazon": replace(reviewed, card_id="riv-amazon", suspended=True),
        "mt-kilimanjaro": CardState("mt-kilimanjaro", flag=1),
        "riv-danube": CardState("riv-danube", flag=4),
    }

    def by(state: str) -> list[str]:
        return ids(index.search(state=state, states=states, now=NOW))

    assert by("new") == ["riv-danube", "riv-danube~rev", "mt-kilimanjaro"]
    assert by("learning") == ["mt-everest"]
    assert by("review") == ["riv-nile"]
    assert by("suspended") == ["riv-amazon"]
    assert by("flagged") == ["riv-danube", "mt-kilimanjaro"]  # any colour
    assert (by("red flag"), by("blue flag"), by("green flag")) == (["mt-kilimanjaro"], ["riv-danube"], [])
    assert by("due") == ["riv-nile"]
    with pytest.raises(ValueError):
        index.search(state="new")  # needs the states
    with pytest.raises(ValueError):
        state_matches("sleeping", None, NOW)


def _big_library(n: int) -> Library:
    """A library of `n` notes, built without validation to keep the test quick."""
    words = [
        "treaty",
        "pakistan",
        "russia",
        "moscow",
        "islamabad",
        "steel",
        "mill",
        "energy",
        "gas",
        "pipeline",
        "ambassador",
        "visit",
    ]
    notes = [
        Note(
            id=f"n-{i}",
            statement=" ".join(words[(i * 7 + k) % len(words)] for k in range(12)) + f" number {i}",
            source="s",
            locator="p",
            quote="q",
            tags=[f"t{i % 5}"],
            draft=False,
            study=None,
            basic=None,
            cloze=None,
            choice=None,
            truefalse=None,
            match=None,
            event=None,
            explanation=None,
            typed=Typed(prompt=f"What is item {i}?", answer=f"answer {i}", accept=[]),
        )
        for i in range(n)
    ]
    deck = Deck(deck=DeckMeta(id="big", title="Big"), sources=[Source(id="s", title="S")], notes=notes)
    return Library([LoadedDeck(deck, Path("big.toml"))])


def test_search_is_fast_on_100k_notes() -> None:
    index = BrowseIndex(_big_library(100_000))
    worst = 0.0
    for query in ["s", "st", "ste", "steel", "steel m", "steel mill", "zzz", "answer 9999", "moscow gas"]:
        best = min(_timed(index, query) for _ in range(3))
        worst = max(worst, best)
    assert ids(index.search("answer 99999")) == ["n-99999"]
    assert worst < 0.1, f"a keystroke took {worst * 1000:.0f} ms"


def _timed(index: BrowseIndex, query: str) -> float:
    index.search("")  # start from scratch: no narrowing from the last query
    start = time.process_time()  # CPU time: other busy processes on the machine do not count
    index.search(query)
    return time.process_time() - start


def test_card_kinds_are_the_cards_that_cards_of_builds() -> None:
    """The index takes each card's id and kind from card_kinds, which must agree with the cards themselves."""
    from quizapp.decks.library import bundled_decks_dir
    from quizapp.decks.models import Basic, Choice, Cloze, TrueFalse

    library = load_library(find_deck_files([FIXTURES, bundled_decks_dir(), Path(__file__).parent / "fixtures"]))
    notes = [n for d in library.decks for n in d.deck.notes]
    base = Note(id="n", statement="S.", source="s", locator="p", quote="q")
    cloze, typed = Cloze("A {{c1::b}}."), Typed("P?", "a")
    notes += [
        base._replace(basic=Basic("F", "B", reverse=True)),
        base._replace(cloze=cloze, typed=typed),
        base._replace(cloze=cloze, typed=typed, study="typed"),
        base._replace(choice=Choice("P?", "a", ("b",))),
        base._replace(truefalse=TrueFalse("F.", "C.")),
        base._replace(basic=Basic("F", "B"), study="basic"),
    ]
    kinds = {kind for n in notes for _, kind in card_kinds(n)}
    assert kinds == {"basic", "reverse", "cloze", "typed"}
    for n in notes:
        assert card_kinds(n) == [(c.card_id, c.kind) for c in cards_of(n)], n.id


def test_the_leech_filter_lists_the_leeches_given(index: BrowseIndex) -> None:
    some = [e.card_id for e in index.search("")][:2]
    assert [e.card_id for e in index.search("", state="leech", leeches=frozenset(some))] == some
    assert index.search("", state="leech") == []
