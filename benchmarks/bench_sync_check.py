"""The look a running app takes every few seconds for what a sync tool brought (issue 20), at 100,000 reviews in 5
device logs and in 1 log, side by side.

    PYTHONPATH=src python3 benchmarks/bench_sync_check.py [reviews] [devices] [calls]

The learner's folder is written as benchmarks/bench_devices.py writes it (this machine is device d0), with each
other device's snapshot and lock file and a quizzes folder beside the logs, and opened once per layout. Then, per
layout: LearnerStore.synced_changed() with nothing changed (what home and a study session ask every CHECK_EVERY
seconds: one listing, a stat per log), against refresh() with nothing changed (what the look would cost if it read
the logs every time: a CRC check where each log was left); and, after another device appends one review, the
refresh() that reads it. Wall time per call (perf_counter_ns): median and 99th percentile of `calls` calls, and
the mean CPU time. A script, not a test.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_devices import NOW, write  # noqa: E402

from quizapp.progress.devices import log_name  # noqa: E402
from quizapp.progress.records import Event, encode_event  # noqa: E402
from quizapp.progress.store import LearnerStore  # noqa: E402
from quizapp.scheduling.scheduler import Rating, Scheduler  # noqa: E402


def per_call(fn, calls: int) -> str:
    """Median and 99th percentile wall time, and mean CPU time, of `calls` calls of fn."""
    walls = []
    cpu = time.process_time()
    for _ in range(calls):
        t = time.perf_counter_ns()
        fn()
        walls.append(time.perf_counter_ns() - t)
    cpu = time.process_time() - cpu
    walls.sort()
    median, p99 = statistics.median(walls) / 1000, walls[int(len(walls) * 0.99)] / 1000
    return f"{median:.1f} / {p99:.1f} µs, CPU {cpu / calls * 1e6:.1f} µs"


def arrive(folder: Path, device: str, seq: int) -> None:
    """Another device's review, appended to its log as a sync tool brings it."""
    sched = Scheduler(enable_fuzzing=False)
    state = sched.review(sched.new_card("c-new", NOW), Rating.GOOD, NOW)
    event = Event(seq, "review", "c-new", NOW + timedelta(days=1, seconds=seq), state, rating=3, device=device)
    with (folder / log_name(device)).open("ab") as f:
        f.write(encode_event(event))


def rows(reviews: int = 100_000, devices: int = 5, calls: int = 20_000) -> list[tuple[str, str, str]]:
    os.environ["QUIZAPP_DEVICE"] = "d0"
    out: dict[tuple[str, int], str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        stores = {}
        for n in (1, devices):
            root = Path(tmp) / f"l{n}"
            write(root / "learners" / "ann", reviews, n)
            for i in range(1, n):  # what else a synced folder holds: the other devices' snapshots and locks
                for name in (f"cards-d{i}.toml", f"lock-d{i}"):
                    (root / "learners" / "ann" / name).write_bytes(b"")
            (root / "learners" / "ann" / "quizzes").mkdir()
            stores[n] = LearnerStore(root, "ann").open()
        for n, store in stores.items():
            assert not store.synced_changed()
            out[("synced_changed(), nothing changed", n)] = per_call(store.synced_changed, calls)
            out[("refresh(), nothing changed", n)] = per_call(store.refresh, max(1, calls // 10))
            other = f"d{n - 1}" if n > 1 else "d1"
            seqs = iter(range(10**6, 2 * 10**6))
            walls = []
            for _ in range(200):
                arrive(store.folder, other, next(seqs))
                assert store.synced_changed()
                t = time.perf_counter_ns()
                assert store.refresh() == 1
                walls.append(time.perf_counter_ns() - t)
            walls.sort()
            out[("refresh() reading 1 new review", n)] = f"{statistics.median(walls) / 1000:.1f} µs median"
        for store in stores.values():
            store.close()
    return [(what, f"{n} log" + ("s" if n > 1 else ""), fig) for (what, n), fig in out.items()]


if __name__ == "__main__":
    print(f"{'figure (median / p99 wall per call)':40} {'layout':8} figure")
    for what, layout, figure in sorted(rows(*[int(a) for a in sys.argv[1:]]), key=lambda r: r[0]):
        print(f"{what:40} {layout:8} {figure}")
