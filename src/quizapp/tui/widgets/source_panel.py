"""Where a note comes from: source title, locator and quote, and a note when another source disagrees.

The card body (card_body.CardBody) draws them in a round box titled "Source".
"""

from __future__ import annotations

from rich.text import Text

from quizapp.tui.text import clean


def citation(title: str, locator: str, quote: str) -> Text:
    """Source title, locator and the quote, as text (deck text is never markup)."""
    body = Text().append(clean(title), style="bold")
    body.append(f" — {clean(locator)}", style="dim")
    body.append("\n“" + clean(quote) + "”", style="italic")
    return body


def conflict_text(other: str, says: str, other_quote: str | None) -> Text:
    """Another source disagrees: its title, what it says and its quote (if any)."""
    note = Text().append("⚠ Sources disagree. ", style="bold")
    note.append(clean(other), style="bold")
    note.append(" says: " + clean(says))
    if other_quote:
        note.append("\n“" + clean(other_quote) + "”", style="italic")
    return note
