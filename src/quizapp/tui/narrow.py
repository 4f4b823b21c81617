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


class NarrowFooter(QuietKeys):
    """For a screen whose footer drops minor keys as the terminal narrows, and nothing else decides which keys
    work: NARROW lists (width, the actions hidden below it), widest first; the class adds `quiet_twins` of them."""

    NARROW: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def hidden_keys(self, width: int) -> tuple[str, ...]:
        hidden: tuple[str, ...] = ()
        for below, actions in self.NARROW:
            if width < below:
                hidden = actions
        return hidden

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        hidden = self.hidden_keys(self.size.width)  # type: ignore[attr-defined]
        if action == "quiet":  # a key the narrow footer hides: works whenever its shown twin would
            return parameters[0] in hidden
        return action not in hidden
