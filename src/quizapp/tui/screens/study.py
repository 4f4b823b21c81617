"""Study due cards: question, answer and source, ratings with intervals (the keys are in study_keys.py)."""

from __future__ import annotations

import gc
import random
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, OptionList, Static

from quizapp.errors import SaveFailed
from quizapp.scheduling.scheduler import Rating
from quizapp.study.queue import DayContext
from quizapp.study.session import StudyCard, StudySession, auto_rating, utcnow
from quizapp.tui.narrow import QuietKeys
from quizapp.tui.paint import put, show
from quizapp.tui.screens import study_keys as keys
from quizapp.tui.screens.study_actions import CardActions
from quizapp.tui.screens.study_keys import (
    ANSWER,
    CARD_PHASES,
    DONE,
    EMPTY,
    GRADED,
    MAX_ANSWER,
    QUESTION,
    RECALL,
    TYPING,
)
from quizapp.tui.widgets.card_view import CardView
from quizapp.tui.widgets.rating_bar import RatingBar
from quizapp.tui.widgets.study_status import StudyStatus, nothing_due_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from quizapp.quiz.questions import Question
    from quizapp.quiz.run import Outcome, Response
    from quizapp.study.session import Clock
    from quizapp.workspace import Workspace


class StudyScreen(CardActions, QuietKeys, Screen[None]):
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
    #study-hint.-typing {
        color: $text-warning;
        text-style: bold;
    }
    /* Toasts show at the top: at the bottom they hid the rating buttons' intervals. */
    StudyScreen ToastRack {
        dock: top;
        align: right top;
        margin-top: 1;
        margin-bottom: 0;
    }
    """

    AUTO_FOCUS = "#card-view"
    BINDINGS = keys.BINDINGS

    def __init__(
        self,
        workspace: Workspace,
        deck_id: str | None = None,
        *,
        clock: Clock | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__()
        self.ws, self.deck_id = workspace, deck_id
        self.clock: Clock = clock or utcnow
        self.rng = rng or random.Random()
        settings = workspace.store.profile.settings
        self.recall, self.type_answers = settings.active_recall, settings.type_answers  # see PicksUpSynced
        self.mode_label = ""
        self.session = StudySession(
            workspace.store,
            workspace.scheduler,
            workspace.notes(deck_id),
            clock=self.clock,
            started=self.clock(),
            context=DayContext(workspace.deck_of(), workspace.links()),
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
        self._header()
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
        self.take_synced_modes()
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
            self.phase = TYPING if self.card.kind == "typed" and self.type_answers else QUESTION
        self._show()

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
        """Run `callback` once this key press's frame is drawn, so later work (the unseen answer, garbage) never
        holds it up (call_after_refresh may run before the frame when the screen idles before asking for one)."""
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
        15 ms for a full one, on the shared machine.) Kept because it measurably helps: benchmarks/bench_study.py,
        4 interleaved runs each way, process CPU per key p50 9.9-11.2 ms with it against 12.0-12.1 ms without, p95
        14.4-16.4 against 17.1-19.4 ms, i.e. under or over a 60 fps frame (16.7 ms)."""
        if gc.isenabled():
            gc.disable()
            self._when_drawn(keys.collect_now)

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
        usable = tuple(bool(self.check_action(a, ())) for a in keys.FOOTER_ACTIONS)
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
            given = self.given if card.kind == "typed" and self.type_answers else None
            view.reveal(card, self._meta(), self.ws.library, q, self.outcome, given)
        else:
            typing = self.phase == TYPING or (q is not None and q.kind in ("typed", "cloze"))
            view.ask(card, self._meta(), q, typing)

    def _render_bottom(self, typed_key: str = "") -> None:
        bar, hint, q = self._bar, self._hint, self.question
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
        else:
            show(bar, False)
        text = keys.hint_text(self.phase, q, self.proposed, bool(self.check_action("overrule", ())), typed_key)
        put(hint, text)
        hint.set_class(keys.wants_typing(self.phase, q), "-typing")
        show(hint, bool(text))

    def _prepare_answer(self) -> None:
        """Once the question is on screen: build the answer's lines and draw the rating buttons while the question
        is read, so the answer shows at once."""
        if self.phase in (QUESTION, TYPING) and self.card is not None:
            if self.phase == QUESTION:
                self._view.prepare(self.card, self._meta(), self.ws.library)
            self._bar.prepare(self.session.previews())

    def _meta(self) -> Text:
        assert self.card is not None
        return keys.card_meta(self.ws, self.session, self.card, self.question)

    # -- bindings -----------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase, q, o, hidden = self.phase, self.question, self.outcome, keys.hidden_keys(self.size.width)
        if action == "quiet":  # a key the narrow footer hides: works whenever its shown twin would
            return parameters[0] in hidden and keys.allowed(str(parameters[0]), phase, q, o)
        return action not in hidden and keys.allowed(action, phase, q, o)

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

    def on_input_changed(self, event: Input.Changed) -> None:
        """A rating habit (1-4, space) typed into an empty answer box is taken out again, with a word why."""
        if self.phase in (TYPING, RECALL) and event.value in keys.RATING_KEYS:
            event.input.value = ""
            self._render_bottom(typed_key=event.value.strip() or "space")

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
