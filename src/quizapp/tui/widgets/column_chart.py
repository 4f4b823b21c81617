"""A small column chart (vertical bars) drawn with block characters, with a value axis and first/last labels."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

EIGHTHS = " ▁▂▃▄▅▆▇█"


def chart_lines(values: Sequence[int], rows: int, width: int) -> list[Text]:
    """`rows` lines of bars for `values`, scaled to the largest, fitted to `width` columns (axis included)."""
    top = max(values, default=0)
    axis_w = len(str(top)) + 1
    n = max(1, len(values))
    bar_w = max(1, (width - axis_w - 1) // n)
    gap = 1 if bar_w >= 2 else 0
    fill = bar_w - gap
    units = [round(v * rows * 8 / top) if top else 0 for v in values]
    lines: list[Text] = []
    for r in range(rows):
        level = rows - 1 - r  # 0 = bottom row
        label = str(top) if r == 0 else ("0" if r == rows - 1 else "")
        line = Text(label.rjust(axis_w - 1) + " ", style="dim")
        line.append("┤" if r in (0, rows - 1) else "│", style="dim")
        for v, u in zip(values, units, strict=True):
            part = min(8, max(0, u - level * 8))
            if part == 0 and level == 0 and v > 0:
                part = 1  # a small nonzero value still shows
            if part:
                line.append(EIGHTHS[part] * fill, style="green")
            elif level == 0:
                line.append("·".center(fill), style="dim")
            else:
                line.append(" " * fill)
            line.append(" " * gap)
        lines.append(line)
    return lines


class ColumnChart(Widget):
    """Bars for a series of (label, value); shows the first and last labels under the bars."""

    DEFAULT_CSS = """
    ColumnChart {
        height: 8;
        width: 1fr;
    }
    """

    data: reactive[tuple[tuple[str, int], ...]] = reactive((), layout=False)

    title: reactive[str] = reactive("", layout=False)

    def __init__(
        self,
        title: str = "",
        data: Sequence[tuple[str, int]] = (),
        *,
        id: str | None = None,
        classes: str | None = None,
    ):
        super().__init__(id=id, classes=classes)
        self.set_reactive(ColumnChart.title, title)
        self.set_reactive(ColumnChart.data, tuple(data))

    def render(self) -> Text:
        values = [v for _, v in self.data]
        width = max(10, self.size.width)
        out = Text(self.title, style="bold", no_wrap=True, overflow="ellipsis")
        for line in chart_lines(values, max(1, self.size.height - 2), width):
            out.append("\n")
            out.append_text(line)
        if self.data:
            out.append("\n")
            out.append_text(axis_labels(self.data[0][0], self.data[-1][0], values, width))
        out.no_wrap = True
        return out


def axis_labels(first: str, last: str, values: Sequence[int], width: int) -> Text:
    """The first and last labels, under the first and the last bar."""
    axis_w = len(str(max(values, default=0))) + 1
    n = max(1, len(values))
    bar_w = max(1, (width - axis_w - 1) // n)
    span = n * bar_w - (1 if bar_w >= 2 else 0)
    room = span - len(first) - len(last)
    return Text(" " * (axis_w + 1) + first + " " * max(1, room) + last, style="dim")
