"""The live game's limits through aiohttp's test client: message size and rate per socket, the number of sockets,
and wrong tries counted per address across reconnects."""

from __future__ import annotations

import json

import pytest
from aiohttp import WSMsgType
from tests import test_live_protocol as protocol
from tests.test_live_protocol import Clock, _join, _recv, _start

from quizapp.classroom.live.limits import BURST
from quizapp.classroom.live.server import MAX_MESSAGE

setup = protocol.setup  # the same class, deck and codes for every test


async def test_oversized_message_closes_the_socket(setup) -> None:
    ctx, _ = setup
    host, client = await _start(ctx, Clock())
    try:
        ws = await client.ws_connect("/ws")
        await ws.send_str(json.dumps({"type": "hello", "pin": "1" * MAX_MESSAGE}))
        msg = await ws.receive(timeout=5)
        assert msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.CLOSING)
        assert ws.close_code == 1009
    finally:
        await client.close()


async def test_a_flood_of_messages_is_cut_off(setup) -> None:
    ctx, _ = setup
    host, client = await _start(ctx, Clock())  # the clock stands still: no tokens come back
    try:
        ws = await client.ws_connect("/ws")
        for _ in range(int(BURST) + 5):
            await ws.send_json({"type": "hello", "pin": "0"})
        codes = []
        while True:
            msg = await ws.receive(timeout=5)
            if msg.type != WSMsgType.TEXT:
                break
            codes.append(json.loads(msg.data)["code"])
        assert codes == ["bad_pin"] * int(BURST) + ["too_fast"]
        assert ws.close_code == 1008
    finally:
        await client.close()


async def test_connection_count_is_bounded(setup) -> None:
    ctx, _ = setup
    host, client = await _start(ctx, Clock(), max_connections=2)
    try:
        await client.ws_connect("/ws")
        await client.ws_connect("/ws")
        r = await client.get(
            "/ws",
            headers={
                "Connection": "Upgrade",
                "Upgrade": "websocket",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            },
        )
        assert r.status == 503
    finally:
        await client.close()


async def test_a_guesser_who_reconnects_is_still_refused_and_may_try_again_after_the_window(setup) -> None:
    """Wrong PINs and codes count per address across sockets: a new socket does not start a fresh count."""
    from quizapp.classroom.live.limits import LIMIT, WINDOW

    ctx, codes = setup
    clock = Clock()
    host, client = await _start(ctx, clock)
    wrong = "000000" if host.game.pin != "000000" else "111111"
    try:
        for n in range(LIMIT):
            ws = await client.ws_connect("/ws")  # a new socket each time, as a reconnecting guesser would open
            if n < 4:  # wrong codes (under the per-student lockout of 5), then wrong PINs
                await ws.send_json({"type": "join", "pin": host.game.pin, "student": "bilal", "code": f"WRONG{n}"})
                assert (await _recv(ws))["code"] == "bad_code"
            else:
                await ws.send_json({"type": "hello", "pin": wrong})
                assert (await _recv(ws))["code"] == "bad_pin"
            await ws.close()
            clock.t += 1
        ws = await client.ws_connect("/ws")
        await ws.send_json({"type": "join", "pin": host.game.pin, "student": "amina", "code": codes["amina"]})
        assert (await _recv(ws))["code"] == "too_many_tries"  # even the right code, from this address
        await ws.send_json({"type": "hello", "pin": host.game.pin})
        assert (await _recv(ws))["code"] == "too_many_tries"
        await ws.close()
        clock.t += WINDOW
        amina, welcome = await _join(client, host, "amina", codes["amina"])
        assert welcome["id"] == "amina"
    finally:
        await client.close()


def test_the_per_address_count_is_bounded_and_expires() -> None:
    from quizapp.classroom.live.game import Refused
    from quizapp.classroom.live.limits import FailureLimit

    clock = Clock()
    limit = FailureLimit(clock, limit=2, window=60, max_addresses=3)
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"):
        limit.failed(address)
        limit.failed(address)
    assert len(limit) == 3  # the oldest address was forgotten
    limit.check("10.0.0.1")  # forgotten: allowed
    with pytest.raises(Refused):
        limit.check("10.0.0.4")
    clock.t += 60
    limit.check("10.0.0.4")  # expired
    assert len(limit) == 2
