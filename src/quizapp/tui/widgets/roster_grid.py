"""Names in columns (the live lobby's roster) that redraw only the rows that changed.

Drawing 100 styled names took about 6 ms a frame on the lobby (Textual renders every span of the whole text again
for any change), and sign-ins change it several times a second. Here each row is drawn once and kept; a student
lighting up redraws their row only. More names, or a new width, lay the grid out again."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

GAP = 4  # cells between columns


class RosterGrid(Widget):
    DEFAULT_CSS = """
    RosterGrid { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._cells: list[Text] = []
        self._rows: dict[int, Strip] = {}  # row -> drawn strip, for the current width
        self._drawn_for = -1  # the content width the rows were drawn for

    def show(self, cells: list[Text]) -> None:
        """Show one cell per student (rich text: names go in as plain text, never markup)."""
        old, self._cells = self._cells, list(cells)
        if len(old) != len(cells) or _width(old) != _width(cells):
            self._rows.clear()
            self.refresh(layout=True)
            return
        columns = self._columns(self.content_size.width)
        for row in sorted({i // columns for i, (a, b) in enumerate(zip(old, cells, strict=True)) if a != b}):
            self._rows.pop(row, None)
            self.refresh(Region(0, row, self.content_size.width, 1))

    @property
    def content(self) -> Text:
        """Every cell, in order (what the grid shows, as one text)."""
        return Text(" " * GAP).join(self._cells)

    def _columns(self, width: int) -> int:
        return max(1, (width + GAP) // (_width(self._cells) + GAP)) if self._cells else 1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        columns = self._columns(width)
        return -(-len(self._cells) // columns)

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        if width != self._drawn_for:
            self._rows.clear()
            self._drawn_for = width
        strip = self._rows.get(y)
        if strip is None:
            strip = self._rows[y] = self._draw(y, width)
        return strip

    def _draw(self, y: int, width: int) -> Strip:
        columns, each = self._columns(width), _width(self._cells)
        line = Text()
        for cell in self._cells[y * columns : (y + 1) * columns]:
            line.append_text(cell)
            line.append(" " * (each - cell.cell_len + GAP))
        line.truncate(width)
        segments = list(line.render(self.app.console, end=""))
        return Strip(segments).extend_cell_length(width).apply_style(self.rich_style)


def _width(cells: list[Text]) -> int:
    return max((cell_len(c.plain) for c in cells), default=0)
