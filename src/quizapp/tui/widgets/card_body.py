"""The card body: a flashcard's question, or any card's answer, drawn by one widget from lines it builds."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.visual import Visual, visualize

if TYPE_CHECKING:
    from textual.style import Style as VisualStyle

Block = tuple[str, object]  # (kind, content): what the card body draws, top to bottom
_FRAME = re.compile(r"^[ │█╭╰─]+|[ │█╮╯─]+$")  # what the card draws around a line of text


class CardBody(ScrollView, can_focus=False):
    """A flashcard's question, or any card's answer, drawn by this one widget from lines it builds itself.

    The parts (meta line, front, answer with its green edge, typed-answer comparison, verdict, explanation,
    source box with its conflict note) are drawn as the Statics and boxes they replace would draw them (the
    same wrapping: each is Textual Content turned into strips). As one widget of a fixed size, the card shows
    another question or its answer without a layout of the screen: the lines change and the widget repaints.
    The virtual height is at least the widget's height, so it changes (and asks for a layout) only when a card
    is too long to fit.
    """

    COMPONENT_CLASSES = {
        "card-body--meta",
        "card-body--front",
        "card-body--edge",
        "card-body--diff",
        "card-body--box",
        "card-body--box-title",
        "card-body--conflict",
        "card-body--conflict-edge",
    }
    DEFAULT_CSS = """
    CardBody {
        height: 1fr;
        overflow-x: hidden;
        & > .card-body--meta { color: $text-muted; }
        & > .card-body--front { text-style: bold; }
        & > .card-body--edge { color: $success; }
        & > .card-body--diff { background: $boost; }
        & > .card-body--box { color: $primary 60%; }
        & > .card-body--box-title { color: $text-muted; }
        & > .card-body--conflict { color: $text-warning; background: $warning 10%; }
        & > .card-body--conflict-edge { color: $warning; background: $warning 10%; }
    }
    """
    MAX_WIDTH = 110  # of the text column, centred

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.blocks: list[Block] = []
        self._lines: list[Strip] = []
        self._key: tuple[object, ...] | None = None  # what the lines were built from
        self._styles: dict[str, tuple[object, object]] = {}
        self._theme: object = None
        self._blank = Strip.blank(0)

    def show(self, blocks: list[Block], lines: list[Strip] | None = None) -> None:
        """Draw these blocks (`lines`: built for them already by `build`, at the current width)."""
        if blocks == self.blocks and self._key is not None:
            return
        self.blocks = blocks
        if self.text_selection is not None:  # it was made on the lines shown before
            self.screen.clear_selection()
        width = self.scrollable_content_region.width
        old, self._lines = self._lines, lines if lines is not None else self.build(blocks, width)
        fresh = self._key != (width, self._theme_key())
        self._key = (width, self._theme_key())
        self._fit()
        if self.scroll_offset.y:
            self.scroll_home(animate=False)
            fresh = True
        if fresh:
            self.refresh()
            return
        # Only the rows that change are drawn again (a reveal keeps the question's rows, a blank row stays one).
        changed = [
            y
            for y in range(max(len(old), len(self._lines)))
            if y >= len(old) or y >= len(self._lines) or old[y] != self._lines[y]
        ]
        start = None
        for y in [*changed, -1]:
            if start is None:
                start = end = y
            elif y == end + 1:
                end = y
            else:
                self.refresh(Region(0, start, width, end - start + 1))
                start = end = y

    def build(self, blocks: list[Block], width: int | None = None) -> list[Strip]:
        """The lines of `blocks` at `width` (the current width by default), to show later with `show`."""
        if width is None:
            width = self.scrollable_content_region.width
        return _Builder(self, width).lines(blocks) if width > 0 else []

    def text_of(self, kind: str) -> str | None:
        """The plain text of a block shown, or None when it is not shown (for tests)."""
        for k, content in self.blocks:
            if k == kind:
                if isinstance(content, tuple):
                    return "\n".join(c.plain for c in content if isinstance(c, Text))
                return content.plain if isinstance(content, Text) else str(content)
        return None

    def _theme_key(self) -> object:
        return (self.app.theme, self.app.ansi_color)

    def _fit(self) -> None:
        """The virtual size: none while the lines fit (so no scroll bar, and no layout from card to card)."""
        height = len(self._lines)
        size = Size(0, height if height > self.scrollable_content_region.height else 0)
        if self.virtual_size != size:
            self.virtual_size = size  # a layout, only when a card is too long to fit or no longer is

    def on_resize(self) -> None:
        self._rebuild()
        self._fit()

    def _rebuild(self) -> bool:
        """Build the lines again if the width or the theme changed."""
        width = self.scrollable_content_region.width
        if self._key != (width, self._theme_key()):
            self._key = (width, self._theme_key())
            self._lines = self.build(self.blocks, width)
            self.refresh()
            return True
        return False

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._rebuild():  # a scroll bar came or went, or the theme changed
            self.call_later(self._fit)
        self._blank = Strip.blank(self._key[0] if self._key else 0, self.style("")[1])
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        y += self.scroll_offset.y
        lines = self._lines
        if not 0 <= y < len(lines):
            return self._blank
        line = lines[y]
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(y)) is not None:
            text = line.text
            start, end = span
            a, b = cell_len(text[:start]), cell_len(text if end == -1 else text[:end])
            chosen = self.screen.get_component_rich_style("screen--selection")
            middle = line.crop(a, b)
            on_top = Strip(Segment.apply_style(middle, post_style=chosen), middle.cell_length)
            line = Strip.join([line.crop(0, a), on_top, line.crop(b)])
        return line.apply_offsets(0, y)  # where each character is, for selecting text with the mouse

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text selected with the mouse, without the margins, edges and box lines around it."""
        text = selection.extract("\n".join(line.text for line in self._lines))
        return "\n".join(_FRAME.sub("", line) for line in text.split("\n")).strip("\n"), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def style(self, name: str) -> tuple[VisualStyle, Style]:
        """A component's visual style (for Content) and Rich style (for edges), cached per theme."""
        theme = self._theme_key()
        if theme != self._theme:
            self._styles, self._theme = {}, theme
        if name not in self._styles:
            visual = self.get_visual_style(f"card-body--{name}") if name else self.visual_style
            self._styles[name] = (visual, visual.rich_style)
        return self._styles[name]  # type: ignore[return-value]


class _Builder:
    """Builds the card body's lines: each part as the Static (or box) it stands for would draw it."""

    def __init__(self, body: CardBody, width: int) -> None:
        self.body, self.width = body, width
        inner = max(1, width - 4)  # padding 1 2
        self.column = min(CardBody.MAX_WIDTH, inner)
        self.left = 2 + (inner - self.column) // 2
        self.base = body.style("")[1]

    def text(self, content: object, width: int, style: str = "") -> list[Strip]:
        visual = visualize(self.body, content, markup=False)
        return Visual.to_strips(self.body, visual, max(1, width), None, self.body.style(style)[0], pad=True)

    def edge(self, style: str, char: str, text: Style | None = None) -> list[Segment]:
        """A thick left border and its padding (as `border-left: thick` and `padding: 0 1` draw them)."""
        edge = self.body.style(style)[1]
        return [Segment(char, edge), Segment(" ", text if text is not None else self.base)]

    def row(self, segments: list[Segment]) -> Strip:
        line = Strip([Segment(" " * self.left, self.base), *segments])
        return line.crop_extend(0, self.width, self.base)

    def blank(self) -> Strip:
        return Strip.blank(self.width, self.base)

    def lines(self, blocks: list[Block]) -> list[Strip]:
        out: list[Strip] = [self.blank()]  # padding-top
        w = self.column
        for i, (kind, content) in enumerate(blocks):
            if i:  # the meta line's margin-bottom, every other part's margin-top
                out.append(self.blank())
            if kind == "meta":
                out.extend(self.row(list(s)) for s in self.text(content, w, "meta"))
            elif kind == "front":
                out.extend(self.row(list(s)) for s in self.text(content, w, "front"))
            elif kind == "back":
                edge = self.edge("edge", "█")
                out.extend(self.row([*edge, *s, Segment(" ", self.base)]) for s in self.text(content, w - 3))
            elif kind == "diff":
                boost = self.body.style("diff")[1]
                pad = Segment(" ", boost)
                out.extend(self.row([pad, *s, pad]) for s in self.text(content, w - 2, "diff"))
            elif kind in ("verdict", "explanation"):
                out.extend(self.row(list(s)) for s in self.text(content, w))
            elif kind == "source":
                assert isinstance(content, tuple)
                out.extend(self.box(*content))
        out.append(self.blank())  # padding-bottom
        return out

    def box(self, body: Text, conflict: Text | None = None) -> list[Strip]:
        """The source box: a round border titled "Source" around the citation (and the conflict note)."""
        w = self.column
        line = self.body.style("box")[1]
        title = self.body.style("box-title")[1]
        side, pad = Segment("│", line), Segment(" ", self.base)
        rows = [self.row([Segment("╭─", line), Segment(" Source ", title), Segment("─" * max(0, w - 11) + "╮", line)])]
        rows.extend(self.row([side, pad, *s, pad, side]) for s in self.text(body, w - 4))
        if conflict is not None:
            rows.append(self.row([side, Segment(" " * (w - 2), self.base), side]))
            warn = self.body.style("conflict")[1]
            edge = self.edge("conflict-edge", "█", warn)
            rows.extend(
                self.row([side, pad, *edge, *s, Segment(" ", warn), pad, side])
                for s in self.text(conflict, w - 7, "conflict")
            )
        rows.append(self.row([Segment("╰" + "─" * max(0, w - 2) + "╯", line)]))
        return rows
