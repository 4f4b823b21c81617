"""Multiple choice (keys 1-4 or a click) and true/false (t/f or a click)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from quizapp.tui.text import plain
from quizapp.tui.widgets.questions.base import RIGHT, WRONG, OptionRow, QuestionView

if TYPE_CHECKING:
    from quizapp.quiz.run import Outcome


class ChoiceView(QuestionView):
    """A prompt and up to four numbered options."""

    BINDINGS = [
        Binding("1", "choose(0)", "Choose", key_display="1-4", id="quiz.choose1"),
        Binding("2", "choose(1)", "Choose", show=False, id="quiz.choose2"),
        Binding("3", "choose(2)", "Choose", show=False, id="quiz.choose3"),
        Binding("4", "choose(3)", "Choose", show=False, id="quiz.choose4"),
    ]
    ANSWER_ACTIONS = frozenset({"choose"})

    def on_mount(self) -> None:
        self.relabel("1", f"1-{len(self.question.options)}")

    def compose(self) -> ComposeResult:
        yield Static(plain(self.question.prompt), classes="qv-prompt")
        for i, option in enumerate(self.question.options):
            yield OptionRow(str(i + 1), option, i)
        yield Static(f"Press 1-{len(self.question.options)} or click an option.", classes="qv-hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters and int(parameters[0]) >= len(self.question.options):  # type: ignore[call-overload]
            return False
        return super().check_action(action, parameters)

    def action_choose(self, index: int) -> None:
        if 0 <= index < len(self.question.options):
            self.submit(index)

    def on_option_row_clicked(self, event: OptionRow.Clicked) -> None:
        event.stop()
        self.action_choose(event.row.index)

    def show_outcome(self, outcome: Outcome) -> None:
        right = self.question.correct[0]
        for row in self.query(OptionRow):
            if row.index == right:
                row.add_class("-right")
                row.set_text(row.text, mark=RIGHT)
            elif row.index == self.response:
                row.add_class("-wrong")
                row.set_text(row.text, "   (your answer)", mark=WRONG)
        self.query_one(".qv-hint", Static).display = False


class TrueFalseView(QuestionView):
    """A statement to judge: t for true, f for false."""

    BINDINGS = [
        Binding("t", "judge(True)", "True", id="quiz.true"),
        Binding("f", "judge(False)", "False", id="quiz.false"),
    ]
    ANSWER_ACTIONS = frozenset({"judge"})

    def compose(self) -> ComposeResult:
        yield Static(plain(self.question.prompt), classes="qv-prompt")
        yield OptionRow("t", "True", 1)
        yield OptionRow("f", "False", 0)

    def action_judge(self, value: bool) -> None:
        self.submit(bool(value))

    def on_option_row_clicked(self, event: OptionRow.Clicked) -> None:
        event.stop()
        self.action_judge(bool(event.row.index))

    def show_outcome(self, outcome: Outcome) -> None:
        for row in self.query(OptionRow):
            if bool(row.index) == self.question.truth:
                row.add_class("-right")
                row.set_text(row.text, mark=RIGHT)
            elif bool(row.index) == self.response:
                row.add_class("-wrong")
                row.set_text(row.text, "   (your answer)", mark=WRONG)
