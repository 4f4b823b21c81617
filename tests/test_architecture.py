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
