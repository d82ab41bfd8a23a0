"""Every passage of a corpus in a few flat arrays and one text blob, instead of a Python object per passage.

A million ``Passage`` objects with their texts and sentence tuples took about a gigabyte and most of a
restart's time to unpickle. Kept as arrays, a save is read back as raw bytes, and a ``Passage`` is made
only for the passages a question looks at (``table[i]``, with the last few thousand kept).
"""

from __future__ import annotations

import functools
import mmap
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.core.ingest.passages import passage_id
from bot.core.models import Passage

# The arrays of a table, in the order the constructor takes them after the article ids, with their types.
FIELDS: dict[str, type[np.generic]] = {
    "article": np.int32,
    "first": np.int32,
    "last": np.int32,
    "text": np.uint8,
    "text_offsets": np.int64,
    "spans": np.int32,
    "span_offsets": np.int64,
}
# Passages kept made (a few hundred bytes each): the candidates of the last few questions.
_MADE = 4096


def offsets_of(lengths: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Where each of the runs of ``lengths`` starts, laid end to end, and where the last ends."""
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return offsets


class PassageTable(Sequence[Passage]):
    """The passages in order; ``table[i]`` makes passage ``i``.

    ``text`` holds every passage's text in UTF-8 bytes, back to back (``text_offsets`` in bytes); ``spans`` each
    sentence's (start, end) in characters of its passage, ``span_offsets`` where each passage's sentences
    start (in sentences). ``article`` numbers each passage's article in ``article_ids``.
    """

    def __init__(
        self,
        article_ids: Sequence[str],
        article: npt.NDArray[np.int32],
        first: npt.NDArray[np.int32],
        last: npt.NDArray[np.int32],
        text: npt.NDArray[np.uint8],
        text_offsets: npt.NDArray[np.int64],
        spans: npt.NDArray[np.int32],
        span_offsets: npt.NDArray[np.int64],
    ) -> None:
        self.article_ids = tuple(article_ids)
        self.article = article
        self.first = first
        self.last = last
        self.text = text
        self.text_offsets = text_offsets
        self.spans = spans.reshape(-1, 2)
        self.span_offsets = span_offsets
        self._made = functools.lru_cache(maxsize=_MADE)(self._make)

    @classmethod
    def of(cls, passages: Iterable[Passage]) -> PassageTable:
        """The table of ``passages`` (made by ``split_passages``: their ids follow from article and numbers)."""
        article_ids: dict[str, int] = {}
        article: list[int] = []
        first: list[int] = []
        last: list[int] = []
        texts: list[bytes] = []
        text_lengths: list[int] = []
        spans: list[tuple[int, int]] = []
        span_counts: list[int] = []
        for passage in passages:
            if passage.passage_id != passage_id(passage.article_id, passage.first, passage.last):
                raise ValueError(f"passage {passage.passage_id!r} is not numbered as split_passages numbers them")
            article.append(article_ids.setdefault(passage.article_id, len(article_ids)))
            first.append(passage.first)
            last.append(passage.last)
            encoded = passage.text.encode()
            texts.append(encoded)
            text_lengths.append(len(encoded))
            spans.extend(passage.sentences)
            span_counts.append(len(passage.sentences))
        return cls(
            list(article_ids),
            np.asarray(article, dtype=np.int32),
            np.asarray(first, dtype=np.int32),
            np.asarray(last, dtype=np.int32),
            np.frombuffer(b"".join(texts), dtype=np.uint8),
            offsets_of(np.asarray(text_lengths, dtype=np.int64)),
            np.asarray(spans, dtype=np.int32).reshape(-1, 2),
            offsets_of(np.asarray(span_counts, dtype=np.int64)),
        )

    @classmethod
    def concat(cls, pieces: Sequence[PassageTable]) -> PassageTable:
        """One table of ``pieces`` in order (an article's id is numbered once, however many pieces hold it)."""
        numbers: dict[str, int] = {}
        articles = []
        for piece in pieces:
            renumber = np.fromiter(
                (numbers.setdefault(a, len(numbers)) for a in piece.article_ids), np.int32, len(piece.article_ids)
            )
            articles.append(renumber[piece.article] if len(piece.article) else piece.article)
        return cls(
            list(numbers),
            _joined(articles, np.int32),
            _joined([p.first for p in pieces], np.int32),
            _joined([p.last for p in pieces], np.int32),
            _joined([p.text[p.text_offsets[0] : p.text_offsets[-1]] for p in pieces], np.uint8),
            offsets_of(_joined([np.diff(p.text_offsets) for p in pieces], np.int64)),
            _joined([p.spans[p.span_offsets[0] : p.span_offsets[-1]] for p in pieces], np.int32).reshape(-1, 2),
            offsets_of(_joined([np.diff(p.span_offsets) for p in pieces], np.int64)),
        )

    def take(self, start: int, stop: int) -> PassageTable:
        """Passages ``start`` to ``stop`` as a table of their own (sharing this one's memory)."""
        article = self.article[start:stop]
        low = int(article.min()) if len(article) else 0
        high = int(article.max()) + 1 if len(article) else 0
        return PassageTable(
            self.article_ids[low:high],
            article - np.int32(low),
            self.first[start:stop],
            self.last[start:stop],
            self.text,
            self.text_offsets[start : stop + 1],
            self.spans,
            self.span_offsets[start : stop + 1],
        )

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        """The table's arrays by name (``FIELDS``), offsets counted from this table's own start: what a save
        writes."""
        start, end = self.text_offsets[0], self.text_offsets[-1]
        low, high = self.span_offsets[0], self.span_offsets[-1]
        return {
            "article": self.article,
            "first": self.first,
            "last": self.last,
            "text": self.text[start:end],
            "text_offsets": self.text_offsets - start,
            "spans": self.spans[low:high],
            "span_offsets": self.span_offsets - low,
        }

    @classmethod
    def from_arrays(cls, article_ids: Sequence[str], arrays: dict[str, npt.NDArray[Any]]) -> PassageTable:
        """The table a save wrote with ``arrays``; ``ValueError`` if the arrays do not fit together."""
        table = cls(article_ids, *(arrays[name].astype(dtype, copy=False) for name, dtype in FIELDS.items()))
        count = len(table)
        if not (len(table.article) == len(table.first) == len(table.last) == count == len(table.span_offsets) - 1):
            raise ValueError("the passage arrays disagree in length")
        if count and (
            table.text_offsets[0] != 0
            or table.text_offsets[-1] != len(table.text)
            or np.any(np.diff(table.text_offsets) < 0)
            or table.span_offsets[0] != 0
            or table.span_offsets[-1] != len(table.spans)
            or np.any(np.diff(table.span_offsets) < 0)
            or int(table.article.min()) < 0
            or int(table.article.max()) >= len(table.article_ids)
        ):
            raise ValueError("the passage arrays are out of bounds")
        return table

    def __reduce__(self) -> tuple[Any, ...]:
        # Crosses processes (a worker's batch) as its arrays, without the cache of made passages.
        return PassageTable.from_arrays, (self.article_ids, self.arrays())

    def __len__(self) -> int:
        return len(self.text_offsets) - 1

    def __getitem__(self, position: int) -> Passage:  # type: ignore[override]  # positions only, no slices
        if not -len(self) <= position < len(self):
            raise IndexError("passage position out of range")
        return self._made(position % len(self))

    def __iter__(self) -> Iterator[Passage]:
        # Every passage once, without crowding out the cache of recent ones.
        return map(self._make, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PassageTable):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal by content, like a list

    def forget_pages(self) -> None:
        """Let go of the pages of a memory-mapped text that were read (they stay in the file and are read again
        when next needed): a pass over every passage's text would otherwise leave all of it resident."""
        source = self.text.base
        while isinstance(source, np.ndarray):
            source = source.base
        if isinstance(source, memoryview):
            source = source.obj
        if isinstance(source, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED"):
            source.madvise(mmap.MADV_DONTNEED)

    def article_of(self, position: int) -> str:
        """The article id of passage ``position``, without making the passage."""
        return self.article_ids[int(self.article[position])]

    def base_mask(self) -> npt.NDArray[np.bool_]:
        """Which passages are base passages (not a pair of neighbours)."""
        base: npt.NDArray[np.bool_] = self.first == self.last
        return base

    def openings(self) -> list[int]:
        """The positions of each article's first base passage, in order."""
        found: list[int] = np.flatnonzero((self.first == 0) & self.base_mask()).tolist()
        return found

    def positions_in(self, article_ids: Iterable[str]) -> list[int]:
        """The positions of the passages of any of ``article_ids``, in order."""
        numbers = [n for n in map(self._numbers.get, article_ids) if n is not None]
        found: list[int] = np.flatnonzero(np.isin(self.article, numbers)).tolist()
        return found

    @functools.cached_property
    def _by_article(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        order = np.argsort(self.article, kind="stable")
        return order, np.searchsorted(self.article[order], np.arange(len(self.article_ids) + 1))

    def positions_of(self, article_id: str) -> list[int]:
        """The positions of ``article_id``'s passages, in order."""
        number = self._numbers.get(article_id)
        if number is None:
            return []
        order, bounds = self._by_article
        return sorted(order[bounds[number] : bounds[number + 1]].tolist())

    @functools.cached_property
    def _numbers(self) -> dict[str, int]:
        return {article_id: n for n, article_id in enumerate(self.article_ids)}

    def _make(self, position: int) -> Passage:
        start, end = self.text_offsets[position : position + 2].tolist()
        low, high = self.span_offsets[position : position + 2].tolist()
        article_id = self.article_ids[self.article[position]]
        first, last = int(self.first[position]), int(self.last[position])
        return Passage(
            passage_id(article_id, first, last),
            article_id,
            first,
            last,
            self.text[start:end].tobytes().decode(),
            tuple((a, b) for a, b in self.spans[low:high].tolist()),
        )


def _joined(arrays: list[npt.NDArray[Any]], dtype: type[np.generic]) -> npt.NDArray[Any]:
    return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.zeros(0, dtype=dtype)
