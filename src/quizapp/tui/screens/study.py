"""Study due cards: question, answer with its source, ratings with intervals; undo, bury, suspend, flag, recall."""

from __future__ import annotations

import gc
import random
from datetime import timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, OptionList, Static

from quizapp.errors import SaveFailed
from quizapp.scheduling.scheduler import Rating
from quizapp.study.session import StudyCard, StudySession, auto_rating, utcnow
from quizapp.tui.paint import keep_full_map, put, show
from quizapp.tui.text import clean
from quizapp.tui.widgets.card_view import CardView, when_text
from quizapp.tui.widgets.rating_bar import LABELS, RatingBar
from quizapp.tui.widgets.study_status import StudyStatus, nothing_due_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from quizapp.quiz.questions import Question
    from quizapp.quiz.run import Outcome, Response
    from quizapp.study.session import Clock
    from quizapp.tui.screens.custom_study import CustomStudy
    from quizapp.workspace import Workspace

# What the screen is showing.
QUESTION, TYPING, ANSWER, RECALL = "question", "typing", "answer", "recall"
GRADED, EMPTY, DONE = "graded", "empty", "done"
CARD_PHASES = (QUESTION, TYPING, ANSWER, RECALL, GRADED)
MAX_ANSWER = timedelta(minutes=5)  # longer pauses are not counted as answering time
# The footer keys that come and go. Undo always shows (with nothing to undo it says so): rebuilding the footer
# when it first appeared made the first rating of a session take 70-100 ms.
FOOTER_ACTIONS = ("bury", "custom")
KIND_LABEL = {
    "basic": "Flashcard",
    "reverse": "Flashcard (reversed)",
    "cloze": "Fill the gap",
    "typed": "Type the answer",
    "choice": "Multiple choice",
    "truefalse": "True or false",
}


def _collect_now() -> None:
    """Turn the garbage collector back on and run the collection that was held back, now rather than at the first
    allocation of the next key press: the oldest generation over its threshold, as Python would have."""
    gc.enable()
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = [generation for generation in range(3) if counts[generation] > thresholds[generation]]
    if due:
        gc.collect(due[-1])


class StudyScreen(Screen[None]):
    """One spaced-repetition session over a deck (or all decks)."""

    DEFAULT_CSS = """
    #study-mode {
        padding: 0 2;
        color: $text-accent;
        height: auto;
    }
    #study-banner {
        padding: 0 2;
        background: $error 25%;
        color: $text-error;
        text-style: bold;
        height: auto;
    }
    #study-hint {
        padding: 0 2;
        color: $text-muted;
        height: auto;
    }
    """

    AUTO_FOCUS = "#card-view"
    # Keys whose use the screen itself shows (buttons, options, hint line) stay out of the footer, so the
    # footer changes rarely: redrawing it is the slow part of a key press.
    BINDINGS = [
        Binding("space,enter", "reveal", "Show answer", id="study.reveal", show=False),
        Binding("enter", "save", "Save rating", id="study.save", show=False),
        Binding("1", "digit(1)", "Again / option 1", id="study.key1", show=False),
        Binding("2", "digit(2)", "Hard / option 2", id="study.key2", show=False),
        Binding("3", "digit(3)", "Good / option 3", id="study.key3", show=False),
        Binding("4", "digit(4)", "Easy / option 4", id="study.key4", show=False),
        Binding("t", "truth(True)", "True", id="study.true", show=False),
        Binding("f", "truth(False)", "False", id="study.false", show=False),
        Binding("o", "overrule", "I was right", id="study.overrule", show=False),
        Binding("u,ctrl+z", "undo", "Undo", id="study.undo", key_display="u"),
        Binding("b", "bury", "Bury", id="study.bury"),
        Binding("s", "suspend", "Suspend", id="study.suspend"),
        Binding("f", "flag", "Flag", id="study.flag"),
        Binding("a", "toggle_recall", "Recall", id="study.recall"),
        Binding("c", "custom", "Custom study", id="study.custom"),
        Binding("escape", "home", "Home", id="study.home"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        deck_id: str | None = None,
        *,
        clock: Clock | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__()
        keep_full_map(self)
        self.ws, self.deck_id = workspace, deck_id
        self.clock: Clock = clock or utcnow
        self.rng = rng or random.Random()
        self.recall = workspace.store.profile.settings.active_recall
        self.mode_label = ""
        self.session = StudySession(
            workspace.store,
            workspace.scheduler,
            workspace.notes(deck_id),
            clock=self.clock,
            started=self.clock(),
            deck_of=workspace.deck_of(),
            links=workspace.links(),
        )
        self.phase = EMPTY
        self.card: StudyCard | None = None
        self.question: Question | None = None
        self.outcome: Outcome | None = None
        self.proposed: Rating | None = None
        self.given = ""  # what was typed on a classic typed card
        self.shown_at = self.clock()
        self._usable: tuple[bool, ...] = ()
        self._drawn: list[Callable[[], object]] = []  # to run once the next frame is drawn

    # -- layout -------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield StudyStatus(id="study-status")
        yield Static(id="study-mode")
        yield Static(id="study-banner")
        yield CardView(id="card-view")
        yield Static(id="study-hint")
        yield RatingBar(id="study-ratings")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # The widgets a key press changes, looked up once.
        self._status = self.query_one(StudyStatus)
        self._mode = self.query_one("#study-mode", Static)
        self._banner_box = self.query_one("#study-banner", Static)
        self._view = self.query_one(CardView)
        self._input = self.query_one("#card-input", Input)
        self._hint = self.query_one("#study-hint", Static)
        self._bar = self.query_one(RatingBar)
        deck = self.ws.library.get(self.deck_id) if self.deck_id else None
        self.sub_title = clean(f"Study · {deck.title if deck else 'all decks'}")
        self._banner_box.display = False
        if self.ws.store.read_only:
            self._banner("This learner is open read-only here: ratings cannot be saved.")
        self._tick()
        self.set_interval(1.0, self._tick)
        self.screen_layout_refresh_signal.subscribe(self, self._frame_drawn)
        self._next()

    def on_screen_resume(self) -> None:
        self._focus()

    # -- flow -------------------------------------------------------------------------------------------
    def _next(self) -> None:
        """Show the next card, or the end of the session."""
        self.card = self.session.current()
        self.shown_at = self.clock()
        if self.card is None:
            self._finish()
        else:
            self._ask()

    def _ask(self) -> None:
        """Ask the current card: as a question in active recall, else as a flashcard (typed cards want typing)."""
        assert self.card is not None
        self.question = self.outcome = self.proposed = None
        self.given = ""
        q = self.session.question_for(self.card, self.rng) if self.recall else None
        if q is not None:
            self.question, self.phase = q, RECALL
        else:
            self.phase = TYPING if self.card.kind == "typed" else QUESTION
        self._show()

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

    def _grade(self, response: Response) -> None:
        """Active recall: grade the answer and propose a rating."""
        from quizapp.quiz.run import grade

        assert self.question is not None and self.card is not None
        seconds = min(self.clock() - self.shown_at, MAX_ANSWER).total_seconds()
        self.outcome = grade(self.question, response, round(seconds, 2))
        self.proposed = auto_rating(self.outcome.correct, seconds, self.session.state(self.card.card_id))
        self.phase = GRADED
        self._show()

    def _rate(self, rating: Rating, kind: str | None = None) -> None:
        """Save the rating (before anything else is shown), then go on."""
        if self.card is None:
            return
        self._hold_gc()
        ms = int(min(self.clock() - self.shown_at, MAX_ANSWER).total_seconds() * 1000)
        try:
            self.session.rate(rating, ms, kind)
            if self.session.leech_notice:
                self.notify(self.session.leech_notice, title="Leech", severity="warning")
        except SaveFailed as e:
            self._failed(e)
        else:
            self._banner_clear()
        self._next()

    # -- rendering ----------------------------------------------------------------------------------------
    def _when_drawn(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the frame this key press changes is drawn: work for later (drawing the answer
        unseen, collecting garbage) must not hold that frame up. Textual's call_after_refresh may run a callback
        before the frame when the screen goes idle before its widgets have asked for one."""
        if not self._drawn:
            self.set_timer(0.5, self._frame_drawn)  # should a change need no new layout (no signal then)
        self._drawn.append(callback)

    def _frame_drawn(self, _screen: object = None) -> None:
        callbacks, self._drawn = self._drawn, []
        for callback in callbacks:
            callback()

    def _hold_gc(self) -> None:
        """Keep Python's cyclic garbage collector out of this key press and its frame; it runs once the frame is
        drawn, while the card is read. (Textual's objects trigger a collection every few keys: 1-5 ms, sometimes
        15 ms for a full one, on the shared machine.)"""
        if gc.isenabled():
            gc.disable()
            self._when_drawn(_collect_now)

    def on_screen_suspend(self) -> None:
        gc.enable()

    def on_unmount(self) -> None:
        gc.enable()

    def _show(self) -> None:
        self._hold_gc()
        with self.app.batch_update():
            self._render_top()
            self._render_card()
            self._render_bottom()
            self._refresh_footer()
            self._focus()

    def _refresh_footer(self) -> None:
        """Refresh the footer only when its keys change (other keys are checked when pressed)."""
        usable = tuple(bool(self.check_action(a, ())) for a in FOOTER_ACTIONS)
        if usable != self._usable:
            self._usable = usable
            self.refresh_bindings()

    def _focus(self) -> None:
        target = self._input if self._view.typing else self._view
        if self.focused is not target:  # focus() repaints the widget even when it has the focus already
            target.focus()

    def _render_top(self) -> None:
        current = self.session.state(self.card.card_id).phase if self.card and self.phase in CARD_PHASES else None
        self._status.show(self.session.counts(), current, self.session.done, self.session.remaining)
        mode = [m for m in (self.mode_label, "Active recall: answers are graded for you" if self.recall else "") if m]
        put(self._mode, " · ".join(mode))
        show(self._mode, bool(mode))

    def _tick(self) -> None:
        self._status.show_time(self._elapsed())

    def _elapsed(self) -> float:
        started = self.session.started
        return (self.clock() - started).total_seconds() if started else 0.0

    def _render_card(self) -> None:
        view, card, q = self._view, self.card, self.question
        if self.phase == EMPTY:
            deck = self.ws.library.get(self.deck_id) if self.deck_id else None
            states = [(cid, self.ws.store.states.get(cid)) for cid in self.session.by_id]
            view.show_message(
                nothing_due_text(
                    deck.title if deck else "your decks",
                    states,
                    self.ws.store.profile.settings,
                    self.ws.scheduler,
                    self.clock(),
                )
            )
        elif card is None or self.phase == DONE:
            view.clear()
        elif self.phase in (ANSWER, GRADED):
            given = self.given if card.kind == "typed" else None
            view.reveal(card, self._meta(), self.ws.library, q, self.outcome, given)
        else:
            typing = self.phase == TYPING or (q is not None and q.kind in ("typed", "cloze"))
            view.ask(card, self._meta(), q, typing)

    def _render_bottom(self) -> None:
        bar, hint, q = self._bar, self._hint, self.question
        text = ""
        if self.phase == QUESTION:
            bar.show_reveal()
            self._when_drawn(self._prepare_answer)
        elif self.phase == TYPING:
            bar.show_reveal("Check  (enter)")
            self._when_drawn(self._prepare_answer)
        elif self.phase == ANSWER:
            bar.show_ratings(self.session.previews())
        elif self.phase == GRADED:
            assert self.proposed is not None
            bar.show_ratings(self.session.previews(), self.proposed)
            text = f"Proposed rating: {LABELS[self.proposed]}. Press 1–4 to change it, enter to save it."
            if self.check_action("overrule", ()):
                text += "  o: I was right."
        else:
            show(bar, False)
            if self.phase == RECALL and q is not None:
                text = {
                    "choice": "Press 1–4 (or click an option) to answer.",
                    "truefalse": "Press t for true or f for false (or click).",
                }.get(q.kind, "Type your answer and press enter.")
        put(hint, text)
        show(hint, bool(text))

    def _prepare_answer(self) -> None:
        """Once the question is on screen: build the answer's lines and draw the rating buttons while the question
        is read, so the answer shows at once."""
        if self.phase in (QUESTION, TYPING) and self.card is not None:
            if self.phase == QUESTION:
                self._view.prepare(self.card, self._meta(), self.ws.library)
            self._bar.prepare(self.session.previews())

    def _meta(self) -> Text:
        """Deck, kind of card, its phase, and a flag mark."""
        assert self.card is not None
        card = self.card
        deck = self.ws.library.note_deck.get(card.note.id)
        state = self.session.state(card.card_id)
        kind = self.question.kind if self.question else card.kind
        parts = [deck.title if deck else "", KIND_LABEL.get(kind, kind), state.phase.value.capitalize()]
        meta = Text(" · ".join(clean(p) for p in parts if p))
        if state.flagged:
            meta.append("  ⚑ flagged", style="bold magenta")
        return meta

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

    # -- bindings -----------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        p, q = self.phase, self.question
        if action == "reveal":
            return p in (QUESTION, TYPING)
        if action == "save":
            return p == GRADED
        if action == "digit":
            return p in (ANSWER, GRADED) or (p == RECALL and q is not None and q.kind == "choice")
        if action == "truth":
            return p == RECALL and q is not None and q.kind == "truefalse"
        if action == "overrule":
            o = self.outcome
            return p == GRADED and o is not None and not o.correct and q is not None and q.kind in ("typed", "cloze")
        if action in ("bury", "suspend", "flag"):
            return p in CARD_PHASES
        if action == "custom":
            return p in (EMPTY, DONE)
        return True

    def action_reveal(self) -> None:
        if self.phase == TYPING:
            self._check_typed(self._input.value)
        elif self.phase == QUESTION:
            self.phase = ANSWER
            self._show()

    def _check_typed(self, given: str) -> None:
        self.given = given
        self.phase = ANSWER
        self._show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.phase == TYPING:
            self._check_typed(event.value)
        elif self.phase == RECALL:
            self._grade(event.value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.phase == RECALL and self.question is not None:
            self._grade(event.option_index if self.question.kind == "choice" else event.option_index == 0)

    def action_digit(self, n: int) -> None:
        if self.phase == ANSWER:
            self._rate(Rating(n))
        elif self.phase == GRADED:
            self.proposed = Rating(n)
            self._render_bottom()
        elif self.phase == RECALL and self.question is not None and n <= len(self.question.options):
            self._grade(n - 1)

    def action_save(self) -> None:
        if self.phase == GRADED and self.proposed is not None and self.question is not None:
            self._rate(self.proposed, self.question.kind)

    def action_truth(self, value: bool) -> None:
        if self.phase == RECALL:
            self._grade(value)

    def action_overrule(self) -> None:
        if self.check_action("overrule", ()):
            self.notify("Counted as right (Good).")
            self._rate(Rating.GOOD, "override")

    def on_rating_bar_rated(self, message: RatingBar.Rated) -> None:
        if self.phase == ANSWER:
            self._rate(message.rating)
        elif self.phase == GRADED and self.question is not None:
            self._rate(message.rating, self.question.kind)

    def on_rating_bar_reveal_pressed(self) -> None:
        self.action_reveal()

    def action_undo(self) -> None:
        try:
            undone = self.session.undo()
        except SaveFailed as e:
            self._failed(e)
            self._next()
            return
        if undone is None:
            self.notify("Nothing to undo.")
            return
        self.notify(undone.message)
        self._next()

    def _mark(self, what: str) -> None:
        try:
            card = self.session.bury() if what == "bury" else self.session.suspend()
        except SaveFailed as e:
            self._failed(e)
            card = self.card
        if card is not None:
            self.notify(
                "Buried until tomorrow."
                if what == "bury"
                else "Suspended: it will not be asked until you unsuspend it in the browser."
            )
        self._next()

    def action_bury(self) -> None:
        self._mark("bury")

    def action_suspend(self) -> None:
        self._mark("suspend")

    def action_flag(self) -> None:
        try:
            flagged = self.session.toggle_flag()
        except SaveFailed as e:
            self._failed(e)
            return
        self.notify("Flagged." if flagged else "Flag removed.")
        self._view.put_meta(self._meta())

    def action_toggle_recall(self) -> None:
        self.recall = not self.recall
        self.notify(
            "Active recall on: cards are asked as questions and graded for you."
            if self.recall
            else "Active recall off: classic flashcards."
        )
        if self.card is not None and self.phase in (QUESTION, TYPING, RECALL):
            self._ask()
        else:
            self._render_top()

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
        decks = [(d.id, d.title) for d in self.ws.library.decks]
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
        self.notify(f"{len(cards)} card(s) to study.", title="Custom study")
        self._next()

    def action_home(self) -> None:
        if self.ws.store.pending:
            try:
                self.ws.store.flush()
            except SaveFailed as e:
                self._failed(e)
        if self.app.screen is self:
            self.app.pop_screen()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "card-custom":
            event.stop()
            self.action_custom()
