"""Round 8a: precision rules (bylines, citations, map scales, the source's brackets, a program before its version)."""

from __future__ import annotations

from drafting import answers, choices


def test_a_byline_date_is_not_asked_but_the_sentence_after_it_is() -> None:
    text = "From Mary Clark (2011-03-04): The museum reopened its Roman gallery in 1998 after a long restoration."
    assert answers(text) == ["1998"]


def test_a_publishers_year_is_not_asked() -> None:
    text = "A good account of the siege is Jane Hart, The Long Winter, Oxford University Press (2009)."
    assert answers(text) == []


def test_a_see_reference_is_not_asked() -> None:
    assert answers("See: Comet Returns Early, The Daily Chronicle (1986-02-09).") == []


def test_a_map_scale_is_asked_whole() -> None:
    text = "The surveyors drew a six inches to one mile map of the whole valley in 1850."
    found = dict(choices(text))
    assert found["six inches to one mile"] == (
        "six inches to two miles",
        "six inches to four miles",
        "six inches to ten miles",
    )


def test_a_scale_in_feet_gets_feet_and_one_foot_as_wrong_options() -> None:
    from quizapp.authoring.scales import scale_options

    assert scale_options("one inch to ten feet") == [
        "one inch to one foot",
        "one inch to two feet",
        "one inch to four feet",
    ]


def test_an_editors_wrapper_brackets_are_dropped() -> None:
    deck_answers = answers("[The harbour was finally dredged in 1874 at the town's expense.]")
    assert deck_answers == ["1874"]
