"""The fast engine (tantivy) ranks and answers as the reference engine (rank-bm25) does on the bundled corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.answer.compose import AnswerPolicy
from bot.core.search.engines import FAST, REFERENCE, EngineChoice
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
    """Both compute Lucene's BM25: scores match within tantivy's one-byte length rounding (under 2%)."""
    reference, fast = engines
    for question in _questions():
        terms = tokenize(question)
        expected = {h.position: h for h in reference.corpus.index.search(terms)}
        got = {h.position: h for h in fast.corpus.index.search(terms)}
        assert got.keys() == expected.keys(), question
        for position, hit in got.items():
            assert hit.score == pytest.approx(expected[position].score, rel=0.02), question
            assert hit.coverage == expected[position].coverage


@pytest.mark.parametrize(("passages", "engine"), [(10, REFERENCE), (4999, REFERENCE), (5000, FAST)])
def test_auto_takes_the_fast_engine_above_the_threshold(passages: int, engine: str) -> None:
    """``auto`` picks rank-bm25 for small corpora and tantivy from the threshold up."""
    assert EngineChoice("auto", 5000).resolve(passages) == engine
