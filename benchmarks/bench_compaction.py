"""Save latency across a compaction at 100,000 cards: compaction on the key path (before) vs in a thread (after).

    PYTHONPATH=src python3 benchmarks/bench_compaction.py [cards] [saves]

A learner with `cards` card states opens with the compaction counter just short of its threshold, then saves
`saves` reviews (LearnerStore.record: append + fdatasync), one every 20 ms as a quick learner would (the key press
that triggers the compaction is among them). "before" runs the compaction inside that record() call, as the store
did until issue 17; "after" is the store as it is (a copy of the states, then a background thread). A script, not a
test; figures side by side.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_save import fmt, stats  # noqa: E402
from synth import card_ids, write_progress  # noqa: E402

from quizapp.progress import store as store_module  # noqa: E402
from quizapp.progress.store import LearnerStore  # noqa: E402
from quizapp.scheduling.scheduler import Rating, Scheduler  # noqa: E402

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def session(home: Path, saves: int, inline: bool) -> tuple[dict[str, float], float]:
    """record() times of a session that crosses one compaction, and how long the compaction itself took."""
    sched = Scheduler(enable_fuzzing=False)
    store = LearnerStore(home, "b").open()
    ids = card_ids(len(store.states))
    store._since_compact = max(store_module.COMPACT_EVERY, len(store.states)) - saves // 4
    if inline:  # the old key path: compaction inside the save that crosses the threshold
        store.compact_in_background = store.compact  # type: ignore[method-assign]
    times, compaction = [], 0.0
    for i in range(saves):
        state = sched.review(store.states[ids[i * 7919 % len(ids)]], Rating.GOOD, NOW + timedelta(days=30))
        t = time.perf_counter()
        store.record("review", state, NOW + timedelta(days=30, seconds=i), rating=3)
        times.append((time.perf_counter() - t) * 1000)
        if store._compactor is not None and not compaction:
            c0 = time.perf_counter()
            while store._compactor is not None and store._compactor.is_alive():
                time.sleep(0.02)  # the learner keeps rating meanwhile (below), so measure it from here
                break
            compaction = c0
        time.sleep(0.02)
    t = time.perf_counter()
    store.wait_for_compaction()
    store.close()
    return stats(times), (time.perf_counter() - t) * 1000


def rows(cards: int = 100_000, saves: int = 200) -> list[tuple[str, str, str]]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for mode, inline in (("before (on the key path)", True), ("after (background thread)", False)):
            home = Path(tmp) / mode[:5]
            write_progress(home, "b", cards, NOW)
            results[mode] = session(home, saves, inline)[0]
        for mode, st in results.items():
            out.append((f"record() across a compaction, {cards:,} cards, {saves} saves", mode, fmt(st)))
    return out


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    for what, mode, figure in rows(*args):
        print(f"{what:60} {mode:28} {figure}")
