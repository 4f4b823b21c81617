"""Change widgets only when what they show changes.

Every `Static.update` or `display` change costs Textual a layout of the screen and a repaint of the widget in the
next frame, whether or not anything changed; the study screen changes a dozen widgets per key press, so these
helpers skip the changes that change nothing and skip the layout when a one-line text keeps its width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

if TYPE_CHECKING:
    from textual.visual import VisualType
    from textual.widget import Widget
    from textual.widgets import Static


def same(a: object, b: object) -> bool:
    """Whether two contents look the same (Rich's Text.__eq__ ignores the base style)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, Text):
        assert isinstance(b, Text)
        return a.plain == b.plain and a.style == b.style and a.spans == b.spans and a.end == b.end
    return a == b


def _width(content: object) -> int | None:
    """The cell width of a one-line text, or None when it is not one plain line."""
    if isinstance(content, Text):
        text = content.plain
    elif isinstance(content, str):
        text = content
    else:
        return None
    return None if "\n" in text else cell_len(text)


def put(static: Static, content: VisualType, *, one_line: bool = False) -> bool:
    """Show `content` in `static` unless it already does; True if it changed.

    `one_line`: the static is one line high and as wide as its text (width: auto), so a new text of the same
    width needs no layout, only a repaint. Only for Rich Text and strings shown without markup.
    """
    old = static.content
    if same(old, content):
        return False
    layout = True
    if one_line:
        width = _width(content)
        layout = width is None or width != _width(old)
    static.update(content, layout=layout)
    return True


def show(widget: Widget, visible: bool) -> None:
    """Show or hide a widget, unless it already is."""
    if widget.display != visible:
        widget.display = visible
