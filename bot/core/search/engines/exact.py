"""The fast engine's top candidates re-scored with exact BM25, computed as the reference engine computes it.

Tantivy keeps each passage's length in one byte (Lucene's norm encoding), so a long passage's score is
a little off, enough to swap near neighbours (SciFact nDCG@10 0.6819 against the reference's 0.6852).
The passages' terms are kept anyway: re-scoring the candidates with their exact lengths, in the same
floating-point steps as rank-bm25, gives them the reference's very scores and order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from bot.core.search.engines import K1, B
from bot.core.search.terms import PassageTerms, spans

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
) -> npt.NDArray[np.float64]:
    """BM25 (k1 1.2, b 0.75, Lucene's idf) of passages ``positions`` for ``query`` (a term listed twice counts
    twice), step for step as ``LuceneBM25.get_scores`` computes it."""
    chosen = np.asarray(positions, dtype=np.int64)
    scores = np.zeros(len(chosen))
    asked = list(dict.fromkeys(t for t in query if t in terms.term_ids))
    size = len(terms)
    if not asked or not len(chosen):
        return scores
    lengths = terms.lengths[chosen]
    owner = np.repeat(np.arange(len(chosen)), lengths)
    rows, columns = terms.find(terms.ids[spans(terms.offsets[chosen], lengths)], [terms.term_ids[t] for t in asked])
    counts = np.bincount(owner[rows] * len(asked) + columns, minlength=len(chosen) * len(asked))
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
        positions = sorted(self._engine.candidates(terms, limit + MARGIN))
        scores = exact_bm25(self._terms, self._document_frequency, self._mean_length, terms, positions)
        # Best first, ties in passage order, as the reference breaks them.
        order = np.argsort(-scores, kind="stable")[:limit]
        values = scores.tolist()
        return [(positions[i], values[i]) for i in order.tolist() if values[i] > 0]
