"""Parse CSV/TSV text: plain spreadsheets, Quizlet exports and Anki's "Notes in Plain Text"."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from quizapp.authoring.imported import ImportProblem, Row
from quizapp.authoring.text import html_to_text
from quizapp.words import counted

CANDIDATES = ("\t", ",", ";", "|")
NAMES = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "'|'", " ": "space", ":": "colon"}
_ANKI_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}
_ANKI_HEADER = re.compile(r"^#([a-z ]+):(.*)$")
_FRONT = {"front", "term", "question", "word", "prompt", "text"}
_BACK = {"back", "definition", "answer", "meaning", "back extra"}
_TAGS = {"tags", "tag"}


@dataclass
class Layout:
    """What the file's headers say about its columns (0-based indexes)."""

    delimiter: str | None = None
    html: bool = False
    tags: int | None = None
    skip: set[int] = field(default_factory=set)  # notetype, deck and guid columns
    header_lines: int = 0
    anki: bool = False


def read_headers(lines: list[str], layout: Layout) -> None:
    """Anki's leading '#key:value' lines, e.g. '#separator:tab', '#html:true', '#tags column:3'."""
    for line in lines:
        m = _ANKI_HEADER.match(line.rstrip("\r"))
        if not m:
            return
        key, value = m[1].strip(), m[2].strip()
        layout.header_lines += 1
        layout.anki = True
        if key == "separator":
            layout.delimiter = _ANKI_SEPARATORS.get(value.casefold(), value[:1] or None)
        elif key == "html":
            layout.html = value.casefold() == "true"
        elif key == "tags column" and value.isdigit() and int(value) > 0:
            layout.tags = int(value) - 1
        elif key in ("notetype column", "deck column", "guid column") and value.isdigit() and int(value) > 0:
            layout.skip.add(int(value) - 1)


def _records(body: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(first line number, fields) for each record of `body`, quoted fields allowed."""
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, quotechar='"')
    out = []
    start = 1
    try:
        for fields in reader:
            out.append((start, fields))
            start = reader.line_num + 1
    except csv.Error as e:
        raise ImportProblem(f"line {start}: {e}") from None
    return out


def sniff(body: str) -> str | None:
    """The candidate delimiter that splits the first lines most consistently into two or more columns."""
    sample = "\n".join([x for x in body.splitlines() if x.strip()][:50])
    best, best_score = None, (0.0, 0.0)
    for cand in CANDIDATES:
        try:
            counts = [len(f) for _, f in _records(sample, cand) if any(x.strip() for x in f)]
        except ImportProblem:
            continue
        if not counts:
            continue
        split = sum(c >= 2 for c in counts) / len(counts)
        steady = Counter(counts).most_common(1)[0][1] / len(counts)
        if split > 0 and (split, steady) > best_score:
            best, best_score = cand, (split, steady)
    return best


def _split_plain(body: str, delimiter: str, row_delimiter: str) -> list[tuple[int, list[str]]]:
    out, line = [], 1
    for rec in body.split(row_delimiter):
        out.append((line, rec.split(delimiter)))
        line += rec.count("\n") + (1 if row_delimiter == "\n" else 0)
    return out


def parse_delimited(text: str, delimiter: str | None = None, row_delimiter: str | None = None) -> list[Row]:
    """Rows of front, back and tags. Messages of ImportProblem raised here start with 'row N' or 'line N'."""
    lines = text.split("\n")
    layout = Layout()
    read_headers(lines, layout)
    body = "\n".join(lines[layout.header_lines :])
    delim = delimiter or layout.delimiter or sniff(body)
    if not delim:
        raise ImportProblem(
            "cannot tell the delimiter: no line has a tab, comma, semicolon or '|' between two columns; "
            "name the delimiter explicitly"
        )
    if row_delimiter or len(delim) > 1:
        records = _split_plain(body, delim, row_delimiter or "\n")
    else:
        records = _records(body, delim)
    columns = _column_header(records, layout)
    rows: list[Row] = []
    for start, fields in records:
        if not any(f.strip() for f in fields):
            continue
        rows.append(_row(len(rows) + 1, start + layout.header_lines, fields, layout, columns, delim))
    return rows


def _column_header(records: list[tuple[int, list[str]]], layout: Layout) -> tuple[int, int] | None:
    """(front, back) column indexes from a 'front,back,tags'-style first row, which is then dropped."""
    filled = [r for r in records if any(f.strip() for f in r[1])]
    if not filled or layout.anki:  # Anki files name columns in '#columns:' headers, never in a first row
        return None
    names = [f.strip().casefold() for f in filled[0][1]]
    front = next((i for i, n in enumerate(names) if n in _FRONT), None)
    back = next((i for i, n in enumerate(names) if n in _BACK and i != front), None)
    if front is None or back is None:
        return None
    records.remove(filled[0])
    if layout.tags is None:
        layout.tags = next((i for i, n in enumerate(names) if n in _TAGS), None)
    return front, back


def _row(number: int, line: int, fields: list[str], layout: Layout, columns: tuple[int, int] | None, delim: str) -> Row:
    clean = [html_to_text(f) if layout.html else f.strip() for f in fields]
    tags = tuple(clean[layout.tags].split()) if layout.tags is not None and layout.tags < len(clean) else ()
    if columns:
        front_i, back_i = columns
    else:
        rest = [i for i in range(len(clean)) if i not in layout.skip and i != layout.tags]
        front_i, back_i = (rest + [-1, -1])[:2]
    front = clean[front_i] if 0 <= front_i < len(clean) else ""
    back = clean[back_i] if 0 <= back_i < len(clean) else None
    if back is None and "{{c" not in front:
        found = len([i for i in range(len(clean)) if i not in layout.skip and i != layout.tags])
        raise ImportProblem(
            f"row {number} (line {line}): found {counted(found, 'column')}, expected front and back separated by "
            f"{NAMES.get(delim, repr(delim))}; is that the right delimiter?"
        )
    return Row(number, front, back or "", tags, where=f"line {line}")
