"""Memory of the whole app on a big deck: RSS once home shows it, in a study session, and the peak (a script).

    PYTHONPATH=src python3 benchmarks/bench_app_memory.py [notes]

Runs the real app headless in a fresh process per row, on a synthetic deck of `notes` with progress (every
tenth card due): first with no cache (the first open), then again with the caches the first open wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import OWN_PEAK, precompile, write_deck, write_progress  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"
CHILD = (
    OWN_PEAK
    + """
import asyncio, json, sys, time
from pathlib import Path
from quizapp.tui.app import make_app
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20
out = {}
async def measure(pilot):
    t = time.perf_counter()
    while pilot.app.workspace is None:
        await pilot.pause(0.01)
    await pilot.pause(0.2)
    out["loaded_s"] = time.perf_counter() - t
    out["home"] = rss()
    await pilot.press("s")
    await pilot.pause(0.5)
    await pilot.press("space", "3")
    await pilot.pause(0.2)
    out["study"] = rss()
    out["screen"] = type(pilot.app.screen).__name__
    out["peak"] = peak()
    pilot.app.exit()
make_app(home=Path(sys.argv[1]), learner="bench", deck_paths=[Path(sys.argv[2])]).run(
    headless=True, size=(100, 30), auto_pilot=measure)
print(json.dumps(out))
"""
)


def child(home: Path, deck: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    run = subprocess.run([sys.executable, "-c", CHILD, str(home), str(deck)], capture_output=True, text=True, env=env)
    if run.returncode:
        raise SystemExit(f"benchmark child failed:\n{run.stderr}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def rows(n: int = 100_000) -> list[tuple[str, str]]:
    out = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        deck = write_deck(tmp / "big.toml", n)
        write_progress(tmp / "home", "bench", n, datetime.now(timezone.utc))
        for label in ("first open, no cache", "later opens, caches"):
            r = child(tmp / "home", deck)
            out.append(
                (
                    f"app on {n:,} notes, {label}: loaded / RSS home / RSS studying / peak RSS",
                    f"{r['loaded_s']:.2f} s / {r['home']:.0f} MB / {r['study']:.0f} MB / {r['peak']:.0f} MB",
                )
            )
    return out


def main() -> None:
    precompile()
    for name, value in rows(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000):
        print(f"{name:<72}  {value}")


if __name__ == "__main__":
    main()
