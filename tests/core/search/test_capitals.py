"""A capital in a question also stands for its country, as news uses it ("Pyongyang said")."""

from __future__ import annotations

from pathlib import Path

from bot.core.answer.compose import AnswerPolicy
from bot.core.corpus import corpus_from_articles
from bot.core.search.capitals import capitals, country_terms
from bot.core.search.query import QueryOptions, build_query
from bot.core.service import QAService
from tests.conftest import make_article


def test_the_shipped_table_reads_capitals_as_countries() -> None:
    """Every row of the WordNet extract names a capital and a country; Pyongyang is North Korea."""
    table = capitals()
    assert len(table) > 150
    assert table["pyongyang"] == "North Korea"
    assert table["seoul"] == "South Korea"
    assert all(capital.isalpha() and capital.islower() and country for capital, country in table.items())


def test_a_capital_bridges_only_to_a_country_the_corpus_names() -> None:
    """A capital is bridged to its country's terms only when the corpus has every one of them."""
    articles = [make_article("North Korea fired a missile, and Seoul protested.", article_id="a")]
    corpus = corpus_from_articles(Path("test"), articles)
    assert country_terms("pyongyang", corpus.lexicon) == ("north", "korea")
    assert country_terms("tokyo", corpus.lexicon) == ()
    assert country_terms("missile", corpus.lexicon) == ()


def test_the_question_searches_the_country_of_a_capital(service: QAService) -> None:
    """ "Pyongyang" keeps its own weight and is bridged to "North Korea" on the bundled corpus."""
    corpus = service.corpus
    query = build_query("What is Pyongyang ready to do?", corpus.lexicon, corpus.index)
    assert "pyongyang" in query.terms
    assert {"north", "korea"} <= set(query.bridges["pyongyang"])
    plain = build_query("What is Pyongyang ready to do?", corpus.lexicon, corpus.index, QueryOptions(capitals=False))
    assert "pyongyang" not in plain.bridges


def test_a_capital_finds_the_passage_naming_its_country(service: QAService) -> None:
    """ "Who signed the deal for Seoul?" finds South Korea's signer (named with "South Korean") in the top three."""
    ranked = QAService(service.corpus, AnswerPolicy(min_confidence=0.0))
    quotes = ranked.ask("Who signed the deal for Seoul?").quotes[:3]
    assert any("Han Min Koo" in q.passage.text for q in quotes)
