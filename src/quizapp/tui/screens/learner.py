"""Switch to another learner on this machine, or create one."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.paths import BadName, safe_name
from quizapp.progress.store import list_learners
from quizapp.tui.text import plain
from quizapp.tui.widgets.dialog_box import DialogBox


class LearnerScreen(ModalScreen[str | None]):
    """Pick a learner (enter) or type a new name; returns the name or None."""

    DEFAULT_CSS = """
    LearnerScreen {
        align: center middle;
        background: $background;  /* opaque: no cut words of the screen beneath show beside it */
    }
    #learners {
        height: auto;
        max-height: 10;
        margin-bottom: 1;
    }
    #learner-error {
        height: auto;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="learner.cancel")]

    def __init__(self, home: Path, current: str = ""):
        super().__init__()
        self.home, self.current = home, current

    def compose(self) -> ComposeResult:
        with DialogBox(id="learner-box"):
            yield Label("Learners on this machine")
            yield OptionList(*[Option(self._label(n), id=n) for n in list_learners(self.home)], id="learners")
            yield Label("…or a new learner's name:")
            yield Input(placeholder="name, then enter", id="new-learner")
            yield Static("", id="learner-error")
        yield Footer()  # this screen's keys, not those of the screen beneath

    def _label(self, name: str) -> Text:
        """A learner's name; the current one marked."""
        if name == self.current:
            return Text.assemble(("● ", "bold green"), plain(name, "bold"), ("  (current)", "dim"))
        return Text.assemble("  ", plain(name))

    def on_mount(self) -> None:
        learners = self.query_one("#learners", OptionList)
        (learners if learners.option_count else self.query_one("#new-learner", Input)).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(safe_name(event.value.strip(), "learner name"))
        except BadName as e:
            self.query_one("#learner-error", Static).update(plain(str(e), "red"))

    def action_cancel(self) -> None:
        self.dismiss(None)
