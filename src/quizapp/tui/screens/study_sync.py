"""What a study session does when the terminal regains focus: it reads what a sync tool brought from the learner's
other computers (reviews, settings, fitted FSRS parameters) and plans the cards still to come again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.tui.screens.study_keys import CARD_PHASES, EMPTY

if TYPE_CHECKING:
    from textual.screen import Screen

    from quizapp.study.session import StudyCard, StudySession
    from quizapp.workspace import Workspace

    _ScreenBase = Screen[None]  # the screen the mixin is part of, for the type checker
else:
    _ScreenBase = object


class PicksUpSynced(_ScreenBase):
    """A mixin of StudyScreen (it uses the screen's workspace, session, card and phase)."""

    ws: Workspace
    session: StudySession
    card: StudyCard | None
    phase: str

    if TYPE_CHECKING:  # the screen's own methods

        def _next(self) -> None: ...
        def _render_top(self) -> None: ...
        def _render_bottom(self, typed_key: str = "") -> None: ...

    def pick_up_synced(self) -> None:
        """Replan the session if anything arrived; settings changed on another computer bring their scheduler.
        The card on screen stays as it is (anything typed into it too), its intervals from the new settings."""
        try:
            if not self.ws.pick_up_synced().events:
                return
        except OSError as e:  # the folder went away under us: go on with what is known, say why
            self.notify(f"Could not read other computers' progress: {e}", severity="warning")
            return
        shown = self.card.card_id if self.card is not None and self.phase in CARD_PHASES else None
        self.session.replan(self.ws.scheduler, keep=shown)
        if self.phase == EMPTY:  # nothing was left; a raised limit may have brought cards
            self._next()
        elif shown is not None:
            with self.app.batch_update():
                self._render_top()
                self._render_bottom()
