"""Anki's review keys in the study screen: one Pilot test per key, and undo of each action."""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from quizapp.tui.app import make_app
from quizapp.tui.screens.card_detail import CardDetailScreen
from quizapp.tui.screens.note_edit import NoteEditScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.widgets.card_view import CardView
from quizapp.tui.widgets.rating_bar import RatingBar
from test_tui_study import NOW, Clock, shown
from tui_helpers import notifications, screen_lines, settle

FIXTURES = Path(__file__).parent / "fixtures" / "study"
SIZE = (100, 30)

pytestmark = pytest.mark.usefixtures("local_time_is_utc")


def copied_decks(tmp_path: Path) -> Path:
    """The study fixtures copied, so that editing a note changes a copy."""
    decks = tmp_path / "decks"
    shutil.copytree(FIXTURES, decks)
    return decks


async def open_study(tmp_path: Path, pilot, app, deck: str = "study-main", **settings: object) -> StudyScreen:
    await settle(app, pilot)
    store = app.workspace.store
    if settings:
        store.save_profile(replace(store.profile, settings=replace(store.profile.settings, **settings)))
    screen = StudyScreen(app.workspace, deck, clock=Clock(), rng=random.Random(7))
    await app.push_screen(screen)
    await pilot.pause()
    return screen


TRUE_FALSE_DECK = """format = 1

[deck]
id = "tf"
title = "True or false deck"

[[sources]]
id = "atlas"
title = "World Atlas"
kind = "book"

[[notes]]
id = "tf-01"
statement = "The capital of Pakistan is Islamabad."
source = "atlas"
locator = "p. 12"
quote = "Islamabad has been the capital since 1967."
truefalse = { false = "The capital of Pakistan is Karachi.", correction = "Karachi was the capital only until 1959." }
"""


def new_app(home: Path, decks: Path = FIXTURES):
    return make_app(home=home, learner="t", deck_paths=[decks], enable_fuzzing=False)


@pytest.mark.parametrize("key", ["space", "enter"])
async def test_space_or_enter_after_the_reveal_rates_good(tmp_path, key):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        first = screen.card.card_id
        await pilot.press(key)
        assert screen.phase == "answer"
        await pilot.press(key)
        await pilot.pause()
        reviews = app.workspace.store.reviews()
        assert [(e.card, e.rating) for e in reviews] == [(first, 3)]
        assert screen.phase == "question" and screen.card.card_id != first


async def test_the_review_keys_show_in_the_footer_with_ids(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        await pilot.pause(0.3)  # the footer's first composition (after the screen's first frame) is done
        footer = screen_lines(app)[-1]
        assert footer.startswith("u Undo - Bury @ Suspend ^1–4 Flag e Edit i Info ")
        ids = {b.id for b in screen.BINDINGS}
        assert {"study.bury", "study.suspend", "study.flag", "study.edit", "study.info", "study.good"} <= ids


async def test_s_and_b_no_longer_suspend_or_bury(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        card = screen.card.card_id
        await pilot.press("s", "b", "f")
        await pilot.pause()
        assert screen.card.card_id == card
        assert card not in app.workspace.store.states  # neither suspended, buried nor flagged


async def test_minus_buries_and_at_suspends(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        states, ws = app.workspace.store.states, app.workspace
        buried = screen.card.card_id
        await pilot.press("minus")
        assert states[buried].buried_until == ws.scheduler.next_day_start(NOW)
        suspended = screen.card.card_id
        assert suspended != buried
        await pilot.press("at")
        assert states[suspended].suspended and screen.card.card_id not in (buried, suspended)


@pytest.mark.parametrize(("key", "colour"), [("ctrl+1", 1), ("ctrl+2", 2), ("ctrl+3", 3), ("ctrl+4", 4)])
async def test_ctrl_digit_flags_even_a_true_false_question(tmp_path, key, colour):
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "tf.toml").write_text(TRUE_FALSE_DECK, "utf-8")
    app = new_app(tmp_path / "home", tmp_path / "decks")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app, "tf", active_recall=True)
        assert screen.question.kind == "truefalse"
        card = screen.card.card_id
        await pilot.press(key)
        assert app.workspace.store.states[card].flag == colour
        assert screen.phase == "recall"  # flagging did not answer the question
        await pilot.press("f")  # f answers False here
        assert screen.phase == "graded" and screen.outcome.given == "False"


async def test_t_and_f_do_nothing_on_a_flashcard(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        await pilot.press("t", "f", "space", "t", "f")
        assert screen.phase == "answer" and app.workspace.store.reviews() == []


async def test_i_shows_the_card_info(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, CardDetailScreen) and app.screen.card_id == screen.card.card_id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_e_edits_the_note_and_u_takes_the_edit_back(tmp_path):
    decks = copied_decks(tmp_path)
    app = new_app(tmp_path / "home", decks)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        card = screen.card
        assert card.card_id == "cap-00"
        before = (decks / "study.toml").read_text("utf-8")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NoteEditScreen) and form.note_id == "cap-00"
        back = form.query_one("#f-basic-back")
        back.value = "Islamabad (since 1967)"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert 'back = "Islamabad (since 1967)"' in (decks / "study.toml").read_text("utf-8")
        await pilot.press("space")
        assert "Islamabad (since 1967)" in shown(screen, "#card-back")
        await pilot.press("u")
        await pilot.pause()
        assert (decks / "study.toml").read_text("utf-8") == before
        assert app.workspace.library.notes["cap-00"].basic.back == "Islamabad"
        assert screen.card.card_id == "cap-00" and "(since 1967)" not in shown(screen, "#card-back")
        assert app.workspace.store.reviews() == []  # the undo took back the edit, not a rating


async def test_u_undoes_the_last_rating_then_says_nothing_is_left(tmp_path):
    app = new_app(tmp_path)
    shown_notes = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        first = screen.card.card_id
        await pilot.press("space", "space")
        assert len(app.workspace.store.reviews()) == 1
        await pilot.press("u")
        assert screen.card.card_id == first and app.workspace.store.reviews() == []
        await pilot.press("u")
        await pilot.pause()
        assert shown_notes[-1] == "Nothing to undo."


# -- typed cards --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", ["1", "3", "space"])
async def test_a_rating_key_is_never_typed_into_an_empty_answer_box(tmp_path, key):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app, "study-typed")
        assert screen.phase == "typing"
        box = screen.query_one("#card-input")
        await pilot.press(key, key, key)
        assert box.value == "" and screen.phase == "typing"
        hint = shown(screen, "#study-hint")
        assert "was not typed" in hint and "Type the answer" in hint
        await pilot.press("o", "i", "l", "space", "3")  # inside an answer they are letters like any other
        assert box.value == "oil 3"


async def test_typed_cards_flip_when_the_setting_says_so(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app, "study-typed", type_answers=False)
        assert screen.phase == "question" and not screen.query_one(CardView).typing
        await pilot.press("space")
        assert screen.phase == "answer" and "oil and gas" in shown(screen, "#card-back")
        assert not screen.query_one(CardView).showing("card-verdict")  # nothing typed, nothing judged
        await pilot.press("3")
        assert [e.rating for e in app.workspace.store.reviews()] == [3]


async def test_the_typed_prompt_says_to_type(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app, "study-typed")
        assert shown(screen, "#study-hint").startswith("✎ Type the answer in the box")
        assert screen.query_one("#study-hint").has_class("-typing")


# -- toasts ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
async def test_toasts_after_flag_and_undo_leave_the_intervals_visible(tmp_path, size):
    app = new_app(tmp_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        await pilot.press("space", "3", "u", "space", "ctrl+1")
        await pilot.pause()
        assert screen.phase == "answer"
        toasts = list(app.screen.query("Toast"))  # the notifications on screen
        assert len(toasts) == 2  # "Rating undone", "Flagged."
        bar = screen.query_one(RatingBar).region
        for toast in toasts:
            assert not toast.region.overlaps(bar), (toast.region, bar)


async def test_u_undoes_bury_suspend_and_flag_most_recent_first(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        states = app.workspace.store.states
        rated = screen.card.card_id
        await pilot.press("space", "3")
        buried = screen.card.card_id
        await pilot.press("minus")
        suspended = screen.card.card_id
        await pilot.press("at")
        flagged = screen.card.card_id
        await pilot.press("ctrl+1", "ctrl+3")
        assert states[flagged].flag == 3
        await pilot.press("u")  # the green flag first: red again
        assert states[flagged].flag == 1 and screen.card.card_id == flagged
        await pilot.press("u")  # then the red one
        assert not states[flagged].flagged and screen.card.card_id == flagged
        await pilot.press("u")  # then the suspend: the card is asked again
        assert not states[suspended].suspended and screen.card.card_id == suspended
        await pilot.press("u")  # then the bury
        assert states[buried].buried_until is None and screen.card.card_id == buried
        assert len(app.workspace.store.reviews()) == 1  # the rating is still there
        await pilot.press("u")
        assert screen.card.card_id == rated and app.workspace.store.reviews() == []


async def test_help_shows_the_current_screens_keys_first(tmp_path):
    from quizapp.tui.screens.help import HelpScreen, help_text

    app = new_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_study(tmp_path, pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.screen_name == "StudyScreen"
    text = help_text("StudyScreen")
    assert text.index("**Study**") < text.index("**Home**") < text.index("**Quiz**")
    home = help_text("HomeScreen")
    assert home.index("**Home**") < home.index("**Study**")
    assert "*Learned*" in home and "*Mastery*" in home  # both defined


@pytest.mark.parametrize("key", ["i", "e", "a"])
async def test_at_60_columns_the_footer_drops_minor_keys_and_they_still_work(tmp_path, key):
    app = new_app(tmp_path, copied_decks(tmp_path))
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_study(tmp_path, pilot, app)
        footer = screen_lines(app)[-1]
        assert "^p palette" in footer and footer.rstrip().endswith("palette")  # no stray letter after it
        assert "Info" not in footer and "Edit" not in footer and "Bury" in footer
        before, recall = app.screen, screen.recall
        await pilot.press(key)
        await pilot.pause()
        if key == "a":
            assert app.screen is screen and screen.recall is not recall
        else:
            assert app.screen is not before


async def test_at_80_columns_the_footer_cuts_no_key(tmp_path):
    app = new_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_study(tmp_path, pilot, app)
        footer = screen_lines(app)[-1]
        assert footer.rstrip().endswith("^p palette") and "? Help" in footer and "i Info" in footer
        assert "Flag" not in footer and "Recall" not in footer
