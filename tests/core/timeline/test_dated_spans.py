"""Whether a corpus dates anything in a period: the sorted index answers as a scan of every span would."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.core.service import QAService
from bot.core.timeline.dated_spans import DatedSpans
from bot.core.timeline.periods import Period

_DAYS = st.integers(min_value=0, max_value=400)
_SPAN = st.tuples(_DAYS, st.integers(min_value=0, max_value=60))
_ORIGIN = date(2016, 1, 1)


def _period(first: int, length: int) -> Period:
    start = _ORIGIN + timedelta(days=first)
    return Period(start, start + timedelta(days=length), "")


@given(st.lists(_SPAN, max_size=40), _SPAN)
def test_any_within_matches_a_scan(spans: list[tuple[int, int]], asked: tuple[int, int]) -> None:
    """A span counts only when it lies wholly inside the period, exactly as checking every span says."""
    periods = [_period(*span) for span in spans]
    period = _period(*asked)
    index = DatedSpans((p.start, p.end) for p in periods)
    assert index.any_within(period) == any(p.within(period) for p in periods)


def test_the_bundled_corpus_dates_its_own_weeks(service: QAService) -> None:
    """The pact's signing week is dated (an event and an article), a week of 2015 is not; an empty corpus dates
    nothing."""
    spans = service.corpus.dated_spans
    assert spans.any_within(Period(date(2016, 11, 21), date(2016, 11, 27), "2016-W47"))
    assert not spans.any_within(Period(date(2015, 3, 2), date(2015, 3, 8), "2015-W10"))
    assert not DatedSpans([]).any_within(Period(date(2016, 1, 1), date(2016, 12, 31), "2016"))
