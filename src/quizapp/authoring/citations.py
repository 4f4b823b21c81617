"""Citations: a book's or a newspaper's year, a page, a journal's volume are where a fact was read, not facts.

"Cambridge University Press (2018)", "The Times (2000-05-18)", "ISBN 978-1-107-49471-8 (1949, reissued
2015), p 8", "Finest Hour (Spring 2002) 1(114):26", "(p 157)": asked, they test the reference list. A
pamphlet's or a mission's year ("'The Waste of Daylight' (1907)", "the Pathfinder mission (1997)") is a fact
of the text and stays."""

from __future__ import annotations

import re

from quizapp.authoring.facts import Fact

__all__ = ["cited"]

# the sentence is a reference itself: "See: Summer Time Arrives Early, The Times (2000-05-18)."
_REFERENCE = re.compile(r"^(?:See(?: also)?:|Cf\.\s)")
# in a bracket right after a catalogue number: "ISBN 978-1-107-49471-8 (1949, reissued 2015)"
_AFTER_NUMBER = re.compile(r"\b(?:ISBN|ISSN)(?:-1[03])?:?\s?[\dX-]{9,17}\s\([^()]*$")
# a year or date in brackets right after a publisher's or a periodical's name
_IMPRINT = re.compile(
    r"\b(?:Press|Times|Journal|Review|Magazine|Gazette|Herald|Post|Weekly|Quarterly|Monthly|Publishing|Publishers|"
    r"Books|Proceedings|Chronicle|Tribune|Bulletin|Transactions|Edition)\s\((?:[A-Z][a-z]+\s)?$"
)
_VOLUME = re.compile(r"^[^()]{0,3}\)\s*\d+(?:\(\d+\))?:\d+")  # "(Spring 2002) 1(114):26", "(1953) 171:737"
_PAGE = re.compile(r"(?:^|[\s(,])pp?\.?\s$")  # "(p 157)", ", p. 8", "pp. 12"


def cited(sentence: str, fact: Fact) -> bool:
    """Whether `fact` is part of a citation in `sentence` (a reference sentence, an imprint's year, a
    journal's volume and page, a page number), so never asked."""
    if fact.kind == "name":
        return False
    if _REFERENCE.search(sentence):
        return True
    before, after = sentence[: fact.start], sentence[fact.end :]
    return bool(_IMPRINT.search(before) or _AFTER_NUMBER.search(before) or _VOLUME.match(after) or _PAGE.search(before))
