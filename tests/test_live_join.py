"""`quizapp class join`: the terminal client plays a live game over the same protocol as the web page."""

from __future__ import annotations

import asyncio
import shutil
import socket
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from quizapp.classroom.context import open_session
from quizapp.classroom.live.client import JoinError, TerminalPlayer, wrap_lines, ws_url
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


class _Socket:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    async def send_json(self, data: dict) -> None:
        self.sent.append(data)


async def test_a_long_question_wraps_between_words_at_60_columns() -> None:
    said: list[str] = []
    player = TerminalPlayer(ask=lambda _: "2", say=lambda t: said.extend(t.split("\n")), width=60)
    prompt = (
        "Which Soviet leader signed the Tashkent Declaration with the prime minister of India and the president "
        "of Pakistan in January 1966?"
    )
    options = ["Leonid Brezhnev", "Alexei Kosygin, chairman of the Council of Ministers of the Soviet Union"]
    question = {"type": "question", "index": 0, "number": 1, "total": 3, "seconds_left": 20, "late": False}
    question |= {"answered": False, "kind": "choice", "prompt": prompt, "options": options}
    ws = _Socket()
    await player.show(ws, question)
    assert ws.sent == [{"type": "answer", "index": 0, "answer": 1}]
    assert max(len(line) for line in said) <= 60
    words = prompt.split() + [w for i, o in enumerate(options) for w in [str(i + 1), "▲◆"[i], *o.split()]]
    assert [w for line in said for w in line.split()][-len(words) :] == words  # every word whole, in order
    second = [i for i, line in enumerate(said) if line.startswith("  2  ◆ ")][0]
    assert said[second + 1].startswith(" " * 7) and said[second + 1][7] != " "  # continued under the option's text


def test_short_lines_and_a_word_longer_than_the_line_stay_whole() -> None:
    assert wrap_lines("Answer saved.", 60) == "Answer saved."
    long = "x" * 70
    assert wrap_lines(f"see {long} here", 60) == f"see\n{long}\nhere"


async def test_an_unreachable_game_says_nothing_answers_there() -> None:
    port = _port()  # nothing listens on it
    player = TerminalPlayer(ask=lambda _: "123456", say=lambda _: None, secret=lambda _: "")
    with pytest.raises(JoinError) as got:
        await player.run(f"http://127.0.0.1:{port}/", "123456", None, None, None)
    assert str(got.value) == (
        f"nothing answers at http://127.0.0.1:{port}/; check the address on the projector and that you are on the "
        "same network"
    )


async def _wait(check) -> None:
    for _ in range(200):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the game never got there")


async def test_a_released_student_signs_in_again_and_the_final_score_is_said_once(tmp_path: Path) -> None:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    ctx = open_session(tmp_path / "class.toml", "spelling", [FIX / "deck.toml"])  # typed questions, no time limit
    codes = issue_codes(codes_path(ctx.class_path), [s.id for s in ctx.cf.students])
    port = _port()
    host = open_game(ctx, port=port).host
    server = TestServer(host.app, host="127.0.0.1", port=port)
    await server.start_server()
    host.start_ticker()
    typed = iter([host.game.pin, "amina", codes["amina"], codes["amina"], ctx.questions[0].answer])
    asked: list[str] = []
    said: list[str] = []

    def ask(text: str) -> str:
        asked.append(text)
        return next(typed)

    player = TerminalPlayer(ask=ask, say=lambda t: said.extend(t.split("\n")), secret=ask)
    play = asyncio.create_task(player.run(f"http://127.0.0.1:{port}/", None, None, None, None))
    try:
        await _wait(lambda: "amina" in host.by_seat)
        await host.release("amina")
        await _wait(lambda: asked.count("Your personal code: ") == 2 and "amina" in host.by_seat)
        await host.advance()
        await _wait(lambda: bool(host.game.answers))
        await _wait(lambda: host.game.phase == "reveal")  # the only student answered
        await host.advance()  # the leaderboard: "100 points · 1st of 1"
        await _wait(lambda: "100 points · 1st of 1" in said)
        await host.end()
        assert await asyncio.wait_for(play, 5) == 0
    finally:
        await server.close()
    assert asked == ["Game PIN: ", "Your student id: ", "Your personal code: ", "Your personal code: ", "Your answer: "]
    assert "Your teacher released your seat; sign in again." in said
    assert said.count("Signed in: Amina K. — wait for the teacher to start.") == 2
    assert said.count("100 points · 1st of 1") == 1
    assert said[-1] == "Game over. Thanks for playing!"
