"""The fast engine: tantivy (a Rust, Lucene-style inverted index) over the bot's own terms.

Passages are given to tantivy already tokenized, joined by spaces, and its whitespace tokenizer
splits them back: tantivy never stems or folds, so both engines see exactly the bot's terms. Each
document keeps its passage position in a fast field, read back for the top hits only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import tantivy

from bot.core.heap import release_freed_memory
from bot.core.search.engines import FAST

_FIELD = "terms"
_POSITION = "position"
# Tantivy's indexing memory; one thread keeps the build on one core beside the bot.
_WRITER_HEAP = 200_000_000
# A term in nearly every passage (its idf under this share of the question's largest) is left out of the
# search: its whole BM25 part is a rounding error beside the other terms', and tantivy-py always collects
# with a MultiCollector, which turns off tantivy's block-max WAND pruning, so such a term has every passage
# scored (at 100k passages a question with one spent 0.84 ms, 0.17 ms without). The exact re-score
# (``ExactRescore``) counts it again; a search that then finds fewer hits than asked is run whole.
_NEGLIGIBLE_IDF_SHARE = 0.01


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(_FIELD, tokenizer_name="whitespace", index_option="freq")
    builder.add_unsigned_field(_POSITION, fast=True)
    return builder.build()


class TantivyEngine:
    """Top-k BM25 from an inverted index: a question reads only the postings of its own terms."""

    name = FAST

    def __init__(self, index: tantivy.Index) -> None:
        self._index = index
        self._schema = index.schema
        self._searcher = index.searcher()
        self.size = self._searcher.num_docs

    @classmethod
    def build(cls, documents: Sequence[Sequence[str]], folder: Path | None = None) -> TantivyEngine:
        """Index ``documents`` in memory, or in ``folder`` (which must be empty) to be opened again later."""
        index = tantivy.Index(_schema(), path=str(folder) if folder is not None else None)
        writer = index.writer(heap_size=_WRITER_HEAP, num_threads=1)
        for position, terms in enumerate(documents):
            document = tantivy.Document()
            document.add_text(_FIELD, " ".join(terms))
            document.add_unsigned(_POSITION, position)
            writer.add_document(document)
        writer.commit()
        writer.wait_merging_threads()
        del writer
        # The indexer's buffers (up to its heap size) are freed by now, but would stay resident without this.
        release_freed_memory()
        index.reload()
        return cls(index)

    @classmethod
    def open(cls, folder: Path) -> TantivyEngine:
        """An index built earlier in ``folder``."""
        return cls(tantivy.Index.open(str(folder)))

    def top(self, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
        hits = self._hits(terms, limit)
        positions = self._searcher.fast_field_values(_POSITION, [address for _, address in hits])
        ranked = [(int(p), float(score)) for (score, _), p in zip(hits, positions, strict=True) if p is not None]
        # Ties in passage order, as the reference breaks them.
        ranked.sort(key=lambda hit: (-hit[1], hit[0]))
        return ranked

    def candidates(self, terms: Sequence[str], limit: int) -> list[int]:
        """The positions of ``top(terms, limit)``, in no particular order (for re-scoring, which orders them)."""
        hits = self._hits(terms, limit)
        positions = self._searcher.fast_field_values(_POSITION, [address for _, address in hits])
        return [int(p) for p in positions if p is not None]

    def _hits(self, terms: Sequence[str], limit: int) -> list[tuple[float, tantivy.DocAddress]]:
        if not terms or self.size == 0:
            return []
        telling = self._telling(terms)
        hits = self._search(telling, limit)
        if len(telling) < len(terms) and len(hits) < limit:
            hits = self._search(terms, limit)
        return hits

    def _search(self, terms: Sequence[str], limit: int) -> list[tuple[float, tantivy.DocAddress]]:
        clauses = [(tantivy.Occur.Should, tantivy.Query.term_query(self._schema, _FIELD, t)) for t in terms]
        hits: list[tuple[float, tantivy.DocAddress]] = self._searcher.search(
            tantivy.Query.boolean_query(clauses), limit, count=False
        ).hits
        return hits

    def _telling(self, terms: Sequence[str]) -> list[str]:
        """``terms`` less those in nearly every passage (see ``_NEGLIGIBLE_IDF_SHARE``)."""
        idf = {t: self._idf(t) for t in terms}
        floor = _NEGLIGIBLE_IDF_SHARE * max(idf.values())
        return [t for t in terms if idf[t] >= floor]

    def _idf(self, term: str) -> float:
        """Lucene's BM25 idf of ``term`` in this index (what tantivy scores with)."""
        df = self._searcher.doc_freq(_FIELD, term)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))
