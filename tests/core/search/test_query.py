"""Questions become weighted terms: filler weighs nothing, rare words weigh most, misspellings are corrected."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.corpus import corpus_from_articles
from bot.core.search.expansion import bridge_word, related_words
from bot.core.search.informativeness import informativeness, is_filler, strip_chat, strip_leading_filler
from bot.core.search.lexicon import build_lexicon
from bot.core.search.query import QueryOptions, build_query, suggest_spelling
from bot.core.search.spelling import correct_spelling
from bot.core.service import QAService
from tests.conftest import make_article

ARTICLES = [
    make_article(
        "Foreign Minister Fumio Kishida said the colonial past still weighs on ties with Seoul.",
        "The two neighbours exchanged classified information on nuclear tests for the first time.",
        article_id="a",
    )
]


@pytest.fixture(scope="module")
def corpus():
    return corpus_from_articles(Path("test"), ARTICLES)


@pytest.mark.parametrize("word", ["hey", "heyyy", "thanks", "thx", "pls", "bot", "hello"])
def test_filler_weighs_nothing(word: str) -> None:
    """Greetings, politeness and talk to the bot, stretched or not, weigh nothing."""
    assert is_filler(word) and informativeness(word) == 0.0


def test_rare_words_weigh_more_than_common_ones() -> None:
    """General-English frequency orders the weights: a rare name above an everyday word."""
    assert informativeness("kishida") > informativeness("envoy") > informativeness("said") > 0


def test_leading_greeting_is_stripped() -> None:
    """A greeting before the question word goes, so the question's kind can be read."""
    assert strip_leading_filler("hey, thanks bot! who signed it?") == "who signed it?"
    assert strip_leading_filler("who signed it?") == "who signed it?"


@pytest.mark.parametrize(
    ("chatty", "plain"),
    [
        ("Good morning! Could you tell me who signed the pact? Thanks a lot!", "who signed the pact?"),
        ("I was wondering, when was it signed?", "when was it signed?"),
        ("Hey! Quick q - did Japan sign it?", "did Japan sign it?"),
        ("One more question: has it taken effect?", "has it taken effect?"),
        ("Who signed it? Cheers mate!", "Who signed it?"),
        ("Any idea has Japan signed the pact?", "has Japan signed the pact?"),
        ("Hello, I'd like to know did Seoul sign it?", "did Seoul sign it?"),
    ],
)
def test_chat_around_a_question_is_stripped(chatty: str, plain: str) -> None:
    """Greetings, requests to tell and thanks around the question go, so it is read as if asked plainly."""
    assert strip_chat(chatty) == plain


@pytest.mark.parametrize(
    "question",
    [
        "In 2012, who opposed the pact?",
        "Apart from history, what hurt ties?",
        "Who signed it? The final deal, thanks",
        "What was agreed in advance?",
        "Did Japan say how it would share the data?",
        "Is the pact valid?",
        "Do they say the pact was signed?",
    ],
)
def test_question_words_are_never_stripped_as_chat(question: str) -> None:
    """Words the question is about stay, before its question word as after its question mark."""
    assert strip_chat(question) == question


def test_absent_word_never_outweighs_a_rare_corpus_word(corpus) -> None:
    """A word the corpus lacks counts by its informativeness, at most like a corpus word seen once."""
    query = build_query("Did envoy Kishida speak?", corpus.lexicon, corpus.index, QueryOptions(related_words=False))
    assert query.weights["envoy"] < query.weights["kishida"]


def test_misspelling_becomes_the_corpus_word(corpus) -> None:
    """One wrong letter in a name the corpus uses is corrected; a real English word is left alone."""
    lexicon = corpus.lexicon
    assert correct_spelling("kishda", lexicon) == "kishida"
    assert correct_spelling("envoy", lexicon) is None
    query = build_query("What did Kishda say?", lexicon, corpus.index)
    assert query.corrections == {"kishda": "kishida"}
    assert suggest_spelling("What did Kishda say?", query) == "What did Kishida say?"


def test_misspelt_everyday_word_becomes_the_english_word(corpus) -> None:
    """A misspelt word the corpus lacks is read as the English word it is one slip from: searched (and bridged)
    as that word, or dropped when it is a stopword."""
    lexicon = corpus.lexicon
    assert "history" not in lexicon.words and correct_spelling("hisotry", lexicon) == "history"
    query = build_query("Who was agaainst the deal?", lexicon, corpus.index)
    assert query.corrections == {"agaainst": "against"} and set(query.terms) == {"deal"}
    query = build_query("What about the hisotry?", lexicon, corpus.index)
    assert query.corrections == {"hisotry": "history"} and query.terms == ("histori",)


def test_spelling_can_be_switched_off(corpus) -> None:
    """Without the spelling option the misspelt word is searched as written."""
    query = build_query("What did Kishda say?", corpus.lexicon, corpus.index, QueryOptions(spelling=False))
    assert query.corrections == {}


@pytest.mark.parametrize(("word", "related"), [("atomic", "nuclear"), ("data", "inform"), ("colony", "coloni")])
def test_missing_words_bridge_to_related_corpus_terms(corpus, word: str, related: str) -> None:
    """Synonyms and derivations from the WordNet extract reach terms the corpus has."""
    assert related in bridge_word(word, corpus.lexicon)


def test_shipped_table_loads_with_both_columns() -> None:
    """The WordNet extract ships with the package: synonyms and broader words per word."""
    synonyms, broader = related_words()["swap"]
    assert "trade" in synonyms and "exchange" in broader


def test_lexicon_maps_written_words_to_terms() -> None:
    """The lexicon keeps each written word with its index term and counts terms."""
    lexicon = build_lexicon(["Tests and more tests."])
    assert lexicon.words["tests"] == "test" and lexicon.term_counts["test"] == 2


def test_broader_words_rank_but_do_not_count_towards_answering(corpus) -> None:
    """ "swap" reaches the articles' "exchange" through its broader words; the decision's reading leaves them out."""
    query = build_query("Did they swap data?", corpus.lexicon, corpus.index)
    assert "exchang" in query.bridges["swap"] and query.ranking_bridged
    judged = build_query("Did they swap data?", corpus.lexicon, corpus.index, QueryOptions().judging())
    assert "swap" not in judged.bridges and not judged.ranking_bridged


def test_an_uninformative_broader_word_is_not_searched(service: QAService) -> None:
    """ "Tomorrow" is a kind of "day", "weather" of "hold": words too common to say anything are not bridged to."""
    corpus = service.corpus
    assert "tomorrow" in related_words() and "day" in related_words()["tomorrow"][1]
    assert corpus.lexicon.has_term("day")
    query = build_query("What is the weather in Seoul tomorrow?", corpus.lexicon, corpus.index)
    assert "day" not in query.bridges.get("tomorrow", ()) and "hold" not in query.bridges.get("weather", ())


def test_a_broader_word_ranks_the_passage_that_answers(service: QAService) -> None:
    """ "leak" is a kind of "disclose": the passage on not disclosing to a third party is quoted in the first three."""
    answer = service.ask("Are the signatories allowed to leak the intelligence to outsiders?")
    assert any("without disclosing anything to a third party" in q.passage.text for q in answer.quotes[:3])


def test_a_rare_corpus_word_is_also_searched_as_the_articles_own_word(service: QAService) -> None:
    """ "Accord" (in a few passages) is searched as "pact" and "agreement" too; "pact" itself is not bridged, and
    the decision's reading leaves the synonym out."""
    corpus = service.corpus
    query = build_query("Who signed the accord?", corpus.lexicon, corpus.index)
    assert {"pact", "agreement"} <= set(query.bridges["accord"]) and query.ranking_bridged
    assert "pact" not in build_query("Who signed the pact?", corpus.lexicon, corpus.index).bridges
    judged = build_query("Who signed the accord?", corpus.lexicon, corpus.index, QueryOptions(preferred_words=False))
    assert "accord" not in judged.bridges and not judged.ranking_bridged
    # Worked out once per corpus: the next question asking "accord" reads the same synonyms back.
    assert corpus.lexicon.preferred["accord"] == query.bridges["accord"]


def test_a_corrected_rare_word_ranks_as_the_word_typed_right(service: QAService) -> None:
    """A slip in a rare word ("accrod") is corrected and then searched with the same synonyms as "accord"."""
    corpus = service.corpus
    slipped = build_query("Who signed the accrod?", corpus.lexicon, corpus.index)
    right = build_query("Who signed the accord?", corpus.lexicon, corpus.index)
    assert slipped.corrections == {"accrod": "accord"} and slipped.bridges == right.bridges
