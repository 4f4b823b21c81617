"""The framed box a modal screen puts its content in."""

from __future__ import annotations

from textual.containers import Vertical


class DialogBox(Vertical):
    """A bordered, centred-width panel for modal screens (the screen centres it with `align: center middle`)."""

    DEFAULT_CSS = """
    DialogBox {
        width: 70;
        max-width: 95%;
        height: auto;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    """
