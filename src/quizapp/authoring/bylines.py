"""A byline or message header opening a sentence: who wrote a passage and when, not a fact of the text.

A commented source, a mailing-list digest or a collected correspondence opens its passages with "From Paul
Eggert (2014-07-19): ..." or "Date: 4 Jan 89 08:57:25 GMT (Wed) From: Jonathan Leffler ...". The date is when
a note was written, never a fact to learn; the sentence after it may hold real facts, so the byline is cut off
and the rest drafted as any sentence."""

from __future__ import annotations

import re

__all__ = ["strip_byline"]

_NAME = r"[A-Z][\w.'’-]*(?:\s(?:[A-Z][\w.'’-]*|de|van|von|der|da))*"
_DATED = r"\((?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}\s\w{3,9}\.?\s\d{2,4}|\w{3,9}\.?\s\d{1,2},?\s\d{4})\)"
# "From Paul Eggert (2014-07-19): ", "From Sir Alexander Maxwell in the above-mentioned letter (1941-04-21): "
_FROM = re.compile(rf"^From\s{_NAME}(?:,?\s[a-z][^():]{{0,60}})?\s{_DATED}:\s+")
# "Date: 4 Jan 89 08:57:25 GMT (Wed) From: Jonathan Leffler ", "Subject: ..." lines run into the text
_HEADER = re.compile(
    r"^Date:\s[^:]{0,40}?\d{1,2}:\d{2}(?::\d{2})?(?:\s[A-Z]{2,5})?(?:\s[+-]\d{4})?(?:\s\(\w{3}\))?\s+"
    r"(?:From:\s[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}(?:\s<[^<>\s]+>)?\s+)?"
)


def strip_byline(sentence: str) -> str:
    """`sentence` without a byline or message header at its start ("From Paul Eggert (2014-07-19): The
    ancients had no need ..." -> "The ancients had no need ..."); the sentence as it is when it has none."""
    for pattern in (_FROM, _HEADER):
        m = pattern.match(sentence)
        if m and len(sentence) > m.end():
            rest = sentence[m.end() :]
            return rest[:1].upper() + rest[1:] if rest[:1].isalpha() else rest
    return sentence
