"""The body of a study card: prompt, answer input or options, answer, comparison, explanation and source."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, ScrollableContainer, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static

from quizapp.models import CLOZE_RE, cloze_deletions
from quizapp.questions import BLANK
from quizapp.scheduler import format_interval
from quizapp.tui.paint import put, show
from quizapp.tui.text import clean, plain
from quizapp.tui.widgets.char_diff import CharDiff
from quizapp.tui.widgets.source_panel import SourceBox, SourcePanel

if TYPE_CHECKING:
    from quizapp.decks import Library
    from quizapp.questions import Question
    from quizapp.quiz import Outcome
    from quizapp.session import StudyCard

QUESTION_PARTS = ("card-meta", "card-front", "card-input", "card-options", "card-message", "card-custom")
ANSWER_PARTS = ("card-answer-meta", "card-answer-front", "card-back", "card-diff", "card-verdict",
                "card-explanation", "card-source", "card-conflict")


class CardFace(VerticalScroll, can_focus=False):
    """One side of the card: the question, or the answer (which shows the question above it)."""

    DEFAULT_CSS = """
    CardFace {
        height: 1fr;
        padding: 1 2;
        align-horizontal: center;
    }
    CardFace > * {
        max-width: 110;
    }
    """


class CardView(Container, can_focus=True):
    """The card: a question face over an answer face, each part shown or hidden by the study screen.

    A flashcard's question is shown on the answer face (its first two parts), with the question face hidden.
    Once that frame is drawn, `prepare` puts the question face over it, showing the same, and fills the answer
    face's explanation and source under it: they are laid out and drawn, unseen, while the question is read.
    Showing the answer then hides the question face and shows one more part, instead of laying out and drawing
    every part in the frame after the key press (and no face's background is redrawn in a key's frame). A typed
    or a multiple-choice question is asked on the question face. The arrow and page keys scroll the face that
    is showing.
    """

    DEFAULT_CSS = """
    CardView {
        height: 1fr;
        layers: answer question;
    }
    CardView #card-question {
        layer: question;
    }
    CardView #card-answer {
        layer: answer;
    }
    CardView #card-meta, CardView #card-answer-meta {
        color: $text-muted;
        margin-bottom: 1;
    }
    CardView #card-front, CardView #card-answer-front {
        text-style: bold;
    }
    CardView #card-input {
        margin-top: 1;
    }
    CardView #card-options {
        height: auto;
        margin-top: 1;
        border: none;
        padding: 0;
    }
    CardView #card-back {
        margin-top: 1;
        padding: 0 1;
        border-left: thick $success;
    }
    CardView #card-verdict {
        margin-top: 1;
    }
    CardView #card-explanation {
        margin-top: 1;
    }
    CardView #card-custom {
        margin-top: 1;
    }
    """

    BINDINGS = [Binding(b.key, f"scroll_face('{b.action}')", b.description, show=False)
                for b in ScrollableContainer.BINDINGS if isinstance(b, Binding)]

    def compose(self) -> ComposeResult:
        question = [
            Static(id="card-meta"),
            Static(id="card-front"),
            Input(id="card-input", placeholder="Type your answer, then press enter"),
            OptionList(id="card-options"),
            Static(id="card-message"),
            Button("Custom study…  (c)", id="card-custom", variant="primary"),
        ]
        answer = [
            Static(id="card-answer-meta"),
            Static(id="card-answer-front"),
            Static(id="card-back"),
            CharDiff(id="card-diff"),
            Static(id="card-verdict"),
            Static(id="card-explanation"),
            SourceBox(id="card-source"),  # the citation, or the panel below when sources disagree
            SourcePanel(id="card-conflict"),
        ]
        self._parts: dict[str, Widget] = {part.id or "": part for part in question + answer}  # no query per key
        for part in question + answer:
            part.display = False
        self._question = CardFace(*question, id="card-question")
        self._answer = CardFace(*answer, id="card-answer")
        self._prepared: tuple[object, ...] | None = None  # the card whose answer is drawn under the question
        yield self._answer
        yield self._question

    @property
    def face(self) -> CardFace:
        """The face that shows."""
        return self._question if self._question.display else self._answer

    @property
    def typing(self) -> bool:
        """Whether the answer box shows."""
        return self._question.display and self._parts["card-input"].display

    def action_scroll_face(self, action: str) -> None:
        getattr(self.face, f"action_{action}")()

    def _only(self, face: CardFace, shown: list[str]) -> None:
        for part in QUESTION_PARTS if face is self._question else ANSWER_PARTS:
            show(self._parts[part], part in shown)
        if face.scroll_offset:
            face.scroll_home(animate=False)

    def only(self, *shown: str) -> None:
        """Show the question face with these parts (the answer face stays under it)."""
        self._only(self._question, list(shown))
        show(self._question, True)

    def put(self, part: str, content: Text | str) -> None:
        """Show `content` in a part, unless it already shows it."""
        static = self._parts[part]
        assert isinstance(static, Static)
        put(static, content)

    def put_meta(self, meta: Text) -> None:
        """The line above the question, on both faces."""
        self.put("card-meta", meta)
        self.put("card-answer-meta", meta)

    def show_message(self, message: Text) -> None:
        """Nothing to ask: a message and the custom study button."""
        self._prepared = None
        self.put("card-message", message)
        self.only("card-message", "card-custom")

    def ask(self, card: StudyCard, meta: Text, question: Question | None = None, typing: bool = False) -> None:
        """The question side: the card's front (or the recall question), with an answer box or options."""
        self._prepared = None
        front = front_text(card, question)
        shown = ["card-meta", "card-front"]
        if typing:
            shown.append("card-input")
            box = self._parts["card-input"]
            assert isinstance(box, Input)
            box.value = ""
            box.placeholder = ("Type your answer, then press enter (enter alone shows the answer)" if question is None
                               else "Type your answer, then press enter")
        elif question is not None and question.kind in ("choice", "truefalse"):
            shown.append("card-options")
            self._fill_options(question)
        else:  # a flashcard: asked on the answer face, which keeps the answer hidden until `prepare`
            self.put("card-answer-meta", meta)
            self.put("card-answer-front", front)
            self._only(self._answer, shown=["card-answer-meta", "card-answer-front"])
            show(self._question, False)
            return
        self.put("card-meta", meta)
        self.put("card-front", front)
        self.only(*shown)

    def prepare(self, card: StudyCard, meta: Text, library: Library) -> None:
        """Once a flashcard's question is on screen: cover it with the question face, showing the same, and fill
        the answer face under it with all but the answer itself (drawn unseen, in the next frame)."""
        key = (card.card_id, id(card))
        if self._prepared == key:
            return
        self._prepared = key
        front = front_text(card, None)
        if not self._question.display:
            self.put("card-meta", meta)
            self.put("card-front", front)
            self.only("card-meta", "card-front")
        self._fill_answer(card, meta, library, None, None, None, reveal=False)

    def reveal(self, card: StudyCard, meta: Text, library: Library, question: Question | None = None,
               outcome: Outcome | None = None, given: str | None = None) -> None:
        """The answer side: answer, verdict and comparison of a typed answer, explanation, source."""
        self._prepared = None
        self._fill_answer(card, meta, library, question, outcome, given, reveal=True)
        show(self._question, False)

    def _fill_answer(self, card: StudyCard, meta: Text, library: Library, question: Question | None,
                     outcome: Outcome | None, given: str | None, *, reveal: bool) -> None:
        self.put("card-answer-meta", meta)
        self.put("card-answer-front", front_text(card, question))
        shown = ["card-answer-meta", "card-answer-front"]
        back = answer_text(card, question, outcome)
        if reveal:
            shown.append("card-back")
            self.put("card-back", back)
            check = verdict_of(card, question, outcome, given)
            if check is not None:
                ok, message, typed, target = check
                shown.append("card-verdict")
                self.put("card-verdict", Text.assemble(("✓ " if ok else "✗ ", "bold green" if ok else "bold red"),
                                                       (clean(message), "green" if ok else "red")))
                if typed is not None:
                    shown.append("card-diff")
                    diff = self._parts["card-diff"]
                    assert isinstance(diff, CharDiff)
                    diff.compare(typed, target)
        expl = clean((question.explanation if question else "") or card.note.explanation or card.note.statement)
        if expl.strip() != back.plain.strip():  # a filled-in cloze often is the statement itself
            shown.append("card-explanation")
            self.put("card-explanation", Text.assemble(("Why: ", "bold"), expl))
        shown.append(self._show_source(card, library))
        self._only(self._answer, shown)

    def _fill_options(self, q: Question) -> None:
        options = self.query_one("#card-options", OptionList)
        options.clear_options()
        if q.kind == "choice":
            labels = [Text.assemble((f"{i}  ", "bold"), clean(o)) for i, o in enumerate(q.options, 1)]
        else:
            labels = [Text.assemble(("t  ", "bold"), "True"), Text.assemble(("f  ", "bold"), "False")]
        options.add_options(labels)
        options.highlighted = None

    def _show_source(self, card: StudyCard, library: Library) -> str:
        """Fill the source box, or the panel when another source disagrees; the part to show."""
        note = card.note
        src = library.source_of(note)
        title = src.title if src else note.source
        if not note.conflict:
            box = self._parts["card-source"]
            assert isinstance(box, SourceBox)
            box.show(title, note.locator, note.quote)
            return "card-source"
        c = note.conflict
        panel = self._parts["card-conflict"]
        assert isinstance(panel, SourcePanel)
        panel.show(title, note.locator, note.quote, (library.source_title(c.source), c.says, c.quote))
        return "card-conflict"


def front_text(card: StudyCard, q: Question | None) -> Text:
    """The question: a recall question, a cloze with its blank, or the card's front."""
    if q is not None:
        if q.kind == "truefalse":
            return Text.assemble(("True or false?\n", "dim"), clean(q.prompt))
        return blanked(q.prompt) if q.kind == "cloze" else plain(q.prompt)
    if card.kind == "cloze" and card.note.cloze:
        return cloze_text(card.note.cloze.text, reveal=False)
    return plain(card.front)


def answer_text(card: StudyCard, q: Question | None, o: Outcome | None) -> Text:
    """The answer: the card's back, the filled cloze, or the recall question's options marked right and wrong."""
    if q is None:
        if card.kind == "cloze" and card.note.cloze:
            return cloze_text(card.note.cloze.text, reveal=True)
        out = plain(card.back, style="bold")
        if card.accept:
            out.append("\nAlso accepted: " + clean(", ".join(card.accept)), style="dim")
        return out
    if q.kind == "choice":
        lines = Text()
        for i, option in enumerate(q.options):
            right, picked = i == q.correct[0], o is not None and o.given == option
            mark, style = ("✓ ", "bold green") if right else ("✗ ", "red strike") if picked else ("  ", "dim")
            lines.append(("\n" if i else "") + mark + clean(option), style=style)
        return lines
    if q.kind == "truefalse":
        return Text(f"The statement is {'true' if q.truth else 'false'}.", style="bold")
    return Text.assemble(("Answer: ", "dim"), (clean(q.answer), "bold"))


def verdict_of(card: StudyCard, q: Question | None, o: Outcome | None,
               given: str | None) -> tuple[bool, str, str | None, str] | None:
    """(right?, message, what was typed or None, the accepted form it is closest to), or None for no verdict."""
    if q is None:
        if card.kind != "typed" or given is None:
            return None
        from quizapp.answers import check_answer  # only here: it imports rapidfuzz, 50 ms the first time

        check = check_answer(given, card.answer, card.accept)
        return check.verdict.is_right, check.message, given, check.matched or card.answer
    if o is None:
        return None
    if q.kind not in ("typed", "cloze"):
        return o.correct, o.message, None, q.answer
    from quizapp.answers import check_answer

    target = check_answer(o.given, q.answer, q.accept).matched or q.answer
    return o.correct, o.message, o.given, target


def cloze_text(text: str, reveal: bool) -> Text:
    """A cloze sentence with its first deletion blanked (hint shown) or filled in and highlighted."""
    numbers = sorted({n for n, _, _ in cloze_deletions(text)})
    target = 1 if 1 in numbers else numbers[0]
    out = Text()
    pos = 0
    for m in CLOZE_RE.finditer(text):
        out.append(clean(text[pos : m.start()]))
        if int(m[1]) != target:
            out.append(clean(m[2]))
        elif reveal:
            out.append(clean(m[2]), style="bold green underline")
        else:
            out.append(BLANK + (f" ({clean(m[3])})" if m[3] else ""), style="bold yellow")
        pos = m.end()
    out.append(clean(text[pos:]))
    return out


def blanked(prompt: str) -> Text:
    """A cloze prompt with its blank highlighted."""
    t = Text(clean(prompt))
    t.highlight_words([BLANK], style="bold yellow")
    return t


def when_text(due: datetime, now: datetime) -> str:
    """'in 10m (at 14:20)', 'in 1d (tomorrow 09:00)', 'in 4d (Mon 09 Mar)'."""
    rel = format_interval(max(due - now, timedelta(0)))
    local, today = due.astimezone(), now.astimezone().date()
    if local.date() == today:
        return f"in {rel} (at {local:%H:%M})"
    if local.date() == today + timedelta(days=1):
        return f"in {rel} (tomorrow {local:%H:%M})"
    return f"in {rel} ({local:%a %d %b})"
