"""The live game without a network: scoring from the server clock, joining rules, and resuming after a crash."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import FIXED_NOW

from quizapp.classroom.context import open_session
from quizapp.classroom.live.codes import (
    BACKGROUND_NICE,
    code_matches,
    codes_path,
    hash_code,
    issue_codes,
    normal_code,
    read_codes,
)
from quizapp.classroom.live.game import LiveGame, Refused
from quizapp.classroom.live.launch import open_game
from quizapp.classroom.results import session_attempts

FIX = Path(__file__).parent / "fixtures" / "classroom"


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def ctx(tmp_path: Path):
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    c = open_session(tmp_path / "class.toml", "week-1", [FIX / "deck.toml"])
    issue_codes(codes_path(c.class_path), [s.id for s in c.cf.students])
    return c


def _game(ctx, clock: Clock, **kw) -> LiveGame:
    roster = {s.id: s.name for s in ctx.cf.students}
    return LiveGame(ctx.questions, roster, ctx.session.seconds, clock, lambda: FIXED_NOW, **kw)


def test_points_are_100_plus_a_bonus_from_the_server_clock_and_pause_freezes_it(ctx) -> None:
    clock = Clock()
    g = _game(ctx, clock)
    for sid in ("amina", "bilal", "chen"):
        g.seat_student(sid)
    g.start()
    right = ctx.questions[0].correct[0]
    clock.t = 5  # 15 of 20 seconds left
    assert g.answer("amina", 0, right).points == 175
    g.pause()
    clock.t = 15  # paused: still 15 left
    assert g.answer("bilal", 0, right).points == 175
    g.pause()
    clock.t = 25  # 5 left after the pause
    got = g.answer("chen", 0, (right + 1) % 4)
    assert (got.points, got.outcome.correct, got.outcome.seconds) == (0, False, 15)
    assert g.everyone_answered() and not g.time_is_up()


def test_a_typed_answer_is_checked_leniently(ctx, tmp_path: Path) -> None:
    spelling = open_session(ctx.class_path, "spelling", [FIX / "deck.toml"])
    g = _game(spelling, Clock())
    g.seat_student("amina")
    g.start()
    q = g.question
    assert q is not None and q.kind == "typed"
    typo = q.answer[:-1] + ("x" if q.answer[-1] != "x" else "y") if len(q.answer) > 4 else q.answer.upper()
    assert g.answer("amina", g.index, f"  {typo}  ").outcome.correct


def test_answers_must_fit_the_question(ctx) -> None:
    g = _game(ctx, Clock())
    g.seat_student("amina")
    g.start()
    for bad in (7, -1, True, "Paris", None, 1.5):
        with pytest.raises(Refused) as e:
            g.answer("amina", 0, bad)
        assert e.value.code == "bad_answer"
    assert g.answered() == 0


def test_time_up_closes_and_nothing_is_taken_after(ctx) -> None:
    clock = Clock()
    g = _game(ctx, clock)
    g.seat_student("amina")
    g.start()
    clock.t = 20
    assert g.time_is_up()
    with pytest.raises(Refused) as e:
        g.answer("amina", 0, 0)
    assert e.value.code == "closed"
    g.close()
    with pytest.raises(Refused):
        g.answer("amina", 0, 0)


def test_pin_rotates_per_game(ctx) -> None:
    pins = {_game(ctx, Clock()).pin for _ in range(20)}
    assert len(pins) > 15 and all(len(p) == 6 and p.isdigit() for p in pins)


@given(st.text(min_size=1, max_size=12))
def test_codes_ignore_case_spaces_and_dashes(typed: str) -> None:
    code = normal_code(typed)
    assert normal_code(code.lower()) == code and normal_code(" - ".join(code)) == code


def test_only_hashes_are_stored(ctx) -> None:
    path = codes_path(ctx.class_path)
    fresh = issue_codes(path, ["amina"], read_codes(path))
    text = path.read_text("utf-8")
    assert fresh["amina"] not in text and code_matches(fresh["amina"].lower(), read_codes(path)["amina"])
    assert not code_matches("WRONG1", read_codes(path)["amina"]) and not code_matches("x", "md5$00$00")
    assert hash_code("ABC") != hash_code("ABC")  # salted


async def test_a_crash_loses_no_acknowledged_answer_and_the_game_resumes(ctx) -> None:
    clock = Clock()
    first = open_game(ctx, clock=clock, now=lambda: FIXED_NOW)
    host = first.host
    assert not first.resumed and first.note == "New game: 4 questions."
    g = host.game
    amina, token = g.seat_student("amina")
    g.seat_student("bilal")
    await host.save_state()
    g.start()
    got = g.answer("amina", 0, ctx.questions[0].correct[0])
    sid, version, body = host.store.player_bytes(g, amina)
    host.store.write_player(sid, version, body)  # what the server does before it acknowledges
    # the projector dies here: no stop(), no podium
    again = open_game(ctx, clock=clock, now=lambda: FIXED_NOW)
    assert again.resumed and "Resumed the unfinished game" in again.note and "question 1 of 4" in again.note
    assert "(1 answer kept; same PIN)" in again.note
    g2 = again.host.game
    assert g2.pin == g.pin and g2.phase == "lobby"
    assert g2.answers[(0, "amina")].points == got.points and g2.reconnect(token).id == "amina"
    assert g2.answers_of("amina") == [g2.answers[(0, "amina")]]  # read back into the per-player index too
    g2.start()  # space reopens the question it was on
    with pytest.raises(Refused) as e:
        g2.answer("amina", 0, 1)
    assert e.value.code == "already_answered"
    assert g2.answer("bilal", 0, 0) is not None
    fresh = open_game(ctx, clock=clock, now=lambda: FIXED_NOW.replace(minute=5), new=True)
    assert not fresh.resumed and fresh.host.game.pin != "" and not fresh.host.game.answers
    attempts, warnings = session_attempts(ctx.root, "week-1")
    assert warnings == [] and [a.student for a in attempts] == ["amina"]


async def test_a_seat_whose_record_was_lost_comes_back_from_the_surviving_answers(ctx) -> None:
    """The state file was saved before amina sat down (then the projector died): her answers survive, so her seat
    comes back with her points, and she signs in again with her code without the teacher releasing anything."""
    clock = Clock()
    host = open_game(ctx, clock=clock, now=lambda: FIXED_NOW).host
    g = host.game
    await host.save_state()  # no seats in it
    amina, _ = g.seat_student("amina")
    g.start()
    clock.t += 4
    got = g.answer("amina", 0, ctx.questions[0].correct[0])
    host.store.write_player(*host.store.player_bytes(g, amina))
    g2 = open_game(ctx, clock=clock, now=lambda: FIXED_NOW).host.game  # the projector died; resumed
    assert "amina" in g2.seats and not g2.taken("amina")
    assert g2.points()["amina"] == got.points
    seat, token = g2.seat_student("amina")  # no seat_taken: nobody holds the recovered seat
    assert g2.taken("amina") and g2.reconnect(token) is seat
    g2.start()
    assert seat.first == 0  # not treated as a late joiner
    with pytest.raises(Refused) as e:
        g2.seat_student("amina")  # now it is held: another device needs the teacher
    assert e.value.code == "seat_taken"


def test_an_older_state_never_replaces_a_newer_one(ctx) -> None:
    host = open_game(ctx, clock=Clock(), now=lambda: FIXED_NOW).host
    g, store = host.game, host.store
    old = (store.state_bytes(g), store.next_version())
    g.seat_student("amina")
    new = (store.state_bytes(g), store.next_version())
    store.write_state(*new)
    store.write_state(*old)  # a save that was built earlier finishes last (two joins at once)
    assert "amina" in (store.folder / "_game.toml").read_text("utf-8")


async def test_a_state_that_says_nothing_new_is_not_written_again(ctx) -> None:
    """A pause (or a redraw) leaves the state file's content as it was: it is not rewritten, and a save that comes
    while the same state is being written waits for that write. A join changes it: written again."""
    host = open_game(ctx, clock=Clock(), now=lambda: FIXED_NOW).host
    g, store = host.game, host.store
    writes: list[dict | bytes] = []
    write_state = store.write_state

    def counted(data: dict | bytes, version: int | None = None) -> None:
        writes.append(data)
        write_state(data, version)

    store.write_state = counted  # type: ignore[method-assign]
    try:
        await asyncio.gather(host.save_state(), host.save_state())  # the second waits for the first
        assert len(writes) == 1 and (store.folder / "_game.toml").is_file()
        g.seat_student("amina")
        g.start()
        await host.save_state()
        g.pause()
        await host.save_state()  # paused: the same state
        assert len(writes) == 2
        assert 'phase = "question"' in (store.folder / "_game.toml").read_text("utf-8")
    finally:
        host.pool.shutdown(wait=True)
        host.code_pool.shutdown(wait=True)


def test_a_players_answers_are_kept_per_player_in_quiz_order(ctx) -> None:
    """The results file of one player is built from that player's answers alone (not a pass over everyone's)."""
    clock = Clock()
    g = _game(ctx, clock)
    for sid in ("amina", "bilal"):
        g.seat_student(sid)
    g.start()
    first = g.answer("amina", 0, 0)
    g.answer("bilal", 0, 1)
    g.skip()
    second = g.answer("amina", g.index, 0)
    assert g.answers_of("amina") == [first, second] and len(g.answers_of("bilal")) == 1
    g.forget(second)
    assert g.answers_of("amina") == [first] and (second.index, "amina") not in g.answers
    assert g.answers_of("chen") == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a priority per thread is Linux's")
def test_code_checks_run_at_a_lower_priority_than_the_projector(ctx) -> None:
    """Sign-ins check codes on their own threads, below the projector's loop (on two cores, two scrypt threads at
    the same priority held the loop up to 30 ms); the loop's own priority is left alone."""
    host = open_game(ctx, clock=Clock(), now=lambda: FIXED_NOW).host
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    try:
        theirs = host.code_pool.submit(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id())).result()
    finally:
        host.pool.shutdown(wait=True)
        host.code_pool.shutdown(wait=True)
    assert theirs == min(19, mine + BACKGROUND_NICE) and BACKGROUND_NICE > 0
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine
