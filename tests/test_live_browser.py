"""End to end in real Chromium: three phones join a live game as three students and answer; the projector's
counts, the reveal chart and the results files agree. Skips without Playwright or a system Chromium."""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
from pathlib import Path

import pytest
from rich.console import Console

from quizapp.classroom.context import open_session
from quizapp.classroom.live.codes import codes_path, issue_codes
from quizapp.classroom.live.launch import open_game
from quizapp.classroom.results import session_attempts
from quizapp.tui.live_app import LiveApp

async_api = pytest.importorskip("playwright.async_api")
CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="no system Chromium at /usr/bin/chromium")
FIX = Path(__file__).parent / "fixtures" / "classroom"
SHOTS = os.environ.get("QUIZAPP_SHOTS")  # a folder to keep the phone screenshots in, to look at them


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _text(app, selector: str) -> str:
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(app.screen.query_one(selector).content)
    return console.export_text().rstrip()


async def _until(pilot, check, tries: int = 200) -> None:
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


async def test_three_phones_join_answer_and_everything_agrees(tmp_path: Path) -> None:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    ctx = open_session(tmp_path / "class.toml", "week-1", [FIX / "deck.toml"])
    codes = issue_codes(codes_path(ctx.class_path), [s.id for s in ctx.cf.students])
    host = open_game(ctx, port=_port()).host
    url = host.urls[0]
    q = ctx.questions[0]
    chosen = {"amina": q.correct[0], "bilal": (q.correct[0] + 1) % 4, "chen": q.correct[0]}
    app = LiveApp(host)
    async with app.run_test(size=(100, 30)) as pilot, async_api.async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        pages = {}
        try:
            for n, sid in enumerate(chosen):
                phone = await browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
                page = await phone.new_page()
                await page.goto(url)
                await page.fill("#pin", host.game.pin)
                await page.click("#pin-form button")
                await page.wait_for_selector("#who-form:not(.hidden)")
                if n == 0:
                    await page.select_option("#student", sid)
                else:
                    await page.fill("#typed-id", sid.upper())  # case does not matter
                await page.fill("#code", codes[sid].lower())
                if SHOTS and n == 0:
                    await page.screenshot(path=f"{SHOTS}/1-sign-in.png")
                await page.click("#who-form button")
                await page.wait_for_selector("text=You are in!")
                pages[sid] = page
            await _until(pilot, lambda: _text(app, "#lobby-count") == "3 of 4 joined")
            assert "● Chen L." in _text(app, "#lobby-roster") and "○ Dana M." in _text(app, "#lobby-roster")
            await pilot.press("space")
            first = pages["amina"]
            await first.wait_for_selector(".option")
            await pilot.press("p")  # the teacher pauses: the phone's countdown stops too
            await first.wait_for_selector("#timer:has-text('paused')")
            if SHOTS:
                await first.screenshot(path=f"{SHOTS}/2-paused.png")
            await pilot.press("p")
            await first.wait_for_function("!document.getElementById('timer').textContent.includes('paused')")
            for sid, page in pages.items():
                await page.wait_for_selector(".option")
                labels = await page.locator(".option .text").all_inner_texts()
                assert labels == list(q.options)
                if SHOTS and sid == "amina":
                    await page.screenshot(path=f"{SHOTS}/2-question.png")
                await page.locator(".option").nth(chosen[sid]).click()
                if sid != "chen":  # the last answer closes the question at once
                    await page.wait_for_selector("text=Answer saved")
                if sid == "amina":
                    await _until(pilot, lambda: _text(app, "#ask-count") == "1/3 answered")
                    # 20 s questions, 100 bonus points: 5 a second. Half a second between the first and the
                    # last right answer makes their bonuses differ by at least 2 on any machine.
                    await pilot.pause(0.5)
            await _until(pilot, lambda: host.game.phase == "reveal")  # everyone answered: it closes
            await pilot.pause(0.2)
            assert _text(app, "#ask-count") == "3/3 answered"
            bars = [
                re.fullmatch(r"\s*(.+?)\s+[█▏]+\s+(\d+)\s*", line) for line in _text(app, "#ask-chart").splitlines()
            ]
            chart = {m[1]: int(m[2]) for m in bars if m}
            assert chart == {opt: sum(1 for c in chosen.values() if c == i) for i, opt in enumerate(q.options)}
            heads = {}
            for sid, page in pages.items():
                await page.wait_for_selector("#result:not(.hidden)")
                heads[sid] = await page.inner_text("#result-head")
                if SHOTS and sid in ("amina", "bilal"):
                    await page.screenshot(path=f"{SHOTS}/3-result-{sid}.png")
            assert heads["bilal"] == "Not quite."
            detail = await pages["bilal"].inner_text("#result-detail")  # what they chose, beside the right answer
            assert detail.startswith(
                f"You answered {q.options[chosen['bilal']]}. The answer: {q.options[q.correct[0]]}."
            )
            amina, chen = host.game.answers[(0, "amina")].points, host.game.answers[(0, "chen")].points
            assert 100 < chen < amina <= 200  # amina answered first: the bigger speed bonus
            assert (await pages["amina"].inner_text("#result-detail")) == f"You have {amina} points."
            assert (heads["amina"], heads["chen"]) == (f"Right! +{amina} · 1st", f"Right! +{chen} · 2nd")
        finally:
            await browser.close()
    attempts, warnings = session_attempts(ctx.root, "week-1")
    assert warnings == []
    saved = {a.student: a.answers[0] for a in attempts}
    assert {sid: r["given"] for sid, r in saved.items()} == {sid: q.options[i] for sid, i in chosen.items()}
    assert {sid: r["correct"] for sid, r in saved.items()} == {"amina": True, "bilal": False, "chen": True}
    assert {sid: r["points"] for sid, r in saved.items()} == {
        sid: a.points for (_, sid), a in host.game.answers.items()
    }


async def test_a_wrong_pin_message_goes_once_the_right_pin_is_in(tmp_path: Path) -> None:
    shutil.copy(FIX / "class.toml", tmp_path / "class.toml")
    ctx = open_session(tmp_path / "class.toml", "week-1", [FIX / "deck.toml"])
    issue_codes(codes_path(ctx.class_path), [s.id for s in ctx.cf.students])
    host = open_game(ctx, port=_port()).host
    app = LiveApp(host)
    async with app.run_test(size=(100, 30)), async_api.async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            phone = await browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
            page = await phone.new_page()
            await page.goto(host.urls[0])
            wrong = "1" if host.game.pin[0] != "1" else "2"
            await page.fill("#pin", wrong * len(host.game.pin))
            await page.click("#pin-form button")
            await page.wait_for_selector("#status.bad:has-text('That PIN is not')")
            await page.fill("#pin", host.game.pin)
            await page.click("#pin-form button")
            await page.wait_for_selector("#who-form:not(.hidden)")
            assert await page.inner_text("#status") == ""  # not "That PIN is not this game's" above the roster
        finally:
            await browser.close()
