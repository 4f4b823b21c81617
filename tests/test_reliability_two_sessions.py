"""The same learner opened twice at once, in two processes, both through the real TUI.

The first session holds the lock (flock, with its pid written in the lock file); the second is told which process
holds it and offered a read-only view, where ratings are refused on screen and nothing is written. Afterwards every
rating of the first session is on disk exactly once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Static

from quizapp.progress.store import LearnerStore
from quizapp.tui.app import make_app
from quizapp.tui.screens.confirm import ConfirmScreen
from quizapp.tui.screens.study import StudyScreen
from tui_helpers import wait_for_screen

STUDY = Path(__file__).parent / "fixtures" / "study"
SRC = Path(__file__).resolve().parents[1] / "src"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock")

# A real app in another process: study `first` cards, say READY, wait for a line on stdin, study `second` more, quit.
HOLDER = r"""
import asyncio, random, sys
from pathlib import Path
from quizapp.tui.app import make_app
from quizapp.tui.screens.study import StudyScreen

home, deck, first, second = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

async def drive(pilot):
    app = pilot.app
    while app.workspace is None:
        await pilot.pause(0.05)
    screen = StudyScreen(app.workspace, "study-main", rng=random.Random(5))
    await app.push_screen(screen)
    await pilot.pause()

    async def rate(n):
        for _ in range(n):
            print("rated", screen.card.card_id, flush=True)
            await pilot.press("space", "3")
            await pilot.pause()

    await rate(first)
    print("READY", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    await rate(second)
    await pilot.press("ctrl+q")

app = make_app(home=home, learner="ann", deck_paths=[deck], enable_fuzzing=False)
app.run(headless=True, size=(100, 30), auto_pilot=drive)
print("EXIT", app.return_code, flush=True)
"""

# A real app in another process that finds the learner busy: print what it is told, then answer `choice`.
LATECOMER = r"""
import sys
from pathlib import Path
from quizapp.tui.app import make_app
from quizapp.tui.screens.confirm import ConfirmScreen

home, deck, choice = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

async def drive(pilot):
    app = pilot.app
    for _ in range(400):
        if isinstance(app.screen, ConfirmScreen):
            break
        await pilot.pause(0.05)
    print("TOLD", app.screen.message.replace("\n", " "), flush=True)
    await pilot.press(choice)
    await pilot.pause(0.5)
    print("READONLY", app.workspace is not None and app.workspace.store.read_only, flush=True)
    if app.return_code is None:  # still open (read-only): leave
        app.exit(0)

app = make_app(home=home, learner="ann", deck_paths=[deck], enable_fuzzing=False)
app.run(headless=True, size=(100, 30), auto_pilot=drive)
print("EXIT", app.return_code, flush=True)
"""


def spawn(script: str, *args: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def read_until(proc: subprocess.Popen[str], marker: str, lines: list[str]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.strip())
        if line.startswith(marker):
            return
    err = proc.stderr.read() if proc.stderr else ""
    raise AssertionError(f"the other process ended before {marker!r}: {lines} {err}")


def log_bytes(home: Path) -> bytes:
    return (home / "learners" / "ann" / "events-test.log").read_bytes()


async def test_second_tui_is_told_and_reads_only_while_the_first_studies(tmp_path: Path) -> None:
    holder = spawn(HOLDER, tmp_path, STUDY, 3, 3)
    lines: list[str] = []
    try:
        read_until(holder, "READY", lines)
        app = make_app(home=tmp_path, learner="ann", deck_paths=[STUDY], enable_fuzzing=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_screen(app, pilot, ConfirmScreen)
            assert isinstance(app.screen, ConfirmScreen)
            told = app.screen.message
            assert f"pid {holder.pid}" in told and "open in another quizapp" in told and "read" in told
            await pilot.press("y")  # Open read-only
            for _ in range(300):
                if app.workspace is not None:
                    break
                await pilot.pause(0.02)
            store = app.workspace.store
            assert store.read_only and "(read-only)" in app.sub_title
            assert len(store.reviews()) == 3  # it sees what the first session saved so far
            before = log_bytes(tmp_path)
            screen = StudyScreen(app.workspace, "study-main")
            await app.push_screen(screen)
            await pilot.pause()
            banner = screen.query_one("#study-banner", Static)
            assert banner.display and "read-only" in str(banner.content)
            await pilot.press("space", "3")  # try to rate anyway
            await pilot.pause()
            message = banner.content.plain if isinstance(banner.content, Text) else str(banner.content)
            assert "read-only" in message and "nothing can be saved" in message
            assert not store.pending and log_bytes(tmp_path) == before

            holder.stdin.write("go on\n")  # the first session studies more while this one is still open
            holder.stdin.flush()
            read_until(holder, "EXIT", lines)
            await pilot.press("ctrl+q")  # nothing pending here, so it quits at once
            await pilot.pause()
        assert log_bytes(tmp_path) != before  # only the first session wrote
    finally:
        holder.kill()
        holder.wait()
    rated = [line.split()[1] for line in lines if line.startswith("rated")]
    assert len(rated) == 6 and "EXIT 0" in lines
    with LearnerStore(tmp_path, "ann") as again:
        reviews = again.reviews()
        assert [e.card for e in reviews] == rated  # none lost, none duplicated, none from the read-only window
        seqs = [e.seq for e in again.history()]
        assert len(seqs) == len(set(seqs)) == 6


@pytest.mark.parametrize("choice, read_only", [("n", False), ("y", True)])
async def test_a_latecomer_process_is_told_who_holds_the_learner(tmp_path: Path, choice: str, read_only: bool) -> None:
    app = make_app(home=tmp_path, learner="ann", deck_paths=[STUDY], enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(300):
            if app.workspace is not None:
                break
            await pilot.pause(0.02)
        screen = StudyScreen(app.workspace, "study-main")
        await app.push_screen(screen)
        await pilot.pause()
        rated = []
        for _ in range(2):
            rated.append(screen.card.card_id)
            await pilot.press("space", "3")
            await pilot.pause()
        late = spawn(LATECOMER, tmp_path, STUDY, choice)
        out, err = late.communicate(timeout=120)
        assert f"pid {os.getpid()}" in out and "open in another quizapp" in out, (out, err)
        if read_only:
            assert "READONLY True" in out and "EXIT 0" in out
        else:  # "Quit": it leaves with the message on stderr, and writes nothing
            assert "READONLY False" in out and "EXIT" in out and "open in another quizapp" in err
        rated.append(screen.card.card_id)
        await pilot.press("space", "3")  # this session goes on saving
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    with LearnerStore(tmp_path, "ann") as again:
        assert [e.card for e in again.reviews()] == rated


async def test_quitting_a_busy_learner_exits_non_zero(tmp_path: Path) -> None:
    holder = LearnerStore(tmp_path, "ann").open()
    try:
        app = make_app(home=tmp_path, learner="ann", deck_paths=[STUDY], enable_fuzzing=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_screen(app, pilot, ConfirmScreen)
            await pilot.press("n")
            await pilot.pause()
        assert app.return_code == 1
    finally:
        holder.close()
