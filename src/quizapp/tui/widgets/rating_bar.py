"""The bottom bar of a study card: "Show answer", then Again / Hard / Good / Easy with their intervals."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from quizapp.scheduling.scheduler import Rating, format_interval
from quizapp.tui.paint import show

if TYPE_CHECKING:
    from rich.style import Style
    from textual.style import Style as VisualStyle

LABELS = {Rating.AGAIN: "Again", Rating.HARD: "Hard", Rating.GOOD: "Good", Rating.EASY: "Easy"}
VARIANTS = {Rating.AGAIN: "error", Rating.HARD: "warning", Rating.GOOD: "success", Rating.EASY: "primary"}
REVEAL = "Show answer  (space)"

# Textual's default Button look per variant: (background, top border, bottom border) for the normal, hover and
# pressed (-active) states; the pressed state is also tinted with the background.
_LOOK = {
    "primary": (
        ("primary", "primary-lighten-3", "primary-darken-3"),
        ("primary-darken-2", "primary"),
        ("primary", "primary-darken-3", "primary-lighten-3"),
    ),
    "success": (
        ("success", "success-lighten-2", "success-darken-3"),
        ("success-darken-2", "success"),
        ("success", "success-darken-2", "success-lighten-2"),
    ),
    "warning": (
        ("warning", "warning-lighten-2", "warning-darken-3"),
        ("warning-darken-2", "warning"),
        ("warning", "warning-darken-2", "warning-lighten-2"),
    ),
    "error": (
        ("error", "error-lighten-2", "error-darken-3"),
        ("error-darken-1", "error"),
        ("error", "error-darken-2", "error-lighten-2"),
    ),
}


def _css() -> tuple[set[str], str]:
    classes, rules = set(), []
    for variant, (normal, hover, active) in _LOOK.items():
        bg, top, bottom = normal
        looks = {
            "": (bg, top, bottom, ""),
            "-hover": (hover[0], hover[1], bottom, ""),
            "-active": (*active, "tint: $background 30%;"),
        }
        for state, (background, top_color, bottom_color, extra) in looks.items():
            name = f"rating-bar--{variant}{state}"
            classes |= {name, f"{name}-top", f"{name}-bottom"}
            rules.append(
                f"& > .{name} {{ color: $button-color-foreground; background: ${background}; "
                f"text-style: bold; {extra} }}"
            )
            rules.append(f"& > .{name}-top {{ color: ${top_color}; background: ${background}; {extra} }}")
            rules.append(f"& > .{name}-bottom {{ color: ${bottom_color}; background: ${background}; {extra} }}")
    return classes, "\n".join(rules)


_CLASSES, _RULES = _css()


class RatingBar(Widget):
    """Four rating buttons (keys 1-4) that show the interval each gives, or one "Show answer" button.

    One widget that draws its buttons as Textual's Button draws them (borders, colours, hover and press), so
    showing the answer or the next card changes what it draws, never the screen's layout (as buttons shown
    and hidden would: a layout of the whole screen in the frame after the key press).
    """

    COMPONENT_CLASSES = _CLASSES
    DEFAULT_CSS = (
        """
    RatingBar {
        height: 3;
        width: 1fr;
        padding: 0 1;
    """
        + _RULES
        + "\n}"
    )

    class Rated(Message):
        """A rating button was clicked."""

        def __init__(self, rating: Rating) -> None:
            self.rating = rating
            super().__init__()

    class RevealPressed(Message):
        """The "Show answer" button was clicked."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.reveal_label = REVEAL
        self.labels: dict[Rating, Text] = {}
        self.proposed: Rating | None = None
        self.revealing = True  # the "Show answer" button shows
        self._hover: int | None = None
        self._active: int | None = None
        self._styles: dict[str, tuple[VisualStyle, Style]] = {}
        self._theme: object = None
        self._drawn: dict[tuple[object, ...], list[Strip]] = {}  # a few states' rows, oldest first

    # -- what shows ----------------------------------------------------------------------------------------
    def show_reveal(self, label: str = REVEAL) -> None:
        """Only the reveal button."""
        show(self, True)
        if not self.revealing or label != self.reveal_label:
            self.revealing, self.reveal_label = True, label
            self.refresh()

    def show_ratings(self, previews: dict[Rating, timedelta], proposed: Rating | None = None) -> None:
        """The four ratings, each with its interval; `proposed` is highlighted."""
        show(self, True)
        labels = {r: rating_label(r, previews.get(r), r == proposed) for r in Rating}
        if self.revealing or proposed != self.proposed or labels != self.labels:
            self.revealing, self.labels, self.proposed = False, labels, proposed
            self.refresh()

    def label(self, rating: Rating) -> str:
        """A rating button's label (for tests)."""
        return self.labels[rating].plain if rating in self.labels else ""

    # -- geometry --------------------------------------------------------------------------------------------
    def buttons(self) -> list[tuple[int, int, Rating | str]]:
        """(x, width, rating or "reveal") of each button showing, as Textual's horizontal layout places them:
        width 1fr (at most 24, 40 for "Show answer"; at least 12), margins of one cell, centred."""
        inner = self.content_region.width
        keys: list[Rating | str] = ["reveal"] if self.revealing else list(Rating)
        most = 40 if self.revealing else 24
        n = len(keys)
        space = max(0, inner - (n + 1))
        widths, total = [], 0
        for i in range(n):  # cumulative rounding, as Textual shares out fractions
            width = (space * (i + 1)) // n - total
            total += width
            widths.append(min(most, max(12, width)))
        used = sum(widths) + n + 1
        x = max(0, (inner - used) // 2) + 1
        out = []
        for key, width in zip(keys, widths, strict=True):
            out.append((x, width, key))
            x += width + 1
        return out

    def _at(self, x: int) -> int | None:
        x -= self.styles.padding.left
        for i, (left, width, _) in enumerate(self.buttons()):
            if left <= x < left + width:
                return i
        return None

    # -- drawing ---------------------------------------------------------------------------------------------
    def _style(self, name: str) -> tuple[VisualStyle, Style]:
        theme = (self.app.theme, self.app.ansi_color)
        if theme != self._theme:
            self._styles, self._theme = {}, theme
        if name not in self._styles:
            visual = self.get_visual_style(name) if name else self.visual_style
            self._styles[name] = (visual, visual.rich_style)
        return self._styles[name]

    def prepare(self, previews: dict[Rating, timedelta]) -> None:
        """Draw the rating buttons now (while a question is read), to show them at once."""
        labels = {r: rating_label(r, previews.get(r)) for r in Rating}
        self._rows((False, self.reveal_label, labels, None))

    def _rows(self, state: tuple[bool, str, dict[Rating, Text], Rating | None] | None = None) -> list[Strip]:
        """The three rows drawn for a state (what shows by default), from the few kept (drawing costs 1-2 ms)."""
        revealing, reveal_label, labels, proposed = state or (
            self.revealing,
            self.reveal_label,
            self.labels,
            self.proposed,
        )
        width = self.content_region.width
        key = (
            width,
            revealing,
            reveal_label,
            tuple(t.plain for t in labels.values()),
            proposed,
            self._hover,
            self._active,
            self.app.theme,
            self.app.ansi_color,
        )
        rows = self._drawn.get(key)
        if rows is None:
            shown = (self.revealing, self.reveal_label, self.labels, self.proposed)
            self.revealing, self.reveal_label, self.labels, self.proposed = revealing, reveal_label, labels, proposed
            try:
                rows = self._draw(width)
            finally:
                self.revealing, self.reveal_label, self.labels, self.proposed = shown
            if len(self._drawn) >= 4:
                del self._drawn[next(iter(self._drawn))]
            self._drawn[key] = rows
        return rows

    def render_line(self, y: int) -> Strip:
        rows = self._rows()
        return rows[y] if 0 <= y < 3 else Strip.blank(self.content_region.width)

    def _draw(self, width: int) -> list[Strip]:
        """The bar's three rows."""
        base = self._style("")[1]
        rows: list[list[Segment]] = [[], [], []]
        x = 0
        for i, (left, w, key) in enumerate(self.buttons()):
            if left > x:
                for row in rows:
                    row.append(Segment(" " * (left - x), base))
            variant = "primary" if key == "reveal" else VARIANTS[key]  # type: ignore[index]
            state = "-active" if i == self._active else "-hover" if i == self._hover else ""
            name = f"rating-bar--{variant}{state}"
            rows[0].append(Segment("▔" * w, self._style(f"{name}-top")[1]))
            rows[1].extend(self._label(key, w, name))
            rows[2].append(Segment("▁" * w, self._style(f"{name}-bottom")[1]))
            x = left + w
        return [Strip(row).crop_extend(0, width, base) for row in rows]

    def _label(self, key: Rating | str, width: int, name: str) -> list[Segment]:
        """The label, padded by a cell each side and centred (as Button's line-pad and content-align do)."""
        fill = self._style(name)[1]
        if not isinstance(key, Rating):  # the reveal button
            label = Text(self.reveal_label)
        else:
            label = self.labels.get(key, Text(LABELS[key]))
            if key == self.proposed:
                label = label.copy()
                label.stylize("reverse")
        padded = Text(" ").append_text(label).append(" ")
        padded.truncate(width)
        segments = [
            Segment(seg.text, fill + seg.style if seg.style else fill)
            for seg in padded.render(self.app.console)
            if seg.text and seg.text != "\n"
        ]
        used = padded.cell_len
        left = (width - used) // 2
        return [Segment(" " * left, fill), *segments, Segment(" " * (width - left - used), fill)]

    # -- mouse -----------------------------------------------------------------------------------------------
    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._at(event.x))

    def on_leave(self) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = self._at(event.x)
        if index is None:
            return
        event.stop()
        key = self.buttons()[index][2]
        self._active = index
        self.refresh()
        self.set_timer(0.2, self._release)
        if key == "reveal":
            self.post_message(self.RevealPressed())
        else:
            assert isinstance(key, Rating)
            self.post_message(self.Rated(key))

    def _release(self) -> None:
        self._active = None
        self.refresh()


def rating_label(rating: Rating, interval: timedelta | None, proposed: bool = False) -> Text:
    """'3 Good · 10m' (with arrows when proposed)."""
    label = Text().append(f"{int(rating)} ", style="bold")
    label.append(LABELS[rating])
    if interval is not None:
        label.append(f" · {format_interval(interval)}")
    if proposed:
        label = Text("▶ ").append_text(label).append(" ◀")
    return label
