"""Reads a national capital as its country, as news does ("Pyongyang said" -> North Korea), from a WordNet 3.0
extract shipped with the bot (``resources/capitals.tsv.gz``, built by ``scripts/build_capitals.py``)."""

from __future__ import annotations

import functools
import gzip
from importlib import resources

from bot.core.search.lexicon import Lexicon
from bot.core.search.tokenize import tokenize

_TABLE = "capitals.tsv.gz"


@functools.cache
def capitals() -> dict[str, str]:
    """The shipped table: a capital's name (lower-case) -> its country's name, read once."""
    data = resources.files("bot.core.search").joinpath("resources", _TABLE).read_bytes()
    rows = (line.split("\t") for line in gzip.decompress(data).decode("utf-8").splitlines() if line[:1] != "#")
    return {capital: country for capital, country in rows}


def country_terms(word: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Index terms of the country the capital ``word`` names, when the corpus has them all; empty otherwise."""
    country = capitals().get(word)
    terms = tuple(tokenize(country)) if country else ()
    return terms if terms and all(lexicon.has_term(t) for t in terms) else ()
