"""Shared fixtures: every test gets its own QUIZAPP_HOME, never the real home folder."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore new examples on every run of a developer's machine ("dev"); CI runs the same examples for
# the same code ("ci": derandomized, no example database), so a clean clone's result is the result of that commit.
settings.register_profile("dev")
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("QUIZAPP_HYPOTHESIS", "dev"))

REPO = Path(__file__).resolve().parents[1]
DECKS = REPO / "decks"
FIXED_NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
MINI = Path(__file__).parent / "fixtures" / "mini.toml"


class Clock:
    """A UTC clock that stays at FIXED_NOW until a test moves it (`clock.now = ...` or `clock.advance(days=1)`)."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def notes():
    """The notes of tests/fixtures/mini.toml (the study and queue tests' deck)."""
    from quizapp.decks.library import load_deck

    return list(load_deck(MINI).deck.notes)


@pytest.fixture
def store(tmp_path: Path):
    """Learner "ann"'s progress store in tmp_path, open for the test and closed after it."""
    from quizapp.progress.store import LearnerStore

    s = LearnerStore(tmp_path, "ann").open()
    yield s
    s.close()


os.environ["QUIZAPP_DEVICE"] = "test"  # module-level set-ups too: this machine is device "test" in every test


@pytest.fixture
def local_time_is_utc(monkeypatch: pytest.MonkeyPatch):
    """Local time is UTC, so day boundaries and shown times do not depend on the machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def quizapp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "quizapp-home"
    monkeypatch.setenv("QUIZAPP_HOME", str(home))
    monkeypatch.setenv("QUIZAPP_DEVICE", "test")  # this machine is device "test": its files are events-test.log...
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUIZAPP_LEARNER", raising=False)
    return home
