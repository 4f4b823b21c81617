"""The parts every question view shares: the Answered message, clickable option rows, reveal and lock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from quizapp.tui.text import plain

if TYPE_CHECKING:
    from quizapp.decks.models import Note
    from quizapp.quiz.questions import Question
    from quizapp.quiz.run import Outcome, Response

RIGHT, WRONG = "✓", "✗"


class OptionRow(Static):
    """One line of a question: a key, deck text and, once answered, a mark. Clicking it posts Clicked."""

    DEFAULT_CSS = """
    OptionRow { height: auto; padding: 0 1; }
    OptionRow:hover { background: $boost; }
    OptionRow.-cursor { background: $accent 35%; }
    OptionRow.-right { color: $text-success; text-style: bold; }
    OptionRow.-wrong { color: $text-error; }
    OptionRow.-used { color: $text-muted; }
    """

    @dataclass
    class Clicked(Message):
        """The learner clicked this row."""

        row: OptionRow

        @property
        def control(self) -> OptionRow:
            return self.row

    def __init__(self, key: str, text: str, index: int, *, id: str | None = None):
        super().__init__(id=id)
        self.key, self.text, self.index = key, text, index
        self.mark, self.extra = " ", Text()
        self.set_text(text)

    def set_text(self, text: str, extra: Text | str = "", mark: str | None = None) -> None:
        """Show `text` (deck data, shown literally) after the key; `extra` after it, `mark` before it."""
        self.text = text
        self.extra = extra if isinstance(extra, Text) else plain(extra)
        if mark is not None:
            self.mark = mark
        line = Text.assemble(f"{self.mark} ", (f"{self.key:>2}", "bold"), "  ", plain(self.text), self.extra)
        self.update(line)

    def on_click(self) -> None:
        self.post_message(self.Clicked(self))


class QuestionView(Vertical, can_focus=True):
    """Shows one question, posts Answered once, then shows the outcome and ignores further input."""

    DEFAULT_CSS = """
    QuestionView { height: auto; padding: 0 1; }
    QuestionView .qv-prompt { margin-bottom: 1; text-style: bold; }
    QuestionView .qv-hint { color: $text-muted; margin-top: 1; }
    """
    ANSWER_ACTIONS: ClassVar[frozenset[str]] = frozenset()

    @dataclass
    class Answered(Message):
        """The learner gave a response (int, bool, str or tuple of ints)."""

        view: QuestionView
        response: Response

        @property
        def control(self) -> QuestionView:
            return self.view

    def __init__(self, question: Question, notes: Sequence[Note] = (), *, id: str | None = None):
        super().__init__(id=id)
        self.question = question
        self.notes = list(notes)
        self.outcome: Outcome | None = None
        self.response: Response | None = None
        self._sent = False

    def relabel(self, key: str, key_display: str) -> None:
        """Show this view's binding for `key` as `key_display` in the footer, e.g. '1-5' when there are five items."""
        bindings = getattr(self, "_bindings", None)
        table = getattr(bindings, "key_to_bindings", None)
        if isinstance(table, dict) and key in table:
            table[key] = [replace(b, key_display=key_display) for b in table[key]]

    @property
    def locked(self) -> bool:
        return self._sent

    def focus_target(self) -> Widget:
        """The widget that should take focus when the question appears."""
        return self

    def submit(self, response: Response) -> None:
        if not self._sent:
            self._sent = True
            self.response = response
            self.post_message(self.Answered(self, response))

    def reveal(self, outcome: Outcome) -> None:
        """Show which parts were right; input is locked from now on."""
        self.outcome = outcome
        self.show_outcome(outcome)

    def show_outcome(self, outcome: Outcome) -> None:  # pragma: no cover - every view overrides it
        pass

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # once answered, answer keys fall through to the screen (enter: next question)
        return not (action in self.ANSWER_ACTIONS and self._sent)
