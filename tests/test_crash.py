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
        if at < 0:  # the position fell inside the last record: the junk goes before it, not inside it
            at = clean.rfind(b"[[event]]")
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


CLASS_FIX = Path(__file__).parent / "fixtures" / "classroom"


def _class_context(tmp_path: Path, root: Path):  # noqa: ANN202 - a SessionContext
    import shutil

    from quizapp.classroom.context import open_session

    if not (tmp_path / "class.toml").exists():
        shutil.copy(CLASS_FIX / "class.toml", tmp_path / "class.toml")
    return open_session(tmp_path / "class.toml", "week-1", [CLASS_FIX / "deck.toml"], root)


def _grade(ctx, index: int):  # noqa: ANN001, ANN202 - a right answer to question `index`
    from quizapp.quiz.run import grade

    q = ctx.questions[index]
    return grade(q, q.truth if q.kind == "truefalse" else q.correct[0], 2.0)


def _kill_at_random(rng: random.Random, work, most: float) -> list[int]:  # noqa: ANN001
    """Fork, run work(write_fd) in the child, SIGKILL it after up to `most` seconds; what it acknowledged."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            work(w)
        finally:
            os._exit(0)
    os.close(w)
    deadline, buf = time.monotonic() + rng.uniform(0.0, most), b""
    while time.monotonic() < deadline:
        if select.select([r], [], [], 0.005)[0]:
            buf += os.read(r, 65536)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(r, 65536):
        buf += chunk
    os.close(r)
    return [int(x) for x in buf.split()]


def test_sigkill_during_class_take_loses_no_saved_answer(tmp_path: Path) -> None:
    """`class take` killed at random moments: every answer it had saved is in the student's file, which always
    reads back; the lock is released, so the student resumes where the file says, and no temp file is left."""
    from quizapp.classroom.results import Attempt, open_attempt

    rng = random.Random(1066)
    rounds = max(10, KILLS // 10)
    total_acked = resumed = 0
    for round_ in range(rounds):
        ctx = _class_context(tmp_path, tmp_path / f"results-{round_}")

        def take(w: int, ctx=ctx) -> None:  # noqa: ANN001
            with open_attempt(
                ctx.root, ctx.cf, ctx.session, "amina", quiz=ctx.quiz_id, total=len(ctx.questions), now=NOW
            ) as a:
                while a.next_index < len(ctx.questions):
                    i = a.next_index
                    a.save(_grade(ctx, i), ctx.tags_of(ctx.questions[i]), NOW + timedelta(seconds=i))
                    os.write(w, f"{i + 1}\n".encode())
                    time.sleep(0.002)  # a student's pace, compressed: kills land between saves and inside them

        acked = _kill_at_random(rng, take, 0.04)
        total_acked += len(acked)
        folder = ctx.root / "week-1"
        files = sorted(folder.glob("amina-*.toml"))
        saved = Attempt.read(files[0]).answered if files else 0
        assert saved >= max(acked, default=0), f"round {round_}: {max(acked)} answers acknowledged, {saved} saved"
        with open_attempt(  # the lock of the dead process is gone; temp files it left are swept
            ctx.root, ctx.cf, ctx.session, "amina", quiz=ctx.quiz_id, total=len(ctx.questions), now=NOW
        ) as again:
            if not files:  # killed before its file was made: the attempt begins now
                assert not again.resumed and again.attempt.number == 1
            elif saved < len(ctx.questions):  # killed mid-attempt: it resumes after the last saved answer
                assert again.resumed and again.next_index == saved, f"round {round_}: did not resume at {saved}"
                resumed += 1
            else:  # it had finished: a new attempt begins
                assert not again.resumed and again.attempt.number == 2
            assert not list(folder.glob(".amina-*.tmp")), f"round {round_}: a temp file was left"
    print(f"\nclass take: {rounds} kills, {total_acked} acknowledged answers all saved, {resumed} resumed")
    assert total_acked > 0


def test_sigkill_while_a_live_game_saves_answers_keeps_the_last_saved(tmp_path: Path) -> None:
    """The live server killed while it saves a player's answers: the player's file always reads back, with every
    answer whose save had returned."""
    from quizapp.classroom.live.store import LiveStore
    from quizapp.classroom.results import Attempt, answer_record

    rng = random.Random(1815)
    ctx = _class_context(tmp_path, tmp_path / "results")
    rounds = max(10, KILLS // 10)
    for round_ in range(rounds):
        store = LiveStore.new(
            ctx.root,
            "week-1",
            NOW + timedelta(minutes=round_),
            class_name=ctx.cf.class_.name,
            quiz=ctx.quiz_id,
            tags_of=ctx.tags_of,
        )
        path = store.folder / "amina-1.toml"

        def play(w: int, store=store, path=path) -> None:  # noqa: ANN001
            answers: list[dict] = []
            for version in range(1, 10_000):
                i = (version - 1) % len(ctx.questions)
                outcome = _grade(ctx, i)
                answers.append(answer_record(i, outcome, ctx.tags_of(outcome.question), NOW))
                a = Attempt(
                    path,
                    ctx.cf.class_.name,
                    "week-1",
                    "amina",
                    1,
                    ctx.quiz_id,
                    len(ctx.questions),
                    NOW,
                    NOW,
                    None,
                    answers,
                    live=store.folder.name,
                )
                store.write_player("amina", version, a.to_toml())
                os.write(w, f"{version}\n".encode())

        acked = _kill_at_random(rng, play, 0.08)
        if path.exists():
            assert Attempt.read(path).answered >= max(acked, default=0), f"round {round_}: saved answers lost"
        else:
            assert not acked, f"round {round_}: an acknowledged save is not on disk"
