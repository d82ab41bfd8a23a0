"""Turns ranked passages into an answer: quotes with their best sentence, corroboration, or an abstention."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from bot import messages
from bot.core.answer.best_sentence import Asked, Span, rank_sentences
from bot.core.answer.corroborate import SAME_FACT_SIMILARITY, Statement, same_fact
from bot.core.answer.reach import SLACK, CandidateSentences
from bot.core.corpus import Corpus
from bot.core.models import Answer, Article, Quote, newest_published, spans_overlap
from bot.core.search.answer_type import asked_kind
from bot.core.search.answerability import Verdict
from bot.core.search.index import Hit
from bot.core.search.query import QueryOptions
from bot.core.search.tokenize import tokenize
from bot.core.timeline.tense import is_forecast
from bot.core.timeline.timexpr import Period

# Passages further down than this are never shown, however many "More results" are asked for.
MAX_CANDIDATES = 30
# Below the first quote, a passage must still match this share of the best coverage among the top passages.
TAIL_COVERAGE_FACTOR = 0.3
# A sentence corroborates the quoted answer only if it also holds this share of the question weight the
# answer holds: a passage stating the pact's signing does not corroborate "they first exchanged data".
ANSWER_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class AnswerPolicy:
    """How many passages to quote and when to abstain; built from settings."""

    top_k: int = 3
    # Quoted passages below the first must match at least ``TAIL_COVERAGE_FACTOR`` of this share (or of the best
    # quote's, if higher) of the question's weight.
    min_coverage: float = 0.4
    corroboration_overlap: float = SAME_FACT_SIMILARITY
    # The answerability model's confidence below which the bot says the answer is not in the articles.
    min_confidence: float = 0.5
    query: QueryOptions = field(default_factory=QueryOptions)

    def answers(self, verdict: Verdict) -> bool:
        """Whether the passages found are confident enough to quote, and do not lack the kind of answer asked
        for (a threshold of 0 quotes the best passages whatever they hold)."""
        if not verdict.hits or self.vetoes(verdict):
            return False
        return verdict.confidence >= self.min_confidence

    def vetoes(self, verdict: Verdict) -> bool:
        """Whether the passages are refused, however confident the model, for lacking the asked kind of answer
        (never at a threshold of 0, which refuses nothing)."""
        return self.min_confidence > 0 and verdict.contradicted


def compose_answer(
    question: str,
    question_terms: Sequence[str],
    hits: Sequence[Hit],
    corpus: Corpus,
    policy: AnswerPolicy,
    offset: int = 0,
    latest_first: bool = False,
    period: Period | None = None,
) -> Answer:
    """Quote the best passages of ``hits`` from ``offset``, or abstain when the best one matches too little.

    With ``latest_first`` the passages that pass the threshold are ordered newest article first.
    ``period`` is the time the question asks about: the sentence dated in it is the one shown in bold.
    """
    # Whether to answer at all was decided by the answerability model (``AnswerPolicy.answers``).
    if not hits:
        return Answer(question=question, answered=False, message=messages.NOT_IN_CORPUS)
    # Later passages must match a good part of what the best one matches, so a passage sharing one word trails off.
    floor = TAIL_COVERAGE_FACTOR * max(policy.min_coverage, max(h.coverage for h in hits[: policy.top_k]))
    candidates = [hits[0], *(h for h in hits[1:MAX_CANDIDATES] if h.coverage >= floor)]
    asked = Asked(corpus.index.term_weights(question_terms), asked_kind(question), period, is_forecast(question))
    sentences = _SentenceChoice(corpus, asked)
    # Newest first reorders every group; otherwise only the groups up to this page's end are ever shown.
    shown = None if latest_first else offset + policy.top_k
    groups, more = _group_same_reports(candidates, corpus, sentences, policy.corroboration_overlap, shown)
    if latest_first:
        groups.sort(key=lambda group: _recency(group[0], corpus, policy), reverse=True)
    page = groups[offset : offset + policy.top_k]
    if not page:
        return Answer(question=question, answered=True, message=messages.NO_MORE_RESULTS, offset=offset)
    # The words to keep in view when a quote is shortened, by weight; the time words ("September") the
    # question was narrowed by weigh as much as all the others, since they make the bold sentence the answer.
    total = sum(asked.weights.values()) or 1.0
    asked_terms = tuple({**{t: total for t in tokenize(question)}, **asked.weights}.items())
    quotes = tuple(_quote(lead, others, corpus, sentences, asked_terms) for lead, others in page)
    newest = newest_published(quotes)
    return Answer(
        question=question,
        answered=True,
        message=messages.FOUND_NEWEST.format(date=newest.isoformat()) if newest else messages.FOUND,
        quotes=quotes,
        offset=offset,
        has_more=more or len(groups) > offset + policy.top_k,
    )


class _SentenceChoice:
    """Each passage's sentences ranked for the question, worked out once per passage."""

    def __init__(self, corpus: Corpus, asked: Asked) -> None:
        self.corpus = corpus
        self.asked = asked
        self._ranked: dict[int, list[Span]] = {}
        # Each sentence's terms, as the index keeps them (keyed by text: grouping compares texts).
        self._terms: dict[str, frozenset[str]] = {}
        self._sentence_terms: dict[int, list[frozenset[str]]] = {}
        self._reach: dict[str, tuple[frozenset[str], dict[str, float], float]] = {}
        self._weights: dict[str, dict[str, float]] = {}
        self._question_weights: dict[str, float] = {}

    def sentence_terms(self, position: int) -> list[frozenset[str]]:
        found = self._sentence_terms.get(position)
        if found is None:
            found = self._sentence_terms[position] = self.corpus.sentence_terms(position)
            passage = self.corpus.passages[position]
            for (start, end), terms in zip(passage.sentences, found, strict=True):
                self._terms.setdefault(passage.text[start:end], terms)
        return found

    def ranked(self, position: int) -> list[Span]:
        if position not in self._ranked:
            passage = self.corpus.passages[position]
            published = self.corpus.articles[passage.article_id].published
            self._ranked[position] = rank_sentences(
                passage.text, passage.sentences, published, self.asked, self.sentence_terms(position)
            )
        return self._ranked[position]

    def best(self, position: int) -> Span:
        ranked = self.ranked(position)
        return ranked[0] if ranked else (0, len(self.corpus.passages[position].text))

    def terms(self, sentence: str) -> frozenset[str]:
        found = self._terms.get(sentence)
        if found is None:
            found = self._terms[sentence] = frozenset(tokenize(sentence))
        return found

    def question_weight(self, sentence: str) -> float:
        found = self._question_weights.get(sentence)
        if found is None:
            found = self._question_weights[sentence] = sum(self.asked.weights.get(t, 0.0) for t in self.terms(sentence))
        return found

    def may_state(self, answer: str, terms: frozenset[str], bar: float) -> bool:
        """A cheap bound before comparing sentences: could a sentence within ``terms`` (a passage's or a
        sentence's) reach ``bar`` similarity with ``answer``?

        A sentence shares with the answer at most the answer's terms it holds (or an alias could supply),
        and the similarity's denominator is at least the answer's own weight.
        """
        rest, weights, needed = self.reach(answer, bar)
        return sum(weights[t] for t in rest.intersection(terms)) >= needed

    def reach(self, answer: str, bar: float) -> tuple[frozenset[str], dict[str, float], float]:
        """The answer's terms no alias can supply, its weights, and how much of those terms a sentence must
        hold to reach ``bar`` similarity with it (``may_state``)."""
        reach = self._reach.get(answer)
        if reach is None:
            weights = self.weigh(answer)
            total = sum(weights.values())
            aliased = self.corpus.index.alias_terms
            # What aliases may supply is reachable from any passage; a hair of slack keeps the bound a bound
            # whatever order the weights are added in.
            supplied = sum(w for t, w in weights.items() if t in aliased)
            rest = frozenset(t for t in weights if t not in aliased)
            reach = self._reach[answer] = (rest, weights, bar * total - supplied - 1e-9 if total > 0 else math.inf)
        return reach

    def could_state(self, answer: str, bar: float, candidates: CandidateSentences) -> list[bool]:
        """For each candidate passage, whether one of its sentences may state ``answer``: it holds enough of the
        question (``ANSWER_SHARE`` of the answer's) and may reach ``bar`` similarity with it.

        The similarity's bound: the sentences share at most the answer's terms it holds plus what aliases
        may supply, and their union weighs at least the answer plus the sentence's own other terms.
        """
        index = self.corpus.index
        rest, weights, _ = self.reach(answer, bar)
        total = sum(weights.values())
        # In the weights' own order: with no aliased term it is the same set of weights as below, summed once.
        shared = candidates.held({t: w for t, w in weights.items() if t in rest})
        for term in weights.keys() - rest:
            # An aliased term is shared if the sentence holds it, or a term its alias adds it from.
            suppliers = index.suppliers(term)
            holds = candidates.held(dict.fromkeys({term, *suppliers}, 1.0)) > 0 if suppliers is not None else True
            shared = shared + weights[term] * holds
        others = candidates.own_weight(index.idf_by_id()) - candidates.held(weights)
        similar = shared + SLACK >= bar * (total + others)
        question = candidates.held(self.asked.weights) >= ANSWER_SHARE * self.question_weight(answer) - SLACK
        could: list[bool] = candidates.any_sentence(question & similar).tolist()
        return could

    def weigh(self, text: str) -> dict[str, float]:
        """``text``'s terms (aliases expanded) with their idf weights, for comparing two sentences."""
        found = self._weights.get(text)
        if found is None:
            found = self._weights[text] = self.corpus.index.term_weights(sorted(self.terms(text)))
        return found

    def statement(self, position: int, span: Span) -> Statement:
        self.sentence_terms(position)
        passage = self.corpus.passages[position]
        return Statement(passage.text[span[0] : span[1]], self.corpus.articles[passage.article_id].published)

    def statements(self, position: int) -> list[tuple[Statement, float, frozenset[str]]]:
        """Each sentence of the passage as a statement, with its question weight and its terms."""
        passage = self.corpus.passages[position]
        found = [self.statement(position, span) for span in passage.sentences]
        return [(st, self.question_weight(st.text), self.terms(st.text)) for st in found]


def _recency(hit: Hit, corpus: Corpus, policy: AnswerPolicy) -> tuple[bool, date]:
    """Sort key: passages over the threshold by their article's date; weaker ones after them."""
    published = corpus.articles[corpus.passages[hit.position].article_id].published
    return hit.coverage >= policy.min_coverage, published or date.min


def _group_same_reports(
    hits: Sequence[Hit], corpus: Corpus, sentences: _SentenceChoice, bar: float, shown: int | None = None
) -> tuple[list[tuple[Hit, list[Hit]]], bool]:
    """Fold a passage into a better-ranked one from another article when it states the lead's answer sentence
    (the same fact, and as much of what was asked); also whether more groups than ``shown`` exist.

    A passage overlapping one already chosen from the same article (a pair and its halves) is dropped.
    Only the first ``shown`` groups (all if None) are formed: a passage tries the groups in rank order, so
    later groups never take a passage from an earlier one, and comparing with them would be wasted work.
    """
    passages = corpus.passages
    groups: list[tuple[Hit, list[Hit]]] = []
    # Per group: the articles it holds, its lead's answer sentence and which candidates could state it
    # (worked out when first needed).
    group_articles: list[set[str]] = []
    answers: list[tuple[Statement, list[bool]] | None] = []
    # Each article's passages chosen so far, as (first, last) paragraph numbers.
    chosen: dict[str, list[tuple[int, int]]] = {}
    more = False
    positions = [hit.position for hit in hits]
    candidates = CandidateSentences(corpus.index.terms, positions)
    # Each candidate's article and paragraphs, read off the table's arrays: making the passages only for
    # that was a quarter of grouping's time.
    at = np.asarray(positions, dtype=np.int64)
    articles = [passages.article_ids[n] for n in passages.article[at].tolist()]
    places = zip(articles, passages.first[at].tolist(), passages.last[at].tolist(), strict=True)
    for number_in_hits, (hit, (article, first, last)) in enumerate(zip(hits, places, strict=True)):
        # A pair and its halves overlap: only the first of them is kept.
        if any(spans_overlap(first, last, *other) for other in chosen.get(article, ())):
            continue
        stated: list[tuple[Statement, float, frozenset[str]]] | None = None
        for number, (lead, others) in enumerate(groups):
            if article in group_articles[number]:
                continue
            found = answers[number]
            if found is None:
                answer = sentences.statement(lead.position, sentences.best(lead.position))
                found = answers[number] = (answer, sentences.could_state(answer.text, bar, candidates))
            answer, could = found
            if not could[number_in_hits] or not sentences.may_state(
                answer.text, corpus.index.term_sets[hit.position], bar
            ):
                continue
            needed = ANSWER_SHARE * sentences.question_weight(answer.text)
            stated = stated if stated is not None else sentences.statements(hit.position)
            if any(
                weight >= needed
                and sentences.may_state(answer.text, terms, bar)
                and same_fact(answer, other, sentences.weigh, bar)
                for other, weight, terms in stated
            ):
                others.append(hit)
                group_articles[number].add(article)
                break
        else:
            if shown is not None and len(groups) >= shown:
                more = True
            else:
                groups.append((hit, []))
                group_articles.append({article})
                answers.append(None)
        chosen.setdefault(article, []).append((first, last))
    return groups, more


def _quote(
    lead: Hit, others: list[Hit], corpus: Corpus, sentences: _SentenceChoice, asked_terms: tuple[tuple[str, float], ...]
) -> Quote:
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
        best_sentence=sentences.best(lead.position),
        also_reported_by=tuple(also),
        ranked_sentences=tuple(sentences.ranked(lead.position)),
        asked_terms=asked_terms,
    )
