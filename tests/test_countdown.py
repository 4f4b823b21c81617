"""The question countdown shared by the teacher-scored projector and live games, on a fixed clock."""

from __future__ import annotations

from quizapp.classroom.countdown import QuestionTimer


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_pause_keeps_the_time_left_and_resume_goes_on_from_it() -> None:
    clock = Clock()
    timer = QuestionTimer(clock, 20)
    timer.start()
    clock.t += 5
    assert timer.remaining() == 15
    timer.toggle()  # pause
    clock.t += 30
    assert timer.frozen and timer.remaining() == 15 and not timer.time_is_up()
    timer.toggle()  # resume
    assert not timer.frozen
    clock.t += 10
    assert timer.remaining() == 5 and timer.spent() == 15  # the paused 30 s are not counted
    clock.t += 5
    assert timer.remaining() == 0 and timer.time_is_up()


def test_stop_freezes_what_was_left_and_start_begins_again() -> None:
    clock = Clock()
    timer = QuestionTimer(clock, 20)
    timer.start()
    clock.t += 8
    timer.stop()
    clock.t += 100
    assert timer.remaining() == 12 and not timer.time_is_up()
    timer.start()
    assert timer.remaining() == 20 and not timer.frozen


def test_no_time_limit() -> None:
    clock = Clock()
    timer = QuestionTimer(clock, 0)
    timer.start()
    timer.toggle()
    clock.t += 7
    assert timer.remaining() is None and not timer.frozen and not timer.time_is_up() and timer.spent() == 7
