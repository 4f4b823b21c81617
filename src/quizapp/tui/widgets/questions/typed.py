"""Typed answers and cloze blanks: type into the box and press enter."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Static

from quizapp.quiz.questions import BLANK
from quizapp.tui.text import plain
from quizapp.tui.widgets.questions.base import RIGHT, WRONG, QuestionView

if TYPE_CHECKING:
    from quizapp.quiz.run import Outcome


def cloze_text(prompt: str, answer: str | None = None) -> Text:
    """The cloze sentence with its blank made easy to spot, or filled in with `answer` (parts split by ' / ')."""
    if answer is None:
        text = plain(prompt)
        text.highlight_regex(re.escape(BLANK), "bold reverse")
        return text
    parts = answer.split(" / ")
    pieces = prompt.split(BLANK)
    text = Text()
    for i, piece in enumerate(pieces):
        text.append_text(plain(piece))
        if i < len(pieces) - 1:
            text.append_text(plain(parts[min(i, len(parts) - 1)], style="bold underline"))
    return text


class TypedView(QuestionView):
    """A prompt (or a sentence with a blank) and an answer box."""

    DEFAULT_CSS = """
    TypedView Input { width: 1fr; max-width: 70; }
    TypedView .qv-given { padding: 0 1; }
    TypedView .qv-given.-right { color: $text-success; text-style: bold; }
    TypedView .qv-given.-typo { color: $text-warning; text-style: bold; }
    TypedView .qv-given.-wrong { color: $text-error; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        q = self.question
        yield Static(cloze_text(q.prompt) if q.kind == "cloze" else plain(q.prompt), classes="qv-prompt")
        hint = "the missing words" if q.kind == "cloze" else "your answer"
        yield Input(placeholder=f"Type {hint}, then press enter", id="qv-input", select_on_focus=False)

    def focus_target(self) -> Widget:
        return self.query_one(Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.notify("Type an answer first (or ? if you do not know).", severity="warning", timeout=3)
            return
        self.submit(value)

    def show_outcome(self, outcome: Outcome) -> None:
        """Swap the box for the answer given, coloured by the verdict (shown again after an overrule)."""
        self.query_one(Input).display = False
        if self.question.kind == "cloze":
            self.query_one(".qv-prompt", Static).update(cloze_text(self.question.prompt, self.question.answer))
        given = self.query(".qv-given")
        if given:
            given.remove()
        verdict = "right" if outcome.verdict in ("correct", "overruled") else outcome.verdict
        mark = {"right": RIGHT, "typo": "≈"}.get(verdict, WRONG)
        line = Text.assemble(f"{mark} You wrote: ", plain(outcome.given))
        self.mount(Static(line, classes=f"qv-given -{verdict}"))
