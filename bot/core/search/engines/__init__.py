"""Search engines behind one seam: query terms in, (position, score) pairs out, best first.

Both engines score Lucene's BM25 (k1 1.2, b 0.75, idf log(1 + (N - df + 0.5) / (df + 0.5))) over
the bot's own terms, so they rank alike: rank-bm25 is the reference, kept for small corpora because
it is plain Python and easy to check; tantivy (Rust, an inverted index) takes over above a corpus size,
where scoring every passage for every question would be too slow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

# Lucene's (and tantivy's) BM25 parameters; the reference uses the same so both engines agree.
K1 = 1.2
B = 0.75

REFERENCE = "rank-bm25"
FAST = "tantivy"
EngineName = Literal["auto", "rank-bm25", "tantivy"]


class Engine(Protocol):
    """Ranks passages (by position) for a list of query terms; a term listed twice counts twice."""

    name: str

    def top(self, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
        """The ``limit`` best passages sharing a term with ``terms``, as (position, score), best first."""
        ...


@dataclass(frozen=True, slots=True)
class EngineChoice:
    """Which engine to build: one by name, or ``auto``: the fast engine from ``fast_from`` passages up."""

    name: EngineName = "auto"
    fast_from: int = 5000

    def resolve(self, passages: int) -> str:
        """The engine for a corpus of ``passages``."""
        if self.name != "auto":
            return self.name
        return FAST if passages >= self.fast_from else REFERENCE


def build_engine(name: str, documents: Sequence[Sequence[str]], folder: Path | None = None) -> Engine:
    """An engine of kind ``name`` over ``documents`` (term lists by position); tantivy writes to ``folder``."""
    if name == FAST:
        from bot.core.search.engines.fast import TantivyEngine

        return TantivyEngine.build(documents, folder)
    from bot.core.search.engines.reference import ReferenceEngine

    return ReferenceEngine(documents)


# The default choice: the reference for small corpora, tantivy for large ones.
AUTO = EngineChoice()
