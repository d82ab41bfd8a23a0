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
        return cls.assemble(None, [documents])

    @classmethod
    def assemble(cls, old: PassageTerms | None, pieces: Iterable[range | Iterable[Sequence[str]]]) -> PassageTerms:
        """New passage terms from pieces in order: a ``range`` of ``old``'s passages, or new token lists.

        Old term ids stay valid (the vocabulary only grows), so unchanged articles are copied as arrays.
        """
        term_ids: dict[str, int] = dict(old.term_ids) if old is not None else {}
        id_chunks: list[npt.NDArray[np.int32]] = []
        length_chunks: list[npt.NDArray[np.int64]] = []
        for piece in pieces:
            if isinstance(piece, range):
                assert old is not None, "a range of passages needs the terms it refers to"
                start, end = old.offsets[piece.start], old.offsets[piece.stop]
                id_chunks.append(old.ids[start:end])
                length_chunks.append(old.lengths[piece.start : piece.stop])
                continue
            ids, lengths = array("i"), array("q")
            for tokens in piece:
                ids.extend(term_ids.setdefault(t, len(term_ids)) for t in tokens)
                lengths.append(len(tokens))
            id_chunks.append(np.frombuffer(ids, dtype=np.int32) if ids else np.zeros(0, dtype=np.int32))
            length_chunks.append(np.frombuffer(lengths, dtype=np.int64) if lengths else np.zeros(0, dtype=np.int64))
        all_ids = np.concatenate(id_chunks) if id_chunks else np.zeros(0, dtype=np.int32)
        all_lengths = np.concatenate(length_chunks) if length_chunks else np.zeros(0, dtype=np.int64)
        offsets = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(all_lengths, dtype=np.int64)])
        return cls(list(term_ids), all_ids.astype(np.int32, copy=False), offsets)

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
