"""Limits on what one client may send: messages a second per connection (MessageRate), and wrong PINs, ids and
codes per client address, across reconnects (FailureLimit: a per-connection limit alone lets a guesser reconnect
and go on).

Memory is bounded (at most `max_addresses` addresses; the oldest is forgotten first) and a count expires
`window` seconds after the address's first wrong try. Times come from the injected clock (the game's)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from quizapp.classroom.live.game import Refused

RATE, BURST = 4.0, 12.0  # messages a second per connection, and how many may come at once
LIMIT = 20  # wrong tries from one address in a window: a class's typos stay far below
WINDOW = 300.0
MAX_ADDRESSES = 4096
COUNTED = ("bad_pin", "unknown_student", "bad_code", "locked")  # a try on a locked student is a guess too


class MessageRate:
    """A token bucket: RATE messages a second on average, BURST at once."""

    def __init__(self, clock: Callable[[], float], rate: float = RATE, burst: float = BURST):
        self.clock, self.rate, self.burst = clock, rate, burst
        self.tokens, self.last = burst, clock()

    def allow(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class FailureLimit:
    def __init__(
        self,
        clock: Callable[[], float],
        *,
        limit: int = LIMIT,
        window: float = WINDOW,
        max_addresses: int = MAX_ADDRESSES,
    ):
        self.clock, self.limit, self.window, self.max_addresses = clock, limit, window, max_addresses
        self._seen: OrderedDict[str, tuple[int, float]] = OrderedDict()  # address -> (wrong tries, first at)

    def __len__(self) -> int:
        return len(self._seen)

    def check(self, address: str) -> None:
        """Refused("too_many_tries") while the address has used up its wrong tries."""
        entry = self._seen.get(address)
        if entry is None:
            return
        count, since = entry
        if self.clock() - since >= self.window:
            del self._seen[address]
        elif count >= self.limit:
            raise Refused("too_many_tries", "Too many wrong tries from this device. Wait five minutes, then try again.")

    def failed(self, address: str) -> None:
        now = self.clock()
        count, since = self._seen.pop(address, (0, now))
        if now - since >= self.window:
            count, since = 0, now
        self._seen[address] = (count + 1, since)
        while len(self._seen) > self.max_addresses:
            self._seen.popitem(last=False)
