"""Deck review: ctrl+a selects a whole field; editing the statement offers to redraft the questions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from quizapp.authoring.draft import redraft
from quizapp.decks.library import load_deck
from quizapp.decks.models import cloze_deletions
from quizapp.tui.authoring_app import make_authoring_app
from quizapp.tui.screens.note_edit import NoteEditScreen
from quizapp.tui.widgets.note_form import NoteForm

FIX = Path(__file__).parent / "fixtures" / "authoring"


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    path = tmp_path / "drafts.toml"
    shutil.copy(FIX / "drafts.toml", path)
    return path


def test_redraft_asks_for_the_new_fact() -> None:
    data = redraft("The bridge over the river was opened to traffic in 1883.")
    assert data is not None and cloze_deletions(data["cloze"]["text"]) == [(1, "1883", None)]
    assert data["typed"]["answer"] == "1883" and len(data["choice"]["distractors"]) == 3
    assert all(d.startswith("18") for d in data["choice"]["distractors"]) and "1883" not in data["truefalse"]["false"]
    assert redraft("Nothing here is worth a card at all.") is None


async def test_edit_statement_then_redraft_and_select_all(drafts: Path) -> None:
    app = make_authoring_app(drafts, mode="review")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditScreen)
        statement = app.screen.query_one("#f-statement", TextArea)
        statement.focus()
        await pilot.press("ctrl+a")  # the whole field, not just the start of the line
        await pilot.press(*"The bridge over the river was opened to traffic in 1883.")
        await pilot.pause()
        assert statement.text == "The bridge over the river was opened to traffic in 1883."
        assert app.screen.query_one(NoteForm).redraft_offered  # told: ctrl+r redrafts the questions
        await pilot.press("ctrl+r")
        await pilot.pause()
        cloze = app.screen.query_one("#f-cloze-text", TextArea).text
        assert cloze == "The bridge over the river was opened to traffic in {{c1::1883}}."
        assert app.screen.query_one("#f-typed-answer", Input).value == "1883"
        locator = app.screen.query_one("#f-locator", Input)
        locator.focus()
        await pilot.press("ctrl+a", *"p. 9")
        assert locator.value == "p. 9"
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = load_deck(drafts).deck.notes[0]
        assert note.cloze.text == cloze and note.locator == "p. 9" and note.choice.answer == "1883"


async def test_redraft_in_review_takes_wrong_options_from_the_deck(drafts: Path) -> None:
    app = make_authoring_app(drafts, mode="review")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        statement = app.screen.query_one("#f-statement", TextArea)
        statement.focus()
        await pilot.press("ctrl+a", *"The two ministers met again in Moscow in 2011 to sign the trade protocol.")
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    wrong = load_deck(drafts).deck.notes[0].choice.distractors
    assert {"2015", "2019"} <= set(wrong)  # years the deck's other notes give, as the first draft picks them
