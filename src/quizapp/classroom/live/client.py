"""`quizapp class join URL`: take part in a live game from a terminal, over the same WebSocket protocol as the
student page (see server.py). Line by line: it works in any terminal, over ssh, in a computer lab."""

from __future__ import annotations

import asyncio
import getpass
import json
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from urllib.parse import urlsplit

import aiohttp

from quizapp.errors import QuizappError

SHAPES = "▲◆●■"


class JoinError(QuizappError):
    """The game cannot be joined (bad URL, no server, refused)."""


def ws_url(url: str) -> str:
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "ws") or not parts.hostname:
        raise JoinError(f"{url!r} is not a game address; copy it from the projector, e.g. http://192.168.1.20:8765/")
    return f"ws://{parts.netloc}/ws"


def wrap_lines(text: str, width: int) -> str:
    """`text` with each line wrapped between words to `width` columns (a word longer than a line stays whole).
    A continued line is indented under the text of its own line: an option's words under the option."""
    out = []
    width = max(width, 20)
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip(" "))
        option = re.match(r" *\d+ {2}\S ", line)  # "  1  ▲ Karachi"
        indent = " " * (option.end() if option else lead)
        out.append(
            textwrap.fill(
                line,
                width=width,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
                drop_whitespace=True,
            )
            if len(line) > width
            else line
        )
    return "\n".join(out)


class TerminalPlayer:
    """Asks on the terminal and prints what the server says, wrapped between words to the terminal's width;
    `ask` and `say` can be replaced in tests."""

    def __init__(
        self,
        ask: Callable[[str], str] = input,
        say: Callable[[str], None] = print,
        secret=getpass.getpass,
        width: int | None = None,
    ):
        self.ask, self.out, self.secret = ask, say, secret
        self.width = width or shutil.get_terminal_size().columns
        self.over = False
        self.released = False  # the teacher freed this seat: sign in again
        self.pin: str | None = None
        self.student: str | None = None  # the id this player signed in with, kept when the seat is released
        self.standing = ""  # the last "N points · 1st of M" line, not repeated when the game ends
        self.asked: set[int] = set()

    def say(self, text: str) -> None:
        """Print `text`, each line wrapped between words (never mid-word as a terminal wraps raw lines)."""
        self.out(wrap_lines(text, self.width))

    async def prompt(self, text: str, secret: bool = False) -> str:
        return await asyncio.to_thread(self.secret if secret else self.ask, text)

    async def run(self, url: str, pin: str | None, student: str | None, code: str | None, nickname: str | None) -> int:
        try:
            async with aiohttp.ClientSession() as http:
                while True:
                    async with http.ws_connect(ws_url(url), max_msg_size=2**20) as ws:
                        done = await self._play(ws, pin, student, code, nickname)
                    if not self.released:
                        return done
                    self.released = self.over = False
                    pin, code, nickname = self.pin, None, None  # same game; ask for the code (or nickname) again
        except aiohttp.ClientConnectorError:
            raise JoinError(
                f"nothing answers at {url}; check the address on the projector and that you are on the same network"
            ) from None
        except aiohttp.ClientError as e:
            raise JoinError(f"cannot reach the game at {url}: {e}") from None

    async def _play(self, ws, pin, student, code, nickname) -> int:
        pin = self.pin = pin or (await self.prompt("Game PIN: ")).strip()
        await ws.send_json({"type": "hello", "pin": pin})
        listing = await self._next(ws)
        if listing.get("type") == "error":
            self.say(listing["message"])
            return 1
        self.say(f"Game: {listing['title']}")
        while True:
            if listing["guests"]:
                nick = nickname or (await self.prompt("Nickname: "))
                await ws.send_json({"type": "join", "pin": pin, "nickname": nick})
            else:
                sid = student or self.student or (await self.prompt("Your student id: "))
                secret = code or (await self.prompt("Your personal code: ", secret=True))
                await ws.send_json({"type": "join", "pin": pin, "student": sid, "code": secret})
            got = await self._next(ws)
            if got.get("type") == "welcome":
                self.student = None if listing["guests"] else sid
                self.say(f"Signed in: {got['name']} — wait for the teacher to start.")
                break
            self.say(got.get("message", "refused"))
            if student or code or nickname:
                return 1
        async for msg in ws:
            if msg.type != aiohttp.WSMsgType.TEXT:
                break
            await self.show(ws, json.loads(msg.data))
            if self.over:
                return 0
        self.say("The game has stopped.")
        return 0

    async def _next(self, ws) -> dict:
        msg = await ws.receive()
        if msg.type != aiohttp.WSMsgType.TEXT:
            raise JoinError("the game closed the connection")
        return json.loads(msg.data)

    async def show(self, ws, m: dict) -> None:
        """Print one message of the server (and, for a question, read and send the answer)."""
        kind = m.get("type")
        if kind == "question":
            if m["index"] in self.asked:
                return  # the same question again (a state sent twice): answered already
            if m["late"] or m["answered"]:
                self.say("Wait for the next question…")
                return
            self.say(
                f"\nQuestion {m['number']} of {m['total']}"
                + (f" · {m['seconds_left']:g} s" if m["seconds_left"] else "")
            )
            self.say(("True or false? " if m["kind"] == "truefalse" else "") + m["prompt"])
            for i, option in enumerate(m["options"]):
                self.say(f"  {i + 1}  {SHAPES[i % 4]} {option}")
            self.asked.add(m["index"])
            answer = await self._read_answer(m)
            await ws.send_json({"type": "answer", "index": m["index"], "answer": answer})
        elif kind == "ack":
            self.say("Answer saved.")
        elif kind == "reveal":
            if m["correct"]:
                self.say(f"Right! +{m['points']}" + (f" · {_ordinal(m['rank'])}" if m["rank"] else ""))
            else:
                self.say(f"{'Not quite' if m['correct'] is False else 'No answer'}. The answer: {m['answer']}")
        elif kind in ("board", "end"):
            standing = f"{m['score']} points · {_ordinal(m['rank'])} of {m['players']}" if m["rank"] else ""
            if kind == "board" or standing != self.standing:  # the last board already said it
                self.say(standing)
            self.standing = standing
            if kind == "end":
                self.say("Game over. Thanks for playing!")
                self.over = True
        elif kind == "released":
            self.say("Your teacher released your seat; sign in again.")
            self.over = self.released = True
        elif kind == "error":
            self.say(m["message"])

    async def _read_answer(self, m: dict) -> object:
        while True:
            typed = (await self.prompt("Your answer: ")).strip()
            if m["kind"] in ("typed", "cloze"):
                if typed:
                    return typed
            elif typed.isdigit() and 1 <= int(typed) <= len(m["options"]):
                n = int(typed) - 1
                return n == 0 if m["kind"] == "truefalse" else n
            elif m["kind"] == "truefalse" and typed[:1].lower() in ("t", "f"):
                return typed[:1].lower() == "t"
            self.say(f"Type a number from 1 to {len(m['options'])}.")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def join(
    url: str, pin: str | None = None, student: str | None = None, code: str | None = None, nickname: str | None = None
) -> int:
    try:
        return asyncio.run(TerminalPlayer().run(url, pin, student, code, nickname))
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        return 130
