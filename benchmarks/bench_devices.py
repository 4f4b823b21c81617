"""Reading 100,000 reviews from 5 device logs vs from one log (progress.devices.merge), side by side.

    PYTHONPATH=src python3 benchmarks/bench_devices.py [reviews] [devices] [runs]

The same reviews are written once as one log and once split round-robin into `devices` logs (one per device, as
issue 20 lays a learner's folder out); each run merges them (read, check every CRC, decode, count each record
once, order by time/device/seq, take each card's last state). Best of `runs`. A script, not a test.

Note: this times the merge only. LearnerStore does not read device logs yet, so it is not the open of the app.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quizapp.progress.devices import log_files, log_name, merge
from quizapp.progress.records import Event, encode_event
from quizapp.scheduling.scheduler import Rating, Scheduler

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def write(folder: Path, reviews: int, devices: int) -> None:
    sched = Scheduler(enable_fuzzing=False)
    base = [sched.review(sched.new_card(f"c-{i}", NOW), Rating.GOOD, NOW) for i in range(1000)]
    files = [bytearray() for _ in range(devices)]
    for i in range(reviews):
        dev = i % devices
        at = NOW + timedelta(seconds=i)
        e = Event(i // devices + 1, "review", f"c-{i % 1000}", at, base[i % 1000], rating=3, device=f"d{dev}")
        files[dev] += encode_event(e)
    folder.mkdir(parents=True)
    for dev, data in enumerate(files):
        (folder / log_name(f"d{dev}")).write_bytes(bytes(data))


def best(folder: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        view = merge(log_files(folder))
        times.append(time.perf_counter() - t)
        assert len(view.states) == 1000
    return min(times)


def rows(reviews: int = 100_000, devices: int = 5, runs: int = 3) -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        one, many = Path(tmp) / "one", Path(tmp) / "many"
        write(one, reviews, 1)
        write(many, reviews, devices)
        a, b = best(one, runs), best(many, runs)
    what = f"merge {reviews:,} reviews"
    return [(what, "1 log", f"{a:.2f} s"), (what, f"{devices} device logs", f"{b:.2f} s ({b / a:.2f}x)")]


if __name__ == "__main__":
    for what, mode, figure in rows(*[int(a) for a in sys.argv[1:]]):
        print(f"{what:30} {mode:16} {figure}")
