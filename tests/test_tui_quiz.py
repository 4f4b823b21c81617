"""Quiz mode in the TUI: every question kind, feedback, overrule, results, retry, saving, seeds, snapshots."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, SelectionList, Static

from quizapp.decks.library import find_deck_files, load_library
from quizapp.quiz.questions import ALL_KINDS, build_quiz
from quizapp.quiz.run import load_results
from quizapp.tui.app import QuizApp, make_app
from quizapp.tui.screens.confirm import ConfirmScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.quiz_setup import QuizSetup, QuizSetupScreen
from quizapp.tui.screens.results import ResultsScreen
from quizapp.tui.widgets.questions import OptionRow
from quizapp.tui.widgets.questions.matching import LETTERS

FIXTURE = Path(__file__).parent / "fixtures" / "quiz"
REPO_DECKS = Path(__file__).parents[1] / "decks"
DECK = "space-test"
TYPOS = {"sp-gagarin": "Yuri Gagrin", "sp-glenn": "Jonh Glenn"}


def quiz_app(
    home: Path, kinds: tuple[str, ...] = (), count: int = 3, seed: str | None = "s1", tags: tuple[str, ...] = ()
) -> QuizApp:
    return make_app(
        home=home,
        learner="t",
        deck_paths=[FIXTURE],
        start="quiz",
        deck_id=DECK,
        quiz_count=count,
        quiz_kinds=kinds,
        quiz_tags=tags,
        quiz_seed=seed,
        enable_fuzzing=False,
    )


async def ready(app: QuizApp, pilot: Pilot) -> QuizScreen:
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, QuizScreen)
    return app.screen


def feedback(screen: QuizScreen) -> str:
    return str(screen.query_one("#quiz-feedback", Static).render())


async def answer(pilot: Pilot, screen: QuizScreen, right: bool = True) -> None:
    """Answer the current question with the keys a learner would press."""
    q = screen.run.current
    assert q is not None
    if q.kind == "choice":
        pick = q.correct[0] if right else (q.correct[0] + 1) % len(q.options)
        await pilot.press(str(pick + 1))
    elif q.kind == "truefalse":
        await pilot.press("t" if q.truth == right else "f")
    elif q.kind in ("typed", "cloze"):
        screen.query_one(Input).value = q.answer if right else "Neil Armstrong"
        await pilot.press("enter")
    elif q.kind == "ordering":
        await put_in_order(pilot, q.correct if right else tuple(range(len(q.options))))
    elif q.kind == "matching":
        for i, partner in enumerate(q.correct):
            wrong = (partner + 1) % len(q.options)
            await pilot.press(str(i + 1), LETTERS[partner if right else wrong])
        await pilot.press("enter")
    await pilot.pause()


async def put_in_order(pilot: Pilot, target: tuple[int, ...]) -> None:
    """Rearrange the list into `target` with up/down and k (move up), then submit."""
    view = pilot.app.screen.view
    for place, option in enumerate(target):
        at = view.order.index(option)
        keys = ["down" if at > view.cursor else "up"] * abs(at - view.cursor) + ["k"] * (at - place)
        if keys:
            await pilot.press(*keys)
    assert tuple(view.order) == tuple(target)
    await pilot.press("enter")


async def test_choice_quiz_keys_and_click(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, ("choice",), count=2)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        assert [q.kind for q in screen.run.questions] == ["choice", "choice"]
        await answer(pilot, screen, right=True)
        assert screen.run.outcomes[-1].correct
        assert "Right" in feedback(screen)
        await pilot.press("1")  # answer keys do nothing once answered
        assert len(screen.run.outcomes) == 1
        await pilot.press("space")
        q = screen.run.current
        wrong = next(r for r in screen.query(OptionRow) if r.index != q.correct[0])
        await pilot.click(wrong)
        await pilot.pause()
        o = screen.run.outcomes[-1]
        assert not o.correct and o.given == q.options[wrong.index]
        assert f"The answer: {q.answer}" in feedback(screen)
        assert screen.title.startswith("Quiz 2/2 · score 1")
        await pilot.press("enter")
        assert isinstance(app.screen, ResultsScreen)


async def test_truefalse_quiz(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, ("truefalse",), count=2)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        await answer(pilot, screen, right=False)
        text = feedback(screen)
        assert "Not quite" in text and "Source: A short history of spaceflight" in text
        await pilot.press("enter")
        await answer(pilot, screen, right=True)
        outcomes = screen.run.outcomes
        assert [o.correct for o in outcomes] == [False, True]
        assert outcomes[0].given == str(not outcomes[0].question.truth)
        assert outcomes[1].given == str(outcomes[1].question.truth)


async def test_typed_quiz_typo_and_overrule(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, ("typed",), count=2)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("enter")  # an empty answer is not taken
        assert screen.run.outcomes == []
        q = screen.run.current
        screen.query_one(Input).value = TYPOS[q.note_id]
        await pilot.press("enter")
        await pilot.pause()
        o = screen.run.outcomes[-1]
        assert (o.verdict, o.correct) == ("typo", True)
        assert "Accepted: check the spelling" in feedback(screen)
        await pilot.press("o")  # nothing to overrule: a typo already counts
        assert screen.run.outcomes[-1].verdict == "typo"
        await pilot.press("enter")
        await answer(pilot, screen, right=False)
        assert screen.run.outcomes[-1].verdict == "wrong"
        assert "o if you were right" in feedback(screen)
        await pilot.press("o")
        await pilot.pause()
        o = screen.run.outcomes[-1]
        assert (o.verdict, o.correct, o.overruled) == ("overruled", True, True)
        assert screen.run.score == 2 and "Counted as right" in feedback(screen)
        await pilot.press("enter")
        assert isinstance(app.screen, ResultsScreen)
    [result] = load_results(tmp_path / "learners" / "t")
    assert [a["verdict"] for a in result["answers"]] == ["typo", "overruled"]
    assert result["answers"][1]["overruled"] is True


async def test_cloze_quiz(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, ("cloze",), count=3)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        assert {q.kind for q in screen.run.questions} == {"cloze"}
        for right in (True, False, True):
            q = screen.run.current
            assert "_____" in q.prompt
            await answer(pilot, screen, right=right)
            prompt = str(screen.view.query_one(".qv-prompt", Static).render())
            assert "_____" not in prompt and q.answer.split(" / ")[0] in prompt  # the blank is filled in
            await pilot.press("enter")
        assert [o.correct for o in screen.run.outcomes] == [True, False, True]
        assert isinstance(app.screen, ResultsScreen)


async def test_ordering_quiz(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, ("ordering",), count=2)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        first = screen.run.current
        assert first.kind == "ordering" and 4 <= len(first.options) <= 5
        await answer(pilot, screen, right=True)
        assert screen.run.outcomes[-1].correct
        await pilot.press("enter")
        second = screen.run.current
        await pilot.press("shift+down", "j")  # move the first item two places down, then submit
        await pilot.press("enter")
        await pilot.pause()
        o = screen.run.outcomes[-1]
        order = [1, 2, 0, *range(3, len(second.options))]
        assert o.given == " → ".join(second.options[i] for i in order)
        assert o.correct == (tuple(order) == second.correct)
        if not o.correct:
            assert "in the right place" in feedback(screen)


async def test_matching_quiz_with_undo(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, ("matching",), count=1)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        q = screen.run.current
        assert q.kind == "matching" and 4 <= len(q.lefts) <= 6
        view = screen.view
        wrong = (q.correct[0] + 1) % len(q.options)
        await pilot.press(LETTERS[wrong])  # item 1 is picked first
        assert view.pairs == {0: wrong}
        await pilot.press("backspace")
        assert view.pairs == {}
        await pilot.press("enter")  # not everything is paired: nothing is submitted
        assert screen.run.outcomes == []
        for i, partner in enumerate(q.correct):
            await pilot.press(str(i + 1), LETTERS[partner])
        await pilot.press("enter")
        await pilot.pause()
        assert screen.run.outcomes[-1].correct
        await pilot.press("enter")
        assert isinstance(app.screen, ResultsScreen)


async def test_results_retry_missed_and_saved_files(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, ALL_KINDS, count=6, seed="mix")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        kinds = [q.kind for q in screen.run.questions]
        assert "ordering" in kinds and "matching" in kinds
        for i in range(len(kinds)):
            await answer(pilot, screen, right=i % 2 == 0)
            await pilot.press("enter")
        results = app.screen
        assert isinstance(results, ResultsScreen)
        table = results.query_one(DataTable)
        assert table.row_count == len(kinds)
        score = str(results.query_one("#results-score", Static).render())
        assert f"Score {(len(kinds) + 1) // 2}/{len(kinds)}" in score and "seed mix" in score
        assert "Saved to your quiz history" in str(results.query_one("#results-saved", Static).render())
        missed = screen.run.missed()
        await pilot.press("r")
        await pilot.pause()
        retry = app.screen
        assert isinstance(retry, QuizScreen)
        assert sorted(q.note_ids for q in retry.run.questions) == sorted(q.note_ids for q in missed)
        before = {q.note_ids: q for q in missed}
        for q in retry.run.questions:  # the options are reshuffled: pressing the same place again is not the answer
            old = before[q.note_ids]
            assert sorted(q.options) == sorted(old.options) and q.answer == old.answer
            if q.kind in ("choice", "ordering", "matching"):
                assert q.correct != old.correct
        assert retry.run.title.startswith("Retry: ")
        for _ in missed:
            await answer(pilot, retry, right=True)
            await pilot.press("enter")
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.check_action("retry", ()) is False  # nothing missed this time
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    first, second = load_results(tmp_path / "learners" / "t")
    assert first["quiz"]["seed"] == "mix" and first["quiz"]["total"] == len(kinds)
    assert first["quiz"]["score"] == (len(kinds) + 1) // 2
    assert [a["kind"] for a in first["answers"]] == kinds
    assert second["quiz"]["score"] == second["quiz"]["total"] == len(missed)
    files = sorted((tmp_path / "learners" / "t" / "quizzes").glob("*.toml"))
    assert len(files) == 2 and tomllib.loads(files[0].read_text("utf-8"))["quiz"]["learner"] == "t"


async def test_leaving_early_saves_nothing(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, ("choice",), count=2)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        await answer(pilot, screen)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert load_results(tmp_path / "learners" / "t") == []


async def test_no_questions_is_explained(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, ("ordering",), count=3, tags=("animals",))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        assert screen.run.questions == []
        assert "No questions" in str(screen.query_one("#quiz-kind", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_seed_gives_the_same_quiz(tmp_path: Path) -> None:
    notes = list(load_library([FIXTURE / "space.toml"]).notes.values())
    same = [build_quiz(notes, count=6, kinds=ALL_KINDS, seed="class-7") for _ in range(2)]
    assert same[0] == same[1]
    assert build_quiz(notes, count=6, kinds=ALL_KINDS, seed="other") != same[0]
    assert build_quiz(list(reversed(notes)), count=6, kinds=ALL_KINDS, seed="class-7") == same[0]
    app = quiz_app(tmp_path, ALL_KINDS, count=6, seed="class-7")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        assert screen.run.questions == same[0]
        assert screen.run.seed == "class-7"


def test_ordering_never_mixes_a_year_with_a_date_inside_it() -> None:
    from quizapp.quiz.questions import _overlap

    assert _overlap((2015, 0, 0), (2015, 10, 0)) and _overlap((2015, 10, 0), (2015, 10, 16))
    assert not _overlap((2015, 9, 0), (2015, 10, 0)) and not _overlap((2014, 0, 0), (2015, 0, 0))
    by_id = load_library(find_deck_files([REPO_DECKS, FIXTURE])).notes
    assert len(by_id) > 50
    for seed in range(20):
        for q in build_quiz(list(by_id.values()), count=3, kinds=("ordering",), seed=seed):
            keys = [by_id[i].sort_key() for i in q.note_ids]
            assert keys == sorted(keys)
            assert not any(_overlap(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :])


async def test_no_seed_gives_a_fresh_mix_with_a_seed_to_share(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, ALL_KINDS, count=6, seed=None)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        seed = screen.run.seed
        assert seed and f"--seed {seed}" in screen.again
        notes = app.workspace.notes(DECK)
        assert screen.run.questions == build_quiz(
            notes, count=6, kinds=ALL_KINDS, seed=seed, pool_notes=app.workspace.notes()
        )
        others = {QuizScreen(app.workspace, DECK, count=6).seed for _ in range(5)}
        assert len(others) == 5


async def test_deck_text_is_shown_literally(tmp_path: Path) -> None:
    app = quiz_app(tmp_path, ("choice",), count=2, seed="s1")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        while screen.run.current and screen.run.current.note_id != "sp-sputnik":
            await answer(pilot, screen)
            await pilot.press("enter")
        await answer(pilot, screen)
        text = feedback(screen)
        assert "[UTC]" in text  # brackets in the quote are not markup
        assert "Sources differ: Encyclopedia of space exploration says: Gives 5 October 1957" in text


async def test_setup_modal_returns_the_choices(tmp_path: Path) -> None:
    app = make_app(home=tmp_path, learner="t", deck_paths=[FIXTURE], enable_fuzzing=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        chosen: list[QuizSetup | None] = []
        setup = QuizSetupScreen(app.workspace, DECK, count=5)
        app.push_screen(setup, chosen.append)
        await pilot.pause()
        assert "7 notes" in str(setup.query_one("#setup-info", Static).render())
        setup.query_one("#setup-tags", Input).focus()
        await pilot.press(*"nope")
        assert "Unknown tag: nope" in str(setup.query_one("#setup-info", Static).render())
        await pilot.press("enter")  # refused: the tag does not exist
        assert chosen == [] and app.screen is setup
        setup.query_one("#setup-tags", Input).value = "people"
        setup.query_one("#setup-kinds", SelectionList).focus()
        await pilot.press("space")  # untick multiple choice
        setup.query_one("#setup-seed", Input).focus()
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert chosen == [
            QuizSetup(DECK, ("people",), 5, ("truefalse", "typed", "cloze", "ordering", "matching"), "abc")
        ]
        app.push_screen(QuizSetupScreen(app.workspace, None), chosen.append)
        await pilot.pause()
        await pilot.press("escape")
        assert chosen[-1] is None


# -- snapshots ---------------------------------------------------------------------------------------------------

SNAP_SEED = "snap"


def snap_app(home: Path) -> QuizApp:
    return make_app(home=home, learner="t", deck_paths=[FIXTURE], enable_fuzzing=False)


def push_quiz(kinds: tuple[str, ...], count: int = 1, answered: bool = False, finish: bool = False):
    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = QuizScreen(app.workspace, DECK, count=count, kinds=kinds, seed=SNAP_SEED, clock=lambda: 0.0)
        await app.push_screen(screen)
        await pilot.pause()
        if answered or finish:
            for i, _ in enumerate(screen.run.questions):
                await answer(pilot, screen, right=i % 2 == 1)
                if finish:
                    await pilot.press("enter")
                elif i == 0:
                    break
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("kind", ["choice", "truefalse", "typed", "cloze", "ordering", "matching"])
def test_snapshot_question(kind: str, snap_compare, tmp_path: Path) -> None:
    assert snap_compare(snap_app(tmp_path), terminal_size=(100, 30), run_before=push_quiz((kind,)))


@pytest.mark.parametrize("kind", ["choice", "typed", "ordering", "matching"])
def test_snapshot_feedback(kind: str, snap_compare, tmp_path: Path) -> None:
    assert snap_compare(snap_app(tmp_path), terminal_size=(100, 30), run_before=push_quiz((kind,), answered=True))


def test_snapshot_results(snap_compare, tmp_path: Path) -> None:
    run_before = push_quiz(ALL_KINDS, count=6, finish=True)
    assert snap_compare(snap_app(tmp_path), terminal_size=(100, 30), run_before=run_before)


def test_snapshot_small_terminal(snap_compare, tmp_path: Path) -> None:
    run_before = push_quiz(("matching",), answered=True)
    assert snap_compare(snap_app(tmp_path), terminal_size=(80, 24), run_before=run_before)


async def test_header_clock_and_results_time_are_one_clock(tmp_path: Path) -> None:
    now = [100.0]
    app = snap_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        screen = QuizScreen(app.workspace, DECK, count=2, kinds=("choice",), seed="c", clock=lambda: now[0])
        await app.push_screen(screen)
        await pilot.pause()
        now[0] += 5.0  # thinking
        await answer(pilot, screen)
        now[0] += 20.0  # reading the feedback: the header's clock counts it, so the results count it too
        await pilot.press("enter")
        await pilot.pause()
        now[0] += 13.4
        await answer(pilot, screen)
        assert screen.title.endswith("· 0:38")
        now[0] += 30.0  # after the last answer the clock has stopped: the results show what the header showed
        await pilot.press("enter")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert "time 0:38" in str(results.query_one("#results-score", Static).render())
    (record,) = load_results(tmp_path / "learners" / "t")
    assert record["quiz"]["seconds"] == 38.4


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_snapshot_narrow_choice_and_results(size: tuple[int, int], snap_compare, tmp_path: Path) -> None:
    assert snap_compare(snap_app(tmp_path), terminal_size=size, run_before=push_quiz(("choice",), answered=True))
    run_before = push_quiz(ALL_KINDS, count=6, finish=True)
    assert snap_compare(snap_app(tmp_path / "r"), terminal_size=size, run_before=run_before)
