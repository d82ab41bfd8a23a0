"""Time expressions are found and resolved against the publication date, at the precision written."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.timeline.timexpr import find_time_expressions, parse_period

PUBLISHED = date(2016, 11, 14)  # a Monday


def _labels(text: str, base: date | None = PUBLISHED) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.period.label) for m in find_time_expressions(text, base)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met on November 23, 2016 in Seoul.", [("November 23, 2016", "2016-11-23")]),
        ("Signed on 23 November 2016.", [("23 November 2016", "2016-11-23")]),
        ("Published 11/14/2016 at noon.", [("11/14/2016", "2016-11-14")]),
        ("The pact signed on Nov. 23 was renewed.", [("Nov. 23", "2015-11-23")]),
        ("In December 2014, they agreed.", [("December 2014", "2014-12")]),
        ("The deal collapsed in 2012.", [("2012", "2012")]),
        ("Tests in 2006, 2009 and 2013.", [("2006", "2006"), ("2009", "2009"), ("2013", "2013")]),
        ("From 1910 to 1945, Japan ruled Korea.", [("From 1910 to 1945", "1910/1945")]),
        ("Their 1950-53 conflict ended in a truce.", [("1950-53", "1950/1953")]),
        ("The test in September alarmed Tokyo.", [("in September", "2016-09")]),
    ],
)
def test_absolute_expressions(text: str, expected: list[tuple[str, str]]) -> None:
    """Dates, months, years, lists and ranges keep the precision they are written with."""
    assert _labels(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They signed a pact on Monday.", "2016-11-14"),
        ("The minister spoke Friday.", "2016-11-11"),
        ("Talks resumed last week.", "2016-W45"),
        ("They inked the pact last month.", "2016-10"),
        ("A landmark agreement last December.", "2015-12"),
        ("A landmark agreement last March.", "2016-03"),
        ("Two tests this year alone.", "2016"),
        ("The next meeting is next year.", "2017"),
        ("A botched attempt four years ago.", "2012"),
        ("It was announced yesterday.", "2016-11-13"),
        ("They will meet on Friday.", "2016-11-18"),
        ("Officials said it could take place by the end of November.", "2016-11"),
        ("He told lawmakers on Tuesday that the pact would help.", "2016-11-08"),
    ],
)
def test_relative_expressions(text: str, expected: str) -> None:
    """Relative expressions resolve against the publication date; the tense just before them picks the direction."""
    assert [label for _, label in _labels(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "At 19:18 the ministry said 2,000 troops would leave.",
        "It cost $2016 and 1500 soldiers were there.",
        "The 50th anniversary of normalisation.",
        "The man, aged 45, said 20 missiles were fired.",
        "She may go, they said.",
    ],
)
def test_furniture_and_counts_are_not_dates(text: str) -> None:
    """Times of day, amounts, counts and ages are not events."""
    assert _labels(text) == []


def test_relative_expressions_need_a_base() -> None:
    """Without a publication date only absolute expressions are dated."""
    assert _labels("On Monday, in 2012, last week.", base=None) == [("2012", "2012")]


@pytest.mark.parametrize(
    ("text", "label"), [("2016", "2016"), ("2016-11", "2016-11"), ("2016-11-14", "2016-11-14"), ("2016-13", None)]
)
def test_parse_period_for_filters(text: str, label: str | None) -> None:
    """Filter dates are ISO at any precision; impossible dates are rejected."""
    period = parse_period(text)
    assert (period.label if period else None) == label
