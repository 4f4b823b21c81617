"""Live game lobby: the join URL in full, its QR code, the PIN, and the roster lighting up as students join."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from quizapp.tui.narrow import NarrowFooter, quiet_twins
from quizapp.tui.text import plain
from quizapp.tui.widgets.qrcode import QrCode
from quizapp.tui.widgets.roster_grid import RosterGrid
from quizapp.tui.widgets.status_line import StatusLine

LAN_NOTE = "Phones and laptops must be on the same network (Wi-Fi) as this computer."
LOCAL_NOTE = "Listening on this computer only: start with --host 0.0.0.0 to let the room's phones in."


class LiveLobbyScreen(NarrowFooter, Screen[None]):
    """Waits for students; space starts the game. `host` is a classroom.live.server.LiveHost."""

    DEFAULT_CSS = """
    LiveLobbyScreen { background: black; color: white; }
    LiveLobbyScreen #lobby { padding: 1 2; }
    LiveLobbyScreen #lobby-top { height: auto; }
    LiveLobbyScreen #lobby-qr { margin-right: 3; }
    LiveLobbyScreen #lobby-info { width: 1fr; height: auto; }
    LiveLobbyScreen #lobby-url { text-style: bold; color: #5fd7ff; }
    LiveLobbyScreen #lobby-pin { text-style: bold; color: #ffd75f; margin-top: 1; }
    LiveLobbyScreen #lobby-count { text-style: bold; margin-top: 1; }
    LiveLobbyScreen #lobby-roster { margin-top: 1; height: auto; }
    LiveLobbyScreen .note { color: #bcbcbc; margin-top: 1; }
    """

    BINDINGS = [
        Binding("space", "start", "Start", id="live.start"),
        Binding("r", "release", "Release a seat", id="live.release"),
        Binding("e", "end", "End game", id="live.end"),
    ]
    # The footer's minor keys leave it on a narrow terminal (they still work), so that no key is cut.
    NARROW = ((65, ("release",)),)
    BINDINGS += quiet_twins(BINDINGS, NARROW[-1][1])

    def __init__(self, host: object, note: str = ""):
        super().__init__()
        self.host = host
        self.note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="lobby"):
            with Horizontal(id="lobby-top"):
                yield QrCode(id="lobby-qr")
                with Vertical(id="lobby-info"):
                    yield Static("", id="lobby-title")
                    yield Static("", id="lobby-url")
                    yield Static("", id="lobby-pin")
                    yield Static("", id="lobby-where", classes="note")
                    yield StatusLine(id="lobby-count")
            yield RosterGrid(id="lobby-roster")
            yield Static("", id="lobby-note", classes="note")
        yield Footer()

    def on_mount(self) -> None:
        h = self.host
        urls = h.urls  # type: ignore[attr-defined]
        self.query_one(QrCode).show(urls[0])
        title = Text("Join the game: ", style="bold")
        title.append_text(plain(h.title, "bold"))  # type: ignore[attr-defined]
        self.query_one("#lobby-title", Static).update(title)
        self.query_one("#lobby-url", Static).update(plain("\n".join(urls)))
        self.query_one("#lobby-pin", Static).update(f"PIN  {h.game.pin}")  # type: ignore[attr-defined]
        local = h.bind in ("127.0.0.1", "localhost", "::1")  # type: ignore[attr-defined]
        self.query_one("#lobby-where", Static).update(LOCAL_NOTE if local else LAN_NOTE)
        self.query_one("#lobby-note", Static).update(plain(self.note))
        self.refresh_view()

    def refresh_view(self) -> None:
        g = self.host.game  # type: ignore[attr-defined]
        cells: list[Text] = []
        if g.guests:
            self.query_one("#lobby-count", StatusLine).text = f"{len(g.seats)} joined"
            cells = [_cell("● ", "bold green", seat.name, "bold") for seat in g.seats.values()]
        else:
            joined = sum(1 for sid in g.roster if sid in g.seats)
            self.query_one("#lobby-count", StatusLine).text = f"{joined} of {len(g.roster)} joined"
            for sid, name in g.roster.items():
                seat = g.seats.get(sid)
                if seat is None:
                    cells.append(_cell("○ ", "#808080", name, "#808080"))
                else:
                    cells.append(_cell("● ", "bold green" if seat.connected else "bold yellow", name, "bold"))
        self.query_one("#lobby-roster", RosterGrid).show(cells)  # a student joining redraws their row only

    async def action_start(self) -> None:
        self.host.advance()  # type: ignore[attr-defined]
        self.app.sync()  # type: ignore[attr-defined]

    def action_release(self) -> None:
        self.app.action_release()  # type: ignore[attr-defined]

    def action_end(self) -> None:
        self.app.action_end()  # type: ignore[attr-defined]


def _cell(mark: str, mark_style: str, name: str, name_style: str) -> Text:
    cell = Text(mark, style=mark_style)
    cell.append_text(plain(name, name_style))
    return cell
