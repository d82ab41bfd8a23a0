"""Grouping same reports on term ids: the bounds rule pairs out, never a report the exact check would group."""

from __future__ import annotations

import json
import pickle

import pytest

from bot.core.answer.best_sentence import Asked
from bot.core.answer.compose import MAX_CANDIDATES, AnswerPolicy, _group_same_reports, _SentenceChoice
from bot.core.answer.reach import CandidateSentences
from bot.core.search.answer_type import asked_kind
from bot.core.search.decision import judge
from bot.core.search.query import build_query
from bot.core.search.terms import PassageTerms
from bot.core.search.tokenize import tokenize
from bot.core.service import QAService
from tests.conftest import REPO

LABELLED = (REPO / "eval" / "labelled_questions.jsonl").read_text(encoding="utf-8").splitlines()
QUESTIONS = [json.loads(line)["question"] for line in LABELLED if line.strip()]
BAR = AnswerPolicy().corroboration_overlap


class _ExactOnly(_SentenceChoice):
    """The sentence choice with the term-id bound switched off: every pair goes to the exact check."""

    def could_state(self, answer: str, bar: float, candidates: CandidateSentences) -> list[bool]:
        return [True] * len(candidates)


def _grouping(service: QAService, question: str, choice: type[_SentenceChoice], shown: int | None = None):
    corpus = service.corpus
    query = build_query(question, corpus.lexicon, corpus.index)
    hits = judge(corpus, question, query).hits[:MAX_CANDIDATES]
    sentences = choice(corpus, Asked(corpus.index.term_weights(query.terms), asked_kind(question)))
    groups, more = _group_same_reports(hits, corpus, sentences, BAR, shown)
    return [(lead.position, [h.position for h in others]) for lead, others in groups], more


def test_the_bound_never_changes_a_grouping(service: QAService) -> None:
    """On every labelled question, grouping with the term-id bound equals grouping by the exact check alone."""
    grouped = 0
    for question in QUESTIONS:
        got, _ = _grouping(service, question, _SentenceChoice)
        assert got == _grouping(service, question, _ExactOnly)[0], question
        grouped += sum(bool(others) for _, others in got)
    assert grouped  # the questions do group some reports, so the comparison has something to compare


@pytest.mark.parametrize("shown", [1, 3, 6])
def test_grouping_stops_at_the_page_without_changing_it(service: QAService, shown: int) -> None:
    """Forming only the groups a page can show gives the same first groups, and says whether more exist."""
    for question in QUESTIONS[::3]:
        full, _ = _grouping(service, question, _SentenceChoice)
        page, more = _grouping(service, question, _SentenceChoice, shown)
        assert page == full[:shown], question
        assert more == (len(full) > shown), question


def test_sentence_sums_match_the_sentences_terms(service: QAService) -> None:
    """A passage has a sentence holding weight w of some terms exactly when its sentences' own terms say so."""
    corpus = service.corpus
    positions = list(range(0, len(corpus.passages), 7))
    candidates = CandidateSentences(corpus.index.terms, positions)
    weights = corpus.index.term_weights(tokenize("pact intelligence signed Seoul Japan military"))
    held = candidates.held(weights)
    for n, position in enumerate(positions):
        best = max(sum(weights.get(t, 0.0) for t in s) for s in corpus.sentence_terms(position))
        assert candidates.any_sentence(held >= best - 1e-9)[n], position
        if corpus.index.terms.sentence_sets(position) is not None:
            assert not candidates.any_sentence(held > best + 1e-6)[n], position


def test_holding_is_the_passage_terms_among_those_asked() -> None:
    """``holding`` gives each passage's distinct terms that are among the asked ones, in any order asked."""
    terms = PassageTerms.from_lists([["a", "b", "a"], [], ["c", "d"], ["b", "d", "e"]])
    assert terms.holding([3, 0, 1, 2, 0], ["d", "a", "zz", "b"]) == [
        frozenset({"b", "d"}),
        frozenset({"a", "b"}),
        frozenset(),
        frozenset({"d"}),
        frozenset({"a", "b"}),
    ]
    assert terms.holding([], ["a"]) == []
    assert terms.holding([0, 2], ["zz"]) == [frozenset(), frozenset()]


def test_passage_terms_cross_processes_after_use() -> None:
    """Terms a worker builds and has searched still pickle back to the builder, and work on the other side."""
    terms = PassageTerms.from_lists([["a", "b"], ["c"]])
    assert terms.holding([0], ["b"]) == [frozenset({"b"})]  # fills this thread's scratch table
    copy = pickle.loads(pickle.dumps(terms))
    assert copy.holding([1, 0], ["c", "a"]) == [frozenset({"c"}), frozenset({"a"})]
