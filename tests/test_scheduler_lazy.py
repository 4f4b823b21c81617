"""The scheduler imports fsrs only when it first schedules a card (home's first frame does not need it), yet a
learner's own FSRS weights are still checked when the scheduler is made."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.scheduling.scheduler import Rating, Scheduler

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_a_default_scheduler_imports_fsrs_at_its_first_review_not_before() -> None:
    code = (
        "import sys; from datetime import datetime, timezone; from quizapp.scheduling.scheduler import Rating, "
        "Scheduler; s = Scheduler(enable_fuzzing=False); s.day_start(datetime.now(timezone.utc)); "
        "print('fsrs' in sys.modules); s.review(s.new_card('a', datetime.now(timezone.utc)), Rating.GOOD, "
        "datetime.now(timezone.utc)); print('fsrs' in sys.modules)"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1] / "src"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True"]


def test_own_weights_out_of_fsrs_bounds_are_refused_when_the_scheduler_is_made() -> None:
    import fsrs

    weights = list(fsrs.scheduler.DEFAULT_PARAMETERS)
    weights[0] = 1000.0
    with pytest.raises(ValueError, match="out of bounds"):
        Scheduler(parameters=weights)


def test_the_defaults_and_own_weights_schedule_as_fsrs_does() -> None:
    import fsrs

    default, own = Scheduler(enable_fuzzing=False), Scheduler(parameters=fsrs.scheduler.DEFAULT_PARAMETERS)
    assert default.parameters == own.parameters == tuple(fsrs.scheduler.DEFAULT_PARAMETERS)
    card = default.new_card("a", NOW)
    for rating in Rating:
        assert default.review(card, rating, NOW).due == Scheduler(enable_fuzzing=False).review(card, rating, NOW).due
    again = default.review(card, Rating.GOOD, NOW)
    assert default.retrievability(again, NOW) is not None
