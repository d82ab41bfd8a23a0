"""Slack resends an event it thinks was not acknowledged (same ``event_id``); each one is handled once."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.response import BoltResponse

log = logging.getLogger(__name__)

REMEMBERED = 10_000  # Slack retries within minutes; this many ids cover hours of busy traffic


class SeenEvents:
    """The most recent event ids, oldest forgotten first."""

    def __init__(self, size: int = REMEMBERED) -> None:
        self.size = size
        self._ids: OrderedDict[str, None] = OrderedDict()

    def first_time(self, event_id: str) -> bool:
        """True the first time ``event_id`` is seen, and remembers it."""
        if event_id in self._ids:
            return False
        self._ids[event_id] = None
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return True


def once_per_event(seen: SeenEvents) -> Callable[..., Awaitable[BoltResponse | None]]:
    """A bolt middleware that acknowledges a resent event and stops it before any listener."""

    async def middleware(body: dict[str, Any], next: Callable[[], Awaitable[None]]) -> BoltResponse | None:
        event_id = body.get("event_id")
        if isinstance(event_id, str) and not seen.first_time(event_id):
            log.info("event %s was resent by Slack; already handled", event_id)
            return BoltResponse(status=200, body="")
        await next()
        return None

    return middleware
