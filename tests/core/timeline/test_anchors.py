"""Earnings news: "a year earlier", "the year-ago quarter", "the latest period" read against the quarter reported."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.timeline.anchors import ArticleClock
from bot.core.timeline.events import extract_mentions
from tests.conftest import make_article

PUBLISHED = date(1989, 11, 2)
REPORT = (
    "Acme Corp.'s third-quarter net income rose 11% to $94.2 million from $85 million a year earlier.",
    "After a flat second quarter, sales of its tools recovered.",
    "In the year-ago quarter, the company took a $15 million charge.",
    "The company had a one-time gain of $8 million in the latest period.",
    "Its insurance unit earned $24 million, compared with a loss of $3 million last year.",
    "Last year, the company earned $480.4 million, or $3.90 a share.",
    "It expects a fourth-quarter charge of less than $10 million.",
)


def _read(sentences: tuple[str, ...], published: date = PUBLISHED) -> list[list[tuple[str, str]]]:
    clock = ArticleClock(published)
    return [[(s[m.start : m.end], m.period.label) for m in clock.read(s)] for s in sentences]


def test_comparisons_are_the_reported_quarter_a_year_before() -> None:
    """Once a quarter is reported, its comparisons are that quarter of the year before; a plain "last year" is not."""
    assert _read(REPORT) == [
        [("third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3")],
        [("second quarter", "1989-Q2")],
        [("the year-ago quarter", "1988-Q3")],
        [("the latest period", "1989-Q3")],
        [("last year", "1988-Q3")],
        [("Last year", "1988")],
        [("fourth-quarter", "1989-Q4")],
    ]


def test_without_a_reported_quarter_the_comparisons_are_left_alone() -> None:
    """Before any quarter is named, "a year ago" is last year and "the latest period" is not read at all."""
    assert _read(
        (
            "Wages rose 3.8% from a year ago, the Labor Department said.",
            "Exports grew in the latest period.",
        )
    ) == [[("a year ago", "1988")], []]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Delta earned $133 million in the fiscal first quarter.", [("fiscal first quarter", "1989-Q1")]),
        ("Sun shipped 28,000 systems in its fiscal-fourth quarter.", [("fiscal-fourth quarter", "1988-Q4")]),
        ("Orders in the current quarter began extremely well.", [("the current quarter", "1989-Q4")]),
    ],
)
def test_fiscal_and_current_quarters(sentence: str, expected: list[tuple[str, str]]) -> None:
    """A fiscal quarter without a year is the latest one ended; "the current quarter" is the one running."""
    assert _read((sentence,)) == [expected]


def test_the_timeline_dates_an_earnings_comparison_by_the_reported_quarter() -> None:
    """The timeline reads an article in order, so its entries carry the anchored quarters."""
    article = make_article(*REPORT, article_id="acme", source="Wire", published=PUBLISHED)
    labels = {m.period.label for m in extract_mentions(article)}
    assert {"1989-Q3", "1988-Q3", "1988"} <= labels


def test_the_following_year_counts_from_the_year_named_before() -> None:
    """ "the following year", "that year" and "the next day" count from the latest year or day named before them."""
    assert _read(
        (
            "On May 22, 1995, Farkas was made a brigadier general, and the following year he became an attache.",
            "That year he also joined a space venture.",
            "Shares fell on Oct. 12 and recovered the next day; on Oct. 16, the day before the crash, they fell.",
            "Without a date before it, the same day means nothing here.",
        ),
        date(1998, 4, 18),
    )[:3] == [
        [("May 22, 1995", "1995-05-22"), ("the following year", "1996")],
        [("That year", "1996")],
        [("Oct. 12", "1997-10-12"), ("the next day", "1997-10-13"), ("Oct. 16", "1997-10-16")],
    ]
    assert _read(("The vote came the following year.",), date(1998, 4, 18)) == [[]]
