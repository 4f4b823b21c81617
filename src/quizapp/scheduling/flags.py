"""Flags by colour, numbered as Anki numbers them: 0 no flag, 1 red, 2 orange, 3 green, 4 blue, 5 pink,
6 turquoise, 7 purple. ctrl+1 to ctrl+4 set the first four; the others come over from Anki."""

from __future__ import annotations

FLAG_NAMES = ("", "red", "orange", "green", "blue", "pink", "turquoise", "purple")
MAX_FLAG = len(FLAG_NAMES) - 1
KEYED_FLAGS = (1, 2, 3, 4)  # the colours a key sets


def flag_name(flag: int) -> str:
    """The colour's name ("red"), or "" for no flag."""
    return FLAG_NAMES[flag] if 0 <= flag <= MAX_FLAG else ""


def pressed(current: int, colour: int | None) -> int:
    """The flag after pressing `colour`'s key: that colour, or none when the card has it already (as in Anki).
    `colour` None is the toggle key: a flagged card loses its flag, an unflagged one turns red."""
    if colour is None:
        return 0 if current else 1
    return 0 if current == colour else colour
