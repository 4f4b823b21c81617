"""The study screen's keys (Anki's review keys) and when each works; its phases; the card's meta line."""

from __future__ import annotations

import gc
from datetime import timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding, BindingType

from quizapp.tui.flags import flag_bindings, flag_mark
from quizapp.tui.narrow import quiet_twins
from quizapp.tui.text import clean
from quizapp.tui.widgets.rating_bar import LABELS

if TYPE_CHECKING:
    from quizapp.quiz.questions import Question
    from quizapp.quiz.run import Outcome
    from quizapp.scheduling.scheduler import Rating
    from quizapp.study.session import StudyCard, StudySession
    from quizapp.workspace import Workspace

# What the screen is showing.
QUESTION, TYPING, ANSWER, RECALL = "question", "typing", "answer", "recall"
GRADED, EMPTY, DONE = "graded", "empty", "done"
CARD_PHASES = (QUESTION, TYPING, ANSWER, RECALL, GRADED)
MAX_ANSWER = timedelta(minutes=5)  # longer pauses are not counted as answering time
# The footer keys that come and go (the others show on every card): the footer is rebuilt only when one of
# these changes, since rebuilding it is the slow part of a key press.
FOOTER_ACTIONS = ("bury", "custom")
KIND_LABEL = {
    "basic": "Flashcard",
    "reverse": "Flashcard (reversed)",
    "cloze": "Fill the gap",
    "typed": "Type the answer",
    "choice": "Multiple choice",
    "truefalse": "True or false",
}
RATING_KEYS = frozenset("1234 ")  # what a rating habit types into an empty answer box

# Anki's review keys. Keys whose use the screen itself shows (buttons, options, the hint line) stay out of the
# footer, so the footer changes rarely. A key bound twice (space, enter) runs the first binding its phase allows.
BINDINGS: list[BindingType] = [
    Binding("space,enter", "reveal", "Show answer", id="study.reveal", show=False),
    Binding("space,enter", "good", "Good", id="study.good", show=False),
    Binding("enter,space", "save", "Save rating", id="study.save", show=False),
    Binding("1", "digit(1)", "Again / option 1", id="study.key1", show=False),
    Binding("2", "digit(2)", "Hard / option 2", id="study.key2", show=False),
    Binding("3", "digit(3)", "Good / option 3", id="study.key3", show=False),
    Binding("4", "digit(4)", "Easy / option 4", id="study.key4", show=False),
    Binding("t", "truth(True)", "True", id="study.true", show=False),
    Binding("f", "truth(False)", "False", id="study.false", show=False),
    Binding("o", "overrule", "I was right", id="study.overrule", show=False),
    Binding("u,ctrl+z", "undo", "Undo", id="study.undo", key_display="u"),
    Binding("minus", "bury", "Bury", id="study.bury", key_display="-"),
    Binding("at", "suspend", "Suspend", id="study.suspend", key_display="@"),
    *flag_bindings("study", shown=True),  # ctrl+1-4 as in Anki, F5-F8 where a terminal cannot send them
    Binding("asterisk", "flag", "Flag on/off", id="study.flag", show=False),
    Binding("e", "edit", "Edit", id="study.edit"),
    Binding("i", "info", "Info", id="study.info"),
    Binding("a", "toggle_recall", "Recall", id="study.recall"),
    Binding("c", "custom", "Custom study", id="study.custom"),
    Binding("escape", "home", "Home", id="study.home"),
]
NARROW_HIDDEN = ("flag", "toggle_recall", "edit", "info")  # the footer's minor keys, least useful first
BINDINGS += quiet_twins(BINDINGS, NARROW_HIDDEN)  # the same keys, unshown, for when a narrow footer hides them


def hidden_keys(width: int) -> tuple[str, ...]:
    """The footer keys a terminal this wide leaves out, so that no key is cut (every key fits from 92 columns)."""
    return () if width >= 94 else NARROW_HIDDEN[:2] if width >= 76 else NARROW_HIDDEN


def allowed(action: str, phase: str, q: Question | None, o: Outcome | None) -> bool:
    """Whether a key's action works in this phase (the study screen's check_action)."""
    if action == "reveal":
        return phase in (QUESTION, TYPING)
    if action == "good":
        return phase == ANSWER
    if action == "save":
        return phase == GRADED
    if action == "digit":
        return phase in (ANSWER, GRADED) or (phase == RECALL and q is not None and q.kind == "choice")
    if action == "truth":
        return phase == RECALL and q is not None and q.kind == "truefalse"
    if action == "overrule":
        return phase == GRADED and o is not None and not o.correct and q is not None and q.kind in ("typed", "cloze")
    if action in ("bury", "suspend", "flag", "edit", "info"):
        return phase in CARD_PHASES
    if action == "custom":
        return phase in (EMPTY, DONE)
    return True


TYPED = ("typed", "cloze")  # recall questions answered in the answer box
RECALL_HINT = {
    "choice": "Press 1–4 (or click an option) to answer.",
    "truefalse": "Press t for true or f for false (or click).",
}


def wants_typing(phase: str, q: Question | None) -> bool:
    """Whether the card waits for an answer typed in the box."""
    return phase == TYPING or (phase == RECALL and q is not None and q.kind in TYPED)


def hint_text(phase: str, q: Question | None, proposed: Rating | None, overrule: bool, typed_key: str = "") -> str:
    """The line under the card: what the keys do now. `typed_key`: a rating key just kept out of the answer box."""
    if wants_typing(phase, q):
        text = "✎ Type the answer in the box, then press enter"
        text += " (enter on an empty box shows the answer)." if phase == TYPING else "."
        if typed_key:
            text = f"“{typed_key}” was not typed: this card wants the answer typed first. " + text
        return text
    if phase == GRADED and proposed is not None:
        text = f"Proposed rating: {LABELS[proposed]}. Press 1–4 to change it, enter or space to save it."
        return text + ("  o: I was right." if overrule else "")
    if phase == RECALL and q is not None:
        return RECALL_HINT.get(q.kind, "")
    return ""


def card_meta(ws: Workspace, session: StudySession, card: StudyCard, question: Question | None) -> Text:
    """A flag mark ("⚑ red flag", coloured), the deck, the kind of card and its phase."""
    deck = ws.library.note_deck.get(card.note.id)
    state = session.state(card.card_id)
    kind = question.kind if question else card.kind
    parts = [deck.title if deck else "", KIND_LABEL.get(kind, kind), state.phase.value.capitalize()]
    meta = Text(" · ".join(clean(p) for p in parts if p))
    if state.flag:  # first, where a narrow terminal does not wrap it apart
        meta = Text.assemble(flag_mark(state.flag, "flag"), "  ", meta)
    return meta


def collect_now() -> None:
    """Turn the garbage collector back on and run the collection that was held back, now rather than at the first
    allocation of the next key press: the oldest generation over its threshold, as Python would have."""
    gc.enable()
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = [generation for generation in range(3) if counts[generation] > thresholds[generation]]
    if due:
        gc.collect(due[-1])
