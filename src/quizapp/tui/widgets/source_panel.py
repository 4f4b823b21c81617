"""Where a note comes from: source title, locator and quote, and a note when another source disagrees."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from quizapp.tui.paint import put, show
from quizapp.tui.text import clean

_BOX = """
    height: auto;
    border: round $primary 60%;
    border-title-color: $text-muted;
    padding: 0 1;
    margin-top: 1;
"""


def citation(title: str, locator: str, quote: str) -> Text:
    """Source title, locator and the quote, as text (deck text is never markup)."""
    body = Text().append(clean(title), style="bold")
    body.append(f" — {clean(locator)}", style="dim")
    body.append("\n“" + clean(quote) + "”", style="italic")
    return body


class SourceBox(Static):
    """The citation of a note no other source disagrees with: one widget, drawn as the panel draws it.

    The panel below is a container of two widgets; most notes need only this box, which is cheaper to lay out
    and draw in the frame that shows the answer.
    """

    DEFAULT_CSS = "SourceBox {" + _BOX + "}"

    def on_mount(self) -> None:
        self.border_title = "Source"

    def show(self, title: str, locator: str, quote: str) -> None:
        put(self, citation(title, locator, quote))


class SourcePanel(Vertical):
    """The citation of one note; the conflict line is shown only when there is one."""

    DEFAULT_CSS = "SourcePanel {" + _BOX + "}" + """
    SourcePanel #source-conflict {
        margin-top: 1;
        padding: 0 1;
        border-left: thick $warning;
        color: $text-warning;
        background: $warning 10%;
    }
    """

    def compose(self) -> ComposeResult:
        self._body, self._conflict = Static(id="source-body"), Static(id="source-conflict")
        yield self._body
        yield self._conflict

    def on_mount(self) -> None:
        self.border_title = "Source"

    def show(self, title: str, locator: str, quote: str, conflict: tuple[str, str, str | None] | None = None) -> None:
        """Show a citation; `conflict` is (other source title, what it says, its quote or None)."""
        put(self._body, citation(title, locator, quote))
        show(self._conflict, conflict is not None)
        if conflict:
            other, says, other_quote = conflict
            note = Text().append("⚠ Sources disagree. ", style="bold")
            note.append(clean(other), style="bold")
            note.append(" says: " + clean(says))
            if other_quote:
                note.append("\n“" + clean(other_quote) + "”", style="italic")
            put(self._conflict, note)
