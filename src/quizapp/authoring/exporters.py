"""Export a Deck as CSV (front, back, tags), JSON (the deck itself) or an Anki package (.apkg)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from quizapp.authoring.anki import build_apkg
from quizapp.authoring.sides import note_sides
from quizapp.decks.models import Deck, to_data
from quizapp.files.atomic import atomic_write

__all__ = ["export_apkg", "export_csv", "export_json", "note_sides"]


def export_csv(deck: Deck, path: str | Path) -> None:
    """A UTF-8 CSV with a 'front,back,tags' header and one row per note (tags space-separated)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["front", "back", "tags"])
    for note in deck.notes:
        writer.writerow([*note_sides(note), " ".join(note.tags)])
    atomic_write(Path(path), buf.getvalue().encode("utf-8"))


def export_json(deck: Deck, path: str | Path) -> None:
    """The whole deck as JSON, the same shape as the TOML file (`quizapp deck schema` describes both)."""
    text = json.dumps(to_data(deck, exclude_none=True), ensure_ascii=False, indent=2)
    atomic_write(Path(path), (text + "\n").encode("utf-8"))


def export_apkg(deck: Deck, path: str | Path, *, timestamp: float | None = None) -> None:
    """An Anki package. Model and deck ids come from a hash of the deck id and each note's guid from its
    note id, so importing a re-export into Anki updates the notes instead of duplicating them."""
    atomic_write(Path(path), build_apkg(deck, timestamp))
