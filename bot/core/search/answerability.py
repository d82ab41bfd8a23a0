"""Answer or refuse: signals read off the top passages the engine returns, combined by a fitted logistic model.

The signals (all shares or ratios, so they mean the same in a corpus of five articles or of thousands): the
share of the question's weight the best passage matches (informativeness and corpus rarity as weights), how
many content words it matches, the heaviest word left unmatched, whether the top passages agree on the
heaviest matched word, how much of the question the corpus knows at all, how far the first passage stands out
from the fifth, how few words the question has, and how many passages the corpus has (in thousands of passages
some passage shares a question's words by chance, so the same overlap says less there than in five articles),
and how many of the question's words are the corpus's own subject (``topicality.py``); then the evidence the
quoted passages hold (``evidence.py``): an answer of the asked kind, every name of the question, one sentence
holding it, the question's word pairs standing together. The weights come from ``python -m
bot.bench.calibrate``, fitted on labelled sets 1-4 (``eval/``) and a SQuAD split.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.core.search.evidence import Evidence
from bot.core.search.index import CANDIDATES, Hit, SearchIndex
from bot.core.search.matching import Matching, weighted_shares
from bot.core.search.query import BRIDGE_WEIGHT, Query

# A corpus of this many passages reads as corpus size 1 (log scale; larger ones too).
LARGE_CORPUS = 100_000
# This many of the question's words being the corpus's own subject reads as fully on topic.
TOPICAL = 3
# Passages whose signals are read: the ones that could be quoted first. (All the engine's CANDIDATES are
# scored, so re-ranking by answer kind can reach any of them.)
TOP = 3

# No BM25 score against the question's ideal: it reads bridged (other-wording) matches as weak and dropping
# it raised the fitted utility (2.949 -> 2.960, one more reworded tune question answered).
FEATURES = (
    "share",
    "matched",
    "unmatched",
    "agreement",
    "known",
    "rare_share",
    "unmatched_weight",
    "stand_out",
    "few_words",
    "kind_missing",
    "absent_name",
    "sentence_share",
    "phrases",
    "corpus_size",
    "topical",
)
_KIND_MISSING = FEATURES.index("kind_missing")
_ABSENT_NAME = FEATURES.index("absent_name")
# Fitted by ``python -m bot.bench.calibrate eval/labelled_questions.jsonl,eval/labelled_questions_2.jsonl,
# eval/labelled_questions_3.jsonl,eval/labelled_questions_4.jsonl SQUAD --keep DEV --shares 0.25 --min-refusal 0.9
# --splits tune,holdout,holdout2,holdout3,holdout4 --answer-weight 2`` (logistic regression; corpus-rarity share
# 0.25). An answerable question answered counts twice a refusal: the bot's users mostly ask what the articles
# answer. Calibrate's threshold (0.625) is moved into the intercept, so BOT_MIN_CONFIDENCE's default 0.5 applies.
# (Fitted when calibrate still read the ranking query's signals; the refit on the judged query's signals picks the
# same threshold and answers one tune reworded and one set-4 everyday question fewer, one SQuAD question more.)
# fmt: off
COEFFICIENTS = (
    0.699, 0.592, -0.43, 0.431, -0.4, 0.411, -0.593, 0.179, 0.118, -1.638, -0.885, 0.602, 0.347, -0.955, 1.308
)
# fmt: on
INTERCEPT = -0.698


@dataclass(frozen=True, slots=True)
class Verdict:
    """The passages in the order they would be quoted (coverage = weighted share matched), the signals and the
    model's confidence."""

    hits: list[Hit]
    signals: tuple[float, ...]
    confidence: float

    @property
    def lacks_kind(self) -> bool:
        """Whether the passages lack the kind of answer the question asks for ("How old is Han Min-koo?" over
        passages that name him but give no age)."""
        return bool(self.signals[_KIND_MISSING])

    @property
    def contradicted(self) -> bool:
        """Whether the passages cannot answer, however many words they share: they lack the kind of answer asked
        for, or the question is about a name, number or ordinal no article has ("How did Russia react to the
        pact?", "the sixth nuclear test")."""
        return self.lacks_kind or bool(self.signals[_ABSENT_NAME])


def search_query(index: SearchIndex, query: Query, within: Collection[int] | None = None) -> list[Hit]:
    """The best passages for ``query`` (only positions ``within`` if set): BM25 on its terms plus, at a lower
    weight, on bridged words."""
    if not query.terms:
        return []
    if not query.bridges:
        # The search's order is best first, ties in passage order; what each hit matches is read in its pass.
        matching = Matching(index, query)
        found = index.search_holding(query.terms, matching.relevant, CANDIDATES, within)
        shares = matching.shares([held for *_, held in found])
        return [Hit(position, score, share) for (position, score, _, _), share in zip(found, shares, strict=True)]
    # Bridged words add scores, which can change the order.
    scores = {h.position: h.score for h in index.search(query.terms, CANDIDATES, within)}
    for hit in index.search(query.bridge_terms, CANDIDATES, within):
        scores[hit.position] = scores.get(hit.position, 0.0) + BRIDGE_WEIGHT * hit.score
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:CANDIDATES]
    shares = weighted_shares(index, query, [position for position, _ in ranked])
    return [Hit(position, score, share) for (position, score), share in zip(ranked, shares, strict=True)]


def signals(index: SearchIndex, query: Query, hits: Sequence[Hit], evidence: Evidence) -> tuple[float, ...]:
    """The model's inputs (``FEATURES``), read off the top passages only: ``hits`` in the engine's order, then
    the ``evidence`` of the passages to be quoted."""
    total = sum(query.weights.values())
    top = list(hits[:TOP])
    read = (
        evidence.kind_missing,
        evidence.absent_name,
        evidence.sentence_share,
        evidence.phrases,
        corpus_size(index),
        min(query.topical, TOPICAL) / TOPICAL,
    )
    if not top or not total:
        return (0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, *read)
    heaviest = max(query.weights.values())
    best = max(top, key=lambda h: h.coverage)
    # What each top passage matches, with the aliases that concern the question worked out once.
    matching = Matching(index, query)
    held = {h.position: matching.weights(index.term_sets[h.position]) for h in top}
    matched = held[best.position]
    unmatched = max((w for t, w in query.weights.items() if t not in matched), default=0.0)
    lead = max(matched, key=lambda t: matched[t], default=None)
    agreeing = sum(1 for h in top if lead is not None and lead in held[h.position])
    known = sum(w for t, w in query.weights.items() if _known(index, query, t)) / total
    # The same share with corpus rarity (idf) as the weights: what the corpus itself finds telling.
    idf_total = sum(index.idf(t) for t in query.terms)
    rare_share = max(sum(index.idf(t) for t in held[h.position] if t in query.weights) / idf_total for h in top)
    return (
        best.coverage,
        min(len(matched), 4) / 4,
        unmatched / heaviest,
        agreeing / len(top),
        known,
        rare_share,
        unmatched,
        1 - hits[min(len(hits), 5) - 1].score / top[0].score if top[0].score > 0 else 0.0,
        1 / len(query.terms),
        *read,
    )


def corpus_size(index: SearchIndex) -> float:
    """How many passages the corpus has, on a log scale: 0 for one, 1 for ``LARGE_CORPUS`` or more."""
    return min(1.0, math.log10(max(index.size, 1)) / math.log10(LARGE_CORPUS))


def confidence(values: Sequence[float]) -> float:
    """The logistic model's probability that the question is answered by the passages."""
    z = INTERCEPT + sum(c * v for c, v in zip(COEFFICIENTS, values, strict=True))
    return 1 / (1 + math.exp(-z))


def _known(index: SearchIndex, query: Query, term: str) -> bool:
    return index.idf(term) < index.idf("\0") or term in index.aliases or bool(query.bridges.get(term))


def with_coverage(hits: Sequence[Hit], index: SearchIndex, query: Query) -> list[Hit]:
    """``hits`` (from another search path) re-scored with the question's weighted share."""
    shares = weighted_shares(index, query, [h.position for h in hits])
    return [Hit(h.position, h.score, share) for h, share in zip(hits, shares, strict=True)]
