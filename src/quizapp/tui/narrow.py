"""Footers that fit narrow terminals: a minor key leaves the footer, never the keyboard.

A screen lists its keys once; `quiet_twins` adds an unshown copy of each minor one that runs through `action_quiet`,
and the screen's `check_action` refuses the shown binding (so the footer drops it) and allows the twin instead.
"""

from __future__ import annotations

import inspect

from textual.binding import Binding, BindingType


def quiet_twins(bindings: list[BindingType], actions: tuple[str, ...]) -> list[BindingType]:
    """Unshown copies of the bindings of `actions`: they work when a narrow footer hides the shown ones."""
    return [
        Binding(b.key, f"quiet('{b.action}')", b.description, show=False)
        for b in bindings
        if isinstance(b, Binding) and b.action in actions
    ]


class QuietKeys:
    """For a screen with quiet twins: runs the hidden key's own action; redraws the footer when the width changes."""

    async def action_quiet(self, action: str) -> None:
        result = getattr(self, f"action_{action}")()
        if inspect.isawaitable(result):
            await result

    def on_resize(self) -> None:
        self.refresh_bindings()  # type: ignore[attr-defined]
