"""Editing a deck file in place: layout and comments survive, ids never change, invalid edits are refused."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from quizapp.authoring import edit, new_deck_text
from quizapp.decks.library import load_deck

FIXTURE = Path(__file__).parent / "fixtures" / "authoring" / "commented.toml"
DECKS = Path(__file__).resolve().parents[1] / "decks"


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "capitals.toml"
    shutil.copy(FIXTURE, path)
    return path


def data_of(path: Path, note_id: str) -> dict:
    note = next(n for n in load_deck(path).deck.notes if n.id == note_id)
    return edit.note_data(note)


def changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:1] in "+-"]


def test_update_keeps_every_byte_outside_the_note(deck: Path) -> None:
    old = deck.read_text("utf-8")
    start = old.index('[[notes]]\nid = "cap-0002"')
    end = old.index("# ------------", start)
    data = data_of(deck, "cap-0002")
    data.update(
        statement="Rome has been the capital of Italy since 1871.",
        date="1871",
        choice={"prompt": "Capital of Italy?", "answer": "Rome", "distractors": ["Milan", "Turin"]},
    )
    edit.update_note(deck, "cap-0002", data)
    new = deck.read_text("utf-8")
    assert new.startswith(old[:start]) and new.endswith(old[end:])
    assert changed_lines(old, new) == [
        '- statement = "Rome is the capital of Italy."',
        '+ statement = "Rome has been the capital of Italy since 1871."',
        '+ date = "1871"',
        '+ choice = { prompt = "Capital of Italy?", answer = "Rome", distractors = ["Milan", "Turin"] }',
    ]
    notes = load_deck(deck).deck.notes
    assert [n.id for n in notes] == ["cap-0001", "cap-0002", "cap-0003"]
    assert notes[1].date == "1871" and notes[1].draft


def test_update_keeps_comments_inside_the_note_and_string_style(deck: Path) -> None:
    old = deck.read_text("utf-8")
    data = data_of(deck, "cap-0001")
    data["tags"] = ["europe", "france"]
    edit.update_note(deck, "cap-0001", data)
    assert changed_lines(old, deck.read_text("utf-8")) == ['- tags = ["europe"]', '+ tags = ["europe", "france"]']
    assert "# the first note" in deck.read_text("utf-8") and "# a comment between keys" in deck.read_text("utf-8")

    old = deck.read_text("utf-8")
    data = data_of(deck, "cap-0003")
    data["statement"] = "Tokyo has been the capital of Japan since 1868."
    edit.update_note(deck, "cap-0003", data)
    assert changed_lines(old, deck.read_text("utf-8")) == [
        "- statement = '''Tokyo is the capital of Japan.'''",
        "+ statement = '''Tokyo has been the capital of Japan since 1868.'''",
    ]


def test_accept_removes_only_the_draft_line(deck: Path) -> None:
    old = deck.read_text("utf-8")
    edit.accept_draft(deck, "cap-0002")
    assert changed_lines(old, deck.read_text("utf-8")) == ["- draft = true"]
    assert not any(n.draft for n in load_deck(deck).deck.notes)


def test_add_takes_the_next_free_id_with_the_dominant_prefix(deck: Path) -> None:
    old = deck.read_text("utf-8")
    note_id, loaded = edit.add_note(
        deck,
        {
            "statement": "Madrid is the capital of Spain.",
            "source": "atlas",
            "locator": "p. 16",
            "quote": "Madrid, capital of Spain",
            "typed": {"prompt": "Capital of Spain?", "answer": "Madrid"},
        },
    )
    assert note_id == "cap-0004"
    assert [n.id for n in loaded.deck.notes][-1] == "cap-0004"
    new = deck.read_text("utf-8")
    last = old.index("\n\n# end of the deck")
    assert new.startswith(old[:last]) and new.endswith(old[last:])
    assert '[[notes]]\nid = "cap-0004"\nstatement = "Madrid is the capital of Spain."' in new
    assert 'typed = { prompt = "Capital of Spain?", answer = "Madrid" }' in new


def test_next_id_ignores_text_and_fills_no_gaps(deck: Path) -> None:
    edit.delete_note(deck, "cap-0002")
    assert edit.next_note_id(load_deck(deck).deck) == "cap-0004"
    empty = deck.with_name("empty.toml")
    empty.write_text('format = 1\n\n[deck]\nid = "world"\ntitle = "World"\n\n[[sources]]\nid = "s"\ntitle = "S"\n')
    note_id, _ = edit.add_note(
        empty, {"statement": "x y", "source": "s", "locator": "l", "quote": "q", "basic": {"front": "f", "back": "b"}}
    )
    assert note_id == "world-0001"
    assert load_deck(empty).deck.notes[0].id == "world-0001"


def test_delete_keeps_the_comments_between_notes(deck: Path) -> None:
    old = deck.read_text("utf-8")
    edit.delete_note(deck, "cap-0002")
    new = deck.read_text("utf-8")
    start = old.index('[[notes]]\nid = "cap-0002"')
    end = old.index("# ------------", start)
    assert new == old[:start] + old[end:]
    edit.delete_note(deck, "cap-0003")
    end_comment = "# end of the deck: notes for the next edition go above this line\n"
    assert deck.read_text("utf-8").endswith(" Asia\n\n" + end_comment)
    assert [n.id for n in load_deck(deck).deck.notes] == ["cap-0001"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"date": "2024-13-01"}, "date"),
        ({"source": "nowhere"}, "notes[1].source"),
        ({"choice": {"prompt": "p", "answer": "Rome", "distractors": ["Rome"]}}, "choice"),
    ],
)
def test_an_edit_that_breaks_the_deck_is_refused(deck: Path, change: dict, field: str) -> None:
    before = deck.read_bytes()
    data = {**data_of(deck, "cap-0002"), **change}
    with pytest.raises(edit.EditRefused) as e:
        edit.update_note(deck, "cap-0002", data)
    assert any(field in p.field for p in e.value.problems)
    assert deck.read_bytes() == before
    assert not list(deck.parent.glob(".*.tmp"))


def test_ids_never_change(deck: Path) -> None:
    before = deck.read_bytes()
    with pytest.raises(edit.EditRefused, match="never changes"):
        edit.update_note(deck, "cap-0002", {**data_of(deck, "cap-0002"), "id": "cap-0099"})
    with pytest.raises(edit.EditRefused, match="already used"):
        edit.add_note(deck, {**data_of(deck, "cap-0002"), "id": "cap-0001"})
    with pytest.raises(edit.EditRefused, match="no note"):
        edit.delete_note(deck, "cap-0099")
    assert deck.read_bytes() == before


def test_a_deck_with_problems_is_not_edited(deck: Path) -> None:
    deck.write_text(deck.read_text("utf-8").replace('date = "1868"', 'date = "1868-02-30"'))
    before = deck.read_bytes()
    with pytest.raises(edit.EditRefused) as e:
        edit.accept_draft(deck, "cap-0002")
    assert "does not exist" in e.value.problems[0].message
    assert deck.read_bytes() == before


def test_scaffold_tables_and_comments_survive(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    path.write_text(new_deck_text("mine", "Mine"))
    old = path.read_text("utf-8")
    data = data_of(path, "mine-0001")
    data["typed"] = {"prompt": "Where was it signed?", "answer": "New York", "accept": ["NYC"]}
    del data["truefalse"]
    edit.update_note(path, "mine-0001", data)
    new = path.read_text("utf-8")
    assert "# Other question kinds, commented out." in new and "# [notes.basic]" in new
    assert "[notes.truefalse]" not in new
    assert '\n[notes.typed]\nprompt = "Where was it signed?"\nanswer = "New York"\naccept = ["NYC"]\n' in new
    assert new.startswith(old[: old.index("[[notes]]")])
    note = load_deck(path).deck.notes[0]
    assert note.typed and note.typed.accept == ("NYC",) and note.truefalse is None and note.cloze


def test_every_bundled_deck_edits_one_line(tmp_path: Path) -> None:
    for source in sorted(DECKS.glob("*.toml")):
        path = tmp_path / source.name
        shutil.copy(source, path)
        old = path.read_text("utf-8")
        notes = load_deck(path).deck.notes
        middle = notes[len(notes) // 2]
        edit.update_note(path, middle.id, {**edit.note_data(middle), "locator": "edited locator"})
        diff = changed_lines(old, path.read_text("utf-8"))
        assert len(diff) == 2 and diff[1] == '+ locator = "edited locator"', source.name
