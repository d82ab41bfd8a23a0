"""The fast engine's top candidates re-scored with exact BM25, computed as the reference engine computes it.

Tantivy keeps each passage's length in one byte (Lucene's norm encoding), so a long passage's score is
a little off, enough to swap near neighbours (SciFact nDCG@10 0.6819 against the reference's 0.6852).
The passages' terms are kept anyway: re-scoring the candidates with their exact lengths, in the same
floating-point steps as rank-bm25, gives them the reference's very scores and order.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from bot.core.search.engines import K1, B
from bot.core.search.terms import Occurrences, PassageTerms, holdings

if TYPE_CHECKING:  # tantivy loads only where the fast engine runs
    from bot.core.search.engines.fast import TantivyEngine

# Candidates fetched beyond those asked for, so a passage the rounding pushed just below the cut comes back
# (the rounding moves a score by about 1%: a few places at most).
MARGIN = 20


def exact_bm25(
    terms: PassageTerms,
    document_frequency: npt.NDArray[np.int64],
    mean_length: float,
    query: Sequence[str],
    positions: Sequence[int],
    found: Occurrences | None = None,
) -> npt.NDArray[np.float64]:
    """BM25 (k1 1.2, b 0.75, Lucene's idf) of passages ``positions`` for ``query`` (a term listed twice counts
    twice), step for step as ``LuceneBM25.get_scores`` computes it.

    ``found`` is where the passages hold the query's distinct known terms (``PassageTerms.known``), asked for
    first, maybe with other terms after them: given when the caller reads the passages' terms for more.
    """
    chosen = np.asarray(positions, dtype=np.int64)
    scores = np.zeros(len(chosen))
    asked = terms.known(query)
    size = len(terms)
    if not asked or not len(chosen):
        return scores
    lengths = terms.lengths[chosen]
    if found is None:
        found = terms.occurrences(positions, [terms.term_ids[t] for t in asked])
    # Places of other terms, read along for the caller, are no part of the score.
    own = found.term < len(asked)
    counts = np.bincount(found.passage[own] * len(asked) + found.term[own], minlength=len(chosen) * len(asked))
    frequency = counts.reshape(len(chosen), len(asked)).astype(np.float64)
    column = {t: n for n, t in enumerate(asked)}
    # The same length term for every query term: worked out once, with the very operations of the formula.
    norm = K1 * (1 - B + B * lengths / mean_length)
    counted = [t for t in query if t in column]
    idf = [
        math.log(1 + (size - df + 0.5) / (df + 0.5))
        for df in document_frequency[[terms.term_ids[t] for t in counted]].tolist()
    ]
    # Every query term's part at once, each the same operations on the same numbers; then added in query order.
    tf = frequency[:, [column[t] for t in counted]]
    parts = np.asarray(idf) * (tf * (K1 + 1) / (tf + norm[:, None]))
    for part in parts.T:
        scores += part
    return scores


class ExactRescore:
    """An engine whose candidates are re-scored exactly: the fast engine's reach, the reference's scores."""

    def __init__(self, engine: TantivyEngine, terms: PassageTerms) -> None:
        self.name = engine.name
        # The passages the engine itself holds (a saved engine is checked against the saved passages).
        self.size = engine.size
        self._engine = engine
        self._terms = terms
        self._document_frequency = terms.document_frequency()
        # As rank-bm25 divides: the total length over the count (no rounding before the division).
        self._mean_length = int(terms.lengths.sum()) / max(len(terms), 1)

    def top(self, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
        return self.top_holding(terms, limit, [])[0]

    def top_holding(
        self, terms: Sequence[str], limit: int, term_lists: Sequence[Iterable[str]]
    ) -> tuple[list[tuple[int, float]], list[list[frozenset[str]]]]:
        """``top``, and for each of ``term_lists`` which of its terms each hit holds (``PassageTerms.holding_each``):
        read in the same pass over the candidates' terms as their scores."""
        positions = sorted(self._engine.candidates(terms, limit + MARGIN))
        asked = self._terms.known(terms)
        wanted_lists = [self._terms.known(listed) for listed in term_lists]
        # The query's terms first, as ``exact_bm25`` reads them.
        union = list(dict.fromkeys([*asked, *itertools.chain.from_iterable(wanted_lists)]))
        found = self._terms.occurrences(positions, [self._terms.term_ids[t] for t in union]) if asked else None
        scores = exact_bm25(self._terms, self._document_frequency, self._mean_length, terms, positions, found)
        # Best first, ties in passage order, as the reference breaks them.
        values = scores.tolist()
        kept = [i for i in np.argsort(-scores, kind="stable")[:limit].tolist() if values[i] > 0]
        ranked = [(positions[i], values[i]) for i in kept]
        if found is None or not kept:
            return ranked, [[frozenset()] * len(kept) for _ in wanted_lists]
        return ranked, holdings(found, union, wanted_lists, kept)
