"""The (time, device, seq) keys of a device snapshot's card states, packed into one text that is decoded only when
needed.

A snapshot records, per card, the key of the event its state comes from, so that a record arriving later from
another device merges in the same order. Opening a learner needs none of them in the common case (every record
read after the snapshot is newer than all of them: `high`, the greatest key, says so), so they are kept as one
TOML literal string, a line `card<TAB>time<TAB>device<TAB>seq` per card, read as one value and split into a
dict only when a record older than `high` must be ordered against a card (progress.layout.Merge).
"""

from __future__ import annotations

import re

Key = tuple[str, str, int]  # (UTC time as fixed-width ISO text, which sorts as the time does; device; seq)
LOW: Key = ("", "", 0)  # the key of a state from an older quizapp's snapshot: any event comes after it
Packed = tuple[str, Key]  # (the packed lines, the greatest key among them and any left unpacked)

_FIELD = r"[^\t\n\x00-\x1f\x7f']"
_PACKABLE = re.compile(rf"{_FIELD}+")
PACKED_TEXT = re.compile(rf"(?:{_FIELD}+\t{_FIELD}+\t{_FIELD}*\t[0-9]{{1,18}}\n)*")


def pack(keys: dict[str, tuple]) -> tuple[Packed, dict[str, tuple]]:
    """(packed text with its greatest key, the keys that cannot go in it: a card id or device with a tab, a quote
    or a control character, written per card instead)."""
    lines, rest = [], {}
    high: Key = LOW
    for cid, k in keys.items():
        t, d, s = k
        if high < k:
            high = (t, d, s)
        if _PACKABLE.fullmatch(cid) and _PACKABLE.fullmatch(t) and (not d or _PACKABLE.fullmatch(d)):
            lines.append(f"{cid}\t{t}\t{d}\t{s}\n")
        else:
            rest[cid] = k
    return ("".join(lines), high), rest


def unpack(text: str) -> dict[str, Key]:
    """The keys of a packed text (checked against PACKED_TEXT when read)."""
    out: dict[str, Key] = {}
    for line in text.split("\n")[:-1]:  # each line ends with "\n" (splitlines would also split at U+2028 etc.)
        cid, t, d, s = line.split("\t")
        out[cid] = (t, d, int(s))
    return out


def greatest(keys: dict[str, tuple], high: Key = LOW) -> Key:
    """The greatest of `high` and the keys' values."""
    top = max(keys.values(), default=LOW)
    return (top[0], top[1], top[2]) if high < top else high
