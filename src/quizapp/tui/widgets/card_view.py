"""A study card: its body (card_body.py) and a question face for typed answers, options and messages; and the
texts they show (front, answer, verdict, cloze)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, ScrollableContainer, VerticalScroll
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static

from quizapp.decks.models import CLOZE_RE, cloze_deletions
from quizapp.quiz.questions import BLANK, adds_to
from quizapp.scheduling.scheduler import format_interval
from quizapp.tui.paint import put, show
from quizapp.tui.text import clean, plain
from quizapp.tui.widgets.card_body import Block, CardBody
from quizapp.tui.widgets.char_diff import diff_text
from quizapp.tui.widgets.source_panel import citation, conflict_text

if TYPE_CHECKING:
    from quizapp.decks.library import Library
    from quizapp.quiz.questions import Question
    from quizapp.quiz.run import Outcome
    from quizapp.study.session import StudyCard

QUESTION_PARTS = ("card-meta", "card-front", "card-input", "card-options", "card-message", "card-custom")


class CardFace(VerticalScroll, can_focus=False):
    """The question face: a question asked with an answer box or options, or a message (real widgets)."""

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
    """The card: its body (a flashcard's question, every answer), with a question face over it for questions
    asked with an answer box or options, and for messages.

    A flashcard is asked and answered on the body, one widget whose lines change: no key press of a flashcard
    session lays the screen out again. Once a question is on screen, `prepare` builds its answer's lines, so
    showing the answer only swaps them in. The arrow and page keys scroll whichever shows.
    """

    DEFAULT_CSS = """
    CardView {
        height: 1fr;
        layers: answer question;
    }
    CardView #card-question {
        layer: question;
    }
    CardView #card-body {
        layer: answer;
    }
    CardView #card-meta {
        color: $text-muted;
        margin-bottom: 1;
    }
    CardView #card-front {
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
    CardView #card-custom {
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding(b.key, f"scroll_face('{b.action}')", b.description, show=False)
        for b in ScrollableContainer.BINDINGS
        if isinstance(b, Binding)
    ]

    def compose(self) -> ComposeResult:
        question = [
            Static(id="card-meta"),
            Static(id="card-front"),
            Input(id="card-input", placeholder="Type your answer, then press enter"),
            OptionList(id="card-options"),
            Static(id="card-message"),
            Button("Custom study…  (c)", id="card-custom", variant="primary"),
        ]
        self._parts: dict[str, Widget] = {part.id or "": part for part in question}  # no query per key
        for part in question:
            part.display = False
        self._question = CardFace(*question, id="card-question")
        self._question.display = False
        self.body = CardBody(id="card-body")
        self._prepared: tuple[tuple[object, ...], list[Block], list[Strip]] | None = None  # an answer, built
        yield self.body
        yield self._question

    @property
    def face(self) -> CardFace | CardBody:
        """What shows: the question face or the body."""
        return self._question if self._question.display else self.body

    @property
    def typing(self) -> bool:
        """Whether the answer box shows."""
        return self._question.display and self._parts["card-input"].display

    def action_scroll_face(self, action: str) -> None:
        getattr(self.face, f"action_{action}")()

    def only(self, *shown: str) -> None:
        """Show the question face with these parts (the body stays under it)."""
        for part in QUESTION_PARTS:
            show(self._parts[part], part in shown)
        if self._question.scroll_offset:
            self._question.scroll_home(animate=False)
        show(self._question, True)

    def showing(self, part: str) -> bool:
        """Whether a part shows (a question face's widget, or a block of the body; for tests)."""
        if part in self._parts:
            return self._question.display and self._parts[part].display
        return not self._question.display and self.body.text_of(part.removeprefix("card-")) is not None

    def text_of(self, part: str) -> str:
        """The plain text a part shows (for tests)."""
        if part in self._parts:
            content = self._parts[part]
            assert isinstance(content, Static)
            c = content.content
            return c.plain if isinstance(c, Text) else str(c)
        return self.body.text_of(part.removeprefix("card-")) or ""

    def put(self, part: str, content: Text | str) -> None:
        """Show `content` in a part of the question face, unless it already shows it."""
        static = self._parts[part]
        assert isinstance(static, Static)
        put(static, content)

    def put_meta(self, meta: Text) -> None:
        """The line above the question, wherever it shows."""
        self.put("card-meta", meta)
        blocks = self.body.blocks
        if blocks and blocks[0][0] == "meta":
            self.body.show([("meta", meta), *blocks[1:]])
        if self._prepared is not None:
            key, prepared, _ = self._prepared
            self._prepared = (key, [("meta", meta), *prepared[1:]], self.body.build([("meta", meta), *prepared[1:]]))

    def show_message(self, message: Text) -> None:
        """Nothing to ask: a message and the custom study button."""
        self._prepared = None
        self.put("card-message", message)
        self.only("card-message", "card-custom")
        self.body.show([])

    def clear(self) -> None:
        """Nothing shows."""
        self._prepared = None
        self.only()
        self.body.show([])

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
            box.placeholder = (
                "Type your answer, then press enter (enter alone shows the answer)"
                if question is None
                else "Type your answer, then press enter"
            )
        elif question is not None and question.kind in ("choice", "truefalse"):
            shown.append("card-options")
            self._fill_options(question)
        else:  # a flashcard: asked on the body (no layout), the question face stays hidden
            self.body.show([("meta", meta), ("front", front)])
            show(self._question, False)
            return
        self.put("card-meta", meta)
        self.put("card-front", front)
        self.only(*shown)

    def prepare(self, card: StudyCard, meta: Text, library: Library) -> None:
        """Once a flashcard's question is on screen: build its answer's lines, to show them at once."""
        key = self._key(card)
        if self._prepared is not None and self._prepared[0] == key:
            return
        blocks = self._answer(card, meta, library, None, None, None)
        self._prepared = (key, blocks, self.body.build(blocks))

    def reveal(
        self,
        card: StudyCard,
        meta: Text,
        library: Library,
        question: Question | None = None,
        outcome: Outcome | None = None,
        given: str | None = None,
    ) -> None:
        """The answer side: answer, verdict and comparison of a typed answer, explanation, source."""
        prepared, self._prepared = self._prepared, None
        blocks = self._answer(card, meta, library, question, outcome, given)
        if prepared is not None and prepared[0] == self._key(card) and prepared[1] == blocks:
            self.body.show(blocks, prepared[2])
        else:
            self.body.show(blocks)
        show(self._question, False)

    def _key(self, card: StudyCard) -> tuple[object, ...]:
        """What an answer's prepared lines were built for: this card, at this width."""
        return card.card_id, id(card), self.body.scrollable_content_region.width

    def _answer(
        self,
        card: StudyCard,
        meta: Text,
        library: Library,
        question: Question | None,
        outcome: Outcome | None,
        given: str | None,
    ) -> list[Block]:
        blocks: list[Block] = [("meta", meta), ("front", front_text(card, question))]
        back = answer_text(card, question, outcome)
        blocks.append(("back", back))
        check = verdict_of(card, question, outcome, given)
        if check is not None:
            ok, message, typed, target = check
            if typed is not None:
                blocks.append(("diff", diff_text(typed, target)))
            blocks.append(
                (
                    "verdict",
                    Text.assemble(
                        ("✓ " if ok else "✗ ", "bold green" if ok else "bold red"),
                        (clean(message), "green" if ok else "red"),
                    ),
                )
            )
        expl = clean((question.explanation if question else "") or card.note.explanation or card.note.statement)
        if adds_to(expl, back.plain, question.answer if question else ""):  # a filled cloze is often the statement
            blocks.append(("explanation", Text.assemble(("Why: ", "bold"), expl)))
        blocks.append(("source", self._source(card, library)))
        return blocks

    def _fill_options(self, q: Question) -> None:
        options = self.query_one("#card-options", OptionList)
        options.clear_options()
        if q.kind == "choice":
            labels = [Text.assemble((f"{i}  ", "bold"), clean(o)) for i, o in enumerate(q.options, 1)]
        else:
            labels = [Text.assemble(("t  ", "bold"), "True"), Text.assemble(("f  ", "bold"), "False")]
        options.add_options(labels)
        options.highlighted = None

    @staticmethod
    def _source(card: StudyCard, library: Library) -> tuple[Text, Text | None]:
        """The citation, and the note saying another source disagrees (or None)."""
        note = card.note
        src = library.source_of(note)
        title = src.title if src else note.source
        body = citation(title, note.locator, note.quote)
        c = note.conflict
        if not c:
            return body, None
        return body, conflict_text(library.source_title(c.source), c.says, c.quote)


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


def verdict_of(
    card: StudyCard, q: Question | None, o: Outcome | None, given: str | None
) -> tuple[bool, str, str | None, str] | None:
    """(right?, message, what was typed or None, the accepted form it is closest to), or None for no verdict."""
    if q is None:
        if card.kind != "typed" or given is None:
            return None
        from quizapp.quiz.answers import check_answer  # only here: it imports rapidfuzz, 50 ms the first time

        check = check_answer(given, card.answer, card.accept)
        return check.verdict.is_right, check.message, given, check.matched or card.answer
    if o is None:
        return None
    if q.kind not in ("typed", "cloze"):
        return o.correct, o.message, None, q.answer
    from quizapp.quiz.answers import check_answer

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
