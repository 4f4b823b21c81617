"""A form with one field per note key: the fact, its citation, its timeline and each question kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from quizapp.tui.text import plain


@dataclass(frozen=True)
class Field:
    key: str  # dotted: "statement", "choice.answer"
    label: str
    kind: str = "input"  # input | area | words | lines | check | select
    hint: str = ""

    @property
    def widget_id(self) -> str:
        return "f-" + self.key.replace(".", "-")


SECTIONS: list[tuple[str, list[Field]]] = [
    (
        "Fact",
        [
            Field("statement", "Statement", "area", "the fact, in one plain sentence"),
            Field("explanation", "Explanation", "area", "optional: why it matters, shown after an answer"),
            Field("tags", "Tags", "words", "optional: ids separated by spaces"),
            Field("draft", "Draft: not studied until checked", "check"),
            Field("study", "Flashcard", "select"),
        ],
    ),
    (
        "Citation",
        [
            Field("source", "Source", "select"),
            Field("locator", "Locator", hint="where in the source: section, paragraph"),
            Field("quote", "Quote", "area", "the source's own words"),
        ],
    ),
    (
        "Timeline",
        [
            Field("date", "Date", hint="optional: YYYY, YYYY-MM or YYYY-MM-DD"),
            Field("event", "Event", hint="optional: short label for ordering questions; needs a date"),
        ],
    ),
    (
        "Basic flashcard",
        [
            Field("basic.front", "Front"),
            Field("basic.back", "Back"),
            Field("basic.reverse", "Also ask back → front", "check"),
        ],
    ),
    (
        "Typed answer",
        [
            Field("typed.prompt", "Prompt"),
            Field("typed.answer", "Answer"),
            Field("typed.accept", "Also right", "lines", "other right answers, one per line"),
        ],
    ),
    ("Cloze", [Field("cloze.text", "Text", "area", "mark deletions as {{c1::answer}} or {{c1::answer::hint}}")]),
    (
        "Multiple choice",
        [
            Field("choice.prompt", "Prompt"),
            Field("choice.answer", "Answer"),
            Field("choice.distractors", "Wrong options", "lines", "one per line"),
            Field("choice.pool", "Pool", hint="optional: draw wrong options from this pool"),
        ],
    ),
    (
        "True or false",
        [
            Field("truefalse.false", "False variant", "area", "a plausible but false statement"),
            Field("truefalse.correction", "Correction", "area", "why it is false"),
        ],
    ),
    (
        "Matching",
        [
            Field("match.group", "Group", hint="e.g. person-office"),
            Field("match.left", "Left"),
            Field("match.right", "Right"),
        ],
    ),
    (
        "Conflict",
        [
            Field("conflict.source", "Other source", "select"),
            Field("conflict.says", "It says", "area", "in your own words"),
            Field("conflict.quote", "Its quote", hint="optional"),
        ],
    ),
]
FIELDS = [f for _, fields in SECTIONS for f in fields]
STUDY_KINDS = ("basic", "typed", "cloze")


class NoteForm(VerticalScroll):
    """Edit a note's data (the dict that models.Note validates); posts Changed on every edit. When the statement
    is edited, ctrl+r redrafts the cloze, typed, choice and true/false questions from it; ctrl+a selects the
    whole field being edited."""

    BINDINGS = [
        Binding("ctrl+a", "select_field", "Select all", id="note_form.select_all", priority=True),
        Binding("ctrl+r", "redraft", "Redraft questions", id="note_form.redraft"),
    ]

    DEFAULT_CSS = """
    NoteForm { padding: 0 1; }
    NoteForm .form-section { text-style: bold; color: $accent; margin-top: 1; }
    NoteForm .form-row { height: auto; margin-bottom: 0; }
    NoteForm .form-label { width: 14; padding: 0 1 0 0; color: $text-muted; }
    NoteForm .form-row > Input, NoteForm .form-row > Select { width: 1fr; }
    NoteForm .form-row > TextArea { width: 1fr; height: 3; }
    NoteForm .form-row > Checkbox { width: 1fr; border: none; padding: 0; height: 1; }
    NoteForm #f-id { width: 1fr; color: $text-muted; }
    """

    @dataclass
    class Changed(Message):
        """A field of the form changed."""

        form: NoteForm

    def __init__(
        self,
        note_id: str,
        sources: list[tuple[str, str]],
        others: list[str] | None = None,
        *,
        id: str | None = None,  # noqa: A002
    ):
        super().__init__(id=id)
        self.note_id = note_id
        self.sources = sources  # (id, title)
        self.others = others or []  # the deck's other statements, for wrong options when redrafting
        self._statement = ""  # as loaded
        self.redraft_offered = False

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label("Id", classes="form-label")
            yield Static(plain(f"{self.note_id}  (never changes)"), id="f-id")
        for title, fields in SECTIONS:
            yield Static(title, classes="form-section")
            for f in fields:
                with Horizontal(classes="form-row"):
                    if f.kind != "check":
                        yield Label(f.label, classes="form-label")
                    yield self._widget(f)

    def _widget(self, f: Field) -> Input | TextArea | Checkbox | Select:
        if f.kind == "check":
            return Checkbox(f.label, id=f.widget_id, compact=True)
        if f.kind in ("area", "lines"):
            return TextArea(id=f.widget_id, compact=True, placeholder=f.hint, soft_wrap=True)
        if f.kind == "select":
            if f.key == "study":
                options = [(k, k) for k in STUDY_KINDS]
                return Select(options, id=f.widget_id, compact=True, prompt="default")
            sources = [(_short(f"{title} ({sid})"), sid) for sid, title in self.sources]
            blank = f.key == "conflict.source"
            return Select(
                sources, id=f.widget_id, compact=True, allow_blank=blank, prompt="none" if blank else "Select"
            )
        return Input(id=f.widget_id, compact=True, placeholder=f.hint)

    # -- values ------------------------------------------------------------------------------------------------
    def load(self, data: dict[str, Any], fields: list[Field] | None = None) -> None:
        """Fill every field (or only `fields`) from note data (missing keys leave the field empty)."""
        if fields is None:
            self._statement, self.redraft_offered = str(data.get("statement") or ""), False
        for f in fields or FIELDS:
            value = _get(data, f.key)
            widget = self.query_one(f"#{f.widget_id}")
            if isinstance(widget, Checkbox):
                widget.value = bool(value)
            elif isinstance(widget, Select):
                widget.value = value if value is not None else Select.NULL
            elif isinstance(widget, TextArea):
                widget.load_text("\n".join(value) if isinstance(value, list) else str(value or ""))
            elif isinstance(widget, Input):
                widget.value = " ".join(value) if isinstance(value, list) else str(value or "")

    def data(self) -> dict[str, Any]:
        """The note data the fields describe: empty fields are left out, a question table only when filled in."""
        out: dict[str, Any] = {"id": self.note_id}
        for f in FIELDS:
            value = self._value(f)
            if value in (None, "", [], False):
                continue
            head, _, tail = f.key.partition(".")
            if tail:
                out.setdefault(head, {})[tail] = value
            else:
                out[head] = value
        for key in ("basic", "typed", "cloze", "choice", "truefalse", "match", "conflict"):
            table = out.get(key)
            if table is not None and set(table) <= {"reverse"}:
                del out[key]  # only a tick box: the question is not filled in
        return out

    def _value(self, f: Field) -> Any:
        widget = self.query_one(f"#{f.widget_id}")
        if isinstance(widget, Checkbox):
            return widget.value
        if isinstance(widget, Select):
            return None if widget.is_blank() else widget.value
        text = widget.text if isinstance(widget, TextArea) else widget.value if isinstance(widget, Input) else ""
        if f.kind == "words":
            return text.replace(",", " ").split()
        if f.kind == "lines":
            return [line.strip() for line in text.splitlines() if line.strip()]
        return text.strip()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        control = getattr(event, "control", None)
        edited = getattr(control, "id", None) == "f-statement" and not self.redraft_offered and self._statement
        if edited and " ".join(self._value(FIELDS[0]).split()) != " ".join(self._statement.split()):
            self.redraft_offered = True
            self.notify("The statement changed: ctrl+r redrafts its cloze, typed, choice and true/false questions.")
        self.post_message(self.Changed(self))

    def action_select_field(self) -> None:
        """Select the whole text of the field being edited."""
        focused = self.app.focused
        if isinstance(focused, (Input, TextArea)):
            focused.action_select_all()

    def action_redraft(self) -> None:
        """Replace the cloze, typed, choice and true/false fields with ones drafted from the statement."""
        from quizapp.authoring.draft import REDRAFTED, redraft

        drafted = redraft(self._value(FIELDS[0]), self.others)
        if drafted is None:
            self.notify("The statement has no date, number or name to ask for; the questions are unchanged.")
            return
        self.load(drafted, [f for f in FIELDS if f.key.split(".")[0] in REDRAFTED])
        self.notify("Questions redrafted from the statement; check them, then save.")


def _short(text: str, limit: int = 36) -> Text:
    return plain(text if len(text) <= limit else text[: limit - 1] + "…")


def _get(data: dict[str, Any], key: str) -> Any:
    head, _, tail = key.partition(".")
    value = data.get(head)
    if tail:
        return value.get(tail) if isinstance(value, dict) else None
    return value
