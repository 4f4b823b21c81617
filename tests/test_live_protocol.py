"""The live game's WebSocket protocol through aiohttp's test client: joining, answering, and every refusal."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from aiohttp import WSMsgType
from aiohttp.test_utils import TestClient, TestServer
from tests.conftest import FIXED_NOW

from quizapp.classroom.context import open_session
from quizapp.classroom.live.codes import codes_path, issue_codes
from quizapp.classroom.live.launch import open_game
from quizapp.classroom.results import session_attempts

FIX = Path(__file__).parent / "fixtures" / "classroom"


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def setup(tmp_path: Path):
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    ctx = open_session(tmp_path / "class.toml", "week-1", [FIX / "deck.toml"])
    codes = issue_codes(codes_path(ctx.class_path), [s.id for s in ctx.cf.students])
    return ctx, codes


async def _start(ctx, clock, **kw):
    port = _port()
    opened = open_game(ctx, port=port, clock=clock, now=lambda: FIXED_NOW, **kw)
    host = opened.host
    client = TestClient(TestServer(host.app, host="127.0.0.1", port=port))
    await client.start_server()
    host.start_ticker()
    return host, client


async def _recv(ws) -> dict:
    msg = await ws.receive(timeout=5)
    assert msg.type == WSMsgType.TEXT, msg
    return json.loads(msg.data)


async def _join(client, host, sid: str, code: str) -> tuple[object, dict]:
    ws = await client.ws_connect("/ws")
    await ws.send_json({"type": "join", "pin": host.game.pin, "student": sid, "code": code})
    welcome = await _recv(ws)
    assert welcome["type"] == "welcome", welcome
    await _recv(ws)  # the game's state
    return ws, welcome


async def test_students_join_answer_and_get_points_from_the_server_clock(setup) -> None:
    ctx, codes = setup
    clock = Clock()
    host, client = await _start(ctx, clock)
    try:
        ws = await client.ws_connect("/ws")
        await ws.send_json({"type": "hello", "pin": host.game.pin})
        listing = await _recv(ws)
        assert [s["id"] for s in listing["students"]] == ["amina", "bilal", "chen", "dana"]
        await ws.send_json({"type": "join", "pin": host.game.pin, "student": "AMINA", "code": codes["amina"].lower()})
        welcome = await _recv(ws)
        assert (welcome["id"], welcome["name"]) == ("amina", "Amina K.")
        assert (await _recv(ws))["type"] == "lobby"
        b, _ = await _join(client, host, "bilal", codes["bilal"])
        await host.advance()
        q = await _recv(ws)
        assert q["type"] == "question" and q["seconds_left"] == 20 and "answer" not in q
        await _recv(b)
        clock.t += 4  # 16 of 20 seconds left: bonus 80
        right = ctx.questions[0].correct[0]
        await ws.send_json({"type": "answer", "index": 0, "answer": right, "seconds": 0})
        assert await _recv(ws) == {"type": "ack", "index": 0}
        assert host.game.answered() == 1
        await b.send_json({"type": "answer", "index": 0, "answer": (right + 1) % 4})
        assert (await _recv(b))["type"] == "ack"
        reveal = await _recv(ws)  # everyone answered: the question closes by itself
        assert reveal == {
            "type": "reveal",
            "index": 0,
            "answer": ctx.questions[0].answer,
            "correct": True,
            "points": 180,
            "score": 180,
            "rank": 1,
            "players": 2,
        }
        attempts, warnings = session_attempts(ctx.root, "week-1")
        assert warnings == []
        by = {a.student: a for a in attempts}
        assert by["amina"].answers[0]["points"] == 180 and by["amina"].answers[0]["seconds"] == 4
        assert by["bilal"].answers[0]["correct"] is False and by["bilal"].live
    finally:
        await client.close()


async def test_refusals_wrong_pin_unknown_student_wrong_code_and_taken_seat(setup) -> None:
    ctx, codes = setup
    host, client = await _start(ctx, Clock())
    try:
        ws = await client.ws_connect("/ws")
        wrong = "000000" if host.game.pin != "000000" else "111111"
        await ws.send_json({"type": "hello", "pin": wrong})
        assert (await _recv(ws))["code"] == "bad_pin"
        await ws.send_json({"type": "join", "pin": wrong, "student": "amina", "code": codes["amina"]})
        assert (await _recv(ws))["code"] == "bad_pin"
        await ws.send_json({"type": "join", "pin": host.game.pin, "student": "zoe", "code": "X"})
        assert (await _recv(ws))["code"] == "unknown_student"
        await ws.send_json({"type": "join", "pin": host.game.pin, "student": "amina", "code": codes["bilal"]})
        assert (await _recv(ws))["code"] == "bad_code"
        await ws.send_json({"type": "answer", "index": 0, "answer": 0})
        assert (await _recv(ws))["code"] == "bad_message"  # no answers before signing in
        first, _ = await _join(client, host, "amina", codes["amina"])
        await ws.send_json({"type": "join", "pin": host.game.pin, "student": "amina", "code": codes["amina"]})
        assert (await _recv(ws))["code"] == "seat_taken"
        await host.release("amina")
        assert (await _recv(first))["type"] == "released"
        await ws.send_json({"type": "join", "pin": host.game.pin, "student": "amina", "code": codes["amina"]})
        assert (await _recv(ws))["type"] == "welcome"
    finally:
        await client.close()


async def test_repeated_wrong_codes_lock_the_student_for_a_while(setup) -> None:
    ctx, codes = setup
    clock = Clock()
    host, client = await _start(ctx, clock)
    try:
        ws = await client.ws_connect("/ws")
        for _ in range(5):
            await ws.send_json({"type": "join", "pin": host.game.pin, "student": "chen", "code": "AAAAAA"})
            assert (await _recv(ws))["code"] == "bad_code"
        await ws.send_json({"type": "join", "pin": host.game.pin, "student": "chen", "code": codes["chen"]})
        assert (await _recv(ws))["code"] == "locked"
        clock.t += 61
        await ws.send_json({"type": "join", "pin": host.game.pin, "student": "chen", "code": codes["chen"]})
        assert (await _recv(ws))["type"] == "welcome"
    finally:
        await client.close()


async def test_second_answer_late_answer_and_late_joiner_are_refused(setup) -> None:
    ctx, codes = setup
    clock = Clock()
    host, client = await _start(ctx, clock)
    try:
        a, _ = await _join(client, host, "amina", codes["amina"])
        await _join(client, host, "bilal", codes["bilal"])
        await host.advance()
        await _recv(a)
        await a.send_json({"type": "answer", "index": 0, "answer": 0})
        assert (await _recv(a))["type"] == "ack"
        await a.send_json({"type": "answer", "index": 0, "answer": 1})
        assert (await _recv(a))["code"] == "already_answered"
        late, _ = await _join(client, host, "chen", codes["chen"])  # joins while question 1 is open
        await late.send_json({"type": "answer", "index": 0, "answer": 0})
        assert (await _recv(late))["code"] == "late"
        clock.t += 21  # time is up: the ticker closes the question
        reveal = await _recv(a)
        assert reveal["type"] == "reveal"
        assert (await _recv(late))["correct"] is None  # a late joiner is told the answer too
        await late.send_json({"type": "answer", "index": 0, "answer": 0})
        assert (await _recv(late))["code"] == "closed"
        await host.advance()
        await host.advance()  # the board, then question 2: the late joiner may answer it
        while (msg := await _recv(late))["type"] != "question":
            pass
        assert msg["index"] == 1 and msg["late"] is False
        await late.send_json({"type": "answer", "index": 1, "answer": 0})
        assert (await _recv(late))["type"] == "ack"
    finally:
        await client.close()


async def test_reconnect_keeps_the_seat_and_the_points(setup) -> None:
    ctx, codes = setup
    host, client = await _start(ctx, Clock())
    try:
        a, welcome = await _join(client, host, "amina", codes["amina"])
        await _join(client, host, "bilal", codes["bilal"])  # has not answered: the question stays open
        await host.advance()
        await _recv(a)
        await a.send_json({"type": "answer", "index": 0, "answer": ctx.questions[0].correct[0]})
        await _recv(a)
        await a.close()  # the phone slept
        again = await client.ws_connect("/ws")
        await again.send_json({"type": "resume", "token": welcome["token"]})
        assert (await _recv(again))["id"] == "amina"
        state = await _recv(again)
        assert state["type"] == "question" and state["answered"] is True
        assert host.game.points()["amina"] == 200
        await again.send_json({"type": "resume", "token": "forged"})
        assert (await _recv(again))["code"] == "bad_message"  # already seated
        other = await client.ws_connect("/ws")
        await other.send_json({"type": "resume", "token": "forged"})
        assert (await _recv(other))["code"] == "bad_token"
    finally:
        await client.close()


async def test_foreign_origin_and_foreign_host_are_refused(setup) -> None:
    ctx, _ = setup
    host, client = await _start(ctx, Clock())
    try:
        r = await client.get(
            "/ws",
            headers={
                "Origin": "http://evil.example",
                "Connection": "Upgrade",
                "Upgrade": "websocket",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            },
        )
        assert r.status == 403
        r = await client.get("/", headers={"Host": "attacker.example"})
        assert r.status == 421
        r = await client.get("/", headers={"Host": f"attacker.example:{host.port}"})
        assert r.status == 421
        ok = await client.ws_connect("/ws", headers={"Origin": f"http://127.0.0.1:{host.port}"})
        await ok.send_json({"type": "hello", "pin": host.game.pin})
        assert (await _recv(ok))["type"] == "class"
    finally:
        await client.close()


async def test_only_packaged_files_are_served(setup) -> None:
    ctx, _ = setup
    host, client = await _start(ctx, Clock())
    try:
        page = await client.get("/")
        assert page.status == 200 and "default-src 'none'" in page.headers["Content-Security-Policy"]
        assert "quizapp live" in await page.text()
        for path in ("/app.js", "/style.css"):
            assert (await client.get(path)).status == 200
        for path in ("/../server.py", "/static/app.js", "/%2e%2e/codes.py", "/class.toml", "/etc/passwd"):
            assert (await client.get(path)).status == 404, path
    finally:
        await client.close()


async def test_guests_join_with_nicknames_and_are_marked(setup) -> None:
    ctx, _ = setup
    host, client = await _start(ctx, Clock(), guests=True)
    try:
        ws = await client.ws_connect("/ws")
        await ws.send_json({"type": "hello", "pin": host.game.pin})
        assert (await _recv(ws))["guests"] is True
        await ws.send_json({"type": "join", "pin": host.game.pin, "student": "amina", "code": "x"})
        assert (await _recv(ws))["code"] == "guests_only"
        await ws.send_json({"type": "join", "pin": host.game.pin, "nickname": "  Zed  "})
        welcome = await _recv(ws)
        assert (welcome["id"], welcome["name"], welcome["guest"]) == ("guest-1", "Zed", True)
        other = await client.ws_connect("/ws")
        await other.send_json({"type": "join", "pin": host.game.pin, "nickname": "zed"})
        assert (await _recv(other))["code"] == "nickname_taken"
        await _recv(ws)
        await host.advance()
        await _recv(ws)
        await ws.send_json({"type": "answer", "index": 0, "answer": 0})
        assert (await _recv(ws))["type"] == "ack"
        attempts, _ = session_attempts(ctx.root, "week-1")
        assert [(a.student, a.guest, a.name) for a in attempts] == [("guest-1", True, "Zed")]
    finally:
        await client.close()


async def test_a_teacher_key_changes_the_game_at_once_and_the_devices_get_the_latest_state_once(setup) -> None:
    """Pause and resume pressed in the same frame: the game changes before anything is sent (the projector draws
    it at once), and the devices are told once, with the final state, instead of once per key."""
    ctx, codes = setup
    clock = Clock()
    host, client = await _start(ctx, clock)
    try:
        ws, _ = await _join(client, host, "amina", codes["amina"])
        await host.advance()
        assert (await _recv(ws))["type"] == "question"
        host.pause()
        assert host.game.paused  # before any await: the key's change is already in the game
        clock.t += 3
        last = host.pause()  # resumed within the same frame
        assert not host.game.paused
        await last
        state = await _recv(ws)
        assert (state["type"], state["seconds_left"]) == ("question", 20)
        with pytest.raises(TimeoutError):
            await ws.receive(timeout=0.3)  # one message for both keys
    finally:
        await client.close()


async def test_a_pause_tells_the_devices_so_their_clock_stops_too(setup) -> None:
    ctx, codes = setup
    clock = Clock()
    host, client = await _start(ctx, clock)
    try:
        ws, _ = await _join(client, host, "amina", codes["amina"])
        await host.advance()
        assert (await _recv(ws))["paused"] is False
        clock.t += 5
        await host.pause()
        state = await _recv(ws)
        assert (state["type"], state["seconds_left"], state["paused"]) == ("question", 15, True)
        clock.t += 60
        await host.pause()
        state = await _recv(ws)
        assert (state["seconds_left"], state["paused"]) == (15, False)
    finally:
        await client.close()


async def test_messages_are_not_deflated(setup) -> None:
    """A browser asks for per-message deflate; the server declines it (its messages are small, and zlib for each
    would run on the projector's loop), and the game is played as before."""
    ctx, codes = setup
    host, client = await _start(ctx, Clock())
    try:
        ws = await client.ws_connect("/ws", compress=15)
        assert ws.compress == 0
        await ws.send_json({"type": "hello", "pin": host.game.pin})
        assert (await _recv(ws))["type"] == "class"
    finally:
        await client.close()
