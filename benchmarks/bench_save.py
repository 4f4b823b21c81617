"""Latency of one durable review save, beside bare write+fsync baselines on the same disk (a script, not a test).

    PYTHONPATH=src python3 benchmarks/bench_save.py [samples]

Each save is LearnerStore.record(): encode the event, append it, fdatasync, before returning.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quizapp.progress.store import Event, LearnerStore, encode_event
from quizapp.scheduling.scheduler import CardState, Rating, Scheduler

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
RECORD = b"x" * 230  # about the size of one encoded review event


def stats(times_ms: list[float]) -> dict[str, float]:
    s = sorted(times_ms)
    pick = lambda q: s[min(len(s) - 1, int(len(s) * q))]  # noqa: E731
    return {"p50": statistics.median(s), "p95": pick(0.95), "p99": pick(0.99), "max": s[-1]}


def fmt(st: dict[str, float]) -> str:
    return f"p50 {st['p50']:.2f} ms, p95 {st['p95']:.2f}, p99 {st['p99']:.2f}, max {st['max']:.1f}"


def bare(folder: Path, samples: int, sync: str) -> dict[str, float]:
    """os.write + fsync/fdatasync on a file kept open: the floor for any durable append on this disk."""
    fd = os.open(folder / f"bare-{sync}.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    fn = getattr(os, sync)
    times = []
    for _ in range(samples):
        t = time.perf_counter()
        os.write(fd, RECORD)
        fn(fd)
        times.append((time.perf_counter() - t) * 1000)
    os.close(fd)
    return stats(times)


def reopen_each_time(folder: Path, samples: int) -> dict[str, float]:
    """The previous durable_append: open, fstat, write, fsync, close for every record."""
    path = folder / "reopen.log"
    times = []
    for _ in range(samples):
        t = time.perf_counter()
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.fstat(fd)
        os.write(fd, RECORD)
        os.fsync(fd)
        os.close(fd)
        times.append((time.perf_counter() - t) * 1000)
    return stats(times)


def record(folder: Path, cards: int, samples: int) -> dict[str, float]:
    """LearnerStore.record() with `cards` card states already saved (compactions included when due)."""
    store = LearnerStore(folder / f"h{cards}", "bench").open()
    store.states = {f"c{i}": CardState(f"c{i}", 2, None, 5.0, 5.0, NOW, NOW) for i in range(cards)}
    store.compact()
    sched = Scheduler(enable_fuzzing=False)
    state = sched.review(sched.new_card("c1", NOW), Rating.GOOD, NOW)
    times = []
    for i in range(samples):
        t = time.perf_counter()
        store.record("review", state, NOW + timedelta(seconds=i), rating=3, duration_ms=4200, kind="basic")
        times.append((time.perf_counter() - t) * 1000)
    store._since_compact = 0  # no compaction at close: not part of a save
    store.close()
    return stats(times)


def encode_cost(samples: int = 2000) -> float:
    sched = Scheduler(enable_fuzzing=False)
    state = sched.review(sched.new_card("c1", NOW), Rating.GOOD, NOW)
    event = Event(seq=1, type="review", card="c1", at=NOW, state=state, rating=3, duration_ms=4200, kind="basic")
    t = time.perf_counter()
    for _ in range(samples):
        encode_event(event)
    return (time.perf_counter() - t) / samples * 1000


def rows(samples: int = 1000, sizes: tuple[int, ...] = (1_000, 100_000)) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory(dir=os.environ.get("QUIZAPP_BENCH_DIR")) as d:
        folder = Path(d)
        out = [
            ("bare os.write + fsync (fd kept open)", fmt(bare(folder, samples, "fsync"))),
            ("bare os.write + fdatasync (fd kept open)", fmt(bare(folder, samples, "fdatasync"))),
            ("old append: open+write+fsync+close each", fmt(reopen_each_time(folder, samples))),
        ]
        for n in sizes:
            out.append((f"save one review (record), {n:,} cards", fmt(record(folder, n, samples))))
    out.append(("  of which encoding the event", f"{encode_cost():.3f} ms"))
    return out


def main() -> None:
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    for name, value in rows(samples):
        print(f"{name:<44}  {value}")


if __name__ == "__main__":
    main()
