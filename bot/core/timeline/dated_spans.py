"""Whether a corpus dates anything within a period, answered by binary search instead of a scan of the corpus."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np

from bot.core.timeline.periods import Period


class DatedSpans:
    """The spans of the timeline's events and the articles' publication days, sorted by their first day."""

    def __init__(self, spans: Iterable[tuple[date, date]]) -> None:
        ordered = sorted((start.toordinal(), end.toordinal()) for start, end in spans)
        self._starts = np.array([start for start, _ in ordered], dtype=np.int64)
        self._ends = np.array([end for _, end in ordered], dtype=np.int64)

    def any_within(self, period: Period) -> bool:
        """Whether some span lies wholly inside ``period``: one starting in it that also ends in it."""
        first, last = period.start.toordinal(), period.end.toordinal()
        low = int(np.searchsorted(self._starts, first, side="left"))
        high = int(np.searchsorted(self._starts, last, side="right"))
        return high > low and int(self._ends[low:high].min()) <= last
