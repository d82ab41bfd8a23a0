"""How much of a weighted set of terms each sentence of a few candidate passages holds, summed on term ids.

Grouping same reports compares a lead's answer sentence with every sentence of every later candidate,
and most pairs share far too little to state the same fact. These sums (one vectorised pass over the
candidates' term ids per weighted set) rule such pairs out before any sentence is compared as text.
They only rule out: a pair they keep is still checked exactly, so what is grouped does not change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from bot.core.search.terms import PassageTerms, distinct_in_place, spans

# Sums here run in another order than the exact checks' sums; a hair of slack keeps every bound a bound.
SLACK = 1e-9


class CandidateSentences:
    """The sentences of passages ``positions`` (in that order) as runs of term ids."""

    def __init__(self, terms: PassageTerms, positions: Sequence[int]) -> None:
        self._terms = terms
        chosen = np.asarray(positions, dtype=np.int64)
        lengths = terms.lengths[chosen]
        base = np.cumsum(lengths) - lengths
        self._ids = terms.ids[spans(terms.offsets[chosen], lengths)]
        first, last = terms.sentence_offsets[chosen], terms.sentence_offsets[chosen + 1]
        counts = last - first
        ends = terms.sentence_ends[spans(first, counts)].astype(np.int64) + np.repeat(base, counts)
        # A passage whose sentences the index does not know (they are tokenized when read) is never ruled out.
        known = counts > 0
        last_end = np.full(len(chosen), -1, dtype=np.int64)
        last_end[known] = terms.sentence_ends[last[known] - 1]
        self._unknown = last_end != lengths
        # Sentence boundaries in the candidates' terms laid end to end; an empty sentence adds none (it holds nothing).
        bounds = distinct_in_place(np.concatenate([ends, base + lengths]))
        # Each term's sentence: as many bounds as lie at or before it (the last bound is the terms' end).
        self._sentence = np.repeat(np.arange(len(bounds)), np.diff(bounds, prepend=0))
        self._first = np.searchsorted(bounds, base, side="right")
        self._last = np.searchsorted(bounds, base + lengths, side="left") + 1
        self._last[lengths == 0] = self._first[lengths == 0]
        self._count = len(bounds)
        # Each sentence's distinct terms, as (sentence, term id) pairs.
        vocabulary = max(len(terms.vocabulary), 1)
        pairs = distinct_in_place(self._sentence * vocabulary + self._ids)
        self._pair_sentence, self._pair_id = pairs // vocabulary, pairs % vocabulary
        self._held: dict[tuple[tuple[str, float], ...], npt.NDArray[np.float64]] = {}
        self._own: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None = None

    def __len__(self) -> int:
        return len(self._first)

    def own_weight(self, weight_by_id: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """For each sentence, the summed weight of its own distinct terms (``weight_by_id`` gives a term id's)."""
        # Every group of a question asks this with the index's idf: summed once.
        if self._own is None or self._own[0] is not weight_by_id:
            self._own = (weight_by_id, _sums(self._pair_sentence, weight_by_id[self._pair_id], self._count))
        return self._own[1]

    def held(self, weights: Mapping[str, float]) -> npt.NDArray[np.float64]:
        """For each sentence, the summed weight of the distinct terms of ``weights`` it holds."""
        key = tuple(weights.items())
        found = self._held.get(key)
        if found is None:
            term_ids = self._terms.term_ids
            by_id = {term_ids[t]: w for t, w in weights.items() if t in term_ids}
            values = self._terms.look_up(self._pair_id, by_id)
            found = self._held[key] = _sums(self._pair_sentence, values, self._count)
        return found

    def any_sentence(self, passes: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        """For each passage, whether one of its sentences ``passes`` (per sentence), or its sentences are unknown."""
        running = np.concatenate([[0], np.cumsum(passes, dtype=np.int64)])
        return np.asarray((running[self._last] > running[self._first]) | self._unknown)


def _sums(groups: npt.NDArray[np.int64], values: npt.NDArray[np.float64], count: int) -> npt.NDArray[np.float64]:
    """The sum of ``values`` in each of ``count`` groups (``groups`` gives each value's)."""
    return np.bincount(groups, weights=values, minlength=count).astype(np.float64, copy=False)
