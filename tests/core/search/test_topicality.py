"""A question's topical words: the ones the bundled corpus uses far more than English does."""

from __future__ import annotations

import pytest

from bot.core.search.query import build_query
from bot.core.search.topicality import is_topical
from bot.core.service import QAService


@pytest.mark.parametrize(
    "question",
    [
        "How many atomic tests did Pyongyang carry out this year?",
        "Did Seoul and Tokyo swap classified military intel?",
        "Which envoy signed the GSOMIA for Japan?",
    ],
)
def test_a_question_in_other_words_still_names_the_story(service: QAService, question: str) -> None:
    """Asked in other words than the articles', a question about the story still has its own words."""
    corpus = service.corpus
    assert build_query(question, corpus.lexicon, corpus.index).topical >= 3


@pytest.mark.parametrize(
    "question",
    [
        "What is the weather in Seoul tomorrow?",
        "Which football team won the league?",
        "What's a good recipe for banana bread?",
        "Where can I read the latest comments?",
    ],
)
def test_an_off_topic_question_shares_a_place_at_most(service: QAService, question: str) -> None:
    """An everyday question off the story has at most one topical word, however many it shares."""
    corpus = service.corpus
    assert build_query(question, corpus.lexicon, corpus.index).topical <= 1


def test_common_and_absent_words_are_not_topical(service: QAService) -> None:
    """A word English uses as much as the articles do, or one they lack, is no sign of the story."""
    lexicon = service.corpus.lexicon
    assert is_topical("pyongyang", "pyongyang", lexicon)
    assert not is_topical("said", "said", lexicon)
    assert not is_topical("weather", "weather", lexicon)


def test_a_corrected_word_counts_as_the_corpus_word(service: QAService) -> None:
    """A misspelt story word ("Kishda") is the corpus word it was meant to be, and topical like it."""
    corpus = service.corpus
    assert build_query("Kishda", corpus.lexicon, corpus.index).topical == 1
