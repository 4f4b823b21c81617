"""The authoring TUI driven with Pilot: draft review (accept, reject, skip) and the note editor form."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static, TextArea

from quizapp.decks.library import load_deck
from quizapp.tui.authoring_app import AuthoringApp, make_authoring_app
from quizapp.tui.screens.deck_editor import DeckEditorScreen
from quizapp.tui.screens.draft_review import DraftReviewScreen
from quizapp.tui.screens.note_edit import NoteEditScreen

FIX = Path(__file__).parent / "fixtures" / "authoring"
SIZE = (100, 30)


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    path = tmp_path / "drafts.toml"
    shutil.copy(FIX / "drafts.toml", path)
    return path


@pytest.fixture
def capitals(tmp_path: Path) -> Path:
    path = tmp_path / "capitals.toml"
    shutil.copy(FIX / "commented.toml", path)
    return path


def text_of(app: AuthoringApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def notes(path: Path) -> list[tuple[str, bool]]:
    return [(n.id, n.draft) for n in load_deck(path).deck.notes]


async def test_review_accept_reject_skip(drafts: Path) -> None:
    app = make_authoring_app(drafts, mode="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DraftReviewScreen)
        assert "Draft 1 of 4" in text_of(app, "#review-counter")
        assert "Consular Convention" in text_of(app, "#review-note")
        assert "Typed answer" in text_of(app, "#review-preview")

        await pilot.press("a")  # accept drafts-0001
        assert notes(drafts)[0] == ("drafts-0001", False)
        assert "3 left to review" in text_of(app, "#review-counter") and screen.current == "drafts-0002"

        await pilot.press("s")  # skip drafts-0002: it stays a draft
        assert screen.current == "drafts-0003"
        await pilot.press("r")  # reject drafts-0003: removed from the file
        assert [i for i, _ in notes(drafts)] == ["drafts-0001", "drafts-0002", "drafts-0004"]
        assert screen.current == "drafts-0004" and "2 left to review" in text_of(app, "#review-counter")

        await pilot.press("s")  # past the end: back to the skipped one
        assert screen.current == "drafts-0002"
        await pilot.press("a", "a")
        await pilot.pause()
        assert notes(drafts) == [("drafts-0001", False), ("drafts-0002", False), ("drafts-0004", False)]
        assert "No drafts left" in text_of(app, "#review-counter")
        assert "All drafts are reviewed" in text_of(app, "#review-note")
        await pilot.press("a", "r", "s")  # nothing left: keys do nothing
        assert len(notes(drafts)) == 3


async def test_review_edit_opens_the_form(drafts: Path) -> None:
    app = make_authoring_app(drafts, mode="review")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditScreen) and app.screen.note_id == "drafts-0001"
        app.screen.query_one("#f-statement", TextArea).load_text("The Consular Convention was signed in 2015.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DraftReviewScreen) and app.screen.current == "drafts-0001"
        note = load_deck(drafts).deck.notes[0]
        assert note.statement == "The Consular Convention was signed in 2015." and note.draft


async def test_editor_add_a_note_with_live_validation(capitals: Path) -> None:
    app = make_authoring_app(capitals)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DeckEditorScreen)
        assert app.screen.query_one(DataTable).row_count == 3
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NoteEditScreen) and form.note_id == "cap-0004" and form.new
        assert "statement: required" in text_of(app, "#note-problems")

        form.query_one("#f-statement", TextArea).focus()
        await pilot.press(*"Madrid is the capital of Spain.")
        form.query_one("#f-locator", Input).value = "p. 16"
        form.query_one("#f-quote", TextArea).load_text("Madrid, capital of Spain")
        form.query_one("#f-typed-prompt", Input).value = "Capital of Spain?"
        form.query_one("#f-typed-answer", Input).value = "Madrid"
        form.query_one("#f-date", Input).focus()
        await pilot.press(*"1561-13")
        await pilot.pause()
        problems = text_of(app, "#note-problems")
        assert "date: month in '1561-13' is out of range" in problems
        assert "Fix the problems" in text_of(app, "#note-preview")

        await pilot.press("ctrl+s")  # refused while the form has problems
        await pilot.pause()
        assert app.screen is form and [i for i, _ in notes(capitals)] == ["cap-0001", "cap-0002", "cap-0003"]

        await pilot.press("backspace", "backspace", "backspace")
        await pilot.pause()
        assert "The note is valid" in text_of(app, "#note-problems")
        assert "Capital of Spain?" in text_of(app, "#note-preview")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DeckEditorScreen)
        added = load_deck(capitals).deck.notes[-1]
        assert (added.id, added.statement, added.date, added.source) == (
            "cap-0004",
            "Madrid is the capital of Spain.",
            "1561",
            "atlas",
        )
        assert added.typed and added.typed.answer == "Madrid"
        table = app.screen.query_one(DataTable)
        assert table.row_count == 4 and table.cursor_row == 3
        assert "# a comment between keys" in capitals.read_text("utf-8")


async def test_editor_edit_delete_and_discard(capitals: Path) -> None:
    app = make_authoring_app(capitals)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NoteEditScreen) and form.note_id == "cap-0002"
        form.query_one("#f-locator", Input).value = "p. 99"
        await pilot.press("escape")  # changed: asks first
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_deck(capitals).deck.notes[1].locator == "p. 99"

        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [i for i, _ in notes(capitals)] == ["cap-0001", "cap-0003"]
        assert app.screen.query_one(DataTable).row_count == 2


def test_snapshot_review(snap_compare, drafts: Path) -> None:
    assert snap_compare(make_authoring_app(drafts, mode="review"), press=["s"], terminal_size=SIZE)


def test_snapshot_editor(snap_compare, capitals: Path) -> None:
    assert snap_compare(make_authoring_app(capitals), press=["down"], terminal_size=SIZE)


def test_snapshot_note_form(snap_compare, capitals: Path) -> None:
    app = make_authoring_app(capitals)

    async def open_with_bad_date(pilot) -> None:  # noqa: ANN001
        await pilot.press("down", "down", "e")
        await pilot.pause()
        date = app.screen.query_one("#f-date", Input)
        date.focus()
        date.value = "1868-02-30"
        await pilot.pause()

    assert snap_compare(app, run_before=open_with_bad_date, terminal_size=(80, 24))
