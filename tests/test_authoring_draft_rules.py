"""Drafting rules found on held-out texts: two-year phrases, wrong options the sentence rules out, pronouns
without a comma or as objects, and a second dated fact of a sentence."""

from __future__ import annotations

import re

import pytest

from quizapp.authoring.distract import distractors
from quizapp.authoring.draft import draft_deck, key_fact, resolve_pronoun
from quizapp.authoring.facts import find_facts
from quizapp.authoring.order import year_bounds
from quizapp.decks.models import cloze_deletions


def _years(option: str) -> list[int]:
    return [int(y) for y in re.findall(r"\b\d{4}\b", option)]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Fur trappers such as John Colter, who passed through in 1807 or 1808, told of boiling springs.",
         "1807 or 1808"),
        ("Gray wolves, which had been removed from the park, were brought back in 1995 and 1996.", "1995 and 1996"),
        ("The survey of the whole coast was carried out between 1807 and 1808 by the navy.", "1807 and 1808"),
        ("The army managed the whole park from 1886 to 1918, when the new service took over.", "1886 to 1918"),
    ],
)  # fmt: skip
def test_a_two_year_phrase_is_asked_as_one_fact(sentence: str, phrase: str) -> None:
    fact = key_fact(sentence)
    assert fact is not None and fact.text == phrase
    wrong = distractors(fact, sentence, years=[1801, 1850, 1870, 1871, 1872, 1988], amounts=[], names=[])
    assert wrong is not None and len(wrong) == 3
    first, second = _years(phrase)
    years = [_years(o) for o in [phrase, *wrong]]
    assert all(not set(x) & set(y) for i, x in enumerate(years) for y in years[i + 1 :]), wrong  # none shared
    for option in wrong:
        a, b = _years(option)
        assert b - a == second - first and a != first, option  # both years move alike: neither gives the other
        assert option.replace(str(a), "A").replace(str(b), "B") == phrase.replace(str(first), "A").replace(
            str(second), "B"
        )


def test_a_range_closed_by_a_date_keeps_its_wrong_options_before_that_date() -> None:
    sentence = "From October 1813 to April 1815 Faraday travelled with Davy through France, Italy and Switzerland."
    fact = key_fact(sentence)
    assert fact is not None and fact.text == "October 1813"
    wrong = distractors(fact, sentence, years=[1791, 1821, 1823, 1824, 1831], amounts=[], names=[])
    assert wrong is not None and len(wrong) == 3
    assert all(_years(o)[0] < 1815 for o in wrong), wrong


def test_a_death_date_is_never_offered_before_another_dated_event_of_its_sentence() -> None:
    sentence = (
        "In 1858 Queen Victoria granted Faraday a house at Hampton Court, where he died on the 25th of August 1867."
    )
    fact = key_fact(sentence)
    assert fact is not None and fact.text == "25th of August 1867"
    wrong = distractors(fact, sentence, years=[1791, 1834, 1845, 1860], amounts=[], names=[])
    assert wrong is not None and len(wrong) == 3
    assert all(_years(o)[0] > 1858 for o in wrong), wrong


@pytest.mark.parametrize(
    ("sentence", "other", "later"),
    [
        ("The bridge was opened in 1890, two years after the first trains crossed in 1888.", 1888, True),
        ("The old mill was pulled down in 1870, before the railway reached the town in 1874.", 1874, False),
        ("The painter was born in 1862 and first showed her work at the town hall in 1866.", 1866, False),
    ],
)  # fmt: skip
def test_before_after_and_born_bound_a_dates_wrong_options(sentence: str, other: int, later: bool) -> None:
    fact = key_fact(sentence)
    assert fact is not None
    wrong = distractors(
        fact, sentence, years=[1801, 1830, 1850, 1860, 1864, 1870, 1875, 1895, 1899], amounts=[], names=[]
    )
    assert wrong is not None and len(wrong) == 3
    assert all((_years(o)[0] > other) if later else (_years(o)[0] < other) for o in wrong), wrong


def test_a_pronoun_after_an_opening_date_without_a_comma_is_named() -> None:
    previous = ["Faraday was elected a Fellow of the Royal Society in 1824."]
    assert resolve_pronoun("In 1831 he discovered electromagnetic induction.", previous) == (
        "In 1831 Faraday discovered electromagnetic induction."
    )
    assert resolve_pronoun("At the age of fourteen he was apprenticed to a bookbinder in 1805.", previous) == (
        "At the age of fourteen Faraday was apprenticed to a bookbinder in 1805."
    )
    assert resolve_pronoun("In 1831 he discovered electromagnetic induction.", ["The weather was fine."]) is None


def test_the_subject_of_a_sentence_opening_with_a_date_or_an_apposition_names_a_later_he() -> None:
    assert resolve_pronoun("In 1823 he liquefied chlorine.", ["In 1821 Faraday produced a rotation."]) == (
        "In 1823 Faraday liquefied chlorine."
    )
    born = "Michael Faraday, chemist and natural philosopher, was born at Newington Butts in 1791."
    assert (
        resolve_pronoun("In 1812 he attended four lectures.", [born])
        == "In 1812 Michael Faraday attended four lectures."
    )


def test_an_object_pronoun_pointing_outside_its_sentence_is_named_or_the_sentence_skipped() -> None:
    previous = ["Faraday gave the Christmas lectures for young people nineteen times."]
    sentence = "In 1858 Queen Victoria granted him a house at Hampton Court, where he died in 1867."
    assert resolve_pronoun(sentence, previous) == (
        "In 1858 Queen Victoria granted Faraday a house at Hampton Court, where he died in 1867."
    )
    assert resolve_pronoun(sentence, ["The weather was fine."]) is None
    inside = "In 1858 Davy met Faraday and taught him chemistry at the Royal Institution."
    assert resolve_pronoun(inside, ["The weather was fine."]) == inside  # 'him' is Faraday, named before it


def test_a_resolved_sentence_names_the_subject_of_the_next() -> None:
    text = (
        "Faraday was elected a Fellow of the Royal Society in 1824. In 1831 he discovered electromagnetic "
        "induction. In 1833 he was appointed the first Fullerian Professor of Chemistry."
    )
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d")
    assert [n.statement for n in deck.notes][1:] == [
        "In 1831 Faraday discovered electromagnetic induction.",
        "In 1833 Faraday was appointed the first Fullerian Professor of Chemistry.",
    ]


def test_a_second_dated_fact_in_its_own_clause_gets_its_own_note() -> None:
    text = "In 1823 Faraday liquefied chlorine, and in 1825 he discovered benzene, which he called bicarburet."
    deck, stats = draft_deck(text, source_id="s", source_title="t", deck_id="d")
    answers = [cloze_deletions(n.cloze.text)[0][1] for n in deck.notes]
    assert answers == ["1823", "1825"] and stats.drafted == 2
    assert len({n.id for n in deck.notes}) == 2
    one_clause = "The US Army managed the whole park from 1886 until the service took over in 1918 at last."
    deck, _ = draft_deck(one_clause, source_id="s", source_title="t", deck_id="d")
    assert [cloze_deletions(n.cloze.text)[0][1] for n in deck.notes] == ["1886", "1918"]  # a fact each
    first, last = deck.notes
    assert first.choice and all(int(w) < 1918 for w in first.choice.distractors)
    assert last.choice and all(int(w) > 1886 for w in last.choice.distractors)


def test_the_end_of_a_period_is_later_than_the_dates_before_it() -> None:
    sentence = (
        "In April 2019, Egypt approved amendments extending the president's term in office through 2024 and "
        "possibly through 2030 if re-elected."
    )
    fact = next(f for f in find_facts(sentence) if f.text == "2030")
    assert year_bounds(fact, sentence) == (2024, None)
    sentence = "Britain seized control of the government in 1882, but the old allegiance continued until 1914."
    fact = next(f for f in find_facts(sentence) if f.text == "1914")
    wrong = distractors(fact, sentence, years=[1801, 1830, 1850, 1869, 1922, 1952], amounts=[], names=[])
    assert wrong is not None and all(_years(o)[0] > 1882 for o in wrong), wrong


def test_no_two_wrong_options_of_a_two_year_phrase_share_a_year() -> None:
    sentence = "Fur trappers such as John Colter, who passed through in 1807 or 1808, told of boiling springs."
    fact = key_fact(sentence)
    assert fact is not None
    wrong = distractors(fact, sentence, years=[1870, 1871, 1872, 1886, 1916, 1918], amounts=[], names=[])
    assert wrong is not None and len(wrong) == 3
    years = [y for option in wrong for y in _years(option)]
    assert len(set(years)) == len(years) == 6, wrong


# Found on held-out set 2, after its one measurement (docs/authoring.md, "Second held-out measurement").


def test_them_with_a_thing_of_its_own_sentence_keeps_the_sentence() -> None:
    text = "Above Teddington the river is controlled by 45 locks, the highest of them St John's Lock near Lechlade."
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d")
    assert [cloze_deletions(n.cloze.text)[0][1] for n in deck.notes] == ["45"]


def test_a_possessive_is_not_a_subject_and_a_subject_after_a_place_is() -> None:
    previous = ["Pasteur's assistants Émile Roux and Charles Chamberland worked on the vaccines."]
    assert resolve_pronoun("The Royal Society awarded him its Copley Medal in 1874.", previous) is None
    assert resolve_pronoun(
        "In 1857 he returned to Paris as director of studies.", ["At Lille Pasteur studied beer."]
    ) == ("In 1857 Pasteur returned to Paris as director of studies.")


def test_a_he_the_section_does_not_name_is_the_last_person_named_when_the_sentences_before_mention_them() -> None:
    text = (
        "In 1854 Pasteur became dean of the faculty at Lille.\n\n## Wine\n\nHeating wine became known as "
        "pasteurization; Pasteur patented the method in 1865. From 1865 to 1870 he studied the silkworm disease "
        "in the south.\n\n## Vaccines\n\nHe found a vaccine for chicken cholera in hens in 1879 at last."
    )
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d")
    statements = [n.statement for n in deck.notes]
    assert "From 1865 to 1870 Pasteur studied the silkworm disease in the south." in statements
    assert "Pasteur found a vaccine for chicken cholera in hens in 1879 at last." in statements  # a section's first
    deck, _ = draft_deck(text.replace("Pasteur", "The dean"), source_id="s", source_title="t", deck_id="d")
    assert not any("silkworm" in n.statement for n in deck.notes)  # no person named before: left out


def test_a_pronoun_after_while_is_named_or_skipped() -> None:
    sentence = "While he was surveying the site in June 1869 a ferry crushed his foot."
    assert resolve_pronoun(sentence, ["John Roebling designed the bridge in 1867."]) == (
        "While John Roebling was surveying the site in June 1869 a ferry crushed his foot."
    )
    assert resolve_pronoun(sentence, ["The weather was fine."]) is None


@pytest.mark.parametrize(
    ("sentence", "answer", "low", "high"),
    [
        ("Work on the barrier at Woolwich began in 1974 and was finished in 1982.", "1974", None, 1982),
        ("Work on the barrier at Woolwich began in 1974 and was finished in 1982.", "1982", 1974, None),
        ("Roebling was surveying the site in June 1869, and he died of tetanus on July 22, 1869.", "June 1869",
         None, 1869),
    ],
)  # fmt: skip
def test_a_start_comes_before_its_end_and_an_event_before_a_death(
    sentence: str, answer: str, low: int | None, high: int | None
) -> None:
    fact = next(f for f in find_facts(sentence) if f.text == answer)
    assert year_bounds(fact, sentence) == (low, high)


def test_the_one_person_the_sentence_before_names_is_a_he_without_a_named_subject() -> None:
    previous = ["It was designed by the German-born engineer John Augustus Roebling, whose plan was approved in 1867."]
    assert resolve_pronoun("In June 1869 he was hurt at the ferry slip on the river.", previous) == (
        "In June 1869 John Augustus Roebling was hurt at the ferry slip on the river."
    )
    two = ["It was planned by Mr. John Smith and Mr. Henry Brown, who met in 1867."]
    assert resolve_pronoun("In June 1869 he was hurt at the ferry slip on the river.", two) is None


def test_an_it_after_a_thing_named_with_a_present_tense_verb_is_named() -> None:
    previous = ["The Brooklyn Bridge crosses the East River between Manhattan and Brooklyn."]
    assert resolve_pronoun("It was designed by the engineer John Roebling in 1867.", previous) == (
        "The Brooklyn Bridge was designed by the engineer John Roebling in 1867."
    )
    assert resolve_pronoun("They were designed by the engineer John Roebling in 1867.", previous) is None


def test_names_may_begin_with_an_accented_capital() -> None:
    from quizapp.authoring.names import find_names

    sentence = "Pasteur's assistants Émile Roux and Charles Chamberland worked on the vaccines."
    assert [n for n, _, _ in find_names(sentence)] == ["Émile Roux", "Charles Chamberland"]


# Found on held-out set 3, after its one measurement.


def test_a_date_whose_year_the_sentence_gives_is_asked_by_its_day_and_month() -> None:
    sentence = "In 1866 the Great Eastern laid a lasting cable, and it began working on 27 July 1866."
    fact = key_fact(sentence)
    assert fact is not None and fact.text == "27 July" and fact.iso == "1866-07-27"
    deck, _ = draft_deck(sentence, source_id="s", source_title="t", deck_id="d")
    (note,) = deck.notes
    assert note.cloze is not None and note.cloze.text.endswith("working on {{c1::27 July}} 1866.")
    assert note.choice is None  # no wrong years to offer for a year the sentence shows


def test_a_capitalised_word_before_a_short_word_ending_a_sentence_is_no_abbreviated_name() -> None:
    from quizapp.authoring.docsplit import split_sentences

    assert split_sentences("It began in 1944, during the Second World War. Lava destroyed the village.") == [
        "It began in 1944, during the Second World War.",
        "Lava destroyed the village.",
    ]
