"""A small Textual app for authors: the deck editor or the draft review, on one deck file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.app import App
from textual.binding import Binding

if TYPE_CHECKING:
    from quizapp.decks.library import LoadedDeck

Mode = Literal["edit", "review"]
MODES: tuple[Mode, ...] = ("edit", "review")


@dataclass(frozen=True)
class AuthoringConfig:
    path: Path
    mode: Mode
    loaded: LoadedDeck


class AuthoringApp(App[int]):
    """Shows the editor or the draft review; every change is saved to the deck file at once."""

    TITLE = "quizapp deck"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="authoring.quit", priority=True)]

    def __init__(self, config: AuthoringConfig):
        super().__init__()
        self.config = config

    def on_mount(self) -> None:
        c = self.config
        self.sub_title = f"{'Review drafts' if c.mode == 'review' else 'Edit'} · {c.path.name}"
        if c.mode == "review":
            from quizapp.tui.screens.draft_review import DraftReviewScreen

            self.push_screen(DraftReviewScreen(c.path, c.loaded))
        else:
            from quizapp.tui.screens.deck_editor import DeckEditorScreen

            self.push_screen(DeckEditorScreen(c.path, c.loaded))


def make_authoring_app(path: Path, mode: Mode = "edit") -> AuthoringApp:
    """Build the app from plain values; a deck that does not validate raises EditRefused listing its problems."""
    from quizapp.authoring.edit import load

    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    return AuthoringApp(AuthoringConfig(Path(path), mode, load(Path(path))))
