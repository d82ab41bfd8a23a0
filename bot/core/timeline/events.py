"""Builds the story's timeline: dated events from every article, the same event from several sources merged.

An event is a sentence with a time expression, dated relative to its article's publication date
(see ``mentions``). Mentions are merged when their periods are compatible (equal, or one inside the
other) and their sentences say much the same thing, weighted by how rare the shared words are in
the corpus. A forecast never merges with a report; a vaguer period joins a more precise one only
when it is a week at most ("last week" and "Monday"): a month or a year is a date of its own, even in
the article that gives the day ("a coup last year" is not "the arrest in June last year"), and a month
in one article never lends its sources to another article's day. Candidates are found through an index of
periods and rare words, so building is near linear in the number of dated sentences.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from bot.core.models import Article
from bot.core.search.index import SearchIndex
from bot.core.search.lexicon import build_lexicon
from bot.core.search.matching import weighted_share
from bot.core.search.query import build_query
from bot.core.timeline.mention_terms import MentionTerms
from bot.core.timeline.mentions import EventMention, extract_mentions, lead_mentions
from bot.core.timeline.timexpr import Period

__all__ = ["EventMention", "TimelineEvent", "build_timeline", "extract_mentions", "filter_timeline"]

# Same period: sentences sharing this much of their (rarity-weighted) words report the same event.
SAME_PERIOD_SIMILARITY = 0.2
# A period inside another ("last month" and "Nov. 23"): the sentences must agree more.
NESTED_PERIOD_SIMILARITY = 0.4
# A vaguer period may join a more precise one only if it is this short (a week).
NESTING_DAYS = 7
# A topic keeps events holding at least this share of its word weight.
TOPIC_COVERAGE = 0.5
# A mention is compared with at most this many members of a cluster (the first, most precise ones):
# a story retold by hundreds of articles must not make the timeline quadratic.
MAX_COMPARED = 12
# Candidates are the clusters sharing a word with a mention; each word lists this many (the latest) at most,
# which bounds the work per mention however often a common word recurs.
MAX_POSTINGS = 64
# Of those, the ones sharing the most rare weight are compared: enough for any real story, and a bound.
MAX_CANDIDATES = 24


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """An event on the timeline, with every article that dates it."""

    period: Period
    text: str
    sources: tuple[str, ...]
    article_ids: tuple[str, ...]
    mentions: tuple[EventMention, ...]
    # Its articles retelling it at a vaguer date ("the pact signed last month"): other words for the same event.
    retold: tuple[EventMention, ...] = ()

    @property
    def date(self) -> str:
        return self.period.label


@dataclass
class _Cluster:
    """Mentions of one event; the first is the most precise and gives the period."""

    members: list[EventMention]
    articles: set[str] = field(default_factory=set)

    @property
    def head(self) -> EventMention:
        return self.members[0]


class _ClusterIndex:
    """Clusters by their period and words, with the periods kept in order to find those inside another."""

    def __init__(self, terms: MentionTerms) -> None:
        self.terms = terms
        # A period's words and the clusters using each: the cluster itself while it is the only one (as most
        # are: a list for each was a third of the index's memory), else a list.
        self.postings: dict[Period, dict[str, _Cluster | list[_Cluster]]] = {}
        self.periods: list[Period] = []  # sorted: by start, then end

    def add(self, cluster: _Cluster, mention: EventMention) -> None:
        period = cluster.head.period
        if period not in self.postings:
            self.postings[period] = {}
            bisect.insort(self.periods, period)
        words = self.postings[period]
        vocabulary = self.terms.words
        for term in self.terms.words_of(mention):
            word = vocabulary[term]
            posting = words.get(word)
            if posting is None:
                words[word] = cluster
            elif isinstance(posting, list):
                if cluster not in posting[-MAX_POSTINGS:]:
                    posting.append(cluster)
            elif posting is not cluster and posting != cluster:
                words[word] = [posting, cluster]

    def candidates(self, period: Period, mention: EventMention) -> list[_Cluster]:
        """Clusters of ``period`` or of periods inside it sharing the most rare weight with ``mention``."""
        # Only the periods starting inside ``period`` are walked, both ends found by bisection: copying the
        # rest of the sorted list on each call made the timeline quadratic in the number of distinct periods.
        low = bisect.bisect_left(self.periods, period.start, key=_start)
        high = bisect.bisect_right(self.periods, period.end, lo=low, key=_start)
        vocabulary, idf = self.terms.words, self.terms.idf
        weighted = [(vocabulary[term], idf[term]) for term in self.terms.words_of(mention)]
        shared: dict[int, float] = {}
        clusters: dict[int, _Cluster] = {}
        for inner in self.periods[low:high]:
            if inner.end > period.end:
                continue
            postings = self.postings[inner]
            for word, weight in weighted:
                posting = postings.get(word)
                if posting is None:
                    continue
                for cluster in posting[-MAX_POSTINGS:] if isinstance(posting, list) else (posting,):
                    key = id(cluster)
                    clusters[key] = cluster
                    shared[key] = shared.get(key, 0.0) + weight
        best = sorted(shared, key=lambda key: -shared[key])[:MAX_CANDIDATES]
        return [clusters[key] for key in best]


def _start(period: Period) -> date:
    return period.start


def build_timeline(articles: Iterable[Article], index: SearchIndex) -> list[TimelineEvent]:
    """The merged, chronologically ordered events of ``articles``; ``index`` supplies word rarity."""
    return merge_mentions([m for article in articles for m in article_mentions(article)], index)


def article_mentions(article: Article) -> list[EventMention]:
    """One article's dated sentences and its undated lead reports (``lead`` set): all the timeline needs of it."""
    return [*extract_mentions(article), *lead_mentions(article)]


def merge_mentions(all_mentions: list[EventMention], search_index: SearchIndex) -> list[TimelineEvent]:
    """Events from every article's mentions (taken per article, so a saved corpus can reuse them)."""
    mentions = [m for m in all_mentions if not m.lead]
    # The most precise dates first, so that "last month" joins the day it means, not the other way round.
    mentions.sort(key=lambda m: (m.period.days, m.period.start, m.article_id))
    leads = [m for m in all_mentions if m.lead]
    # A text's terms are worked out once: a lead's clause is its sentence, and so is most dated sentences' clause.
    terms = MentionTerms(search_index, (*mentions, *leads))
    clusters: list[_Cluster] = []
    by_words = _ClusterIndex(terms)
    for mention in mentions:
        best = _best_cluster(mention, by_words)
        if best is None:
            best = _Cluster([mention])
            clusters.append(best)
        else:
            best.members.append(mention)
        best.articles.add(mention.article_id)
        by_words.add(best, mention)
    clusters = _merge_retold(clusters, by_words)
    echoes = _echoes(clusters, mentions)
    for lead in leads:
        best, best_score = None, 0.0
        for cluster in by_words.candidates(lead.period, lead):
            if lead.article_id in cluster.articles or cluster.head.forecast:
                continue
            score = max(
                terms.similarity(lead, other)
                for other in (*cluster.members[:MAX_COMPARED], *echoes.get(id(cluster), ()))
            )
            if score >= SAME_PERIOD_SIMILARITY and score > best_score:
                best, best_score = cluster, score
        if best is not None:
            # The report is now dated by the entry it joins.
            best.members.append(replace(lead, period=best.head.period))
            best.articles.add(lead.article_id)
    events = [_event(cluster.members, _retold(cluster, echoes, terms), terms) for cluster in clusters]
    return sorted(events, key=lambda e: (e.period.start, -e.period.days, e.text))


def _retold(cluster: _Cluster, echoes: dict[int, list[EventMention]], terms: MentionTerms) -> tuple[EventMention, ...]:
    """The cluster's vaguer retellings that say what one of its members says (not just the same article)."""
    members = cluster.members[:MAX_COMPARED]
    return tuple(
        echo
        for echo in echoes.get(id(cluster), ())
        if max(terms.similarity(echo, m) for m in members) >= SAME_PERIOD_SIMILARITY
    )


def _echoes(clusters: list[_Cluster], mentions: list[EventMention]) -> dict[int, list[EventMention]]:
    """For each cluster, its articles' vaguer retellings of it ("signed last month" beside "signed on Nov. 23").

    They stay entries of their own (each date an article gives stays on the timeline), but an undated
    report is compared with them too when it looks for the entry it tells of.
    """
    by_article: dict[str, list[EventMention]] = {}
    for mention in mentions:
        by_article.setdefault(mention.article_id, []).append(mention)
    echoes: dict[int, list[EventMention]] = {}
    for cluster in clusters:
        head = cluster.head
        if head.period.days > NESTING_DAYS:
            continue
        vaguer = [
            m
            for article_id in list(cluster.articles)[:MAX_COMPARED]
            for m in by_article[article_id]
            if m.period != head.period and head.period.within(m.period) and not m.forecast
        ]
        echoes[id(cluster)] = vaguer[:MAX_COMPARED]
    return echoes


def _merge_retold(clusters: list[_Cluster], by_words: _ClusterIndex) -> list[_Cluster]:
    """Join clusters that the first pass kept apart only because of the order it met their mentions in.

    A mention meets the clusters formed before it; a retelling that matches a later member ("fell
    through in 2012" and "Seoul postponed the process in 2012") is joined here, into a cluster of
    the same period or of a more precise one.
    """
    merged: set[int] = set()
    for cluster in sorted(clusters, key=lambda c: len(c.members)):
        if id(cluster) in merged or len(cluster.members) > MAX_COMPARED:
            continue
        best, best_score = None, 0.0
        for mention in cluster.members:
            for other in by_words.candidates(cluster.head.period, mention):
                if other is cluster or id(other) in merged or not other.head.period.within(cluster.head.period):
                    continue
                score = _fit(mention, other, by_words.terms)
                if score > best_score:
                    best, best_score = other, score
        if best is not None:
            best.members.extend(cluster.members)
            best.articles |= cluster.articles
            for mention in cluster.members:
                by_words.add(best, mention)
            merged.add(id(cluster))
    return [c for c in clusters if id(c) not in merged]


def _best_cluster(mention: EventMention, by_words: _ClusterIndex) -> _Cluster | None:
    best, best_score = None, 0.0
    for cluster in by_words.candidates(mention.period, mention):
        score = _fit(mention, cluster, by_words.terms)
        if score > best_score:
            best, best_score = cluster, score
    return best


def filter_timeline(
    events: Sequence[TimelineEvent],
    topic: str | None = None,
    start: Period | None = None,
    end: Period | None = None,
    aliases: Mapping[str, tuple[str, ...]] | None = None,
) -> list[TimelineEvent]:
    """Events dated inside ``start``..``end`` and, with a topic, relevant to it.

    The topic is read as a question is, with the events as the corpus (``build_query``): filler is
    dropped, a misspelt word is corrected, and a word no event uses is bridged to related words that
    some do. An event is about the topic when it holds most of the topic's weight (``weighted_share``:
    a word, its acronym or long form, or a bridged word) in its sentences or in its articles'
    retellings of it, so "pact" finds the signing worded "agreement" whose article says "the pact" too.
    """
    kept = [
        e
        for e in events
        if (start is None or e.period.start >= start.start) and (end is None or e.period.end <= end.end)
    ]
    if not topic or not kept:
        return kept
    texts = [" ".join(m.text for m in (*e.mentions, *e.retold)) for e in kept]
    index = SearchIndex(texts, aliases or {})
    query = build_query(topic, build_lexicon(texts), index)
    if not query.terms:
        return kept
    return [e for n, e in enumerate(kept) if weighted_share(index, query, n) >= TOPIC_COVERAGE]


def _fit(mention: EventMention, cluster: _Cluster, terms: MentionTerms) -> float:
    """How well ``mention`` joins ``cluster``: its best similarity to a member, or 0 if they cannot be one event."""
    head = cluster.head
    if head.forecast != mention.forecast or (mention.lead and head.forecast):
        return 0.0  # what was expected is not what happened
    compared = cluster.members[:MAX_COMPARED]
    if any(other.sentence == mention.sentence and other.article_id == mention.article_id for other in compared):
        return 0.0  # one sentence dating two periods tells of two events
    if mention.period == head.period or mention.lead:
        threshold = SAME_PERIOD_SIMILARITY
    elif head.period.within(mention.period):
        # A vaguer date must agree more, and be a week at most ("last week" and "Monday"). A month or year
        # is kept as a date of its own: in the day's own article it mostly dates another event (measured on
        # TimeBank), and from another article it is no evidence for that article's day.
        threshold = NESTED_PERIOD_SIMILARITY
        if mention.period.days > NESTING_DAYS:
            return 0.0
    else:
        return 0.0
    best = max(terms.similarity(mention, other) for other in compared)
    return best if best >= threshold else 0.0


def _event(cluster: list[EventMention], retold: tuple[EventMention, ...], terms: MentionTerms) -> TimelineEvent:
    """The cluster's date is its most precise one; its text the sentence most like the others."""
    # An undated report that joined (it was dated by this entry) may word it best.
    precise = [m for m in cluster if m.period == cluster[0].period][:MAX_COMPARED]
    sample = cluster[:MAX_COMPARED]
    text = max(
        precise,
        key=lambda m: (sum(terms.similarity(m, o) for o in sample), -len(m.text)),
    ).text
    sources = tuple(dict.fromkeys(m.source for m in cluster))
    article_ids = tuple(dict.fromkeys(m.article_id for m in cluster))
    return TimelineEvent(cluster[0].period, text, sources, article_ids, tuple(cluster), retold)
