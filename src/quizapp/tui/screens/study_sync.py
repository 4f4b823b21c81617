"""What a study session does when a sync tool brought something from the learner's other computers (looked for every
few seconds, tui.synced, and when the terminal regains focus): reviews and settings (fitted FSRS parameters too)
replan the cards still to come; active recall or typed answers switched there apply from the next card; a warning
(this device's own log replaced meanwhile) is shown once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.tui import synced
from quizapp.tui.screens.study_keys import CARD_PHASES, DONE, EMPTY

if TYPE_CHECKING:
    from textual.screen import Screen

    from quizapp.study.session import StudyCard, StudySession
    from quizapp.workspace import Synced, Workspace

    _ScreenBase = Screen[None]  # the screen the mixin is part of, for the type checker
else:
    _ScreenBase = object

MODES = {  # setting -> (the screen's attribute, what is said when another computer switches it)
    "active_recall": ("recall", "Active recall was switched {} on another computer: from the next card."),
    "type_answers": (
        "type_answers",
        "Typing the answer of typed cards was switched {} on another computer: from the next card.",
    ),
}


class PicksUpSynced(_ScreenBase):
    """A mixin of StudyScreen (it uses the screen's workspace, session, card and phase)."""

    ws: Workspace
    session: StudySession
    card: StudyCard | None
    phase: str
    recall: bool  # ask cards as questions (active recall)
    type_answers: bool  # typed cards: type the answer, or flip
    _modes_due: dict[str, bool] | None = None  # the screen's attribute -> its value from the sync, for the next card

    if TYPE_CHECKING:  # the screen's own methods

        def _next(self) -> None: ...
        def _render_top(self) -> None: ...
        def _render_bottom(self, typed_key: str = "") -> None: ...

    def on_mount(self) -> None:  # Textual calls it besides the screen's own
        synced.watch(self, lambda: self.ws)

    def pick_up_synced(self) -> None:
        """Replan the session if anything arrived; settings changed on another computer bring their scheduler.
        The card on screen stays as it is (anything typed into it too), its intervals from the new settings."""
        try:
            found = self.ws.pick_up_synced()
        except OSError as e:  # the folder went away under us: go on with what is known, say why
            self.notify(f"Could not read other computers' progress: {e}", severity="warning")
            return
        synced.tell(self, found)
        self._modes_from(found)
        if not found.events:
            return
        shown = self.card.card_id if self.card is not None and self.phase in CARD_PHASES else None
        self.session.replan(self.ws.scheduler, keep=shown)
        if self.phase == EMPTY:  # nothing was left; a raised limit may have brought cards
            self._next()
        elif shown is not None:
            with self.app.batch_update():
                self._render_top()
                self._render_bottom()

    def _modes_from(self, found: Synced) -> None:
        """Active recall or typed answers switched on another computer: noted for the next card (the card on
        screen is asked as it was), or at once when no card is shown."""
        settings = self.ws.store.profile.settings
        for name in found.changed:
            if name in MODES:
                attribute, said = MODES[name]
                value = bool(getattr(settings, name))
                self._modes_due = {**(self._modes_due or {}), attribute: value}
                self.notify(said.format("on" if value else "off"), title="Synced")
        if self._modes_due and (self.card is None or self.phase in (EMPTY, DONE)):
            self.take_synced_modes()
            self._render_top()

    def take_synced_modes(self) -> None:
        """Before the next card is asked: the modes switched on another computer."""
        for attribute, value in (self._modes_due or {}).items():
            setattr(self, attribute, value)
        self._modes_due = None

    def keep_own_mode(self, attribute: str) -> None:
        """The learner switched a mode here since: theirs is the latest word, the synced one is not applied."""
        if self._modes_due:
            self._modes_due.pop(attribute, None)
