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
SHOWN = 200  # rows put in the table at most; the status line tells how many matched
BIG = 5000  # from this many notes on, the index is built in a thread and typing is debounced
DEBOUNCE = 0.15
STATE_STYLE = {"new": "blue", "learning": "red", "relearning": "red", "review": "green", "suspended": "dim"}


def utcnow() -> datetime:
    return datetime.now(UTC)


def state_label(s: CardState | None) -> Text:
    name = "suspended" if s and s.suspended else (s.phase.value if s else "new")
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
        self.shown: list[Entry] = []
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
        from quizapp.study.queue import leeches

        store = self.workspace.store
        marked = leeches(store) if state == "leech" else ()
        found = self.index.search(text, deck=deck, tag=tag, state=state, states=store.states, now=now, leeches=marked)
        table = self.query_one("#browser-table", DataTable)
        keep = self._highlighted()
        table.clear()
        self.shown = found[:SHOWN]
        id_w = max((len(e.card_id) for e in self.shown), default=4)
        width = max(20, self.app.size.width - id_w - 31)
        states = self.workspace.store.states
        for e in self.shown:
            table.add_row(*self._cells(e, states.get(e.card_id), now, width), key=e.card_id)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        total = len(self.index)
        status = f"{len(found):,} of {total:,} cards"
        if len(found) > SHOWN:
            status += f", first {SHOWN:,} shown"
        self.query_one("#browser-status", Static).update(Text(status + "   ·   enter details · s suspend · f flag"))

    def _cells(self, e: Entry, s: CardState | None, now: datetime, width: int) -> tuple[Text, ...]:
        statement = plain(e.note.statement)
        statement.truncate(width, overflow="ellipsis")
        if e.kind == "reverse":
            statement = Text.assemble(("↔ ", "dim"), statement)
        flag = Text("⚑", style="bold yellow") if s and s.flagged else Text("")
        return plain(e.card_id), statement, state_label(s), due_label(s, now), flag

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
