"""Reads years spelled out in words, as broadcast transcripts write them: "nineteen seventy-nine".

They are rewritten as digits in a copy of the sentence of the same length ("1979" and spaces), so the
date patterns read them as any year ("the winter of nineteen ninety-four", "between nineteen
eighty-five and nineteen eighty-seven") and every offset still points into the original sentence.
"Two thousand" alone is a count as often as a year ("two thousand troops"), so it is read only after
"the year".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_CENTURIES = {"eighteen": 1800, "nineteen": 1900}
_UNIT = "|".join(_UNITS)
# Fixed words with one separator between them: a near miss fails at the word it differs in, never backtracks.
# A hyphen after the words makes them a count ("nineteen twenty-dollar bills").
SPELLED_YEAR = re.compile(
    rf"\b(?P<century>eighteen|nineteen)[-\s](?:(?P<teen>{'|'.join(_TEENS)})|(?P<tens>{'|'.join(_TENS)})"
    rf"(?:[-\s](?P<tens_unit>{_UNIT}))?|oh[-\s](?P<oh_unit>{_UNIT}))\b(?!-)"
    rf"|(?<=\byear\s)two\s++thousand(?:\s++and)?(?:[-\s](?P<unit>{_UNIT}))?\b",
    re.IGNORECASE,
)


def spelled_years(text: str) -> list[tuple[int, int, int]]:
    """Each year spelled out in ``text``: its start, its end and the year."""
    found = []
    for match in SPELLED_YEAR.finditer(text):
        groups = {name: value.lower() for name, value in match.groupdict().items() if value}
        if "century" in groups:
            number = _CENTURIES[groups["century"]]
            if "teen" in groups:
                number += 10 + _TEENS.index(groups["teen"])
            elif "tens" in groups:
                number += 20 + 10 * _TENS.index(groups["tens"])
                number += _UNITS.index(groups["tens_unit"]) + 1 if "tens_unit" in groups else 0
            else:
                number += _UNITS.index(groups["oh_unit"]) + 1
        else:
            number = 2000 + (_UNITS.index(groups["unit"]) + 1 if "unit" in groups else 0)
        found.append((match.start(), match.end(), number))
    return found


def with_digit_years(text: str, years: Sequence[tuple[int, int, int]]) -> str:
    """``text`` with each spelled year written as its four digits, padded with spaces to the same length."""
    if not years:
        return text
    pieces, last = [], 0
    for start, end, number in years:
        pieces += [text[last:start], str(number).ljust(end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def widen_to_words(start: int, end: int, years: Sequence[tuple[int, int, int]]) -> int:
    """The end of a match that stopped inside a spelled year's padding, moved to the end of its words.

    ``years`` are in text order and never overlap, so only the last year starting before ``end`` can
    hold it: a binary search keeps a text of thousands of spelled years linear, not quadratic.
    """
    index = bisect_left(years, end, key=lambda year: year[0]) - 1
    if index >= 0:
        year_start, year_end, _ = years[index]
        if start <= year_start < end < year_end:
            return year_end
    return end
