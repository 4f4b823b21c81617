"""Drafting rules of round 5, from the first measurement on real documents (docs/authoring.md): "This release ..."
named after the release the text last named, a sentence giving its own date for "the same day", and cheap
rejects (a blank inside a product title, round numbers, "one day", a version used as a name)."""

from __future__ import annotations

from quizapp.authoring.draft import draft_deck
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
