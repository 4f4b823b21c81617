"""The live game's web server (aiohttp), run inside the projector's asyncio loop.

HTTP: `GET /`, `/app.js`, `/style.css` are the packaged student page (held in memory: no request path reaches
the file system); everything else is 404. `GET /ws` is the game's WebSocket.

Every request must carry a `Host` that is one of this server's addresses (DNS rebinding: 421), and a WebSocket
handshake with an `Origin` must come from one of them too (403 otherwise; a client without `Origin`, such as
`quizapp class join`, is let in); see webguard.py. At most `max_connections` sockets at once (503 beyond);
a message is at most MAX_MESSAGE bytes (the socket is closed with 1009) and a socket may send RATE messages
a second with bursts of BURST (then `too_fast` and the socket is closed with 1008).

Protocol: one JSON object per text message, each with a "type".

Student -> server
    {"type": "hello", "pin": "123456"}                         -> "class" (the roster, or guests: true)
    {"type": "join", "pin": P, "student": ID, "code": CODE}   -> "welcome", then the game's state
    {"type": "join", "pin": P, "nickname": NAME}              -> "welcome" (--guests games only)
    {"type": "resume", "token": T}                             -> "welcome" to the same seat (after a reconnect)
    {"type": "answer", "index": N, "answer": A}                -> "ack" once it is on disk; A is the option's
                                                                  number (choice), true/false, or text
Server -> student
    {"type": "class", "title", "guests", "students": [{"id", "name", "taken"}]}
    {"type": "welcome", "token", "id", "name", "guest"}
    {"type": "lobby", "title", "joined"}
    {"type": "question", "index", "number", "total", "kind", "prompt", "options", "seconds_left" (null: no
     limit), "answered", "late", "paused"}  sent again when the teacher pauses or resumes (the page's clock follows)
    {"type": "ack", "index"}
    {"type": "reveal", "index", "answer", "correct" (null: no answer), "points", "score", "rank", "players"}
    {"type": "board"|"end", "score", "rank", "players"}
    {"type": "released"}  the teacher freed this seat; the socket closes
    {"type": "error", "code", "message"}  codes: bad_pin, unknown_student, bad_code, locked, too_many_tries
        (20 wrong PINs, ids or codes from one address in 5 minutes, across reconnects), seat_taken, guests_only,
        roster_only, bad_nickname, nickname_taken, bad_token, no_seat, closed, late, already_answered, bad_answer,
        not_saved, bad_message, too_fast, game_over
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources

from aiohttp import WSCloseCode, WSMsgType, web

from quizapp.classroom.live.addresses import allowed_hosts, shown_hosts, url_host
from quizapp.classroom.live.codes import code_matches, lower_thread_priority
from quizapp.classroom.live.game import LiveGame, Refused, Seat
from quizapp.classroom.live.limits import COUNTED, FailureLimit, MessageRate
from quizapp.classroom.live.states import class_list, device_state
from quizapp.classroom.live.store import LiveStore, state_key
from quizapp.classroom.live.webguard import guard, origin_allowed

MAX_MESSAGE = 2048
MAX_CONNECTIONS = 300
TICK = 0.1
FRAME = 1 / 60  # the devices are told this long after a change, once the projector has drawn it
SLICE = 0.001  # a broadcast gives the loop back after this long, so a key or a frame is never held up by it
STATIC = {
    "/": ("index.html", "text/html"),
    "/app.js": ("app.js", "text/javascript"),
    "/style.css": ("style.css", "text/css"),
}


@dataclass
class Conn:
    ws: web.WebSocketResponse
    messages: MessageRate
    address: str = ""
    seat: str | None = None


def _static() -> dict[str, tuple[bytes, str]]:
    base = resources.files("quizapp.classroom.live") / "static"
    return {route: ((base / name).read_bytes(), kind) for route, (name, kind) in STATIC.items()}


class LiveHost:
    """The game, its files and its sockets; the projector calls advance/skip/end/pause/release."""

    def __init__(
        self,
        game: LiveGame,
        store: LiveStore,
        *,
        title: str,
        codes: Mapping[str, str],
        bind: str = "127.0.0.1",
        port: int = 8765,
        max_connections: int = MAX_CONNECTIONS,
        on_change: Callable[[], None] = lambda: None,
    ):
        self.game, self.store, self.title, self.codes = game, store, title, dict(codes)
        self.bind, self.port, self.max_connections, self.on_change = bind, port, max_connections, on_change
        self.conns: dict[web.WebSocketResponse, Conn] = {}
        self.by_seat: dict[str, Conn] = {}
        self.failures = FailureLimit(game.clock)  # wrong PINs, ids and codes per address, across reconnects
        self.files = _static()
        self.pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="live-store")  # file writes (fsync)
        # Code checks (scrypt, 16 MiB and ~30 ms of one core each) have their own threads, so a queue of sign-ins
        # never delays an answer's write or the state saved before a welcome; at a lower priority than the loop.
        self.code_pool = ThreadPoolExecutor(2, "live-codes", initializer=lower_thread_priority)
        self.hosts = allowed_hosts(bind, port)
        self.app = web.Application(middlewares=[guard(self.hosts), self._no_store])
        for route in STATIC:
            self.app.router.add_get(route, self._file)
        self.app.router.add_get("/ws", self._socket)
        self.app.on_shutdown.append(self._close_all)
        self._runner: web.AppRunner | None = None
        self._ticker: asyncio.Task | None = None
        self._publisher: asyncio.Task[None] | None = None
        self._state_saved: tuple[tuple, asyncio.Future[None]] | None = None  # the last state save: (key, write)
        self._stale = False
        self.citations: dict[str, object] = {}  # note id -> context.Citation, for the projector's reveal

    # -- life -----------------------------------------------------------------------------------------------
    @property
    def urls(self) -> list[str]:
        return [f"http://{url_host(a)}:{self.port}/" for a in shown_hosts(self.bind)]

    async def start(self) -> None:
        """Listen (raises OSError when the port is taken) and start the question timer."""
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.bind, self.port).start()
        self.start_ticker()
        await self.save_state()

    def start_ticker(self) -> None:
        if self._ticker is None:
            self._ticker = asyncio.get_running_loop().create_task(self._tick())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None
        if self._publisher is not None:
            await self._publisher
        await self.save_state()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self.pool.shutdown(wait=True)
        self.code_pool.shutdown(wait=True)

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(TICK)
            if self.game.time_is_up():  # "everyone answered" closes in _answer, after the last ack
                self.game.close()
                await self.changed()

    async def _close_all(self, app: web.Application) -> None:
        for ws in list(self.conns):
            await ws.close(code=WSCloseCode.GOING_AWAY, message=b"the game has stopped")

    # -- teacher ----------------------------------------------------------------------------------------------
    # A key press changes the game at once and returns; saving the state and telling the devices run after it, in
    # one task (see publish). Awaiting the returned task waits until the devices have been told.
    def advance(self) -> asyncio.Task[None]:
        self.game.advance()
        return self.publish()

    def skip(self) -> asyncio.Task[None]:
        self.game.skip()
        return self.publish()

    def end(self) -> asyncio.Task[None]:
        self.game.end()
        return self.publish()

    def pause(self) -> asyncio.Task[None]:
        self.game.pause()
        return self.publish()

    async def release(self, sid: str) -> Seat | None:
        seat = self.game.release(sid)
        conn = self.by_seat.pop(sid, None)
        if conn is not None:
            conn.seat = None
            await self._send(conn, {"type": "released"})
            await conn.ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"seat released")
        await self.save_state()
        self.on_change()
        return seat

    def publish(self) -> asyncio.Task[None]:
        """Save the state and tell every seated device, in the background; changes that come while a round is
        under way are coalesced into one more round, so the devices always end with the latest state."""
        self.on_change()
        self._stale = True
        if self._publisher is None or self._publisher.done():
            self._publisher = asyncio.get_running_loop().create_task(self._publish_rounds())
        return self._publisher

    async def _publish_rounds(self) -> None:
        while self._stale:
            await asyncio.sleep(FRAME)  # the projector paints the change first; changes in this frame join the round
            self._stale = False
            await self._broadcast()

    async def changed(self) -> None:
        """After a phase change: save the state, tell every seated device, redraw the projector."""
        await self.publish()

    async def _broadcast(self) -> None:
        ended = self.game.phase == "podium"
        await self.save_state(ended=ended)
        if ended:
            await self._write_players(ended=True)
        figures = (self.game.points(), self.game.standings())  # once for every device, not once each
        began = time.perf_counter()
        for conn in list(self.by_seat.values()):
            if time.perf_counter() - began > SLICE:
                await asyncio.sleep(0)  # let a key press, a frame or an answer in between
                began = time.perf_counter()
            await self._send(conn, self.state_for(self.game.seats.get(conn.seat or ""), figures))
        self.on_change()

    async def save_state(self, ended: bool = False) -> None:
        """Write the game's state file, and return once it is on disk. A state that says what the last one said
        (a pause, a redraw) is not written again: this waits for that write instead. The TOML is made on the
        writer's thread."""
        record = self.store.state_record(self.game, ended)
        key = state_key(record)
        last = self._state_saved
        if last is not None and last[0] == key and _not_failed(last[1]):
            await asyncio.shield(last[1])
            return
        version = self.store.next_version()
        write = asyncio.get_running_loop().run_in_executor(self.pool, self.store.write_state, record, version)
        self._state_saved = (key, write)
        await write

    async def _write_players(self, ended: bool) -> None:
        loop = asyncio.get_running_loop()
        jobs = []
        for seat in self.game.seats.values():
            sid, version, data = self.store.player_attempt(self.game, seat, ended)
            jobs.append(loop.run_in_executor(self.pool, self.store.write_player, sid, version, data))
        await asyncio.gather(*jobs, return_exceptions=True)

    # -- state for one device ---------------------------------------------------------------------------------
    def state_for(self, seat: Seat | None, figures: tuple[dict, list] | None = None) -> dict:
        """What one device is shown now; `figures` are (points, standings) computed once for a broadcast."""
        return device_state(self.game, self.title, seat, figures)

    # -- HTTP -------------------------------------------------------------------------------------------------
    @web.middleware
    async def _no_store(self, request: web.Request, handler: Callable) -> web.StreamResponse:
        response = await handler(request)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def _file(self, request: web.Request) -> web.Response:
        body, kind = self.files[request.path]
        csp = (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            f"connect-src 'self' ws://{request.host}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
        return web.Response(body=body, content_type=kind, charset="utf-8", headers={"Content-Security-Policy": csp})

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        if not origin_allowed(request.headers.get("Origin"), self.hosts):  # also without an Upgrade header
            return web.Response(status=403, text="Connections from other sites are refused.")
        if len(self.conns) >= self.max_connections:
            return web.Response(status=503, text="The game is full.")
        # No per-message deflate: the messages are a few hundred bytes, and zlib for each would run on this loop.
        ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE, heartbeat=20, autoping=True, compress=False)
        await ws.prepare(request)
        conn = Conn(ws, MessageRate(self.game.clock), request.remote or "")
        self.conns[ws] = conn
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    break
                if not conn.messages.allow():
                    await self._error(conn, Refused("too_fast", "Too many messages; reload the page."))
                    await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"too fast")
                    break
                await self._handle(conn, msg.data)
        finally:
            self.conns.pop(ws, None)
            if conn.seat and self.by_seat.get(conn.seat) is conn:
                del self.by_seat[conn.seat]
                seat = self.game.seats.get(conn.seat)
                if seat is not None:
                    seat.connected = False
                self.on_change()
        return ws

    # -- messages ---------------------------------------------------------------------------------------------
    async def _handle(self, conn: Conn, text: str) -> None:
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                raise ValueError
            kind = data.get("type")
        except (ValueError, RecursionError):
            await self._error(conn, Refused("bad_message", "That message is not understood."))
            return
        try:
            if kind in ("hello", "join"):
                self.failures.check(conn.address)
            if kind == "hello":
                self.game.check_pin(data.get("pin"))
                await self._send(conn, class_list(self.game, self.title))
            elif kind == "join" and conn.seat is None:
                await self._join(conn, data)
            elif kind == "resume" and conn.seat is None:
                await self._welcome(conn, self.game.reconnect(data.get("token")), None)
            elif kind == "answer" and conn.seat is not None:
                await self._answer(conn, data)
            else:
                raise Refused("bad_message", "That message is not understood here.")
        except Refused as e:
            if e.code in COUNTED:
                self.failures.failed(conn.address)
            await self._error(conn, e)

    async def _join(self, conn: Conn, data: dict) -> None:
        g = self.game
        g.check_pin(data.get("pin"))
        if g.guests or "nickname" in data:
            if "student" in data:
                g.find_student(data["student"])  # refuses: this game is for guests
            seat, token = g.seat_guest(data.get("nickname"))
        else:
            sid = g.find_student(data.get("student"))
            g.check_not_locked(sid)
            if g.taken(sid):
                raise Refused("seat_taken", "You are already signed in on another device. Ask your teacher.")
            code = data.get("code")
            stored = self.codes.get(sid)
            ok = (
                isinstance(code, str)
                and stored is not None
                and await asyncio.get_running_loop().run_in_executor(self.code_pool, code_matches, code[:64], stored)
            )
            if not ok:
                raise g.code_failed(sid)
            seat, token = g.seat_student(sid)
        await self.save_state()
        await self._welcome(conn, seat, token)

    async def _welcome(self, conn: Conn, seat: Seat, token: str | None) -> None:
        old = self.by_seat.get(seat.id)
        if old is not None and old is not conn:  # the same device came back on a new socket
            old.seat = None
            with contextlib.suppress(Exception):
                await old.ws.close(code=WSCloseCode.GOING_AWAY, message=b"reconnected elsewhere")
        conn.seat = seat.id
        self.by_seat[seat.id] = conn
        hello = {"type": "welcome", "id": seat.id, "name": seat.name, "guest": seat.guest}
        if token is not None:
            hello["token"] = token
        await self._send(conn, hello)
        await self._send(conn, self.state_for(seat))
        self.on_change()

    async def _answer(self, conn: Conn, data: dict) -> None:
        g = self.game
        seat = g.seats.get(conn.seat or "")
        if seat is None:
            raise Refused("no_seat", "Sign in first.")
        got = g.answer(seat.id, data.get("index"), data.get("answer"))
        sid, version, attempt = self.store.player_attempt(g, seat)  # its TOML is made on the writer's thread
        try:
            await asyncio.get_running_loop().run_in_executor(self.pool, self.store.write_player, sid, version, attempt)
        except OSError:
            g.forget(got)
            raise Refused("not_saved", "Your answer could not be saved; answer again.") from None
        await self._send(conn, {"type": "ack", "index": got.index})
        self.on_change()
        if g.should_close():
            g.close()
            await self.changed()

    async def _send(self, conn: Conn, data: dict) -> None:
        if not conn.ws.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await conn.ws.send_str(json.dumps(data))

    async def _error(self, conn: Conn, e: Refused) -> None:
        await self._send(conn, {"type": "error", "code": e.code, "message": str(e)})


def _not_failed(write: asyncio.Future[None]) -> bool:
    """A write still under way, or done without an error."""
    return not write.done() or (not write.cancelled() and write.exception() is None)
