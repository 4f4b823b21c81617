"""Class files: the scaffold validates, problems are reported as path:line:col: field: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.classroom.content import content_problems, session_questions
from quizapp.classroom.errors import ClassFileError
from quizapp.classroom.loader import load_class, parse_class
from quizapp.classroom.scaffold import class_template
from quizapp.cli.main import main
from quizapp.decks.library import find_deck_files, load_library

FIX = Path(__file__).parent / "fixtures" / "classroom"
DECK = FIX / "deck.toml"

BASE = """\
[class]
name = "C"

[[students]]
id = "amina"
name = "Amina"
"""


def problems(text: str) -> list[str]:
    with pytest.raises(ClassFileError) as e:
        parse_class(text.encode(), "c.toml")
    return [str(p) for p in e.value.problems]


def test_scaffold_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "room.toml"
    assert main(["--decks", str(DECK), "class", "new", str(target)]) == 0
    text = target.read_text()
    assert "# " in text and "class-test" in text  # commented, lists the decks found
    assert main(["--decks", str(DECK), "class", "validate", str(target)]) == 0
    assert "ok: class 'My class'" in capsys.readouterr().out
    assert main(["--decks", str(DECK), "class", "new", str(target)]) == 1  # never overwrites silently
    assert "already exists" in capsys.readouterr().err


def test_scaffold_parses_without_decks() -> None:
    cf = parse_class(class_template("x.toml").encode(), "x.toml")
    assert cf.session("week-1") is not None and len(cf.students) == 3


def test_fixture_class_loads() -> None:
    cf = load_class(FIX / "class.toml")
    assert [s.id for s in cf.students] == ["amina", "bilal", "chen", "dana"]
    assert cf.session("closed").closes.tzinfo is not None


def test_unknown_key_points_at_its_line() -> None:
    out = problems(BASE + '\n[[sessions]]\nname = "s"\nquestion = 3\n')
    assert out == ["c.toml:10:1: sessions[0].question: unknown key 'question'; did you mean 'questions'?"]


@pytest.mark.parametrize("bad", ["../x", "a/b", "..", " amina", ""])
def test_student_ids_must_be_safe_file_names(bad: str) -> None:
    out = problems(BASE.replace('id = "amina"', f'id = "{bad}"'))
    assert len(out) == 1 and out[0].startswith("c.toml:5:1: students[0].id: student id")


def test_times_need_a_time_zone_and_order() -> None:
    out = problems(BASE + '\n[[sessions]]\nname = "s"\nopens = 2026-03-01T08:00:00\n')
    assert out == [
        "c.toml:10:1: sessions[0].opens: give a time zone, e.g. 2026-03-02T08:00:00Z or 2026-03-02T08:00:00+05:00"
    ]
    out = problems(BASE + '\n[[sessions]]\nname = "s"\nopens = 2026-03-02T08:00:00Z\ncloses = 2026-03-01T08:00:00Z\n')
    assert out == ["c.toml:11:1: sessions[0].closes: closes must be later than opens"]


def test_reference_problems() -> None:
    text = BASE + (
        '\n[[students]]\nid = "Amina"\nname = "A2"\n'
        '\n[[teams]]\nname = "T"\nmembers = ["amina", "zed"]\n'
        '\n[[sessions]]\nname = "s"\n\n[[sessions]]\nname = "s"\n'
    )
    out = problems(text)
    assert "c.toml:9:1: students[1].id: duplicate student id 'Amina' (ids are compared ignoring case)" in out
    assert "c.toml:14:1: teams[0].members: unknown student 'zed'; add them under [[students]]" in out
    assert "c.toml:20:1: sessions[1].name: duplicate session name 's'" in out


def test_syntax_error_has_position() -> None:
    out = problems('[class]\nname = "x\n')
    assert out[0].startswith("c.toml:2:") and "syntax error" in out[0]


def test_content_problems(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        BASE + '\n[[sessions]]\nname = "s"\ndecks = ["nope"]\n\n[[sessions]]\nname = "t"\n'
        'tags = ["rivers"]\nquestions = 50\n'
    )
    library = load_library(find_deck_files([DECK]))
    errors, warnings = content_problems(load_class(path), library, path)
    assert [str(p) for p in errors] == [f"{path}:10:1: sessions[0].decks[0]: unknown deck 'nope'; known: class-test"]
    assert len(warnings) == 1 and "asks for 50 questions but the notes give" in str(warnings[0])


def test_same_seed_same_quiz() -> None:
    cf = load_class(FIX / "class.toml")
    lib = load_library(find_deck_files([DECK]))
    s = cf.session("week-1")
    first, second = session_questions(lib, s), session_questions(load_library(find_deck_files([DECK])), s)
    assert first == second and len(first) == 4 and {q.kind for q in first} == {"choice"}


def test_the_class_table_is_read_from_its_key_only() -> None:
    """The models are NamedTuples (field `class_`); the file's key stays `class`, and `class_` is not a key."""
    from quizapp.classroom.errors import ClassFileError
    from quizapp.classroom.loader import parse_class

    assert parse_class(b'[class]\nname = "C"\n', "c.toml").class_.name == "C"
    with pytest.raises(ClassFileError) as e:
        parse_class(b'[class_]\nname = "C"\n', "c.toml")
    assert [str(p) for p in e.value.problems] == ["c.toml:1:1: class_: unknown key 'class_'"]
    with pytest.raises(ClassFileError) as e:
        parse_class(b"format = 1\n", "c.toml")
    assert [str(p) for p in e.value.problems] == ["c.toml:1:1: class: required field is missing"]
    with pytest.raises(ClassFileError) as e:
        parse_class(b'[class]\nname = "C"\nnmae = 1\n', "c.toml")
    assert [str(p) for p in e.value.problems] == ["c.toml:3:1: class.nmae: unknown key 'nmae'; did you mean 'name'?"]


def test_scaffold_names_every_way_to_use_a_session() -> None:
    text = class_template("room.toml")
    for command in ("class take room.toml", "class run room.toml", "class codes room.toml", "class live room.toml"):
        assert f"quizapp {command}" in text
