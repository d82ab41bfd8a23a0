"""Nationality words pair with their country when the corpus uses both."""

from __future__ import annotations

from pathlib import Path

from bot.core.corpus import corpus_from_articles
from bot.core.search.demonyms import find_demonyms
from bot.core.search.tokenize import tokenize
from tests.conftest import make_article


def test_pairs_are_learned_only_when_both_forms_occur() -> None:
    """Japanese/Japan, Korean/Korea and Russian/Russia pair up; a lone "Norwegian" or "Ocean" does not."""
    texts = [
        "Japan and South Korea signed; the Japanese ministry and Korean officials agreed.",
        "Russia objected, a Russian envoy said. A Norwegian ship crossed the Pacific Ocean near Oce.",
    ]
    assert find_demonyms(texts) == {"japanes": ("japan",), "korean": ("korea",), "russian": ("russia",)}


def test_question_with_a_demonym_finds_the_country() -> None:
    """ "the Japanese ministry" reaches a passage that only says "Japan's ministry", with full coverage."""
    article = make_article(
        "Japan's ministry said the talks with Seoul went well, and a Japanese delegation will return.",
        "The weather in the capital was mild all week, forecasters said on Friday.",
    )
    corpus = corpus_from_articles(Path("t"), [article])
    assert corpus.index.aliases["japanes"] == ("japan",)
    hits = corpus.index.search(tokenize("What did the Japanese ministry say about the talks?"))
    assert "Japan's ministry" in corpus.passages[hits[0].position].text
    assert hits[0].coverage == 1.0
