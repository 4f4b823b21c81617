"""Keys and what each screen is for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

SECTIONS = {
    "home": """**Home** — `s` study what is due · `z` quiz · `b` browse cards · `t` stats · `o` settings ·
`l` switch learner · `enter` study the highlighted deck · `ctrl+p` command palette (study or quiz a deck by name,
themes) · `ctrl+q` quit.

*New*, *Learning*, *Due*: cards to see today. *Learned*: cards past their learning steps (in review), of the
deck's total — it grows from your first day. *Mastery*: the share of the deck's cards you will remember for at
least three weeks (in review with a stability of 21 days or more) — it grows slowly, over weeks.""",
    "study": """**Study** — `space`/`enter` show the answer · `1` Again · `2` Hard · `3` Good · `4` Easy (each shows
the interval it gives); after the answer `space`/`enter` rate Good · `u`/`ctrl+z` undo (ratings, bury, suspend,
flag, edits; most recent first) · `-` bury until tomorrow · `@` suspend · `ctrl+1`–`ctrl+4` flag red, orange,
green, blue (or `F5`–`F8`, for terminals that cannot send ctrl+digits; the same key again clears the flag) ·
`*` flag on/off (red) · `e` edit the note · `i` card info · `a` active recall on/off ·
`c` custom study when nothing is due · `escape` back. Typed cards want the answer typed (a setting flips them
like flashcards); `t`/`f` answer only true-or-false questions. Every rating is saved before the next card.

**Active recall** (`a`) — answer with `1`–`4`, `t`/`f` or by typing; the suggested rating is highlighted,
`1`–`4` changes it, `enter` saves it, `o` "I was right".""",
    "quiz": """**Quiz** — `1`–`4` choose an option · `t`/`f` true or false · type and `enter` for typed and cloze
questions · ordering: `up`/`down` to pick, `shift+up`/`shift+down` (or `k`/`j`) to move, `enter` to submit ·
matching: pick an item by number (or `up`/`down`) then its partner by letter `a`–`f`, `backspace` undoes ·
`o` "I was right" after a typed answer was marked wrong · `enter` next question · `escape` leaves
(only finished quizzes are saved).""",
    "browser": """**Browser** — type to search · `/` back to the search box · `down` into the table · `enter` card
details · `e` edit the note · `s` suspend/unsuspend · `f` flag on/off (red) · `ctrl+1`–`ctrl+4` (or `F5`–`F8`)
flag red, orange, green, blue · state filter: new, learning, review, due, buried, suspended, flagged (any colour),
one per colour (red flag, orange flag, …), leech · `escape` back.""",
    "stats": "**Stats** — `d` pick a deck · `r` refresh.",
    "settings": "**Settings** — edit a field, `ctrl+s` or `enter` to save, `escape` to cancel.",
}
FOOT = "Progress is kept in TOML files in your data folder (`QUIZAPP_HOME` overrides it)."
SCREENS = {  # screen class name -> its section
    "HomeScreen": "home",
    "StudyScreen": "study",
    "QuizScreen": "quiz",
    "QuizSetupScreen": "quiz",
    "ResultsScreen": "quiz",
    "BrowserScreen": "browser",
    "CardDetailScreen": "browser",
    "StatsScreen": "stats",
    "SettingsScreen": "settings",
}


def help_text(screen_name: str = "") -> str:
    """The help, the section of the screen it was asked from first."""
    first = SCREENS.get(screen_name)
    order = ([first] if first else []) + [k for k in SECTIONS if k != first]
    return "# quizapp help\n\n" + "\n\n".join(SECTIONS[k] for k in order) + "\n\n" + FOOT + "\n"


HELP = help_text()


class HelpScreen(ModalScreen[None]):
    """The help text; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background;  /* opaque: no cut words of the screen beneath show beside it */
    }
    #help-box {
        width: 90;
        max-width: 95%;
        height: 80%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, screen_name: str = "") -> None:
        super().__init__()
        self.screen_name = screen_name

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(help_text(self.screen_name))
        yield Footer()  # this screen's keys, not those of the screen beneath
