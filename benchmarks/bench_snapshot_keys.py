"""Opening a learner of 100,000 cards from this device's snapshot, with and without the progress cache, for two
source trees side by side (issue 20: the per-card keys a device snapshot holds).

    PYTHONPATH=src python3 benchmarks/bench_snapshot_keys.py [cards] [runs] [SRC_BEFORE]

SRC_BEFORE is another checkout's `src` (e.g. `git archive <commit> src | tar -x -C /tmp/before`); without it only
this tree is measured. For each tree a child process writes one review per card to device d0's log and opens the
learner once (which writes cards-d0.toml and the cache entry); then each run opens it again in a fresh child,
interleaving the trees: "snapshot" (no cache) and "snapshot + cache". Figures are the child's CPU time for
LearnerStore.open() + close(), best of `runs`. No record from another device is newer than the snapshot: the
common case. A script, not a test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import sys, time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from quizapp.progress.store import LearnerStore
home, mode, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
if mode == "build":
    from quizapp.progress.records import Event, encode_event
    from quizapp.scheduling.scheduler import Rating, Scheduler
    sched = Scheduler(enable_fuzzing=False)
    now = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
    folder = home / "learners" / "ann"
    folder.mkdir(parents=True)
    out = bytearray()
    for i in range(n):
        at = now + timedelta(seconds=i)
        s = sched.review(sched.new_card(f"c-{i}", at), Rating.GOOD, at)
        out += encode_event(Event(i + 1, "review", f"c-{i}", at, s, rating=3, device="d0"))
    (folder / "events-d0.log").write_bytes(bytes(out))
    for cache in (False, True):
        LearnerStore(home, "ann", cache=cache).open().close()
else:
    t = time.process_time()
    store = LearnerStore(home, "ann", cache=mode == "cache").open()
    store.close()
    print(time.process_time() - t)
    assert len(store.states) == n
"""


def child(src: str, home: Path, mode: str, n: int) -> float:
    env = dict(os.environ, PYTHONPATH=src, QUIZAPP_DEVICE="d0", QUIZAPP_HOME=str(home))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(home), mode, str(n)], env=env, check=True, text=True, capture_output=True
    ).stdout
    return float(out.strip() or 0)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    trees = {"this tree": str(Path(__file__).resolve().parent.parent / "src")}
    if len(sys.argv) > 3:
        trees = {"before": sys.argv[3], **trees}
    with tempfile.TemporaryDirectory() as tmp:
        homes = {name: Path(tmp) / f"home{i}" for i, name in enumerate(trees)}
        for name, src in trees.items():
            child(src, homes[name], "build", n)
        best: dict[tuple[str, str], float] = {}
        for _ in range(runs):
            for mode in ("snapshot", "cache"):
                for name, src in trees.items():
                    t = child(src, homes[name], mode, n)
                    best[name, mode] = min(best.get((name, mode), t), t)
        sizes = {name: (homes[name] / "learners" / "ann" / "cards-d0.toml").stat().st_size for name in trees}
    print(f"| figure, {n:,} cards | " + " | ".join(trees) + " |")
    print("| --- |" + " --- |" * len(trees))
    print("| open with the snapshot, no cache | " + " | ".join(f"{best[t, 'snapshot']:.2f} s" for t in trees) + " |")
    print("| open with the snapshot and cache | " + " | ".join(f"{best[t, 'cache']:.2f} s" for t in trees) + " |")
    print("| cards-d0.toml size | " + " | ".join(f"{sizes[t] / 1e6:.1f} MB" for t in trees) + " |")


if __name__ == "__main__":
    main()
