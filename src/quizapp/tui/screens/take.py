"""A student takes a session: each answer is saved to their own file before the next question appears."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from quizapp.classroom.context import SessionContext
from quizapp.classroom.results import OpenAttempt
from quizapp.errors import QuizappError
from quizapp.quiz.questions import Question
from quizapp.quiz.run import Outcome, Response, grade
from quizapp.tui.text import plain
from quizapp.tui.widgets.classquestion import QuestionView, answer_text
from quizapp.words import counted

TICK = 0.25
_ITEM = re.compile(r"[0-9]+|[a-jA-J]")


def parse_sequence(text: str, size: int) -> tuple[int, ...] | None:
    """'3 1 2' or '312' (or letters 'c a b') -> 0-based (2, 0, 1); None unless it has exactly `size` items."""
    tokens = _ITEM.findall(text)
    if len(tokens) == 1 and tokens[0].isdigit() and len(tokens[0]) == size > 1:
        tokens = list(tokens[0])
    items = [int(t) - 1 if t.isdigit() else ord(t.lower()) - ord("a") for t in tokens]
    if len(items) != size or any(not 0 <= i < size for i in items):
        return None
    return tuple(items)


def hint(q: Question) -> str:
    if q.kind == "choice":
        return f"Press 1–{len(q.options)}."
    if q.kind == "truefalse":
        return "Press t for true or f for false."
    if q.kind == "ordering":
        return f"Type the {len(q.options)} numbers in order, earliest first (e.g. 2 1 3), then enter."
    if q.kind == "matching":
        return "For A, B, C… in turn, type the number of its partner (e.g. 2 1 3), then enter."
    return "Type your answer and press enter."


class TakeScreen(Screen[None]):
    """Sign in (unless the student was given), then one question at a time, then the score."""

    DEFAULT_CSS = """
    TakeScreen #take-body {
        padding: 1 2;
    }
    TakeScreen #take-progress {
        color: $text-muted;
        margin-bottom: 1;
    }
    TakeScreen #take-question {
        margin-bottom: 1;
    }
    TakeScreen #take-hint {
        color: $text-muted;
    }
    TakeScreen #take-feedback {
        margin-top: 1;
        height: auto;
    }
    TakeScreen .-hidden {
        display: none;
    }
    """

    BINDINGS = [
        Binding("1", "choose(0)", "Choose 1–4", id="take.choose1"),
        Binding("2", "choose(1)", "Option 2", id="take.choose2", show=False),
        Binding("3", "choose(2)", "Option 3", id="take.choose3", show=False),
        Binding("4", "choose(3)", "Option 4", id="take.choose4", show=False),
        Binding("t", "truefalse(True)", "True", id="take.true"),
        Binding("f", "truefalse(False)", "False", id="take.false"),
        Binding("enter", "next", "Next", id="take.next"),
        Binding("escape", "leave", "Save and leave", id="take.leave"),
    ]

    def __init__(
        self,
        ctx: SessionContext,
        attempt: OpenAttempt | None,
        *,
        clock: Callable[[], float],
        now: Callable[[], datetime],
    ):
        super().__init__()
        self.ctx, self.attempt, self.clock, self.now = ctx, attempt, clock, now
        self.phase = "signin"  # signin | ask | feedback | done
        self.message = ""
        self._asked = 0.0

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="take-body"):
            yield Static("", id="take-title")
            yield Static("", id="take-progress")
            yield QuestionView(letters=False, id="take-question")
            yield Static("", id="take-hint")
            yield Input(id="take-input")
            yield Static("", id="take-feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK, self.tick)
        if self.attempt is None:
            self.show_signin()
        else:
            self.start()

    # -- sign in ----------------------------------------------------------------------------------------------
    def show_signin(self) -> None:
        self.phase = "signin"
        self.query_one("#take-title", Static).update(
            Text.assemble(
                ("Welcome to ", ""), plain(self.ctx.session.label, "bold"), (" — ", ""), plain(self.ctx.cf.class_.name)
            )
        )
        self.query_one("#take-progress", Static).update(f"{len(self.ctx.questions)} questions")
        self.query_one("#take-hint", Static).update("Type your student id and press enter.")
        box = self.query_one("#take-input", Input)
        box.placeholder = "student id"
        box.focus()
        self.refresh_bindings()

    def sign_in(self, student: str) -> None:
        from quizapp.classroom.results import open_attempt

        try:
            self.attempt = open_attempt(
                self.ctx.root,
                self.ctx.cf,
                self.ctx.session,
                student.strip(),
                quiz=self.ctx.quiz_id,
                total=len(self.ctx.questions),
                now=self.now(),
            )
        except QuizappError as e:
            self._feedback(Text(str(e), style="bold red"))
            return
        self.app.attempt = self.attempt  # type: ignore[attr-defined]  # the app closes it on exit
        self._feedback(Text(""))
        self.start()

    # -- questions --------------------------------------------------------------------------------------------
    def start(self) -> None:
        assert self.attempt is not None
        student = self.ctx.cf.student(self.attempt.attempt.student)
        self.query_one("#take-title", Static).update(
            Text.assemble(
                plain(self.ctx.session.label, "bold"),
                (" · ", ""),
                plain(student.name if student else self.attempt.attempt.student),
            )
        )
        if self.attempt.resumed and (kept := self.attempt.next_index):
            self.notify(
                f"Welcome back: your {counted(kept, 'answer')} {'is' if kept == 1 else 'are'} kept; going on from "
                f"question {kept + 1}.",
                title="Resumed",
            )
        self.ask()

    @property
    def question(self) -> Question | None:
        if self.attempt is None or self.attempt.next_index >= len(self.ctx.questions):
            return None
        return self.ctx.questions[self.attempt.next_index]

    def ask(self) -> None:
        q = self.question
        if q is None:
            self.finish()
            return
        self.phase = "ask"
        self._asked = self.clock()
        self.query_one("#take-question", QuestionView).show(q)
        self.query_one("#take-hint", Static).update(hint(q))
        box = self.query_one("#take-input", Input)
        typed = q.kind in ("typed", "cloze", "ordering", "matching")
        box.set_class(not typed, "-hidden")
        box.value = ""
        box.placeholder = "your answer"
        if typed:
            box.focus()
        else:
            self.set_focus(None)
        self._feedback(Text(""))
        self.tick()
        self.refresh_bindings()
        self.query_one("#take-body", VerticalScroll).scroll_home(animate=False)

    def remaining(self) -> float | None:
        limit = self.ctx.session.seconds
        return None if not limit else max(0.0, self._asked + limit - self.clock())

    def tick(self) -> None:
        if self.phase != "ask" or self.attempt is None:
            return
        left = self.remaining()
        if left is not None and left <= 0:
            self.submit(None)
            return
        self._progress(left)

    def _progress(self, left: float | None) -> None:
        assert self.attempt is not None
        a = self.attempt.attempt
        number = a.answered + (self.phase == "ask")
        line = f"Question {number} of {len(self.ctx.questions)}   ·   {a.score} right so far"
        if left is not None:
            line += f"   ·   {math.ceil(left)} s left"
        self.query_one("#take-progress", Static).update(line)

    def submit(self, response: Response | None) -> None:
        """Grade and save the answer (None: time ran out); show the result once it is on disk."""
        q = self.question
        if q is None or self.phase != "ask" or self.attempt is None:
            return
        spent = round(min(self.clock() - self._asked, self.ctx.session.seconds or math.inf), 2)
        if response is None:
            outcome = Outcome(q, "", False, "timeout", f"Time is up. The answer: {q.answer}", spent)
        else:
            outcome = grade(q, response, spent)
        try:
            self.attempt.save(outcome, self.ctx.tags_of(q), self.now())
        except QuizappError as e:  # the session closed meanwhile
            self.message = str(e)
            self.finish()
            return
        except OSError as e:
            self.notify(
                f"Your answer could not be saved ({e.strerror or e}); try again.", severity="error", markup=False
            )
            return
        self.phase = "feedback"
        self._progress(None)
        self.query_one("#take-input", Input).add_class("-hidden")
        self.set_focus(None)
        head = (
            Text("Right! ", style="bold green")
            if outcome.correct
            else Text("Time is up. " if response is None else "Not quite. ", style="bold red")
        )
        head.append("(saved)  ", style="dim")
        head.append_text(answer_text(q, letters=False))
        self._feedback(head)
        last = self.question is None
        self.query_one("#take-hint", Static).update(
            "Press enter for your score." if last else "Press enter for the next question."
        )
        self.refresh_bindings()

    def finish(self) -> None:
        self.phase = "done"
        a = self.attempt.attempt if self.attempt else None
        self.query_one("#take-question", QuestionView).update("")
        self.query_one("#take-input", Input).add_class("-hidden")
        self.set_focus(None)
        if a is not None:
            self.query_one("#take-progress", Static).update(
                f"Answered {a.answered} of {a.total}   ·   {a.score} right   ·   {a.seconds:g} s"
            )
        text = Text(self.message + "\n\n", style="bold red") if self.message else Text()
        if a is not None and a.done:
            text.append(f"Finished: {a.score} of {a.total} right.\n", style="bold")
        text.append("Your answers are saved. Press enter or escape to close.")
        self._feedback(text)
        self.query_one("#take-hint", Static).update("")
        self.refresh_bindings()

    def _feedback(self, text: Text) -> None:
        self.query_one("#take-feedback", Static).update(text)

    # -- input ------------------------------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.phase == "signin":
            self.sign_in(event.value)
            return
        q = self.question
        if self.phase != "ask" or q is None:
            return
        if q.kind in ("ordering", "matching"):
            seq = parse_sequence(event.value, len(q.options))
            if seq is None:
                self._feedback(Text(f"Give each of the {len(q.options)} numbers once.", style="yellow"))
                return
            self.submit(seq)
        elif event.value.strip():
            self.submit(event.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        q = self.question
        if action == "choose":
            return self.phase == "ask" and q is not None and q.kind == "choice"
        if action == "truefalse":
            return self.phase == "ask" and q is not None and q.kind == "truefalse"
        if action == "next":
            return self.phase in ("feedback", "done")
        return True

    def action_choose(self, option: int) -> None:
        q = self.question
        if q is not None and q.kind == "choice" and option < len(q.options):
            self.submit(option)

    def action_truefalse(self, value: bool) -> None:
        q = self.question
        if q is not None and q.kind == "truefalse":
            self.submit(value)

    def action_next(self) -> None:
        if self.phase == "feedback":
            self.ask()
        elif self.phase == "done":
            self.app.exit(0)

    def action_leave(self) -> None:
        if self.phase in ("ask", "feedback") and self.attempt is not None:
            self.app.exit(0, message="Your answers are saved. Run the same command again to go on.")
        else:
            self.app.exit(0)
