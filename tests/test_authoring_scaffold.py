"""The `deck new` template: commented, complete, and valid as it stands."""

from __future__ import annotations

import tomllib

import pytest

from quizapp.authoring.scaffold import new_deck_text
from quizapp.decks.models import Deck, DeckMeta, Note, Source
from quizapp.decks.schema import validate


def test_template_validates() -> None:
    deck = validate(Deck, tomllib.loads(new_deck_text("my-deck", "My deck")))
    assert deck.deck.id == "my-deck" and deck.deck.title == "My deck"
    assert len(deck.sources) == 1 and len(deck.notes) == 1
    note = deck.notes[0]
    assert note.cloze and note.choice and note.truefalse and note.source == deck.sources[0].id


def test_every_field_is_mentioned() -> None:
    text = new_deck_text("d", "D")
    for model in (DeckMeta, Source, Note):
        for name in model._fields:
            assert f"{name} =" in text or f"[notes.{name}]" in text, name
    assert text.count("#") > 40  # comments explain the fields


def test_commented_tables_are_valid_when_uncommented() -> None:
    text = new_deck_text("d", "D")
    head, tail = text.split("# Other question kinds", 1)
    body = "\n".join(line[2:] if line.startswith("# ") else line for line in tail.splitlines()[1:])
    note = validate(Deck, tomllib.loads(head + body)).notes[0]
    assert note.basic and note.typed and note.match and note.conflict


@pytest.mark.parametrize("title", ['Say "hi"', "back\\slash", "two\nlines", "ünïcødé ✓"])
def test_title_is_escaped(title: str) -> None:
    assert validate(Deck, tomllib.loads(new_deck_text("d", title))).deck.title == title.strip()


@pytest.mark.parametrize("bad", ["", "Has Caps", "-lead", "sp ace", "x" * 81])
def test_bad_id_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="deck id"):
        new_deck_text(bad, "T")
