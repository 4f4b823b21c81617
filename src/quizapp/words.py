"""Words the whole app shows: counts with the right plural ('1 review', '3 reviews'), never 'review(s)'."""

from __future__ import annotations


def counted(n: int, word: str, plural: str = "") -> str:
    """'1 review', '3 reviews', '0 cards': never 'review(s)'."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"
