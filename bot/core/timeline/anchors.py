"""Reads an article's time expressions in order, resolving those anchored to a date it gave before.

Earnings news compares the quarter it reports with the same quarter a year before: in "third-quarter
profit rose to $5 million from $4 million a year earlier", "a year earlier" is last year's third
quarter, not last year as a whole, and "the year-ago period", "the latest quarter" and "the 1988
quarter" are quarters too. The anchor is the latest quarter the article has named that ended within
the year before publication (a quarter still to come is not the one reported). Without one, these
words are left to ``timexpr``, which reads "a year ago" as last year and leaves the rest alone.

Likewise "the following year", "that year", "a year later" and "the next day" count from the latest
year or day the article named before them ("On May 22, 1995, he was promoted, and the following year
..." is 1996), and are left unread when there is none.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.core.timeline.periods import Period, TimeMention, day, quarter, year
from bot.core.timeline.timexpr import find_time_expressions

# Every pattern reads untrusted text: fixed words, possessive runs of spaces, no nested repeats.
_YEAR_BACK = re.compile(
    r"\b(?:the\s++(?:comparable\s++|corresponding\s++|same\s++)?)?year-(?:ago|earlier)(?:\s++(?:quarter|period))?\b"
    r"|\ba\s++year\s++(?:ago|earlier)\b"
    r"|\bthe\s++(?:corresponding|comparable|same)\s++(?:quarter|period)\s++(?:a\s++year\s++(?:ago|earlier)|last\s++year)\b"
    r"|\bthe\s++(?:quarter|period)\s++a\s++year\s++(?:ago|earlier)\b"
    r"|\blast\s++year's\s++(?:quarter|period)\b",
    re.IGNORECASE,
)
_SAME_QUARTER = re.compile(
    r"\bthe\s++(?:latest|most\s++recent)\s++(?:quarter|period)\b|\bthis\s++quarter\b"
    r"|\bthe\s++(?:fiscal\s++)?quarter\b(?!-|\s*+of\b)",
    re.IGNORECASE,
)
# "the 1988 quarter"; "the 1988 period" may be nine months or a half, so it stays the year ``timexpr`` reads.
_YEAR_QUARTER = re.compile(r"\bthe\s++(1[5-9]\d\d|20\d\d)\s++quarter\b", re.IGNORECASE)
_CURRENT_QUARTER = re.compile(r"\bthe\s++current\s++quarter\b", re.IGNORECASE)
# "compared with a loss of $3 million last year": a comparison of figures, so the reported quarter's year.
_LAST_YEAR = re.compile(r"\blast\s++year\b", re.IGNORECASE)
_COMPARISON = re.compile(r"\b(?:compared\s++with|from|than|versus|against)\b", re.IGNORECASE)
_COMPARISON_REACH = 60
# A quarter that ended this long before publication at most may be the one the article reports.
_REPORTED_WITHIN_DAYS = 366
_QUARTER_LABEL = re.compile(r"\d{4}-Q[1-4]")


class ArticleClock:
    """Reads one article's sentences in order: their time expressions, the quarter reported so far, and
    the latest year and day named, which "the following year" and "that day" refer to."""

    def __init__(self, published: date | None) -> None:
        self.published = published
        self.quarter: Period | None = None
        self.last_mention: TimeMention | None = None

    def read(self, sentence: str) -> list[TimeMention]:
        """The time expressions of the next sentence, the anchored ones resolved against what came before."""
        if self.published is None:
            return find_time_expressions(sentence, None)
        earlier: list[TimeMention] = []
        anaphors = list(_ANAPHOR.finditer(sentence))
        if anaphors or "quarter" in sentence.lower():
            # The report and its comparison often share a sentence ("profit rose from $4 million a year
            # earlier"), as a date and its anaphor do ("in May 1995, and the following year").
            earlier = find_time_expressions(sentence, self.published)
            self._note_quarters(earlier)
        claimed = anchored_expressions(sentence, self.published, self.quarter)
        taken = [(m.start, m.end) for m in claimed]
        for match in anaphors:
            before = [m for m in earlier if m.end <= match.start()]
            referent = before[-1] if before else self.last_mention
            period = _refer(match, referent.period) if referent is not None else None
            if period is not None and not any(s < match.end() and match.start() < e for s, e in taken):
                claimed.append(TimeMention(match.start(), match.end(), period))
        found = find_time_expressions(sentence, self.published, claimed=claimed)
        self._note_quarters(found)
        self.last_mention = found[-1] if found else self.last_mention
        return found

    def _note_quarters(self, mentions: list[TimeMention]) -> None:
        assert self.published is not None
        for mention in mentions:
            # A quarter looked back on ("after a flat second quarter") does not replace a later one reported.
            later = self.quarter is None or mention.period.end >= self.quarter.end
            if later and _is_reported_quarter(mention.period, self.published):
                self.quarter = mention.period


# A year or day named by the one before it: "the following year", "that day", "a year later"; "the day
# before" only at the end of its phrase ("Oct. 12, the day before the crash" is Oct. 12 itself).
_ANAPHOR = re.compile(
    r"\b(?:the\s++(?:following|next|previous|preceding)\s++(?:year|day)|that\s++(?:same\s++)?(?:year|day)"
    r"|the\s++same\s++(?:year|day)|a\s++year\s++later|the\s++(?:year|day)\s++(?:after|before)(?!\s*+\w))\b",
    re.IGNORECASE,
)
_STEPS = {"following": 1, "next": 1, "later": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}


def _refer(match: re.Match[str], referent: Period) -> Period | None:
    """The year or day ``match`` names, counted from the ``referent`` when it is a year's or a day's own."""
    words = match.group(0).lower().split()
    step = sum(_STEPS.get(word, 0) for word in words)
    if "day" in words:
        return day(referent.start + timedelta(days=step)) if referent.days == 1 else None
    return year(referent.start.year + step) if referent.start.year == referent.end.year else None


def anchored_expressions(text: str, published: date, reported: Period | None) -> list[TimeMention]:
    """The expressions of ``text`` read against the reported quarter (only "the current quarter" without one)."""
    found: list[TimeMention] = []
    taken = bytearray(len(text))

    def claim(match: re.Match[str], period: Period) -> None:
        start, end = match.span()
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            found.append(TimeMention(start, end, period))

    for match in _CURRENT_QUARTER.finditer(text):
        claim(match, quarter(published.year, (published.month - 1) // 3 + 1))
    if reported is not None:
        number = int(reported.label[-1])
        for match in _YEAR_BACK.finditer(text):
            claim(match, quarter(reported.start.year - 1, number))
        for match in _YEAR_QUARTER.finditer(text):
            claim(match, quarter(int(match.group(1)), number))
        for match in _SAME_QUARTER.finditer(text):
            claim(match, reported)
        for match in _LAST_YEAR.finditer(text):
            if _COMPARISON.search(text, max(0, match.start() - _COMPARISON_REACH), match.start()):
                claim(match, quarter(reported.start.year - 1, number))
    return sorted(found, key=lambda mention: mention.start)


def _is_reported_quarter(period: Period, published: date) -> bool:
    """A quarter that ended before publication, within the year before it."""
    return (
        bool(_QUARTER_LABEL.fullmatch(period.label))
        and period.end < published
        and (published - period.end).days <= _REPORTED_WITHIN_DAYS
    )
