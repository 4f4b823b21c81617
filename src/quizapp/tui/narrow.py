"""Footers that fit narrow terminals: a minor key leaves the footer, never the keyboard.

A screen lists its keys once; `quiet_twins` adds an unshown copy of each minor one that runs through `action_quiet`,
and the screen's `check_action` refuses the shown binding (so the footer drops it) and allows the twin instead.
"""

from __future__ import annotations

import inspect

from textual.actions import parse
from textual.binding import Binding, BindingType


def quiet_twins(bindings: list[BindingType], actions: tuple[str, ...]) -> list[BindingType]:
    """Unshown copies of the bindings of `actions` (by name, whatever their arguments): they work when a narrow
    footer hides the shown ones. The twin of `flag(2)` runs `quiet('flag', 2)`."""
    twins: list[BindingType] = []
    for b in bindings:
        if isinstance(b, Binding) and (action := parse(b.action))[1] in actions:
            call = ", ".join(map(repr, (action[1], *action[2])))
            twins.append(Binding(b.key, f"quiet({call})", b.description, show=False))
    return twins


class QuietKeys:
    """For a screen with quiet twins: runs the hidden key's own action; redraws the footer when the width changes."""

    async def action_quiet(self, action: str, *args: object) -> None:
        result = getattr(self, f"action_{action}")(*args)
        if inspect.isawaitable(result):
            await result

    def on_resize(self) -> None:
        self.refresh_bindings()  # type: ignore[attr-defined]
