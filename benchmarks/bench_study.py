"""Key press latency in a study session (reveal -> rate -> next card) in a headless Textual app (a script).

    PYTHONPATH=src python3 benchmarks/bench_study.py [notes] [presses] [idle seconds]

Each key is sent as the terminal driver sends it; the figure is the time from sending it until the app has
painted the next frame (Textual's public `wait_for_refresh`), i.e. handled and painted. Between keys the app is
left idle, as between a person's key presses: 0.2 s by default, a fast reader. The study screen uses that time:
once a question is on screen it builds the answer's lines and draws the rating buttons (no frame: nothing on
screen changes), so the key that shows them only swaps them in. A key pressed within 16 ms of another frame
(the clock's, say) waits for Textual's next 60 fps slot. The process's CPU time over the same span is shown too: on a
shared machine the wall time also counts waiting for a core. (Pilot.press() is not used for timing: it waits
for the whole machine's CPU to go idle, which on a shared machine adds 50-100 ms of its own.)
Runs twice: the bundled decks (new cards), and a synthetic deck of `notes` with progress (every tenth card due).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write_deck, write_progress  # noqa: E402

from quizapp.tui.app import make_app  # noqa: E402

DECKS = Path(__file__).resolve().parents[1] / "decks"
SIZE = (100, 30)
IDLE = 0.2  # seconds between key presses


def summary(times: list[float]) -> str:
    if not times:
        return "no presses"
    s = sorted(times)
    return (
        f"p50 {statistics.median(s):.1f} ms, p95 {s[min(len(s) - 1, int(len(s) * 0.95))]:.1f} ms, "
        f"max {s[-1]:.1f} ms over {len(s)} keys"
    )


async def session(home: Path, decks: list[Path], presses: int, idle: float = IDLE) -> dict[str, str]:
    from textual import events

    from quizapp.tui.screens.study import StudyScreen

    app = make_app(home=home, learner="bench", deck_paths=decks, enable_fuzzing=False)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3000):
            if app.workspace is not None:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        t = time.perf_counter()
        screen = StudyScreen(app.workspace)
        await app.push_screen(screen)
        await pilot.pause()
        opened = (time.perf_counter() - t) * 1000
        handled, painted, cpu = {"space": [], "3": []}, {"space": [], "3": []}, {"space": [], "3": []}
        ending: list[float] = []
        for _ in range(presses):
            key = {"question": "space", "answer": "3"}.get(screen.phase)
            if key is None:
                break
            phase = screen.phase
            await asyncio.sleep(idle)  # between key presses
            t0, c0 = time.perf_counter(), time.process_time()
            app.post_message(events.Key(key, " " if key == "space" else key))  # as the terminal driver sends it
            while screen.phase == phase:
                if time.perf_counter() - t0 > 10:
                    raise RuntimeError(f"the key {key!r} was not handled in 10 s")
                await asyncio.sleep(0)
            t1 = time.perf_counter()
            await asyncio.wait_for(app.wait_for_refresh(), 10)  # the frame showing the key's result is painted
            t2 = time.perf_counter()
            if key == "3" and screen.phase not in ("question", "answer"):  # the last card: the summary opens
                ending.append((t2 - t0) * 1000)
                continue
            cpu[key].append((time.process_time() - c0) * 1000)
            handled[key].append((t1 - t0) * 1000)
            painted[key].append((t2 - t0) * 1000)
        return {
            "open study screen": f"{opened:.0f} ms",
            "reveal (space), handled": summary(handled["space"]),
            "reveal (space), handled + next frame": summary(painted["space"]),
            "rate Good -> next card (3), handled": summary(handled["3"]),
            "rate Good -> next card (3), handled + next frame": summary(painted["3"]),
            "all study keys, handled + next frame": summary(painted["space"] + painted["3"]),
            "all study keys, CPU time of the process meanwhile": summary(cpu["space"] + cpu["3"]),
            "rate the last card -> session summary screen": summary(ending) if ending else "not reached",
        }


def rows(n: int = 10_000, presses: int = 120, idle: float = IDLE) -> list[tuple[str, str]]:
    out = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for name, value in asyncio.run(session(tmp / "h1", [DECKS], presses, idle)).items():
            out.append((f"study keys, bundled decks: {name}", value))
        deck = write_deck(tmp / "big.toml", n)
        write_progress(tmp / "h2", "bench", n, datetime.now(timezone.utc))
        for name, value in asyncio.run(session(tmp / "h2", [deck], presses, idle)).items():
            out.append((f"study keys, {n:,} cards: {name}", value))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    presses = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    idle = float(sys.argv[3]) if len(sys.argv) > 3 else IDLE
    for name, value in rows(n, presses, idle):
        print(f"{name:<64}  {value}")


if __name__ == "__main__":
    main()
