"""The corpus's own words: which written words make each index term, for spelling and word bridging."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.core.search.tokenize import tokenize_words


@dataclass(frozen=True)
class Lexicon:
    """Written words (folded, lower-case) of the corpus, their terms and how often each term occurs."""

    words: dict[str, str] = field(default_factory=dict)
    term_counts: Counter[str] = field(default_factory=Counter)

    def has_term(self, term: str) -> bool:
        return term in self.term_counts

    @functools.cached_property
    def total(self) -> int:
        """How many term occurrences the corpus has."""
        return sum(self.term_counts.values())

    @functools.cached_property
    def preferred(self) -> dict[str, tuple[str, ...]]:
        """Each question word's synonyms the corpus uses far more, once worked out (``query.preferred_words``)."""
        return {}

    @functools.cached_property
    def words_by_length(self) -> dict[int, list[str]]:
        """The written words grouped by length (a spelling fix is never more letters away than it has edits)."""
        return by_length(self.words)


def by_length(words: Iterable[str]) -> dict[int, list[str]]:
    """``words`` grouped by length, in their order: what a spelling fix compares a word with."""
    grouped: dict[int, list[str]] = {}
    for word in words:
        grouped.setdefault(len(word), []).append(word)
    return grouped


def build_lexicon(texts: Iterable[str]) -> Lexicon:
    """Every word of ``texts`` with its term, and term frequencies."""
    lexicon = Lexicon()
    for text in texts:
        lexicon_terms(text, lexicon)
    return lexicon


def lexicon_terms(text: str, lexicon: Lexicon) -> list[str]:
    """The index terms of ``text`` (as ``tokenize`` gives them), adding its words to ``lexicon`` on the way.

    The corpus tokenizes each passage once, for the index and the lexicon together.
    """
    pairs = tokenize_words(text)
    for word, term in pairs:
        lexicon.words.setdefault(word, term)
        lexicon.term_counts[term] += 1
    return [term for _, term in pairs]
