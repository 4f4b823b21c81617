"""Print quizapp's benchmark table, every figure from one run. Not a test: `python benchmarks/run.py [--quick]`.

Measures deck load + validation at 1k/10k/100k notes, one durable review save beside bare fsync baselines,
the time to the first frame of the app beside a minimal Textual app, opening a 10,000-card collection
beside Anki's library, the 100,000-note deck (cold, warm, memory, browser search) and study key presses.
--quick uses 10,000 notes where the full run uses 100,000.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import anki_compare  # noqa: E402
import bench_app_memory  # noqa: E402
import bench_big  # noqa: E402
import bench_save  # noqa: E402
import bench_study  # noqa: E402
from synth import precompile, write_deck  # noqa: E402

from quizapp.decks.library import load_deck  # noqa: E402

# Each prints the time at which its first frame has been handed to the terminal driver, then exits. (Pilot's
# auto_pilot callback is not a frame: it runs when the app is ready, before anything is drawn.)
FIRST_FRAME = """
import time
def first_frame(app, screen_name=None):
    display = app._display
    def spy(screen, update):
        result = display(screen, update)
        if screen_name is None or type(screen).__name__ == screen_name:
            app._display = display
            print(time.time())
            app.exit()
        return result
    app._display = spy
    app.run(headless=True)
"""
MINIMAL_APP = (
    FIRST_FRAME
    + """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
first_frame(Minimal())
"""
)
QUIZAPP = (
    FIRST_FRAME
    + """
import sys
from pathlib import Path
from quizapp.tui.app import make_app
first_frame(make_app(home=Path(sys.argv[1]), learner="bench", deck_paths=[Path(sys.argv[2])]), "HomeScreen")
"""
)


def deck_load(sizes: list[int], tmp: Path) -> list[tuple[str, str]]:
    rows = []
    for n in sizes:
        path = write_deck(tmp / f"deck{n}.toml", n)
        t = time.perf_counter()
        load_deck(path)
        gc.collect()
        rows.append((f"load + validate {n:,} notes (no cache)", f"{time.perf_counter() - t:.3f} s"))
    return rows


def first_frame(tmp: Path, runs: int = 5) -> list[tuple[str, str]]:
    """Launch to first frame, quizapp's home screen beside a minimal Textual app (one Static).

    Both read compiled bytecode, as an installed app does: PYTHONDONTWRITEBYTECODE (set on the shared machine)
    would make only quizapp, installed editable, compile its modules on every launch. The cache goes to a
    temporary folder, and one untimed launch of each fills it.
    """
    decks = Path(__file__).resolve().parents[1] / "decks"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")

    def timed(code: str, *args: str) -> float:
        t = time.time()
        run = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env)
        return float(run.stdout.split()[-1]) - t  # from launch to the first frame, not to exit

    timed(MINIMAL_APP), timed(QUIZAPP, str(tmp / "ff-home"), str(decks))  # fill the bytecode cache
    # Interleaved, so both see the same load on a shared machine.
    minimal, ours = [], []
    for _ in range(runs):
        minimal.append(timed(MINIMAL_APP))
        ours.append(timed(QUIZAPP, str(tmp / "ff-home"), str(decks)))
    m, q = statistics.median(minimal), statistics.median(ours)
    pairs = sorted(b / a for a, b in zip(minimal, ours, strict=True))
    return [
        ("first frame: minimal Textual app", f"{m:.3f} s"),
        (
            "first frame: quizapp, bundled decks",
            f"{q:.3f} s ({q / m:.2f}x; launch by launch {pairs[0]:.2f}-{pairs[-1]:.2f}x over {runs})",
        ),
    ]


def main() -> None:
    quick = "--quick" in sys.argv
    precompile()
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = deck_load(sizes, tmp) + bench_save.rows(1000, (1_000, 100_000)) + first_frame(tmp, 5 if quick else 9)
    rows += anki_compare.rows(10_000, 3 if quick else 5)
    rows += bench_big.rows(sizes[-1], 2 if quick else 3)
    rows += bench_app_memory.rows(sizes[-1])
    rows += bench_study.rows(10_000, 60 if quick else 120)
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  result    (load average at the end: {os.getloadavg()[0]:.1f})")
    print(f"{'-' * width}  {'-' * 30}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
