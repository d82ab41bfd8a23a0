"""The reference engine: rank-bm25 scoring every passage, with Lucene's idf."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rank_bm25 import BM25Okapi

from bot.core.search.engines import K1, REFERENCE, B


class LuceneBM25(BM25Okapi):  # type: ignore[misc]  # rank-bm25 ships no type information
    """rank-bm25's Okapi BM25 with Lucene's idf, log(1 + (N - df + 0.5) / (df + 0.5)).

    Okapi's idf is negative for a term in more than half the passages, and rank-bm25 floors it at a
    fraction of the *average* idf, which is itself negative in a small corpus (a new community with
    one or two articles): every score turns negative and ranking inverts. Lucene's idf is always
    positive, and it is the weight the abstention rule already uses.
    """

    def _calc_idf(self, nd: dict[str, int]) -> None:
        self.idf = {word: math.log(1 + (self.corpus_size - df + 0.5) / (df + 0.5)) for word, df in nd.items()}


class ReferenceEngine:
    """rank-bm25 over the passages' terms: exact and simple, but every question scores every passage."""

    name = REFERENCE

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        lists = [list(d) for d in documents]
        # rank-bm25 divides by the corpus size and the mean length, so an empty corpus has no engine.
        self._bm25 = LuceneBM25(lists, k1=K1, b=B) if any(lists) else None

    def top(self, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
        if self._bm25 is None or not terms:
            return []
        scores = np.asarray(self._bm25.get_scores(list(terms)), dtype=float)
        best = np.argsort(-scores, kind="stable")[:limit]
        # Lucene's idf is positive: any shared term scores above 0, and nothing else does.
        return [(int(i), float(scores[i])) for i in best if scores[i] > 0]
