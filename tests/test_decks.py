"""Deck loading: every problem is reported as path:line:col: field: message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.cli.main import main
from quizapp.decks.library import DeckError, bundled_decks_dir, find_deck_files, load_deck, load_library, parse_deck

BAD = Path(__file__).parent / "bad_decks"
GOOD = """\
format = 1
[deck]
id = "good"
title = "Good"
[[sources]]
id = "s1"
title = "Source one"
[[notes]]
id = "g-1"
statement = "Relations began in 1948."
source = "s1"
locator = "para 1"
quote = "began in 1948"
date = "1948-05-01"
event = "Relations begin"
cloze = { text = "Relations began in {{c1::1948}}." }
typed = { prompt = "When did relations begin?", answer = "1948" }
"""


def expectation(path: Path) -> str:
    first = path.read_text().splitlines()[0]
    assert first.startswith("# expect: ")
    return first.removeprefix("# expect: ")


@pytest.mark.parametrize("path", sorted(BAD.glob("*.toml")), ids=lambda p: p.stem)
def test_bad_deck_reports_file_line_and_field(path: Path) -> None:
    with pytest.raises(DeckError) as info:
        load_deck(path)
    messages = [str(p) for p in info.value.problems]
    want = f"{path}:{expectation(path)}"
    assert any(m.startswith(want) for m in messages), messages


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = GOOD.replace('title = "Good"', 'title = "Good"\ncolour = "red"').replace('answer = "1948"', 'answr = "1948"')
    with pytest.raises(DeckError) as info:
        parse_deck(text.encode(), "d.toml")
    fields = {p.field for p in info.value.problems}
    assert {"deck.colour", "notes[0].typed.answr", "notes[0].typed.answer"} <= fields


def test_good_deck_loads() -> None:
    loaded = parse_deck(GOOD.encode(), "good.toml")
    assert loaded.id == "good"
    assert loaded.deck.notes[0].study_kind() == "cloze"


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"\xff\xfe bad", "not UTF-8"),
        (b'format = 1\n[deck]\nid = "x\0"\n', "NUL"),
        (b"a = " + b"[" * 5000 + b"]" * 5000, "nested too deeply"),
    ],
)
def test_hostile_bytes_give_a_clear_problem(raw: bytes, message: str) -> None:
    with pytest.raises(DeckError) as info:
        parse_deck(raw, "evil.toml")
    assert message in str(info.value)


def test_duplicate_ids_across_decks(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD)
    (tmp_path / "b.toml").write_text(GOOD.replace('id = "good"', 'id = "other"'))
    lib = load_library(find_deck_files([tmp_path]))
    assert len(lib.decks) == 2
    assert any("note id 'g-1' also in" in str(p) and p.path.endswith("b.toml") for p in lib.problems)
    assert any(str(p).startswith(f"{tmp_path / 'b.toml'}:9:1: notes[0].id") for p in lib.problems)


def test_bundled_decks_are_found_and_valid() -> None:
    folder = bundled_decks_dir()
    assert folder is not None and folder.is_dir()
    lib = load_library(find_deck_files([folder]))
    assert lib.decks, "no bundled decks"
    assert lib.problems == []


def test_validate_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    assert main(["deck", "validate", str(good)]) == 0
    assert "ok: 1 deck, 1 note," in capsys.readouterr().out
    assert main(["deck", "validate", str(BAD / "unknown_key.toml")]) == 1
    err = capsys.readouterr().err
    assert "unknown key 'titel'; did you mean 'title'?" in err


def test_schema_command_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deck", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert {"deck", "notes", "sources"} <= set(schema["properties"])
    assert schema["properties"]["notes"]["items"] == {"$ref": "#/$defs/Note"}
    note = schema["$defs"]["Note"]
    assert note["type"] == "object" and note["additionalProperties"] is False  # a table, not an array
    assert {"id", "statement", "source", "locator", "quote"} == set(note["required"])
    assert note["properties"]["cloze"]["anyOf"][0] == {"$ref": "#/$defs/Cloze"}
    text = schema["$defs"]["Cloze"]["properties"]["text"]
    assert text["minLength"] == 1 and "{{c1::answer}}" in text["description"]
    assert note["properties"]["id"]["pattern"].startswith("^[a-z0-9]")


def test_cli_errors_have_no_traceback(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "quizapp", "deck", "validate", str(tmp_path / "nope")], capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "nope: no such file or folder" in run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "quizapp", "--learner", "../evil", "deck", "list"], capture_output=True, text=True
    )
    assert run.returncode == 0  # deck list does not use the learner name
