"""Shared fixtures: every test gets its own QUIZAPP_HOME, never the real home folder."""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DECKS = REPO / "decks"
FIXED_NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
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
