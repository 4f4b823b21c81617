"""Keys and what each screen is for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# quizapp help

**Home** — `s` study what is due · `z` quiz · `b` browse cards · `t` stats · `o` settings · `l` switch learner ·
`enter` study the highlighted deck · `ctrl+p` command palette (themes too) · `ctrl+q` quit.

**Study** — `space`/`enter` show the answer · `1` Again · `2` Hard · `3` Good · `4` Easy
(each shows the interval it gives) · `u`/`ctrl+z` undo the last rating · `b` bury until tomorrow ·
`s` suspend · `f` flag · `a` active recall on/off · `escape` back. Every rating is saved before the next card appears.

**Quiz** — `1`–`4` choose an option · `t`/`f` true or false · type and `enter` for typed and cloze questions ·
ordering: `up`/`down` to pick, `shift+up`/`shift+down` (or `k`/`j`) to move, `enter` to submit ·
matching: pick an item by number (or `up`/`down`) then its partner by letter `a`–`f`, `backspace` undoes ·
`o` "I was right" after a typed answer was marked wrong · `enter` next question · `escape` leaves
(only finished quizzes are saved).

**Active recall** (in study, `a`) — answer with `1`–`4`, `t`/`f` or by typing; the suggested rating is highlighted,
`1`–`4` changes it, `enter` saves it, `o` "I was right". `c` custom study when nothing is due.

**Browser** — type to search · `/` back to the search box · `down` into the table · `enter` card details ·
`s` suspend/unsuspend · `f` flag/unflag · `escape` back. **Stats** — `d` pick a deck · `r` refresh.
**Settings** — edit a field, `ctrl+s` or `enter` to save, `escape` to cancel.

Progress is kept in TOML files in your data folder (`QUIZAPP_HOME` overrides it).
"""


class HelpScreen(ModalScreen[None]):
    """The help text; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
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

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(HELP)
