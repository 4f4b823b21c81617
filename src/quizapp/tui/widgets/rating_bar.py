"""The bottom bar of a study card: "Show answer", then Again / Hard / Good / Easy with their intervals."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

from quizapp.scheduler import Rating, format_interval

LABELS = {Rating.AGAIN: "Again", Rating.HARD: "Hard", Rating.GOOD: "Good", Rating.EASY: "Easy"}
VARIANTS = {Rating.AGAIN: "error", Rating.HARD: "warning", Rating.GOOD: "success", Rating.EASY: "primary"}


class RatingBar(Horizontal):
    """Four rating buttons (keys 1-4) that show the interval each gives, or one "Show answer" button."""

    DEFAULT_CSS = """
    RatingBar {
        height: 3;
        width: 1fr;
        align-horizontal: center;
        padding: 0 1;
    }
    RatingBar Button {
        width: 1fr;
        max-width: 24;
        min-width: 12;
        margin: 0 1;
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
        reveal = Button("Show answer  (space)", id="rating-reveal", variant="primary")
        reveal.can_focus = False
        yield reveal
        for r in Rating:
            b = Button(LABELS[r], id=f"rating-{int(r)}", variant=VARIANTS[r])  # type: ignore[arg-type]
            b.can_focus = False  # keys 1-4 go to the screen; clicks still work
            yield b

    def show_reveal(self, label: str = "Show answer  (space)") -> None:
        """Only the reveal button."""
        self.display = True
        reveal = self.query_one("#rating-reveal", Button)
        reveal.label = label
        reveal.display = True
        for r in Rating:
            self.query_one(f"#rating-{int(r)}", Button).display = False

    def show_ratings(self, previews: dict[Rating, timedelta], proposed: Rating | None = None) -> None:
        """The four ratings, each with its interval; `proposed` is highlighted."""
        self.display = True
        self.query_one("#rating-reveal", Button).display = False
        for r in Rating:
            b = self.query_one(f"#rating-{int(r)}", Button)
            b.display = True
            b.label = rating_label(r, previews.get(r), r == proposed)
            b.set_class(r == proposed, "-proposed")

    def proposed(self) -> Rating | None:
        return next((r for r in Rating if self.query_one(f"#rating-{int(r)}", Button).has_class("-proposed")), None)

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
