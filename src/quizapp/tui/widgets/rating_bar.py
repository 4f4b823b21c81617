"""The bottom bar of a study card: "Show answer", then Again / Hard / Good / Easy with their intervals."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

from quizapp.scheduler import Rating, format_interval
from quizapp.tui.paint import show

LABELS = {Rating.AGAIN: "Again", Rating.HARD: "Hard", Rating.GOOD: "Good", Rating.EASY: "Easy"}
VARIANTS = {Rating.AGAIN: "error", Rating.HARD: "warning", Rating.GOOD: "success", Rating.EASY: "primary"}


class RatingBar(Horizontal):
    """Four rating buttons (keys 1-4) that show the interval each gives, or one "Show answer" button.

    The rating buttons stay laid out under a curtain that holds the "Show answer" button: showing the answer
    only lifts the curtain, and the buttons, given their labels while the question was read (`prepare`), are
    already drawn. Toggling the buttons themselves would redraw all four in the frame after the key press.
    """

    DEFAULT_CSS = """
    RatingBar {
        height: 3;
        width: 1fr;
        align-horizontal: center;
        padding: 0 1;
        layers: default curtain;
    }
    RatingBar Button {
        width: 1fr;
        max-width: 24;
        min-width: 12;
        margin: 0 1;
    }
    RatingBar #rating-group, RatingBar #rating-curtain {
        width: 1fr;
        height: 3;
        align-horizontal: center;
    }
    RatingBar #rating-curtain {
        layer: curtain;
    }
    RatingBar #rating-reveal {
        max-width: 40;
    }
    RatingBar Button.-proposed {
        text-style: bold reverse;
    }
    """

    class Rated(Message):
        """A rating button was clicked."""

        def __init__(self, rating: Rating) -> None:
            self.rating = rating
            super().__init__()

    class RevealPressed(Message):
        """The "Show answer" button was clicked."""

    def compose(self) -> ComposeResult:
        self._buttons: dict[Rating, Button] = {}
        for r in Rating:
            b = Button(LABELS[r], id=f"rating-{int(r)}", variant=VARIANTS[r])  # type: ignore[arg-type]
            b.can_focus = False  # keys 1-4 go to the screen; clicks still work
            self._buttons[r] = b
        # In a group of their own: lifting the curtain lays out the bar's two children, not the four buttons.
        yield Horizontal(*self._buttons.values(), id="rating-group")
        self._reveal = Button("Show answer  (space)", id="rating-reveal", variant="primary")
        self._reveal.can_focus = False
        # Covers the rating buttons (all of the bar's content area) while it is shown.
        self._curtain = Horizontal(self._reveal, id="rating-curtain")
        yield self._curtain

    def show_reveal(self, label: str = "Show answer  (space)") -> None:
        """Only the reveal button (what does not change is not touched: each change costs a repaint)."""
        show(self, True)
        if str(self._reveal.label) != label:
            self._reveal.label = label
            self._reveal.refresh(layout=True)  # a label repaints only; a longer one may wrap to another line
        show(self._curtain, True)

    def prepare(self, previews: dict[Rating, timedelta], proposed: Rating | None = None) -> None:
        """Give the rating buttons their labels while they are covered, so they are drawn before they show."""
        for r, b in self._buttons.items():
            label = rating_label(r, previews.get(r), r == proposed)
            if str(b.label) != label.plain:
                b.label = label
                b.refresh(layout=True)  # a label repaints only; a longer one may wrap to another line
            b.set_class(r == proposed, "-proposed")

    def show_ratings(self, previews: dict[Rating, timedelta], proposed: Rating | None = None) -> None:
        """The four ratings, each with its interval; `proposed` is highlighted."""
        show(self, True)
        self.prepare(previews, proposed)
        show(self._curtain, False)

    def proposed(self) -> Rating | None:
        return next((r for r, b in self._buttons.items() if b.has_class("-proposed")), None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        bid = event.button.id or ""
        if bid == "rating-reveal":
            self.post_message(self.RevealPressed())
        elif bid.startswith("rating-"):
            self.post_message(self.Rated(Rating(int(bid.removeprefix("rating-")))))


def rating_label(rating: Rating, interval: timedelta | None, proposed: bool = False) -> Text:
    """'3 Good · 10m' (with arrows when proposed)."""
    label = Text().append(f"{int(rating)} ", style="bold")
    label.append(LABELS[rating])
    if interval is not None:
        label.append(f" · {format_interval(interval)}")
    if proposed:
        label = Text("▶ ").append_text(label).append(" ◀")
    return label
