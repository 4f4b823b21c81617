"""One card in full: its note, every question field, its source, its memory state and its review history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from quizapp.scheduling.flags import flag_name
from quizapp.scheduling.scheduler import CardState, Phase, Rating, format_interval
from quizapp.study.session import REV_SUFFIX
from quizapp.tui.flags import flag_mark
from quizapp.tui.text import clean, plain
from quizapp.words import counted

if TYPE_CHECKING:
    from quizapp.decks.models import Note
    from quizapp.progress.store import Event
    from quizapp.workspace import Workspace

Clock = Callable[[], datetime]
HISTORY_SHOWN = 100


def _line(label: str, value: object, style: str = "") -> Text:
    return Text.assemble((clean(f"{label}: "), "bold"), plain(value, style))


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def question_lines(note: Note) -> list[Text]:
    """Every question field of a note, labelled."""
    out: list[Text] = []
    if note.basic:
        out += [_line("Front", note.basic.front), _line("Back", note.basic.back)]
        if note.basic.reverse:
            out.append(Text("  (also studied in reverse)", style="dim"))
    if note.typed:
        out += [_line("Typed", note.typed.prompt), _line("  answer", note.typed.answer, "green")]
        if note.typed.accept:
            out.append(_line("  also accepted", ", ".join(note.typed.accept)))
    if note.cloze:
        out.append(_line("Cloze", note.cloze.text))
    if note.choice:
        out += [_line("Choice", note.choice.prompt), _line("  answer", note.choice.answer, "green")]
        if note.choice.distractors:
            out.append(_line("  distractors", ", ".join(note.choice.distractors)))
        if note.choice.pool:
            out.append(_line("  distractor pool", note.choice.pool))
    if note.truefalse:
        out += [_line("False variant", note.truefalse.false), _line("  correction", note.truefalse.correction)]
    if note.match:
        out.append(_line(f"Match ({note.match.group})", f"{note.match.left} ↔ {note.match.right}"))
    return out


def _when(at: datetime, tz: tzinfo | None = None) -> str:
    """A time in the learner's zone (`tz`, the system's if None)."""
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def memory_lines(
    s: CardState | None, retrievability: float | None, now: datetime, tz: tzinfo | None = None
) -> list[Text]:
    """The card's state: phase, due, stability, difficulty, retrievability and marks."""
    if s is None or s.phase == Phase.NEW:
        lines = [_line("State", "new (never reviewed)")]
    else:
        lines = [_line("State", s.phase.value)]
        if s.due:
            rel = "now" if s.due <= now else "in " + format_interval(s.due - now)
            lines.append(_line("Due", f"{_when(s.due, tz)} ({rel})"))
        if s.last_review:
            lines.append(_line("Last review", _when(s.last_review, tz)))
        if s.stability is not None:
            lines.append(_line("Stability", f"{s.stability:.1f} days"))
        if s.difficulty is not None:
            lines.append(_line("Difficulty", f"{s.difficulty:.2f} (1 easy – 10 hard)"))
        if retrievability is not None:
            lines.append(_line("Retrievability", f"{retrievability:.0%} chance of recall now"))
    if s and s.flag:
        lines.append(Text.assemble(("Flag: ", "bold"), flag_mark(s.flag)))
    marks = ["suspended"] if s and s.suspended else []
    if s and s.buried_until and s.buried_until > now:
        marks.append(f"buried until {_when(s.buried_until, tz)}")
    if marks:
        lines.append(_line("Marks", ", ".join(marks), "yellow"))
    return lines


def history_lines(events: list[Event], tz: tzinfo | None = None) -> list[Text]:
    """One line per event, newest first; undone reviews are struck through."""
    undone = {e.undoes for e in events if e.type == "undo"}
    out: list[Text] = []
    for e in reversed(events[-HISTORY_SHOWN:]):
        line = Text(_when(e.at, tz) + "  ", style="dim")
        what = e.type + (" " + flag_name(e.state.flag) if e.type == "flag" else "")
        if e.rating is not None:
            what += " " + (Rating(e.rating).name.title() if 1 <= e.rating <= 4 else str(e.rating))
        line.append(what.ljust(14), style="strike dim" if e.seq in undone else "")
        extra = []
        if e.kind:
            extra.append(e.kind)
        if e.duration_ms is not None:
            extra.append(f"{e.duration_ms / 1000:.1f}s")
        if e.type == "review" and e.state.due:
            extra.append("next " + format_interval(e.state.due - e.at))
        line.append(plain("  ".join(extra), "dim"))
        out.append(line)
    if len(events) > HISTORY_SHOWN:
        out.append(Text(f"… and {counted(len(events) - HISTORY_SHOWN, 'earlier event')}", style="dim"))
    return out or [Text("No reviews yet.", style="dim")]


class CardDetailScreen(ModalScreen[None]):
    """Everything about one card; escape closes it."""

    DEFAULT_CSS = """
    CardDetailScreen { align: center middle; background: $background; }  /* opaque: no cut words beside it */
    CardDetailScreen #detail-box {
        width: 100; max-width: 100%; height: 100%; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    CardDetailScreen #detail-box > Static { width: 1fr; }
    """

    BINDINGS = [Binding("escape,q", "close", "Close", id="card_detail.close")]

    def __init__(self, workspace: Workspace, card_id: str, *, clock: Clock | None = None, tz: tzinfo | None = None):
        super().__init__()
        self.tz = tz
        self.workspace = workspace
        self.card_id = card_id
        self.clock = clock or (lambda: datetime.now(UTC))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-box") as box:
            box.border_title = "Card details"
            box.border_subtitle = "escape close"
            self.body = self._body()
            yield Static(self.body, id="detail-body")
        yield Footer()  # this screen's keys, not those of the screen beneath

    def _body(self) -> Text:
        ws, now = self.workspace, self.clock()
        note_id = self.card_id.removesuffix(REV_SUFFIX)
        note = ws.library.notes.get(note_id)
        if note is None:
            return plain(f"Card {self.card_id} is not in any loaded deck.")
        deck = ws.library.note_deck.get(note.id)
        state = ws.store.states.get(self.card_id)
        parts: list[Text] = [
            Text.assemble(plain(self.card_id, "bold"), ("  ·  ", "dim"), plain(deck.title if deck else "")),
            plain(note.statement, "bold"),
        ]
        if note.tags:
            parts.append(_line("Tags", ", ".join(note.tags), "cyan"))
        if note.date:
            parts.append(_line("Date", f"{note.date}" + (f" — {note.event}" if note.event else "")))
        if note.explanation:
            parts.append(_line("Explanation", note.explanation))
        parts += [_heading("Questions"), *question_lines(note), _heading("Source")]
        parts += self._source_lines(note)
        parts += [_heading("Memory"), *memory_lines(state, self._retrievability(state, now), now, self.tz)]
        events = [e for e in ws.store.history() if e.card == self.card_id]
        parts += [_heading(f"History ({counted(len(events), 'event')})"), *history_lines(events, self.tz)]
        return Text("\n").join(parts)

    def _retrievability(self, state: CardState | None, now: datetime) -> float | None:
        return self.workspace.scheduler.retrievability(state, now) if state else None

    def _source_lines(self, note: Note) -> list[Text]:
        lib = self.workspace.library
        source = lib.source_of(note)
        lines = [_line("Title", source.title if source else note.source)]
        if source:
            by = " · ".join(x for x in (source.author, source.publisher, source.date) if x)
            lines.append(plain(f"{by} ({source.kind})" if by else source.kind, "dim"))
            if source.url:
                lines.append(_line("URL", source.url))
        lines += [_line("Where", note.locator), Text.assemble(("Quote: ", "bold"), plain(f"“{note.quote}”", "italic"))]
        if note.conflict:
            c = note.conflict
            lines += [_heading("Conflict"), _line(lib.source_title(c.source) + " says", c.says, "yellow")]
            if c.quote:
                lines.append(plain(f"“{c.quote}”", "italic"))
        return lines

    def action_close(self) -> None:
        self.dismiss(None)
