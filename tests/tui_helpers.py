"""Helpers shared by the Pilot tests."""

from __future__ import annotations


async def settle(app, pilot) -> None:
    """Wait for the app's loading worker (started at mount) and for the screen updates that follow it."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for_screen(app, pilot, screen_type: type, tries: int = 300) -> None:
    """Wait until the app shows a screen of `screen_type` (e.g. a question asked once loading has failed)."""
    for _ in range(tries):
        if isinstance(app.screen, screen_type):
            return
        await pilot.pause(0.02)


def notifications(app) -> list[str]:
    """The messages of every notification the app shows from now on (the list fills as they come), through the
    public `App.notify`, which still shows each one. Expired toasts stay in the list, so no test races a timeout."""
    shown: list[str] = []
    notify = app.notify

    def record(message: str, **options) -> None:
        shown.append(str(message))
        notify(message, **options)

    app.notify = record
    return shown


def screen_cells(app) -> list[list[tuple[str, object]]]:
    """What the current screen draws, cell by cell as (text, Rich style): each visible widget's own rendering
    (Widget.render_lines) painted where Screen.find_widget places it, bottom first in its painting order, the way
    Textual composes the terminal's cells. A character of no width (a control character) joins the cell before
    it, so it is still there to be found."""
    from rich.cells import cell_len
    from textual.errors import NoWidget

    screen = app.screen
    width, height = screen.size
    cells: list[list[tuple[str, object]]] = [[(" ", None)] * width for _ in range(height)]
    placed = []
    for widget in [screen, *screen.query("*")]:
        try:
            placed.append((screen.find_widget(widget), widget))
        except NoWidget:  # not displayed
            continue
    for geometry, widget in sorted(placed, key=lambda p: p[0].order):
        visible = geometry.visible_region.intersection(screen.region)
        if not visible.area:
            continue
        crop = visible.translate(-geometry.region.offset)
        for dy, strip in enumerate(widget.render_lines(crop)[: visible.height]):
            row, x = cells[visible.y + dy], visible.x
            for segment in strip:
                if segment.control:
                    continue
                for char in segment.text:
                    size = cell_len(char)
                    if size == 0:
                        if visible.x < x <= width:
                            row[x - 1] = (row[x - 1][0] + char, row[x - 1][1])
                        continue
                    for k in range(size):
                        if visible.x <= x + k < min(width, visible.right):
                            row[x + k] = (char if k == 0 else "", segment.style)
                    x += size
    return cells


def screen_lines(app) -> list[str]:
    """The text of each line of the current screen, as a terminal shows it (see screen_cells)."""
    return ["".join(text for text, _ in row) for row in screen_cells(app)]
