"""Home: the learner, every deck with its counts and mastery, and the main actions."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quizapp.tui import synced
from quizapp.tui.narrow import QuietKeys, quiet_twins
from quizapp.tui.text import plain, short_title
from quizapp.words import counted

if TYPE_CHECKING:
    from quizapp.tui.widgets.deck_table import DeckTable

BAR_WIDTH = 10
NARROW_BODY = 76  # below this many columns the body is padded by one column each side, not two


def learned(store, notes) -> tuple[int, int]:  # noqa: ANN001 - (LearnerStore, notes): imported lazily
    """(cards learned, cards in all) of some notes: learned = in review, past the learning steps."""
    from quizapp.scheduling.scheduler import Phase
    from quizapp.study.queue import card_ids_of

    ids = [cid for n in notes for cid in card_ids_of(n)]
    get = store.states.get
    return sum(1 for cid in ids if (s := get(cid)) is not None and s.phase == Phase.REVIEW), len(ids)


def home_columns(width: int, learned_width: int = 7) -> list[tuple[str, str, int]]:
    """The deck table's columns (label, key, width) for a screen `width` wide: the deck title takes what is left.
    Every column stays at 60 columns (a narrow screen gives the mastery bar's place to its figure and pads the body
    less); `learned_width` fits the widest "learned/total" (All decks')."""
    columns = [("New", "new", 4), ("Learning", "learning", 8), ("Due", "due", 4), ("Learned", "learned", learned_width)]
    columns.append(("Mastery", "mastery", BAR_WIDTH + 5 if width >= 96 else 7))
    body = 4 if width >= NARROW_BODY else 2  # its padding (see the -narrow class)
    used = sum(w + 2 for _, _, w in columns) + 2 + body + 2  # cell padding (the title's too), the body, a scroll bar
    return [("Deck", "title", max(12, width - used)), *columns]


def mastery_bar(share: float) -> Text:
    filled = round(share * BAR_WIDTH)
    bar = Text("█" * filled, style="green")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    bar.append(f" {share:4.0%}")
    return bar


class HomeScreen(QuietKeys, Screen[None]):
    """The first screen: decks and what to do next."""

    DEFAULT_CSS = """
    #home-body {
        padding: 1 2;
    }
    #home-title {
        margin-bottom: 1;
    }
    #decks {
        height: 1fr;
    }
    #home-today {
        margin-top: 1;
    }
    HomeScreen.-narrow #home-body {
        padding: 1 1;
    }
    HomeScreen.-short #home-body {
        padding: 0 1;
    }
    HomeScreen.-short #home-title, HomeScreen.-short #home-today {
        margin: 0;
    }
    """

    BINDINGS = [
        Binding("s", "study", "Study", id="home.study"),
        Binding("z", "quiz", "Quiz", id="home.quiz"),
        Binding("b", "browse", "Browse", id="home.browse"),
        Binding("t", "stats", "Stats", id="home.stats"),
        Binding("o", "settings", "Settings", id="home.settings"),
        Binding("l", "learner", "Learner", id="home.learner"),
    ]
    NARROW = 80  # below this many columns the footer shows only the essential keys (no cut word)
    NARROW_HIDDEN = ("settings", "learner")
    BINDINGS += quiet_twins(BINDINGS, NARROW_HIDDEN)  # the same keys, unshown, for when a narrow footer hides them

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        narrow = self.size.width < self.NARROW
        if action == "quiet":
            return narrow
        return not (narrow and action in self.NARROW_HIDDEN)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-body"):
            yield Static("Loading decks…", id="home-title")
            # The deck table is mounted once the decks are loaded: the first frame stays light.
            yield Static("", id="home-today")
        yield Footer(compact=True)

    # What the table shows: (workspace, width), and whether it is fresh (no study since). Start-up sends mount,
    # resume, resize and WorkspaceReady at once; each counts every deck, so the table is drawn once for them.
    _shown: tuple[object, int] | None = None
    _fresh = False

    def _stale(self) -> bool:
        ws = self.app.workspace  # type: ignore[attr-defined]
        return ws is not None and (
            not self._fresh or self._shown is None or self._shown[0] is not ws or self._shown[1] != self._width()
        )

    def _width(self) -> int:
        return self.size.width or self.app.size.width

    def on_mount(self) -> None:
        if self._stale():
            self.refresh_decks()
        synced.watch(self, lambda: self.app.workspace)  # type: ignore[attr-defined]

    def on_quiz_app_workspace_ready(self) -> None:
        if self._stale():
            self.refresh_decks()

    def on_screen_resume(self) -> None:
        self.pick_up_synced()  # back from a session, a quiz or another screen

    def pick_up_synced(self) -> None:
        """Read what a sync tool brought into other devices' logs since the learner was opened (settings changed
        there get their scheduler); recount if any arrived (or if the table is stale anyway). Asked when home is
        shown again, when the terminal regains focus, and every few seconds if the folder changed (tui.synced)."""
        ws = self.app.workspace  # type: ignore[attr-defined]
        if ws is not None:
            try:
                found = ws.pick_up_synced()
            except OSError as e:  # the folder went away under us: keep what is shown, say why
                self.notify(f"Could not read other computers' progress: {e}", severity="warning")
            else:
                synced.tell(self, found)
                if found.events:
                    self._fresh = False
        if self._stale():
            self.refresh_decks()

    def on_screen_suspend(self) -> None:
        self._fresh = False  # a session or an edit may change the counts: recount when home comes back

    def on_resize(self) -> None:
        """The columns fit the width: redrawn when it changes."""
        self.set_class(self.size.height < 24, "-short")
        self.set_class(self.size.width < NARROW_BODY, "-narrow")
        if self._stale():
            self.refresh_decks()

    def refresh_decks(self) -> None:
        from quizapp.study.counts import deck_counts, mastery
        from quizapp.study.queue import DayContext, today

        ws = self.app.workspace  # type: ignore[attr-defined]
        self._shown, self._fresh = (ws, self._width()), True
        now = datetime.now(timezone.utc)
        got_all, of_all = learned(ws.store, ws.notes())
        columns = home_columns(self._width(), max(7, 2 * len(str(of_all)) + 1))
        keys = [key for _, key, _ in columns]
        title_width = columns[0][2]
        bar = "mastery" in keys and columns[-1][2] > 7
        short = any(len(d.title) > title_width for d in ws.library.decks)  # then every title is shortened alike
        day = DayContext(ws.deck_of(), ws.links(), today(ws.store, ws.scheduler, now))
        rows: list[tuple[str, list[Text]]] = []
        for d in ws.library.decks:
            notes = [n for n in d.deck.notes if not n.draft]
            c = deck_counts(ws.store, ws.scheduler, notes, now, day)
            share = mastery(ws.store, notes)
            got, of = learned(ws.store, notes)
            cells = {
                "title": short_title(d.title, title_width, short),
                "new": _num(c.new, "blue"),
                "learning": _num(c.learning, "red"),
                "due": _num(c.due, "green"),
                "learned": Text(f"{got}/{of}", style="" if got else "dim"),
                "mastery": mastery_bar(share) if bar else Text(f"{share:4.0%}"),
            }
            rows.append((d.id, [cells[k] for k in keys]))
        if ws.library.decks:
            total = deck_counts(ws.store, ws.scheduler, ws.notes(), now, day)
            got, of = got_all, of_all
            cells = {
                "title": Text("All decks", style="bold"),
                "new": _num(total.new, "blue"),
                "learning": _num(total.learning, "red"),
                "due": _num(total.due, "green"),
                "learned": Text(f"{got}/{of}", style="bold" if got else "dim"),
                "mastery": Text(""),
            }
            rows.append(("__all__", [cells[k] for k in keys]))
        self._table().show([(label, width) for label, _, width in columns], rows)
        title = self.query_one("#home-title", Static)
        if not ws.library.decks:
            title.update(plain("No decks found. Add deck files to the decks folder, or run with --decks PATH."))
        else:
            title.update(
                Text.assemble(
                    ("Hello, ", ""),
                    (ws.learner, "bold"),
                    ("! Pick a deck and press ", ""),
                    ("enter", "bold"),
                    (" to study it, or ", ""),
                    ("s", "bold"),
                    (" for everything that is due.", ""),
                )
            )
        self.query_one("#home-today", Static).update(self._today_line())

    def _table(self) -> DeckTable:
        from quizapp.tui.widgets.deck_table import DeckTable  # mounted once the decks are open

        found = self.query("#decks")
        if found:
            return found.first(DeckTable)
        table = DeckTable(id="decks")
        self.query_one("#home-body").mount(table, before="#home-today")
        table.focus()
        return table

    def _today_line(self) -> Text:
        from quizapp.study.counts import streak

        ws = self.app.workspace  # type: ignore[attr-defined]
        now = datetime.now(timezone.utc)
        start = ws.scheduler.day_start(now)
        reviews = ws.store.reviews()
        today = sum(1 for e in reviews if e.at >= start)
        days = streak(reviews, now, day_start_hour=ws.scheduler.day_start_hour)
        studied = sum(1 for s in ws.store.states.values() if s.last_review)
        return Text(
            f"Today: {counted(today, 'review')} · streak: {counted(days, 'day')} · {counted(studied, 'card')} studied",
            style="dim",
        )

    def _selected_deck(self) -> str | None:
        from quizapp.tui.widgets.deck_table import DeckTable

        found = self.query("#decks")
        key = found.first(DeckTable).cursor_key if found else None
        return None if key == "__all__" else key

    def on_deck_table_row_selected(self, event: DeckTable.RowSelected) -> None:
        key = event.key
        self.app.action_study(None if key == "__all__" else key)  # type: ignore[attr-defined]

    def action_study(self) -> None:
        self.app.action_study(None)  # type: ignore[attr-defined]

    def action_quiz(self) -> None:
        """Ask what kind of quiz first, then start it."""
        ws = self.app.workspace  # type: ignore[attr-defined]
        if ws is None:
            return
        from quizapp.tui.screens.quiz import QuizScreen
        from quizapp.tui.screens.quiz_setup import QuizSetupScreen

        c = self.app.config  # type: ignore[attr-defined]

        def start(setup) -> None:  # QuizSetup | None
            if setup:
                self.app.push_screen(
                    QuizScreen(
                        ws, setup.deck_id, count=setup.count, kinds=setup.kinds, tags=setup.tags, seed=setup.seed
                    )
                )

        self.app.push_screen(
            QuizSetupScreen(ws, self._selected_deck(), count=c.quiz_count, kinds=c.quiz_kinds, tags=c.quiz_tags), start
        )

    def action_browse(self) -> None:
        if self.app.workspace is None:  # type: ignore[attr-defined]
            return
        from quizapp.tui.screens.browser import BrowserScreen

        self.app.push_screen(BrowserScreen(self.app.workspace))  # type: ignore[attr-defined]

    def action_stats(self) -> None:
        if self.app.workspace is None:  # type: ignore[attr-defined]
            return
        from quizapp.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen(self.app.workspace))  # type: ignore[attr-defined]

    def action_settings(self) -> None:
        if self.app.workspace is None:  # type: ignore[attr-defined]
            return
        from quizapp.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen(self.app.workspace))  # type: ignore[attr-defined]

    def action_learner(self) -> None:
        from quizapp.tui.screens.learner import LearnerScreen

        def chosen(name: str | None) -> None:
            if name:
                self.app.switch_learner(name)  # type: ignore[attr-defined]

        ws = self.app.workspace  # type: ignore[attr-defined]
        current = ws.learner if ws is not None else ""
        self.app.push_screen(LearnerScreen(self.app.config.home, current), chosen)  # type: ignore[attr-defined]


def _num(value: int, colour: str) -> Text:
    return Text(str(value), style=colour if value else "dim")
