"""Drafting rules of round 7 from the real2 documents (docs/authoring.md, "Round 7"): paragraph numbers (verse
numbers, numbered clauses) are labels, a pronoun is named only by a real antecedent, ordinal dates of a reign,
month and day are facts, an ISO date's wrong options are real dates, and a catalogue number is a label."""

from __future__ import annotations

from quizapp.authoring.docsplit import Paragraph
from quizapp.authoring.draft import draft_deck
from quizapp.authoring.labels import strip_paragraph_numbers
from quizapp.authoring.pronouns import resolve_pronoun, subject_name
from quizapp.decks.models import cloze_deletions


def _notes(text: str, marked: bool = True) -> list[tuple[str, str, tuple[str, ...]]]:
    """(statement, answer, wrong options) of each drafted note."""
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d", marked=marked)
    return [
        (n.statement, cloze_deletions(n.cloze.text)[0][1], tuple(n.choice.distractors) if n.choice else ())
        for n in deck.notes
        if n.cloze
    ]


_VERSES = (
    "# Chapter 4\n"
    "8 Jehoiachin was eighteen years old when he began to reign, and he reigned three months.\n"
    "9 He did that which was evil, according to all that his father had done.\n"
    "10 At that time the servants of the king came up to the city, and the city was besieged.\n"
    "11 The king came to the city while his servants were besieging it,\n"
    "12 and the king captured him in the eighth year of his reign.\n"
)


def test_consecutive_paragraph_numbers_are_labels_stripped_from_the_text() -> None:
    paras = [Paragraph("s", i + 1, t) for i, t in enumerate(_VERSES.splitlines()[1:])]
    out = strip_paragraph_numbers(paras)
    assert [p.text.split()[0] for p in out] == ["Jehoiachin", "He", "At", "The"]
    assert out[3].text.endswith("besieging it, and the king captured him in the eighth year of his reign.")


def test_a_paragraph_that_merely_opens_with_a_number_keeps_it() -> None:
    paras = [Paragraph("s", 1, "1843 was a hard year for the farmers."), Paragraph("s", 2, "12 ships sailed.")]
    assert strip_paragraph_numbers(paras) == paras


def test_verse_numbers_are_never_asked_and_leave_the_statement() -> None:
    notes = _notes(_VERSES)
    assert all(not s[:1].isdigit() for s, _, _ in notes)
    assert notes[0][:2] == (
        "Jehoiachin was eighteen years old when he began to reign, and he reigned three months.",
        "eighteen years",
    )
    assert not {a for _, a, _ in notes} & {"8", "9", "10", "11", "12"}


def test_a_linking_word_is_no_part_of_a_subject_name() -> None:
    assert subject_name("So Judah was carried away captive out of his land.") is None
    assert subject_name("Then Zedekiah rebelled against the king.") is None
    assert subject_name("Zedekiah rebelled against the king.") == "Zedekiah"


def test_a_pronoun_is_not_named_after_one_of_two_people_just_named() -> None:
    previous = [
        "Nebuchadnezzar king of Babylon came to the city while his servants were besieging it, and Jehoiachin the "
        "king of Judah went out to the king of Babylon; and the king of Babylon captured him in the eighth year.",
        "He carried out from there all the treasures of the king's house.",
    ]
    assert resolve_pronoun("He carried away ten thousand captives.", previous, "s", "Jehoiachin") is None
    alone = ["Darwin's daughter Annie died in 1851 at the age of ten, a loss Darwin never recovered from."]
    assert resolve_pronoun("He spent eight years studying barnacles.", alone, "s", "Darwin") == (
        "Darwin spent eight years studying barnacles."
    )


def test_ordinal_dates_of_a_reign_month_and_day_are_asked_with_ordinals_of_their_unit() -> None:
    notes = _notes("So the city was besieged until the eleventh year of King Zedekiah.", marked=False)
    assert notes == [
        (
            "So the city was besieged until the eleventh year of King Zedekiah.",
            "eleventh year",
            ("twelfth year", "thirteenth year", "fourteenth year"),
        )
    ]
    day = _notes("On the ninth day of the fourth month, the famine was severe in the city.", marked=False)
    assert [(a, len(w)) for _, a, w in day] == [("ninth day", 3)]
    month = _notes("Now in the twelfth month, on the twenty-seventh day of the month, the king came.", marked=False)
    assert month[0][1] == "twelfth month"
    assert month[0][2] == ("ninth month", "tenth month", "eleventh month")  # a month stays within twelve


def test_an_ordinal_period_with_no_calendar_is_no_date() -> None:
    assert _notes("All the copies were taken up by booksellers on the first day of the sale.", marked=False) == []
    assert _notes("The students learned the basics of the craft during the first year.", marked=False) == []


def test_a_pronoun_after_its_named_clause_is_left_alone() -> None:
    notes = _notes(
        "In the ninth year of his reign, Nebuchadnezzar king of Babylon came, he and all his army, against the city.",
        marked=False,
    )
    assert notes[0][0].startswith("In the ninth year of his reign, Nebuchadnezzar king of Babylon came, he and all")


def test_an_iso_date_is_offered_with_real_dates_of_the_same_form() -> None:
    notes = _notes("As of version 3.39.0 (2022-06-25), the library consists of approximately 151.3 KSLOC of C code.")
    assert notes[0][1] == "2022-06-25"
    assert notes[0][2] == ("2014-06-25", "2018-06-25", "2026-06-25")


def test_a_catalogue_number_beside_an_isbn_is_a_label() -> None:
    notes = _notes("The book was published in 1983 as The Hacker's Dictionary (Harper & Row CN 1082, ISBN 0-06-0).")
    assert [a for _, a, _ in notes] == ["1983"]


def test_a_count_in_thousands_standing_alone_is_a_count() -> None:
    notes = _notes("All the men of might, even seven thousand, and the smiths one thousand, were brought captive.")
    assert [a for _, a, _ in notes] == ["seven thousand", "one thousand"]
    assert notes[1][2] == ("two thousand", "three thousand", "four thousand")


def test_a_count_in_millions_or_billions_in_words_is_asked_with_counts_of_its_scale() -> None:
    notes = _notes("The dbsqlfuzz fuzzer runs about one billion test mutations per day.")
    assert [(a, w) for _, a, w in notes] == [("one billion", ("two billion", "three billion", "four billion"))]


def test_a_number_before_an_upper_case_unit_of_something_is_a_count() -> None:
    notes = _notes("The TCL test harness itself consists of 27.7 KSLOC of C code used to create the TCL interface.")
    assert [(a, w) for _, a, w in notes] == [("27.7", ("13.8", "20.8", "41.5"))]


def test_a_count_in_words_after_a_place_name_is_no_part_of_the_name() -> None:
    notes = _notes(
        "Jehoiachin was eighteen years old when he began to reign, and he reigned in Jerusalem three months."
    )
    assert [(a, w) for _, a, w in notes] == [
        ("eighteen years", ("eight years", "thirteen years", "twenty-three years")),
        ("three months", ("four months", "five months", "six months")),
    ]
    assert [a for _, a, _ in _notes("The crew of Apollo 11 landed on the Moon in July 1969.")] == ["July 1969"]


def test_a_count_may_have_two_describing_words() -> None:
    notes = _notes("There are four independent test harnesses used for testing the core SQLite library.")
    assert [(a, w) for _, a, w in notes] == [("four", ("two", "three", "five"))]
    assert (
        _notes("Corelli founded a school of violin composers; the first two were actually pupils of the master.") == []
    )
    listed = "In the cemetery Mr. Merritt found two well marked varieties, the oval and the quadrangular."
    assert _notes(listed) == []
