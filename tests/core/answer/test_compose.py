"""Answers quote passages with their best sentence, merge corroborating reports, page, and abstain."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot import messages
from bot.core.answer.compose import AnswerPolicy, compose_answer
from bot.core.corpus import corpus_from_articles
from bot.core.models import Article, Passage
from bot.core.search.decision import judge
from bot.core.search.query import build_query
from tests.conftest import make_article


def _article(aid: str, source: str, *paragraphs: str) -> Article:
    return make_article(*paragraphs, article_id=aid, source=source, title=f"Title {aid}")


ARTICLES = [
    _article(
        "wire",
        "Wire",
        "The two countries signed an intelligence pact in Seoul on Wednesday after years of delay.",
        "Officials said the pact lets them share missile data directly. It will be renewed every year.",
        "Separately, the central bank kept interest rates unchanged for a third month.",
    ),
    _article(
        "paper",
        "Daily Paper",
        "The two countries signed the intelligence pact on Wednesday in Seoul after years of delay, officials said.",
        "Crowds protested outside the ministry, calling the deal a betrayal of wartime victims.",
    ),
    _article("other", "Other", "Fans celebrated after the national football team won the cup in extra time."),
]


def _answer(question: str, policy: AnswerPolicy | None = None, offset: int = 0, articles=ARTICLES):
    corpus = corpus_from_articles(Path("test"), articles)
    policy = policy or AnswerPolicy()
    query = build_query(question, corpus.lexicon, corpus.index)
    verdict = judge(corpus, question, query)
    hits = verdict.hits if policy.answers(verdict) else []
    return compose_answer(question, query.terms, hits, corpus, policy, offset)


def test_answer_quotes_passage_and_marks_best_sentence() -> None:
    """The best sentence of a multi-sentence passage is the one holding the question's words."""
    answer = _answer("How often will the pact be renewed?")
    assert answer.answered and answer.message == messages.FOUND
    quote = answer.quotes[0]
    assert quote.article.source == "Wire"
    assert quote.best_sentence_text == "It will be renewed every year."


def test_same_report_in_two_articles_is_shown_once() -> None:
    """Two articles saying the same thing give one quote "also reported by" the other source."""
    answer = _answer("When did the two countries sign the intelligence pact?")
    first = answer.quotes[0]
    assert [a.source for a in first.also_reported_by] in (["Daily Paper"], ["Wire"])
    corroborating = {a.source for a in first.also_reported_by}
    assert not any(q.article.source in corroborating for q in answer.quotes[1:])
    assert not any(q.passage.text.startswith("The two countries signed") for q in answer.quotes[1:])


def test_unrelated_question_abstains_with_no_quotes() -> None:
    """When no passage covers enough of the question, the answer says so and quotes nothing."""
    answer = _answer("What is the weather forecast for tomorrow in Seoul?")
    assert not answer.answered
    assert answer.quotes == ()
    assert answer.message == messages.NOT_IN_CORPUS


def test_threshold_is_a_policy_setting() -> None:
    """The same question is answered under a lax confidence threshold and abstained under a strict one."""
    question = "What did protesters call the pact at the embassy rally?"
    assert _answer(question, AnswerPolicy(min_confidence=0.05)).answered
    assert not _answer(question, AnswerPolicy(min_confidence=0.99)).answered


def test_paging_never_repeats_a_passage() -> None:
    """Pages from an offset continue the list; overlapping passages of one article are never both shown."""
    policy = AnswerPolicy(top_k=1, min_coverage=0.2)
    seen: list[Passage] = []
    for offset in range(6):
        answer = _answer("pact signed officials said", policy, offset)
        seen.extend(q.passage for q in answer.quotes)
        if not answer.has_more:
            break
    assert len(seen) >= 2
    assert not any(a.overlaps(b) for i, a in enumerate(seen) for b in seen[i + 1 :])
    assert answer.has_more is False


def test_paging_past_the_end_says_so() -> None:
    """An offset past the last passage returns no quotes and a plain message."""
    answer = _answer("pact signed officials said", AnswerPolicy(min_coverage=0.2), offset=50)
    assert answer.quotes == () and answer.message == messages.NO_MORE_RESULTS


@pytest.mark.parametrize("top_k", [1, 2])
def test_top_k_limits_quotes(top_k: int) -> None:
    """No more than ``top_k`` passages are quoted."""
    assert len(_answer("pact", AnswerPolicy(top_k=top_k, min_coverage=0.1)).quotes) <= top_k


def test_same_source_is_not_its_own_corroboration() -> None:
    """Two articles from one source do not list that source as "also reported by"."""
    twin = replace(ARTICLES[1], source="Wire")
    answer = _answer("When did the two countries sign the intelligence pact?", articles=[ARTICLES[0], twin])
    assert answer.quotes[0].also_reported_by == ()
