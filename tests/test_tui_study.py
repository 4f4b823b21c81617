"""The study screen: reveal and rate, undo, bury, suspend, flag, typed cards, custom study, active recall."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from rich.text import Text
from tests.conftest import Clock
from textual.widgets import Footer

from quizapp.progress.store import read_events
from quizapp.scheduling.scheduler import Phase, Rating
from quizapp.study.session import StudySession
from quizapp.tui.app import make_app
from quizapp.tui.screens.custom_study import CustomStudy, CustomStudyScreen, custom_cards
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.screens.summary import SummaryScreen
from quizapp.tui.widgets.card_view import CardView
from quizapp.tui.widgets.rating_bar import RatingBar
from quizapp.tui.widgets.study_status import StudyStatus
from tui_helpers import notifications, screen_lines, settle

FIXTURES = Path(__file__).parent / "fixtures" / "study"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SIZE = (100, 30)


pytestmark = pytest.mark.usefixtures("local_time_is_utc")


def new_app(home: Path):
    return make_app(home=home, learner="t", deck_paths=[FIXTURES], enable_fuzzing=False)


async def loaded(app, pilot) -> None:
    await settle(app, pilot)
    assert app.workspace is not None


async def open_study(app, pilot, deck: str | None = "study-main", clock: Clock | None = None) -> StudyScreen:
    await loaded(app, pilot)
    screen = StudyScreen(app.workspace, deck, clock=clock or Clock(), rng=random.Random(7))
    await app.push_screen(screen)
    await pilot.pause()
    return screen


def shown(screen, selector: str) -> str:
    """The plain text a Static shows, or a part of the card (its body draws several parts as one widget)."""
    if selector.startswith("#card-"):
        return screen.query_one(CardView).text_of(selector.removeprefix("#"))
    content = screen.query_one(selector).content
    return content.plain if isinstance(content, Text) else str(content)


def label(screen, rating: Rating) -> str:
    """A rating button's label."""
    return screen.query_one(RatingBar).label(rating)


async def click_rating(pilot, screen, rating: Rating) -> None:
    """Click a rating button (drawn by the rating bar itself)."""
    bar = screen.query_one(RatingBar)
    x, width, _ = next(b for b in bar.buttons() if b[2] == rating)
    await pilot.click(RatingBar, offset=(bar.styles.padding.left + x + width // 2, 1))


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


# -- the basic loop ------------------------------------------------------------------------------------------
async def test_study_ten_cards(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(app, pilot)
        store = app.workspace.store
        seen = []
        for i in range(10):
            assert screen.phase == "question"
            seen.append(screen.card.card_id)
            assert not screen.query_one(CardView).showing("card-back")
            await pilot.press("space" if i % 2 else "enter")
            assert screen.phase == "answer"
            assert shown(screen, "#card-back")
            assert "10m" in label(screen, Rating.GOOD)  # Good on a new card: the 10 minute step
            assert "1m" in label(screen, Rating.AGAIN)
            if i == 5:
                await click_rating(pilot, screen, Rating.GOOD)  # the mouse works too
            else:
                await pilot.press("3")
            await pilot.pause()
            assert len(store.reviews()) == i + 1  # saved before the next card appears
        assert len(set(seen)) == 10
        assert screen.session.done == 10
        assert screen.query_one(StudyStatus).tally.startswith("10 done")
        events, _ = read_events(store.folder / "events-test.log")
        assert [e.card for e in events if e.type == "review"] == seen
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_undo_restores_state_and_log(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(app, pilot)
        store = app.workspace.store
        await pilot.press("space", "3")
        first = screen.session.history[-1].card.card_id
        kept = store.states[first]
        card = screen.card.card_id
        await pilot.press("space", "1")
        assert store.states[card].phase == Phase.LEARNING
        await pilot.press("u")
        assert screen.card.card_id == card and screen.phase == "question"
        assert store.states[card].phase == Phase.NEW
        assert [e.card for e in store.reviews()] == [first]
        assert store.states[first] == kept
        await pilot.press("space", "2", "ctrl+z")  # ctrl+z undoes too
        assert [e.card for e in store.reviews()] == [first]
        assert screen.card.card_id == card


async def test_undo_is_in_the_footer_from_the_start_and_the_footer_is_not_rebuilt(tmp_path):
    app = new_app(tmp_path)
    shown_notes = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(app, pilot)
        await pilot.pause(0.3)  # the footer's first composition (after the screen's first frame) is done
        assert screen_lines(app)[-1].startswith("u Undo ")
        keys = list(screen.query_one(Footer).query("*"))
        card = screen.card.card_id
        await pilot.press("u")  # nothing to undo yet: said so, nothing changes
        await pilot.pause()
        assert screen.card.card_id == card and screen.phase == "question"
        assert "Nothing to undo." in shown_notes
        await pilot.press("space", "3")
        await pilot.pause()
        assert screen.card.card_id != card
        assert (
            list(screen.query_one(Footer).query("*")) == keys
        )  # the same widgets: the first rating did not rebuild it


async def test_bury_suspend_and_flag_at_80x24(tmp_path):
    app = new_app(tmp_path)
    clock = Clock()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_study(app, pilot, clock=clock)
        ws = app.workspace
        states = ws.store.states
        buried = screen.card.card_id
        await pilot.press("minus")
        assert screen.card.card_id != buried
        assert states[buried].buried_until == ws.scheduler.next_day_start(NOW)
        today = StudySession(ws.store, ws.scheduler, ws.notes("study-main"), clock=clock)
        assert buried not in today._queue
        tomorrow = StudySession(ws.store, ws.scheduler, ws.notes("study-main"), clock=lambda: NOW + timedelta(days=1))
        assert buried in tomorrow._queue

        card = screen.card.card_id
        await pilot.press("ctrl+1")
        assert states[card].flag == 1 and shown(screen, "#card-meta").startswith("⚑ red flag  ")
        await pilot.press("ctrl+1")
        assert not states[card].flagged and "⚑" not in shown(screen, "#card-meta")
        await pilot.press("space", "ctrl+2")  # on the answer side too
        assert states[card].flag == 2 and "⚑ orange flag" in shown(screen, "#card-meta")
        bar = screen.query_one(RatingBar)  # the buttons fit a small terminal
        buttons = bar.buttons()
        assert bar.region.bottom <= 23 and len(buttons) == 4 and all(width >= 12 for _, width, _ in buttons)
        assert buttons[-1][0] + buttons[-1][1] <= bar.content_region.width
        await pilot.press("at")
        assert states[card].suspended and states[card].flagged
        assert screen.card.card_id != card
        assert card not in screen.session._queue


async def test_typed_card_wrong_then_right(tmp_path):
    app = new_app(tmp_path)
    clock = Clock()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(app, pilot, "study-typed", clock)
        assert screen.phase == "typing" and app.focused is screen.query_one("#card-input")
        await type_text(pilot, "coal")
        await pilot.press("enter")
        assert screen.phase == "answer"
        assert shown(screen, "#card-verdict").startswith("✗")
        diff = shown(screen, "#card-diff")
        assert "You typed: [c]oa[l]" in diff and "Answer:    o[il ]a[nd gas]" in diff  # marked without colour
        await pilot.press("1")
        assert screen.phase == "typing"  # the same card: nothing else is left, so its 1-minute step is skipped
        await pilot.press("ctrl+z")  # "u" would be typed into the answer box
        assert screen.phase == "typing" and app.workspace.store.reviews() == []
        await pilot.press("enter")  # enter alone shows the answer
        assert shown(screen, "#card-verdict").startswith("✗ No answer given")
        await pilot.press("1")
        clock.advance(minutes=1)
        await type_text(pilot, "oil and gas")
        await pilot.press("enter")
        assert shown(screen, "#card-verdict").startswith("✓")
        await pilot.press("4")  # Easy: graduates, so the session ends
        await pilot.pause()
        assert [e.rating for e in app.workspace.store.reviews()] == [1, 4]
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert (summary.summary.studied, summary.summary.again) == (2, 1)
        assert summary.next_due.startswith("in ")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_quit_mid_session_keeps_every_rating(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(app, pilot)
        for rating in "3142":
            await pilot.press("space", rating)
        await pilot.press("space")  # quit with a card on screen, unrated
        before = dict(app.workspace.store.states)
        await pilot.press("ctrl+q")
    assert len(before) == 4
    again = new_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await loaded(again, pilot)
        assert again.workspace.store.states == before
        screen = await open_study(again, pilot)
        assert screen.card.card_id not in before


async def test_nothing_due_then_custom_practice_keeps_the_schedule(tmp_path):
    app = new_app(tmp_path)
    clock = Clock()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        ws = app.workspace
        learn = StudySession(ws.store, ws.scheduler, ws.notes("study-main"), clock=clock)
        while learn.current():
            learn.rate(Rating.EASY)
        clock.advance(hours=1)
        screen = await open_study(app, pilot, clock=clock)
        assert screen.phase == "empty"
        message = shown(screen, "#card-message")
        assert "Nothing is due" in message and "next card is due in" in message
        before = dict(ws.store.states)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CustomStudyScreen)
        assert app.screen.choice().pick == "ahead" and not app.screen.choice().reschedule
        await pilot.click("#custom-start")
        await pilot.pause()
        assert app.screen is screen and not screen.session.reschedule
        assert "practice" in shown(screen, "#study-mode")
        for _ in range(3):
            await pilot.press("space", "1")
        assert ws.store.states == before
        assert [e.type for e in ws.store.history()[-3:]] == ["practice"] * 3
        assert len(ws.store.reviews()) == 12  # practice is not counted as a review


def test_custom_cards_choices(tmp_path):
    from quizapp.workspace import open_workspace

    ws = open_workspace(tmp_path, "t", [FIXTURES], enable_fuzzing=False)
    try:
        s = StudySession(ws.store, ws.scheduler, ws.notes("study-main"), clock=lambda: NOW)
        s.rate(Rating.AGAIN)
        s.rate(Rating.EASY)
        later = NOW + timedelta(hours=1)
        pick = {
            p: [c.card_id for c in custom_cards(CustomStudy(p, "study-main"), ws, later)[1]]
            for p in ("failed", "ahead", "new", "all")
        }
        assert pick["failed"] == ["cap-00"]
        assert pick["ahead"] == ["cap-01"]
        assert len(pick["new"]) == 10 and len(pick["all"]) == 12
        assert len(custom_cards(CustomStudy("all", None, "asia", limit=5), ws, later)[1]) == 1
    finally:
        ws.close()


# -- active recall ------------------------------------------------------------------------------------------
async def _recall_on(app, pilot) -> None:
    await loaded(app, pilot)
    store = app.workspace.store
    store.save_profile(replace(store.profile, settings=replace(store.profile.settings, active_recall=True)))


async def test_active_recall_proposes_a_rating_the_learner_can_change(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _recall_on(app, pilot)
        screen = await open_study(app, pilot)
        assert screen.phase == "recall" and screen.question.kind == "choice"
        await pilot.press(str(screen.question.correct[0] + 1))
        assert screen.phase == "graded" and screen.proposed == Rating.GOOD
        assert "▶ 3 Good" in label(screen, Rating.GOOD)
        assert "Proposed rating: Good" in shown(screen, "#study-hint")
        await pilot.press("2")
        assert "▶ 2 Hard" in label(screen, Rating.HARD)
        assert "▶" not in label(screen, Rating.GOOD)
        assert app.workspace.store.reviews() == []  # nothing saved before enter
        await pilot.press("enter")
        last = app.workspace.store.reviews()[-1]
        assert (last.rating, last.kind) == (2, "choice")
        wrong = next(i for i in range(4) if i != screen.question.correct[0])
        await pilot.click("#card-options", offset=(4, wrong))  # options can be clicked too
        await pilot.pause()
        assert screen.phase == "graded" and screen.outcome.given == screen.question.options[wrong]
        assert screen.proposed == Rating.AGAIN
        await pilot.press("enter")
        await pilot.press("a")  # off again: a classic flashcard
        assert screen.phase == "question"


async def test_active_recall_typed_overrule(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _recall_on(app, pilot)
        screen = await open_study(app, pilot, "study-typed")
        assert screen.phase == "recall" and screen.question.kind in ("typed", "cloze")
        await type_text(pilot, "petroleum")
        await pilot.press("enter")
        assert screen.proposed == Rating.AGAIN and "o: I was right" in shown(screen, "#study-hint")
        await pilot.press("o")
        last = app.workspace.store.reviews()[-1]
        assert (last.rating, last.kind) == (3, "override")


# -- failures and the end ------------------------------------------------------------------------------------
async def test_save_failure_is_shown_and_kept(tmp_path, monkeypatch):
    import quizapp.progress.store

    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(app, pilot)
        store = app.workspace.store
        real = quizapp.progress.store.durable_append

        def full(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(quizapp.progress.store, "durable_append", full)
        await pilot.press("space", "3")
        await pilot.pause()
        banner = screen.query_one("#study-banner")
        assert banner.display and "No space left on device" in shown(screen, "#study-banner")
        assert len(store.pending) == 1 and screen.phase == "question"
        monkeypatch.setattr(quizapp.progress.store, "durable_append", real)
        await pilot.press("space", "3")
        assert not store.pending and not banner.display
        events, _ = read_events(store.folder / "events-test.log")
        assert len(events) == 2


# -- snapshots ----------------------------------------------------------------------------------------------
def _before(deck: str):
    async def run_before(pilot) -> None:
        await open_study(pilot.app, pilot, deck)

    return run_before


async def test_card_text_can_be_selected_with_the_mouse_and_copied_without_its_frame(tmp_path):
    from quizapp.tui.widgets.card_body import CardBody

    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(app, pilot)
        await pilot.press("space")
        await pilot.pause()
        body = screen.query_one(CardBody)
        await pilot.mouse_down(body, offset=(0, 1))
        await pilot.hover(body, offset=(SIZE[0] - 1, 20))
        await pilot.mouse_up(body, offset=(SIZE[0] - 1, 20))
        await pilot.pause()
        text = app.screen.get_selected_text()
        assert text is not None
        lines = text.splitlines()
        assert lines[0] == "Study test deck · Flashcard · New" and "Islamabad" in lines
        assert "Source" in lines and "“Islamabad has been the capital since 1967.”" in lines  # inside the box
        assert not any(c in text for c in "│╭╰█")  # margins, edges and box lines left out
        highlighted = body.render_line(3)  # the question's row is drawn selected
        assert highlighted.text.strip() == "What is the capital of Pakistan?"
        chosen = app.screen.get_component_rich_style("screen--selection").bgcolor
        assert chosen is not None
        assert any(seg.style and seg.style.bgcolor == chosen for seg in highlighted if seg.text.strip())
        app.screen.clear_selection()
        await pilot.pause()
        assert not any(seg.style and seg.style.bgcolor == chosen for seg in body.render_line(3))  # drawn, not kept
        await pilot.press("3")  # the next card: the old selection goes
        await pilot.pause()
        assert app.screen.get_selected_text() is None


def test_snapshot_question(snap_compare, tmp_path):
    assert snap_compare(new_app(tmp_path), terminal_size=SIZE, run_before=_before("study-main"))


def test_snapshot_answer_with_source_and_conflict(snap_compare, tmp_path):
    assert snap_compare(new_app(tmp_path), press=["space"], terminal_size=SIZE, run_before=_before("study-main"))


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_snapshot_narrow_question_and_reveal(size, snap_compare, tmp_path):
    assert snap_compare(new_app(tmp_path), terminal_size=size, run_before=_before("study-main"))
    assert snap_compare(new_app(tmp_path / "r"), press=["space"], terminal_size=size, run_before=_before("study-main"))


def test_snapshot_typed_comparison(snap_compare, tmp_path):
    keys = [*"oil", "space", *"adn", "space", *"gsa", "enter"]
    assert snap_compare(new_app(tmp_path), press=keys, terminal_size=SIZE, run_before=_before("study-typed"))


def test_snapshot_summary(snap_compare, tmp_path):
    keys = [*"oil", "space", *"and", "space", *"gas", "enter", "4"]
    assert snap_compare(new_app(tmp_path), press=keys, terminal_size=SIZE, run_before=_before("study-typed"))
