"""Kahoot quiz spreadsheets: import Kahoot's template, export it back, bad and hostile files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from quizapp.authoring.imported import ImportProblem
from quizapp.authoring.kahoot import HEADERS, export_kahoot, import_kahoot, kahoot_rows
from quizapp.cli.main import main
from quizapp.decks.library import load_deck


def _template(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B2"] = "Quiz template"
    sheet["B3"] = "Add questions, at least two answer alternatives, time limit and choose correct answers."
    for r, row in enumerate([HEADERS, *rows], start=8):
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value)
    book.save(path)
    return path


QUIZ = [
    [1, "In which year was the Suez Canal completed?", "1859", "1869", "1882", "1914", 30, "2"],
    [2, "Which river floods Egypt every year?", "Nile", "Congo", "", "", 20, 1],
    [3, "Which are Egyptian cities?", "Cairo", "Tunis", "Alexandria", "Tripoli", 20, "1,3"],
]


def test_import_kahoot_template(tmp_path: Path) -> None:
    deck = import_kahoot(_template(tmp_path / "egypt.xlsx", QUIZ), deck_id="egypt", title="Egypt", id_prefix="eg")
    suez, nile, cities = deck.notes
    assert suez.id == "eg-0001" and suez.locator == "row 9" and suez.tags == ("kahoot-time-30",)
    assert suez.choice.answer == "1869" and suez.choice.distractors == ("1859", "1882", "1914")
    assert nile.choice.distractors == ("Congo",) and nile.tags == ()
    assert cities.choice.answer == "Cairo" and cities.choice.distractors == ("Tunis", "Tripoli")  # never a right one
    assert deck.sources[0].id == "egypt" and suez.statement == "In which year was the Suez Canal completed? — 1869"


def test_round_trip_keeps_questions_answers_times(tmp_path: Path) -> None:
    deck = import_kahoot(_template(tmp_path / "q.xlsx", QUIZ), deck_id="q", title="Q")
    export_kahoot(deck, tmp_path / "back.xlsx")
    again = import_kahoot(tmp_path / "back.xlsx", deck_id="q", title="Q")
    for a, b in zip(deck.notes, again.notes, strict=True):
        assert (a.choice.prompt, a.choice.answer, set(a.choice.distractors), a.tags) == (
            b.choice.prompt,
            b.choice.answer,
            set(b.choice.distractors),
            b.tags,
        )
    sheet = openpyxl.load_workbook(tmp_path / "back.xlsx").active
    assert sheet.cell(8, 2).value == HEADERS[1] and sheet.cell(9, 1).value == 1  # Kahoot's own layout


def test_export_leaves_out_what_kahoot_cannot_take(tmp_path: Path) -> None:
    long = "x" * 130
    deck = import_kahoot(
        _template(tmp_path / "q.xlsx", QUIZ + [[4, long, "a", "b", "", "", 20, 1]]), deck_id="q", title="Q"
    )
    rows, skipped = kahoot_rows(deck)
    assert skipped == 1 and len(rows) == 3
    assert [r[7].split(",")[0] for r in rows[:2]] == [
        str(r[2:6].index(n.choice.answer) + 1) for r, n in zip(rows[:2], deck.notes[:2], strict=True)
    ]
    assert sorted(rows[2][int(k) + 1] for k in rows[2][7].split(",")) == ["Alexandria", "Cairo"]  # both right


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([[1, "Only one answer?", "yes", "", "", "", 20, 1]], r"row 9: a question needs its text and at least two"),
        ([[1, "Which?", "a", "b", "", "", 20, 4]], r"row 9: correct answer\(s\) '4' name no given answer"),
        ([], "no questions under the header row"),
    ],
)
def test_bad_quizzes_name_the_row(tmp_path: Path, rows: list[list[object]], message: str) -> None:
    with pytest.raises(ImportProblem, match=message):
        import_kahoot(_template(tmp_path / "bad.xlsx", rows), deck_id="b", title="B")


def test_not_a_kahoot_sheet_and_zip_bombs(tmp_path: Path) -> None:
    plain = openpyxl.Workbook()
    plain.active["A1"] = "Name"
    plain.save(tmp_path / "names.xlsx")
    with pytest.raises(ImportProblem, match="no Kahoot header row"):
        import_kahoot(tmp_path / "names.xlsx", deck_id="n", title="N")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b" " * (8 * 2**20))
    with pytest.raises(ImportProblem, match=r"bomb\.xlsx: would inflate to 8\.0 MB \(a zip bomb"):
        import_kahoot(bomb, deck_id="b", title="B")
    (tmp_path / "fake.xlsx").write_text("question,answer\n")
    with pytest.raises(ImportProblem, match="not an .xlsx spreadsheet"):
        import_kahoot(tmp_path / "fake.xlsx", deck_id="f", title="F")


def test_cli_import_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _template(tmp_path / "egypt.xlsx", QUIZ)
    out = tmp_path / "egypt.toml"
    assert main(["deck", "import", str(src), "--out", str(out)]) == 0
    assert len(load_deck(out).deck.notes) == 3
    assert main(["deck", "export", str(out), "--format", "kahoot", "--out", str(tmp_path / "k.xlsx")]) == 0
    assert "3 notes as kahoot" in capsys.readouterr().out
    assert len(import_kahoot(tmp_path / "k.xlsx", deck_id="k", title="K").notes) == 3


def test_several_right_answers_are_all_kept_and_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        [1, "Which are Egyptian cities?", "Cairo", "Tunis", "Alexandria", "Tripoli", 20, "1,3"],
        [2, "Which of these are prime numbers?", "4", "2", "3", "5", 30, "2,3,4"],
        [3, "Which river floods Egypt every year?", "Nile", "Congo", "", "", 20, 1],
    ]
    src = _template(tmp_path / "mixed.xlsx", rows)  # laid out as Kahoot's own template: header on row 8
    report: list[str] = []
    cities, primes, nile = import_kahoot(src, deck_id="m", title="M", report=report).notes
    assert cities.choice.answer == "Cairo" and cities.typed.accept == ("Alexandria",)
    assert cities.choice.distractors == ("Tunis", "Tripoli") and cities.statement.endswith("— Cairo; Alexandria")
    assert primes.typed.accept == ("3", "5") and primes.choice.distractors == ("4",)
    assert nile.typed is None and len(report) == 2
    assert report[0].startswith("row 9: 2 right answers (Cairo, Alexandria); the choice question offers 'Cairo'")
    out = tmp_path / "mixed.toml"
    assert main(["deck", "import", str(src), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "row 10: 3 right answers (2, 3, 5)" in printed
    back, _ = kahoot_rows(load_deck(out).deck)
    by_question = {r[1]: r for r in back}
    city_row = by_question["Which are Egyptian cities?"]
    assert sorted(city_row[int(k) + 1] for k in str(city_row[7]).split(",")) == ["Alexandria", "Cairo"]
    prime_row = by_question["Which of these are prime numbers?"]
    assert sorted(prime_row[int(k) + 1] for k in str(prime_row[7]).split(",")) == ["2", "3", "5"]


def test_other_spellings_of_one_answer_are_not_exported_as_right_options(tmp_path: Path) -> None:
    """A deck's typed question accepts other spellings of its one answer ("1869", "AD 1869"); Kahoot gets that one
    right option and the three wrong ones, not the spellings as extra right options (found: "215 | 108 miles |
    215 miles | 161 miles", correct "1,3", the wrong option "322 miles" lost)."""
    from quizapp.decks.models import Typed

    suez = import_kahoot(_template(tmp_path / "q.xlsx", QUIZ[:1]), deck_id="q", title="Q").notes[0]
    spelled = suez._replace(typed=Typed(prompt=suez.choice.prompt, answer="1869", accept=("AD 1869", "in 1869")))
    deck = import_kahoot(_template(tmp_path / "q.xlsx", QUIZ[:1]), deck_id="q", title="Q")._replace(notes=(spelled,))
    [row], skipped = kahoot_rows(deck)
    options = row[2:6]
    assert skipped == 0 and sorted(options) == ["1859", "1869", "1882", "1914"]
    assert row[7] == str(options.index("1869") + 1)
