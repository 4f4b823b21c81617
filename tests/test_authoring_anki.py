"""An exported .apkg opens in Anki's own library (runs where `anki` is installed; CI installs it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.authoring.exporters import export_apkg
from quizapp.decks.library import load_deck

anki_collection = pytest.importorskip("anki.collection", reason="Anki's library is not installed")

DECKS = Path(__file__).resolve().parents[1] / "decks"


def test_anki_imports_every_note_of_an_exported_deck(tmp_path: Path) -> None:
    from anki.import_export_pb2 import ImportAnkiPackageOptions

    deck = load_deck(DECKS / "energy.toml").deck
    package = tmp_path / "energy.apkg"
    export_apkg(deck, package)
    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        request = anki_collection.ImportAnkiPackageRequest(
            package_path=str(package), options=ImportAnkiPackageOptions()
        )
        col.import_anki_package(request)
        assert col.note_count() == len(deck.notes)
        assert col.card_count() >= len(deck.notes)
        fronts = {col.get_note(nid).fields[0] for nid in col.find_notes("")}
        cloze = next(n for n in deck.notes if n.study_kind() == "cloze")
        assert cloze.cloze is not None and cloze.cloze.text in fronts
        # exporting again and importing updates the same notes instead of adding copies
        export_apkg(deck, package)
        col.import_anki_package(request)
        assert col.note_count() == len(deck.notes)
    finally:
        col.close()
