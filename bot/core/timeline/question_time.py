"""Reads the time a question is about: a named period ("in 2012", "last December") or a wish for the latest news.

Relative expressions are resolved against today; when nothing in the corpus falls in that period,
against each article's publication date, newest first, since "on Monday" in a question about a story
means that story's Monday. A period that still matches nothing narrows nothing: the time words are
then searched like any others.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.core.corpus import Corpus
from bot.core.search.lexicon import by_length
from bot.core.search.spelling import is_english_word, near_words
from bot.core.timeline.timexpr import Period, TimeMention, find_time_expressions

_LATEST = re.compile(
    r"\b(?:latest|most\s+recent(?:ly)?|newest|recently|currently|right\s+now|so\s+far|up\s+to\s+date)\b", re.I
)
# Month and weekday names as people type them in chat ("on monday", "IN NOVEMBER"); "may" and "march" are
# left alone, being verbs as often as months. Articles capitalise these names, and so do the time patterns.
_CALENDAR_NAMES = (
    "january", "february", "april", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip
_CALENDAR_WORD = re.compile(rf"\b(?:{'|'.join(_CALENDAR_NAMES)})\b", re.I)
_CALENDAR_BY_LENGTH = by_length(_CALENDAR_NAMES)
_LONG_WORD = re.compile(r"\b[A-Za-z]{5,}\b")
# Abbreviated month names as typed before a day or year ("nov 23", "dec. 2016"); "may"/"mar" only so too.
_CALENDAR_SHORT = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)\b(?=\.?\s{0,3}\d)", re.I)
# A part of a period before it ("early November", "mid-2016", "the end of May"): the whole period is searched,
# and the part words are no words to search for (passages rarely say "mid" or "late" of what they date).
_PERIOD_PART = re.compile(
    r"\b(?:early|mid|late|(?:the\s{1,3})?(?:end|beginning|start|middle|first\s{1,3}(?:half|week)"
    r"|second\s{1,3}half|last\s{1,3}week)\s{1,3}of)[\s-]{0,3}$",
    re.I,
)
# Words that ask about time or news in general and name nothing to search for.
_SCAFFOLDING = re.compile(r"\b(?:happen(?:ed|s|ing)?|occur(?:red|s)?|events?|news|updates?|developments?)\b", re.I)


@dataclass(frozen=True, slots=True)
class QuestionTime:
    """The period a question names (if any), whether it wants the latest, and the words left to search."""

    period: Period | None
    latest: bool
    remainder: str
    # The time words as written ("last week"), and the day they were counted from when they are relative.
    expression: str = ""
    counted_from: date | None = None


def read_question_time(question: str, today: date, corpus: Corpus) -> QuestionTime:
    """Find the question's period and strip its time words, leaving the words that say what to look for."""
    question = _LONG_WORD.sub(_calendar_spelling, question)
    question = _CALENDAR_SHORT.sub(_capitalized, _CALENDAR_WORD.sub(_capitalized, question))
    latest = bool(_LATEST.search(question))
    remainder = _SCAFFOLDING.sub(" ", _LATEST.sub(" ", question))
    mentions = find_time_expressions(remainder, today)
    if not mentions:
        return QuestionTime(None, latest, remainder)
    period, counted_from = _covering(m.period for m in mentions), today
    absolute = _is_absolute(remainder, mentions)
    if not _dated_in(corpus, period):
        bases = corpus.publication_days
        resolved = ((_covering(m.period for m in find_time_expressions(remainder, base)), base) for base in bases)
        period, counted_from = next(((p, base) for p, base in resolved if _dated_in(corpus, p)), (period, today))
        if not _dated_in(corpus, period) and not absolute:
            return QuestionTime(None, latest, question)
    spans = [(_part_start(remainder, m.start), m.end) for m in mentions]
    expression = " and ".join(remainder[start:end] for start, end in spans)
    for start, end in reversed(spans):
        remainder = remainder[:start] + " " + remainder[end:]
    return QuestionTime(period, latest, remainder, expression, None if absolute else counted_from)


def _capitalized(match: re.Match[str]) -> str:
    """The matched word with a capital first letter, as month and day names are written."""
    return match.group().capitalize()


def _part_start(text: str, start: int) -> int:
    """Where the time words starting at ``start`` begin with the part of the period before them, if any."""
    # Only the few characters before are read: the pattern is anchored to their end and never scans the text.
    window = max(0, start - 40)
    found = _PERIOD_PART.search(text, window, start)
    return found.start() if found else start


def _calendar_spelling(match: re.Match[str]) -> str:
    """The matched word as ``_calendar_spelt`` reads it."""
    return _calendar_spelt(match.group())


# Words repeat across questions, and each unknown one costs a frequency lookup and an edit-distance search.
@functools.lru_cache(maxsize=65536)
def _calendar_spelt(word: str) -> str:
    """A misspelt month or day name ("Wendesday", "Novembr") as it is spelt; any other word as it is.

    Only a word English does not use may be one, within the edits the spelling fixer allows (one, two from
    eight letters): "Mondays" stays, and "junk" is no "June".
    """
    if word.lower() in _CALENDAR_NAMES or is_english_word(word):
        return word
    found = near_words(word.lower(), _CALENDAR_BY_LENGTH)
    # The closest name; between names as close, the earlier in the calendar's order.
    return min(found, key=lambda m: (m[1], _CALENDAR_NAMES.index(m[0])))[0].capitalize() if found else word


def _is_absolute(text: str, mentions: list[TimeMention]) -> bool:
    """Whether every expression names its period outright (so a corpus without it can say "nothing then")."""
    return [m.period for m in find_time_expressions(text, None)] == [m.period for m in mentions]


def _covering(periods: Iterable[Period]) -> Period:
    """One period spanning all the question names ("in 2012 and 2014" is 2012 to 2014)."""
    found = sorted(periods)
    first, last = found[0], max(found, key=lambda p: p.end)
    if first == last:
        return first
    return Period(first.start, last.end, f"{first.label}/{last.label}")


def _dated_in(corpus: Corpus, period: Period) -> bool:
    """Whether any event or article of the corpus falls in ``period``."""
    return corpus.dated_spans.any_within(period)
