"""Wrapped rich text that is laid out again only when its words change.

Static.update() asks for a new layout of the whole screen each time (tens of milliseconds on the live lobby with a
QR code and a roster of 100). A roster that lights up as students join changes only colours and marks (○ to ●):
text whose spaces stay where they were and whose other characters keep their widths wraps into the same lines, so
a repaint is enough. New words (a guest's nickname) may need more lines: a layout."""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.text import Text
from textual.widget import Widget


class TextBlock(Widget):
    DEFAULT_CSS = """
    TextBlock { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._text = Text()

    def show(self, text: Text) -> None:
        """Show `text` (rich text: deck text and names go in as plain text, never markup)."""
        if text == self._text:
            return
        same_lines = _shape(text.plain) == _shape(self._text.plain)
        self._text = text
        self.refresh(layout=not same_lines)

    def render(self) -> Text:
        return self._text

    @property
    def content(self) -> Text:
        """The text shown."""
        return self._text


def _shape(plain: str) -> tuple[str | int, ...]:
    """What wrapping depends on: where the spaces are and how wide every other character is."""
    return tuple(c if c.isspace() else get_character_cell_size(c) for c in plain)
