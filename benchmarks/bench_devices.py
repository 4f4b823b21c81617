"""Opening a learner whose 100,000 reviews are in 5 device logs vs in one log, side by side (issue 20).

    PYTHONPATH=src python3 benchmarks/bench_devices.py [reviews] [devices] [runs]

The same reviews are written once as one log and once split round-robin into `devices` logs (one per device, as
issue 20 lays a learner's folder out), in a learner folder; this machine is device d0 (QUIZAPP_DEVICE). Each run
times LearnerStore.open() twice per layout, interleaved: cold (no snapshot yet: every record read, CRC-checked,
decoded and merged in (time, device, seq) order) and then warm (the snapshot cards-d0.toml that the cold open's
close wrote, plus a check that each other log still ends where it was read). Also the merge alone
(progress.devices.merge, what history() reads). CPU time of this process; best of `runs`. A script, not a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quizapp.progress.devices import log_files, log_name, merge
from quizapp.progress.records import Event, encode_event
from quizapp.progress.store import LearnerStore
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


def _cpu(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def open_learner(root: Path) -> None:
    store = LearnerStore(root, "ann").open()
    assert len(store.states) == 1000
    store.close()


def drop_snapshot(root: Path) -> None:
    for p in (root / "learners" / "ann").glob("cards-*.toml"):
        p.unlink()


def rows(reviews: int = 100_000, devices: int = 5, runs: int = 2) -> list[tuple[str, str, str]]:
    os.environ["QUIZAPP_DEVICE"] = "d0"
    figures: dict[tuple[str, int], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        roots = {1: Path(tmp) / "one", devices: Path(tmp) / "many"}
        for n, root in roots.items():
            write(root / "learners" / "ann", reviews, n)
        for _ in range(runs):
            for n, root in roots.items():
                drop_snapshot(root)
                figures.setdefault(("cold open", n), []).append(_cpu(lambda r=root: open_learner(r)))
                figures.setdefault(("open with snapshot", n), []).append(_cpu(lambda r=root: open_learner(r)))
                folder = root / "learners" / "ann"
                figures.setdefault(("merge alone", n), []).append(_cpu(lambda f=folder: merge(log_files(f))))
    out = []
    for what in ("cold open", "open with snapshot", "merge alone"):
        a, b = min(figures[(what, 1)]), min(figures[(what, devices)])
        label = f"{what}, {reviews:,} reviews"
        out += [(label, "1 log", f"{a:.2f} s"), (label, f"{devices} device logs", f"{b:.2f} s ({b / a:.2f}x)")]
    return out


if __name__ == "__main__":
    for what, mode, figure in rows(*[int(a) for a in sys.argv[1:]]):
        print(f"{what:40} {mode:16} {figure}")
