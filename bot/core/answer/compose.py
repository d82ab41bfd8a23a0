"""Turns ranked passages into an answer: quotes with their best sentence, corroboration, or an abstention."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot import messages
from bot.core.corpus import Corpus
from bot.core.models import Answer, Article, Quote, newest_published
from bot.core.search.index import Hit, SearchIndex
from bot.core.search.tokenize import tokenize

# Passages further down than this are never shown, however many "More results" are asked for.
MAX_CANDIDATES = 30
# Below the first quote, a passage must still match this share of the abstention threshold.
TAIL_COVERAGE_FACTOR = 0.5


@dataclass(frozen=True, slots=True)
class AnswerPolicy:
    """How many passages to quote and when to abstain; built from settings."""

    top_k: int = 3
    min_coverage: float = 0.4
    corroboration_overlap: float = 0.5


def compose_answer(
    question: str,
    question_terms: Sequence[str],
    hits: Sequence[Hit],
    corpus: Corpus,
    policy: AnswerPolicy,
    offset: int = 0,
    latest_first: bool = False,
) -> Answer:
    """Quote the best passages of ``hits`` from ``offset``, or abstain when the best one matches too little.

    With ``latest_first`` the passages that pass the threshold are ordered newest article first.
    """
    # The best-matching passage among the first few decides, not only the top-ranked one: BM25 can rank
    # a passage repeating one rare word above one that matches the whole question.
    if not hits or max(h.coverage for h in hits[: policy.top_k]) < policy.min_coverage:
        return Answer(question=question, answered=False, message=messages.NOT_IN_CORPUS)
    floor = policy.min_coverage * TAIL_COVERAGE_FACTOR
    candidates = [h for h in hits[:MAX_CANDIDATES] if h.coverage >= floor]
    groups = _group_same_reports(candidates, corpus, policy.corroboration_overlap)
    if latest_first:
        groups.sort(key=lambda group: _recency(group[0], corpus, policy), reverse=True)
    page = groups[offset : offset + policy.top_k]
    if not page:
        return Answer(question=question, answered=True, message=messages.NO_MORE_RESULTS, offset=offset)
    weights = corpus.index.term_weights(question_terms)
    quotes = tuple(_quote(lead, others, corpus, weights) for lead, others in page)
    newest = newest_published(quotes)
    return Answer(
        question=question,
        answered=True,
        message=messages.FOUND_NEWEST.format(date=newest.isoformat()) if newest else messages.FOUND,
        quotes=quotes,
        offset=offset,
        has_more=len(groups) > offset + policy.top_k,
    )


def _recency(hit: Hit, corpus: Corpus, policy: AnswerPolicy) -> tuple[bool, date]:
    """Sort key: passages over the threshold by their article's date; weaker ones after them."""
    published = corpus.articles[corpus.passages[hit.position].article_id].published
    return hit.coverage >= policy.min_coverage, published or date.min


def _group_same_reports(hits: Sequence[Hit], corpus: Corpus, threshold: float) -> list[tuple[Hit, list[Hit]]]:
    """Fold a passage into a better-ranked one from another article when they share most of their words.

    A passage overlapping one already chosen from the same article (a pair and its halves) is dropped.
    """
    passages, index = corpus.passages, corpus.index
    groups: list[tuple[Hit, list[Hit]]] = []
    for hit in hits:
        passage = passages[hit.position]
        article = passage.article_id
        if any(passage.overlaps(passages[m.position]) for lead, others in groups for m in (lead, *others)):
            continue
        for lead, others in groups:
            members = [lead, *others]
            if any(passages[m.position].article_id == article for m in members):
                continue
            if _overlap(index, lead.position, hit.position) >= threshold:
                others.append(hit)
                break
        else:
            groups.append((hit, []))
    return groups


def _overlap(index: SearchIndex, a: int, b: int) -> float:
    """Overlap coefficient of two passages' terms: shared terms over the smaller set."""
    terms_a, terms_b = index.term_sets[a], index.term_sets[b]
    smaller = min(len(terms_a), len(terms_b))
    return len(terms_a & terms_b) / smaller if smaller else 0.0


def _quote(lead: Hit, others: list[Hit], corpus: Corpus, weights: Mapping[str, float]) -> Quote:
    articles = corpus.articles
    passage = corpus.passages[lead.position]
    also: list[Article] = []
    for other in others:
        article = articles[corpus.passages[other.position].article_id]
        if article.source != articles[passage.article_id].source and article not in also:
            also.append(article)
    return Quote(
        passage=passage,
        article=articles[passage.article_id],
        score=lead.score,
        coverage=lead.coverage,
        best_sentence=_best_sentence(passage.text, passage.sentences, weights),
        also_reported_by=tuple(also),
    )


def _best_sentence(text: str, spans: Sequence[tuple[int, int]], weights: Mapping[str, float]) -> tuple[int, int]:
    """The sentence holding the most question weight; the first one on a tie."""

    def weight(span: tuple[int, int]) -> float:
        return sum(weights.get(t, 0.0) for t in set(tokenize(text[span[0] : span[1]])))

    return max(spans, key=weight) if spans else (0, len(text))
