"""Drafting notes from documents: sections, citations, facts, validity, determinism."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from quizapp.authoring.docsplit import split_paragraphs, split_sentences
from quizapp.authoring.draft import draft_deck, draft_to_toml, key_fact
from quizapp.authoring.names import find_names
from quizapp.decks.models import Deck, cloze_deletions, reference_problems
from quizapp.decks.schema import validate

DOC = """\
# Treaty history

The Treaty of Example was signed on 12 March 1921 in Geneva by three states.
It was ratified in 1923 by the Republic of Somewhere.

The weather was pleasant and everyone was happy about it.

## Trade

Trade grew by 45% over the decade and kept growing after that.
Short line with 1999.

== Embassies ==
The first ambassador, John Smith, arrived in the capital city.
The mission employed 120 people at its peak.
The Treaty of Example was signed on 12 March 1921 in Geneva by three states.
"""


_KIND_ANSWERS = {
    "date": {"12 March 1921"}, "year": {"1923"}, "percent": {"45%"}, "name": {"John Smith"}, "quantity": {"120 people"},
    "number": {"three"},
}  # fmt: skip


def _answer(note) -> str:  # noqa: ANN001
    return cloze_deletions(note.cloze.text)[0][1]


def _draft(text: str = DOC) -> Deck:
    return draft_deck(text, source_id="doc", source_title="A document", deck_id="drafted")[0]


def test_small_document() -> None:
    deck, stats = draft_deck(DOC, source_id="doc", source_title="A document", deck_id="drafted")
    by_pool = {kind: n for n in deck.notes for kind in stats.by_kind if _answer(n) in _KIND_ANSWERS[kind]}
    assert [n.id for n in deck.notes] == [f"draft-{i:04d}" for i in range(1, len(deck.notes) + 1)]
    assert stats.by_kind == {"date": 1, "year": 1, "percent": 1, "name": 1, "quantity": 1, "number": 1}
    assert stats.drafted == len(deck.notes) == 6 and stats.duplicates == 1 and stats.sections == 3
    date = by_pool["date"]
    assert date.locator == "Treaty history, para 1" and date.date == "1921-03-12" and date.draft
    assert (
        date.quote == date.statement == "The Treaty of Example was signed on 12 March 1921 in Geneva by three states."
    )
    assert cloze_deletions(date.cloze.text) == [(1, "12 March 1921", None)]
    assert date.typed.answer == "12 March 1921" and "March 12, 1921" in date.typed.accept
    assert "1921-03-12" in date.typed.accept and "1921" not in date.truefalse.false
    assert by_pool["percent"].locator == "Trade, para 1" and _answer(by_pool["percent"]) == "45%"
    assert _answer(by_pool["name"]) == "John Smith" and by_pool["name"].locator == "Embassies, para 1"
    assert by_pool["name"].choice is None  # no other people in the document to choose from
    count = by_pool["quantity"]
    assert _answer(count) == "120 people" and count.choice.distractors == ("60 people", "90 people", "180 people")
    assert count.typed.prompt.startswith("Which number of people fills the blank?")
    assert not reference_problems(deck)


def test_id_prefix() -> None:
    deck, _ = draft_deck(DOC, source_id="doc", source_title=" ", deck_id="d", id_prefix="energy-draft")
    assert deck.notes[0].id == "energy-draft-0001" and deck.deck.title == "doc"


def test_sentences_without_facts_or_too_short_are_skipped() -> None:
    statements = " ".join(n.statement for n in _draft().notes)
    assert "weather" not in statements and "Short line" not in statements
    assert key_fact("Nothing to see here at all today.") is None
    assert key_fact("Smith met Jones in 1990?") is None


def test_deterministic_and_toml_round_trip() -> None:
    deck = _draft()
    assert deck == _draft()
    text = draft_to_toml(deck)
    assert text.startswith("# Drafted by")
    assert validate(Deck, tomllib.loads(text)) == deck


def test_long_sentence_quote_is_trimmed_at_a_word_boundary() -> None:
    words = " ".join(f"word{i}" for i in range(45))
    sentence = f"The council met often and {words} before the vote of 2004 closed the matter for good."
    note = _draft(sentence).notes[0]
    assert len(note.quote) <= 300 and note.quote in sentence and "2004" in note.quote
    assert note.statement == sentence and note.quote.split()[0] in sentence.split()


def test_headings_of_every_style() -> None:
    text = "Intro Title\n\nA line in 1990 that says enough words.\n\n=== Wiki ===\nIn 1991 the next thing happened.\n"
    paras, sections = split_paragraphs(text)
    assert [(p.section, p.number) for p in paras] == [("Intro Title", 1), ("Wiki", 1)]
    assert sections == 2


def test_sentence_split_keeps_initials_and_abbreviations() -> None:
    assert split_sentences("Albert P. Khorev met Dr. Who in the U.S. today. Then he left.") == [
        "Albert P. Khorev met Dr. Who in the U.S. today.",
        "Then he left.",
    ]


def test_names_drop_titles_and_leading_words() -> None:
    names = [
        n for n, _, _ in find_names("In 2011, Prime Minister Yousaf Raza Gillani met the Islamic Republic of Pakistan.")
    ]
    assert names == ["Yousaf Raza Gillani", "Islamic Republic of Pakistan"]


def _seeds() -> list[Path]:
    folder = Path(os.environ.get("QUIZAPP_SEEDS") or Path(__file__).resolve().parents[2] / "shared" / "seeds")
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


@pytest.mark.skipif(not _seeds(), reason="seed documents not found (set QUIZAPP_SEEDS or put them in ../shared/seeds)")
def test_seed_documents_draft_valid_decks() -> None:
    for path in _seeds():
        text = path.read_text(encoding="utf-8")
        deck, stats = draft_deck(text, source_id="seed", source_title=path.stem, deck_id="seed-draft")
        assert stats.drafted >= 5, path.name
        assert validate(Deck, tomllib.loads(draft_to_toml(deck))) == deck
        flat = " ".join(text.split())
        for note in deck.notes:
            assert note.quote in flat and len(note.quote) <= 300
            assert note.draft and (note.cloze or note.typed)
            assert note.choice is None or len(note.choice.distractors) == 3


def test_drafted_quotes_follow_the_decks_short_quote_rule() -> None:
    from quizapp.authoring.text import QUOTE_MAX_WORDS

    long = (
        "After many years of patient work in the archives of several cities and a great deal of correspondence with "
        "scholars abroad, the committee at last published its report in 1887, which was read widely and argued over "
        "for a generation in every learned society of the country."
    )
    deck, _ = draft_deck(long, source_id="s", source_title="t", deck_id="d")
    assert len(deck.notes) == 1
    quote = deck.notes[0].quote
    assert len(quote.split()) <= QUOTE_MAX_WORDS
    assert "1887" in quote and quote in long


def test_a_year_repeated_in_a_trailing_imprint_is_drafted_from_its_first_mention() -> None:
    text = (
        "# Early sonatas\n\nTurini was organist of Brescia Cathedral, and in 1624 published Madrigali a una, due,"
        " tre voci, con alcune Sonate e a tre, Ven. 1624. Later works followed (Venice, 1631).\n"
    )
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d", marked=False)
    notes = [n for n in deck.notes if "Turini" in n.statement]
    assert len(notes) == 1
    note = notes[0]
    assert note.cloze is not None
    assert cloze_deletions(note.cloze.text)[0][1] == "1624"
    assert "Ven." not in note.cloze.text and note.cloze.text.count("1624") == 1  # the answer is not given away
    assert "Ven. 1624" in note.quote  # the quote stays the source's own words


@pytest.mark.parametrize(
    ("heading", "sentence", "subject"),
    [
        ("The Althingi", "It was established in 930 at Thingvellir by the chieftains.", "The Althingi was"),
        ("Norse Settlers", "They were driven from their farms by the eruption of 1875.", "Norse Settlers were"),
    ],
)
def test_a_sections_first_sentence_opening_with_a_pronoun_takes_the_heading_as_subject(
    heading: str, sentence: str, subject: str
) -> None:
    deck, _ = draft_deck(f"# {heading}\n\n{sentence}\n", source_id="s", source_title="t", deck_id="d", marked=False)
    assert [n.statement.startswith(subject) for n in deck.notes] == [True]


@pytest.mark.parametrize(
    ("heading", "sentence"),
    [
        ("Background", "It was established in 930 at Thingvellir by the chieftains."),  # names no thing
        ("Norse Settlers", "It was established in 930 at Thingvellir by the chieftains."),  # number disagrees
        ("How the island was settled", "They were driven from their farms by the eruption of 1875."),  # not a name
    ],
)
def test_a_pronoun_the_heading_cannot_stand_for_is_still_skipped(heading: str, sentence: str) -> None:
    deck, _ = draft_deck(f"# {heading}\n\n{sentence}\n", source_id="s", source_title="t", deck_id="d", marked=False)
    assert len(deck.notes) == 0
