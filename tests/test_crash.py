"""Kill a reviewing process with SIGKILL at random moments: every acknowledged review survives."""

from __future__ import annotations

import os
import random
import select
import signal
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizapp.progress import store as store_module
from quizapp.progress.log import salvage
from quizapp.progress.recovery import repair
from quizapp.progress.store import LearnerStore, read_events
from quizapp.scheduling.scheduler import Rating, Scheduler

LOG = "events-test.log"  # device "test"'s own files (conftest)

KILLS = int(os.environ.get("QUIZAPP_CRASH_KILLS", "200"))
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)

pytestmark = pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def _child(root: Path, write_fd: int, start: int) -> None:
    """Review cards forever; after each save returns, tell the parent its seq (the 'next card shown' moment)."""
    try:
        sched = Scheduler(enable_fuzzing=False)
        store_module.COMPACT_EVERY = 1  # compact (in the background thread) every 50 saves: kills land in it too
        store = LearnerStore(root, "victim").open()
        i = start
        while True:
            card = f"c-{i % 50}"
            state = store.states.get(card) or sched.new_card(card, NOW)
            state = sched.review(state, Rating(i % 4 + 1), NOW + timedelta(minutes=i))
            event = store.record("review", state, NOW + timedelta(minutes=i), rating=i % 4 + 1, kind="basic")
            os.write(write_fd, f"{event.seq}\n".encode())
            i += 1
    finally:
        os._exit(0)


def test_sigkill_never_loses_an_acknowledged_review(tmp_path: Path) -> None:
    rng = random.Random(1948)
    acked: set[int] = set()
    logged: set[int] = set()
    checked = 0  # log offset up to which records were already collected (the log is append-only)
    survived = torn = mid_compaction = 0
    for round_ in range(KILLS):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            _child(tmp_path, w, round_ * 7)
        os.close(w)
        deadline = time.monotonic() + rng.uniform(0.0, 0.15)
        buf = b""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([r], [], [], 0.005)
            if ready:
                buf += os.read(r, 65536)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(r, 65536):
            buf += chunk
        os.close(r)
        acked |= {int(x) for x in buf.split()}
        folder = tmp_path / "learners" / "victim"
        temps = list(folder.glob(".cards.toml.*.tmp")) if folder.is_dir() else []
        mid_compaction += bool(temps)
        with LearnerStore(tmp_path, "victim") as store:  # loads, and the dead child's lock is gone
            assert not any(p.exists() for p in temps), "a dead compaction's temp file was not swept"
            torn += bool(store.report.warnings)
            new, checked = read_events(store.folder / LOG, checked)
            seqs = [e.seq for e in new]
            assert len(set(seqs)) == len(seqs) and not logged & set(seqs), "a review was duplicated"
            logged |= set(seqs)
            missing = acked - logged
            assert not missing, f"round {round_}: acknowledged reviews lost: {sorted(missing)[:5]}"
            if round_ % 10 == 9:
                store._since_compact = 1  # compact now and then, as a normal close does
            else:
                store._since_compact = 0
        survived += 1
    print(
        f"\n{survived} SIGKILLs survived ({torn} cut a record mid-write, {mid_compaction} a background compaction), "
        f"{len(acked)} acknowledged reviews all present"
    )
    assert survived == KILLS and len(acked) >= KILLS // 2


def test_sigkill_during_learner_repair_loses_no_record(tmp_path: Path) -> None:
    """`learner repair` killed at random moments: the next repair finishes the job; every intact record is kept."""
    rng = random.Random(1917)
    with LearnerStore(tmp_path, "victim") as store:
        sched = Scheduler(enable_fuzzing=False)
        for i in range(300):
            state = sched.review(sched.new_card(f"c-{i % 50}", NOW), Rating(i % 4 + 1), NOW + timedelta(minutes=i))
            store.record("review", state, NOW + timedelta(minutes=i), rating=i % 4 + 1)
        store.compact()
        expected = dict(store.states)
    log = store.folder / LOG
    clean = log.read_bytes()
    rounds, killed = max(10, KILLS // 10), 0
    for round_ in range(rounds):
        at = clean.find(b"[[event]]", rng.randrange(len(clean)))
        log.write_bytes(
            clean[:at] + b"junk from round %d\n" % round_ + clean[at:]
        )  # offset of cards.toml no longer fits
        pid = os.fork()
        if pid == 0:
            try:
                repair(tmp_path, "victim")
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0, 0.08))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        killed += os.WIFSIGNALED(status)
        assert repair(tmp_path, "victim").problems == []
        with LearnerStore(tmp_path, "victim") as store:
            assert store.states == expected, f"round {round_}: card states changed"
            assert [e.seq for e in store.history()] == list(range(1, 301)), f"round {round_}: records lost"
        assert [r.event.seq for r in salvage(log.read_bytes())[0]] == list(range(1, 301))
        clean = log.read_bytes()
    print(f"\nlearner repair: {rounds} rounds, {killed} killed mid-repair, 300 records kept every time")
