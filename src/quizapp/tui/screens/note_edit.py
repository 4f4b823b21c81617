"""Edit one note in a form, with live validation and a live preview of its questions; saves to the deck file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quizapp.tui.text import plain
from quizapp.tui.widgets.note_form import NoteForm
from quizapp.tui.widgets.note_preview import NotePreview
from quizapp.words import counted

if TYPE_CHECKING:
    from quizapp.decks.models import Deck, Note


def note_problems(data: dict[str, Any], deck: Deck) -> tuple[Note | None, list[str]]:
    """Validate note data as the deck file will: (the note or None, 'field: message' lines)."""
    from quizapp.decks.models import Note
    from quizapp.decks.schema import ValidationError, validate

    try:
        note = validate(Note, data)
    except ValidationError as e:
        lines = []
        for err in e.errors():
            where = ".".join(str(p) for p in err["loc"]) or "note"
            missing = err["type"] in ("missing", "missing_argument")
            msg = "required" if missing else err["msg"].removeprefix("Value error, ")
            lines.append(f"{where}: {msg}")
        return None, lines
    known = {s.id for s in deck.sources}
    lines = [
        f"{where}: unknown source {sid!r}"
        for where, sid in (
            ("source", note.source),
            ("conflict.source", note.conflict.source if note.conflict else None),
        )
        if sid is not None and sid not in known
    ]
    return (None if lines else note), lines


class NoteEditScreen(Screen[str | None]):
    """The note form; ctrl+s checks the whole deck and saves, escape goes back. Dismisses with the saved id."""

    DEFAULT_CSS = """
    NoteEditScreen #note-edit-body { height: 1fr; }
    NoteEditScreen NoteForm { width: 3fr; border: round $primary 60%; }
    NoteEditScreen #note-edit-side { width: 2fr; }
    NoteEditScreen #note-problems { height: auto; padding: 0 1; border: round $primary 60%; }
    NoteEditScreen #note-problems.-bad { border: round $error; }
    NoteEditScreen #note-preview-box { height: 1fr; border: round $primary 60%; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note_edit.save", priority=True),
        Binding("escape", "cancel", "Back", id="note_edit.cancel"),
    ]

    def __init__(self, path: Path, deck: Deck, note_id: str, data: dict[str, Any], *, new: bool = False):
        super().__init__()
        self.path, self.deck, self.note_id, self.new = path, deck, note_id, new
        self.initial = {**data, "id": note_id}
        self.problems: list[str] = []
        self.loaded: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="note-edit-body"):
            others = [n.statement for n in self.deck.notes if n.id != self.note_id]
            yield NoteForm(self.note_id, [(s.id, s.title) for s in self.deck.sources], others, id="note-form")
            with VerticalScroll(id="note-edit-side"):
                yield Static(id="note-problems")
                with VerticalScroll(id="note-preview-box"):
                    yield NotePreview(id="note-preview")
        yield Footer()

    def on_mount(self) -> None:
        form = self.query_one(NoteForm)
        form.border_title = ("New note " if self.new else "Note ") + self.note_id
        form.border_subtitle = "ctrl+s save · escape back"
        self.query_one("#note-preview-box").border_title = "Preview"
        form.load(self.initial)
        self.loaded = form.data()  # what "unchanged" looks like, to ask before discarding edits
        self.call_after_refresh(self.check)
        self.query_one("#f-statement").focus()

    def on_note_form_changed(self, event: NoteForm.Changed) -> None:
        self.check()

    def check(self) -> None:
        """Validate the form and refresh the problems box and the preview."""
        from quizapp.quiz.questions import Pools

        note, self.problems = note_problems(self.query_one(NoteForm).data(), self.deck)
        self._show_problems(self.problems)
        others = [n for n in self.deck.notes if n.id != self.note_id] + ([note] if note else [])
        self.query_one(NotePreview).show(note, Pools.from_notes(others), why="Fix the problems to see a preview.")

    def _show_problems(self, problems: list[str], title: str = "") -> None:
        box = self.query_one("#note-problems", Static)
        box.set_class(bool(problems), "-bad")
        box.border_title = title or (f"{counted(len(problems), 'problem')}" if problems else "Checks")
        if problems:
            box.update(Text("\n").join(plain("✗ " + p, "red") for p in problems))
        else:
            box.update(Text("✓ The note is valid.", style="green"))

    def action_save(self) -> None:
        from quizapp.authoring import edit

        self.check()
        if self.problems:
            self.notify("Fix the problems first.", severity="error")
            return
        data = self.query_one(NoteForm).data()
        try:
            if self.new:
                edit.add_note(self.path, data)
            else:
                edit.update_note(self.path, self.note_id, data)
        except edit.EditRefused as e:
            lines = [f"{p.field}: {p.message}" for p in e.problems] or [str(e)]
            self._show_problems(lines, "Not saved")
            self.notify(str(e), title="Not saved", severity="error")
            return
        self.notify(f"Saved {self.note_id} to {self.path.name}.")
        self.dismiss(self.note_id)

    def action_cancel(self) -> None:
        from quizapp.tui.screens.confirm import ConfirmScreen

        if self.query_one(NoteForm).data() == self.loaded:
            self.dismiss(None)
            return

        def chosen(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard your changes to this note?", yes="Discard", no="Keep editing"), chosen
        )
