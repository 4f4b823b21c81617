"""Drafting rules of round 6, from the real documents' misses (docs/authoring.md, "Round 6"): ratios, fractions,
multiples and a sentence's ordinal period are facts; a month range is one date; a sentence-opening "For"/"About"
is no name; a number said once is not "said twice" because its digits stand inside another; three amounts of one
kind are a list only when they stand alike; an empty "it" and "This was the last ... release" are no pronouns to
give up on; a number before a plural acronym ("2 CDs") is a count."""

from __future__ import annotations

import re

from tests.drafting import answers as _answers
from tests.drafting import choices as _choices

from quizapp.authoring.draftnote import accepted_variants
from quizapp.authoring.facts import find_facts
from quizapp.authoring.pronouns import resolve_pronoun


def test_a_ratio_is_asked_whole_with_ratios_for_options() -> None:
    assert _choices("Amend this constitution, provided they agree with a 3:1 majority.") == [
        ("3:1", ("2:1", "4:1", "5:1"))
    ]
    assert _choices("The committee may override the decision, provided they agree with a 2:1 majority.") == [
        ("2:1", ("3:1", "4:1", "5:1"))
    ]
    assert _answers("The mixture uses sand and cement in a ratio of 4:1 by weight.") == ["4:1"]
    assert [f.kind for f in find_facts("The meeting began at 10:30 in the main hall.")] == ["time"]


def test_a_fraction_of_something_is_asked_with_fractions_for_options() -> None:
    notes = _choices("Q is half of the square root of the number of current Developers.")
    assert notes == [("half", ("a quarter", "a third", "two thirds"))]
    assert _answers("In 2022 the world produced about 68 million tonnes, more than half of it in China.") == [
        "2022",
        "68 million tonnes",
        "half",
    ]
    assert _answers("In the first half of the century the town grew by 400 people.") == ["400 people"]


def test_a_multiple_is_asked_with_other_multiples() -> None:
    notes = _choices("As of September 2000 there were 27 people able to check in changes, a fourfold increase.")
    assert ("fourfold", ("threefold", "fivefold", "sixfold")) in notes
    assert ("27 people", ("14 people", "20 people", "40 people")) in notes


def test_a_sentence_opening_ordinal_period_is_asked() -> None:
    assert _choices("For the first week any Developer may nominate themselves as a candidate Project Leader.") == [
        ("first week", ("second week", "third week", "fourth week"))
    ]
    bridge = "The mayor walked across it, and in the first day about 150,300 people crossed the bridge."
    assert _answers(bridge) == ["150,300 people"]
    assert _answers("During the last decade the birth rate stalled for several years in the towns.") == []


def test_a_month_range_is_one_date() -> None:
    ((answer, wrong),) = _choices("The early releases of Debian were made (August-December 1993) by Ian Murdock.")
    assert answer == "August-December 1993"
    assert len(wrong) == 3 and all(re.fullmatch(r"August-December 19\d\d", w) for w in wrong)
    (fact,) = [f for f in find_facts("The releases (August-December 1993) were few.") if f.kind == "date"]
    assert fact.iso == "1993-08"
    assert accepted_variants(fact) == []  # not "August 1993"


def test_a_sentence_opening_word_is_not_part_of_a_name() -> None:
    assert _answers("For three weeks after that no more candidates may be nominated for the post.") == ["three weeks"]
    assert _answers("About 22,000 workers died, and the company went bankrupt in 1889.") == [
        "1889",
        "22,000 workers",
    ]
    assert _answers("Apollo 11 landed on the Moon after a flight of four days.") == ["four days"]


def test_a_number_inside_another_is_not_a_second_copy() -> None:
    text = "With Wichert Akkerman as Project Leader, Debian 2.1 consisted of about 2250 packages and required 2 CDs."
    assert _answers(text) == ["2250", "2"]
    amundsen = "The men were back at their base on 25 January 1912 with 11 of the dogs, having left in 1911."
    assert "11" in _answers(amundsen)
    assert _answers("The crew of 2 carried 2 spare suits and 40 kilograms of food on board.") == ["40 kilograms"]


def test_three_amounts_are_a_list_only_when_they_stand_alike() -> None:
    text = (
        "Debian 2.2 consisted of more than 3900 binary packages derived from over 2600 source packages "
        "maintained by more than 450 Debian developers."
    )
    assert _answers(text) == ["3900", "2600", "450"]
    panama = (
        "The United States paid Panama $10 million and promised a yearly payment of $250,000, and it bought the "
        "French company's machinery for $40 million."
    )
    assert _answers(panama) == ["$10 million", "$250,000", "$40 million"]
    assert _answers("Growth averaged 10% in the 1960s, 5% in the 1970s, and 4% in the 1980s.") == ["10%"]


def test_an_empty_it_is_not_a_pronoun_to_resolve() -> None:
    text = (
        "By moving the CVS tree to SourceForge, it became possible to grant write access to more people; as of "
        "September 2000 there were 27 people able to check in changes."
    )
    assert resolve_pronoun(text, ["Obviously, this was not very scalable."]) == text
    assert resolve_pronoun("After the flood, it was rebuilt in 1850 by the town.", ["The town grew."]) is None


def test_this_was_the_last_release_is_named() -> None:
    before = ["Debian 0.93R6 (November 1995): dselect appears."]
    assert resolve_pronoun("This was the last Debian release using a.out; there were about 60 developers.", before) == (
        "Debian 0.93R6 was the last Debian release using a.out; there were about 60 developers."
    )
    assert resolve_pronoun("This was the last time the river froze, in 1895.", before) is None


def test_a_count_before_a_plural_acronym_is_a_count() -> None:
    assert _answers("The release contained around 18,000 binary packages over 20 binary CDs (3 DVDs).") == [
        "18,000",
        "20",
        "3",
    ]
    assert _answers("As of September 2000, there are 25 PEPS, ranging from PEP 201 to PEP 225.") == [
        "September 2000",
        "25",
    ]


def test_a_count_in_words_may_have_a_describing_word_and_be_compound() -> None:
    assert _answers("Debian 3.1 was made by more than nine hundred Debian developers in the official set.") == [
        "nine hundred"
    ]
    assert _answers("The project included more than one thousand and thirty Debian developers in all.") == [
        "one thousand and thirty"
    ]
    assert _answers("There were also two binary CDs available to install the system with other desktops.") == ["two"]
    assert _answers("The fortunate finders collected about one hundred and thirty pounds of gold.") == [
        "one hundred and thirty pounds"
    ]
    assert _answers("For more than two centuries this policy enabled Japan to enjoy a flowering of culture.") == [
        "two centuries"
    ]
    assert _answers("The crew spent eleven long years at sea before the war began.") == []


def test_a_count_its_sentence_names_one_by_one_is_not_asked() -> None:
    assert _answers("Two more architectures were added, Alpha and SPARC.") == []
    assert _answers("The Himalaya stretch for about 2,400 kilometres across Pakistan, India, Nepal and Bhutan.") == [
        "2,400 kilometres"
    ]


def test_a_count_in_words_that_ends_its_clause_after_to_is_asked() -> None:
    text = "The new installer increased the number of available translations to over fifty."
    ((answer, wrong),) = _choices(text)
    assert answer == "fifty" and len(wrong) == 3 and all(w.endswith("ty") for w in wrong)
    assert _answers("He walked from one village to another and then back to one.") == []


def test_a_defined_variables_multiples_and_definition_are_asked() -> None:
    rules = (
        "If such a resolution is sponsored by at least 2K Developers, the decision is put on hold. "
        "There is a quorum of 3Q. Q is half of the square root of the number of current Developers. "
        "K is Q or 5, whichever is the smaller."
    )
    assert _answers(rules) == ["2K", "3Q", "half", "5"]
    assert _answers("The new television sets show 4K pictures on screens of 55 inches.") == ["55 inches"]


def test_four_amounts_of_one_kind_are_a_series_not_facts_each() -> None:
    text = (
        "Pakistanis rated the leader poorly, with 7% expressing confidence in 2006, only 3% in 2012, 13% in "
        "2008 and 8% in 2013."
    )
    assert [a for a in _answers(text) if a.endswith("%")] == ["7%"]


def test_this_thing_named_as_a_noun_just_before_is_the_thing() -> None:
    before = [
        "This release featured a graphical installer and simplified mail configuration.",
        "New installations would not need to reboot through the installation process.",
    ]
    text = "This new installer increased the number of available translations to over fifty."
    assert (
        resolve_pronoun(text, before)
        == "The new installer increased the number of available translations to over fifty."
    )
    assert resolve_pronoun("This progress is due to the five developers working for PythonLabs.", before) is None
    assert (
        resolve_pronoun("This was due to the five developers working for the company.", ["It was a new was."]) is None
    )
