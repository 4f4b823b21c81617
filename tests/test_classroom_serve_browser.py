"""End to end (optional): `quizapp serve` a class take command and answer a question in headless Chromium.

Skips unless the playwright package and a system Chromium are installed (Playwright never downloads a browser here).
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from quizapp.classroom.context import open_session
from quizapp.classroom.results import Attempt

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no system Chromium installed")

FIX = Path(__file__).parent / "fixtures" / "classroom"
DECK = FIX / "deck.toml"
SRC = Path(__file__).resolve().parents[1] / "src"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def test_student_answers_in_a_browser(tmp_path: Path) -> None:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    ctx = open_session(tmp_path / "class.toml", "week-1", [DECK])
    right_key = str(ctx.questions[0].correct[0] + 1)
    take = shlex.join(
        [
            sys.executable,
            "-m",
            "quizapp",
            "--decks",
            str(DECK),
            "class",
            "take",
            str(tmp_path / "class.toml"),
            "--session",
            "week-1",
            "--student",
            "amina",
        ]
    )
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    server = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "serve", take, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    saved = tmp_path / "class-results" / "week-1" / "amina-1.toml"
    try:
        url = f"http://localhost:{port}/"
        _wait_http(url, 20)
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                page = browser.new_page()
                page.goto(url)
                end = time.monotonic() + 40
                while time.monotonic() < end:
                    if saved.exists() and Attempt.read(saved).answered:
                        break
                    if saved.exists():  # the app is up: answer the first question
                        page.mouse.click(200, 200)
                        page.keyboard.press(right_key)
                    time.sleep(0.5)
            finally:
                browser.close()
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    attempt = Attempt.read(saved)
    assert attempt.answered == 1 and attempt.score == 1
