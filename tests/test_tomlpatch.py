"""Patching a tomlkit table in place: a key that goes first or between two written ones lands there, and every
comment, blank line and odd spacing around it stays as written."""

from __future__ import annotations

import tomlkit

from quizapp.authoring.tomlpatch import patch_table
from quizapp.decks.models import Basic, Choice, Note


def patched(text: str, name: str, new: dict, model: type) -> str:
    doc = tomlkit.parse(text)
    doc[name] = patch_table(doc[name], new, model, inline=False)
    return tomlkit.dumps(doc)


def test_a_key_that_goes_first_is_inserted_at_the_top() -> None:
    text = '[t]\n# about the back\nback = "B"   # kept\nreverse = true\n'
    new = {"front": "F", "back": "B", "reverse": True}
    assert patched(text, "t", new, Basic) == '[t]\nfront = "F"\n# about the back\nback = "B"   # kept\nreverse = true\n'


def test_a_key_goes_right_after_the_one_before_it_in_the_model() -> None:
    text = '[t]\nprompt = "P"  # odd  spacing\n# the answer\nanswer = "A"\n\n# the pool\npool = "x"\n'
    new = {"prompt": "P", "answer": "A", "distractors": ["d1", "d2"], "pool": "x"}
    assert patched(text, "t", new, Choice) == (
        '[t]\nprompt = "P"  # odd  spacing\n# the answer\nanswer = "A"\ndistractors = ["d1", "d2"]\n\n# the pool\n'
        'pool = "x"\n'
    )


def test_inserts_inside_a_note_and_its_sub_tables_keep_every_comment() -> None:
    text = (
        '[[notes]]  # header comment\nid = "n1"\nstatement = "S"\nsource = "s"\nlocator = "l"\nquote = "q"\n'
        "# before the tables\n\n"
        '[notes.choice]   # the quiz\nprompt = "P"\n# answer comment\nanswer = "A"\npool = "x"  # pool\n\n'
        '[notes.basic]\n# lead\nback = "b"\n'
    )
    new = {
        "id": "n1",
        "statement": "S",
        "source": "s",
        "locator": "l",
        "quote": "q",
        "date": "1999",
        "choice": {"prompt": "P", "answer": "A", "distractors": ["d"], "pool": "x"},
        "basic": {"front": "f", "back": "b"},
    }
    doc = tomlkit.parse(text)
    notes = doc["notes"]
    notes[0] = patch_table(notes[0], new, Note, inline=False)
    assert tomlkit.dumps(doc) == (
        '[[notes]]  # header comment\nid = "n1"\nstatement = "S"\nsource = "s"\nlocator = "l"\nquote = "q"\n'
        'date = "1999"\n# before the tables\n\n'
        '[notes.choice]   # the quiz\nprompt = "P"\n# answer comment\nanswer = "A"\ndistractors = ["d"]\n'
        'pool = "x"  # pool\n\n'
        '[notes.basic]\nfront = "f"\n# lead\nback = "b"\n'
    )
    assert tomlkit.parse(tomlkit.dumps(doc)).unwrap()["notes"][0] == new
