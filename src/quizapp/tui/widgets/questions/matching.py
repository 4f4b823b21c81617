"""Match pairs: pick an item (number or up/down), then its partner by letter; backspace undoes; enter submits."""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from quizapp.tui.text import plain
from quizapp.tui.widgets.questions.base import RIGHT, WRONG, OptionRow, QuestionView

if TYPE_CHECKING:
    from quizapp.quiz.run import Outcome

LETTERS = string.ascii_lowercase[:6]


class MatchingView(QuestionView):
    """Numbered items on top, lettered partners below; the response gives each item's partner index."""

    DEFAULT_CSS = """
    MatchingView .qv-partners { margin-top: 1; color: $text-muted; }
    """
    BINDINGS = [
        *(
            Binding(str(i + 1), f"pick({i})", "Item", key_display="1-6", show=i == 0, id=f"quiz.match.item{i + 1}")
            for i in range(6)
        ),
        *(
            Binding(c, f"pair({i})", "Partner", key_display="a-f", show=i == 0, id=f"quiz.match.partner_{c}")
            for i, c in enumerate(LETTERS)
        ),
        Binding("up", "cursor(-1)", "Item", show=False, id="quiz.match.up"),
        Binding("down", "cursor(1)", "Item", show=False, id="quiz.match.down"),
        Binding("backspace", "undo", "Undo", key_display="⌫", id="quiz.match.undo"),
        Binding("enter", "submit_pairs", "Submit", id="quiz.match.submit"),
    ]
    ANSWER_ACTIONS = frozenset({"pick", "pair", "cursor", "undo", "submit_pairs"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pairs: dict[int, int] = {}  # item index -> partner (option) index
        self.made: list[int] = []  # items in the order they were paired, for undo
        self.cursor = 0
        self.relabel("1", f"1-{len(self.question.lefts)}")
        self.relabel("a", f"a-{LETTERS[len(self.question.options) - 1]}")

    def compose(self) -> ComposeResult:
        q = self.question
        yield Static(plain(q.prompt), classes="qv-prompt")
        width = min(32, max(len(left) for left in q.lefts))
        for i, left in enumerate(q.lefts):
            yield OptionRow(str(i + 1), left.ljust(width), i, id=f"left-{i}")
        yield Static("Partners:", classes="qv-partners")
        for j, option in enumerate(q.options):
            yield OptionRow(LETTERS[j], option, j, id=f"right-{j}")
        items, partners = f"1-{len(q.lefts)}", f"a-{LETTERS[len(q.options) - 1]}"
        yield Static(
            Text.assemble(
                "Pick an item (",
                (items, "bold"),
                " or ",
                ("↑/↓", "bold"),
                "), then its partner (",
                (partners, "bold"),
                ").  ",
                ("⌫", "bold"),
                " undo  ",
                ("enter", "bold"),
                " submit when all are paired",
            ),
            classes="qv-hint",
        )

    def on_mount(self) -> None:
        self._draw()

    def _lefts(self) -> list[OptionRow]:
        return [r for r in self.query(OptionRow) if (r.id or "").startswith("left-")]

    def _rights(self) -> list[OptionRow]:
        return [r for r in self.query(OptionRow) if (r.id or "").startswith("right-")]

    def _draw(self) -> None:
        q = self.question
        for row in self._lefts():
            partner = self.pairs.get(row.index)
            extra = Text()
            if partner is not None:
                extra = Text.assemble("  →  ", (LETTERS[partner], "bold"), " ", plain(q.options[partner]))
            row.set_text(row.text, extra)
            row.set_class(row.index == self.cursor and not self.locked, "-cursor")
        used = {j: i for i, j in self.pairs.items()}
        for row in self._rights():
            row.set_class(row.index in used, "-used")
            row.set_text(row.text, f"  (with {used[row.index] + 1})" if row.index in used else "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        size = len(self.question.options) if action == "pair" else len(self.question.lefts)
        if action in ("pick", "pair") and parameters and int(parameters[0]) >= size:  # type: ignore[call-overload]
            return False
        return super().check_action(action, parameters)

    def action_pick(self, item: int) -> None:
        if 0 <= item < len(self.question.lefts):
            self.cursor = item
            self._draw()

    def action_cursor(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.question.lefts)
        self._draw()

    def action_pair(self, partner: int) -> None:
        if not 0 <= partner < len(self.question.options):
            return
        for item, p in list(self.pairs.items()):
            if p == partner and item != self.cursor:  # a partner belongs to one item only
                del self.pairs[item]
                self.made.remove(item)
        if self.cursor in self.made:
            self.made.remove(self.cursor)
        self.pairs[self.cursor] = partner
        self.made.append(self.cursor)
        self.cursor = self._next_unpaired(self.cursor)
        self._draw()

    def _next_unpaired(self, start: int) -> int:
        n = len(self.question.lefts)
        for step in range(1, n + 1):
            if (start + step) % n not in self.pairs:
                return (start + step) % n
        return start

    def action_undo(self) -> None:
        if self.made:
            item = self.made.pop()
            del self.pairs[item]
            self.cursor = item
            self._draw()

    def action_submit_pairs(self) -> None:
        missing = len(self.question.lefts) - len(self.pairs)
        if missing:
            self.notify(f"Pair every item first: {missing} still without a partner.", severity="warning", timeout=3)
            return
        self.submit(tuple(self.pairs[i] for i in range(len(self.question.lefts))))
        self._draw()

    def on_option_row_clicked(self, event: OptionRow.Clicked) -> None:
        event.stop()
        if self.locked:
            return
        if (event.row.id or "").startswith("left-"):
            self.action_pick(event.row.index)
        else:
            self.action_pair(event.row.index)

    def show_outcome(self, outcome: Outcome) -> None:
        """Each item with its right partner; a wrong pick is shown after it."""
        q = self.question
        for row in self._lefts():
            given, right = self.pairs.get(row.index), q.correct[row.index]
            ok = given == right
            extra = Text.assemble(" → ", plain(q.options[right], style="bold"))
            if not ok:
                extra.append("  (you: ", style="italic")
                extra.append_text(plain(q.options[given] if given is not None else "?", style="italic strike"))
                extra.append(")", style="italic")
            row.set_class(ok, "-right")
            row.set_class(not ok, "-wrong")
            row.set_class(False, "-cursor")
            row.set_text(q.lefts[row.index], extra, mark=RIGHT if ok else WRONG)
        for row in self._rights():
            row.display = False
        self.query_one(".qv-partners", Static).display = False
        self.query_one(".qv-hint", Static).display = False
