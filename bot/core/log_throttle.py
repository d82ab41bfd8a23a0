"""Keeps a repeating warning from flooding the log: the first at once, then one summary per interval."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable


class ThrottledWarning:
    """Logs the first occurrence, then at most one line per ``interval`` seconds saying how many were held back."""

    def __init__(
        self, logger: logging.Logger, interval: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._log = logger
        self._interval = interval
        self._clock = clock
        self._last: float | None = None
        self._held = 0

    def warn(self, message: str, *args: object) -> None:
        """Log ``message % args`` now, or count it for the next summary."""
        now = self._clock()
        if self._last is not None and now - self._last < self._interval:
            self._held += 1
            return
        if self._held and self._last is not None:
            since = now - self._last
            self._log.warning(message + " (and %d more like it in the last %.0f s)", *args, self._held, since)
        else:
            self._log.warning(message, *args)
        self._last = now
        self._held = 0

    def flush(self, message: str) -> None:
        """Say how many occurrences were held back since the last line (at shutdown)."""
        if self._held:
            self._log.warning("%s: %d more since the last warning", message, self._held)
            self._held = 0
