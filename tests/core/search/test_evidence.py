"""What the quoted passages hold beyond shared words, read on the bundled corpus's own text."""

from __future__ import annotations

import pytest

from bot import messages
from bot.core.search.answerability import search_query
from bot.core.search.evidence import absent_names, phrase_share, read_evidence, sentence_share, specific_words
from bot.core.search.query import build_query
from bot.core.service import QAService


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        ("What did China's foreign ministry say about the intelligence pact?", ["china"]),
        ("When did North Korea carry out its sixth nuclear test?", ["sixth"]),
        ("What did the U.S. State Department say about the signing of GSOMIA?", ["department"]),
        ("When did North Korea carry out its fifth nuclear test?", []),
        ("How does the Reuters report describe Tokyo's past role over Korea?", []),
        ("Who is Yoshihide Sugar?", []),
        ("What did the two neighbours swap?", []),
    ],
)
def test_names_numbers_and_ordinals_the_corpus_lacks_are_found(
    service: QAService, question: str, absent: list[str]
) -> None:
    """A name or ordinal no article uses is absent; a publisher's name, a misspelt name or a common word is not."""
    corpus = service.corpus
    query = build_query(question, corpus.lexicon, corpus.index)
    assert absent_names(corpus, question, query) == absent


def test_only_names_numbers_and_ordinals_are_specific(service: QAService) -> None:
    """The first word's capital says nothing; a later capital, a digit or an ordinal does."""
    corpus = service.corpus
    question = "When did Kishida speak after the fifth test in 2016 about intelligence?"
    query = build_query(question, corpus.lexicon, corpus.index)
    assert set(specific_words(question, query)) == {"kishida", "fifth", "2016"}


def test_one_sentence_holding_the_question_counts_more_than_words_spread_out(service: QAService) -> None:
    """The signing sentence holds all of "who signed at the closed ceremony"; when the words lie in two sentences
    of one passage (the ceremony, then Kishida in Matsushima) no sentence holds what the passage holds."""
    corpus = service.corpus
    together = build_query("Who signed the agreement at a closed ceremony?", corpus.lexicon, corpus.index)
    spread = build_query("closed ceremony Kishida Matsushima", corpus.lexicon, corpus.index)
    assert sentence_share(corpus, together, search_query(corpus.index, together)) == pytest.approx(1.0)
    hits = search_query(corpus.index, spread)
    assert hits[0].coverage == pytest.approx(1.0)
    assert sentence_share(corpus, spread, hits) < 0.7


def test_word_pairs_standing_together_are_counted(service: QAService) -> None:
    """ "Defense Minister Han Min-koo" stands as written in the articles; "minister ceremony Kishida" does not."""
    corpus = service.corpus
    written = "What did Defense Minister Han Min-koo tell lawmakers?"
    scattered = "minister ceremony Kishida"
    for question, expected in ((written, 1.0), (scattered, 0.0)):
        query = build_query(question, corpus.lexicon, corpus.index)
        hits = search_query(corpus.index, query)
        assert phrase_share(corpus, question, query, hits) == expected


def test_evidence_readings_are_shares(service: QAService) -> None:
    """Each reading is in [0, 1]; an age no passage gives is read as the asked kind missing."""
    corpus = service.corpus
    question = "How old is Defense Minister Han Min-koo?"
    query = build_query(question, corpus.lexicon, corpus.index, drop={"old"})
    evidence = read_evidence(corpus, question, query, search_query(corpus.index, query))
    assert evidence.kind_missing == 1.0 and evidence.absent_name == 0.0
    assert 0.0 < evidence.sentence_share <= 1.0 and 0.0 < evidence.phrases <= 1.0


@pytest.mark.parametrize(
    "question",
    [
        "What did China's foreign ministry say about the intelligence pact?",
        "What did the U.S. State Department say about the signing of GSOMIA?",
        "How did Russia react to the signing of GSOMIA?",
        "When did North Korea carry out its sixth nuclear test?",
    ],
)
def test_on_topic_questions_about_a_name_the_corpus_lacks_are_refused(service: QAService, question: str) -> None:
    """The story's words match, but the country, body or ordinal asked about is in no article: nothing is quoted,
    and the reply says it is not in the articles (not that they lack a date)."""
    answer = service.ask(question)
    assert not answer.answered and answer.message == messages.NOT_IN_CORPUS


def test_an_ordinal_in_digits_is_the_number_the_articles_give(service: QAService) -> None:
    """ "The 23rd" is the articles' "Nov. 23": not a number the corpus lacks; "the 97th" is."""
    corpus = service.corpus
    for question, absent in (("What happened on the 23rd?", []), ("What happened on the 97th?", ["97th"])):
        asked, _, query = service.read_question(question, corpus, service._today())
        assert absent_names(corpus, asked, query) == absent
