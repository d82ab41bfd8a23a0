"""How often one person may ask: a sliding window per person, shared by every front end."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable

from bot import messages
from bot.errors import UserError

# The longest window a server may set (a day), as /settings set offers it.
MAX_WINDOW_SECONDS = 86_400.0
# Forget people who have not asked for this many windows, so a busy server's table stays small.
_PRUNE_EVERY = 1024


class RateLimited(UserError):
    """The person asked too often; the message says how long to wait."""


class RateLimit:
    """At most ``rate`` questions per ``per`` seconds per person; a server may pass its own rate and window."""

    def __init__(self, rate: int, per: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.per = per
        self._clock = clock
        self._asked: dict[Hashable, deque[float]] = {}
        self._checks = 0

    def __len__(self) -> int:
        """People the limit remembers."""
        return len(self._asked)

    def retry_after(self, who: Hashable, rate: int | None = None, per: float | None = None) -> float:
        """Seconds until ``who`` may ask again; 0 counts this question and lets it through."""
        # A server's own values come from a slash command whose ranges Discord checks and discord.py does not:
        # one out of range (a negative rate, an endless or NaN window) falls back to the default.
        rate = rate if rate is not None and rate >= 1 else self.rate
        per = per if per is not None and 0 <= per <= MAX_WINDOW_SECONDS else self.per
        if per <= 0:
            return 0.0
        now = self._clock()
        self._prune(now, per)
        asked = self._asked.setdefault(who, deque())
        while asked and asked[0] <= now - per:
            asked.popleft()
        while len(asked) > rate:  # the server lowered its rate since: keep only the newest
            asked.popleft()
        if len(asked) >= rate:
            return asked[0] + per - now
        asked.append(now)
        return 0.0

    def check(self, who: Hashable, rate: int | None = None, per: float | None = None) -> None:
        """Count this question, or raise ``RateLimited`` saying how many seconds ``who`` must wait."""
        wait = self.retry_after(who, rate, per)
        if wait:
            raise RateLimited(messages.COOLDOWN.format(seconds=max(1, round(wait))))

    def _prune(self, now: float, per: float) -> None:
        self._checks += 1
        if self._checks % _PRUNE_EVERY:
            return
        for who in [who for who, asked in self._asked.items() if not asked or asked[-1] <= now - per]:
            del self._asked[who]
