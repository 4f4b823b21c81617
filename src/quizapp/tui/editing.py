"""Edit a card's note in its deck file from the study screen or the browser, and take an edit back (undo)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from quizapp.workspace import Workspace


@dataclass(frozen=True)
class NoteEdit:
    """A saved edit: which note of which file, and its fields before the edit (what undo writes back)."""

    path: Path
    note_id: str
    before: dict[str, Any]


def edit_note(app: App, ws: Workspace, note_id: str, done: Callable[[NoteEdit], None]) -> None:
    """Open the note form on `note_id`; once it is saved, reload its deck and call `done` with the edit."""
    from quizapp.authoring.edit import note_data
    from quizapp.tui.screens.note_edit import NoteEditScreen

    deck, note = ws.library.note_deck.get(note_id), ws.library.notes.get(note_id)
    if deck is None or note is None:
        app.notify(f"The note {note_id} is no longer in a deck.", severity="error", markup=False)
        return
    before = note_data(note)

    def saved(result: str | None) -> None:
        if result:
            reload_deck(ws, deck.path)
            done(NoteEdit(deck.path, note_id, before))

    app.push_screen(NoteEditScreen(deck.path, deck.deck, note_id, before), saved)


def undo_edit(ws: Workspace, edit: NoteEdit) -> None:
    """Write the note back as it was before `edit` (raises EditRefused if the file no longer allows it)."""
    from quizapp.authoring.edit import update_note

    update_note(edit.path, edit.note_id, edit.before)
    reload_deck(ws, edit.path)


def reload_deck(ws: Workspace, path: Path) -> None:
    """Read one deck file again and put it in the workspace's library in place of the old one."""
    from quizapp.authoring.edit import load
    from quizapp.decks.library import Library

    fresh = load(path)
    decks = [fresh if d.path == path else d for d in ws.library.decks]
    ws.library = Library(decks, ws.library.problems)
