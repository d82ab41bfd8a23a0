"""A capital in a question also stands for its country, as news uses it ("Pyongyang said")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.core.answer.compose import AnswerPolicy
from bot.core.corpus import corpus_from_articles
from bot.core.search.answer_type import prefer_kind
from bot.core.search.answerability import search_query
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


def test_a_query_says_whether_a_capital_was_bridged(service: QAService) -> None:
    """Only a query that bridged a capital to its country (or another ranking-only bridge) says so: any other
    reads the same with those off (the service then judges the answer on the question's own query)."""
    corpus = service.corpus
    assert build_query("What is Pyongyang ready to do?", corpus.lexicon, corpus.index).ranking_bridged
    judging = QueryOptions().judging()
    for question in ("What is the missile ready to do?", "Who signed the pact?"):
        query = build_query(question, corpus.lexicon, corpus.index)
        plain = build_query(question, corpus.lexicon, corpus.index, judging)
        assert not query.ranking_bridged and query == plain


def test_a_capital_finds_the_passage_naming_its_country(service: QAService) -> None:
    """ "Who put pen to paper for Seoul?" finds South Korea's signer (named with "South Korean") first, and the
    bridge lifts that passage for other wordings too."""
    question = "Who put pen to paper for Seoul?"
    assert "Han Min Koo" in _signer_rank_answer(service, question, capitals=True)[1]
    for wording in (question, "Who signed the deal for Seoul?", "Which official signed for Seoul?"):
        assert (
            _signer_rank_answer(service, wording, capitals=True)[0]
            < _signer_rank_answer(service, wording, capitals=False)[0]
        )


def _signer_rank_answer(service: QAService, question: str, capitals: bool) -> tuple[int, str]:
    """Where the passage naming Han Min Koo ranks for ``question``, and the first quote's text."""
    asking = QAService(service.corpus, AnswerPolicy(min_confidence=0.0, query=QueryOptions(capitals=capitals)))
    asked, _, query = asking.read_question(question, service.corpus, date(2016, 12, 20))
    ranked = prefer_kind(asked, search_query(service.corpus.index, query), service.corpus, query.terms)
    rank = next(n for n, hit in enumerate(ranked) if "Han Min Koo" in service.corpus.passages[hit.position].text)
    return rank, asking.ask(question).quotes[0].passage.text
