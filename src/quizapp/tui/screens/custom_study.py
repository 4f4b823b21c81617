"""Custom study: pick extra cards to practise (by deck or tag) without touching the schedule unless asked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Literal, get_args

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from quizapp.tui.text import plain

if TYPE_CHECKING:
    from quizapp.decks.models import Note
    from quizapp.study.session import StudyCard
    from quizapp.workspace import Workspace

Pick = Literal["failed", "ahead", "new", "all"]
PICKS: dict[str, str] = {
    "failed": "Cards I failed today",
    "ahead": "Review ahead: cards not yet due, soonest first",
    "new": "New cards beyond today's limit",
    "all": "Every card in the selection",
}
ALL = "__all__"


@dataclass(frozen=True)
class CustomStudy:
    """What the learner chose; `reschedule=False` means practice only."""

    pick: Pick = "ahead"
    deck_id: str | None = None
    tag: str | None = None
    limit: int = 20
    reschedule: bool = False  # see reschedules_by_default(): the screen ticks it for "new"

    def describe(self) -> str:
        mode = "rescheduling" if self.reschedule else "practice, schedule unchanged"
        what = PICKS[self.pick].split(":")[0]
        return f"Custom study: {what[0].lower()}{what[1:]} ({mode})"  # "cards I failed today", not "cards i ..."


def reschedules_by_default(pick: str) -> bool:
    """New cards beyond the limit count in the schedule, as Anki's "increase today's new card limit" does;
    studying ahead, failed cards and cramming stay practice only."""
    return pick == "new"


def custom_cards(choice: CustomStudy, ws: Workspace, now: datetime) -> tuple[list[Note], list[StudyCard]]:
    """The notes in scope and the cards the choice selects (at most `limit`), in study order."""
    from quizapp.scheduling.scheduler import Phase
    from quizapp.study.session import cards_of

    notes = ws.notes(choice.deck_id, (choice.tag,) if choice.tag else ())
    states = ws.store.states
    cards = [c for n in notes for c in cards_of(n)]
    cards = [c for c in cards if (s := states.get(c.card_id)) is None or s.is_available(now)]
    if choice.pick == "failed":
        start = ws.scheduler.day_start(now)
        failed = {e.card for e in ws.store.reviews() if e.at >= start and e.rating == 1}
        cards = [c for c in cards if c.card_id in failed]
    elif choice.pick == "ahead":
        ahead = [c for c in cards if (s := states.get(c.card_id)) and s.last_review and s.due and s.due > now]
        cards = sorted(ahead, key=lambda c: states[c.card_id].due)  # type: ignore[arg-type,return-value]
    elif choice.pick == "new":
        cards = [c for c in cards if (s := states.get(c.card_id)) is None or s.phase == Phase.NEW]
    return notes, cards[: max(0, choice.limit)]


class CustomStudyScreen(ModalScreen[CustomStudy | None]):
    """Choose the cards of a custom session; dismisses with a CustomStudy, or None when cancelled."""

    DEFAULT_CSS = """
    CustomStudyScreen {
        align: center middle;
        background: $background;  /* opaque: no cut words of the screen beneath show beside it */
    }
    #custom-box {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: thick $primary;
        background: $surface;
    }
    #custom-box Horizontal {
        height: auto;
    }
    #custom-box Label {
        padding: 0 1 0 0;
    }
    #custom-box Select {
        width: 1fr;
        margin-right: 1;
    }
    #custom-picks {
        border: none;
        width: 1fr;
        height: auto;
        margin: 1 0;
        padding: 0;
    }
    #custom-reschedule > .toggle--button {
        color: $panel;
    }
    #custom-reschedule.-on > .toggle--button {
        color: $success;
    }
    #custom-limit {
        width: 10;
        margin-right: 2;
    }
    #custom-note {
        color: $text-muted;
        margin-top: 1;
    }
    #custom-buttons {
        align-horizontal: right;
        margin-top: 1;
    }
    #custom-buttons Button {
        margin-left: 2;
    }
    """

    BINDINGS = [
        Binding("s", "start", "Start", id="custom.start"),
        Binding("escape", "cancel", "Cancel", id="custom.cancel"),
    ]

    def __init__(
        self,
        decks: Sequence[tuple[str, str]],
        tags: Sequence[str],
        counter: Callable[[CustomStudy], int],
        initial: CustomStudy | None = None,
    ) -> None:
        super().__init__()
        self.decks, self.tags, self.counter = list(decks), list(tags), counter
        self.initial = initial or CustomStudy()

    def compose(self) -> ComposeResult:
        first = self.initial
        with Vertical(id="custom-box") as box:
            box.border_title = "Custom study"
            with Horizontal():
                yield Label("Deck")
                yield Select(
                    [("All decks", ALL), *((plain(t), d) for d, t in self.decks)],
                    compact=True,
                    value=first.deck_id or ALL,
                    allow_blank=False,
                    id="custom-deck",
                )
                yield Label("Tag")
                yield Select(
                    [("Any tag", ALL), *((plain(t), t) for t in self.tags)],
                    compact=True,
                    value=first.tag or ALL,
                    allow_blank=False,
                    id="custom-tag",
                )
            yield OptionList(*(Option(text, id=key) for key, text in PICKS.items()), id="custom-picks")
            with Horizontal():
                yield Label("How many")
                yield Input(str(first.limit), type="integer", compact=True, id="custom-limit")
                yield Checkbox(
                    "Reschedule: count them as real reviews", first.reschedule, compact=True, id="custom-reschedule"
                )
            yield Static(id="custom-note")
            with Horizontal(id="custom-buttons"):
                yield Button("Start (s)", variant="primary", id="custom-start")
                yield Button("Cancel (esc)", id="custom-cancel")

    def on_mount(self) -> None:
        picks = self.query_one("#custom-picks", OptionList)
        picks.highlighted = list(PICKS).index(self.initial.pick)
        self._refresh()
        picks.focus()

    def choice(self) -> CustomStudy:
        deck = self.query_one("#custom-deck", Select).value
        tag = self.query_one("#custom-tag", Select).value
        index = self.query_one("#custom-picks", OptionList).highlighted
        name = list(PICKS)[index] if index is not None else self.initial.pick
        pick: Pick = next((p for p in get_args(Pick) if p == name), "ahead")
        try:
            limit = max(1, min(9999, int(self.query_one("#custom-limit", Input).value)))
        except ValueError:
            limit = 20
        return CustomStudy(
            pick,
            None if deck == ALL else str(deck),
            None if tag == ALL else str(tag),
            limit,
            self.query_one("#custom-reschedule", Checkbox).value,
        )

    def _refresh(self) -> None:
        """Show how many cards each choice would give, and what rescheduling means."""
        choice = self.choice()
        picks = self.query_one("#custom-picks", OptionList)
        for i, (key, text) in enumerate(PICKS.items()):
            count = self.counter(replace(choice, pick=key, limit=99999))  # type: ignore[arg-type]
            mark = "●" if key == choice.pick else "○"
            picks.replace_option_prompt_at_index(i, f"{mark} {text} ({count})")
        note = (
            "Ratings will change the schedule, as in a normal session."
            if choice.reschedule
            else "Practice only: ratings are logged, but no card's schedule changes."
        )
        self.query_one("#custom-note", Static).update(note)

    def on_select_changed(self) -> None:
        self._refresh()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#custom-reschedule", Checkbox).value = reschedules_by_default(event.option.id or "")
        self._refresh()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_start()  # enter starts the highlighted option

    def on_checkbox_changed(self) -> None:
        self._refresh()

    def on_input_submitted(self) -> None:
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "custom-start":
            self.action_start()
        else:
            self.dismiss(None)

    def action_start(self) -> None:
        choice = self.choice()
        if self.counter(choice) == 0:
            self.notify("No cards match this choice. Pick another deck, tag or kind of cards.", severity="warning")
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
