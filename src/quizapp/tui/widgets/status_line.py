"""One line of plain text that repaints when it changes without laying the screen out again.

Static.update() asks for a new layout of the whole screen (about 8 ms on the live projector); a line of fixed
height whose text changes several times a second (answer counts) only needs a repaint."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    DEFAULT_CSS = """
    StatusLine { height: 1; }
    """

    text: reactive[str] = reactive("", layout=False)

    def render(self) -> Text:
        return Text(self.text, no_wrap=True, overflow="ellipsis")  # plain text: never markup

    @property
    def content(self) -> str:
        """The text shown (named as Static names it)."""
        return self.text
