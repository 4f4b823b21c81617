"""Read the cards.toml quizapp itself writes, line by line: a third faster than rtoml at 10,000 cards, and its
datetimes come out in UTC already.

Only the exact lines records.encode_cards writes are recognised: `[cards.<id>]` headers (a bare or plain quoted
id), `key = value` lines of a card state's known keys with the values toml_value writes (whole numbers, floats as
repr() writes them, true/false, UTC date-times as str() writes them) and empty lines. The part before the first
card header is parsed as TOML (tomlread). Anything else, a card defined twice, a key given twice, declines (None),
and the caller parses the file as before, so every message about a damaged file is the one it always was."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from quizapp.files import tomlread

_HEADER = re.compile(r'\[cards\.(?:([A-Za-z0-9_-]+)|"([^"\\\x00-\x1f\x7f]*)")\]').fullmatch
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})").fullmatch
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:e[+-]?[0-9]{1,3})?|e[+-]?[0-9]{1,3})").fullmatch
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{6})?\+00:00").fullmatch
_BOOLS = {"true": True, "false": False}
# what each key of a card state holds: 0 a whole number, 1 a number, 2 a UTC date-time, 3 true or false
_KINDS = {"state": 0, "step": 0, "flag": 0, "stability": 1, "difficulty": 1, "due": 2, "last_review": 2}
_KINDS |= {"buried_until": 2, "suspended": 3, "flagged": 3}


def read(text: str, make: Callable[[str, dict], object]) -> tuple[dict, dict[str, object]] | None:
    """(the top-level values, {card id: make(id, its table)}) of `text`, exactly what parsing it as TOML gives, or
    None when a line is not one quizapp writes. `make` runs as each card's table ends; a ValueError or KeyError it
    raises declines too, anything else propagates."""
    first = text.find("\n[cards.")
    if first < 0 or not text.endswith("\n"):
        return None
    try:
        head = tomlread.loads(text[: first + 1])
    except Exception:
        return None
    if "cards" in head:
        return None
    out: dict[str, object] = {}
    cid: str | None = None
    d: dict = {}
    kinds, header, whole, number, utc, bools = _KINDS, _HEADER, _INT, _FLOAT, _TIME, _BOOLS
    fromiso = datetime.fromisoformat
    try:
        for line in text[first + 1 :].split("\n"):
            if not line:
                continue
            if line[0] == "[":
                if cid is not None:
                    out[cid] = make(cid, d)
                m = header(line)
                if m is None:
                    return None
                cid = m[1] if m[1] is not None else m[2]
                if cid in out:
                    return None
                d = {}
                continue
            key, eq, v = line.partition(" = ")
            kind = kinds[key]  # an unknown key (KeyError) declines
            if not eq or key in d:
                return None
            if kind == 2:
                if utc(v) is None:
                    return None
                d[key] = fromiso(v)  # a ValueError (a 31st of February) declines
            elif kind == 1 and number(v) is not None:
                d[key] = float(v)
            elif kind != 3 and whole(v) is not None:
                d[key] = int(v)
            else:
                d[key] = bools[v]  # a KeyError declines
    except (KeyError, ValueError):
        return None
    if cid is not None:
        out[cid] = make(cid, d)
    return head, out
