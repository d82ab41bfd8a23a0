"""Calendar periods at the precision a text gives them: a day, week, month, quarter, year or span of years."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A span of days written at some precision; ``label`` is its ISO 8601 form ("2016-11", "1910/1945")."""

    start: date
    end: date
    label: str

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def within(self, other: Period) -> bool:
        return other.start <= self.start and self.end <= other.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class TimeMention:
    """Where in the text a time expression stands, and the period it means."""

    start: int
    end: int
    period: Period


def day(d: date) -> Period:
    return Period(d, d, d.isoformat())


def month(year: int, number: int) -> Period:
    last = calendar.monthrange(year, number)[1]
    return Period(date(year, number, 1), date(year, number, last), f"{year:04d}-{number:02d}")


def year(number: int) -> Period:
    return Period(date(number, 1, 1), date(number, 12, 31), f"{number:04d}")


def week_of(d: date) -> Period:
    iso_year, iso_week, _ = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Period(monday, monday + timedelta(days=6), f"{iso_year:04d}-W{iso_week:02d}")


def span(first: Period, last: Period) -> Period:
    return Period(first.start, last.end, f"{first.label}/{last.label}")


def parse_period(text: str) -> Period | None:
    """Parse an ISO date at any precision ("2016", "2016-11", "2016-11-14"), as filters are given."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
    if match is None:
        return None
    y, m, d = match.groups()
    try:
        if d:
            return day(date(int(y), int(m), int(d)))
        if m:
            return month(int(y), int(m))
    except ValueError:
        return None
    return year(int(y))


def quarter(year_number: int, number: int) -> Period:
    first = date(year_number, 3 * number - 2, 1)
    last = month(year_number, 3 * number).end
    return Period(first, last, f"{year_number:04d}-Q{number}")


# Seasons as TimeML names them, by the months they hold (the northern meteorological seasons); a
# winter is named by the year of its December.
SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_NAMES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}


def season(year_number: int, code: str) -> Period:
    """The season ``code`` ("SU") of ``year_number``: three months from its first."""
    first = date(year_number, SEASONS[code], 1)
    last_month = first.month + 2
    last = month(year_number + (last_month - 1) // 12, (last_month - 1) % 12 + 1).end
    return Period(first, last, f"{year_number:04d}-{code}")


def decade(first_year: int) -> Period:
    """The ten years from ``first_year`` (1970), labelled as TimeML does ("197")."""
    return Period(date(first_year, 1, 1), date(first_year + 9, 12, 31), f"{first_year // 10:03d}")


def century(ordinal: int) -> Period:
    """The ``ordinal``-th century as TimeML counts it: the 20th is 1900-1999, labelled "19"."""
    first = (ordinal - 1) * 100
    return Period(date(max(first, 1), 1, 1), date(first + 99, 12, 31), f"{ordinal - 1:02d}")
