"""`quizapp class join`: the terminal client plays a live game over the same protocol as the web page."""

from __future__ import annotations

import asyncio
import shutil
import socket
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from quizapp.classroom.context import open_session
from quizapp.classroom.live.client import JoinError, TerminalPlayer, ws_url
from quizapp.classroom.live.codes import codes_path, issue_codes
from quizapp.classroom.live.launch import open_game

FIX = Path(__file__).parent / "fixtures" / "classroom"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_urls_are_checked() -> None:
    assert ws_url("http://192.168.1.20:8765/") == "ws://192.168.1.20:8765/ws"
    assert ws_url("192.168.1.20:8765") == "ws://192.168.1.20:8765/ws"
    with pytest.raises(JoinError):
        ws_url("ftp://x/")


async def test_a_terminal_student_joins_and_answers(tmp_path: Path) -> None:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    ctx = open_session(tmp_path / "class.toml", "spelling", [FIX / "deck.toml"])  # typed questions
    codes = issue_codes(codes_path(ctx.class_path), [s.id for s in ctx.cf.students])
    port = _port()
    host = open_game(ctx, port=port).host
    server = TestServer(host.app, host="127.0.0.1", port=port)
    await server.start_server()
    host.start_ticker()
    q = ctx.questions[0]
    typed = iter([host.game.pin, "Amina", codes["amina"], q.answer.lower()])
    said: list[str] = []
    player = TerminalPlayer(
        ask=lambda _: next(typed), say=lambda t: said.extend(t.split("\n")), secret=lambda _: next(typed)
    )
    play = asyncio.create_task(player.run(f"http://127.0.0.1:{port}/", None, None, None, None))
    try:
        for _ in range(100):
            if host.by_seat:
                break
            await asyncio.sleep(0.05)
        await host.advance()
        for _ in range(100):
            if host.game.answers:
                break
            await asyncio.sleep(0.05)
        assert host.game.answers[(0, "amina")].outcome.correct
        await asyncio.sleep(0.2)
        assert host.game.phase == "reveal"  # the only student answered
        await host.end()
        assert await asyncio.wait_for(play, 5) == 0
    finally:
        await server.close()
    assert said[:5] == [
        "Game: spelling",
        "Signed in: Amina K. — wait for the teacher to start.",
        "",
        "Question 1 of 2",
        q.prompt,
    ]
    assert said[5:7] == ["Answer saved.", "Right! +100 · 1st"]  # no time limit: no speed bonus
    assert said[-1] == "Game over. Thanks for playing!"
