"""BM25 passage search (rank-bm25), with the share of the question each passage matches for abstention."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi

from bot.core.search.acronyms import expand_query
from bot.core.search.tokenize import tokenize


class LuceneBM25(BM25Okapi):  # type: ignore[misc]  # rank-bm25 ships no type information
    """rank-bm25's Okapi BM25 with Lucene's idf, log(1 + (N - df + 0.5) / (df + 0.5)).

    Okapi's idf is negative for a term in more than half the passages, and rank-bm25 floors it at a
    fraction of the *average* idf, which is itself negative in a small corpus (a new community with
    one or two articles): every score turns negative and ranking inverts. Lucene's idf is always
    positive, and it is the weight the abstention rule already uses.
    """

    def _calc_idf(self, nd: dict[str, int]) -> None:
        self.idf = {word: math.log(1 + (self.corpus_size - df + 0.5) / (df + 0.5)) for word, df in nd.items()}


@dataclass(frozen=True, slots=True)
class Hit:
    """A text's place in the index, its BM25 score and the share of the question's weight it matches."""

    position: int
    score: float
    coverage: float


class SearchIndex:
    """An immutable BM25 index over texts (passages, timeline events); safe to query from many threads."""

    def __init__(self, texts: Sequence[str], aliases: Mapping[str, tuple[str, ...]]) -> None:
        self.size = len(texts)
        # A short form (acronym, demonym) and the terms it stands for; either finds the other.
        self.aliases = aliases
        self.terms = [tokenize(text) for text in texts]
        self.term_sets = [frozenset(t) for t in self.terms]
        # rank-bm25 divides by the corpus size and the mean length, so an empty index has no engine.
        self._bm25 = LuceneBM25(self.terms) if any(self.terms) else None
        self._document_frequency = Counter(t for terms in self.term_sets for t in terms)
        self._idf: dict[str, float] = {}

    def idf(self, term: str) -> float:
        """Lucene's BM25 idf: always positive, highest for terms the corpus lacks (used for weights, not ranking)."""
        weight = self._idf.get(term)
        if weight is None:
            n, df = self.size, self._document_frequency.get(term, 0)
            weight = self._idf[term] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return weight

    def search(self, question_terms: Sequence[str]) -> list[Hit]:
        """Texts sharing a term with the question, best first."""
        if self._bm25 is None or not question_terms:
            return []
        expanded = expand_query(list(question_terms), self.aliases)
        scores = np.asarray(self._bm25.get_scores(expanded), dtype=float)
        hits = [
            Hit(int(i), float(scores[i]), self.coverage(question_terms, int(i)))
            for i in np.argsort(-scores, kind="stable")
            if scores[i] > 0  # Lucene's idf is positive: any shared term (or alias) scores above 0
        ]
        return [h for h in hits if h.coverage > 0]

    def coverage(self, question_terms: Sequence[str], position: int) -> float:
        """Share of the question's idf weight found in the text; an acronym and its long form are one."""
        terms = self.term_sets[position]
        wanted = set(question_terms)
        found = {t for t in wanted if t in terms}
        for short, long_terms in self.aliases.items():
            if short in wanted and set(long_terms) <= terms:
                found.add(short)
            if set(long_terms) <= wanted and short in terms:
                found.update(long_terms)
        total = sum(self.idf(t) for t in wanted)
        return sum(self.idf(t) for t in found) / total if total else 0.0

    def term_weights(self, question_terms: Sequence[str]) -> dict[str, float]:
        """Each distinct question term (aliases expanded) with its idf weight."""
        return {t: self.idf(t) for t in expand_query(list(question_terms), self.aliases)}
