"""The commented class file that `quizapp class new` writes."""

from __future__ import annotations

from collections.abc import Sequence

_TEMPLATE = """\
# A quizapp class file. Check it with: quizapp class validate {file}
format = 1

[class]
name = "{name}"
description = ""

# The roster. `id` names the student's results files (letters, digits, '.', '-', '_'),
# `name` is what the class sees on the projector.
[[students]]
id = "student-01"
name = "Student One"

[[students]]
id = "student-02"
name = "Student Two"

[[students]]
id = "student-03"
name = "Student Three"

# Optional teams for projector mode (quizapp class run ... --teams). Each student is in at most one team.
[[teams]]
name = "Red"
members = ["student-01", "student-02"]

[[teams]]
name = "Blue"
members = ["student-03"]

# A practice session. Students take it with:  quizapp class take {file} --session week-1 --student student-01
# Show it on a projector with:                quizapp class run {file} --session week-1
# Or play it live, students on their phones:  quizapp class codes {file}   (once: a personal code each)
#                                             quizapp class live {file} --session week-1 --host 0.0.0.0
# (live games leave out ordering and matching questions)
[[sessions]]
name = "week-1"
title = "Week 1 practice"
decks = []            # deck ids; empty means every deck.{decks}
tags = []             # only notes with any of these tags; empty means all
questions = 10        # how many questions
kinds = ["choice", "truefalse"]   # choice, truefalse, typed, cloze, ordering, matching
seconds = 30          # seconds per question; 0 means no limit
seed = "week-1"       # the same seed gives every student the same quiz
attempts = 1          # attempts each student may make
# Optional window, with a time zone (Z is UTC). Outside it the session refuses to start.
# opens = 2026-03-02T08:00:00Z
# closes = 2026-03-09T08:00:00Z
"""


def class_template(file_name: str, name: str = "My class", deck_ids: Sequence[str] = ()) -> str:
    """The scaffold text; `deck_ids` are listed in a comment as the decks to choose from."""
    decks = f" Available: {', '.join(deck_ids)}" if deck_ids else ""
    safe = name.replace("\\", "\\\\").replace('"', '\\"')
    file_name = "".join(ch for ch in file_name if ch.isprintable())
    return _TEMPLATE.format(file=file_name, name=safe, decks=decks)
