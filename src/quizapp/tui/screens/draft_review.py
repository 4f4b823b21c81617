"""Review drafted notes one at a time: accept, edit, reject or skip; each decision is saved at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quizapp.tui.screens.deck_editor import note_summary
from quizapp.tui.widgets.note_preview import NotePreview
from quizapp.words import counted

if TYPE_CHECKING:
    from quizapp.decks.library import LoadedDeck
    from quizapp.decks.models import Note


class DraftReviewScreen(Screen[None]):
    """One draft note at a time with its quote and proposed questions, and a counter of drafts left."""

    DEFAULT_CSS = """
    DraftReviewScreen #review-counter { height: 1; padding: 0 1; background: $boost; }
    DraftReviewScreen #review-body { height: 1fr; padding: 0 1; }
    DraftReviewScreen #review-note { margin: 1 0; }
    DraftReviewScreen #review-questions { border: round $primary 60%; height: auto; }
    """

    BINDINGS = [
        Binding("a", "accept", "Accept", id="draft_review.accept"),
        Binding("e", "edit", "Edit", id="draft_review.edit"),
        Binding("r", "reject", "Reject", id="draft_review.reject"),
        Binding("s", "skip", "Skip", id="draft_review.skip"),
        Binding("escape", "close", "Back", id="draft_review.close"),
    ]

    def __init__(self, path: Path, loaded: LoadedDeck, *, closable: bool = False):
        super().__init__()
        self.path, self.loaded, self.closable = path, loaded, closable
        drafts = self.drafts()
        self.current: str | None = drafts[0].id if drafts else None
        self.decided = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-counter")
        with VerticalScroll(id="review-body"):
            yield Static(id="review-note")
            with VerticalScroll(id="review-questions"):
                yield NotePreview(id="review-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-questions").border_title = "Proposed questions"
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close":
            return self.closable
        if action in ("accept", "edit", "reject", "skip"):
            return True if self.current else None
        return True

    def drafts(self) -> list[Note]:
        return [n for n in self.loaded.deck.notes if n.draft]

    def note(self) -> Note | None:
        return next((n for n in self.drafts() if n.id == self.current), None)

    def show(self) -> None:
        """Draw the current draft and the counter."""
        from quizapp.quiz.questions import Pools

        drafts = self.drafts()
        counter = self.query_one("#review-counter", Static)
        note = self.note()
        self.refresh_bindings()
        if note is None:
            counter.update(Text(f"No drafts left · {self.decided} decided here", style="green"))
            total = len(self.loaded.deck.notes)
            self.query_one("#review-note", Static).update(
                Text.assemble(
                    ("All drafts are reviewed. ", "bold green"),
                    f"The deck has {counted(total, 'note')}. ",
                    ("Press escape to go back." if self.closable else "Press ctrl+q to quit.", "dim"),
                )
            )
            self.query_one("#review-questions").display = False
            return
        position = drafts.index(note) + 1
        counter.update(
            Text.assemble(
                ("Draft ", "bold"),
                (f"{position} of {len(drafts)}", "bold yellow"),
                f"  ·  {len(drafts)} left to review  ·  {self.decided} decided",
            )
        )
        source = self.loaded.deck.source(note.source)
        self.query_one("#review-note", Static).update(note_summary(note, source.title if source else note.source))
        self.query_one("#review-questions").display = True
        self.query_one(NotePreview).show(note, Pools.from_notes(self.loaded.deck.notes))
        self.query_one("#review-body", VerticalScroll).scroll_home(animate=False)

    def _advance(self, before: list[str]) -> None:
        """Move to the next draft after the current one in `before` (the draft ids before the decision)."""
        left = {n.id for n in self.drafts()}
        i = before.index(self.current) if self.current in before else -1
        after = [d for d in before[i + 1 :] + before[: i + 1] if d in left]
        self.current = after[0] if after else None
        self.show()

    def _save(self, action: str) -> None:
        from quizapp.authoring import edit

        note_id = self.current
        if note_id is None:
            return
        before = [n.id for n in self.drafts()]
        try:
            if action == "accept":
                self.loaded = edit.accept_draft(self.path, note_id)
            else:
                self.loaded = edit.delete_note(self.path, note_id)
        except edit.EditRefused as e:
            lines = "\n".join(f"{p.field}: {p.message}" for p in e.problems[:5])
            self.notify(f"{e}\n{lines}".strip(), title="Not saved", severity="error", timeout=10)
            return
        self.decided += 1
        self.notify(f"{'Accepted' if action == 'accept' else 'Rejected and removed'} {note_id}.", timeout=2)
        self._advance(before)

    def action_accept(self) -> None:
        self._save("accept")

    def action_reject(self) -> None:
        self._save("reject")

    def action_skip(self) -> None:
        if self.current is not None:
            self._advance([n.id for n in self.drafts()])

    def action_edit(self) -> None:
        from quizapp.authoring.edit import note_data
        from quizapp.tui.screens.note_edit import NoteEditScreen

        note = self.note()
        if note is not None:
            self.app.push_screen(NoteEditScreen(self.path, self.loaded.deck, note.id, note_data(note)), self._edited)

    def _edited(self, note_id: str | None) -> None:
        from quizapp.authoring import edit

        if note_id is None:
            return
        before = [n.id for n in self.drafts()]
        try:
            self.loaded = edit.load(self.path)
        except edit.EditRefused as e:
            self.notify(str(e), title="Cannot reload", severity="error")
            return
        if self.note() is None:  # the draft box was unticked in the form: that accepts the note
            self.decided += 1
            self._advance(before)
        else:
            self.show()

    def action_close(self) -> None:
        if self.closable:
            self.dismiss(None)
