"""Name the "I" of a quotation after the person the text says is speaking ("Ian Murdock writes: ...", "Bill
Mitchell remembers ...", "Hartmut Koptein reports that ..."), so that a note quoting them reads alone: "For a long
time, I could build the kernel ..." -> "For a long time, Bill Mitchell could build the kernel ..."."""

from __future__ import annotations

import re

_SAYS = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?: [A-Z]\.)?(?: [A-Z][\w'’-]+){1,2}),?(?: (?:also|later|still)| [a-z]+ly)? "
    r"(?:writes|wrote|states|stated|says|said|recalls|recalled|remembers|remembered|reports|reported|explains|"
    r"explained|adds|added|notes|noted)\b"
)
# "I" as the subject of a verb in the past or with a modal, which read right after a name ("I uploaded",
# "I could build"); "I recall", "I'm" and "I remember" are left as they are
_I = re.compile(r"(?<![\w'’])I(?= (?:was|had|could|would|should|might|did|never|once|[a-z]{2,}ed)\b)")
KEEP = 8  # how many sentences after a speaker is named a quotation may still run


def speaker_of(sentence: str) -> str | None:
    """The person `sentence` says is speaking or writing ("Ian Murdock writes:"), or None."""
    found = list(_SAYS.finditer(sentence))
    return found[-1]["name"] if found else None


def speak_as(sentence: str, speaker: str) -> str:
    """`sentence` with its first-person subject "I" named as `speaker`."""
    return _I.sub(speaker, sentence)
