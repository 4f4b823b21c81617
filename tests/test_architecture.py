"""The package order holds (lower layers never import higher ones), the domain never imports Textual, and
start-up keeps heavy modules off the import path."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "quizapp"

# Lowest first. A module may import its own layer and the layers below it, never one above.
LAYERS: list[set[str]] = [
    {"errors", "paths", "memory", "words"},
    {"files"},
    {"decks", "scheduling"},
    {"progress", "quiz"},
    {"study"},
    {"classroom", "authoring"},
    {"workspace"},
    {"cli", "tui"},
]
TOP = {"__init__", "__main__"}
LAYER_OF = {name: i for i, names in enumerate(LAYERS) for name in names}
# decks and scheduling share a layer but are independent; so are progress and quiz, classroom and authoring.
INDEPENDENT = [{"decks", "scheduling"}, {"progress", "quiz"}, {"classroom", "authoring"}]


def _unit(module: str) -> str:
    """The package (or loose module) of `quizapp.x.y` -> "x"."""
    return module.split(".")[1] if "." in module else "__init__"


def _modules() -> list[tuple[str, Path]]:
    out = []
    for p in SRC.rglob("*.py"):
        parts = p.relative_to(SRC).with_suffix("").parts
        out.append(("quizapp." + ".".join(parts).removesuffix(".__init__"), p))
    return sorted(out)


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("quizapp"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("quizapp")}
    return found


DOMAIN = sorted(m for m, _ in _modules() if _unit(m) not in ("tui", "cli", "__main__"))


def test_every_package_and_loose_module_has_a_layer() -> None:
    units = {_unit(m) for m, _ in _modules()} - TOP
    assert units == set(LAYER_OF)
    loose = [p for p in SRC.glob("*.py")]
    assert len(loose) <= 8


@pytest.mark.parametrize(("module", "path"), _modules(), ids=[m for m, _ in _modules()])
def test_no_module_imports_a_higher_layer_or_an_independent_neighbour(module: str, path: Path) -> None:
    me = _unit(module)
    if me in TOP:
        return
    for target in _imports(path):
        other = _unit(target)
        if other in TOP or other == me:
            continue
        assert LAYER_OF[other] <= LAYER_OF[me], f"{module} imports {target}, a higher layer"
        assert {me, other} not in INDEPENDENT, f"{module} imports {target}, a package beside it"


def test_every_package_says_what_lives_there() -> None:
    for init in SRC.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 12, init


def _imported_after(modules: list[str]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out))


def test_domain_does_not_import_textual() -> None:
    assert "quizapp.decks.models" in DOMAIN and "quizapp.progress.store" in DOMAIN
    loaded = _imported_after(DOMAIN)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_only_the_live_server_its_guard_and_client_import_aiohttp() -> None:
    live = [
        p
        for m, p in _modules()
        if m.startswith("quizapp.classroom.live.") and m.rsplit(".", 1)[1] not in ("server", "client", "webguard")
    ]
    assert len(live) >= 4
    for path in live:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        names = {a.name for n in top if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in top if isinstance(n, ast.ImportFrom)}
        assert not {n for n in names if n.split(".")[0] == "aiohttp" or n.endswith(".server")}, path


def test_cli_module_is_light() -> None:
    loaded = _imported_after(["quizapp.cli.main"])
    assert "textual" not in loaded and "pydantic" not in loaded and "fsrs" not in loaded


def test_opening_valid_decks_and_progress_never_imports_pydantic(tmp_path: Path) -> None:
    code = (
        "import json, sys\nfrom pathlib import Path\n"
        "from quizapp.decks.library import bundled_decks_dir\nfrom quizapp.workspace import open_workspace\n"
        f"ws = open_workspace(Path({str(tmp_path)!r}), 'ann', [bundled_decks_dir()])\n"
        "ws.store.compact(); ws.close()\n"
        "print(json.dumps([len(ws.library.notes), 'pydantic' in sys.modules]))\n"
    )
    runs = [
        json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(2)
    ]
    assert runs[0] == [runs[0][0], False] and runs[0][0] > 300  # valid decks are checked in plain Python (decks.plain)
    assert runs[1] == [runs[0][0], False]  # the next open takes decks and states from the caches
