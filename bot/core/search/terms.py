"""Every passage's index terms in two flat arrays (term ids and offsets), instead of a Python list per passage.

A million passages of ~60 words as lists of strings take gigabytes; as int32 ids they take ~240 MB,
and the few passages an answer looks at are decoded on demand. Where the index was built from sentences,
each sentence's terms are a run of its passage's, and the runs' ends are kept too, so an answer reads a
sentence's terms instead of tokenizing it again.
"""

from __future__ import annotations

import functools
import itertools
import threading
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from bot.core.passage_table import offsets_of

# A new passage for ``PassageTerms.assemble``: its terms, and how many of them each sentence gives (or None).
Encoded = tuple[Sequence[str], Sequence[int] | None]


class Packed(NamedTuple):
    """New passages already encoded with the assembly's term ids (by a worker, in arrays, not strings):
    their terms' ids, each passage's count of terms, each sentence's end, each passage's count of sentences."""

    ids: npt.NDArray[np.int32]
    lengths: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int32]
    counts: npt.NDArray[np.int64]


# Decoded term sets kept (~2 KB each): the candidates of the last few questions.
_DECODED = 2048
# Passages whose document frequencies are counted at once (~60 terms each: ~70 MB of working arrays).
_FREQUENCY_SLICE = 50_000


class PassageTerms(Sequence[list[str]]):
    """The index terms of each passage, in order with duplicates; ``terms[i]`` decodes passage ``i``."""

    def __init__(
        self,
        vocabulary: list[str],
        ids: npt.NDArray[np.int32],
        offsets: npt.NDArray[np.int64],
        sentence_ends: npt.NDArray[np.int32] | None = None,
        sentence_offsets: npt.NDArray[np.int64] | None = None,
        document_frequency: npt.NDArray[np.int64] | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.term_ids = {term: n for n, term in enumerate(vocabulary)}
        self.ids = ids
        self.offsets = offsets
        self.lengths = np.diff(offsets)
        # Passage i's sentences end at these term counts from its start: sentence_ends[sentence_offsets[i]:
        # sentence_offsets[i + 1]]; none for a passage whose sentences are not runs of its terms.
        self.sentence_ends = sentence_ends if sentence_ends is not None else np.zeros(0, dtype=np.int32)
        self.sentence_offsets = (
            sentence_offsets if sentence_offsets is not None else np.zeros(len(offsets), dtype=np.int64)
        )
        self._document_frequency = document_frequency
        # Each thread's term id -> place table for ``find``.
        self._scratch = threading.local()

    @classmethod
    def from_lists(cls, documents: Iterable[Sequence[str]]) -> PassageTerms:
        """Encode token lists (one per passage) without keeping them."""
        return cls.assemble(None, [((tokens, None) for tokens in documents)])

    @classmethod
    def assemble(
        cls,
        old: PassageTerms | None,
        pieces: Iterable[range | Packed | Iterable[Encoded]],
        term_ids: dict[str, int] | None = None,
    ) -> PassageTerms:
        """New passage terms from pieces in order: a ``range`` of ``old``'s passages, new passages ``Packed``
        with ``term_ids`` (which extend ``old``'s), or new passages as (terms, each sentence's count of them or
        ``None``).

        Old term ids stay valid (the vocabulary only grows), so unchanged articles are copied as arrays.
        """
        if term_ids is None:
            term_ids = dict(old.term_ids) if old is not None else {}
        id_chunks: list[npt.NDArray[np.int32]] = []
        length_chunks: list[npt.NDArray[np.int64]] = []
        end_chunks: list[npt.NDArray[np.int32]] = []
        count_chunks: list[npt.NDArray[np.int64]] = []
        for piece in pieces:
            if isinstance(piece, Packed):
                id_chunks.append(piece.ids)
                length_chunks.append(piece.lengths)
                end_chunks.append(piece.ends)
                count_chunks.append(piece.counts)
                continue
            if isinstance(piece, range):
                assert old is not None, "a range of passages needs the terms it refers to"
                start, end = old.offsets[piece.start], old.offsets[piece.stop]
                id_chunks.append(old.ids[start:end])
                length_chunks.append(old.lengths[piece.start : piece.stop])
                first, last = old.sentence_offsets[piece.start], old.sentence_offsets[piece.stop]
                end_chunks.append(old.sentence_ends[first:last])
                count_chunks.append(np.diff(old.sentence_offsets[piece.start : piece.stop + 1]))
                continue
            ids, lengths, ends, counts = array("i"), array("q"), array("i"), array("q")
            for tokens, sentence_lengths in piece:
                ids.extend(term_ids.setdefault(t, len(term_ids)) for t in tokens)
                lengths.append(len(tokens))
                ends.extend(itertools.accumulate(sentence_lengths or ()))
                counts.append(len(sentence_lengths or ()))
            id_chunks.append(array_view(ids, np.int32))
            length_chunks.append(array_view(lengths, np.int64))
            end_chunks.append(array_view(ends, np.int32))
            count_chunks.append(array_view(counts, np.int64))
        offsets = _offsets(length_chunks)
        ids_all = np.concatenate(id_chunks) if id_chunks else np.zeros(0, dtype=np.int32)
        ends_all = np.concatenate(end_chunks) if end_chunks else np.zeros(0, dtype=np.int32)
        return cls(list(term_ids), ids_all.astype(np.int32, copy=False), offsets, ends_all, _offsets(count_chunks))

    def __getstate__(self) -> dict[str, Any]:
        # Passage terms stay picklable (to cross processes) though searched: scratch tables stay with their thread.
        state = self.__dict__.copy()
        del state["_scratch"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._scratch = threading.local()

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, position: int) -> list[str]:  # type: ignore[override]  # positions only, no slices
        # ``map`` over the ids looks them up in C: twice as fast as a comprehension (an engine build decodes all).
        return list(
            map(self.vocabulary.__getitem__, self.ids[self.offsets[position] : self.offsets[position + 1]].tolist())
        )

    def __iter__(self) -> Iterator[list[str]]:
        return (self[n] for n in range(len(self)))

    def sentence_sets(self, position: int) -> list[frozenset[str]] | None:
        """The distinct terms of each sentence of passage ``position``, or ``None`` when the index does not
        know its sentences (then they must be tokenized)."""
        first, last = self.sentence_offsets[position], self.sentence_offsets[position + 1]
        if first == last:
            return None
        vocabulary = self.vocabulary
        ids = self.ids[self.offsets[position] : self.offsets[position + 1]].tolist()
        sets, start = [], 0
        for end in self.sentence_ends[first:last].tolist():
            sets.append(frozenset([vocabulary[i] for i in ids[start:end]]))
            start = end
        return sets

    def term_set(self, position: int) -> frozenset[str]:
        """The distinct terms of passage ``position``."""
        vocabulary = self.vocabulary
        start, end = self.offsets[position], self.offsets[position + 1]
        return frozenset([vocabulary[i] for i in set(self.ids[start:end].tolist())])

    def holding(self, positions: Sequence[int], terms: Iterable[str]) -> list[frozenset[str]]:
        """For each passage of ``positions``, which of ``terms`` it holds.

        One vectorised pass over the candidates' term ids: a question asks this of its hundred candidates
        for a handful of terms, and decoding each candidate's whole term set would cost far more.
        """
        return self.holding_each(positions, [terms])[0]

    def holding_each(self, positions: Sequence[int], term_lists: Sequence[Iterable[str]]) -> list[list[frozenset[str]]]:
        """``holding`` for each of several lists of terms, read in one pass over the passages' term ids."""
        wanted_lists = [self.known(terms) for terms in term_lists]
        union = list(dict.fromkeys(t for wanted in wanted_lists for t in wanted))
        if not union or not len(positions):
            return [[frozenset()] * len(positions) for _ in wanted_lists]
        found = self.occurrences(positions, [self.term_ids[t] for t in union])
        return holdings(found, union, wanted_lists, range(len(positions)))

    def known(self, terms: Iterable[str]) -> list[str]:
        """The distinct ``terms`` the index holds, in their order."""
        return [t for t in dict.fromkeys(terms) if t in self.term_ids]

    def occurrences(self, positions: Sequence[int], wanted: Sequence[int]) -> Occurrences:
        """Where passages ``positions`` hold the term ids ``wanted`` (distinct)."""
        chosen = np.asarray(positions, dtype=np.int64)
        lengths = self.lengths[chosen]
        owner = np.repeat(np.arange(len(chosen)), lengths)
        rows, columns = self.find(self.ids[spans(self.offsets[chosen], lengths)], wanted)
        return Occurrences(len(chosen), owner[rows], columns)

    def look_up(self, ids: npt.NDArray[np.int64], values: Mapping[int, float]) -> npt.NDArray[np.float64]:
        """The value of each term id of ``ids`` in ``values`` (by term id), 0 where it has none."""
        table: npt.NDArray[np.float64] | None = getattr(self._scratch, "values", None)
        if table is None:
            table = self._scratch.values = np.zeros(len(self.vocabulary))
        chosen = np.fromiter(values, dtype=np.int64, count=len(values))
        table[chosen] = np.fromiter(values.values(), dtype=float, count=len(values))
        try:
            return table[ids]
        finally:
            table[chosen] = 0.0

    def find(
        self, ids: npt.NDArray[np.int32], wanted: Sequence[int]
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """Where ``ids`` hold one of the term ids ``wanted`` (distinct): the places, and which of ``wanted`` each is."""
        # A table from term id to its place in ``wanted``, kept per thread and cleared after use: reading it
        # costs one lookup per id, where comparing every id with every wanted term grows with both.
        scratch: npt.NDArray[np.int32] | None = getattr(self._scratch, "table", None)
        if scratch is None:
            scratch = self._scratch.table = np.full(len(self.vocabulary), -1, dtype=np.int32)
        chosen = np.asarray(wanted, dtype=np.int64)
        scratch[chosen] = np.arange(len(chosen), dtype=np.int32)
        try:
            columns = scratch[ids]
        finally:
            scratch[chosen] = -1
        rows = np.flatnonzero(columns >= 0)
        return rows, columns[rows].astype(np.intp)

    def document_frequency(self) -> npt.NDArray[np.int64]:
        """For each term id, how many passages hold it (computed once, vectorised)."""
        if self._document_frequency is None:
            width = max(len(self.vocabulary), 1)
            found = np.zeros(len(self.vocabulary), dtype=np.int64)
            # A slice of passages at a time: over all at once, the pair arrays took gigabytes at 1M passages.
            for start in range(0, len(self), _FREQUENCY_SLICE):
                stop = min(start + _FREQUENCY_SLICE, len(self))
                # Each (passage, term) as one number, sorted in place so that repeats are neighbours: one working
                # array, where ``np.unique`` made several (half a gigabyte at 200,000 passages, and slower).
                pairs = np.repeat(np.arange(stop - start, dtype=np.int64) * width, self.lengths[start:stop])
                pairs += self.ids[self.offsets[start] : self.offsets[stop]]
                found += np.bincount(distinct_in_place(pairs) % width, minlength=len(self.vocabulary))
            self._document_frequency = found
        return self._document_frequency


class Occurrences(NamedTuple):
    """Each place where some passages hold some terms: which passage (its place among the ``passage_count``
    asked about) and which term (its place among those asked for)."""

    passage_count: int
    passage: npt.NDArray[np.intp]
    term: npt.NDArray[np.intp]


def holdings(
    found: Occurrences, union: Sequence[str], wanted_lists: Sequence[Sequence[str]], rows: Iterable[int]
) -> list[list[frozenset[str]]]:
    """For each list of ``wanted_lists`` (distinct terms of ``union``, the terms ``found`` was asked for), which of
    its terms each passage of ``rows`` (places among those ``found`` was asked about) holds."""
    held = np.zeros((found.passage_count, len(union)), dtype=bool)
    held[found.passage, found.term] = True
    held = held[np.fromiter(rows, dtype=np.intp)]
    place = {t: n for n, t in enumerate(union)}
    sets_each: list[list[frozenset[str]]] = []
    for wanted in wanted_lists:
        # Candidates share a few holdings: each is made into a set once, from the terms in ``wanted``'s order
        # (a set's order, and so any sum over it, follows the order it was made in).
        made: dict[tuple[bool, ...], frozenset[str]] = {}
        sets = []
        for row in map(tuple, held[:, [place[t] for t in wanted]].tolist()):
            holding = made.get(row)
            if holding is None:
                holding = made[row] = frozenset(itertools.compress(wanted, row))
            sets.append(holding)
        sets_each.append(sets)
    return sets_each


def distinct_in_place(values: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """``np.unique(values)``, sorting ``values`` itself: one working array where ``np.unique`` makes several, and
    several times faster on a question's few thousand values."""
    # Every caller's values come in runs (passage by passage, sentence by sentence): a stable sort (Timsort)
    # merges them 3-4 times faster than quicksort sorts them, with a buffer of at most half the array.
    values.sort(kind="stable")
    first = np.ones(len(values), dtype=bool)
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return values[first]


def spans(starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The indexes of several runs laid end to end: ``starts[k]`` to ``starts[k] + lengths[k]`` for each k."""
    return np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths - starts, lengths)


def array_view(values: array[int], dtype: type[np.int32] | type[np.int64]) -> npt.NDArray[Any]:
    """``values`` seen as a numpy array of ``dtype``, without a copy (an empty one when there are none)."""
    return np.frombuffer(values, dtype=dtype) if values else np.zeros(0, dtype=dtype)


def _offsets(length_chunks: list[npt.NDArray[np.int64]]) -> npt.NDArray[np.int64]:
    return offsets_of(np.concatenate(length_chunks) if length_chunks else np.zeros(0, dtype=np.int64))


class TermSets(Sequence[frozenset[str]]):
    """``index.term_sets[i]``: the distinct terms of passage ``i``, decoded when asked for."""

    def __init__(self, terms: PassageTerms) -> None:
        self._terms = terms
        # A question looks at the same candidates several times (coverage, signals, grouping), and at its leads'
        # sentences twice (judging the evidence, then composing the quotes).
        self._decode = functools.lru_cache(maxsize=_DECODED)(terms.term_set)
        self._decode_sentences = functools.lru_cache(maxsize=_DECODED)(terms.sentence_sets)

    def __len__(self) -> int:
        return len(self._terms)

    def __getitem__(self, position: int) -> frozenset[str]:  # type: ignore[override]  # positions only, no slices
        return self._decode(position)

    def sentences(self, position: int) -> list[frozenset[str]] | None:
        """``PassageTerms.sentence_sets(position)``, decoded once for the last few questions."""
        found = self._decode_sentences(position)
        return list(found) if found is not None else None
