"""The plain baseline every ranking is compared with: rank-bm25 as it comes, over lower-cased words, never refusing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from rank_bm25 import BM25Okapi

from bot.bench.retrieval import plain_split
from bot.core.corpus import Corpus

# How many passages the baseline quotes, as the bot does by default.
QUOTED = 3


def plain_ranking(texts: Sequence[str]) -> Callable[[str], list[int]]:
    """A question -> the positions of ``texts``, best first by plain rank-bm25 (ties in text order)."""
    if not texts:
        return lambda question: []
    engine = BM25Okapi([plain_split(text) for text in texts])

    def rank(question: str) -> list[int]:
        scores = np.asarray(engine.get_scores(plain_split(question)))
        return [int(i) for i in np.argsort(-scores, kind="stable")]

    return rank


def plain_quotes(corpus: Corpus, quoted: int = QUOTED) -> Callable[[str], list[str]]:
    """A question -> the texts plain rank-bm25 would quote from the bot's own passages.

    Like the bot, it never quotes a passage overlapping one already quoted (a pair and its halves).
    """
    passages = corpus.passages
    rank = plain_ranking([p.text for p in passages])

    def quote(question: str) -> list[str]:
        chosen: list[int] = []
        for position in rank(question):
            if not any(passages[position].overlaps(passages[n]) for n in chosen):
                chosen.append(position)
                if len(chosen) == quoted:
                    break
        return [passages[n].text for n in chosen]

    return quote
