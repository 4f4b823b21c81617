"""Flags by colour on screen: the keys that set them (study and browser) and the mark that shows one.

Anki's keys are ctrl+1 to ctrl+4, which most terminals do not send (measured under tmux: only ctrl+2 arrives, as
ctrl+@); F5 to F8 arrive everywhere, so they set the same colours, and `*` toggles a flag (red) in study. A mark
always names its colour beside the coloured ⚑, so it reads without colour too."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from quizapp.scheduling.flags import KEYED_FLAGS, flag_name

FLAG_STYLE = ("", "red", "dark_orange", "green", "dodger_blue1", "hot_pink", "dark_turquoise", "medium_purple")
FLAG_KEYS = ("", "ctrl+1,f5", "ctrl+2,ctrl+@,f6", "ctrl+3,f7", "ctrl+4,f8")  # by colour; ctrl+@ is what ctrl+2 sends


def flag_bindings(screen: str, *, shown: bool) -> list[Binding]:
    """The four colour keys for `screen`'s `flag(colour)` action (ids "study.red_flag", …), each named by its
    colour; `shown`: the footer also shows ctrl+1 as "^1–4 Flag" (id "study.flag_keys")."""
    keys = [
        Binding(
            "f5" if shown and c == 1 else FLAG_KEYS[c],  # shown, ctrl+1 has its own binding (below)
            f"flag({c})",
            f"{flag_name(c).capitalize()} flag",
            id=f"{screen}.{flag_name(c)}_flag",
            show=False,
        )
        for c in KEYED_FLAGS
    ]
    if shown:
        keys.insert(0, Binding("ctrl+1", "flag(1)", "Flag", id=f"{screen}.flag_keys", key_display="^1–4"))
    return keys


def flag_mark(flag: int, word: str = "") -> Text:
    """The mark "⚑ red" (with `word` "flag": "⚑ red flag") in the colour; an empty text for no flag."""
    if not flag:
        return Text("")
    return Text(" ".join(filter(None, ("⚑", flag_name(flag), word))), style=f"bold {FLAG_STYLE[flag]}")
