"""Kahoot's quiz spreadsheet (.xlsx) both ways: question, up to four answers, time limit, correct answer numbers.

Import finds the header row (a cell that starts with "Question") anywhere in the first 30 rows of the first
sheet, so Kahoot's own template (header on row 8, numbers in column A) and plain sheets both work. Each question
becomes a note with a choice question; a time limit other than Kahoot's default 20 s is kept as a tag
"kahoot-time-<seconds>" so it survives a round trip. Export writes Kahoot's template layout. openpyxl is imported
only here; the package's declared sizes are checked first (see readzip), so a zip bomb is refused unread.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from quizapp.authoring.imported import MAX_IMPORT_BYTES, ImportProblem, size_text
from quizapp.authoring.text import slugify, trim_at_word
from quizapp.decks.models import CLOZE_RE, Choice, Deck, DeckMeta, Note, Source, Typed
from quizapp.decks.schema import ValidationError, checked

TIMES = (5, 10, 20, 30, 60, 90, 120, 240)
DEFAULT_TIME = 20
SEVERAL_RIGHT = "kahoot-several-right"  # the tag an import puts on a question with several right answers
MAX_QUESTION, MAX_ANSWER = 120, 75
MAX_ROWS = 2000
MAX_UNZIPPED = 64 * 2**20
HEADERS = [
    "",
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
]


def _check_package(path: Path) -> None:
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportProblem(f"{path}: {size_text(size)} is over the import limit of {size_text(MAX_IMPORT_BYTES)}")
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file") from None
    except (zipfile.BadZipFile, OSError):
        raise ImportProblem(f"{path}: not an .xlsx spreadsheet (it is not a zip package)") from None
    if "xl/workbook.xml" not in {i.filename for i in infos}:
        raise ImportProblem(f"{path}: a zip package, but not an Excel spreadsheet")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED or any(i.file_size > 2**20 and i.file_size > 200 * max(i.compress_size, 1) for i in infos):
        raise ImportProblem(f"{path}: would inflate to {size_text(total)} (a zip bomb, or far too big for a quiz)")


def _cells(path: Path) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, TypeError, OSError, RuntimeError, EOFError) as e:
        raise ImportProblem(f"{path}: a damaged spreadsheet ({type(e).__name__}); open it and save it again") from None
    try:
        rows: list[list[str]] = []
        for row in book.worksheets[0].iter_rows(values_only=True):
            if len(rows) >= MAX_ROWS:
                raise ImportProblem(f"{path}: over {MAX_ROWS:,} rows; Kahoot quizzes are far shorter")
            rows.append(["" if v is None else " ".join(str(v).split()) for v in row[:12]])
        return rows
    finally:
        book.close()


def _columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, cell in enumerate(header):
        low = cell.casefold()
        if low.startswith("question") and "question" not in cols:
            cols["question"] = i
        elif m := re.match(r"answer\s*([1-4])", low):
            cols[f"answer{m[1]}"] = i
        elif low.startswith("time"):
            cols["time"] = i
        elif low.startswith("correct"):
            cols["correct"] = i
    return cols


def import_kahoot(
    path: str | Path,
    *,
    deck_id: str,
    title: str,
    id_prefix: str = "imp",
    report: list[str] | None = None,
    **_: object,
) -> Deck:
    """A Deck with one choice note per Kahoot question; ImportProblem naming the row for a bad one.

    A question with several right answers keeps them all: the statement names each, the typed question accepts
    each, none is a wrong option; a choice question has one right answer in the deck format, so it offers the
    first, and a line in `report` says so, naming the row and the answers."""
    path = Path(path)
    _check_package(path)
    rows = _cells(path)
    at = next((n for n, r in enumerate(rows[:30]) if any(c.casefold().startswith("question") for c in r)), None)
    cols = _columns(rows[at]) if at is not None else {}
    if at is None or not {"question", "answer1", "answer2", "correct"} <= set(cols):
        raise ImportProblem(f"{path}: no Kahoot header row (Question, Answer 1, Answer 2, ..., Correct answer(s))")
    source_id = slugify(path.stem, "kahoot")
    notes: list[Note] = []
    for n, row in enumerate(rows[at + 1 :], start=at + 2):
        fields = {key: row[i] if i < len(row) else "" for key, i in cols.items()}
        get = fields.get
        question = get("question", "")
        answers = [get(f"answer{k}", "") for k in range(1, 5)]
        if not question and not any(answers):
            continue
        where = f"{path}: row {n}"
        numbers = [int(x) for x in re.findall(r"\d+", get("correct", ""))]
        given = [k for k in range(4) if answers[k]]
        if not question or len(given) < 2:
            raise ImportProblem(f"{where}: a question needs its text and at least two answers")
        right = [k - 1 for k in numbers if 1 <= k <= 4 and answers[k - 1]]
        if not right:
            raise ImportProblem(f"{where}: correct answer(s) {get('correct')!r} name no given answer (use 1 to 4)")
        answer = answers[right[0]]
        also = tuple(dict.fromkeys(answers[k] for k in right[1:] if answers[k] != answer))
        wrong = tuple(answers[k] for k in given if k not in right)
        if also and report is not None:
            report.append(
                f"row {n}: {len(also) + 1} right answers ({', '.join((answer, *also))}); the choice question offers "
                f"{answer!r} (one right option a question), the typed question accepts all of them"
            )
        time = int(float(get("time", ""))) if re.fullmatch(r"\d+(?:\.0)?", get("time", "")) else DEFAULT_TIME
        tags = ([] if time == DEFAULT_TIME else [f"kahoot-time-{time}"]) + ([SEVERAL_RIGHT] if also else [])
        try:
            notes.append(
                checked(
                    Note(
                        id=f"{id_prefix}-{len(notes) + 1:04d}",
                        statement=trim_at_word(f"{question} — {'; '.join((answer, *also))}", 4000),
                        source=source_id,
                        locator=f"row {n}",
                        quote="; ".join((answer, *also)),
                        tags=tuple(tags),
                        choice=Choice(prompt=question, answer=answer, distractors=wrong),
                        typed=Typed(prompt=question, answer=answer, accept=also) if also else None,
                    )
                )
            )
        except ValidationError as e:
            err = e.errors()[0]
            raise ImportProblem(f"{where}: {'.'.join(map(str, err['loc']))}: {err['msg']}") from None
    if not notes:
        raise ImportProblem(f"{path}: no questions under the header row")
    meta = checked(DeckMeta(id=deck_id, title=title))
    return Deck(deck=meta, sources=(Source(id=source_id, title=path.name[:400], kind="document"),), notes=tuple(notes))


def kahoot_rows(deck: Deck) -> tuple[list[list[object]], int]:
    """Rows for Kahoot's template (question, four answers, time, correct number) and how many notes were left
    out (no choice question, or too long for Kahoot's 120/75-character limits)."""
    rows: list[list[object]] = []
    skipped = 0
    for note in deck.notes:
        choice = note.choice
        if not choice or not choice.distractors:
            skipped += 1
            continue
        question = choice.prompt
        if len(question) > MAX_QUESTION and note.cloze:
            question = CLOZE_RE.sub("_____", note.cloze.text)
        # A question imported from Kahoot with several right answers goes back with them all ("1,3"); other decks'
        # typed answers accept other spellings of the one right answer ("215", "215 miles"), never new options.
        several = SEVERAL_RIGHT in note.tags and note.typed and note.typed.prompt == choice.prompt
        also = list(note.typed.accept[:2]) if several and note.typed else []
        right = [choice.answer, *also]  # several right answers come back as Kahoot wrote them ("1,3")
        options = [*right, *choice.distractors[: 4 - len(right)]]
        if len(question) > MAX_QUESTION or any(len(o) > MAX_ANSWER for o in options):
            skipped += 1
            continue
        spot = zlib.crc32(note.id.encode()) % len(options)  # the right answer is not always first
        options.insert(spot, options.pop(0))
        correct = ",".join(str(options.index(a) + 1) for a in sorted(right, key=options.index))
        time = next((int(t.rsplit("-", 1)[1]) for t in note.tags if re.fullmatch(r"kahoot-time-\d+", t)), 20)
        rows.append([len(rows) + 1, question, *options, *[""] * (4 - len(options)), time, correct])
    return rows, skipped


def export_kahoot(deck: Deck, path: str | Path) -> int:
    """Write the deck's choice questions as a Kahoot quiz spreadsheet; returns how many notes were left out."""
    import io

    import openpyxl

    from quizapp.files.atomic import atomic_write

    rows, skipped = kahoot_rows(deck)
    if not rows:
        raise ImportProblem(f"{deck.deck.id}: no note has a choice question that fits Kahoot's limits")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet["B2"] = "Quiz template"
    sheet["B3"] = f"{deck.deck.title} (exported by quizapp)"
    table: list[list[object]] = [list(HEADERS), *map(list, rows)]
    for r, row in enumerate(table, start=8):  # Kahoot's template: header on row 8
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value)
    buf = io.BytesIO()
    book.save(buf)
    atomic_write(Path(path), buf.getvalue())
    return skipped
