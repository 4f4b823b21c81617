"""Retry reshuffles options so a missed question cannot be answered by its position; matching's instruction."""

from __future__ import annotations

import random

import pytest

from quizapp.quiz.questions import Question, adds_to, match_prompt, reshuffled
from quizapp.quiz.run import grade


def choice() -> Question:
    return Question("choice", ("n1",), "Capital?", "Paris", (), ("Rome", "Paris", "Oslo", "Bern"), (1,))


def ordering() -> Question:
    return Question("ordering", ("a", "b", "c"), "Order", "A → B → C", options=("C", "A", "B"), correct=(1, 2, 0))


def matching() -> Question:
    return Question(
        "matching",
        ("a", "b", "c", "d"),
        "Match",
        "",
        options=("z", "x", "w", "y"),
        correct=(1, 3, 0, 2),
        lefts=("1", "2", "3", "4"),
    )


@pytest.mark.parametrize("seed", range(30))
def test_choice_answer_moves_and_stays_right(seed: int) -> None:
    old = choice()
    new = reshuffled(old, random.Random(seed))
    assert sorted(new.options) == sorted(old.options)
    assert new.correct != old.correct and new.options[new.correct[0]] == "Paris"
    assert not grade(new, old.correct[0]).correct  # the old place is now wrong
    assert grade(new, new.correct[0]).correct


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("make", [ordering, matching])
def test_ordering_and_matching_change_their_order(seed: int, make) -> None:
    old = make()
    new = reshuffled(old, random.Random(seed))
    assert sorted(new.options) == sorted(old.options)
    assert new.correct != old.correct
    assert [new.options[i] for i in new.correct] == [old.options[i] for i in old.correct]  # same right answer
    assert not grade(new, old.correct).correct
    assert grade(new, new.correct).correct
    if make is ordering:
        assert new.options != tuple(old.options[i] for i in old.correct)  # never shown already in order


def test_other_kinds_are_kept() -> None:
    q = Question("typed", ("n",), "Who?", "Gagarin")
    assert reshuffled(q, random.Random(1)) is q


@pytest.mark.parametrize(
    ("group", "prompt"),
    [
        ("person-office", "Match each person with their office."),
        ("treaty-city", "Match each treaty with its city."),
        ("energy-deal-year", "Match each energy deal with its year."),
        ("things", "Match each item (things)."),
    ],
)
def test_match_prompt_reads_as_a_sentence(group: str, prompt: str) -> None:
    assert match_prompt(group) == prompt


@pytest.mark.parametrize(
    ("why", "shown", "adds"),
    [
        ("Yuri Gagarin.", ("Yuri Gagarin",), False),  # the answer word for word
        (
            "The first woman in space was Valentina Tereshkova.",
            ("The first woman in space was Valentina Tereshkova",),
            False,
        ),
        ("Gagarin", ("Who flew first?", "Yuri Gagarin"), False),
        ("Vostok 1 carried him in 1961.", ("Yuri Gagarin",), True),
        ("", ("Yuri Gagarin",), False),
    ],
)
def test_why_only_when_it_adds_something(why: str, shown: tuple[str, ...], adds: bool) -> None:
    assert adds_to(why, *shown) is adds


def test_spelling_diff_reads_without_colour() -> None:
    from quizapp.tui.widgets.char_diff import diff_text
    from quizapp.tui.widgets.questions.feedback import spelling_diff

    assert diff_text("Yuri Gagrin", "Yuri Gagarin").plain == "You typed: Yuri Gagrin\nAnswer:    Yuri Gag[a]rin"
    assert diff_text("Jonh Glenn", "John Glenn").plain.splitlines()[0] == "You typed: Jon[h] Glenn"
    assert spelling_diff("Yuri Gagrin", ["Yuri Gagarin", "Gagarin"]).plain == "Yuri Gag[+a]rin"
