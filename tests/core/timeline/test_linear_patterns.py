"""Every date pattern reads adversarial text in linear time: long runs of near-matches never make it backtrack."""

from __future__ import annotations

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.core.timeline.anchors import ArticleClock
from bot.core.timeline.dates import find_full_dates
from bot.core.timeline.periods import quarter
from bot.core.timeline.tense import read_tense
from bot.core.timeline.timexpr import find_time_expressions

# Pieces that start a date but do not finish one, so a backtracking pattern would retry them all.
_NEAR_MATCHES = [
    " ", "  \t", ",", ", ", "-", "Nov", "Nov.", "November ", "23", "23 ", "2016", "2016 ", "2016-", "mid-",
    "in ", "last ", "next ", "Monday", "Monday, ", "ago", "four years ", "from 1910 ", "quarter", "third ",
    "year's ", "said ", "will ", "signed ", "expected ", "s", "a", "'s", ":", "1", "9",
    "the ", "a year ", "year-", "the year ", "for the ", "fiscal ", "summer ", "the early ", "this past ",
    "1970", "late ", "20th ", "each ", "compared with ", "last year ", "the latest ", "the 1988 ",
    "the following ", "that ", "the day ", "last night", "year later",
    "nineteen ", "nineteen-", "seventy-", "oh ", "year two ", "two thousand ", "and ", "1997 wa", "1996 thi",
]  # fmt: skip


_PIECES = st.lists(st.sampled_from(_NEAR_MATCHES), min_size=1, max_size=4).map("".join)


# Long enough that a quadratic pattern takes many seconds (one took 1 s at 8,000 spaces and 28 s at 50,000)
# while a linear one takes a fraction of one, with room for a slow shared machine.
@settings(max_examples=25, deadline=5000)
@given(_PIECES, st.sampled_from(_NEAR_MATCHES), _PIECES, st.integers(2_000, 6_000))
@example("Nov 23", " ", "x", 50_000)
@example("23 Nov", " ", "x", 50_000)
@example("in 2016", " ", "x", 50_000)
@example("Monday, Nov", " ", "1", 50_000)
@example("the", " ", "year", 50_000)
@example("compared with", " from", " last year", 20_000)
@example("the year", " two thousand and", " one", 20_000)
@example("in", " nineteen", " seventy-nine", 40_000)  # 7 s when each year was looked up from the start
def test_date_patterns_stay_linear_on_repeated_near_matches(head: str, filler: str, tail: str, repeats: int) -> None:
    """A start of a date, thousands of repeated near-matches and an end are read within the deadline."""
    text = head + filler * repeats + tail
    clock = ArticleClock(date(2016, 11, 14))
    clock.quarter = quarter(2016, 3)  # so the patterns anchored to a reported quarter run too
    mentions = clock.read(text)
    assert all(0 <= m.start < m.end <= len(text) for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    find_full_dates(text)
    read_tense(text, len(text) // 2, len(text) // 2 + 1)


@settings(max_examples=60, deadline=2000)
@given(st.text(max_size=2000))
def test_date_patterns_accept_any_text(text: str) -> None:
    """Any text, control characters and surrogates included, gives well-formed mentions and no error."""
    for base in (date(2016, 11, 14), date(9999, 12, 31), date(1, 1, 1), None):
        for mention in find_time_expressions(text, base):
            assert 0 <= mention.start < mention.end <= len(text)
