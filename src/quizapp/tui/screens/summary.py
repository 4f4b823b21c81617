"""The end of a study session: how many cards, how many forgotten, how long, and what comes next."""

from __future__ import annotations

from typing import Literal

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from quizapp.study.session import Summary

Next = Literal["home", "custom", "undo"]


def clock_text(seconds: float) -> str:
    """'42s', '3m 05s', '1h 02m'."""
    s = int(round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m {s % 60:02d}s"
    return f"{s // 3600}h {s // 60 % 60:02d}m"


class SummaryScreen(ModalScreen[Next]):
    """Dismisses with "home", "custom" (custom study) or "undo" (take back the last rating)."""

    DEFAULT_CSS = """
    SummaryScreen {
        align: center middle;
        background: $background;  /* opaque: no cut words of the screen beneath show beside it */
    }
    #summary-box {
        width: 60;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: thick $success;
        background: $surface;
    }
    #summary-title {
        text-style: bold;
        margin-bottom: 1;
    }
    #summary-buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    #summary-buttons Button {
        margin-left: 1;
    }
    """

    AUTO_FOCUS = "#summary-home"
    BINDINGS = [
        Binding("enter,escape", "close('home')", "Home", id="summary.home"),
        Binding("c", "close('custom')", "Custom study", id="summary.custom"),
        Binding("u,ctrl+z", "close('undo')", "Undo last rating", id="summary.undo", key_display="u"),
    ]

    def __init__(self, summary: Summary, elapsed: float, next_due: str, title: str = "Session complete") -> None:
        super().__init__()
        self.summary, self.elapsed, self.next_due, self.heading = summary, elapsed, next_due, title

    def compose(self) -> ComposeResult:
        s = self.summary
        table = Table.grid(padding=(0, 2))
        table.add_column(style="dim")
        table.add_column()
        table.add_row("Cards studied", Text(str(s.studied), style="bold"))
        rate = Text(f"{s.again_rate:.0%}", style="bold red" if s.again_rate > 0.2 else "bold green")
        table.add_row("Again", Text.assemble(rate, f"  ({s.again} of {s.studied})"))
        spent = f"  ({clock_text(s.seconds)} answering)" if s.seconds else ""
        table.add_row("Time", Text(clock_text(self.elapsed) + spent))
        table.add_row("Next cards due", Text(self.next_due))
        with Vertical(id="summary-box"):
            yield Static(Text(self.heading), id="summary-title")
            yield Static(table, id="summary-table")
            with Horizontal(id="summary-buttons"):
                yield Button("Undo last (u)", id="summary-undo")
                yield Button("Custom study (c)", id="summary-custom")
                yield Button("Home (enter)", variant="primary", id="summary-home")
        yield Footer()  # this screen's keys, not those of the screen beneath

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "summary-home").removeprefix("summary-"))  # type: ignore[arg-type]

    def action_close(self, choice: Next) -> None:
        self.dismiss(choice)
