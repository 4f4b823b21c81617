"""Home and a study session look at the learner's folder every few seconds for what a sync tool brought from the
learner's other computers (issue 20): terminals that do not report focus would otherwise pick it up only when home
is shown again. The look is cheap (Workspace.synced_changed: a listing and a stat per log); only a change reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from quizapp.workspace import Synced, Workspace

CHECK_EVERY = 15.0  # seconds between looks (tests set it shorter)


def watch(screen: Screen[None], workspace: Callable[[], Workspace | None]) -> None:
    """Every CHECK_EVERY seconds while `screen` is the one shown, call its pick_up_synced() if the folder of the
    learner open in `workspace()` changed."""

    def look() -> None:
        ws = workspace()
        if screen.is_active and ws is not None and ws.synced_changed():
            screen.pick_up_synced()  # type: ignore[attr-defined]

    screen.set_interval(CHECK_EVERY, look)


def tell(screen: Screen[None], synced: Synced) -> None:
    """Say what pick-up found that the learner should know (this device's log replaced meanwhile, a damaged log),
    each once."""
    for warning in synced.warnings:
        screen.notify(warning, title="Progress", severity="warning", timeout=10, markup=False)
