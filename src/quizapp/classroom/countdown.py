"""A question's countdown on an injected clock: start, pause and resume, stop (frozen at what was left).

Used by the teacher-scored projector and by live games, so a pause means the same in both. No Textual here."""

from __future__ import annotations

from collections.abc import Callable


class QuestionTimer:
    """`seconds` = 0 means no time limit (remaining() is then None)."""

    def __init__(self, clock: Callable[[], float], seconds: int):
        self.clock, self.seconds = clock, seconds
        self.started = self._deadline = 0.0
        self._frozen: float | None = None  # seconds left while paused or stopped
        self.start()

    def start(self) -> None:
        self.started = self.clock()
        self._deadline = self.started + self.seconds
        self._frozen = None

    def remaining(self) -> float | None:
        if not self.seconds:
            return None
        if self._frozen is not None:
            return self._frozen
        return max(0.0, self._deadline - self.clock())

    @property
    def frozen(self) -> bool:
        """Paused, or stopped (the time left is kept)."""
        return self._frozen is not None

    def toggle(self) -> None:
        """Pause, or resume a paused countdown with the time it had left; nothing without a time limit."""
        if not self.seconds:
            return
        if self._frozen is None:
            self._frozen = self.remaining()
        else:
            self._deadline = self.clock() + self._frozen
            self._frozen = None

    def stop(self) -> None:
        self._frozen = self.remaining()

    def spent(self) -> float:
        """Seconds the question has been open (paused time not counted when there is a limit)."""
        left = self.remaining()
        return self.seconds - left if left is not None else self.clock() - self.started

    def time_is_up(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0 and not self.frozen
