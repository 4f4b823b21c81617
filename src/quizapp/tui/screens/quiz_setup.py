"""Before a quiz from home: pick the deck, tags, number of questions, kinds and an optional seed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from quizapp.quiz.questions import ALL_KINDS
from quizapp.tui.text import plain
from quizapp.tui.widgets.questions import KIND_LABELS

if TYPE_CHECKING:
    from quizapp.workspace import Workspace

ALL = "__all__"
MAX_COUNT = 200


@dataclass(frozen=True)
class QuizSetup:
    """What the learner chose; pass it on to QuizScreen."""

    deck_id: str | None
    tags: tuple[str, ...] = ()
    count: int = 10
    kinds: tuple[str, ...] = ALL_KINDS
    seed: str | None = None


class QuizSetupScreen(ModalScreen[QuizSetup | None]):
    """A small form; dismisses with a QuizSetup, or None when cancelled."""

    DEFAULT_CSS = """
    QuizSetupScreen { align: center middle; background: $background; }  /* opaque: no cut words beside it */
    QuizSetupScreen #setup-box {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $primary; background: $surface;
    }
    QuizSetupScreen #setup-title { text-style: bold; margin-bottom: 1; }
    QuizSetupScreen .setup-row { height: auto; margin-bottom: 1; }
    QuizSetupScreen .setup-row Label { width: 8; padding-top: 0; }
    QuizSetupScreen #setup-deck, QuizSetupScreen #setup-tags { width: 1fr; }
    QuizSetupScreen #setup-count { width: 8; }
    QuizSetupScreen #setup-seed-label { width: 6; margin-left: 2; }
    QuizSetupScreen #setup-seed { width: 1fr; }
    QuizSetupScreen #setup-kinds { width: 1fr; height: auto; }
    QuizSetupScreen #setup-info { color: $text-muted; }
    QuizSetupScreen #setup-info.-error { color: $text-error; }
    QuizSetupScreen #setup-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    QuizSetupScreen #setup-buttons Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="quiz_setup.cancel")]

    def __init__(
        self,
        workspace: Workspace,
        deck_id: str | None = None,
        *,
        count: int = 10,
        kinds: Sequence[str] = (),
        tags: Sequence[str] = (),
        seed: str | None = None,
    ):
        super().__init__()
        self.workspace = workspace
        self.initial = QuizSetup(deck_id, tuple(tags), count, tuple(kinds) or ALL_KINDS, seed)

    def compose(self) -> ComposeResult:
        ini = self.initial
        decks = [(plain(d.title), d.id) for d in self.workspace.library.decks]
        with VerticalScroll(id="setup-box"):
            yield Static("New quiz", id="setup-title")
            with Horizontal(classes="setup-row"):
                yield Label("Deck")
                yield Select(
                    [(Text("All decks"), ALL), *decks],
                    value=ini.deck_id or ALL,
                    allow_blank=False,
                    id="setup-deck",
                    compact=True,
                )
            with Horizontal(classes="setup-row"):
                yield Label("Tags")
                yield Input(
                    ", ".join(ini.tags),
                    placeholder="any tag (comma-separated; empty: every note)",
                    id="setup-tags",
                    compact=True,
                )
            with Horizontal(classes="setup-row"):
                yield Label("Count")
                yield Input(str(ini.count), type="integer", id="setup-count", compact=True)
                yield Label("Seed", id="setup-seed-label")
                yield Input(ini.seed or "", placeholder="empty: a fresh mix", id="setup-seed", compact=True)
            with Horizontal(classes="setup-row"):
                yield Label("Kinds")
                yield SelectionList[str](
                    *((KIND_LABELS[k], k, k in ini.kinds) for k in ALL_KINDS), id="setup-kinds", compact=True
                )
            yield Static(id="setup-info")
            with Horizontal(id="setup-buttons"):
                yield Button("Start", variant="primary", id="start")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self._update_info()
        self.query_one("#start", Button).focus()

    def on_select_changed(self) -> None:
        self._update_info()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "setup-tags":
            self._update_info()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_cancel()

    def _deck(self) -> str | None:
        value = self.query_one("#setup-deck", Select).value
        return None if value in (ALL, Select.BLANK) else str(value)

    def _tags(self) -> tuple[str, ...]:
        raw = self.query_one("#setup-tags", Input).value
        return tuple(dict.fromkeys(t.strip() for t in raw.split(",") if t.strip()))

    def _update_info(self) -> None:
        info = self.query_one("#setup-info", Static)
        tags = self._tags()
        unknown = [t for t in tags if t not in set(self.workspace.all_tags())]
        n = len(self.workspace.notes(self._deck(), tags))
        info.set_class(bool(unknown) or n == 0, "-error")
        if unknown:
            info.update(plain(f"Unknown tag: {', '.join(unknown)}"))
        else:
            info.update(f"{n} note{'s' * (n != 1)} to draw questions from.")

    def problem(self) -> str | None:
        """Why the form cannot start a quiz yet, or None."""
        count = self.query_one("#setup-count", Input).value.strip()
        if not count.isdigit() or not 1 <= int(count) <= MAX_COUNT:
            return f"Count must be a number from 1 to {MAX_COUNT}."
        if not self.query_one("#setup-kinds", SelectionList).selected:
            return "Pick at least one kind of question."
        unknown = [t for t in self._tags() if t not in set(self.workspace.all_tags())]
        if unknown:
            return f"Unknown tag: {', '.join(unknown)}"
        if not self.workspace.notes(self._deck(), self._tags()):
            return "No notes match this deck and these tags."
        return None

    def action_start(self) -> None:
        problem = self.problem()
        if problem:
            info = self.query_one("#setup-info", Static)
            info.add_class("-error")
            info.update(plain(problem))
            return
        chosen = self.query_one("#setup-kinds", SelectionList).selected
        seed = self.query_one("#setup-seed", Input).value.strip() or None
        self.dismiss(
            QuizSetup(
                self._deck(),
                self._tags(),
                int(self.query_one("#setup-count", Input).value),
                tuple(k for k in ALL_KINDS if k in chosen),
                seed,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
