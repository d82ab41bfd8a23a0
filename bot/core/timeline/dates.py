"""Recognises written calendar dates and clock times, the shapes news pages use for stamps and events."""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = (
    r"(?P<{g}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)

# One pattern with named alternatives, so a single scan finds every full date in a line.
FULL_DATE = re.compile(
    r"\b(?:"
    + _MONTH.format(g="m1")
    + r"\s++(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s++(?P<y1>\d{4})"
    + r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s++"
    + _MONTH.format(g="m2")
    + r",?\s++(?P<y2>\d{4})"
    + r"|(?P<mn3>\d{1,2})/(?P<d3>\d{1,2})/(?P<y3>\d{4})"
    + r"|(?P<y4>\d{4})-(?P<mn4>\d{2})-(?P<d4>\d{2})"
    + r")\b",
    re.IGNORECASE,
)

CLOCK_TIME = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*+[ap]\.?m\.?)?(?:\s*+\(?[A-Z]{2,4}\)?(?![a-z]))?", re.IGNORECASE
)


_FULL_MONTH_NAMES = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}


def month_number(name: str) -> int | None:
    """Return 1-12 for a month name or its abbreviation, ``None`` for anything else."""
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or _FULL_MONTH_NAMES.get(key)


def parse_full_date(match: re.Match[str]) -> date | None:
    """Turn a ``FULL_DATE`` match into a date, or ``None`` when the numbers are not a real day."""
    groups = match.groupdict()
    if groups["m1"]:
        month, day, year = month_number(groups["m1"]), groups["d1"], groups["y1"]
    elif groups["m2"]:
        month, day, year = month_number(groups["m2"]), groups["d2"], groups["y2"]
    elif groups["mn3"]:
        # Numeric stamps on English-language news sites are month/day/year.
        month, day, year = int(groups["mn3"]), groups["d3"], groups["y3"]
    else:
        month, day, year = int(groups["mn4"]), groups["d4"], groups["y4"]
    if month is None:
        return None
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def find_full_dates(text: str) -> list[date]:
    """Every full calendar date written in ``text``, in order."""
    found = (parse_full_date(m) for m in FULL_DATE.finditer(text))
    return [d for d in found if d is not None]
