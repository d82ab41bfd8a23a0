"""Acronyms defined in the corpus are learned and match their long forms both ways."""

from __future__ import annotations

import pytest

from bot.core.search.acronyms import expand_query, find_acronyms
from bot.core.search.tokenize import tokenize


@pytest.mark.parametrize(
    ("text", "acronym", "long_form"),
    [
        ("they conclude the General Security of Military Information Agreement (GSOMIA), since", "gsomia",
         "General Security of Military Information Agreement"),
        ("said the World Health Organization (WHO) on Monday", "who", "World Health Organization"),
        ("the Terminal High Altitude Area Defense (THAAD) system", "thaad", "Terminal High Altitude Area Defense"),
        ("the U.N. Security Council (UNSC) met", "unsc", "U.N. Security Council"),
    ],
)  # fmt: skip
def test_definitions_are_learned(text: str, acronym: str, long_form: str) -> None:
    """ "Long Form (LF)" maps the acronym to the long form's terms, stopword acronyms included."""
    assert find_acronyms([text])[acronym] == tuple(tokenize(long_form))


@pytest.mark.parametrize(
    "text",
    ["a missile (North Korea) test", "the talks (LEAD) today", "in the face (of it)", "Seoul (AP)", "agreed (NO)"],
)
def test_brackets_that_define_nothing_are_ignored(text: str) -> None:
    """Brackets whose letters do not spell out the words before them teach nothing."""
    assert find_acronyms([text]) == {}


def test_query_expands_both_ways() -> None:
    """The acronym brings its long form into the query, and the long form brings the acronym."""
    acronyms = {"gsomia": ("general", "secur", "militari", "inform", "agreement")}
    assert expand_query(["gsomia"], acronyms) == ["gsomia", "general", "secur", "militari", "inform", "agreement"]
    long_query = tokenize("military information agreement, general security")
    assert expand_query(long_query, acronyms) == [*long_query, "gsomia"]
    assert expand_query(["militari"], acronyms) == ["militari"]
