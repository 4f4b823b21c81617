"""Quiz: one question at a time, feedback with the source after each answer, then the results."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quizapp.quiz.run import QuizRun
from quizapp.tui.text import header_sub, plain
from quizapp.tui.widgets.questions import KIND_LABELS, QuestionView, TypedView, view_for
from quizapp.tui.widgets.questions.feedback import feedback_text

if TYPE_CHECKING:
    from quizapp.decks.models import Note
    from quizapp.quiz.questions import Question
    from quizapp.quiz.run import Outcome
    from quizapp.workspace import Workspace


def clock_text(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def fresh_seed() -> str:
    """A short seed for a quiz started without one, so it can be shared and taken again."""
    return secrets.token_hex(3)


class QuizScreen(Screen[None]):
    """Asks the questions of a QuizRun; ends on the results screen."""

    DEFAULT_CSS = """
    QuizScreen #quiz-body { padding: 1 2; }
    QuizScreen #quiz-kind { color: $text-accent; text-style: bold; margin-bottom: 1; }
    QuizScreen #quiz-slot { height: auto; }
    QuizScreen #quiz-feedback { margin-top: 1; padding: 0 1; border: round $primary; height: auto; display: none; }
    QuizScreen #quiz-feedback.-right { border: round $success; }
    QuizScreen #quiz-feedback.-typo { border: round $warning; }
    QuizScreen #quiz-feedback.-wrong { border: round $error; }
    """
    BINDINGS = [
        Binding("enter,space", "next", "Next", id="quiz.next"),
        Binding("o", "overrule", "I was right", id="quiz.overrule"),
        Binding("escape", "leave", "Leave", id="quiz.leave"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        deck_id: str | None = None,
        *,
        count: int = 10,
        kinds: Sequence[str] = (),
        tags: Sequence[str] = (),
        seed: str | None = None,
        questions: Sequence[Question] | None = None,
        title: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__()
        self.workspace, self.deck_id, self.tags = workspace, deck_id, tuple(tags)
        self.count, self.kinds = count, tuple(kinds)
        self.clock = clock
        self.seed = seed or fresh_seed()
        self.again = ""  # the command that asks the same quiz again; empty for a retry of given questions
        if questions is None:
            questions = self._build(self.seed)
            self.again = self._command()
        self.run = QuizRun(list(questions), title or self._title(), self.seed)
        self.view: QuestionView | None = None
        self.answered = False
        self.number = 0
        self._shown_at = self._started = clock()

    def _build(self, seed: str) -> list[Question]:
        from quizapp.quiz.questions import ALL_KINDS, build_quiz

        notes = self.workspace.notes(self.deck_id, self.tags)
        kinds = tuple(k for k in self.kinds if k in ALL_KINDS) or ALL_KINDS
        return build_quiz(
            notes,
            count=self.count,
            kinds=kinds,
            seed=seed,
            pool_notes=self.workspace.notes(),
        )

    def _command(self) -> str:
        from quizapp.quiz.questions import ALL_KINDS

        parts = ["quizapp quiz", self.deck_id or "", f"--seed {self.seed}"]
        if self.count != 10:
            parts.append(f"--count {self.count}")
        if self.kinds and set(self.kinds) != set(ALL_KINDS):
            parts.append(f"--kinds {','.join(self.kinds)}")
        if self.tags:
            parts.append(f"--tags {','.join(self.tags)}")
        return " ".join(p for p in parts if p)

    def _title(self) -> str:
        deck = self.workspace.library.get(self.deck_id) if self.deck_id else None
        name = deck.title if deck else "All decks"
        return f"{name} · tags: {', '.join(self.tags)}" if self.tags else name

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz-body", can_focus=False):
            yield Static(id="quiz-kind")
            yield Vertical(id="quiz-slot")
            yield Static(id="quiz-feedback")
        yield Footer()

    async def on_mount(self) -> None:
        self._started = self.clock()
        self.set_interval(1.0, self._update_header)
        if not self.run.questions:
            self.query_one("#quiz-kind", Static).update(plain("No questions to ask."))
            self.query_one("#quiz-slot").mount(
                Static(
                    plain(
                        "These notes cannot make questions of the chosen kinds. Try other kinds, tags or decks. "
                        "Press escape to go back."
                    )
                )
            )
            self._update_header()
            return
        await self._show_question()

    # -- asking -------------------------------------------------------------------------------------------------
    def _notes(self, q: Question) -> list[Note]:
        lib = self.workspace.library
        return [lib.notes[i] for i in q.note_ids if i in lib.notes]

    async def _show_question(self) -> None:
        q = self.run.current
        if q is None:
            return
        self.answered = False
        self.number = self.run.index + 1
        slot = self.query_one("#quiz-slot")
        await slot.remove_children()
        self.view = view_for(q, self._notes(q))
        await slot.mount(self.view)
        self.query_one("#quiz-kind", Static).update(KIND_LABELS.get(q.kind, q.kind))
        feedback = self.query_one("#quiz-feedback", Static)
        feedback.display = False
        feedback.update("")
        self.query_one("#quiz-body").scroll_home(animate=False)
        self.view.focus_target().focus()  # a focus change refreshes the footer's keys
        self._shown_at = self.clock()
        self._update_header()

    def on_question_view_answered(self, event: QuestionView.Answered) -> None:
        event.stop()
        if self.answered or event.view is not self.view or self.run.finished:
            return
        outcome = self.run.answer(event.response, seconds=max(0.0, self.clock() - self._shown_at))
        if self.run.finished:  # the one clock stops at the last answer: the header and the results show this time
            self.run.elapsed = max(0.0, self.clock() - self._started)
        self.answered = True
        event.view.reveal(outcome)
        self._show_feedback(outcome)
        if self.focused is event.view:
            self.refresh_bindings()
        else:
            event.view.focus()  # away from a typed answer's box, so enter, space and o reach the screen

    def _show_feedback(self, outcome: Outcome) -> None:
        feedback = self.query_one("#quiz-feedback", Static)
        response = self.view.response if self.view else None
        feedback.update(
            feedback_text(
                outcome,
                self._notes(outcome.question),
                self.workspace.library,
                response=response,
                last=self.run.finished,
            )
        )
        feedback.set_classes("-typo" if outcome.verdict == "typo" else "-right" if outcome.correct else "-wrong")
        feedback.display = True
        self.call_after_refresh(feedback.scroll_visible, animate=False, top=False)
        self._update_header()

    def _update_header(self) -> None:
        total = len(self.run.questions)
        spent = self.run.elapsed if self.run.elapsed is not None else self.clock() - self._started
        elapsed = clock_text(spent)
        self.title = f"Quiz {self.number}/{total} · score {self.run.score} · {elapsed}"
        self.sub_title = header_sub(self.title, self.run.title, self.app.size.width)

    def on_resize(self) -> None:
        self._update_header()

    # -- actions ------------------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self.answered
        if action == "overrule":
            last = self.run.outcomes[-1] if self.answered and self.run.outcomes else None
            return bool(last and last.question.kind in ("typed", "cloze") and not last.correct)
        return True

    async def action_next(self) -> None:
        if not self.answered:
            return
        if self.run.finished:
            self.finish()
        else:
            await self._show_question()

    def action_overrule(self) -> None:
        if not self.check_action("overrule", ()):
            return
        outcome = self.run.overrule()
        if isinstance(self.view, TypedView):
            self.view.reveal(outcome)
        self._show_feedback(outcome)
        self.refresh_bindings()

    def action_leave(self) -> None:
        if self.run.finished and self.run.questions:
            self.finish()
            return
        if not self.run.outcomes:
            self.dismiss()
            return
        from quizapp.tui.screens.confirm import ConfirmScreen

        def chosen(leave: bool | None) -> None:
            if leave:
                self.dismiss()

        n = len(self.run.outcomes)
        text = f"Leave this quiz? Only finished quizzes are saved, so your {n} answer{'s' * (n != 1)} will not be kept."
        self.app.push_screen(ConfirmScreen(text, yes="Leave", no="Keep going"), chosen)

    def finish(self) -> None:
        """Save the finished quiz to the learner's history and show the results."""
        from quizapp.tui.screens.results import ResultsScreen

        saved, problem = self.save()
        self.app.switch_screen(
            ResultsScreen(
                self.workspace, self.run, self.deck_id, saved=saved, problem=problem, again=self.again, clock=self.clock
            )
        )

    def save(self) -> tuple[bool, str | None]:
        from quizapp.quiz.run import save_result

        store = self.workspace.store
        if store.read_only:
            return False, "Not saved: this learner is open read-only."
        try:
            save_result(store.folder, self.run, self.workspace.learner)
        except OSError as e:
            return False, f"Could not save the result: {e.strerror or e}"
        return True, None
