"""The domain never imports Textual; start-up keeps heavy modules off the import path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "quizapp"
DOMAIN = sorted(
    "quizapp." + ".".join(p.relative_to(SRC).with_suffix("").parts)
    for p in SRC.rglob("*.py")
    if "tui" not in p.relative_to(SRC).parts and p.name not in ("__main__.py",) and not p.name.startswith("cli")
)


def _imported_after(modules: list[str]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out))


def test_domain_does_not_import_textual() -> None:
    assert "quizapp.models" in DOMAIN and "quizapp.storage" in DOMAIN
    loaded = _imported_after(DOMAIN)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_cli_module_is_light() -> None:
    loaded = _imported_after(["quizapp.cli"])
    assert "textual" not in loaded and "pydantic" not in loaded and "fsrs" not in loaded


def test_opening_cached_decks_and_progress_never_imports_pydantic(tmp_path: Path) -> None:
    code = (
        "import json, sys\nfrom pathlib import Path\n"
        "from quizapp.decks import bundled_decks_dir\nfrom quizapp.workspace import open_workspace\n"
        f"ws = open_workspace(Path({str(tmp_path)!r}), 'ann', [bundled_decks_dir()])\n"
        "ws.store.compact(); ws.close()\n"
        "print(json.dumps([len(ws.library.notes), 'pydantic' in sys.modules]))\n"
    )
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                      check=True).stdout) for _ in range(2)]
    assert runs[0] == [runs[0][0], True] and runs[0][0] > 300  # the first open validates the decks with pydantic
    assert runs[1] == [runs[0][0], False]  # the next one takes decks and states from the caches
