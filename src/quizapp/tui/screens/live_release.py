"""Pick a student whose seat to free (they changed phone); returns the student id, or None."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.tui.text import plain
from quizapp.tui.widgets.dialog_box import DialogBox


class ReleaseSeatScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ReleaseSeatScreen { align: center middle; background: $background; }  /* opaque: no cut words beside it */
    ReleaseSeatScreen OptionList { height: auto; max-height: 16; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="release.cancel")]

    def __init__(self, seats: Sequence[tuple[str, str]]):
        super().__init__()
        self.seats = list(seats)  # (student id, name)

    def compose(self) -> ComposeResult:
        with DialogBox(id="release-box"):
            if self.seats:
                yield Static("Release whose seat? They sign in again with their code.")
                yield OptionList(*(Option(plain(f"{name} ({sid})"), id=sid) for sid, name in self.seats))
            else:
                yield Static("Nobody has signed in yet. Press escape.")
        yield Footer()  # this screen's keys, not those of the screen beneath

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
