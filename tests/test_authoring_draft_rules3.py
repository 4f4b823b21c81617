"""Drafting rules of round 3: every dated or numbered fact of a sentence gets a note of its own (not only the
first of a clause), unless it is a list's item, given away by the others, or part of a title; and facts the
drafter did not see before (three-digit years in full dates, a count before a capitalised noun)."""

from __future__ import annotations

from quizapp.authoring.draft import draft_deck
from quizapp.authoring.facts import find_facts
from quizapp.decks.models import cloze_deletions


def _answers(text: str) -> list[str]:
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d")
    return [cloze_deletions(n.cloze.text)[0][1] for n in deck.notes if n.cloze]


def _facts(sentence: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_facts(sentence) if f.kind != "name"]


def test_a_count_beside_a_date_gets_its_own_note() -> None:
    text = "Amundsen set out from his base at the Bay of Whales on 19 October 1911 with four companions and 52 dogs."
    assert _answers(text) == ["19 October 1911", "four", "52"]
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d")
    assert len({n.id for n in deck.notes}) == 3
    assert all(n.statement == text and n.quote == text for n in deck.notes)  # the other facts stay as context
    dogs = deck.notes[2]
    assert dogs.choice and all(w.isdigit() and w != "52" for w in dogs.choice.distractors)
    text = "The bridge cost about $15.5 million, and at least 27 men died in building it."
    assert _answers(text) == ["$15.5 million", "27 men"]


def test_a_list_a_given_away_span_and_a_title_are_not_asked() -> None:
    listed = "Growth was impressive, averaging 10% in the 1960s, 5% in the 1970s, and 4% in the 1980s."
    assert _answers(listed) == ["10%"]
    given = "From 1763 to 1767 Cook spent five summers surveying the coast of Newfoundland."
    assert _answers(given) == ["1763 to 1767"]
    given = "The Wanli Emperor reigned for 48 years, from 1572 to 1620, the longest reign of the dynasty."
    assert _answers(given) == ["1572 to 1620"]
    title = 'In the six "Sonatas or Trios for two Hoboys with a bass," composed in 1696, we find binary form.'
    assert _answers(title) == ["1696"]
    fraction = "Recycling uses about 5 percent of the energy, and about three quarters of all aluminium is in use."
    assert _answers(fraction) == ["5 percent", "three quarters"]  # a fraction (round 6), not a count of quarters


def test_three_digit_years_in_full_dates_and_counts_before_capitalised_nouns() -> None:
    assert _facts("The Diamond Sutra was printed on 11 May 868 by Wang Jie.") == [("date", "11 May 868")]
    assert find_facts("It was printed on 11 May 868 by Wang Jie.")[0].iso == "0868-05-11"
    assert _facts("It fell in 868 BC, long before the rest.") == [("year", "868 BC")]  # an era year stays one
    assert _facts("In 1555 about 280 Protestants were burned as heretics.") == [("year", "1555"), ("number", "280")]
    assert _facts("There were 6.5 million Egyptian migrants in 2009.") == [("year", "2009"), ("number", "6.5 million")]
    assert _facts("About 1500 Spanish ships sailed that way.") == [("year", "1500")]  # a year, not a count


def test_money_does_not_take_the_comma_after_it() -> None:
    sentence = "Harding gave her one gram of radium, worth about $100,000, bought with money raised by women."
    assert ("money", "$100,000") in _facts(sentence)
    assert ("money", "$1,250,000") in _facts("The bridge cost $1,250,000 in all, a record sum then.")


def test_a_which_clause_does_not_stop_the_story_order() -> None:
    text = (
        "On 1 August 1774 Joseph Priestley collected the gas it gave off, which he called dephlogisticated air; "
        "he published his results in 1775."
    )
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d")
    found, published = deck.notes
    assert found.choice and all(int(w[-4:]) < 1775 for w in found.choice.distractors)
    assert published.choice and all(int(w) > 1774 for w in published.choice.distractors)
