"""Write a Deck as TOML text that loads back into the same Deck."""

from __future__ import annotations

import re
from typing import Any

import tomli_w

from quizapp.decks.models import FORMAT_VERSION, Deck, to_data

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def toml_string(value: str) -> str:
    """`value` as a TOML basic string literal, escaped."""
    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def _table(header: str, data: dict[str, Any]) -> str:
    scalars = {k: v for k, v in data.items() if not isinstance(v, dict)}
    out = f"{header}\n{tomli_w.dumps(scalars)}"
    for key, sub in data.items():
        if isinstance(sub, dict):
            name = header.strip("[]")
            out += f"\n[{name}.{key}]\n{tomli_w.dumps(sub)}"
    return out


def deck_to_toml(deck: Deck, header: str = "") -> str:
    """TOML text of `deck` (fields at their defaults left out), after optional `header` comment lines.

    The layout is the one authors write: `format`, `[deck]`, each `[[sources]]`, then each `[[notes]]`
    followed by its question tables (`[notes.cloze]`, ...)."""
    data = to_data(deck, exclude_defaults=True)
    parts = [f"format = {FORMAT_VERSION}\n", _table("[deck]", data["deck"])]
    parts += [_table("[[sources]]", s) for s in data.get("sources", [])]
    parts += [_table("[[notes]]", n) for n in data.get("notes", [])]
    clean = _CONTROL.sub(" ", header)  # TOML comments may not hold control characters
    comments = "".join(f"# {line}".rstrip() + "\n" for line in clean.splitlines())
    return comments + ("\n" if comments else "") + "\n".join(parts)
