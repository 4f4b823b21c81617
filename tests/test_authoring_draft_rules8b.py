"""Drafting rules of round 8b (from real3's misses), each on sentences of other subjects than real3's."""

from __future__ import annotations

from drafting import answers, choices


def test_a_binary_data_size_is_a_size_not_a_year() -> None:
    text = "The archive was split into parts of 1000 MiB so that each part fitted on a single disc of the time."
    assert answers(text) == ["1000 MiB"]
    [(_, wrong)] = choices(text)
    assert all(w.endswith(" MiB") for w in wrong) and len(wrong) == 3


def test_a_unit_qualified_by_a_proper_word_is_one_quantity() -> None:
    text = "The legion marched about 12 Roman miles each day along the road from the coast to the hill fort."
    assert answers(text) == ["12 Roman miles"]


def test_each_qualified_figure_of_a_sentence_gets_its_own_note() -> None:
    text = "A year on Mars lasts about 687 Earth days, and a day on Mars lasts about 24.6 Earth hours in all."
    assert sorted(answers(text)) == ["24.6 Earth hours", "687 Earth days"]


def test_a_year_before_a_capitalised_word_and_a_unit_stays_a_year() -> None:
    text = "The survey party set out in 1850 Greenwich time was not yet kept in the town, as the diary notes."
    assert "1850" in answers(text)
