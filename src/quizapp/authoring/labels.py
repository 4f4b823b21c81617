"""Numbers that label a paragraph rather than state a fact: verse numbers, numbered clauses.

A Bible chapter typed with each verse's number at the start of its paragraph ("8 Jehoiachin was eighteen years
old ...", "9 He did ...") or a set of clauses numbered "1", "2", "3" gives numbers nobody learns: they are never
asked, and a note's statement reads without them. Only consecutive bare numbers opening consecutive paragraphs
count: a paragraph that merely begins with a number ("1843 was a hard year") is left alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from quizapp.authoring.docsplit import Paragraph

_OPENING_NUMBER = re.compile(r"^(\d{1,3})\.?\s+(?=[\w“\"‘'(\[])")
_ENDS = re.compile(r"[.!?;:][\"”’')\]]*$")
MIN_RUN = 3  # consecutive numbered paragraphs before the numbers are taken for labels


def _number(para: Paragraph) -> int | None:
    m = _OPENING_NUMBER.match(para.text)
    return int(m[1]) if m else None


def _labelled(paragraphs: list[Paragraph]) -> set[int]:
    """Indexes of the paragraphs whose opening number belongs to a run of at least MIN_RUN consecutive numbers
    ("8", "9", "10" ...) opening consecutive paragraphs."""
    runs: list[list[int]] = []
    for i, para in enumerate(paragraphs):
        n = _number(para)
        last = runs[-1] if runs else None
        if n is not None and last and last[-1] == i - 1 and _number(paragraphs[i - 1]) == n - 1:
            last.append(i)
        elif n is not None:
            runs.append([i])
    return {i for run in runs if len(run) >= MIN_RUN for i in run}


def strip_paragraph_numbers(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """`paragraphs` with the labelling numbers at their starts removed (see the module's note); a labelled
    paragraph that goes on with the one before ("... while his servants were besieging it," then "12 and
    Jehoiachin ...") is joined to it, as the verse's sentence runs on."""
    labelled = _labelled(paragraphs)
    if not labelled:
        return paragraphs
    out: list[Paragraph] = []
    joinable = False
    for i, para in enumerate(paragraphs):
        if i not in labelled:
            out.append(para)
            joinable = False
            continue
        text = _OPENING_NUMBER.sub("", para.text, count=1)
        if joinable and out and out[-1].section == para.section and text[:1].islower():
            out[-1] = replace(out[-1], text=f"{out[-1].text} {text}")
        else:
            out.append(replace(para, text=text))
        joinable = not _ENDS.search(out[-1].text)
    return out
