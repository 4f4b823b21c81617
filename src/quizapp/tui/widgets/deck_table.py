"""Home's deck table: a header line and one line per deck, with a row cursor, drawn on Textual's Line API.

It looks and answers like the DataTable home had (row cursor, zebra stripes, a header that stays put, the same
colours from the same theme variables), for a fraction of the work before the first frame: each line is a Strip
built from the cells' rich Text, with no cell cache, sorting or per-cell renderables (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


class DeckTable(ScrollView, can_focus=True):
    """Rows of cells under a header; up/down, page up/down and ctrl+home/ctrl+end move the cursor, a click moves it
    to a row, and enter (or a click on the highlighted row) posts RowSelected with that row's key."""

    DEFAULT_CSS = """
    DeckTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .deck-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .deck-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .deck-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .deck-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .deck-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .deck-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .deck-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .deck-table--hover {
            background: $block-hover-background;
        }
    }
    """
    COMPONENT_CLASSES = {
        "deck-table--header",
        "deck-table--even-row",
        "deck-table--odd-row",
        "deck-table--cursor",
        "deck-table--hover",
    }

    BINDINGS = [
        Binding("enter", "select_cursor", "Select", show=False, id="decks.select"),
        Binding("up", "cursor_up", "Cursor up", show=False, id="decks.up"),
        Binding("down", "cursor_down", "Cursor down", show=False, id="decks.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="decks.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="decks.page_down"),
        Binding("ctrl+home", "first", "Top", show=False, id="decks.top"),
        Binding("ctrl+end", "last", "Bottom", show=False, id="decks.bottom"),
    ]

    class RowSelected(Message):
        """Enter on a row, or a click on the highlighted one: `key` is the row's."""

        def __init__(self, table: DeckTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> DeckTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels: list[str] = []
        self._widths: list[int] = []
        self._rows: list[tuple[str, list[Text]]] = []
        self._cursor = 0
        self._hover: int | None = None  # the row under the mouse, shown until a key moves the cursor

    # -- content ---------------------------------------------------------------------------------------------
    def show(self, columns: Sequence[tuple[str, int]], rows: Sequence[tuple[str, Sequence[Text]]]) -> None:
        """Show `rows` (key, one Text a column) under `columns` (label, width); the cursor keeps its row number."""
        self._labels = [label for label, _ in columns]
        self._widths = [width for _, width in columns]
        self._rows = [(key, list(cells)) for key, cells in rows]
        self.virtual_size = Size(sum(w + 2 for w in self._widths), len(self._rows) + 1)
        self.move_cursor(self._cursor)
        self.refresh()

    @property
    def labels(self) -> list[str]:
        return list(self._labels)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def get_row_at(self, row: int) -> list[Text]:
        return list(self._rows[row][1])

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def cursor_key(self) -> str | None:
        """The key of the highlighted row; None when there is no row."""
        return self._rows[self._cursor][0] if self._rows else None

    def move_cursor(self, row: int) -> None:
        """Highlight `row` (kept within the rows) and scroll it into view under the header."""
        self._cursor = max(0, min(row, len(self._rows) - 1))
        visible = self.scrollable_content_region.height - 1
        if visible > 0:
            top = round(self.scroll_y)
            if self._cursor < top:
                self.scroll_to(y=self._cursor, animate=False)
            elif self._cursor >= top + visible:
                self.scroll_to(y=self._cursor - visible + 1, animate=False)
        self.refresh()

    # -- keys and mouse --------------------------------------------------------------------------------------
    def _keyed(self, row: int) -> None:
        self._hover = None
        self.move_cursor(row)

    def action_cursor_up(self) -> None:
        self._keyed(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self._keyed(self._cursor + 1)

    def action_page_up(self) -> None:
        self._keyed(self._cursor - max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self._keyed(self._cursor + max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._keyed(0)

    def action_last(self) -> None:
        self._keyed(len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        if self._rows:
            self.post_message(self.RowSelected(self, self._rows[self._cursor][0]))

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:  # outside the rows, or on the header
            return None
        row = offset.y - 1 + round(self.scroll_y)
        return row if row < len(self._rows) else None

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is None:
            return
        event.stop()
        self._hover = row  # the pointer is on it
        if row == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = self._row_at(event)
        if row != self._hover:
            self._hover = row
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    # -- drawing ---------------------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        scroll_x, scroll_y = self.scroll_offset
        row = -1 if y == 0 else y - 1 + scroll_y
        if row >= len(self._rows) or not self._widths:
            return Strip.blank(width, base)
        component = self.get_component_rich_style
        if row == -1:
            cells: Sequence[Text] = [Text(label) for label in self._labels]
            row_style = component("deck-table--header")
        else:
            cells = self._rows[row][1]
            row_style = component("deck-table--even-row" if row % 2 == 0 else "deck-table--odd-row")
        on_top = Style()  # the hover and cursor colours, laid over the row's (the cursor's also over the cells')
        if row >= 0 and row == self._hover:
            on_top += component("deck-table--hover")
        if row >= 0 and row == self._cursor:
            on_top += component("deck-table--cursor")
        pre = row_style + on_top
        post = Style.from_color(on_top.color, on_top.bgcolor) if on_top else Style()
        pad = pre + post
        console = self.app.console
        segments: list[Segment] = []
        for text, cell_width in zip(cells, self._widths, strict=False):
            if text.cell_len > cell_width:
                text = text.copy()
                text.truncate(cell_width, overflow="ellipsis")
            segments.append(Segment(" ", pad))
            if text.spans:  # Text.render applies the text's own style only to text with spans
                segments += [Segment(s.text, pre + s.style + post) for s in text.render(console) if s.text]
            elif text.plain:
                segments.append(Segment(text.plain, pre + console.get_style(text.style) + post))
            segments.append(Segment(" " * (cell_width - text.cell_len + 1), pad))
        used = sum(w + 2 for w in self._widths)
        segments.append(Segment(" " * max(0, width - used), pre))
        return Strip(segments).crop(scroll_x, scroll_x + width).adjust_cell_length(width, base).simplify()
