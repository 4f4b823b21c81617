"""Put dated events in order: up/down to pick an item, shift+up/down (or k/j) to move it, enter to submit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from quizapp.tui.text import plain
from quizapp.tui.widgets.questions.base import RIGHT, WRONG, OptionRow, QuestionView

if TYPE_CHECKING:
    from quizapp.quiz.run import Outcome


class OrderingView(QuestionView):
    """The events as a list the learner rearranges; the response is the option indices in their order."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Pick", key_display="↑↓", id="quiz.order.up"),
        Binding("down", "cursor(1)", "Pick", show=False, id="quiz.order.down"),
        Binding("shift+up,k", "move(-1)", "Move up", key_display="⇧↑/k", id="quiz.order.move_up"),
        Binding("shift+down,j", "move(1)", "Move down", key_display="⇧↓/j", id="quiz.order.move_down"),
        Binding("enter", "submit_order", "Submit", id="quiz.order.submit"),
    ]
    ANSWER_ACTIONS = frozenset({"cursor", "move", "submit_order"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order = list(range(len(self.question.options)))
        self.cursor = 0

    def compose(self) -> ComposeResult:
        yield Static(plain(self.question.prompt), classes="qv-prompt")
        for pos, option in enumerate(self.question.options):
            yield OptionRow(f"{pos + 1}", option, pos)
        yield Static(
            Text.assemble(
                ("↑/↓", "bold"),
                " pick an event  ",
                ("shift+↑/↓", "bold"),
                " or ",
                ("k/j", "bold"),
                " move it  ",
                ("enter", "bold"),
                " submit",
            ),
            classes="qv-hint",
        )

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        for row in self.query(OptionRow):
            row.set_text(self.question.options[self.order[row.index]])
            row.set_class(row.index == self.cursor and not self.locked, "-cursor")

    def action_cursor(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.order)
        self._draw()

    def action_move(self, step: int) -> None:
        target = self.cursor + step
        if 0 <= target < len(self.order):
            self.order[self.cursor], self.order[target] = self.order[target], self.order[self.cursor]
            self.cursor = target
            self._draw()

    def action_submit_order(self) -> None:
        self.submit(tuple(self.order))
        self._draw()

    def on_option_row_clicked(self, event: OptionRow.Clicked) -> None:
        event.stop()
        if not self.locked:
            self.cursor = event.row.index
            self._draw()

    def show_outcome(self, outcome: Outcome) -> None:
        """Mark each place right or wrong, with the event's date and where it belongs."""
        right = self.question.correct
        dates = {opt: (self.notes[k].date if k < len(self.notes) else None) for k, opt in enumerate(right)}
        for row in self.query(OptionRow):
            opt = self.order[row.index]
            ok = right[row.index] == opt
            extra = Text.assemble((f"  ({dates[opt]})" if dates.get(opt) else "", "dim"))
            if not ok:
                extra.append(f"  belongs at {right.index(opt) + 1}", style="italic")
            row.set_class(ok, "-right")
            row.set_class(not ok, "-wrong")
            row.set_text(row.text, extra, mark=RIGHT if ok else WRONG)
        self.query_one(".qv-hint", Static).display = False
