"""A full or read-only disk under the real screens: a clear message, old files byte for byte, nothing lost.

The failure is simulated where the bytes meet the disk (os.write, fdatasync, mkstemp of quizapp.files.atomic), so the
real StudyScreen, LearnerStore and SettingsScreen code runs above it.
"""

from __future__ import annotations

import errno
import os
import random
import stat
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Input, Static

from quizapp.files import atomic
from quizapp.progress.profile import load_profile
from quizapp.progress.store import LearnerStore
from quizapp.tui.app import make_app
from quizapp.tui.screens.settings import SettingsScreen
from quizapp.tui.screens.study import StudyScreen
from tui_helpers import settle

STUDY = Path(__file__).parent / "fixtures" / "study"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
ERRORS = {errno.ENOSPC: "No space left on device", errno.EACCES: "Permission denied", errno.EROFS: "Read-only"}


pytestmark = pytest.mark.usefixtures("local_time_is_utc")


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=3)
        return self.now


class Disk:
    """Makes writes to regular files fail with `err` while `broken` (pipes and terminals keep working)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, err: int, where: str) -> None:
        self.err, self.where, self.broken, self.refused = err, where, False, 0
        real_write, real_sync, real_mkstemp = os.write, os.fdatasync, tempfile.mkstemp

        def write(fd: int, data: bytes) -> int:
            if self.broken and stat.S_ISREG(os.fstat(fd).st_mode):
                real_write(fd, bytes(data)[: len(data) // 2])  # half the record reaches the file first
                self._refuse()
            return real_write(fd, data)

        def datasync(fd: int) -> None:
            if self.broken:
                self._refuse()
            real_sync(fd)

        def mkstemp(*args: object, **kwargs: object):
            if self.broken:
                self._refuse()
            return real_mkstemp(*args, **kwargs)

        if where == "write":
            monkeypatch.setattr(atomic.os, "write", write)
        else:
            monkeypatch.setattr(atomic.os, "fdatasync", datasync)
        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)  # (files.atomic imports it when it writes)

    def _refuse(self) -> None:
        self.refused += 1
        raise OSError(self.err, os.strerror(self.err))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "lock-test"}


def shown(widget) -> str:
    content = widget.content if hasattr(widget, "content") else widget.render()
    return content.plain if isinstance(content, Text) else str(content)


async def loaded(app, pilot) -> None:
    await settle(app, pilot)
    assert app.workspace is not None


def new_app(home: Path):
    return make_app(home=home, learner="t", deck_paths=[STUDY], enable_fuzzing=False)


async def open_study(app, pilot) -> StudyScreen:
    """The study screen over the loaded workspace, on a fixed clock and shuffle."""
    await loaded(app, pilot)
    screen = StudyScreen(app.workspace, "study-main", clock=Clock(), rng=random.Random(3))
    await app.push_screen(screen)
    await pilot.pause()
    return screen


async def rate(pilot, screen: StudyScreen, key: str = "3") -> str:
    """Reveal and rate the card shown; returns its id."""
    card = screen.card.card_id
    if screen.phase == "typing":
        await pilot.press("x")
    await pilot.press("enter" if screen.phase == "typing" else "space")
    await pilot.press(key)
    await pilot.pause()
    return card


@pytest.mark.parametrize("where", ["write", "fsync"])
@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EACCES])
async def test_study_on_a_failing_disk_keeps_every_rating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int, where: str
) -> None:
    disk = Disk(monkeypatch, err, where)
    app = new_app(tmp_path)
    rated: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_study(app, pilot)
        store = app.workspace.store
        rated.append(await rate(pilot, screen))
        store.compact()  # so cards.toml exists too
        before = snapshot(store.folder)
        assert set(before) == {"profile.toml", "cards-test.toml", "events-test.log"}

        disk.broken = True
        for _ in range(2):
            rated.append(await rate(pilot, screen))
            assert screen.phase == "question" and screen.card.card_id not in rated  # the session goes on
        banner = screen.query_one("#study-banner", Static)
        assert banner.display
        message = shown(banner)
        assert ERRORS[err] in message and "events-test.log" in message and "kept in memory" in message
        assert len(store.pending) == 2 and disk.refused >= 2
        assert snapshot(store.folder) == before  # half-written records were cut off; nothing else changed
        assert rated[-1] in store.states  # the unsaved rating is applied in memory

        disk.broken = False  # space freed / permission back: the next rating writes everything
        rated.append(await rate(pilot, screen))
        assert not store.pending and not banner.display
        assert [e.card for e in store.reviews()] == rated
    with LearnerStore(tmp_path, "t") as again:  # after a relaunch, each rating is there exactly once
        reviews = again.reviews()
        assert [e.card for e in reviews] == rated
        assert len({e.seq for e in again.history()}) == len(again.history())


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS])
async def test_quitting_on_a_failing_disk_keeps_the_old_cards_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int
) -> None:
    """Compaction at quit fails: cards.toml stays as it was (atomic replace), and the log still has everything."""
    disk = Disk(monkeypatch, err, "fsync")
    app = new_app(tmp_path)
    messages: list[str] = []
    real_exit = app.exit
    app.exit = lambda *a, **k: (messages.append(k.get("message") or ""), real_exit(*a, **k))  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_study(app, pilot)
        store = app.workspace.store
        rated = [await rate(pilot, screen)]
        store.compact()
        cards = (store.folder / "cards-test.toml").read_bytes()
        rated.append(await rate(pilot, screen))
        disk.broken = True
        await pilot.press("ctrl+q")  # nothing pending, so it quits; the compaction at quit fails, and says so
        await pilot.pause()
    assert messages[-1].startswith(f"quizapp: could not write {store.folder / 'cards-test.toml'}: ")
    assert "Nothing is lost: every review is in events-test.log" in messages[-1]
    assert (store.folder / "cards-test.toml").read_bytes() == cards
    assert sorted(p.name for p in store.folder.iterdir()) == [
        "cards-test.toml",
        "events-test.log",
        "lock-test",
        "profile.toml",
    ]
    disk.broken = False
    with LearnerStore(tmp_path, "t") as again:
        assert [e.card for e in again.reviews()] == rated


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EACCES])
async def test_settings_on_a_failing_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int) -> None:
    disk = Disk(monkeypatch, err, "fsync")
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if disk.broken:
            disk._refuse()
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    app = new_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        folder = app.workspace.store.folder
        profile = (folder / "profile.toml").read_bytes()
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#set-new_per_day", Input).value = "7"
        await pilot.pause()
        disk.broken = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # still open, so the change is not lost either
        message = shown(screen.query_one("#settings-message", Static))
        assert "Could not save" in message and ERRORS[err] in message
        assert (folder / "profile.toml").read_bytes() == profile
        assert sorted(p.name for p in folder.iterdir()) == ["lock-test", "profile.toml"]  # no temp file left
        assert app.workspace.store.profile.settings.new_per_day == 20
        disk.broken = False
        await pilot.press("ctrl+s")  # try again once the disk works
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
    assert load_profile(folder / "profile.toml", "t").settings.new_per_day == 7
