"""Builds the story's timeline: dated events from every article, the same event from several sources merged.

An event is a sentence with a time expression, dated relative to its article's publication date.
Events are merged when their periods are compatible (equal, or one inside the other) and their
sentences say much the same thing, weighted by how rare the shared words are in the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.core.ingest.passages import split_sentences
from bot.core.models import Article
from bot.core.search.index import SearchIndex
from bot.core.search.tokenize import tokenize
from bot.core.timeline.timexpr import Period, find_time_expressions

# Same period: sentences sharing this much of their (rarity-weighted) words report the same event.
SAME_PERIOD_SIMILARITY = 0.2
# A period inside another ("last month" and "Nov. 23"): the sentences must agree more.
NESTED_PERIOD_SIMILARITY = 0.4
# A topic keeps events holding at least this share of its word weight.
TOPIC_COVERAGE = 0.5
# A mention is compared with at most this many members of a cluster (the first, most precise ones):
# a story retold by hundreds of articles must not make the timeline quadratic.
MAX_COMPARED = 12
# Whitespace is matched possessively and only from the start of a run, so a long run never backtracks.
_CLAUSE_BREAK = re.compile(
    r"(?<!\s)\s*+[,;:—–]\s++|(?<!\s)\s++(?=(?:but|while|whereas|although|though|because|after|before|since)\s)"
)
_MIN_CLAUSE_WORDS = 5


@dataclass(frozen=True, slots=True)
class EventMention:
    """One article dating one event: the sentence, or its clause when the sentence dates several events."""

    period: Period
    text: str
    article_id: str
    source: str
    sentence: str
    clause: str


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """An event on the timeline, with every article that dates it."""

    period: Period
    text: str
    sources: tuple[str, ...]
    article_ids: tuple[str, ...]
    mentions: tuple[EventMention, ...]

    @property
    def date(self) -> str:
        return self.period.label


def extract_mentions(article: Article) -> list[EventMention]:
    """Every dated sentence of ``article``, once per distinct period it names."""
    mentions = []
    for paragraph in article.paragraphs:
        for sentence in split_sentences(paragraph):
            found = find_time_expressions(sentence, article.published)
            several = len({m.period for m in found}) > 1
            seen: set[Period] = set()
            for mention in found:
                if mention.period in seen:
                    continue
                seen.add(mention.period)
                clause = clause_around(sentence, mention.start)
                text = clause if several else sentence
                mentions.append(
                    EventMention(mention.period, text, article.article_id, article.source, sentence, clause)
                )
    return mentions


def clause_around(sentence: str, at: int) -> str:
    """The clause of ``sentence`` holding character ``at``; fragments too short to stand alone join a neighbour."""
    pieces: list[list[int]] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        pieces.append([start, match.start()])
        start = match.end() if match.group(0).strip() in ",;:—–" else match.start() + 1
    pieces.append([start, len(sentence)])
    merged: list[list[int]] = []
    for piece in pieces:
        if merged and min(_words(sentence, piece), _words(sentence, merged[-1])) < _MIN_CLAUSE_WORDS:
            merged[-1][1] = piece[1]
        else:
            merged.append(piece)
    for first, last in merged:
        if first <= at < last:
            return sentence[first:last].strip(" ,;:")
    return sentence


def build_timeline(articles: Iterable[Article], index: SearchIndex) -> list[TimelineEvent]:
    """The merged, chronologically ordered events of ``articles``; ``index`` supplies word rarity."""
    mentions = [m for article in articles for m in extract_mentions(article)]
    # The most precise dates first, so that "last month" joins the day it means, not the other way round.
    mentions.sort(key=lambda m: (m.period.days, m.period.start, m.article_id))
    terms = {id(m): (_content_terms(m.sentence), _content_terms(m.clause)) for m in mentions}
    # Clusters by the period of their first (most precise) mention: a mention only meets clusters
    # of its own period or of periods inside it, so it never scans the whole timeline.
    by_period: dict[Period, list[list[EventMention]]] = {}
    clusters: list[list[EventMention]] = []
    for mention in mentions:
        candidates = [
            cluster
            for period, group in by_period.items()
            if period == mention.period or period.within(mention.period)
            for cluster in group
        ]
        best, best_score = None, 0.0
        for cluster in candidates:
            score = _fit(mention, cluster, terms, index)
            if score > best_score:
                best, best_score = cluster, score
        if best is None:
            best = [mention]
            clusters.append(best)
            by_period.setdefault(mention.period, []).append(best)
        else:
            best.append(mention)
    events = [_event(cluster, terms, index) for cluster in clusters]
    return sorted(events, key=lambda e: (e.period.start, -e.period.days, e.text))


def filter_timeline(
    events: Sequence[TimelineEvent],
    topic: str | None = None,
    start: Period | None = None,
    end: Period | None = None,
    aliases: Mapping[str, tuple[str, ...]] | None = None,
) -> list[TimelineEvent]:
    """Events dated inside ``start``..``end`` and, with a topic, relevant to it (BM25 over their sentences)."""
    kept = [
        e
        for e in events
        if (start is None or e.period.start >= start.start) and (end is None or e.period.end <= end.end)
    ]
    topic_terms = tokenize(topic) if topic else []
    if not topic_terms:
        return kept
    index = SearchIndex([" ".join(m.text for m in e.mentions) for e in kept], aliases or {})
    relevant = {h.position for h in index.search(topic_terms) if h.coverage >= TOPIC_COVERAGE}
    return [e for n, e in enumerate(kept) if n in relevant]


def _words(sentence: str, piece: list[int]) -> int:
    return len(sentence[piece[0] : piece[1]].split())


def _content_terms(text: str) -> frozenset[str]:
    """Terms without numbers, which only restate the date."""
    return frozenset(t for t in tokenize(text) if not t.isdigit())


Terms = dict[int, tuple[frozenset[str], frozenset[str]]]


def _fit(mention: EventMention, cluster: list[EventMention], terms: Terms, index: SearchIndex) -> float:
    """How well ``mention`` joins ``cluster``: its best similarity to a member, or 0 if the dates clash."""
    if any(other.sentence == mention.sentence and other.article_id == mention.article_id for other in cluster):
        return 0.0  # one sentence dating two periods tells of two events
    head = cluster[0].period
    if mention.period == head:
        threshold = SAME_PERIOD_SIMILARITY
    elif head.within(mention.period):
        threshold = NESTED_PERIOD_SIMILARITY
    else:
        return 0.0
    best = max(_mention_similarity(terms[id(mention)], terms[id(other)], index) for other in cluster[:MAX_COMPARED])
    return best if best >= threshold else 0.0


def _mention_similarity(
    a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]], index: SearchIndex
) -> float:
    """The better of sentence-to-sentence and clause-to-clause similarity."""
    return max(_similarity(a[0], b[0], index), _similarity(a[1], b[1], index))


def _similarity(a: frozenset[str], b: frozenset[str], index: SearchIndex) -> float:
    """Shared weight over the lighter sentence's weight, each word weighted by its rarity."""
    weight_a, weight_b = (sum(index.idf(t) for t in s) for s in (a, b))
    lighter = min(weight_a, weight_b)
    return sum(index.idf(t) for t in a & b) / lighter if lighter else 0.0


def _event(cluster: list[EventMention], terms: Terms, index: SearchIndex) -> TimelineEvent:
    """The cluster's date is its most precise one; its text the sentence most like the others."""
    precise = [m for m in cluster if m.period == cluster[0].period][:MAX_COMPARED]
    sample = cluster[:MAX_COMPARED]
    text = max(
        precise,
        key=lambda m: (sum(_mention_similarity(terms[id(m)], terms[id(o)], index) for o in sample), -len(m.text)),
    ).text
    sources = tuple(dict.fromkeys(m.source for m in cluster))
    article_ids = tuple(dict.fromkeys(m.article_id for m in cluster))
    return TimelineEvent(cluster[0].period, text, sources, article_ids, tuple(cluster))
