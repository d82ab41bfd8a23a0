"""Learns nationality words the corpus uses beside their country ("Japanese"/"Japan", "Korean"/"Korea").

Snowball keeps "japanes" and "japan" apart, so a question about "the Japanese ministry" would miss
"Japan's ministry". A pair is learned only when both capitalised forms occur in the articles, so
nothing is listed by hand and a word that merely ends like a demonym is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.core.search.tokenize import tokenize

_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
# Demonym endings and what they replace: "Korea" + "n", "Japan" + "ese", "Russia" + "n", "Israel" + "i".
_MIN_BASE = 4  # shorter "countries" are chance words ("Oce"+"an")
_ENDINGS = ("ese", "ian", "an", "ish", "n", "i")


def find_demonyms(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Map each demonym's term to its country's term, for pairs that both occur in ``texts``."""
    return pair_demonyms(capitalised_words(texts))


def capitalised_words(texts: Iterable[str]) -> set[str]:
    """The capitalised words of ``texts``: what demonyms are looked for in (kept per article when saved)."""
    return {w for text in texts for w in _CAPITALISED.findall(text)}


def pair_demonyms(words: set[str]) -> dict[str, tuple[str, ...]]:
    """Demonym/country pairs among ``words``."""
    found: dict[str, tuple[str, ...]] = {}
    for word in sorted(words):
        for ending in _ENDINGS:
            base = word[: -len(ending)]
            if word.endswith(ending) and len(base) >= _MIN_BASE and base in words:
                demonym, country = tokenize(word), tokenize(base)
                if len(demonym) == 1 and len(country) == 1 and demonym != country:
                    found[demonym[0]] = (country[0],)
                break
    return found
