"""The app shell: home, help, learners, and what happens with busy or damaged progress."""

from __future__ import annotations

from pathlib import Path

from quizapp.progress.store import LearnerStore
from quizapp.tui.app import make_app
from quizapp.tui.screens.confirm import ConfirmScreen
from quizapp.tui.screens.help import HelpScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.widgets.deck_table import DeckTable
from tui_helpers import notifications, settle

MINI = Path(__file__).parent / "fixtures" / "mini.toml"


def app_for(home: Path, learner: str = "ann"):
    return make_app(home=home, learner=learner, deck_paths=[MINI], enable_fuzzing=False)


ready = settle


async def test_home_lists_decks_with_counts(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#decks", DeckTable)
        assert table.row_count == 2  # the deck and "All decks"
        assert str(table.get_row_at(0)[0]) == "Mini deck"
        assert str(table.get_row_at(0)[1]) == "12"  # new cards
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_busy_learner_is_told_and_can_open_read_only(tmp_path: Path) -> None:
    holder = LearnerStore(tmp_path, "ann").open()
    try:
        app = app_for(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(app, pilot)
            assert isinstance(app.screen, ConfirmScreen)
            assert "open in another quizapp" in str(app.screen.message)
            await pilot.press("y")
            await ready(app, pilot)
            assert app.workspace is not None and app.workspace.store.read_only
            assert "read-only" in app.sub_title
    finally:
        holder.close()


async def test_damaged_progress_is_kept_and_rebuilt_on_request(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from quizapp.scheduling.scheduler import Rating, Scheduler

    sched = Scheduler(enable_fuzzing=False)
    now = datetime.now(timezone.utc)
    with LearnerStore(tmp_path, "ann") as store:
        store.record("review", sched.review(sched.new_card("m-01", now), Rating.GOOD, now), now, rating=3)
    cards = tmp_path / "learners" / "ann" / "cards-test.toml"
    cards.write_text("log_offset = [[[broken\n")
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert str(cards) in app.screen.message and "left untouched" in app.screen.message
        assert cards.read_text() == "log_offset = [[[broken\n"
        await pilot.press("y")
        await ready(app, pilot)
        assert app.workspace is not None and "m-01" in app.workspace.store.states
    kept = list(cards.parent.glob("cards-test.toml.corrupt-*"))
    assert kept and kept[0].read_text() == "log_offset = [[[broken\n"


async def test_switch_to_a_new_learner(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("tab", *"../x", "enter")
        await pilot.pause()
        assert "must not contain" in str(app.screen.query_one("#learner-error").render())
        app.screen.query_one("#new-learner").value = ""
        await pilot.press(*"bob", "enter")
        await ready(app, pilot)
        assert app.workspace.learner == "bob"
        assert (tmp_path / "learners" / "bob" / "profile.toml").exists()


async def test_deck_text_is_never_markup(tmp_path: Path) -> None:
    deck = tmp_path / "evil.toml"
    evil = 'title = "[bold red]Evil[/] [@click=app.quit]x[/]"'
    deck.write_text(MINI.read_text().replace('title = "Mini deck"', evil))
    app = make_app(home=tmp_path, learner="ann", deck_paths=[deck])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        cell = app.screen.query_one("#decks", DeckTable).get_row_at(0)[0]
        assert str(cell) == "[bold red]Evil[/] [@click=app.quit]x[/]"


async def test_quit_with_unsaved_reviews_asks_first(tmp_path: Path, monkeypatch) -> None:
    import errno
    import os as _os
    from datetime import datetime, timezone

    from quizapp.errors import SaveFailed
    from quizapp.files import atomic
    from quizapp.scheduling.scheduler import Rating

    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        store = app.workspace.store
        state = app.workspace.scheduler.new_card("m-01", datetime.now(timezone.utc))

        def full(fd: int, data: bytes) -> int:
            raise OSError(errno.ENOSPC, _os.strerror(errno.ENOSPC))

        monkeypatch.setattr(atomic.os, "write", full)
        try:
            store.record("review", state, state.due, rating=int(Rating.GOOD))
        except SaveFailed:
            pass
        assert store.pending
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "No space left" in app.screen.message
        await pilot.press("n")  # stay
        monkeypatch.undo()
        await pilot.press("ctrl+q")  # the retry succeeds, so it quits
        await pilot.pause()
    assert not store.pending
    with LearnerStore(tmp_path, "ann") as again:
        assert "m-01" in again.states


async def test_unknown_deck_on_the_command_line_is_named(tmp_path: Path) -> None:
    app = make_app(home=tmp_path, learner="ann", deck_paths=[MINI], start="study", deck_id="nope")
    shown = notifications(app)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("There is no deck 'nope'. Decks: mini." in message for message in shown)


def _learner_with_a_damaged_log(home: Path, n: int) -> None:
    """The issue's case: a stray CRC line after record 4 and a `garbage` line after record 11."""
    from datetime import datetime, timedelta, timezone

    from quizapp.scheduling.scheduler import Rating, Scheduler

    sched = Scheduler(enable_fuzzing=False)
    now = datetime.now(timezone.utc)
    with LearnerStore(home, "ann") as store:
        for i in range(n):
            state = sched.review(sched.new_card(f"m-{i % 12 + 1:02}", now), Rating.GOOD, now)
            store.record("review", state, now + timedelta(seconds=i), rating=3)
        store._since_compact = 0
    log = home / "learners" / "ann" / "events-test.log"
    parts = log.read_bytes().split(b"[[event]]\n")[1:]
    parts = [b"[[event]]\n" + p for p in parts]
    log.write_bytes(
        b"".join(parts[:4]) + b'crc = "00000000"\n' + b"".join(parts[4:11]) + b"garbage\n" + b"".join(parts[11:])
    )


async def test_recover_keeps_every_intact_record_of_a_damaged_log(tmp_path: Path) -> None:
    _learner_with_a_damaged_log(tmp_path, 20)
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and "events-test.log" in app.screen.message
        assert "Rebuild the log from its readable records?" in app.screen.message  # the device's own log's label
        await pilot.press("y")
        await ready(app, pilot)
        assert app.workspace is not None and len(app.workspace.store.history()) == 20
    assert len(list((tmp_path / "learners" / "ann").glob("events-test.log.corrupt-*"))) == 1


async def test_recover_that_fails_ends_with_a_message_not_a_traceback(tmp_path: Path, monkeypatch) -> None:
    import quizapp.progress.recovery

    def broken(root: Path, learner: str) -> None:
        raise PermissionError(13, "Permission denied", str(root))

    _learner_with_a_damaged_log(tmp_path, 12)
    monkeypatch.setattr(quizapp.progress.recovery, "repair", broken)
    app = app_for(tmp_path)
    exits: list[tuple] = []
    real_exit = app.exit
    app.exit = lambda *a, **k: (exits.append((a, k)), real_exit(*a, **k))  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 1
    assert (
        "recovery failed, nothing was deleted" in exits[-1][1]["message"]
        and "Permission denied" in exits[-1][1]["message"]
    )


async def test_a_quick_open_draws_the_decks_once_in_the_first_frame(tmp_path: Path, monkeypatch) -> None:
    """Decks that open within START_WAIT are on home when it mounts (no "Loading decks…" frame first), and the
    start-up's mount, resume, resize and WorkspaceReady count the decks once, not once each."""
    monkeypatch.setattr(type(app_for(tmp_path)), "START_WAIT", 30.0)  # a loaded machine must not decide the test
    calls: list[bool] = []
    original = HomeScreen.refresh_decks

    def counted(self: HomeScreen) -> None:
        calls.append(self.app.workspace is not None)
        original(self)

    monkeypatch.setattr(HomeScreen, "refresh_decks", counted)
    mounted: list[bool] = []
    original_mount = HomeScreen.on_mount

    def on_mount(self: HomeScreen) -> None:
        mounted.append(self.app.workspace is not None)
        original_mount(self)

    monkeypatch.setattr(HomeScreen, "on_mount", on_mount)
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert mounted == [True]
        assert calls == [True]
        assert app.screen.query_one("#decks", DeckTable).row_count == 2
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert len(calls) == 2  # a new width redraws the columns


async def test_the_cyclic_gc_held_for_the_first_frame_is_running_again_once_home_shows(tmp_path: Path) -> None:
    import gc

    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert app.screen.query_one("#decks", DeckTable).row_count == 2
        assert gc.isenabled()
    assert gc.isenabled()


async def test_a_slow_open_keeps_the_cyclic_gc_held_until_the_decks_are_open(tmp_path: Path, monkeypatch) -> None:
    """The decks' bulk loads hold the GC themselves; the first frame ("Loading decks…") must not turn it back on
    under them: it runs again once the decks are open."""
    import gc
    import threading

    opened = threading.Event()
    app = app_for(tmp_path)
    original = type(app)._open

    def slow_open(self, learner: str, read_only: bool = False):  # noqa: ANN202 - the app's own (kind, value)
        opened.wait(30)
        return original(self, learner, read_only)

    monkeypatch.setattr(type(app), "_open", slow_open)
    monkeypatch.setattr(type(app), "START_WAIT", 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert str(app.screen.query_one("#home-title").render()) == "Loading decks…"
        assert not gc.isenabled()
        opened.set()
        await ready(app, pilot)
        assert app.screen.query_one("#decks", DeckTable).row_count == 2
        assert gc.isenabled()
    assert gc.isenabled()
