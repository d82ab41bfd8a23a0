"""Finds the time expressions in a sentence and resolves them to calendar periods at the precision written.

Absolute forms ("Nov. 23", "December 2014", "11/14/2016", "in 2012", "from 1910 to 1945", "1950-53")
and relative ones ("on Monday", "last week", "last December", "this year", "four years ago") are
resolved against a base date, the article's publication date. A weekday or a month without a year
is the latest one on or before the base date, or the next one after it when the sentence speaks of
the future. Calendar arithmetic is dateutil's; the rules here only recognise the words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from bot.core.timeline.dates import FULL_DATE, month_number, parse_full_date
from bot.core.timeline.periods import (
    SEASON_NAMES,
    Period,
    TimeMention,
    century,
    day,
    decade,
    month,
    parse_period,
    quarter,
    season,
    span,
    week_of,
    year,
)
from bot.core.timeline.spelled_years import spelled_years, widen_to_words, with_digit_years
from bot.core.timeline.tense import Tense, read_tense

# The periods are defined in ``periods``; they are named here too, where most callers look for them.
__all__ = [
    "Period",
    "TimeMention",
    "day",
    "find_time_expressions",
    "month",
    "parse_period",
    "quarter",
    "span",
    "week_of",
    "year",
]


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

# Every pattern here reads untrusted text, so none may backtrack: runs of spaces are matched possessively
# (``\s++``), quantifiers never follow one another over the same characters, and repeats are bounded.
_RANGE = re.compile(rf"\b(?:from|between)\s++{_YEAR}\s++(?:to|and|until|till|through)\s++{_YEAR}\b", re.I)
_SHORT_RANGE = re.compile(rf"(?<![\d,.])\b{_YEAR}\s*+[-–/]\s*+(\d{{2}}|\d{{4}})\b(?![\d-])")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_NAME})\.?,?\s++(?:of\s++)?{_YEAR}\b")
_MONTH_RELATIVE_YEAR = re.compile(rf"\b({_MONTH_NAME})\.?,?\s++(?:of\s++)?((?i:this|last|next))\s++(?i:year)\b")
_NO_NUMBER_AFTER = r"(?!\s*+(?:[,:]\s*+)?\d)"
_MONTH_DAY = re.compile(rf"\b({_MONTH_NAME})\.?\s++(\d{{1,2}})(?:st|nd|rd|th)?\b{_NO_NUMBER_AFTER}")
_WEEKDAY_MONTH_DAY = re.compile(
    rf"\b(?:{'|'.join(_WEEKDAYS)}),?\s++({_MONTH_NAME})\.?\s++(\d{{1,2}})(?:st|nd|rd|th)?\b{_NO_NUMBER_AFTER}"
)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s++(?:of\s++)?({_MONTH_NAME})\b\.?{_NO_NUMBER_AFTER}")
_QUARTER = re.compile(
    r"\b(?:(?P<year>1[5-9]\d\d|20\d\d)\s++|(?P<relative>(?i:this|last|next))\s++(?i:year)'s\s++)?"
    r"(?P<fiscal>(?i:fiscal)[-\s])?(?P<ordinal>(?i:first|second|third|fourth))[-\s](?i:quarter)\b"
    r"(?:\s++of\s++(?P<of_year>1[5-9]\d\d|20\d\d))?"
)
_RELATIVE_UNIT = re.compile(r"\b(last|next|this|past|coming)\s++(week|month|year)\b", re.I)
_RELATIVE_MONTH = re.compile(rf"\b((?i:last|next|this))\s++({_MONTH_NAME})\b")
_RELATIVE_WEEKDAY = re.compile(rf"\b(last|next|this)\s++({'|'.join(_WEEKDAYS)})\b", re.I)
_AGO = re.compile(rf"\b(\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})\s++(year|month|week|day)s?\s++ago\b", re.I)
_DEICTIC_DAY = re.compile(
    r"\b(yesterday|today|tomorrow|tonight|last\s++night|this\s++(?:morning|afternoon|evening))\b", re.I
)
_WEEKDAY = re.compile(rf"\b({'|'.join(_WEEKDAYS)})\b")
_YEAR_NAMED_REACH = 150
_EVERY = re.compile(r"\b(?:each|every)\s++$", re.I)
# A month without a year after a word that introduces a time ("in June", "by May", "mid-November"),
# or followed by 's ("December's figures"); "May" alone is too often the verb.
_LONE_MONTH = re.compile(
    r"\b(?:(?:in|since|until|by|during|of|from|through|early|late|mid|end\s++of|and|or|for|to|before|after)\s++|mid-)"
    rf"({_MONTH_NAME})\b(?!\.?\s*+\d)"
    rf"|\b((?!May){_MONTH_NAME})(?='s\b)"
)
_SEASON = r"(spring|summer|fall|autumn|winter)"
_SEASON_YEAR = re.compile(rf"\b{_SEASON}\s++(?:of\s++)?{_YEAR}\b", re.I)
_RELATIVE_SEASON = re.compile(rf"\b(this\s++past|this|last|next|past|coming)\s++{_SEASON}\b", re.I)
# "in the summer", "the early spring": "fall" alone is too often a drop ("the fall in prices").
_LONE_SEASON = re.compile(
    r"\b(?:(?:in|into|during|by|until|through|over|since)\s++the\s++(?:early\s++|late\s++)?|the\s++(?:early|late)\s++)"
    r"(spring|summer|autumn|winter)\b(?!\s*+of\b)",
    re.I,
)
_DECADE = re.compile(r"\b(?:(?:early|mid|late)[-\s]++)?(1[5-9]\d0|20\d0)'?s\b", re.I)
_CENTURY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)[-\s](?i:century)\b")
# The year being reported, as business news names it ("for the full year", "by year-end"), unless the
# words go on to another year ("the year before", "the year-earlier quarter", "the year 2000") or a
# fiscal year's end ("the year ended March 31" may be last year's).
_CURRENT_YEAR = re.compile(
    r"\b(?:(?:for|of|during)\s++(the\s++year)"
    r"|(the\s++(?:full|fiscal|current)\s++year|year-end|year's\s++end|the\s++end\s++of\s++the\s++year))\b"
    r"(?!-|\s*+(?:before|after|earlier|later|ago|ended|ending|two|nineteen|\d))",
    re.I,
)
# Words ending in "s" that are no plural noun: "1997 was a hard year", "in 1996 this was true".
_NOT_PLURAL = ("as", "is", "was", "has", "this", "his", "its", "does", "thus", "plus", "us", "unless", "whereas")
# A year standing alone: not part of a larger number, an amount, a time or a count of things ("2,000 troops");
# a capitalised plural after it is a name ("the 2000 Olympics").
_LONE_YEAR = re.compile(
    rf"(?:(?<=mid-)|(?<![\d,.$#£€/:-]))\b{_YEAR}\b(?![\d,.]\d|\s*+(?:%|percent|per\b|(?-i:[a-z]{{0,30}}s)\b"
    + "".join(rf"(?<!\b{word})" for word in _NOT_PLURAL)
    + "))",
    re.I,
)


def find_time_expressions(
    text: str, base: date | None, tense: bool = True, claimed: Sequence[TimeMention] = ()
) -> list[TimeMention]:
    """Every time expression in ``text`` resolved against ``base``; relative ones are skipped without a base.

    ``tense=False`` ignores the tense (everything undated is the latest before ``base``): a benchmark baseline.
    ``claimed`` are expressions another reader resolved already (``anchors``): they are kept and not read again.
    Each pattern is linear in the text, and so is the overlap check, so any text is read in linear time.
    """
    if not claimed and not may_hold_time(text):
        return []
    return read_time_expressions(text, base, tense, claimed)


# Every rule needs a digit or one of these whole words (written in any case): a month as the rules spell it,
# a weekday, a unit, a season, a time of day, "ago", "quarter", or a spelled year's first word.
_TIME_WORDS = frozenset({
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
    "aug", "august", "sep", "sept", "sepember", "september", "oct", "october", "nov", "november", "dec", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "week", "month", "year", "quarter", "ago", "spring", "summer", "fall", "autumn", "winter",
    "yesterday", "today", "tomorrow", "tonight", "night", "morning", "afternoon", "evening",
    "eighteen", "nineteen", "thousand",
})  # fmt: skip
_DIGIT = re.compile(r"\d")
_ASCII_WORD = re.compile(r"[a-z]+")


def may_hold_time(text: str) -> bool:
    """False when no rule can match ``text``: it has no digit and none of the words every rule needs.

    A quick screen, because most sentences date nothing and two dozen patterns cost a third of indexing
    time. Text beyond ASCII always passes (case-insensitive matching folds some letters, e.g. the Kelvin sign).
    """
    if not text.isascii() or _DIGIT.search(text):
        return True
    return not _TIME_WORDS.isdisjoint(_ASCII_WORD.findall(text.lower()))


def read_time_expressions(
    text: str, base: date | None, tense: bool = True, claimed: Sequence[TimeMention] = ()
) -> list[TimeMention]:
    """``find_time_expressions`` without the quick screen (every rule is tried)."""
    mentions: list[TimeMention] = list(claimed)
    taken = bytearray(len(text))
    for mention in claimed:
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)

    def direction(match: re.Match[str]) -> Tense:
        return read_tense(text, match.start(), match.end()) if tense else Tense.LATEST

    # Years spelled out in words are read as digits written over them, in a copy of the same length.
    spelled = spelled_years(text)
    searched = with_digit_years(text, spelled)
    for pattern, resolve, group in _RULES:
        if base is None and resolve not in _ABSOLUTE:
            continue
        for m in pattern.finditer(searched):
            span_group = group if m.group(group) is not None else group + 1
            start, end = m.span(span_group)
            end = widen_to_words(start, end, spelled)
            if any(taken[start:end]):
                continue
            try:
                period = resolve(m, base, direction)
            except (ValueError, OverflowError):
                period = None  # a date near year 1 or 9999 has no neighbour to step to
            if period is not None:
                taken[start:end] = b"\x01" * (end - start)
                mentions.append(TimeMention(start, end, period))
    return sorted(mentions, key=lambda mention: mention.start)


_STEP = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}
_DEICTIC = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "last": -1, "this": 0}
# A day or month without a year more than this far back is rarely meant when a nearer one exists:
# writers give the year for anything older.
_FAR_BACK_DAYS = 300


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _quarter(match: re.Match[str], base: date | None) -> Period | None:
    """ "the 1988 second quarter", "third quarter of 1990", "next year's first quarter", else the nearest one.

    A fiscal quarter without a year is the latest one ended by ``base`` (its results are what is
    reported), named by its number as TimeML does: "the fiscal first quarter" in October 1989 is 1989-Q1.
    """
    number = _ORDINALS[match.group("ordinal").lower()]
    written = match.group("year") or match.group("of_year")
    if written:
        return quarter(int(written), number)
    if base is None:
        return None
    if match.group("relative"):
        return quarter(base.year + _STEP[match.group("relative").lower()], number)
    if match.group("fiscal"):
        this_year = quarter(base.year, number)
        return this_year if this_year.end <= base else quarter(base.year - 1, number)
    # Quarters are spoken of around the one running: the nearest such quarter, the earlier one on a tie.
    here = base.year * 4 + (base.month - 1) // 3
    nearest = min(
        (y * 4 + number - 1 for y in (base.year - 1, base.year, base.year + 1)), key=lambda q: (abs(q - here), q)
    )
    return quarter(nearest // 4, number)


Direction = Callable[[re.Match[str]], Tense]
Resolver = Callable[[re.Match[str], date | None, Direction], Period | None]


def _on_full_date(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    return _full_day(m)


def _on_range(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    return _year_range(m.group(1), m.group(2))


def _on_month_year(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    return _named_month(int(m.group(2)), m.group(1))


def _on_quarter(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    return _quarter(m, base)


def _on_lone_year(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    return year(int(m.group(1)))


# The resolvers below need the publication date (the loop skips them without one).
def _on_month_relative_year(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    return _named_month(base.year + _STEP[m.group(2).lower()], m.group(1))


def _on_month_day(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    return _month_day(month_number(m.group(1)), int(m.group(2)), base, tense(m))


def _on_day_month(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    return _month_day(month_number(m.group(2)), int(m.group(1)), base, tense(m))


def _on_relative_unit(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    return _relative_unit(m.group(1).lower(), m.group(2).lower(), base)


def _on_relative_month(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    return _relative_month(m.group(1).lower(), month_number(m.group(2)), base)


def _on_relative_weekday(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    return _relative_weekday(m.group(1).lower(), _weekday_index(m.group(2)), base)


def _on_ago(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    return _ago(m.group(1).lower(), m.group(2).lower(), base)


def _on_deictic_day(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    return day(base + timedelta(days=_DEICTIC[m.group(1).split()[0].lower()]))


def _on_weekday(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    if _EVERY.search(m.string, max(0, m.start() - 6), m.start()):
        return None  # "each Thursday" repeats; it is no one day
    return _weekday(_weekday_index(m.group(1)), base, tense(m))


def _on_lone_month(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    return _lone_month(month_number(m.group(1) or m.group(2)), base, tense(m))


def _on_season_year(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    return season(int(m.group(2)), SEASON_NAMES[m.group(1).lower()])


def _on_decade(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    return decade(int(m.group(1)))


def _on_century(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    return century(int(m.group(1))) if int(m.group(1)) else None


def _on_relative_season(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    return _relative_season(m.group(1).split()[0].lower(), SEASON_NAMES[m.group(2).lower()], base)


def _on_lone_season(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    return _lone_season(SEASON_NAMES[m.group(1).lower()], base, tense(m))


def _on_current_year(m: re.Match[str], base: date | None, tense: Direction) -> Period | None:
    assert base is not None
    # A sentence that names a year may mean that one ("In 1988 ... for the year"); the look is bounded so
    # that a text full of "for the year" stays linear.
    named = _LONE_YEAR.search(m.string, max(0, m.start() - _YEAR_NAMED_REACH), m.end() + _YEAR_NAMED_REACH)
    return None if named else year(base.year)


_ABSOLUTE: frozenset[Resolver] = frozenset(
    {_on_full_date, _on_range, _on_month_year, _on_quarter, _on_lone_year, _on_season_year, _on_decade, _on_century}
)
# In order of precedence: an expression already covered by an earlier rule is not read again.
# The group is the part of the match that is the expression (a preposition before it is not); when
# that group did not take part, the next one is.
_RULES: tuple[tuple[re.Pattern[str], Resolver, int], ...] = (
    (FULL_DATE, _on_full_date, 0),
    (_RANGE, _on_range, 0),
    (_SHORT_RANGE, _on_range, 0),
    (_MONTH_YEAR, _on_month_year, 0),
    (_QUARTER, _on_quarter, 0),
    (_SEASON_YEAR, _on_season_year, 0),
    (_DECADE, _on_decade, 0),
    (_CENTURY, _on_century, 0),
    (_MONTH_RELATIVE_YEAR, _on_month_relative_year, 0),
    (_WEEKDAY_MONTH_DAY, _on_month_day, 0),
    (_MONTH_DAY, _on_month_day, 0),
    (_DAY_MONTH, _on_day_month, 0),
    (_RELATIVE_UNIT, _on_relative_unit, 0),
    (_RELATIVE_MONTH, _on_relative_month, 0),
    (_RELATIVE_WEEKDAY, _on_relative_weekday, 0),
    (_RELATIVE_SEASON, _on_relative_season, 0),
    (_CURRENT_YEAR, _on_current_year, 1),
    (_AGO, _on_ago, 0),
    (_DEICTIC_DAY, _on_deictic_day, 0),
    (_WEEKDAY, _on_weekday, 0),
    (_LONE_MONTH, _on_lone_month, 1),
    (_LONE_SEASON, _on_lone_season, 1),
    (_LONE_YEAR, _on_lone_year, 1),
)


def _weekday_index(name: str) -> int:
    return _WEEKDAYS.index(name.capitalize())


def _full_day(match: re.Match[str]) -> Period | None:
    parsed = parse_full_date(match)
    return day(parsed) if parsed else None


def _named_month(number_year: int, name: str) -> Period | None:
    number = month_number(name)
    return month(number_year, number) if number else None


def _year_range(first: str, last: str) -> Period | None:
    start = int(first)
    end = int(last) if len(last) == 4 else start // 100 * 100 + int(last)
    if not start < end <= start + 100:
        return None
    return span(year(start), year(end))


@functools.lru_cache(maxsize=4096)
def _month_day(number: int | None, day_number: int, base: date, tense: Tense) -> Period | None:
    """The day that fits the tense: the next one for the future, the last one for the past, else the nearest."""
    if number is None:
        return None
    candidates = []
    for year_number in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(date(year_number, number, day_number))
        except ValueError:
            continue
    return day(_pick(candidates, base, tense, lambda d: abs((d - base).days))) if candidates else None


def _pick(candidates: list[date], base: date, tense: Tense, distance: Callable[[date], int]) -> date:
    """The first candidate on or after ``base`` for the future, the last on or before it for the past.

    The past gives way to the nearest candidate when its own is far back, since the tense of the
    sentence ("extended the offer to Nov. 20") often belongs to the act, not to the date.
    """
    after = [c for c in candidates if c >= base]
    before = [c for c in candidates if c <= base]
    nearest = min(candidates, key=lambda c: (distance(c), c > base))
    if tense is Tense.LATEST and before:
        return max(before)
    if tense is Tense.FUTURE and after:
        return min(after)
    if tense is Tense.PAST and before and (base - max(before)).days <= _FAR_BACK_DAYS:
        return max(before)
    return nearest


@functools.lru_cache(maxsize=4096)
def _relative_unit(which: str, unit: str, base: date) -> Period:
    step = _STEP[which]
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


@functools.lru_cache(maxsize=4096)
def _weekday(index: int, base: date, tense: Tense) -> Period:
    """The article's own weekday is today; another is the next one for the future, else the latest before."""
    if index == base.weekday():
        return day(base)
    if tense is Tense.FUTURE:
        return day(base + relativedelta(days=1, weekday=WEEKDAY_OFFSETS[index]))
    return day(base + relativedelta(weekday=WEEKDAY_OFFSETS[index](-1)))


def _relative_weekday(which: str, index: int, base: date) -> Period:
    """ "next Friday" is the first one after today, "last Friday" the latest before it, "this Friday" this week's."""
    if which == "next":
        return day(base + relativedelta(days=1, weekday=WEEKDAY_OFFSETS[index]))
    if which == "last":
        return day(base + relativedelta(days=-1, weekday=WEEKDAY_OFFSETS[index](-1)))
    return day(base - timedelta(days=base.weekday()) + timedelta(days=index))


@functools.lru_cache(maxsize=4096)
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


@functools.lru_cache(maxsize=4096)
def _lone_month(number: int | None, base: date, tense: Tense) -> Period | None:
    """A month without a year, chosen as days are: by tense, else the nearest (counted in months)."""
    if number is None:
        return None
    candidates = [date(y, number, 1) for y in (base.year - 1, base.year, base.year + 1)]
    this_month = base.replace(day=1)

    def months_away(d: date) -> int:
        return abs((d.year - base.year) * 12 + d.month - base.month)

    chosen = _pick(candidates, this_month, tense, months_away)
    return month(chosen.year, chosen.month)


def _relative_season(which: str, code: str, base: date) -> Period:
    """ "this summer" is this year's (or the one running), "last winter" the latest ended, "next spring" the next."""
    candidates = [season(y, code) for y in (base.year - 1, base.year, base.year + 1)]
    if which in ("last", "past"):
        return max(c for c in candidates if c.end < base)
    if which in ("next", "coming"):
        return min(c for c in candidates if c.start > base)
    running = [c for c in candidates if c.start <= base <= c.end]
    return running[0] if running else season(base.year, code)


@functools.lru_cache(maxsize=4096)
def _lone_season(code: str, base: date, tense: Tense) -> Period:
    """A season without a year: the one running, else chosen as months are (by tense, else the nearest)."""
    candidates = [season(y, code) for y in (base.year - 1, base.year, base.year + 1)]
    running = [c for c in candidates if c.start <= base <= c.end]
    if running:
        return running[0]
    starts = {c.start: c for c in candidates}

    def months_away(d: date) -> int:
        return abs((d.year - base.year) * 12 + d.month - base.month)

    return starts[_pick(list(starts), base.replace(day=1), tense, months_away)]
