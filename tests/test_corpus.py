"""The bundled corpus: every file loads with its declared metadata, and no passage quotes page furniture."""

from __future__ import annotations

import re

import pytest

from bot.core.ingest.passages import captions
from bot.core.ingest.read import read_article
from bot.core.service import QAService
from tests.conftest import CORPUS

FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".md"})

# Phrases of the seeds' page furniture; none may appear in any passage.
FURNITURE = re.compile(
    r"% off|CLAIM SALE|Risk Disclosure|Fusion Media|Rights Reserved|Published \d|Updated \d|©|Latest comments|"
    r"Go to Contents|All Headlines|ATTN|This undated image|Send Feedback|How can we improve|Thanks for your feedback|"
    r"\d Comment|glad to glance|Skip to|Image:|Getty|ls/se|• Kyodo|subscribing|quality journalism|\(Reuters\)|"
    r"\(Yonhap\)|\(LEAD\)"
)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_corpus_file_loads_with_front_matter(path) -> None:
    """Each file has title, source and date from its front matter, and text to quote."""
    article = read_article(path)
    assert article.inferred == ()
    assert article.title and article.source and article.published
    assert len(article.paragraphs) >= 5


def test_passage_ids_are_unique(service: QAService) -> None:
    """No two passages share an id."""
    ids = [p.passage_id for p in service.corpus.passages]
    assert len(ids) == len(set(ids))


def test_no_passage_contains_furniture(service: QAService) -> None:
    """Cleaning left none of the seeds' boilerplate in any passage but the photo captions' own."""
    corpus = service.corpus
    caption_texts = {c for article in corpus.articles.values() for c in captions(article.removed)}
    leftovers = [p.text for p in corpus.passages if FURNITURE.search(p.text) and p.text not in caption_texts]
    assert leftovers == []


def test_a_photo_caption_is_quoted_as_its_own_passage(service: QAService) -> None:
    """ "What does the Yonhap photo show?" quotes the caption cleaning took out of the body, alone."""
    quotes = service.ask("What does the Yonhap photo show?").quotes
    assert quotes[0].passage.text == (
        "This undated image shows a submarine-launched ballistic missile and the North Korean flag. (Yonhap)"
    )
    assert quotes[0].passage.is_base


def test_acronym_defined_in_the_corpus_is_learned(service: QAService) -> None:
    """GSOMIA is learned from the articles, not from a list."""
    assert service.corpus.index.aliases["gsomia"] == ("general", "secur", "militari", "inform", "agreement")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is GSOMIA?", "General Security of Military Information Agreement"),
        ("Who is Park Geun-hye?", "Park Geun Hye"),
        ("Why did Seoul back out in 2012?", "backed out due to domestic hostility"),
        ("Who signed the agreement for Japan at the ceremony?", "Yasumasa Nagamine"),
        ("When did Japan colonize Korea?", "1910"),
    ],
)
def test_questions_of_our_own_are_answered(service: QAService, question: str, expected: str) -> None:
    """Questions written for these tests (not the dev set) find their answer in the first three quotes."""
    answer = service.ask(question)
    assert any(expected in q.passage.text for q in answer.quotes[:3])


@pytest.mark.parametrize(
    "question",
    [
        "What is the weather in Tokyo today?",
        "Who won the 2016 US presidential election?",
        "What are the risks of trading cryptocurrencies?",
        "How do I subscribe to the newsletter?",
        "Which football team won the league?",
    ],
)
def test_questions_the_corpus_cannot_answer_abstain(service: QAService, question: str) -> None:
    """Off-topic questions, and questions about the sites' own furniture, quote nothing."""
    answer = service.ask(question)
    assert not answer.answered and answer.quotes == ()
