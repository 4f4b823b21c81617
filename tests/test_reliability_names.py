"""Names that become paths cannot escape their folder: learners, students, session names, deck files.

paths.safe_name is the gate: any name it accepts is one plain file name, a direct child of its folder, that every
common file system can hold. Class names (ClassMeta.name) are shown, never used as paths; a class's results folder
comes from the class file's own name, which the teacher chose on disk.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.cli.main import main
from quizapp.paths import MAX_NAME_BYTES, BadName, learner_dir, safe_name
from quizapp.progress.store import LearnerStore

EXAMPLES = int(os.environ.get("QUIZAPP_FUZZ_EXAMPLES", "0")) or 1500
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"{d}{i}" for d in ("com", "lpt") for i in [*"123456789", *"¹²³"])}
TRICKS = [
    "/",
    "\\",
    "..",
    ".",
    ":",
    "\x00",
    "\n",
    "\x1b",
    "\u202e",
    "\u200f",
    "\u2066",
    "\uff0f",
    "\uff3c",
    "\u2215",
    "\u2044",
    "\u29f8",
    "\ufe68",
    "\u2024",
    "\uff0e",
    "\u0338",
    "\u200d",
    "\ufeff",
    "~",
    "$",
    "*",
    "?",
    "<",
    "|",
    " ",
    "C:",
    "CON",
    "nul",
    "COM1",
    "lpt¹",
    "é",
    "ß",
    "𝐀",
    "ﬁ",
    "İ",
    "\u0301",
    "-",
    "'",
    "_",
    "a",
    "7",
]
NAMES = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(TRICKS), max_size=12).map("".join),
    st.lists(st.sampled_from(TRICKS) | st.text(max_size=3), max_size=30).map("".join),
    st.from_regex(r"\A[\w][\w .'-]{0,70}\Z"),  # names the pattern lets through: the other checks must hold
)
ACCEPTED: list[str] = []


def assert_single_child(folder: Path, name: str) -> None:
    """`name` is one plain file name inside `folder`, valid on Linux, macOS and Windows alike."""
    assert os.sep not in name and (os.altsep is None or os.altsep not in name) and "\\" not in name
    assert name not in (".", "..") and name == name.strip() and not name.endswith(".")
    assert (folder / name).resolve().parent == folder.resolve()
    assert Path(name).name == name and not Path(name).is_absolute() and not Path(name).drive
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") for c in name)
    assert not any(c in '<>:"|?*' for c in name)
    assert name.split(".")[0].rstrip(" ").casefold() not in WINDOWS_DEVICES
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


@settings(
    max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=NAMES)
def test_any_accepted_name_is_a_direct_child_of_its_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    folder = tmp_path_factory.getbasetemp() / "names"
    folder.mkdir(exist_ok=True)
    try:
        accepted = safe_name(name)
    except BadName as e:
        assert str(e)
        return
    assert accepted == name
    assert_single_child(folder, name)
    (folder / name).mkdir(exist_ok=True)  # the file system takes it, and it lands right there
    assert (folder / name).is_dir() and name in os.listdir(folder)
    ACCEPTED.append(name)


NASTY = [
    "..",
    ".",
    "../x",
    "../../etc/passwd",
    "a/../../b",
    "/etc/passwd",
    "\\\\server\\share",
    "a\\..\\b",
    "C:x",
    "C:\\Windows",
    "~root",
    "$HOME",
    "CON",
    "con.txt",
    "Nul",
    "nul.tar.gz",
    "COM1",
    "LPT9",
    "COM¹",
    "lpt²",
    "CON .txt",
    "aux.",
    "x" * 65,
    "𝐀" * 64,
    "",
    " ",
    " ann",
    "ann ",
    "ann.",
    ".hidden",
    "-rf",
    "a\x00b",
    "a\nb",
    "a\rb",
    "a\tb",
    "a\x1b[31mb",
    "a\x7fb",
    "a\u202eb",
    "evil\u202etxt.exe",
    "a\u200fb",
    "a\ufeffb",
    "a\uff0fb",
    "a\uff3cb",
    "a\u2215b",
    "a\u2044b",
    "a\u29f8b",
    "a\uff0e\uff0e",
    "a:b",
    "a*b",
    "a?b",
    'a"b',
    "a<b",
    "a|b",
    "a\u0301",
]


@pytest.mark.parametrize("name", NASTY, ids=[repr(n)[:30] for n in NASTY])
def test_nasty_names_are_refused_before_anything_is_written(tmp_path: Path, name: str) -> None:
    with pytest.raises(BadName):
        safe_name(name)
    with pytest.raises(BadName):
        LearnerStore(tmp_path, name)
    assert not (tmp_path / "learners").exists()


@pytest.mark.parametrize(
    "name",
    ["ann", "Ann Lee", "o'brien", "anne-marie", "x_1", "José", "Zoë.2", "学生", "Ölçek", "محمد", "a" * 64, "é" * 64],
)
def test_ordinary_names_still_work(tmp_path: Path, name: str) -> None:
    assert safe_name(name) == name
    with LearnerStore(tmp_path, name) as store:
        assert store.folder == learner_dir(tmp_path, name) and store.folder.parent == tmp_path / "learners"
    assert (tmp_path / "learners" / name / "profile.toml").is_file()


def test_cli_refuses_a_learner_name_that_escapes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("../../x", "/tmp/x", "CON", "a\u202eb"):
        assert main(["--home", str(tmp_path), "--learner", name]) == 1
        assert "learner name" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# -- classroom: students and sessions ---------------------------------------------------------------------------
classroom = pytest.importorskip("quizapp.classroom.results")


@pytest.mark.parametrize(
    "student", ["../x", "..", "/abs", "a/b", "a\\b", "CON", "a\x00", "a\u202eb", "a\uff0fb", "x" * 65]
)
def test_student_ids_cannot_escape_the_results_folder(tmp_path: Path, student: str) -> None:
    from quizapp.classroom.errors import UnknownStudent

    root = tmp_path / "class-results"
    with pytest.raises((BadName, UnknownStudent)):
        classroom.attempt_path(root, "week-1", student, 1)
    with pytest.raises((BadName, UnknownStudent)):
        classroom.session_dir(root, student)  # the same names as session names
    assert not root.exists()


@settings(max_examples=EXAMPLES // 3, deadline=None, database=None)
@given(student=NAMES, session=NAMES, number=st.integers(-5, 10**6))
def test_any_attempt_path_stays_inside_the_results_folder(student: str, session: str, number: int) -> None:
    from quizapp.classroom.errors import UnknownStudent

    root = Path("/tmp/quizapp-names-root")
    try:
        path = classroom.attempt_path(root, session, student, number)
    except (BadName, UnknownStudent):
        return
    assert path.parent.parent == root and path.parent.name == session
    assert path.resolve().is_relative_to(root.resolve())
    assert_single_child(root, session)
    assert_single_child(path.parent, path.name)


def test_roster_refuses_unsafe_student_ids() -> None:
    from pydantic import ValidationError

    from quizapp.classroom.models import Student
    from quizapp.decks.schema import validate

    for bad in ("../x", "CON", "a/b"):
        with pytest.raises(ValidationError):
            validate(Student, {"id": bad, "name": "Pupil"})


# -- deck files from `quizapp deck new NAME` ----------------------------------------------------------------------
def _deck_new(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> list[Path]:
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    monkeypatch.chdir(work)
    before = set(work.iterdir())
    main(["deck", "new", name])
    created = sorted(set(work.iterdir()) - before)
    for p in created:
        assert p.parent == work and p.is_file()  # never a folder, never outside
    assert list(tmp_path.iterdir()) == [work]
    return created


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "/abs/deck",
        "a\\b",
        "..",
        ".",
        "x" * 300,
        "a\x00b",
        "\u202eevil",
        "a\uff0fb",
        "~",
        "$HOME",
        "C:\\x",
        "[bold]x[/]",
        "",
    ],
)
def test_deck_new_writes_one_file_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    for p in _deck_new(tmp_path, monkeypatch, name):
        assert p.suffix == ".toml"
        assert_single_child(p.parent, p.name)


@pytest.mark.parametrize("name", ["CON", "nul", "Com1"])
def test_deck_new_avoids_windows_device_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    for p in _deck_new(tmp_path, monkeypatch, name):
        assert_single_child(p.parent, p.name)


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES)
def test_deck_ids_made_from_any_name_are_plain_ids(name: str) -> None:
    from quizapp.authoring.text import slugify
    from quizapp.decks.models import Deck
    from quizapp.decks.schema import validate

    slug = slugify(name)
    assert Path(slug).name == slug and "/" not in slug and "\\" not in slug and slug not in (".", "..")
    validate(Deck, {"deck": {"id": slug, "title": "t"}})  # a valid deck id


def test_the_property_saw_accepted_names() -> None:
    """The fuzz above is not vacuous: it accepted (and created) many names, some of them not ASCII."""
    if not ACCEPTED:
        pytest.skip("run with the property test")
    print(
        f"\nnames fuzz: {len(ACCEPTED)} accepted names created as folders, "
        f"{sum(not n.isascii() for n in ACCEPTED)} of them not ASCII"
    )
    assert len(ACCEPTED) >= 20 and any(not n.isascii() for n in ACCEPTED)
