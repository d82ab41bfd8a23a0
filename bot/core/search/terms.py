"""Every passage's index terms in two flat arrays (term ids and offsets), instead of a Python list per passage.

A million passages of ~60 words as lists of strings take gigabytes; as int32 ids they take ~240 MB,
and the few passages an answer looks at are decoded on demand.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import numpy.typing as npt


class PassageTerms(Sequence[list[str]]):
    """The index terms of each passage, in order with duplicates; ``terms[i]`` decodes passage ``i``."""

    def __init__(self, vocabulary: list[str], ids: npt.NDArray[np.int32], offsets: npt.NDArray[np.int64]) -> None:
        self.vocabulary = vocabulary
        self.term_ids = {term: n for n, term in enumerate(vocabulary)}
        self.ids = ids
        self.offsets = offsets
        self.lengths = np.diff(offsets)
        self._document_frequency: npt.NDArray[np.int64] | None = None

    @classmethod
    def from_lists(cls, documents: Iterable[Sequence[str]]) -> PassageTerms:
        """Encode token lists (one per passage) without keeping them."""
        term_ids: dict[str, int] = {}
        ids = array("i")
        offsets = array("q", [0])
        for tokens in documents:
            ids.extend(term_ids.setdefault(t, len(term_ids)) for t in tokens)
            offsets.append(len(ids))
        return cls(list(term_ids), np.frombuffer(ids, dtype=np.int32), np.frombuffer(offsets, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, position: int) -> list[str]:  # type: ignore[override]  # positions only, no slices
        vocabulary = self.vocabulary
        return [vocabulary[i] for i in self.ids[self.offsets[position] : self.offsets[position + 1]].tolist()]

    def __iter__(self) -> Iterator[list[str]]:
        return (self[n] for n in range(len(self)))

    def term_set(self, position: int) -> frozenset[str]:
        """The distinct terms of passage ``position``."""
        vocabulary = self.vocabulary
        start, end = self.offsets[position], self.offsets[position + 1]
        return frozenset(vocabulary[i] for i in set(self.ids[start:end].tolist()))

    def document_frequency(self) -> npt.NDArray[np.int64]:
        """For each term id, how many passages hold it (computed once, vectorised)."""
        if self._document_frequency is None:
            owner = np.repeat(np.arange(len(self), dtype=np.int64), self.lengths)
            pairs = np.unique(owner * max(len(self.vocabulary), 1) + self.ids)
            terms = pairs % max(len(self.vocabulary), 1)
            self._document_frequency = np.bincount(terms, minlength=len(self.vocabulary)).astype(np.int64)
        return self._document_frequency


class TermSets(Sequence[frozenset[str]]):
    """``index.term_sets[i]``: the distinct terms of passage ``i``, decoded when asked for."""

    def __init__(self, terms: PassageTerms) -> None:
        self._terms = terms

    def __len__(self) -> int:
        return len(self._terms)

    def __getitem__(self, position: int) -> frozenset[str]:  # type: ignore[override]  # positions only, no slices
        return self._terms.term_set(position)
