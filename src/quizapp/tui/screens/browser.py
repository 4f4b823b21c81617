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

from quizapp.scheduling.flags import flag_name, pressed
from quizapp.scheduling.scheduler import CardState, Phase, format_interval
from quizapp.tui.flags import flag_bindings, flag_mark
from quizapp.tui.text import fit_words, plain

if TYPE_CHECKING:
    from quizapp.study.browse import BrowseIndex, Entry
    from quizapp.workspace import Workspace

Clock = Callable[[], datetime]
CHUNK = 500  # rows added to the table at a time: the first at once, the rest while idle or when scrolled to
BIG = 5000  # from this many notes on, the index is built in a thread and typing is debounced
DEBOUNCE = 0.15
NARROW = 76  # below this width the filters' boxes are narrower and the table leaves the card ids out
PROMPTS = {"#browser-deck": "All decks", "#browser-tag": "Any tag", "#browser-state": "Any state"}
FLAG_WIDTH = 8  # "⚑ orange", the widest of the colours a key sets
COLUMNS = (("Card", "card"), ("Statement", "statement"), ("State", "state"), ("Due", "due"), ("⚑", "flag"))
STATE_STYLE = {
    "new": "blue",
    "learning": "red",
    "relearning": "red",
    "review": "green",
    "suspended": "dim",
    "buried": "dim italic",
}


STATUS_KEYS = ("enter details", "e edit", "s suspend", "f flag", "^1–4 colours")  # most useful first (F5–F8: see help)


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
    BrowserScreen.-narrow #browser-deck { width: 12; }
    BrowserScreen.-narrow #browser-tag { width: 11; }
    BrowserScreen.-narrow #browser-state { width: 13; }
    BrowserScreen Select > SelectOverlay { constrain: inside inside; }  /* a list wider than its box stays on screen */
    BrowserScreen #browser-deck > SelectOverlay { width: 52; }
    BrowserScreen #browser-tag > SelectOverlay { width: 30; }
    BrowserScreen #browser-state > SelectOverlay { width: 19; }
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
        *flag_bindings("browser", shown=False),
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
        self._flags = False  # whether any card shown has a flag (the flag column is then FLAG_WIDTH wide)
        self._narrow: bool | None = None  # whether the table leaves the card ids out (None: no columns yet)

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
        flagged = {cid for cid, s in self.workspace.store.states.items() if s.flag}
        self._flags = bool(flagged) and any(e.card_id in flagged for e in found)
        if (narrow := self.app.size.width < NARROW) != self._narrow:  # below 76 columns the ids leave the table
            self._narrow = narrow
            table.clear(columns=True)
            for label, key in COLUMNS[narrow:]:
                table.add_column(label, key=key)
        else:
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
        narrow = self.size.width < NARROW  # the filters' boxes fit 60 columns, each prompt one word
        self.set_class(narrow, "-narrow")
        for (selector, wide), word in zip(PROMPTS.items(), ("Deck", "Tag", "State"), strict=True):
            self.query_one(selector, Select).prompt = word if narrow else wide
        self.refresh_rows()  # the statements' width follows the terminal's

    def _add_rows(self) -> None:
        """Add the next CHUNK of matching cards to the table; the rest follow while the app is idle."""
        if self._filling is not None:
            self._filling.stop()
            self._filling = None
        table = self.query_one("#browser-table", DataTable)
        now, states = self.clock(), self.workspace.store.states
        id_w = max((len(e.card_id) for e in self.shown[:CHUNK]), default=4)
        flag_w = FLAG_WIDTH if self._flags else 1  # room for "⚑ orange" once a card has a flag
        ids = 0 if self._narrow else id_w + 2
        width = max(21 - flag_w, self.app.size.width - ids - 28 - flag_w)  # each column pads 2, the scroll bar 2
        for e in self.shown[self._added : self._added + CHUNK]:
            table.add_row(*self._cells(e, states.get(e.card_id), now, width)[self._narrow :], key=e.card_id)
        self._added = min(len(self.shown), self._added + CHUNK)
        if self._added < len(self.shown):
            self._filling = self.set_timer(0.05, self._add_rows)

    def _cells(self, e: Entry, s: CardState | None, now: datetime, width: int) -> tuple[Text, ...]:
        statement = fit_words(e.note.statement, width)  # cut between words
        if e.kind == "reverse":
            statement = Text.assemble(("↔ ", "dim"), statement)
        flag = flag_mark(s.flag) if s else Text("")
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
        if state.flag and not self._flags:
            self.refresh_rows()  # the first flag: the statements make room for its column
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

    def action_flag(self, colour: int | None = None) -> None:
        """ctrl+1-4 (F5-F8) set a colour, the same again clears it; `f` (None) toggles the red flag."""
        s = self._current_state()
        if s is None:
            return
        flag = pressed(s.flag, colour)
        self._set("flag" if flag else "unflag", replace(s, flag=flag))
        said = f"Flagged {s.card_id} {flag_name(flag)}." if flag else f"Removed the flag of {s.card_id}."
        self.notify(said, timeout=2, markup=False)
