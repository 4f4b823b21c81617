"""Print quizapp's benchmark table. Not a test: `python benchmarks/run.py [--quick]`.

Measures deck load + validation at 1k/10k/100k notes, one durable review save (p50/p99) at
1k/10k/100k card states, and the time to the first frame of the app beside a minimal Textual app.
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write_deck  # noqa: E402

from quizapp.decks import load_deck  # noqa: E402
from quizapp.scheduler import CardState, Rating, Scheduler  # noqa: E402
from quizapp.storage import LearnerStore  # noqa: E402

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
MINIMAL_APP = """
import sys, time
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
async def first_frame(pilot):
    print(time.time())
    pilot.app.exit()
Minimal().run(headless=True, auto_pilot=first_frame)
"""
QUIZAPP = """
import sys, time
from pathlib import Path
from quizapp.tui.app import make_app
async def first_frame(pilot):
    print(time.time())
    pilot.app.exit()
make_app(home=Path(sys.argv[1]), learner="bench", deck_paths=[Path(sys.argv[2])]).run(headless=True,
         auto_pilot=first_frame)
"""


def deck_load(sizes: list[int], tmp: Path) -> list[tuple[str, str]]:
    rows = []
    for n in sizes:
        path = write_deck(tmp / f"deck{n}.toml", n)
        t = time.perf_counter()
        gc.freeze()
        load_deck(path)
        gc.unfreeze()
        rows.append((f"load + validate {n:,} notes", f"{time.perf_counter() - t:.3f} s"))
    return rows


def review_save(sizes: list[int], tmp: Path, samples: int = 300) -> list[tuple[str, str]]:
    rows = []
    sched = Scheduler(enable_fuzzing=False)
    for n in sizes:
        store = LearnerStore(tmp / f"h{n}", "bench").open()
        state = sched.review(sched.new_card("x", NOW), Rating.GOOD, NOW)
        store.states = {f"c{i}": CardState(f"c{i}", 2, None, 5.0, 5.0, NOW, NOW) for i in range(n)}
        store.compact()
        times = []
        for i in range(samples):
            t = time.perf_counter()
            store.record("review", state, NOW + timedelta(seconds=i), rating=3)
            times.append((time.perf_counter() - t) * 1000)
        store._since_compact = 0
        store.close()
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        rows.append((f"save one review, {n:,} card states", f"p50 {statistics.median(times):.2f} ms, p99 {p99:.2f} ms"))
    return rows


def first_frame(tmp: Path, runs: int = 5) -> list[tuple[str, str]]:
    decks = Path(__file__).resolve().parents[1] / "decks"

    def timed(code: str, *args: str) -> float:
        out = []
        for _ in range(runs):
            t = time.time()
            run = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
            out.append(float(run.stdout.split()[-1]) - t)  # from launch to the first frame, not to exit
        return statistics.median(out)

    minimal = timed(MINIMAL_APP)
    ours = timed(QUIZAPP, str(tmp / "ff-home"), str(decks))
    return [
        ("first frame: minimal Textual app", f"{minimal:.3f} s"),
        ("first frame: quizapp, bundled decks", f"{ours:.3f} s ({ours / minimal:.2f}x)"),
    ]


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = deck_load(sizes, tmp) + review_save(sizes, tmp) + first_frame(tmp)
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  result")
    print(f"{'-' * width}  {'-' * 30}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
