"""Browse every card: search as you type, filter by deck, tag and state, suspend, flag, open details."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from quizapp.scheduling.scheduler import CardState, Phase, format_interval
from quizapp.tui.text import plain

if TYPE_CHECKING:
    from quizapp.study.browse import BrowseIndex, Entry
    from quizapp.workspace import Workspace

Clock = Callable[[], datetime]
CHUNK = 500  # rows added to the table at a time: the first at once, the rest while idle or when scrolled to
BIG = 5000  # from this many notes on, the index is built in a thread and typing is debounced
DEBOUNCE = 0.15
STATE_STYLE = {
    "new": "blue",
    "learning": "red",
    "relearning": "red",
    "review": "green",
    "suspended": "dim",
    "buried": "dim italic",
}


STATUS_KEYS = ("enter details", "e edit", "s suspend", "f flag")  # most useful first


def status_line(found: int, total: int, width: int) -> str:
    """The count of cards shown, then as many key hints as fit in `width` whole (none is cut)."""
    line = f"{found:,} of {total:,} cards"
    if len(wide := line + "   ·   " + " · ".join(STATUS_KEYS)) <= width:
        return wide
    for key in STATUS_KEYS:
        if len(line) + 3 + len(key) > width:
            break
        line += " · " + key
    return line


def utcnow() -> datetime:
    return datetime.now(UTC)


def state_label(s: CardState | None, now: datetime) -> Text:
    if s and s.suspended:
        name = "suspended"
    elif s and s.buried_until is not None and s.buried_until > now:
        name = "buried"
    else:
        name = s.phase.value if s else "new"
    return Text(name, style=STATE_STYLE.get(name, ""))


def due_label(s: CardState | None, now: datetime) -> Text:
    if s is None or s.phase == Phase.NEW or s.due is None:
        return Text("—", style="dim")
    text = "due" if s.due <= now else "in " + format_interval(s.due - now)
    if s.suspended:
        return Text(text, style="dim")
    return Text(text, style="bold green" if s.due <= now else "")


class BrowserScreen(Screen[None]):
    """All cards in a table; the search box and the filters narrow it as you type."""

    DEFAULT_CSS = """
    BrowserScreen #browser-filters { height: 3; }
    BrowserScreen #browser-search { width: 1fr; }
    BrowserScreen #browser-deck { width: 20; }
    BrowserScreen #browser-tag { width: 18; }
    BrowserScreen #browser-state { width: 17; }
    BrowserScreen #browser-table { height: 1fr; }
    BrowserScreen #browser-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="browser.back"),
        Binding("slash", "focus_search", "Search", id="browser.search"),
        Binding("enter", "details", "Details", id="browser.details"),
        Binding("e", "edit", "Edit", id="browser.edit"),
        Binding("s", "suspend", "Suspend", id="browser.suspend"),
        Binding("f", "flag", "Flag", id="browser.flag"),
        Binding("down", "focus_table", "Table", show=False, id="browser.table"),
    ]

    def __init__(self, workspace: Workspace, *, clock: Clock = utcnow, tz: tzinfo | None = None):
        super().__init__()
        self.tz = tz
        self.workspace = workspace
        self.clock = clock
        self.index: BrowseIndex | None = None
        self.shown: list[Entry] = []  # every card the filters match; the table gets them CHUNK at a time
        self._added = 0
        self._filling: Timer | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        ws = self.workspace
        yield Header()
        with Horizontal(id="browser-filters"):
            yield Input(placeholder="Search text… ( / )", id="browser-search")
            yield Select([(plain(d.title), d.id) for d in ws.library.decks], prompt="All decks", id="browser-deck")
            yield Select([(plain(t), t) for t in ws.all_tags()], prompt="Any tag", id="browser-tag")
            from quizapp.study.browse import STATES

            yield Select([(s, s) for s in STATES], prompt="Any state", id="browser-state")
        yield DataTable(id="browser-table", cursor_type="row", zebra_stripes=True)
        yield Static("Loading cards…", id="browser-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#browser-table", DataTable)
        table.add_column("Card", key="card")
        table.add_column("Statement", key="statement")
        table.add_column("State", key="state")
        table.add_column("Due", key="due")
        table.add_column("⚑", key="flag")
        if len(self.workspace.library.notes) >= BIG:
            self._build_index()
        else:
            from quizapp.study.browse import BrowseIndex

            self._index_ready(BrowseIndex(self.workspace.library))
        self.query_one("#browser-search", Input).focus()

    @work(thread=True, exclusive=True, group="browse-index")
    def _build_index(self) -> None:
        from quizapp.study.browse import BrowseIndex

        index = BrowseIndex(self.workspace.library)
        self.app.call_from_thread(self._index_ready, index)

    def _index_ready(self, index: BrowseIndex) -> None:
        self.index = index
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        if self.index is not None:
            self.refresh_rows()

    # -- filtering ----------------------------------------------------------------------------------
    def _filters(self) -> tuple[str, str | None, str | None, str | None]:
        def value(selector: str) -> str | None:
            v = self.query_one(selector, Select).value
            return None if v == Select.NULL else str(v)

        text = self.query_one("#browser-search", Input).value
        return text, value("#browser-deck"), value("#browser-tag"), value("#browser-state")

    def refresh_rows(self) -> None:
        """Run the search with the current filters and refill the table."""
        if self.index is None:
            return
        text, deck, tag, state = self._filters()
        now = self.clock()
        leeches: frozenset[str] = frozenset()
        if state == "leech":
            from quizapp.study.queue import leeches as find_leeches

            leeches = frozenset(find_leeches(self.workspace.store))
        found = self.index.search(
            text, deck=deck, tag=tag, state=state, states=self.workspace.store.states, now=now, leeches=leeches
        )
        table = self.query_one("#browser-table", DataTable)
        keep = self._highlighted()
        table.clear()
        self.shown, self._added = found, 0
        self._add_rows()
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self._show_status()

    def _show_status(self) -> None:
        if self.index is not None:
            line = status_line(len(self.shown), len(self.index), self.size.width - 2)
            self.query_one("#browser-status", Static).update(Text(line))

    def on_resize(self) -> None:
        self._show_status()

    def _add_rows(self) -> None:
        """Add the next CHUNK of matching cards to the table; the rest follow while the app is idle."""
        if self._filling is not None:
            self._filling.stop()
            self._filling = None
        table = self.query_one("#browser-table", DataTable)
        now, states = self.clock(), self.workspace.store.states
        id_w = max((len(e.card_id) for e in self.shown[:CHUNK]), default=4)
        width = max(20, self.app.size.width - id_w - 31)
        for e in self.shown[self._added : self._added + CHUNK]:
            table.add_row(*self._cells(e, states.get(e.card_id), now, width), key=e.card_id)
        self._added = min(len(self.shown), self._added + CHUNK)
        if self._added < len(self.shown):
            self._filling = self.set_timer(0.05, self._add_rows)

    def _cells(self, e: Entry, s: CardState | None, now: datetime, width: int) -> tuple[Text, ...]:
        statement = plain(e.note.statement)
        statement.truncate(width, overflow="ellipsis")
        if e.kind == "reverse":
            statement = Text.assemble(("↔ ", "dim"), statement)
        flag = Text("⚑", style="bold yellow") if s and s.flagged else Text("")
        return plain(e.card_id), statement, state_label(s, now), due_label(s, now), flag

    @on(Input.Changed, "#browser-search")
    def _search_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self.index is not None and len(self.index) >= BIG:
            self._timer = self.set_timer(DEBOUNCE, self.refresh_rows)
        else:
            self.refresh_rows()

    @on(Input.Submitted, "#browser-search")
    def _search_submitted(self) -> None:
        self.action_focus_table()

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.refresh_rows()

    # -- the highlighted card -------------------------------------------------------------------------
    def _highlighted(self) -> str | None:
        table = self.query_one("#browser-table", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_details(event.row_key.value)

    def open_details(self, card_id: str | None) -> None:
        if card_id is None:
            return
        from quizapp.tui.screens.card_detail import CardDetailScreen

        self.app.push_screen(CardDetailScreen(self.workspace, card_id, clock=self.clock, tz=self.tz))

    def _set(self, type_: str, state: CardState) -> None:
        from quizapp.errors import SaveFailed

        try:
            self.workspace.store.record(type_, state, self.clock())
        except SaveFailed as e:
            self.notify(str(e), title="Not saved", severity="error")
            return
        table = self.query_one("#browser-table", DataTable)
        entry = self.index.by_id[state.card_id] if self.index else None
        if entry is not None and state.card_id in table.rows:
            cells = self._cells(entry, state, self.clock(), 0)
            table.update_cell(state.card_id, "state", cells[2])
            table.update_cell(state.card_id, "due", cells[3])
            table.update_cell(state.card_id, "flag", cells[4])

    def _current_state(self) -> CardState | None:
        cid = self._highlighted()
        if cid is None:
            return None
        return self.workspace.store.states.get(cid) or self.workspace.scheduler.new_card(cid, self.clock())

    # -- actions ----------------------------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_focus_search(self) -> None:
        self.query_one("#browser-search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one("#browser-table", DataTable).focus()

    def action_details(self) -> None:
        self.open_details(self._highlighted())

    def action_edit(self) -> None:
        """Edit the highlighted card's note in its deck file."""
        from quizapp.tui.editing import edit_note

        cid = self._highlighted()
        entry = self.index.by_id.get(cid) if self.index and cid else None
        if entry is not None:
            edit_note(self.app, self.workspace, entry.note.id, self._edited)

    def _edited(self, _edit: object) -> None:
        from quizapp.study.browse import BrowseIndex

        self._index_ready(BrowseIndex(self.workspace.library))

    def action_suspend(self) -> None:
        s = self._current_state()
        if s is None:
            return
        self._set("unsuspend" if s.suspended else "suspend", replace(s, suspended=not s.suspended))
        self.notify(f"{'Unsuspended' if s.suspended else 'Suspended'} {s.card_id}.", timeout=2, markup=False)

    def action_flag(self) -> None:
        s = self._current_state()
        if s is None:
            return
        self._set("unflag" if s.flagged else "flag", replace(s, flagged=not s.flagged))
        self.notify(f"{'Unflagged' if s.flagged else 'Flagged'} {s.card_id}.", timeout=2, markup=False)
