"""One widget per question kind, and `view_for` to pick the right one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from quizapp.tui.widgets.questions.base import OptionRow, QuestionView
from quizapp.tui.widgets.questions.choice import ChoiceView, TrueFalseView
from quizapp.tui.widgets.questions.matching import MatchingView
from quizapp.tui.widgets.questions.ordering import OrderingView
from quizapp.tui.widgets.questions.typed import TypedView

if TYPE_CHECKING:
    from quizapp.decks.models import Note
    from quizapp.quiz.questions import Question

__all__ = [
    "KIND_LABELS",
    "ChoiceView",
    "MatchingView",
    "OptionRow",
    "OrderingView",
    "QuestionView",
    "TrueFalseView",
    "TypedView",
    "view_for",
]

KIND_LABELS = {
    "choice": "Multiple choice",
    "truefalse": "True or false?",
    "typed": "Type the answer",
    "basic": "Type the answer",
    "cloze": "Fill in the blank",
    "ordering": "Put in order",
    "matching": "Match the pairs",
}
_VIEWS: dict[str, type[QuestionView]] = {
    "choice": ChoiceView,
    "truefalse": TrueFalseView,
    "typed": TypedView,
    "basic": TypedView,
    "cloze": TypedView,
    "ordering": OrderingView,
    "matching": MatchingView,
}


def view_for(question: Question, notes: Sequence[Note] = ()) -> QuestionView:
    """The widget that asks `question`; `notes` are its notes in question.note_ids order."""
    return _VIEWS[question.kind](question, notes)
