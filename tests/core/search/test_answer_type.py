"""Questions asking when, where, who or how many prefer passages holding a date, place, name or number."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.corpus import corpus_from_articles
from bot.core.search.answer_type import asked_kind, prefer_kind
from bot.core.search.tokenize import tokenize
from tests.conftest import make_article


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When was the pact signed?", "when"),
        ("  where did they meet?", "where"),
        ("Whom did the minister blame?", "who"),
        ("How many missiles were fired?", "number"),
        ("What did the ministry say?", None),
        ("Why was the deal delayed?", None),
    ],
)
def test_asked_kind(question: str, kind: str | None) -> None:
    """The first words of a question tell the kind of answer wanted."""
    assert asked_kind(question) == kind


ARTICLE = make_article(
    "The two governments signed the fisheries pact after long talks, and the signing pleased the fishermen.",
    "The fisheries pact was signed in 2014 after years of talks between the two governments.",
    "The fisheries pact was signed at a ceremony in Oslo after the talks ended for good this time.",
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [("When was the fisheries pact signed?", "in 2014"), ("Where was the fisheries pact signed?", "in Oslo")],
)
def test_passage_of_the_asked_kind_comes_first(question: str, expected: str) -> None:
    """Among passages matching the words alike, the one with a date (or place) is ranked first."""
    corpus = corpus_from_articles(Path("t"), [ARTICLE])
    hits = prefer_kind(question, corpus.index.search(tokenize(question)), corpus)
    assert expected in corpus.passages[hits[0].position].text
    plain = corpus.index.search(tokenize(question))
    assert {h.coverage for h in hits} == {h.coverage for h in plain}  # abstention is untouched
