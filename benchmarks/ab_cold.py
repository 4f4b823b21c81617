"""Launch -> first due card of a 10,000-card collection with no caches, two versions of quizapp, round by round
(a script).

    python3 benchmarks/ab_cold.py BEFORE_SRC AFTER_SRC [cards] [rounds]

BEFORE_SRC and AFTER_SRC are `src` folders of two checkouts (e.g. `git archive <commit> src | tar -x -C /tmp/b`).
Each round runs anki_compare's quizapp child once per version, with its deck and progress caches off, so both see
the same load; prints the wall median (launch to the card in hand) and the child's CPU median.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import anki_compare  # noqa: E402
from synth import write_deck, write_progress  # noqa: E402


def once(src: str, home: Path, deck: Path) -> tuple[float, float]:
    """(wall seconds to the card, CPU seconds of the child) for one launch."""
    env = dict(os.environ, PYTHONPATH=src)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.time()
    run = subprocess.run(
        [sys.executable, "-c", anki_compare.QUIZAPP, str(home), str(deck), "nocache"],
        capture_output=True,
        text=True,
        env=env,
    )
    if run.returncode:
        raise SystemExit(f"benchmark child failed:\n{run.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return float(run.stdout.split()[0]) - t, cpu


def main() -> None:
    before, after = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 9
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        deck = write_deck(tmp / "big.toml", n)
        write_progress(tmp / "home", "bench", n, datetime.now(timezone.utc))
        wall: dict[str, list[float]] = {"before": [], "after": []}
        cpu: dict[str, list[float]] = {"before": [], "after": []}
        for src in (before, after):
            once(src, tmp / "home", deck)  # compile, untimed
        for _ in range(rounds):
            for name, src in (("before", before), ("after", after)):
                w, c = once(src, tmp / "home", deck)
                wall[name].append(w)
                cpu[name].append(c)
    print(f"load average {os.getloadavg()[0]:.1f}, {rounds} rounds, {n:,} cards, no caches")
    for name in wall:
        print(f"{name:7} wall {statistics.median(wall[name]):.3f} s, CPU {statistics.median(cpu[name]):.3f} s")


if __name__ == "__main__":
    main()
