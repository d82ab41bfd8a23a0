"""Says in words how a question's time was read: "Read “last week” as 14–20 November 2016, counting from ..."."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from bot import messages
from bot.core.timeline.question_time import QuestionTime
from bot.core.timeline.timexpr import Period


def describe_period(period: Period) -> str:
    """The period in words, at the precision of its start and end days."""
    start, end = period.start, period.end
    if start == end:
        return _day(start)
    whole_years = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if whole_years:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    same_month = (start.year, start.month) == (end.year, end.month)
    if same_month and start.day == 1 and (end + timedelta(days=1)).day == 1:
        return f"{calendar.month_name[start.month]} {start.year}"
    if same_month:
        return f"{start.day}–{end.day} {calendar.month_name[start.month]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {calendar.month_name[start.month]} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def _day(d: date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def describe_reading(when: QuestionTime, today: date, newest: date | None) -> str | None:
    """The sentence telling how relative time words were read; None when there were none to read."""
    if when.period is None or when.counted_from is None:
        return None
    fields = {"expression": when.expression, "period": describe_period(when.period)}
    if when.counted_from == today:
        return messages.TIME_READ_FROM_TODAY.format(**fields)
    if when.counted_from == newest:
        return messages.TIME_READ_FROM_NEWEST.format(date=_day(when.counted_from), **fields)
    return messages.TIME_READ_FROM_ARTICLE.format(date=_day(when.counted_from), **fields)
