"""Finds the time expressions in a sentence and resolves them to calendar periods at the precision written.

Absolute forms ("Nov. 23", "December 2014", "11/14/2016", "in 2012", "from 1910 to 1945", "1950-53")
and relative ones ("on Monday", "last week", "last December", "this year", "four years ago") are
resolved against a base date, the article's publication date. A weekday or a month without a year
is the latest one on or before the base date, or the next one after it when the sentence speaks of
the future. Calendar arithmetic is dateutil's; the rules here only recognise the words.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from bot.core.timeline.dates import FULL_DATE, month_number, parse_full_date


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


_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?"
    r"|Nov(?:ember)?|Dec(?:ember)?)"
)
WEEKDAY_OFFSETS = (MO, TU, WE, TH, FR, SA, SU)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_YEAR = r"(1[5-9]\d\d|20\d\d)"

_RANGE = re.compile(rf"\b(?:from|between)\s+{_YEAR}\s+(?:to|and|until|till|through)\s+{_YEAR}\b", re.I)
_SHORT_RANGE = re.compile(rf"(?<![\d,.])\b{_YEAR}\s*[-–/]\s*(\d{{2}}|\d{{4}})\b(?![\d-])")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_NAME})\.?,?\s+(?:of\s+)?{_YEAR}\b")
_MONTH_DAY = re.compile(rf"\b({_MONTH_NAME})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*[,:]?\s*\d)")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_NAME})\b\.?(?!\s*,?\s*\d)")
_RELATIVE_UNIT = re.compile(r"\b(last|next|this|past|coming)\s+(week|month|year)\b", re.I)
_RELATIVE_MONTH = re.compile(rf"\b(last|next|this)\s+({_MONTH_NAME})\b")
_RELATIVE_WEEKDAY = re.compile(rf"\b(last|next|this)\s+({'|'.join(_WEEKDAYS)})\b")
_AGO = re.compile(rf"\b(\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})\s+(year|month|week|day)s?\s+ago\b", re.I)
_DEICTIC_DAY = re.compile(r"\b(yesterday|today|tomorrow)\b", re.I)
_WEEKDAY = re.compile(rf"\b({'|'.join(_WEEKDAYS)})\b")
_LONE_MONTH = re.compile(
    rf"\b(?:in|since|until|by|during|of|from|through|early|late|mid-?|end\s+of|and|or)\s+({_MONTH_NAME})\b(?!\.?\s*\d)"
)
# A year standing alone: not part of a larger number, an amount, a time or a count of things ("2,000 troops").
_LONE_YEAR = re.compile(rf"(?<![\d,.$#£€/:-])\b{_YEAR}\b(?![\d,.]\d|\s*(?:%|percent|per\b|[a-z]+s\b(?<!\bas\b)))", re.I)
_TENSE_WINDOW = 60
_FUTURE = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|is\s+due|are\s+due|plans?\s+to|planned|scheduled|expected\s+to"
    r"|to\s+be\s+held|upcoming|could|would|might)\b",
    re.I,
)


def find_time_expressions(text: str, base: date | None, tense: bool = True) -> list[TimeMention]:
    """Every time expression in ``text`` resolved against ``base``; relative ones are skipped without a base.

    ``tense=False`` ignores the tense (everything undated is the latest before ``base``): a benchmark baseline.
    """
    mentions: list[TimeMention] = []
    taken: list[tuple[int, int]] = []

    def future(match: re.Match[str]) -> bool:
        """Tense is read from the words just before the expression, within its clause."""
        if not tense:
            return False
        before = re.split(r"[,;.!?]", text[max(0, match.start() - _TENSE_WINDOW) : match.start()])[-1]
        return bool(_FUTURE.search(before))

    def add(match: re.Match[str], period: Period | None) -> None:
        if period is None or any(match.start() < e and s < match.end() for s, e in taken):
            return
        taken.append((match.start(), match.end()))
        mentions.append(TimeMention(match.start(), match.end(), period))

    for m in FULL_DATE.finditer(text):
        parsed = parse_full_date(m)
        add(m, day(parsed) if parsed else None)
    for m in _RANGE.finditer(text):
        add(m, _year_range(m.group(1), m.group(2)))
    for m in _SHORT_RANGE.finditer(text):
        add(m, _year_range(m.group(1), m.group(2)))
    for m in _MONTH_YEAR.finditer(text):
        number = month_number(m.group(1))
        add(m, month(int(m.group(2)), number) if number else None)
    if base is not None:
        for m in _MONTH_DAY.finditer(text):
            add(m, _month_day(month_number(m.group(1)), int(m.group(2)), base, future(m)))
        for m in _DAY_MONTH.finditer(text):
            add(m, _month_day(month_number(m.group(2)), int(m.group(1)), base, future(m)))
        for m in _RELATIVE_UNIT.finditer(text):
            add(m, _relative_unit(m.group(1).lower(), m.group(2).lower(), base))
        for m in _RELATIVE_MONTH.finditer(text):
            add(m, _relative_month(m.group(1).lower(), month_number(m.group(2)), base))
        for m in _RELATIVE_WEEKDAY.finditer(text):
            add(m, _weekday(_WEEKDAYS.index(m.group(2)), base, future=m.group(1).lower() == "next"))
        for m in _AGO.finditer(text):
            add(m, _ago(m.group(1).lower(), m.group(2).lower(), base))
        for m in _DEICTIC_DAY.finditer(text):
            add(m, day(base + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[m.group(1).lower()])))
        for m in _WEEKDAY.finditer(text):
            add(m, _weekday(_WEEKDAYS.index(m.group(1)), base, future(m)))
        for m in _LONE_MONTH.finditer(text):
            add(m, _lone_month(month_number(m.group(1)), base, future(m)))
    for m in _LONE_YEAR.finditer(text):
        add(m, year(int(m.group(1))))
    return sorted(mentions, key=lambda mention: mention.start)


def _year_range(first: str, last: str) -> Period | None:
    start = int(first)
    end = int(last) if len(last) == 4 else start // 100 * 100 + int(last)
    if not start < end <= start + 100:
        return None
    return span(year(start), year(end))


def _month_day(number: int | None, day_number: int, base: date, future: bool) -> Period | None:
    if number is None:
        return None
    try:
        candidate = date(base.year, number, day_number)
    except ValueError:
        return None
    if future and candidate < base:
        candidate = candidate + relativedelta(years=1)
    elif not future and candidate > base:
        candidate = candidate - relativedelta(years=1)
    return day(candidate)


def _relative_unit(which: str, unit: str, base: date) -> Period:
    step = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[which]
    if unit == "week":
        return week_of(base + timedelta(weeks=step))
    if unit == "month":
        shifted = base + relativedelta(months=step)
        return month(shifted.year, shifted.month)
    return year(base.year + step)


def _relative_month(which: str, number: int | None, base: date) -> Period | None:
    if number is None:
        return None
    if which == "last":
        return month(base.year if number < base.month else base.year - 1, number)
    if which == "next":
        return month(base.year if number > base.month else base.year + 1, number)
    return month(base.year, number)


def _weekday(index: int, base: date, future: bool) -> Period:
    """The latest such weekday on or before ``base``, or the first one after it for the future."""
    if future:
        return day(base + relativedelta(days=1, weekday=WEEKDAY_OFFSETS[index]))
    return day(base + relativedelta(weekday=WEEKDAY_OFFSETS[index](-1)))


def _ago(amount: str, unit: str, base: date) -> Period:
    count = int(amount) if amount.isdigit() else _NUMBER_WORDS.get(amount, 1)
    if unit == "year":
        return year(base.year - count)
    if unit == "month":
        shifted = base - relativedelta(months=count)
        return month(shifted.year, shifted.month)
    if unit == "week":
        return week_of(base - timedelta(weeks=count))
    return day(base - timedelta(days=count))


def _lone_month(number: int | None, base: date, future: bool) -> Period | None:
    if number is None:
        return None
    if future:
        return month(base.year if number >= base.month else base.year + 1, number)
    return month(base.year if number <= base.month else base.year - 1, number)
