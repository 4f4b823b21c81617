"""Drafting rules of round 5, from the first measurement on real documents (docs/authoring.md): "This release ..."
named after the release the text last named, a sentence giving its own date for "the same day", and cheap
rejects (a blank inside a product title, round numbers, "one day", a version used as a name)."""

from __future__ import annotations

from tests.drafting import choices as _choices

from quizapp.authoring.docsplit import split_sentences
from quizapp.authoring.draft import draft_deck
from quizapp.authoring.facts import find_facts
from quizapp.authoring.pronouns import resolve_pronoun
from quizapp.decks.models import cloze_deletions


def _notes(text: str) -> list[tuple[str, str]]:
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d")
    return [(n.statement, cloze_deletions(n.cloze.text)[0][1]) for n in deck.notes if n.cloze]


def test_this_release_is_named_after_the_release_named_before() -> None:
    text = (
        "Debian 1.2 Rex (December 12th, 1996): Named for the plastic dinosaur in the Toy Story movies. "
        "This release consisted of 848 packages maintained by 120 developers."
    )
    notes = _notes(text)
    assert ("Debian 1.2 consisted of 848 packages maintained by 120 developers.", "848") in notes
    assert all(not s.startswith("This release") for s, _ in notes)
    lead = "With Ian Jackson as Project Leader, this release made the transition to libc6."
    assert resolve_pronoun(lead, ["Debian 2.0 Hamm (July 24th, 1998): Named for the piggy-bank."]) == (
        "With Ian Jackson as Project Leader, Debian 2.0 made the transition to libc6."
    )
    assert resolve_pronoun("The version added 25 modules.", [], "What's New in Python 2.0") == (
        "Python 2.0 added 25 modules."
    )


def test_a_release_with_nothing_versioned_before_is_not_named() -> None:
    assert resolve_pronoun("This release consisted of 974 packages.", ["See Chapter 3.1 for details."]) is None
    assert resolve_pronoun("The release contained 20 CDs.", ["It weighed 2.5 kg."]) == "The release contained 20 CDs."
    assert resolve_pronoun("This release had 12 songs.", ["In June 1970 the band was formed."]) is None


def test_the_same_day_with_its_own_date_is_drafted() -> None:
    text = (
        "The 1.6final and 2.0beta1 releases were made on the same day (September 5, 2000), the plan being to "
        "finalize Python 2.0 within a month or so."
    )
    assert [a for _, a in _notes(text)] == ["September 5, 2000"]
    assert _notes("The second bridge was opened on the same day, with a parade of 40 bands.") == []


def test_a_date_inside_a_quoted_product_title_is_not_asked() -> None:
    text = (
        "Bruce Perens explains that the data placed on the \"InfoMagic Linux Developer's Resource 5-CD Set "
        'November 1995" as "Debian 1.0" is not the Debian 1.0 release.'
    )
    assert all(a != "November 1995" for _, a in _notes(text))
    assert [a for _, a in _notes('The paper "Hot Summer" of 1995 was printed in 12 languages.')] == ["1995", "12"]


def test_a_round_count_after_over_is_a_count_with_round_options() -> None:
    notes = _choices("Debian 2.0 consisted of over 1500 packages maintained by over 400 developers.")
    assert [a for a, _ in notes] == ["1500", "400"]
    assert all(abs(int(w) - 1500) >= 100 for w in notes[0][1])  # a year's 1505 | 1510 | 1515 are no alternative
    assert [(f.kind, f.text) for f in find_facts("In 1500 packages of silk reached Venice.")] == [("year", "1500")]


def test_one_day_as_an_idiom_is_not_a_count() -> None:
    assert _notes("For example, one day Peter Schneider-Kamp took it into his head to drop K&R C compatibility.") == []
    assert [a for _, a in _notes("The strike at the mine lasted one day and cost the owners 5 dollars.")] == [
        "5 dollars",
        "one day",
    ]


def test_a_letter_after_an_acronym_ends_a_sentence_before_an_opener() -> None:
    text = "He converted the C source for Python to ANSI C. After getting approval, he launched it. By John C. Smith."
    assert split_sentences(text) == [
        "He converted the C source for Python to ANSI C.",
        "After getting approval, he launched it.",
        "By John C. Smith.",
    ]


def test_a_version_number_used_as_a_name_is_not_asked() -> None:
    assert [a for _, a in _notes("So the 1.6 tree received 12 fixes to stay compatible with Python 2.0.")] == ["12"]
    assert _notes("1.6 is therefore part of the history of Python, and not a side branch.") == []
    assert [a for _, a in _notes("Players of the league averaged 1.5 goals per game in 1990.")] == ["1990", "1.5"]
    egypt = "Egypt's fertility rate stalled and then reversed, reaching 3.6 in 2011."
    assert [a for _, a in _notes(egypt)] == ["2011", "3.6"]
