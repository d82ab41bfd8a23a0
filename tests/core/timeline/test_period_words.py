"""Periods are written as a reader says them, and the reply says how relative time words were read."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.core.timeline.period_words import describe_period
from bot.core.timeline.timexpr import Period, day, month, span, week_of, year


@pytest.mark.parametrize(
    ("period", "words"),
    [
        (day(date(2016, 11, 23)), "23 November 2016"),
        (week_of(date(2016, 11, 16)), "14–20 November 2016"),
        (week_of(date(2016, 12, 1)), "28 November – 4 December 2016"),
        (month(2016, 9), "September 2016"),
        (year(2016), "2016"),
        (span(year(1910), year(1945)), "1910–1945"),
        (span(month(2016, 12), month(2017, 1)), "1 December 2016 – 31 January 2017"),
    ],
)
def test_describe_period(period: Period, words: str) -> None:
    """Days, weeks, months, years and spans read naturally."""
    assert describe_period(period) == words


def test_relative_time_read_from_an_article_is_said(service: QAService) -> None:
    """ "Last week" with nothing in today's last week is read from the newest article that has something then."""
    answer = service.ask("What happened last week?")
    assert answer.period == "2016-W46"
    assert answer.time_reading is not None
    assert "“last week” as 14–20 November 2016" in answer.time_reading
    assert "article of 23 November 2016" in answer.time_reading


def test_relative_time_read_from_today_is_said(service: QAService) -> None:
    """When today's last week has events, the reply says it counted from today."""
    on_the_day = QAService(service.corpus, AnswerPolicy(), today=lambda: date(2016, 11, 21))
    answer = on_the_day.ask("What happened last week?")
    assert answer.time_reading == "Read “last week” as 14–20 November 2016, counting from today."


def test_absolute_time_needs_no_reading(service: QAService) -> None:
    """ "In 2012" is what it says: the period narrows the search and no reading is added."""
    answer = service.ask("What happened in 2012?")
    assert answer.period == "2012" and answer.time_reading is None
