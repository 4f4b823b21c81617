"""Authoring fixes: every problem in one pass, plain-word messages, own id prefixes, notes added after comments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp.authoring import edit, new_deck_text
from quizapp.cli.main import main
from quizapp.decks.library import DeckError, load_deck


def _deck(tmp_path: Path, name: str = "alpha") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(new_deck_text(name, name.title()), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(DeckError) as e:
        load_deck(path)
    return [f"{p.field}: {p.message}" for p in e.value.problems]


def test_field_problems_no_longer_hide_reference_problems(tmp_path: Path) -> None:
    path = _deck(tmp_path)
    text = path.read_text()
    text = text.replace('source = "example-source"  # id', 'source = "nowhere"  # id', 1)
    text = re.sub(r"distractors = \[[^\]]*\]", 'distractors = ["1950", "1950", "1960"]', text, count=1)
    path.write_text(text)
    assert _problems(path) == [
        "notes[0].choice: distractor '1950' is given twice",
        "notes[0].source: unknown source 'nowhere'; declare it under [[sources]]",
    ]


def test_messages_in_plain_words(tmp_path: Path) -> None:
    path = _deck(tmp_path)
    text = re.sub(r'(?m)^tags = \["treaties"\].*$', 'tags = "apollo"', path.read_text())
    path.write_text(re.sub(r'(?m)^date = "1948-05-01".*$', "date = 1969", text))
    assert _problems(path) == [
        'notes[0].tags: tags must be a list, e.g. tags = ["apollo"]',
        'notes[0].date: write the date in quotes: date = "1969"',
    ]


def test_validate_names_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no" / "such" / "file.toml"
    assert main(["deck", "validate", str(missing)]) == 1
    assert f"{missing}: no such file or folder" in capsys.readouterr().err
    assert main(["deck", "validate", str(missing), str(_deck(tmp_path))]) == 1
    assert "1 problem in 1 file" in capsys.readouterr().err


def test_every_new_deck_has_its_own_note_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _deck(tmp_path, "alpha"), _deck(tmp_path, "beta")
    assert [n.id for n in load_deck(a).deck.notes] == ["alpha-0001"]
    assert [n.id for n in load_deck(b).deck.notes] == ["beta-0001"]
    assert main(["deck", "validate", str(a), str(b)]) == 0  # no duplicate ids between them


def test_a_new_note_goes_after_the_whole_previous_note(tmp_path: Path) -> None:
    path = _deck(tmp_path)
    data = {
        "statement": "The second treaty was signed in 1950 in Paris.",
        "source": "example-source",
        "locator": "p. 2",
        "quote": "signed in 1950",
        "cloze": {"text": "It was signed in {{c1::1950}}."},
    }
    new_id, _ = edit.add_note(path, data)
    text = path.read_text()
    assert new_id == "alpha-0002"
    assert text.index('# quote = "signed on 2 May 1948"') < text.index('id = "alpha-0002"')
    assert [n.id for n in load_deck(path).deck.notes] == ["alpha-0001", "alpha-0002"]
