"""Issue 20 with real processes: two `python -m quizapp` runs as two devices (QUIZAPP_DEVICE) on two homes that a
copy step keeps in step, like a file-sync tool carrying the learner's folder; nothing lost, both show the same."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def quizapp(home: Path, device: str, *args: str) -> str:
    env = {**os.environ, "QUIZAPP_DEVICE": device, "PYTHONPATH": str(SRC)}
    run = subprocess.run(
        [sys.executable, "-m", "quizapp", "--home", str(home), "--learner", "ann", "learner", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def copy_step(src: Path, dst: Path) -> None:
    """A sync tool's pass: src's learner files copied over dst's (newer wins by name), the locks left out."""
    a, b = src / "learners" / "ann", dst / "learners" / "ann"
    b.mkdir(parents=True, exist_ok=True)
    for path in a.iterdir():
        if path.is_file() and not path.name.startswith("lock"):
            shutil.copyfile(path, b / path.name)


def test_two_devices_on_two_synced_homes_end_with_every_review(tmp_path: Path) -> None:
    laptop, desk = tmp_path / "laptop", tmp_path / "desk"
    for i in range(5):
        quizapp(laptop, "laptop", "review", f"c-{i}", "3")
    copy_step(laptop, desk)
    for i in range(5, 10):
        quizapp(desk, "desk", "review", f"c-{i}", "1")
    for i in range(10, 13):
        quizapp(laptop, "laptop", "review", f"c-{i}", "4")
    copy_step(laptop, desk)  # each direction carries the other's newer files: both folders settle
    copy_step(desk, laptop)
    shown = [json.loads(quizapp(home, dev, "show")) for home, dev in ((laptop, "laptop"), (desk, "desk"))]
    assert len(shown[0]["reviews"]) == 13  # the 5 + 5 + 3, none gone
    assert shown[0]["reviews"] == shown[1]["reviews"] and shown[0]["cards"] == shown[1]["cards"]
    assert sorted(d for d, *_ in shown[0]["reviews"]) == ["desk"] * 5 + ["laptop"] * 8
    assert len(shown[0]["cards"]) == 13
    names = sorted(p.name for p in (laptop / "learners" / "ann").iterdir())
    assert "events-laptop.log" in names and "events-desk.log" in names and "events.log" not in names
