"""Build an Anki package with genanki: stable model/deck ids and note guids, escaped plain text fields."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import genanki

from quizapp.authoring.sides import note_sides
from quizapp.authoring.text import text_to_html
from quizapp.decks.models import Deck, Note

_CSS = (
    ".card { font-family: sans-serif; font-size: 20px; text-align: center; }\n.source { font-size: 14px; color: #666; }"
)
_SOURCE = '<div class="source">{{Source}}</div>'


def stable_id(*parts: str) -> int:
    """A 31-bit id (>= 2**30) from a hash of `parts`; the same parts always give the same id."""
    digest = hashlib.sha256("\x1f".join(("quizapp", *parts)).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def _models(deck_id: str) -> dict[str, genanki.Model]:
    fields = [{"name": "Front"}, {"name": "Back"}, {"name": "Source"}]
    card1 = {"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}" + _SOURCE}
    card2 = {"name": "Card 2", "qfmt": "{{Back}}", "afmt": "{{FrontSide}}<hr id=answer>{{Front}}" + _SOURCE}
    cloze = {"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>{{Back Extra}}" + _SOURCE}
    return {
        "basic": genanki.Model(stable_id(deck_id, "basic"), "quizapp Basic", fields, [card1], _CSS),
        "reversed": genanki.Model(
            stable_id(deck_id, "reversed"), "quizapp Basic (and reversed card)", fields, [card1, card2], _CSS
        ),
        "cloze": genanki.Model(
            stable_id(deck_id, "cloze"),
            "quizapp Cloze",
            [{"name": "Text"}, {"name": "Back Extra"}, {"name": "Source"}],
            [cloze],
            _CSS,
            model_type=genanki.Model.CLOZE,
        ),
    }


def _anki_note(deck: Deck, note: Note, models: dict[str, genanki.Model]) -> genanki.Note:
    src = deck.source(note.source)
    cite = text_to_html(f"{src.title if src else note.source}, {note.locator}: “{note.quote}”")
    guid = genanki.guid_for("quizapp", deck.deck.id, note.id)
    if note.study_kind() == "cloze" and note.cloze:
        fields = [text_to_html(note.cloze.text), text_to_html(note.explanation or ""), cite]
        return genanki.Note(models["cloze"], fields, guid=guid, tags=note.tags)
    front, back = note_sides(note)
    model = models["reversed" if note.basic and note.basic.reverse and note.study_kind() == "basic" else "basic"]
    return genanki.Note(model, [text_to_html(front), text_to_html(back), cite], guid=guid, tags=note.tags)


def build_apkg(deck: Deck, timestamp: float | None = None) -> bytes:
    """The bytes of an .apkg holding every note of `deck` in one Anki deck named after its title."""
    models = _models(deck.deck.id)
    anki_deck = genanki.Deck(stable_id(deck.deck.id, "deck"), deck.deck.title)
    for note in deck.notes:
        anki_deck.add_note(_anki_note(deck, note, models))
    stamp = time.time() if timestamp is None else timestamp
    with tempfile.TemporaryDirectory(prefix="quizapp-apkg-") as tmp:
        db = Path(tmp) / "collection.anki2"
        con = sqlite3.connect(db)
        try:
            genanki.Package(anki_deck).write_to_db(con.cursor(), stamp, itertools.count(int(stamp * 1000)))
            con.commit()
        finally:
            con.close()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(db, "collection.anki2")
            zf.writestr("media", json.dumps({}))
        return buf.getvalue()
