"""What the study screen does to a card besides rating it: bury, suspend, flag, edit the note, card info, undo
(the session's, most recent first), custom study, and saying when a save failed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from quizapp.errors import SaveFailed
from quizapp.scheduling.flags import flag_name
from quizapp.scheduling.scheduler import Rating
from quizapp.study.session import CardIndex, StudySession
from quizapp.tui.screens.study_keys import ANSWER, DONE, EMPTY, QUESTION, RECALL, TYPING
from quizapp.tui.screens.study_sync import PicksUpSynced
from quizapp.tui.text import header_sub
from quizapp.tui.widgets.card_view import when_text
from quizapp.words import counted

if TYPE_CHECKING:
    import random

    from textual.widgets import Static

    from quizapp.study.session import Clock, StudyCard
    from quizapp.tui.editing import NoteEdit
    from quizapp.tui.screens.custom_study import CustomStudy
    from quizapp.tui.widgets.card_view import CardView
    from quizapp.workspace import Workspace

if TYPE_CHECKING:  # the screen the mixin is part of, for the type checker (notify, app, query_one, ...)
    from textual.screen import Screen

    _ScreenBase = Screen[None]
else:
    _ScreenBase = object


class CardActions(PicksUpSynced, _ScreenBase):
    """The study screen's card actions (a mixin of StudyScreen: it uses the screen's session and card), and
    picking up what a sync tool brought (study_sync).

    Undo is the session's: it takes back ratings, buries, suspends and flags itself, and an edit through the
    callback the screen gives it (which writes the note's old fields back to its deck file).
    """

    ws: Workspace
    deck_id: str | None
    session: StudySession
    card: StudyCard | None
    phase: str
    mode_label: str
    clock: Clock
    rng: random.Random
    recall: bool
    _view: CardView
    _banner_box: Static

    if TYPE_CHECKING:  # the screen's own methods

        def _next(self) -> None: ...
        def _rate(self, rating: Rating, kind: str | None = None) -> None: ...
        def _ask(self) -> None: ...
        def _show(self) -> None: ...
        def _elapsed(self) -> float: ...
        def _meta(self) -> Text: ...
        def _render_top(self) -> None: ...
        def action_home(self) -> None: ...

    def _header(self) -> None:
        """ "Study · <deck>" in the header, the deck's title shortened between words to fit the terminal."""
        deck = self.ws.library.get(self.deck_id) if self.deck_id else None
        name = deck.title if deck else "all decks"
        self.sub_title = header_sub(self.app.title, name, self.app.size.width, "Study · ")

    def on_resize(self) -> None:
        self._header()

    def action_undo(self) -> None:
        """Take back the session's last action, most recent first: a rating, bury, suspend, flag or note edit."""
        try:
            undone = self.session.undo()
        except SaveFailed as e:
            self._failed(e)
            self._next()
            return
        if undone is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self.notify(undone.message, timeout=2, markup=False)
        if undone.action == "edit":
            self._reload_notes()
        elif undone.action in ("flag", "unflag"):
            self._view.put_meta(self._meta())
        else:
            self._next()

    def _mark(self, what: str) -> None:
        try:
            card = self.session.bury() if what == "bury" else self.session.suspend()
        except SaveFailed as e:
            self._failed(e)
            card = self.card
        if card is not None:
            self.notify(
                "Buried until tomorrow (u undoes)."
                if what == "bury"
                else "Suspended: not asked until you unsuspend it in the browser (u undoes).",
                timeout=2,
            )
        self._next()

    def action_bury(self) -> None:
        self._mark("bury")

    def action_suspend(self) -> None:
        self._mark("suspend")

    def action_flag(self, colour: int | None = None) -> None:
        """A colour's key sets that flag (again: clears it); `*` (None) toggles the red flag."""
        try:
            flag = self.session.flag(colour)
        except SaveFailed as e:
            self._failed(e)
            return
        self.notify(f"Flagged {flag_name(flag)} (u undoes)." if flag else "Flag removed (u undoes).", timeout=2)
        self._view.put_meta(self._meta())

    def action_edit(self) -> None:
        """Edit the card's note in its deck file (u takes the edit back)."""
        from quizapp.tui.editing import edit_note

        if self.card is not None:
            edit_note(self.app, self.ws, self.card.note.id, self._edited)

    def _edited(self, edit: NoteEdit) -> None:
        if self.card is not None:
            self.session.edited(self.card, lambda: self._undo_edit(edit))
        self._reload_notes()

    def _undo_edit(self, edit: NoteEdit) -> None:
        """Write the note's old fields back to its deck file (called by the session's undo)."""
        from quizapp.authoring.edit import EditRefused
        from quizapp.tui.editing import undo_edit

        try:
            undo_edit(self.ws, edit)
        except (EditRefused, OSError) as e:
            self.notify(str(e), title="Edit not undone", severity="error", markup=False)

    def _reload_notes(self) -> None:
        """The decks changed on disk: the session's cards are built again from the notes as they are now."""
        notes = self.ws.library.notes
        self.session.notes = [notes.get(n.id, n) for n in self.session.notes]
        self.session.by_id = CardIndex(self.session.notes)
        self.card = self.session.current()
        if self.card is not None and self.phase == ANSWER:
            self._show()
        elif self.card is not None:
            self._ask()

    def action_info(self) -> None:
        """The card in full: its note, source, memory state and review history."""
        from quizapp.tui.screens.card_detail import CardDetailScreen

        if self.card is not None:
            self.app.push_screen(CardDetailScreen(self.ws, self.card.card_id, clock=self.clock))

    def action_custom(self) -> None:
        from quizapp.tui.screens.custom_study import CustomStudy, CustomStudyScreen, custom_cards

        now = self.clock()

        def count(choice: CustomStudy) -> int:
            return len(custom_cards(choice, self.ws, now)[1])

        first = CustomStudy("failed", self.deck_id)
        if not count(first):
            first = CustomStudy("ahead", self.deck_id)
            if not count(first):
                first = CustomStudy("new", self.deck_id)
        decks = [(d.id, d.deck.deck.title) for d in self.ws.library.decks]
        self.app.push_screen(CustomStudyScreen(decks, self.ws.all_tags(), count, first), self._start_custom)

    def _start_custom(self, choice: CustomStudy | None) -> None:
        from quizapp.tui.screens.custom_study import custom_cards

        if choice is None:
            if self.phase == DONE:
                self.action_home()
            return
        notes, cards = custom_cards(choice, self.ws, self.clock())
        if not cards:
            self.notify("No cards match that choice.", severity="warning")
            return
        self.session = StudySession(
            self.ws.store,
            self.ws.scheduler,
            notes,
            clock=self.clock,
            reschedule=choice.reschedule,
            cards=cards,
            started=self.clock(),
        )
        self.mode_label = choice.describe()
        self.notify(f"{counted(len(cards), 'card')} to study.", title="Custom study")
        self._next()

    def action_good(self) -> None:
        """After the reveal, space or enter rates Good (as in Anki)."""
        if self.phase == ANSWER:
            self._rate(Rating.GOOD)

    def action_toggle_recall(self) -> None:
        self.recall = not self.recall
        self.keep_own_mode("recall")
        self.notify(
            "Active recall on: cards are asked as questions and graded for you."
            if self.recall
            else "Active recall off: classic flashcards."
        )
        if self.card is not None and self.phase in (QUESTION, TYPING, RECALL):
            self._ask()
        else:
            self._render_top()

    def _finish(self) -> None:
        if self.session.done == 0:
            self.phase = EMPTY
            self._show()
            return
        from quizapp.tui.screens.summary import SummaryScreen

        self.phase = DONE
        self._show()
        s = self.session.summary()
        elapsed = self._elapsed()
        upcoming = when_text(s.next_due, self.clock()) if s.next_due else "nothing scheduled yet"
        title = "Custom study complete" if self.mode_label else "Session complete"
        self.app.push_screen(SummaryScreen(s, elapsed, upcoming, title), self._after_summary)

    def _after_summary(self, choice: str | None) -> None:
        if choice == "undo":
            self.action_undo()
        elif choice == "custom":
            self.action_custom()
        else:
            self.action_home()

    def _failed(self, error: SaveFailed) -> None:
        """A write failed: say so where it stays visible; the store keeps the change and retries."""
        self._banner(str(error))
        self.notify(str(error), title="Not saved", severity="error", timeout=15)

    def _banner(self, message: str) -> None:
        banner = self._banner_box
        banner.update(Text("⚠ " + message))
        banner.display = True

    def _banner_clear(self) -> None:
        banner = self._banner_box
        if banner.display and not self.ws.store.pending and not self.ws.store.read_only:
            banner.display = False
            self.notify("Everything is saved now.", title="Saved")
