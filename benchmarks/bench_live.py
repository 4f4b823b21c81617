"""A live game with 100 simulated students over loopback (a script, not a test).

    PYTHONPATH=src python3 benchmarks/bench_live.py [students] [questions] [--budget SECONDS]

The projector (LiveApp, headless, with its aiohttp server in its own loop) runs in this process; the students
run in a child process (one WebSocket each), so this process's memory growth is the server's cost per student.
Every student answers each question once, within the same second (random delays in 0-0.9 s after it first sees
it; the state the server sends again, e.g. after a pause, is not a new question). Printed: sign-in time of all,
answer acknowledgement p50/p95 (send -> ack, each ack comes after the answer is on disk), projector key handling
(a pause or resume key posted to the app as the terminal driver does -> its action done, and -> the frame that shows
what the action changed has been painted) on a reveal with no answers arriving and during the answer bursts, the
event loop's delay during the sign-ins (a key the lobby ignores), answers lost (files read back), refusals, memory
per connected student.

Keys come in pairs, about ten a second: the first at a random moment (a person's key is not timed to the frames),
the second at once after the first one's frame has been painted. In the bursts, keys are pressed while the question
is open (answers arriving), until everyone has answered. Textual paints at most one frame per frame period (1/60 s;
the projector asks for 1/120 s), and the frame after one that followed an idle spell comes one to two periods later,
so that second key waits for it whatever the app does: it is reported on its own row ("right after a frame").

The whole run is bounded by --budget (default 240 s): every wait has a deadline; when one passes, the students'
process is killed and what was measured is printed, marked INCOMPLETE, with exit status 1.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


class OutOfTime(Exception):
    pass


def rss_kb() -> int:
    """This process's resident memory, after handing freed heap back (so allocator slack is not counted)."""
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * q))] if s else float("nan")


def students(port: int, pin: str, codes: dict[str, str], budget: float) -> None:
    """The child process: every student joins, then answers each question once, within a second of seeing it."""
    import aiohttp

    acks: list[float] = []
    joins: list[float] = []
    refused: Counter[str] = Counter()

    async def one(http: aiohttp.ClientSession, sid: str, code: str, joined: asyncio.Event, count: list[int]) -> None:
        asked: set[int] = set()
        sent: dict[int, float] = {}
        async with http.ws_connect(f"http://127.0.0.1:{port}/ws", max_msg_size=2**20) as ws:
            t = time.perf_counter()
            await ws.send_json({"type": "join", "pin": pin, "student": sid, "code": code})
            async for msg in ws:
                m = json.loads(msg.data)
                if m["type"] == "welcome":
                    joins.append(time.perf_counter() - t)
                    count[0] += 1
                    if count[0] == len(codes):
                        joined.set()
                elif m["type"] == "question" and not m["answered"] and not m["late"] and m["index"] not in asked:
                    asked.add(m["index"])
                    await asyncio.sleep(random.uniform(0, 0.9))
                    sent[m["index"]] = time.perf_counter()
                    await ws.send_json({"type": "answer", "index": m["index"], "answer": random.randrange(4)})
                elif m["type"] == "ack":
                    acks.append((time.perf_counter() - sent[m["index"]]) * 1000)
                elif m["type"] == "error":
                    refused[m["code"]] += 1
                elif m["type"] == "end":
                    return

    async def main() -> None:
        joined, count = asyncio.Event(), [0]
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
            tasks = [asyncio.create_task(one(http, sid, code, joined, count)) for sid, code in codes.items()]
            waiter = asyncio.create_task(joined.wait())
            await asyncio.wait([waiter, *tasks], timeout=budget, return_when=asyncio.FIRST_COMPLETED)
            print("joined" if joined.is_set() else "not joined", flush=True)
            await asyncio.wait(tasks, timeout=budget)
            for task in tasks:
                task.cancel()
        print(json.dumps({"acks": acks, "joins": joins, "refused": refused}), flush=True)

    asyncio.run(main())


def write_class(folder: Path, n: int, questions: int) -> Path:
    lines = ['format = 1\n\n[class]\nname = "Bench class"\n']
    lines += [f'[[students]]\nid = "s{i:03d}"\nname = "Student {i}"\n' for i in range(n)]
    lines.append(f'[[sessions]]\nname = "live"\nquestions = {questions}\nkinds = ["choice"]\nseconds = 20\nseed = 1\n')
    path = folder / "bench.toml"
    path.write_text("\n".join(lines), "utf-8")
    return path


def steady_heap() -> None:
    """Large blocks (scrypt's 16 MiB) always from mmap and back to the OS when freed, so RSS is not allocator slack."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD: fixed at 1 MiB


async def run(n: int, questions: int, budget: float) -> int:
    from quizapp.tui.live_app import LiveApp  # first, as `class live` imports it: before anything imports Textual

    from textual import events  # isort: skip

    from quizapp.classroom.context import open_session
    from quizapp.classroom.live.codes import code_matches, codes_path, issue_codes
    from quizapp.classroom.live.launch import open_game
    from quizapp.classroom.results import session_attempts
    from quizapp.tui.screens import live_question

    steady_heap()
    deadline = time.monotonic() + budget

    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise OutOfTime
        return remaining

    handled: list[float] = []  # when each pause action returned (the key is handled; the frame comes after)
    painted: list[asyncio.Event] = []  # set once the frame drawn after the action has been painted

    screen_class = live_question.LiveQuestionScreen
    pause_action = screen_class.action_pause

    def done(self: live_question.LiveQuestionScreen) -> None:
        handled.append(time.perf_counter())
        if painted:  # after the action's changes: the screen's next paint shows them
            self.call_after_refresh(painted[-1].set)

    def timed_pause(self: live_question.LiveQuestionScreen) -> object:
        result = pause_action(self)
        if inspect.isawaitable(result):  # an action that awaits (as it did before the change)

            async def finish() -> None:
                await result
                done(self)

            return finish()
        done(self)
        return result

    screen_class.action_pause = timed_pause  # type: ignore[method-assign]
    tmp = Path(tempfile.mkdtemp(prefix="bench-live-"))
    ctx = open_session(write_class(tmp, n, questions), "live", [REPO / "decks"])
    codes = issue_codes(codes_path(ctx.class_path), [s.id for s in ctx.cf.students])
    host = open_game(ctx, port=18000 + random.randrange(1000)).host
    app = LiveApp(host)
    figures: dict[str, list[float]] = {k: [] for k in ("idle", "sign-in", "burst", "burst-next", "burst-handled")}
    out: dict = {"acks": [], "joins": [], "refused": {}}
    join_s = before = after = 0.0
    problem = ""
    proc = None
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)

        async def key_ms(key: str, handled_into: str = "") -> float:
            """A key posted to the app as the terminal driver does; done when the frame that shows what its action
            changed has been painted (for the pause key: a refresh asked for after the action). Other keys: the
            app's next refresh."""
            handled.clear()
            painted[:] = [asyncio.Event()] if key == "p" else []
            t = time.perf_counter()
            app.post_message(events.Key(key, key))
            if painted and screen_class is type(app.screen):
                await asyncio.wait_for(painted[0].wait(), left())
            else:
                await asyncio.wait_for(app.wait_for_refresh(), left())
            if handled_into and handled:
                figures[handled_into].append((handled[0] - t) * 1000)
            return (time.perf_counter() - t) * 1000

        async def shown(name: str) -> None:
            """Wait until the app shows the screen for the game's phase (it switches at its next redraw)."""
            while not (type(app.screen).__name__ == name and app.screen.is_mounted):
                left()
                await asyncio.sleep(0.02)
            await asyncio.sleep(0.1)

        async def probe(into: str, until: float | None = None, stop: asyncio.Future | None = None) -> None:
            """Pause/resume presses (each an action, a broadcast and a redraw) in pairs: the first at a random
            moment 30-100 ms after the last, the second right after its frame (into "burst-next" in the bursts)."""

            def going() -> bool:
                if into == "burst" and host.game.phase != "question":
                    return False  # everyone has answered: the burst is over (the reveal is measured on its own)
                return (until is None or time.perf_counter() < until) and not (stop and stop.done())

            while going():
                await asyncio.sleep(random.uniform(0.03, 0.1))
                if not going():
                    break
                figures[into].append(await key_ms("p", "burst-handled" if into == "burst" else ""))
                figures[into + "-next" if into == "burst" else into].append(await key_ms("p"))

        try:
            loop, some = asyncio.get_running_loop(), next(iter(host.codes.values()))
            pool = getattr(host, "code_pool", host.pool)
            await asyncio.gather(*(loop.run_in_executor(pool, code_matches, "X", some) for _ in range(8)))
            before = rss_kb()  # after the code checks' scrypt buffers (16 MiB a thread) are in the heap once
            codes_file = tmp / "codes.json"
            codes_file.write_text(json.dumps(codes))
            joined_at = time.perf_counter()
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                __file__,
                "--students",
                str(host.port),
                host.game.pin,
                str(codes_file),
                str(budget),
                stdout=asyncio.subprocess.PIPE,
            )
            assert proc.stdout is not None
            line = asyncio.ensure_future(proc.stdout.readline())
            await asyncio.wait_for(probe("sign-in", stop=line), left())  # the lobby's pause key is a no-op
            if (await line).strip() != b"joined":
                raise OutOfTime
            join_s = time.perf_counter() - joined_at
            await pilot.pause(0.5)
            after = rss_kb()
            await key_ms("space")  # lobby -> the first question
            for number in range(questions):
                assert host.game.phase == "question", host.game.phase
                await probe("burst", until=time.perf_counter() + 1.2)  # every student answers within this second
                while host.game.phase == "question":  # closes when everyone answered (or after its 20 s)
                    left()
                    await asyncio.sleep(0.05)
                if number == 0:  # the same key (action, broadcast, redraw) on the reveal, with no answers arriving
                    await asyncio.sleep(0.5)
                    await probe("idle", until=time.perf_counter() + 1.0)
                await shown("LiveQuestionScreen")  # the reveal (a key sent while screens switch is lost)
                await key_ms("space")  # reveal -> board
                await shown("LiveBoardScreen")
                await key_ms("space")  # board -> the next question (or the podium)
                await shown("LiveQuestionScreen" if number + 1 < questions else "LiveBoardScreen")
            out = json.loads(await asyncio.wait_for(proc.stdout.readline(), left()))
            await asyncio.wait_for(proc.wait(), left())
        except (TimeoutError, OutOfTime):
            problem = f"INCOMPLETE: out of time (--budget {budget:.0f} s) in phase {host.game.phase!r}"
            if proc is not None and proc.returncode is None:
                proc.kill()
                await proc.wait()
    attempts, warnings = session_attempts(ctx.root, "live")
    saved = sum(len(a.answers) for a in attempts)
    acks, joins = out["acks"], out["joins"]
    rows = [
        ("sign-in of all (PIN + scrypt code check)", f"{join_s:.2f} s"),
        ("one sign-in p50 / p95", f"{statistics.median(joins or [0]):.2f} / {pct(joins, 0.95):.2f} s"),
        (
            "answer ack p50 / p95 / max",
            f"{statistics.median(acks or [0]):.1f} / {pct(acks, 0.95):.1f} / {max(acks or [0]):.1f} ms",
        ),
        (
            "projector key->frame p95: reveal (nothing to paint) / bursts",
            " / ".join(f"{pct(figures[k], 0.95):.1f}" for k in ("idle", "burst")) + " ms",
        ),
        (
            "projector key->frame p95 / max, bursts, right after a frame",
            f"{pct(figures['burst-next'], 0.95):.1f} / {max(figures['burst-next'] or [0]):.1f} ms",
        ),
        (
            "event loop during sign-ins (a no-op key) p95 / max",
            f"{pct(figures['sign-in'], 0.95):.1f} / {max(figures['sign-in'] or [0]):.1f} ms",
        ),
        (
            "projector key -> action done p95 / max, bursts",
            f"{pct(figures['burst-handled'], 0.95):.1f} / {max(figures['burst-handled'] or [0]):.1f} ms",
        ),
        (
            "projector key->frame max during bursts",
            f"{max(figures['burst'] or [0]):.1f} ms ({len(figures['burst'])} keys)",
        ),
        ("answers acknowledged / on disk / lost", f"{len(acks)} / {saved} / {n * questions - saved}"),
        ("refused", ", ".join(f"{k} {v}" for k, v in out["refused"].items()) or "none"),
        (
            "memory per connected student",
            f"{(after - before) / n:.1f} KiB (RSS {before / 1024:.0f} -> {after / 1024:.0f} MiB)",
        ),
    ]
    from textual import constants

    print(f"{n} students over loopback, {questions} questions, every answer within the same second")
    print(f"  (Textual at up to {constants.MAX_FPS} frames a second)")
    for label, value in rows:
        print(f"  {label:<50} {value}")
    if warnings:
        print("  warnings:", *warnings, sep="\n    ")
    if problem:
        print(problem)
    return 1 if problem else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--students"]:
        port, pin, codes, budget = args[1:5]
        students(int(port), pin, json.loads(Path(codes).read_text()), float(budget))
        sys.exit(0)
    limit = 240.0
    if "--budget" in args:
        i = args.index("--budget")
        limit = float(args[i + 1])
        del args[i : i + 2]
    n = int(args[0]) if args else 100
    q = int(args[1]) if len(args) > 1 else 3
    sys.exit(asyncio.run(run(n, q, limit)))
