"""Helpers for the drafting-rule tests: draft a text and read back each cloze note's blank and wrong options."""

from __future__ import annotations

from quizapp.authoring.draft import draft_deck
from quizapp.decks.models import cloze_deletions


def choices(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(blank, wrong options) of every cloze note drafted from `text`, in order."""
    deck, _ = draft_deck(text, source_id="s", source_title="t", deck_id="d")
    return [
        (cloze_deletions(n.cloze.text)[0][1], tuple(n.choice.distractors) if n.choice else ())
        for n in deck.notes
        if n.cloze
    ]


def answers(text: str) -> list[str]:
    """The blank of every cloze note drafted from `text`, in order."""
    return [a for a, _ in choices(text)]
