"""Facts of every era and form, sentence splitting, pronouns, and distractors of the same type and scale."""

from __future__ import annotations

import re

import pytest

from quizapp.authoring.distract import distractors
from quizapp.authoring.docsplit import split_sentences
from quizapp.authoring.draft import draft_deck, key_fact, resolve_pronoun
from quizapp.authoring.facts import find_facts


def _key(sentence: str) -> tuple[str, str, str | None]:
    fact = key_fact(sentence)
    assert fact is not None, sentence
    return fact.kind, fact.text, fact.iso


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Orhan captured the city of Bursa in 1326 after a long siege.", ("year", "1326", "1326")),
        ("The abbey was founded in AD 775 by a local king and his monks.", ("year", "AD 775", "0775")),
        ("A unified kingdom arose circa 3200 B.C. along the banks of the Nile.", ("year", "3200 B.C.", None)),
        ("Suleiman the Magnificent (r. 1520–1566) enlarged the empire greatly.", ("year", "1520–1566", "1520")),
        ("The second voyage of the expedition lasted from 1768–74 in all.", ("year", "1768–74", "1768")),
        ("The bronze tools of this people date from the 19th century BC at the latest.",
         ("century", "19th century BC", None)),
        ("Printing spread across the towns of Europe in the sixteenth century quickly.",
         ("century", "sixteenth century", None)),
        ("Rock music changed the charts of the world during the 1960s for good.", ("decade", "1960s", None)),
        ("The lunar module landed at 1:46 pm on a calm and clear afternoon.", ("time", "1:46 pm", None)),
        ("The first stone found at the site weighed 47.5 pounds in all.", ("quantity", "47.5 pounds", None)),
        ("The treaty was signed on July 20, 1969 by the two ministers present.",
         ("date", "July 20, 1969", "1969-07-20")),
        ("The treaty was signed on the 20th of July, 1969 in the old city.",
         ("date", "20th of July, 1969", "1969-07-20")),
    ],
)  # fmt: skip
def test_dates_times_and_quantities(sentence: str, expected: tuple[str, str, str | None]) -> None:
    assert _key(sentence) == expected


def test_labels_and_names_are_not_numbers() -> None:
    assert key_fact("The sonata No. 4 in the set was written for violins.") is None
    fact = key_fact("The sonata No. 4 in the set was written for two violins.")  # the count, never the label
    assert fact is not None and (fact.kind, fact.text) == ("number", "two")
    assert key_fact("The crew of Apollo 11 walked on the surface of the Moon.") is None
    assert [f.text for f in find_facts("He gave 12 lectures, see Fig. 3 and p. 433 for details.")][:1] == ["12"]


def test_sentences_split_around_abbreviations_and_regnal_numerals() -> None:
    assert split_sentences("Abdulmejid I. In 1876, the first constitution was proclaimed.") == [
        "Abdulmejid I.",
        "In 1876, the first constitution was proclaimed.",
    ]
    assert split_sentences("Martin Luther King Jr. spoke. He lived in the U.S. The march began c. 1963 at noon.") == [
        "Martin Luther King Jr. spoke.",
        "He lived in the U.S.",
        "The march began c. 1963 at noon.",
    ]
    assert split_sentences("Corelli (b. 1653) wrote Op. 5 in 1700. It was famous.") == [
        "Corelli (b. 1653) wrote Op. 5 in 1700.",
        "It was famous.",
    ]


def test_opening_pronouns_are_named_or_skipped() -> None:
    assert resolve_pronoun("He succeeded to the throne in 1520.", ["Suleiman was born in Trabzon."]) == (
        "Suleiman succeeded to the throne in 1520."
    )
    assert resolve_pronoun("In 1876, he was deposed by his ministers.", ["Abdulaziz ruled the empire."]) == (
        "In 1876, Abdulaziz was deposed by his ministers."
    )
    assert resolve_pronoun("They were 6 feet deep.", ["The graves were dug in rows."]) == (
        "The graves were 6 feet deep."
    )
    assert resolve_pronoun("He succeeded to the throne in 1520.", ["The weather was fine."]) is None
    assert resolve_pronoun("It was the Arabs who came in the 7th century.", []) == (
        "It was the Arabs who came in the 7th century."
    )
    deck, _ = draft_deck("When he succeeded to the throne in 1520, he was young.", source_id="s", source_title="t",
                         deck_id="d")  # fmt: skip
    assert deck.notes == ()


def test_distractors_are_of_the_same_type_and_scale() -> None:
    sentence = "The mosque was finished in 1557 by the architect of the court."
    (fact,) = [f for f in find_facts(sentence) if f.kind == "year"]
    wrong = distractors(fact, sentence, years=[1453, 1520, 1566, 1571, 1683], amounts=[], names=[])
    assert len(set(wrong)) == 3 and all(w.startswith("15") and w != "1557" for w in wrong)  # same century
    assert "1453" not in wrong and "1683" not in wrong
    sentence = "The pit was some 6 feet deep and lined with river stones."
    (fact,) = [f for f in find_facts(sentence) if f.kind == "quantity"]
    wrong = distractors(fact, sentence, years=[], amounts=[], names=[])
    assert len(wrong) == 3 and all(w.endswith(" feet") and w != "6 feet" for w in wrong)
    sentence = "The first ambassador, John Smith, arrived in the capital city."
    (fact,) = [f for f in find_facts(sentence) if f.kind == "name"]
    assert distractors(fact, sentence, years=[], amounts=[], names=[("Jane Doe", "person")]) is None


def test_years_vary_from_note_to_note() -> None:
    text = " ".join(f"The council of the town met in {y} to choose a new mayor." for y in range(1801, 1890, 7))
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d")
    options = [tuple(n.choice.distractors) for n in deck.notes if n.choice]
    assert len(options) >= 10 and len(set(options)) == len(options)
    assert all(len({o[:2] for o in opts}) == 1 for opts in options)  # each note's options in one century


def test_a_pair_of_centuries_is_one_fact_and_its_wrong_options_move_both() -> None:
    sentence = "During the late 19th and early 20th centuries, Japan became a regional power in Asia."
    fact = key_fact(sentence)
    assert fact is not None and fact.text == "late 19th and early 20th centuries"
    options = distractors(fact, sentence, years=[], amounts=[], names=[])
    assert options is not None and len(options) == 3
    for option in options:
        first, second = (int(n) for n in re.findall(r"(\d+)(?:st|nd|rd|th)", option))
        assert second == first + 1 and second <= 21


def test_a_person_named_with_an_irregular_past_verb_resolves_a_later_he() -> None:
    assert resolve_pronoun(
        "He won a second term in office in 2017 after a repeat election.",
        ["Uhuru KENYATTA won the first presidential election under the new constitution in 2013."],
    ) == ("Uhuru KENYATTA won a second term in office in 2017 after a repeat election.")


def test_a_short_name_cut_to_an_abbreviation_does_not_end_a_sentence() -> None:
    text = "Bononcini published at Bologna in 1669, and the sonatas of Gio. Battista Vitali in 1677. It sold well."
    assert split_sentences(text) == [
        "Bononcini published at Bologna in 1669, and the sonatas of Gio. Battista Vitali in 1677.",
        "It sold well.",
    ]


def test_a_demonstrative_pointing_back_is_not_asked() -> None:
    assert key_fact("During the whole of the eighteenth century there was a mixing of these two species.") is None
    assert key_fact("During the whole of the eighteenth century there was a mixing of the two species.") is not None


def test_wrong_options_of_a_range_with_two_full_years_shift_both_years() -> None:
    sentence = "Brazil grew strongly under President Luiz Inácio LULA da Silva (2003-2010) as a market."
    fact = key_fact(sentence)
    assert fact is not None and fact.text == "2003-2010"
    wrong = distractors(fact, sentence, years=[], amounts=[], names=[])
    assert wrong is not None and len(wrong) == 3
    for option in wrong:
        start, end = (int(y) for y in option.split("-"))
        assert end - start == 7, option
