"""The live game's projector screens with Pilot: lobby, question, reveal, leaderboard, podium, and the keys."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from tests.conftest import FIXED_NOW

from quizapp.classroom.context import open_session
from quizapp.classroom.live.codes import codes_path, issue_codes
from quizapp.classroom.live.launch import open_game
from quizapp.tui.live_app import LiveApp

FIX = Path(__file__).parent / "fixtures" / "classroom"


class Clock:
    def __init__(self) -> None:
        self.t = 500.0

    def __call__(self) -> float:
        return self.t


def _deck_with_a_conflict(tmp_path: Path) -> Path:
    text = (FIX / "deck.toml").read_text("utf-8")
    text = text.replace(
        '[[notes]]\nid = "c-01"',
        '[[sources]]\nid = "atlas"\ntitle = "Old atlas"\nkind = "book"\n\n[[notes]]\nid = "c-01"',
        1,
    )
    text = text.replace(
        'tags = ["capitals"]\nchoice = { prompt = "What is the capital of France?"',
        'tags = ["capitals"]\nconflict = { source = "atlas", says = "It names Versailles for a while." }\n'
        'choice = { prompt = "What is the capital of France?"',
        1,
    )
    deck = tmp_path / "deck.toml"
    deck.write_text(text, "utf-8")
    return deck


def _host(tmp_path: Path, clock: Clock, **kw):
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    ctx = open_session(tmp_path / "class.toml", "week-1", [_deck_with_a_conflict(tmp_path)])
    issue_codes(codes_path(ctx.class_path), [s.id for s in ctx.cf.students])
    return ctx, open_game(ctx, clock=clock, now=lambda: FIXED_NOW, **kw).host


def _text(app, selector: str) -> str:
    """What a Static shows, as plain text (tables and Text alike)."""
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(app.screen.query_one(selector).content)
    return console.export_text().rstrip()


async def _on(app, pilot, name: str) -> None:
    """Wait until the app shows the screen called `name` (it follows the game's phase at its next redraw)."""
    for _ in range(200):
        if type(app.screen).__name__ == name and app.screen.is_mounted:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"still on {type(app.screen).__name__}, not {name}")


async def _until(pilot, check) -> None:
    """Wait until `check()` holds: the projector redraws on its own timer, which a loaded machine may delay."""
    for _ in range(250):
        if check():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the projector never showed it")


def _keys(app) -> set[str]:
    return {b.binding.id for b in app.screen.active_bindings.values() if b.binding.id}


async def test_lobby_lights_up_the_roster_and_space_starts(tmp_path: Path) -> None:
    ctx, host = _host(tmp_path, Clock())
    app = LiveApp(host, listen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveLobbyScreen"
        assert _text(app, "#lobby-url") == f"http://127.0.0.1:{host.port}/"
        assert _text(app, "#lobby-pin") == f"PIN  {host.game.pin}"
        assert "▀" in _text(app, "#lobby-qr") and _text(app, "#lobby-count") == "0 of 4 joined"
        host.game.seat_student("bilal")
        host.on_change()
        await _until(pilot, lambda: _text(app, "#lobby-count") == "1 of 4 joined")
        assert _text(app, "#lobby-count") == "1 of 4 joined"
        assert "● Bilal R." in _text(app, "#lobby-roster") and "○ Amina K." in _text(app, "#lobby-roster")
        assert {"live.start", "live.release", "live.end", "live.quit"} <= _keys(app)
        await pilot.press("space")
        await _on(app, pilot, "LiveQuestionScreen")
        assert host.game.phase == "question"


def _record_refreshes(widget) -> list[tuple[bool, tuple]]:
    """Each refresh the widget asks for: whether it also asks for a new layout, and the regions it names."""
    asked: list[tuple[bool, tuple]] = []
    refresh = widget.refresh

    def recorded(*regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        asked.append((layout, regions))
        return refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    widget.refresh = recorded
    return asked


async def test_a_student_joining_repaints_the_roster_and_a_new_guest_lays_it_out(tmp_path: Path) -> None:
    """Lighting up a name redraws that name's row of the roster, without a new layout of the lobby; a guest's new
    nickname adds a cell, which may need another row: a layout."""
    ctx, host = _host(tmp_path, Clock())
    app = LiveApp(host, listen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        roster = app.screen.query_one("#lobby-roster")
        asked = _record_refreshes(roster)
        host.game.seat_student("bilal")
        host.on_change()
        await _until(pilot, lambda: "● Bilal R." in _text(app, "#lobby-roster"))
        assert "● Bilal R." in _text(app, "#lobby-roster") and "○ Amina K." in _text(app, "#lobby-roster")
        [(layout, regions)] = asked
        assert not layout and [(r.y, r.height, r.width) for r in regions] == [(0, 1, roster.content_size.width)]
    (tmp_path / "guests").mkdir()
    guests = _host(tmp_path / "guests", Clock(), guests=True)[1]
    app = LiveApp(guests, listen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        asked = _record_refreshes(app.screen.query_one("#lobby-roster"))
        guests.game.seat_guest("Zed")
        guests.on_change()
        await _until(pilot, lambda: "● Zed" in _text(app, "#lobby-roster"))
        assert "● Zed" in _text(app, "#lobby-roster") and asked[0] == (True, ())  # then Textual's own, for the size


async def test_question_counts_answers_then_reveal_shows_chart_and_source(tmp_path: Path) -> None:
    clock = Clock()
    ctx, host = _host(tmp_path, clock)
    g = host.game
    for sid in ("amina", "bilal", "chen"):
        g.seat_student(sid)
    app = LiveApp(host, listen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await _on(app, pilot, "LiveQuestionScreen")
        assert _text(app, "#ask-number") == "Question 1 of 4" and _text(app, "#ask-count") == "0/3 answered"
        q = ctx.questions[0]
        clock.t += 5
        g.answer("amina", 0, q.correct[0])
        g.answer("bilal", 0, (q.correct[0] + 1) % 4)
        host.on_change()
        await _until(pilot, lambda: _text(app, "#ask-count") == "2/3 answered")
        assert _text(app, "#ask-count") == "2/3 answered"
        assert {"live.next", "live.pause", "live.skip", "live.release", "live.end"} <= _keys(app)
        await pilot.press("p")
        assert g.paused
        await pilot.press("p")
        await pilot.press("space")  # close the question: the reveal
        await _until(pilot, lambda: g.phase == "reveal")
        assert g.phase == "reveal"
        assert f"Answer: {'ABCD'[q.correct[0]]}  {q.answer}" in _text(app, "#ask-answer")
        chart = _text(app, "#ask-chart")
        for option in q.options:
            assert option in chart
        assert [n for _, n in g.tally()] == [int(i in (q.correct[0], (q.correct[0] + 1) % 4)) for i in range(4)]
        cite = ctx.citations[q.note_ids[0]]
        assert cite.title in _text(app, "#ask-source")


async def test_conflict_note_is_shown_on_the_reveal(tmp_path: Path) -> None:
    ctx, host = _host(tmp_path, Clock())
    g = host.game
    target = next(i for i, q in enumerate(ctx.questions) if q.note_ids[0] == "c-01")
    app = LiveApp(host, listen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await _on(app, pilot, "LiveQuestionScreen")
        for _ in range(target):
            await pilot.press("s")  # skip to the question on the note whose sources disagree
        await pilot.press("space")
        await _until(pilot, lambda: g.phase == "reveal")
        assert g.index == target and g.phase == "reveal"
        assert "Old atlas says: It names Versailles for a while." in _text(app, "#ask-conflict")


async def test_leaderboard_then_podium_and_end_early(tmp_path: Path) -> None:
    clock = Clock()
    ctx, host = _host(tmp_path, clock)
    g = host.game
    g.seat_student("amina")
    g.seat_student("chen")
    app = LiveApp(host, listen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await _on(app, pilot, "LiveQuestionScreen")
        clock.t += 10  # half the time left: bonus 50
        g.answer("chen", 0, ctx.questions[0].correct[0])
        await pilot.press("space", "space")
        await _on(app, pilot, "LiveBoardScreen")
        assert type(app.screen).__name__ == "LiveBoardScreen" and g.phase == "board"
        assert _text(app, "#board-title") == "Leaderboard after question 1 of 4"
        board = _text(app, "#board-list")
        assert board.index("Chen L.") < board.index("Amina K.") and "150" in board
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await _until(pilot, lambda: _text(app, "#board-title") == "Final podium")
        assert g.phase == "podium" and _text(app, "#board-title") == "Final podium"
        assert _podium(app) == [("2", "Amina K.", "0 pts"), ("1", "Chen L.", "150 pts")]  # Amina: 2nd of 2, 0 points
        await pilot.press("space")
    assert app.return_code == 0


def _podium(app) -> list[tuple[str, str, str]]:
    """The podium's places left to right: (place, names, points), read off the screen."""
    places = []
    for place in app.screen.query("Podium .place"):
        block = str(place.query_one(".block").content).split("\n")
        places.append((block[0], str(place.query_one(".name").content), block[-1]))
    return places


async def test_a_game_of_one_puts_only_the_winner_on_the_podium(tmp_path: Path) -> None:
    clock = Clock()
    ctx, host = _host(tmp_path, clock)
    g = host.game
    g.seat_student("amina")
    app = LiveApp(host, listen=False)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await _on(app, pilot, "LiveQuestionScreen")
        g.answer("amina", 0, ctx.questions[0].correct[0])
        g.end()
        host.on_change()
        await _until(pilot, lambda: bool(app.screen.query("Podium")))
        await pilot.pause()
        assert _podium(app) == [("1", "Amina K.", "200 pts")]  # no empty blocks for places 2 and 3
        await pilot.press("space")
    assert app.return_code == 0


async def test_a_game_nobody_scored_in_draws_no_places_and_shows_the_close_key_at_60x20(tmp_path: Path) -> None:
    from tests.tui_helpers import screen_lines

    ctx, host = _host(tmp_path, Clock())
    g = host.game
    g.seat_student("amina")
    app = LiveApp(host, listen=False)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await _on(app, pilot, "LiveQuestionScreen")
        g.end()
        host.on_change()
        await _on(app, pilot, "LiveBoardScreen")
        await _until(pilot, lambda: _text(app, "#board-title") == "No points were scored")
        await pilot.pause()
        assert _podium(app) == []
        assert any(line.strip().startswith("Press space to close.") for line in screen_lines(app))
        await pilot.press("space")
    assert app.return_code == 0


async def test_release_a_seat_from_the_footer_key(tmp_path: Path) -> None:
    ctx, host = _host(tmp_path, Clock())
    host.game.seat_student("dana")
    app = LiveApp(host, listen=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReleaseSeatScreen"
        await pilot.press("enter")
        await _until(pilot, lambda: _text(app, "#lobby-count") == "0 of 4 joined")
        assert "dana" not in host.game.seats
        assert type(app.screen).__name__ == "LiveLobbyScreen" and _text(app, "#lobby-count") == "0 of 4 joined"


def _decode_terminal_qr(text: str) -> str | None:
    """Read a half-block QR code as a phone's camera does: each cell is two modules (top, bottom); the glyph is
    drawn in white on black, so ▀ is light above dark, ▄ dark above light, █ both light, a space both dark."""
    import zxingcpp

    light = {" ": (0, 0), "▀": (1, 0), "▄": (0, 1), "█": (1, 1)}
    rows: list[list[int]] = []
    for line in text.splitlines():
        cells = [light[c] for c in line]
        rows += [[t for t, _ in cells], [b for _, b in cells]]
    scale, width = 6, max(len(r) for r in rows)
    pixels = bytearray()
    for row in rows:
        line = bytes(255 if m else 0 for m in row + [0] * (width - len(row)) for _ in range(scale))
        pixels += line * scale
    image = memoryview(pixels).cast("B", (len(rows) * scale, width * scale))
    found = zxingcpp.read_barcode(image)
    return found.text if found is not None else None


async def test_the_lobby_qr_code_on_screen_decodes_to_the_join_url(tmp_path: Path) -> None:
    """The QR code as drawn in the terminal (not the library's matrix) scans back to the URL printed beside it."""
    ctx, host = _host(tmp_path, Clock())
    app = LiveApp(host, listen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        url = _text(app, "#lobby-url")
        assert url == f"http://127.0.0.1:{host.port}/"
        assert _decode_terminal_qr(_text(app, "#lobby-qr")) == url


def test_the_projector_paints_up_to_120_frames_a_second_unless_told_otherwise() -> None:
    """`class live` imports the projector before Textual: it asks for 120 frames a second (a key soon after a frame
    waits at most 16.7 ms for its own), keeps a TEXTUAL_FPS the user set, and hands neither to child programs."""
    probe = (
        "import os, quizapp.cli.classroom\n"
        "from quizapp.tui.live_app import LiveApp\n"
        "from textual import constants\n"
        "print(constants.MAX_FPS, os.environ.get('TEXTUAL_FPS'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    default = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert default.stdout.split() == ["120", "None"]
    chosen = subprocess.run(
        [sys.executable, "-c", probe], env={**env, "TEXTUAL_FPS": "30"}, capture_output=True, text=True, check=True
    )
    assert chosen.stdout.split() == ["30", "30"]
