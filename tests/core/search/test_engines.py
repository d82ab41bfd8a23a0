"""The fast engine (tantivy) ranks and answers as the reference engine (rank-bm25) does on the bundled corpus."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.bench.synthetic import Vocabulary, questions
from bot.core.answer.compose import AnswerPolicy
from bot.core.search.engines import FAST, REFERENCE, EngineChoice
from bot.core.search.engines.exact import ExactRescore
from bot.core.search.engines.fast import TantivyEngine
from bot.core.search.engines.reference import ReferenceEngine
from bot.core.search.terms import PassageTerms
from bot.core.search.tokenize import tokenize
from bot.core.service import QAService
from tests.conftest import CORPUS

DEV_QUESTIONS = Path(__file__).resolve().parents[2] / "data" / "dev_questions.jsonl"


@pytest.fixture(scope="module")
def engines() -> tuple[QAService, QAService]:
    """The bundled corpus served once by each engine."""
    return tuple(  # type: ignore[return-value]
        QAService.from_folder(CORPUS, AnswerPolicy(), engine=EngineChoice(name)) for name in ("rank-bm25", "tantivy")
    )


def _questions() -> list[str]:
    return [json.loads(line)["question"] for line in DEV_QUESTIONS.read_text(encoding="utf-8").splitlines() if line]


def test_each_service_runs_the_engine_it_was_given(engines: tuple[QAService, QAService]) -> None:
    """The choice by name is honoured (the bundled corpus would get the reference under auto)."""
    reference, fast = engines
    assert (reference.corpus.index.engine.name, fast.corpus.index.engine.name) == (REFERENCE, FAST)


def test_answers_agree_on_the_dev_questions(engines: tuple[QAService, QAService]) -> None:
    """Every dev question gets the same answer (answered or not, the same passages in order) from both engines."""
    reference, fast = engines
    for question in _questions():
        expected, got = reference.ask(question), fast.ask(question)
        assert got.answered == expected.answered, question
        assert [q.passage.passage_id for q in got.quotes] == [q.passage.passage_id for q in expected.quotes], question


def test_scores_agree_on_every_passage_a_question_reaches(engines: tuple[QAService, QAService]) -> None:
    """Both compute Lucene's BM25: tantivy's candidates, re-scored with exact lengths, get the reference's very
    scores, in the reference's order."""
    reference, fast = engines
    for question in _questions():
        terms = tokenize(question)
        assert fast.corpus.index.search(terms) == reference.corpus.index.search(terms), question


def _generated(count: int) -> PassageTerms:
    """Zipf passages of very different lengths (5 to 400 terms), where one-byte length norms round most."""
    vocabulary, rng = Vocabulary.make(size=3000), np.random.default_rng(3)
    return PassageTerms.from_lists(vocabulary.sample(rng, int(n)) for n in rng.integers(5, 400, count))


def test_fast_top_k_is_the_reference_top_k_on_a_generated_corpus() -> None:
    """On 3,000 generated passages the fast engine's top 10 (positions and scores) is the reference's for every
    question, a repeated word counting twice; tantivy alone, with rounded lengths, scores differently."""
    terms = _generated(3000)
    reference = ReferenceEngine(terms)
    alone = TantivyEngine.build(terms)
    fast = ExactRescore(alone, terms)
    asked = [tokenize(q) for q in questions(Vocabulary.make(size=3000), 60, words=4)]
    asked += [[*q, q[0]] for q in asked[:10]]
    rounded = 0
    for terms_asked in asked:
        assert fast.top(terms_asked, 10) == reference.top(terms_asked, 10), terms_asked
        rounded += alone.top(terms_asked, 10) != reference.top(terms_asked, 10)
    assert rounded  # without re-scoring the engines would not agree exactly


@pytest.mark.parametrize(("passages", "engine"), [(10, REFERENCE), (4999, REFERENCE), (5000, FAST)])
def test_auto_takes_the_fast_engine_above_the_threshold(passages: int, engine: str) -> None:
    """``auto`` picks rank-bm25 for small corpora and tantivy from the threshold up."""
    assert EngineChoice("auto", 5000).resolve(passages) == engine


def test_a_term_in_every_passage_still_counts_in_the_top_k() -> None:
    """A term in every passage, left out of tantivy's search, still scores: with too few passages holding the
    question's other term, the top 10 is the reference's, passages holding only the common term included."""
    lists = [["common", f"word{n}"] for n in range(50)] + [["common", "rare", "rare"], ["rare", "other"]]
    terms = PassageTerms.from_lists(lists)
    fast, reference = ExactRescore(TantivyEngine.build(terms), terms), ReferenceEngine(terms)
    top = fast.top(["common", "rare"], 10)
    assert top == reference.top(["common", "rare"], 10)
    assert len(top) == 10 and {position for position, _ in top[:2]} == {50, 51}


def test_top_holding_reads_what_the_hits_hold_as_holding_each_does() -> None:
    """The fast engine's hits with the terms each holds (read with their scores) are the reference's hits with
    ``holding_each``'s sets, for lists that share terms with the question, add others, or name unknown ones."""
    terms = _generated(3000)
    reference, fast = ReferenceEngine(terms), ExactRescore(TantivyEngine.build(terms), terms)
    other = Vocabulary.make(size=3000).words[:40]
    for terms_asked in [tokenize(q) for q in questions(Vocabulary.make(size=3000), 20, words=4)]:
        lists = [terms_asked, [*other, "unknown"], [terms_asked[-1], *other[::7]], []]
        top, held = fast.top_holding(terms_asked, 10, lists)
        assert top == reference.top(terms_asked, 10), terms_asked
        assert held == terms.holding_each([position for position, _ in top], lists), terms_asked
