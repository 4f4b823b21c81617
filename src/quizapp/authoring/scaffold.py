"""A new, commented deck file to start writing from."""

from __future__ import annotations

import re

from quizapp.authoring.tomltext import toml_string

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")

_TEMPLATE = """\
# A quizapp deck (format 1). Lines starting with '#' are comments; delete them when you like.
# Check the file at any time with:  quizapp deck validate <this file>
format = 1  # the deck format version; always 1 for now

[deck]
id = {deck_id}  # stable id: lower-case letters, digits, '.', '_' or '-'; never change it once learners use the deck
title = {title}  # shown in the deck list
description = ""  # one or two sentences: what the deck covers and for whom
language = "en"  # language of the deck text, as a short code ("en", "ur", "ru")
version = "1.0"  # bump it when you publish a change
tags = []  # ids that group decks, e.g. ["history"]
authors = []  # your name(s), e.g. ["A. Author"]

# Every note cites a source. Declare each source once, then refer to it by id.
[[sources]]
id = "example-source"  # stable id that notes use in `source = ...`
title = "Title of the document"  # as printed on the document
publisher = "Who published it"  # optional: organisation or site
author = "Who wrote it"  # optional
date = "2024-05-01"  # optional: YYYY, YYYY-MM or YYYY-MM-DD of publication
kind = "official"  # official, encyclopedia, speech, article, book, web, document or other
url = "https://example.org/document"  # optional: where to read it

# A note is one fact. Its id is the card id: keep it forever, even when you reword the note.
[[notes]]
id = {note_id}  # stable id (the deck id is its prefix, so decks never share ids); never derive it from the text
statement = "The example treaty was signed on 1 May 1948 in New York."  # the fact, in one plain sentence
source = "example-source"  # id of a source declared above
locator = "Section 2, para 3"  # where in the source: section, page or paragraph
quote = "the treaty was signed in New York on May 1, 1948"  # short verbatim words from the source
tags = ["treaties"]  # optional ids to filter study sessions
date = "1948-05-01"  # optional: YYYY, YYYY-MM or YYYY-MM-DD; puts the note on timelines
event = "Example treaty signed"  # optional short label for ordering questions; needs `date`
explanation = "Why it matters, in a sentence or two."  # optional: shown after an answer
# draft = true  # mark notes that still need checking against the source
# same_as = ["other-deck-0007"]  # notes in other decks that teach the same fact: never learnt twice
# study = "cloze"  # which flashcard to show: basic, typed or cloze (default: the first one present)

# Each table below turns the note into one kind of question. Keep the ones that fit the fact.
[notes.cloze]  # mark each deletion as {{{{c1::answer}}}} or {{{{c1::answer::hint}}}}
text = "The example treaty was signed on {{{{c1::1 May 1948}}}} in New York."

[notes.choice]
prompt = "In which year was the example treaty signed?"
answer = "1948"
distractors = ["1947", "1950", "1955"]  # plausible wrong options, never the answer
# pool = "year"  # or: draw wrong options from the answers of other notes in the same pool

[notes.truefalse]
false = "The example treaty was signed in 1958."  # a plausible but false variant of the statement
correction = "It was signed on 1 May 1948."  # why the false variant is wrong

# Other question kinds, commented out. Remove the leading '# ' to use one.
# [notes.basic]
# front = "When was the example treaty signed?"
# back = "On 1 May 1948."
# reverse = false  # true also asks back -> front
#
# [notes.typed]
# prompt = "In which city was the example treaty signed?"
# answer = "New York"
# accept = ["NYC"]  # other answers that count as right
#
# [notes.match]
# group = "treaty-city"  # notes of the same group are matched against each other
# left = "Example treaty"
# right = "New York"
#
# [notes.conflict]  # when another declared source says otherwise
# source = "other-source"
# says = "It gives 2 May 1948 instead."
# quote = "signed on 2 May 1948"
"""


def new_deck_text(deck_id: str, title: str) -> str:
    """A commented TOML deck with one source and one example note; it validates as a Deck."""
    if not _ID.match(deck_id):
        raise ValueError(f"deck id {deck_id!r} must be lower-case letters, digits, '.', '_' or '-' (at most 80)")
    title = title.strip()
    if not title or len(title) > 400:
        raise ValueError("title must be 1 to 400 characters")
    note_id = f"{deck_id[:75].rstrip('._-')}-0001"
    return _TEMPLATE.format(deck_id=toml_string(deck_id), title=toml_string(title), note_id=toml_string(note_id))
