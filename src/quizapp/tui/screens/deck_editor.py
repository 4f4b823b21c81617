"""The deck editor: every note of one deck file; add, edit and delete notes, review drafts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from quizapp.tui.text import plain
from quizapp.tui.widgets.note_preview import NotePreview
from quizapp.words import counted

if TYPE_CHECKING:
    from quizapp.decks.library import LoadedDeck
    from quizapp.decks.models import Note

STATEMENT_WIDTH = 60


def note_summary(note: Note, source_title: str) -> Text:
    """Statement, citation and timeline of a note, as plain Text."""
    out = Text.assemble(plain(note.id, "bold"), ("  draft" if note.draft else "", "yellow"))
    out.append("\n")
    out.append_text(plain(note.statement, "bold"))
    out.append("\n")
    out.append_text(plain(f"{source_title} — {note.locator}", "dim"))
    out.append("\n")
    out.append_text(plain(f"“{note.quote}”", "italic"))
    extra = [x for x in (note.date, note.event, " ".join(f"#{t}" for t in note.tags)) if x]
    if extra:
        out.append("\n")
        out.append_text(plain("  ·  ".join(extra), "cyan"))
    if note.explanation:
        out.append("\n")
        out.append_text(plain(note.explanation, "dim"))
    return out


class DeckEditorScreen(Screen[None]):
    """Notes of one deck file; edits are saved to the file at once, keeping its comments and layout."""

    DEFAULT_CSS = """
    DeckEditorScreen #editor-status { height: 1; padding: 0 1; background: $boost; }
    DeckEditorScreen #editor-body { height: 1fr; }
    DeckEditorScreen #editor-notes { width: 1fr; }
    DeckEditorScreen #editor-detail { width: 1fr; border-left: solid $primary 50%; padding: 0 1; }
    DeckEditorScreen #editor-summary { margin-bottom: 1; }
    DeckEditorScreen NotePreview { padding: 0; }
    """

    BINDINGS = [
        Binding("a", "add", "Add", id="deck_editor.add"),
        Binding("e", "edit", "Edit", id="deck_editor.edit"),
        Binding("d", "delete", "Delete", id="deck_editor.delete"),
        Binding("r", "review", "Review drafts", id="deck_editor.review"),
    ]

    def __init__(self, path: Path, loaded: LoadedDeck):
        super().__init__()
        self.path = path
        self.loaded = loaded

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="editor-status")
        with Horizontal(id="editor-body"):
            yield DataTable(id="editor-notes", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="editor-detail"):
                yield Static(id="editor-summary")
                yield NotePreview(id="editor-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_notes()

    @property
    def deck(self):  # noqa: ANN201 - models.Deck, imported lazily
        return self.loaded.deck

    def reload(self, select: str | None = None) -> None:
        from quizapp.authoring import edit

        try:
            self.loaded = edit.load(self.path)
        except edit.EditRefused as e:
            self.notify(f"{e}\n" + "\n".join(map(str, e.problems[:3])), title="Cannot reload", severity="error")
            return
        self.refresh_notes(select)

    def refresh_notes(self, select: str | None = None) -> None:
        """Redraw the list, keeping the cursor on `select` (or where it was)."""
        table = self.query_one("#editor-notes", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column("Id", key="id")
        table.add_column("", key="draft")
        table.add_column("Statement", key="statement")
        for n in self.deck.notes:
            short = n.statement if len(n.statement) <= STATEMENT_WIDTH else n.statement[: STATEMENT_WIDTH - 1] + "…"
            table.add_row(plain(n.id), Text("draft", style="yellow") if n.draft else Text(""), plain(short), key=n.id)
        ids = [n.id for n in self.deck.notes]
        if select in ids:
            row = ids.index(select)
        if ids:
            table.move_cursor(row=max(0, min(row, len(ids) - 1)))
        drafts = sum(n.draft for n in self.deck.notes)
        status = Text.assemble(
            plain(self.deck.deck.title, "bold"),
            f"  ·  {counted(len(ids), 'note')}",
            (f"  ·  {counted(drafts, 'draft')}" if drafts else "", "yellow"),
            "  ·  ",
            plain(self.path.name, "dim"),
        )
        self.query_one("#editor-status", Static).update(status)
        self.show_selected()

    def selected(self) -> Note | None:
        table = self.query_one("#editor-notes", DataTable)
        if not self.deck.notes or table.row_count == 0:
            return None
        return self.deck.notes[min(table.cursor_row, len(self.deck.notes) - 1)]

    def show_selected(self) -> None:
        from quizapp.quiz.questions import Pools

        note = self.selected()
        summary = self.query_one("#editor-summary", Static)
        if note is None:
            summary.update(Text("No notes yet. Press a to add one.", style="dim"))
            self.query_one(NotePreview).show(None)
            return
        source = self.deck.source(note.source)
        summary.update(note_summary(note, source.title if source else note.source))
        self.query_one(NotePreview).show(note, Pools.from_notes(self.deck.notes))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_selected()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        from quizapp.authoring.edit import next_note_id
        from quizapp.tui.screens.note_edit import NoteEditScreen

        if not self.deck.sources:
            self.notify("Declare a source under [[sources]] first.", severity="error")
            return
        note_id = next_note_id(self.deck)
        data = {"source": self.deck.sources[0].id}
        self.app.push_screen(NoteEditScreen(self.path, self.deck, note_id, data, new=True), self._edited)

    def action_edit(self) -> None:
        from quizapp.authoring.edit import note_data
        from quizapp.tui.screens.note_edit import NoteEditScreen

        note = self.selected()
        if note is not None:
            self.app.push_screen(NoteEditScreen(self.path, self.deck, note.id, note_data(note)), self._edited)

    def _edited(self, note_id: str | None) -> None:
        if note_id:
            self.reload(note_id)

    def action_delete(self) -> None:
        from quizapp.tui.screens.confirm import ConfirmScreen

        note = self.selected()
        if note is None:
            return

        def chosen(yes: bool | None) -> None:
            if yes:
                self._delete(note.id)

        self.app.push_screen(
            ConfirmScreen(
                f"Delete note {note.id}?\n\n{note.statement}\n\nLearners lose this card.", yes="Delete", no="Keep"
            ),
            chosen,
        )

    def _delete(self, note_id: str) -> None:
        from quizapp.authoring import edit

        try:
            self.loaded = edit.delete_note(self.path, note_id)
        except edit.EditRefused as e:
            self.notify(str(e), title="Not deleted", severity="error")
            return
        self.notify(f"Deleted {note_id}.")
        self.refresh_notes()

    def action_review(self) -> None:
        from quizapp.tui.screens.draft_review import DraftReviewScreen

        if not any(n.draft for n in self.deck.notes):
            self.notify("No draft notes in this deck.")
            return
        self.app.push_screen(DraftReviewScreen(self.path, self.loaded, closable=True), lambda _: self.reload())
