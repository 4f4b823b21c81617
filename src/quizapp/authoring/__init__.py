"""Authoring tools: start a deck, draft notes from a document, import and export flashcards.

Imports errors, paths, files, decks and quiz; never progress, study, classroom or any UI. Names are loaded on
first use, so importing this package stays cheap (genanki is only imported when an Anki package is written).
"""

from __future__ import annotations

import importlib
from typing import Any

_NAMES = {
    "new_deck_text": "scaffold",
    "draft_deck": "draft",
    "draft_to_toml": "draft",
    "DraftStats": "draft",
    "ImportProblem": "imported",
    "MAX_IMPORT_BYTES": "imported",
    "import_delimited": "importers",
    "import_apkg": "importers",
    "import_file": "importers",
    "export_csv": "exporters",
    "export_json": "exporters",
    "export_apkg": "exporters",
    "export_kahoot": "kahoot",
    "import_kahoot": "kahoot",
    "deck_to_toml": "tomltext",
    "slugify": "text",
}
__all__ = sorted(_NAMES)


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_NAMES[name]}"), name)
