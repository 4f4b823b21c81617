"""A live game with 100 simulated students over loopback (a script, not a test).

    PYTHONPATH=src python3 benchmarks/bench_live.py [students] [questions]

The projector (LiveApp, headless, with its aiohttp server in its own loop) runs in this process; the students
run in a child process (one WebSocket each), so this process's memory growth is the server's cost per student.
Every student answers each question within the same second (random delays in 0-0.9 s after it opens). Printed:
answer acknowledgement p50/p95 (send -> ack, each ack comes after the answer is on disk), projector key handling
p95 while idle beside during the bursts (a pause/resume press through Textual), answers lost (files read back),
and memory per connected student.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * q))] if s else float("nan")


def students(port: int, pin: str, codes: dict[str, str], questions: int) -> None:
    """The child process: every student joins, then answers each question within a second of it opening."""
    import aiohttp

    acks: list[float] = []

    async def one(http: aiohttp.ClientSession, sid: str, code: str, joined: asyncio.Event, count: list[int]) -> None:
        async with http.ws_connect(f"http://127.0.0.1:{port}/ws", max_msg_size=2**20) as ws:
            await ws.send_json({"type": "join", "pin": pin, "student": sid, "code": code})
            answered = 0
            sent = 0.0
            async for msg in ws:
                m = json.loads(msg.data)
                if m["type"] == "welcome":
                    count[0] += 1
                    if count[0] == len(codes):
                        joined.set()
                elif m["type"] == "question" and not m["answered"]:
                    await asyncio.sleep(random.uniform(0, 0.9))
                    sent = time.perf_counter()
                    await ws.send_json({"type": "answer", "index": m["index"], "answer": random.randrange(4)})
                elif m["type"] == "ack":
                    acks.append((time.perf_counter() - sent) * 1000)
                    answered += 1
                elif m["type"] == "error":
                    print("refused:", sid, m, file=sys.stderr)
                if answered == questions and m["type"] == "reveal":
                    return

    async def main() -> None:
        joined, count = asyncio.Event(), [0]
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
            tasks = [asyncio.create_task(one(http, sid, code, joined, count)) for sid, code in codes.items()]
            await joined.wait()
            print("joined", flush=True)
            await asyncio.gather(*tasks)
        print(json.dumps(acks), flush=True)

    asyncio.run(main())


def write_class(folder: Path, n: int, questions: int) -> Path:
    lines = ['format = 1\n\n[class]\nname = "Bench class"\n']
    lines += [f'[[students]]\nid = "s{i:03d}"\nname = "Student {i}"\n' for i in range(n)]
    lines.append(f'[[sessions]]\nname = "live"\nquestions = {questions}\nkinds = ["choice"]\nseconds = 20\nseed = 1\n')
    path = folder / "bench.toml"
    path.write_text("\n".join(lines), "utf-8")
    return path


async def run(n: int, questions: int) -> None:
    from quizapp.classroom.context import open_session
    from quizapp.classroom.live.codes import codes_path, issue_codes
    from quizapp.classroom.live.launch import open_game
    from quizapp.classroom.results import session_attempts
    from quizapp.tui.live_app import LiveApp

    tmp = Path(tempfile.mkdtemp(prefix="bench-live-"))
    ctx = open_session(write_class(tmp, n, questions), "live", [REPO / "decks"])
    codes = issue_codes(codes_path(ctx.class_path), [s.id for s in ctx.cf.students])
    host = open_game(ctx, port=18000 + random.randrange(1000)).host
    app = LiveApp(host)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)

        async def press_times(seconds: float) -> list[float]:
            out: list[float] = []
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                for key in ("p", "p"):  # pause, resume: an action and a redraw each
                    t = time.perf_counter()
                    await pilot.press(key)
                    out.append((time.perf_counter() - t) * 1000)
                await asyncio.sleep(0.02)
            return out

        from quizapp.classroom.live.codes import code_matches

        loop, some = asyncio.get_running_loop(), next(iter(host.codes.values()))
        await asyncio.gather(*(loop.run_in_executor(host.pool, code_matches, "X", some) for _ in range(8)))
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
            str(questions),
            stdout=asyncio.subprocess.PIPE,
        )
        assert proc.stdout is not None
        assert (await proc.stdout.readline()).strip() == b"joined"
        join_s = time.perf_counter() - joined_at
        await pilot.pause(0.5)
        after = rss_kb()
        idle = await press_times(1.0)
        burst: list[float] = []
        for _ in range(questions):
            await pilot.press("space")  # open the question
            burst += await press_times(1.0)  # every student answers within this second
            while host.game.phase == "question":
                await pilot.pause(0.05)
            await pilot.press("space")  # reveal -> board
            await pilot.pause(0.1)
            await pilot.press("space")  # board -> next question (or the podium)
            await pilot.pause(0.1)
        acks = json.loads(await proc.stdout.readline())
        await proc.wait()
    attempts, warnings = session_attempts(ctx.root, "live")
    saved = sum(len(a.answers) for a in attempts)
    rows = [
        ("join (PIN + code check, scrypt) of all", f"{join_s:.2f} s"),
        ("answer ack p50 / p95 / max", f"{statistics.median(acks):.1f} / {pct(acks, 0.95):.1f} / {max(acks):.1f} ms"),
        ("projector key p95: idle / during bursts", f"{pct(idle, 0.95):.1f} / {pct(burst, 0.95):.1f} ms"),
        ("answers acknowledged / on disk / lost", f"{len(acks)} / {saved} / {n * questions - saved}"),
        (
            "memory per connected student",
            f"{(after - before) / n:.1f} KiB (RSS {before // 1024} -> {after // 1024} MiB)",
        ),
    ]
    print(f"{n} students over loopback, {questions} questions, every answer within the same second")
    for label, value in rows:
        print(f"  {label:<42} {value}")
    if warnings:
        print("  warnings:", *warnings, sep="\n    ")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--students"]:
        port, pin, codes, count = sys.argv[2:6]
        students(int(port), pin, json.loads(Path(codes).read_text()), int(count))
        sys.exit(0)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    q = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    asyncio.run(run(n, q))
