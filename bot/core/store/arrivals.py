"""New files' passages and terms, laid end to end as their batches arrive from the workers.

Keeping each batch's arrays until every batch was in, then joining them, held the new passages twice at the
end of reading (gigabytes at a million passages). Growing one buffer of each kind instead holds them once: a
batch is copied in and dropped as it arrives. A first build reads the files in the order the corpus keeps
them, so these buffers are then the corpus's own passage table and terms, with no copy at all. The passages'
text, the largest of them, goes to a file rather than a buffer (``text_file``).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.core.corpus import ArticleParts
from bot.core.models import FileProblem
from bot.core.passage_table import PassageTable, offsets_of
from bot.core.search.terms import Packed, PassageTerms, array_view
from bot.core.store.batches import Batch
from bot.core.store.text_file import TextFile, TextWriter


class Arrivals:
    """The passages and terms of the batches added so far, in order (term ids from ``term_ids``, extended)."""

    def __init__(self, term_ids: dict[str, int], text: TextWriter | None = None) -> None:
        self.term_ids = term_ids
        # The passages' text goes to a file as it arrives (see ``text_file``); the file, once read, or None.
        self._text = text if text is not None else TextWriter(None)
        self.text_file: TextFile | None = None
        # Where each file's passages are, by file name.
        self.runs: dict[str, range] = {}
        self._ids, self._lengths, self._ends, self._counts = array("i"), array("q"), array("i"), array("q")
        self._article_ids: dict[str, int] = {}
        self._article, self._first, self._last = array("i"), array("i"), array("i")
        self._text_lengths, self._spans, self._span_counts = array("q"), array("i"), array("q")
        self._done: tuple[PassageTerms, PassageTable] | None = None

    def add(self, batch: Batch) -> Iterator[ArticleParts]:
        """Append ``batch``'s passages and terms (new terms get the next ids, in order of use); its parts."""
        assert self._done is None, "nothing can be added once the arrivals were read"
        terms = PassageTerms(batch.vocabulary, *batch.arrays)
        remap = np.fromiter(
            (self.term_ids.setdefault(term, len(self.term_ids)) for term in terms.vocabulary),
            np.int32,
            len(terms.vocabulary),
        )
        self._ids.frombytes(_int32(remap[terms.ids] if len(terms.ids) else terms.ids))
        self._lengths.frombytes(_int64(terms.lengths))
        self._ends.frombytes(_int32(terms.sentence_ends))
        self._counts.frombytes(_int64(np.diff(terms.sentence_offsets)))
        table = batch.passages
        numbers = np.fromiter(
            (self._article_ids.setdefault(a, len(self._article_ids)) for a in table.article_ids),
            np.int32,
            len(table.article_ids),
        )
        arrays = table.arrays()
        self._article.frombytes(_int32(numbers[arrays["article"]] if len(table) else arrays["article"]))
        self._first.frombytes(_int32(arrays["first"]))
        self._last.frombytes(_int32(arrays["last"]))
        self._text.write(np.ascontiguousarray(arrays["text"]).data)
        self._text_lengths.frombytes(_int64(np.diff(arrays["text_offsets"])))
        self._spans.frombytes(_int32(arrays["spans"]))
        self._span_counts.frombytes(_int64(np.diff(arrays["span_offsets"])))
        at = len(self._lengths) - len(terms)
        for result in batch.results:
            if isinstance(result, FileProblem):
                continue
            self.runs[result.article.file_name] = range(at, at + result.passage_count)
            at += result.passage_count
            yield result
        if at != len(self._lengths) or len(self._lengths) != len(self._article):
            raise ValueError("a batch's parts, passages and terms disagree")

    def read(self) -> tuple[PassageTerms, PassageTable]:
        """All the passages' terms and table, over the buffers themselves (nothing can be added after)."""
        if self._done is None:
            text, self.text_file = self._text.finish()
            terms = PassageTerms(
                list(self.term_ids),
                array_view(self._ids, np.int32),
                offsets_of(array_view(self._lengths, np.int64)),
                array_view(self._ends, np.int32),
                offsets_of(array_view(self._counts, np.int64)),
            )
            table = PassageTable(
                list(self._article_ids),
                array_view(self._article, np.int32),
                array_view(self._first, np.int32),
                array_view(self._last, np.int32),
                text,
                offsets_of(array_view(self._text_lengths, np.int64)),
                array_view(self._spans, np.int32),
                offsets_of(array_view(self._span_counts, np.int64)),
            )
            self._done = terms, table
        return self._done

    def packed(self, run: range) -> Packed:
        """The terms of the passages of ``run`` (sharing the buffers' memory)."""
        terms, _ = self.read()
        first, last = terms.offsets[run.start], terms.offsets[run.stop]
        low, high = terms.sentence_offsets[run.start], terms.sentence_offsets[run.stop]
        return Packed(
            terms.ids[first:last],
            terms.lengths[run.start : run.stop],
            terms.sentence_ends[low:high],
            np.diff(terms.sentence_offsets[run.start : run.stop + 1]),
        )


def _int32(values: npt.NDArray[Any]) -> memoryview:
    return _raw(values, np.int32)


def _int64(values: npt.NDArray[Any]) -> memoryview:
    return _raw(values, np.int64)


def _raw(values: npt.NDArray[Any], dtype: type[np.int32] | type[np.int64]) -> memoryview:
    # ``array.frombytes`` takes plain bytes: the values' own memory, seen as bytes (no copy when already so typed).
    # A view of no values cannot be cast (a batch of problems only has none).
    return np.ascontiguousarray(values, dtype=dtype).data.cast("B") if values.size else memoryview(b"")
