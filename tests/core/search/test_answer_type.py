"""Questions asking when, where, who or how many prefer passages holding a date, place, name or number."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.corpus import corpus_from_articles
from bot.core.search.answer_type import asked_kind, form_terms, prefer_kind, sentence_holds
from bot.core.search.tokenize import tokenize
from bot.core.service import QAService
from tests.conftest import make_article


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When was the pact signed?", "when"),
        ("  where did they meet?", "where"),
        ("Whom did the minister blame?", "who"),
        ("How many missiles were fired?", "number"),
        ("How long does the pact last?", "duration"),
        ("How old is the minister?", "age"),
        ("How much did the deal cost?", "amount"),
        ("In what year was the pact first planned?", "when"),
        ("In which city were the talks held?", "where"),
        ("With how many countries is there a pact?", "number"),
        ("What percentage of voters backed the pact?", "percent"),
        ("What share of exports goes to China?", "percent"),
        ("What is the range of the Musudan missile?", "measure"),
        ("How far can the missile fly?", "measure"),
        ("At what time did the ceremony begin?", "time"),
        ("What's the percentage of voters?", "percent"),
        ("What was the cost of the deal?", "amount"),
        ("Which islands are disputed?", "where"),
        ("How much of the population saw the images?", "percent"),
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


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("How long does the pact last?", {"long", "last", "take"}),
        ("How many tests were there?", set(tokenize("many"))),
        ("When was the pact signed?", set()),
        ("Who had the last word?", set()),
    ],
)
def test_form_terms(question: str, form: set[str]) -> None:
    """Words that only ask for a kind ("how long ... last") are not searched; the same words elsewhere are."""
    assert form_terms(question) == form


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When was the agreement signed?", "signed on Nov. 23"),
        ("How long does the pact last?", "one-year pact"),
    ],
)
def test_answer_of_the_kind_ranks_on_the_real_corpus(service: QAService, question: str, expected: str) -> None:
    """The dated outcome (not the 2012 plan or the forecast) and the duration come first on the bundled corpus."""
    assert expected in service.ask(question).quotes[0].passage.text


# A sentence of the bundled corpus: a plan dated in 2012, which did not happen then.
PLANNED = (
    "The agreement's parties expected to sign it in 2012, but Seoul backed out due to domestic hostility to the pact."
)


@pytest.mark.parametrize(
    ("kind", "sentence", "holds"),
    [
        ("percent", "Cyber Monday Deal: Up to 60% off InvestingProCLAIM SALE", True),
        ("time", "Published 11/14/2016, 05:31 AM", True),
        ("measure", "North Korea has also test-fired more than 20 ballistic missiles so far this year", False),
        ("measure", "The missile has a range of 3,000 km, enough to reach Guam.", True),
        ("time", "The agreement was signed on Nov. 23 in Seoul.", False),
        ("percent", "The agreement was signed on Nov. 23 in Seoul.", False),
        ("duration", "the Ministry of National Defense said in a statement after a second round of talks", False),
        ("duration", "The 30-second commercial aired twice.", True),
        ("where", "Jebe's forces defeated Kuchlug west of Kashgar.", True),
        ("duration", "Free movement has been central to Europe since 1957.", True),
        (
            "duration",
            "From 1910 to 1945, Japan controlled the Korean peninsula, leaving behind a legacy of brutal rule.",
            True,
        ),
        ("duration", "Millions died in the 1950-53 Korean War.", True),
        ("duration", "The page was updated on 2016-11-23 at noon.", False),
        ("duration", "After years of discussions, Tokyo and Seoul have agreed to share defense intelligence.", True),
        ("duration", "The rebels have held the town for decades.", True),
        ("duration", "Four years ago the talks collapsed.", False),
        ("number", "The exhibition drew nearly a million and a half visitors.", True),
    ],
)
def test_sentences_hold_a_percentage_measure_or_clock_time(kind: str, sentence: str, holds: bool) -> None:
    """A percentage, a number with a unit, a clock time and a span ("30-second", "since 1957", "from 1910 to 1945",
    "1950-53", "years of", "for decades"; not a written date or "years ago") are told from other
    numbers ("a second round" is no duration), "a million" is a count and "west of" names a place (the corpus
    lines are the bundled corpus's own)."""
    assert sentence_holds(kind, sentence, None, set()) == holds


def test_a_forecast_dates_only_a_question_about_the_future() -> None:
    """ "When was it signed?" is not answered by what was expected; "When was it expected to be signed?" may be."""
    assert not sentence_holds("when", PLANNED, None, set())
    assert sentence_holds("when", PLANNED, None, set(), future=True)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who represented the Pentagon at the trilateral talks?", "Kelly Magsamen"),
        ("thanks bot!! who showed up from the pentagon at the trilateral talks", "Kelly Magsamen"),
    ],
)
def test_the_names_asked_for_are_quoted_below_a_fuller_match(service: QAService, question: str, expected: str) -> None:
    """The passage naming the attendees shares fewer question words than the talks' own passage, yet is quoted."""
    assert any(expected in quote.passage.text for quote in service.ask(question).quotes)


def test_a_word_the_corpus_lacks_leaves_the_asked_kind_its_say(service: QAService) -> None:
    """ "valid" is in no article; the duration ("one-year pact ... renewed annually") still comes first."""
    hits = prefer_kind("How long is the pact valid?", service.corpus.index.search(["pact", "valid"]), service.corpus)
    assert "one-year pact" in service.corpus.passages[hits[0].position].text


def test_an_uncounted_span_answers_how_long(service: QAService) -> None:
    """ "After years of discussions" answers "how long had they been talking": the bot quotes it, not refuses."""
    quotes = service.ask("How long had Tokyo and Seoul been talking about this deal?").quotes
    assert any("years of discussions" in q.passage.text for q in quotes[:3])
