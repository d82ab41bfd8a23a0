"""Questions that name a period are narrowed to it; "the latest" orders by date; answers say how recent they are."""

from __future__ import annotations

from datetime import date

import pytest

from bot import messages
from bot.core.answer.compose import AnswerPolicy
from bot.core.corpus import build_corpus
from bot.core.service import QAService
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def in_2016() -> QAService:
    """The corpus seen from a few days after its newest article."""
    return QAService(build_corpus(CORPUS), AnswerPolicy(), today=lambda: date(2016, 12, 20))


def test_year_question_quotes_that_years_events(service: QAService) -> None:
    """ "What happened in 2012?" quotes passages dating 2012 events, most widely reported first."""
    answer = service.ask("What happened in 2012?")
    assert answer.answered and answer.period == "2012"
    assert all("2012" in q.passage.text or "four years ago" in q.passage.text for q in answer.quotes)


def test_period_with_nothing_in_it_says_so(service: QAService) -> None:
    """A period the corpus has nothing for gets a plain message and no quotes."""
    answer = service.ask("What happened in 1990?")
    assert not answer.answered and answer.quotes == ()
    assert answer.message == messages.NOTHING_DATED.format(period="1990")


def test_weekday_means_the_storys_weekday(service: QAService) -> None:
    """ "on Monday", matching nothing near today, is the Monday the articles talk about."""
    answer = service.ask("What did Japan and South Korea sign on Monday?")
    assert answer.period == "2016-11-14"
    assert "preliminary" in answer.quotes[0].passage.text


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("what did japan and south korea sign on monday?", "What did Japan and South Korea sign on Monday?"),
        (
            "WHAT KIND OF DEAL DID JAPAN AND SOUTH KOREA SIGN ON NOVEMBER 14?",
            "What kind of deal did Japan and South Korea sign on November 14?",
        ),
    ],
)
def test_month_and_day_names_are_read_in_any_case(service: QAService, typed: str, written: str) -> None:
    """A weekday or month typed in lower case or capitals names the same period and quotes the same passages."""
    expected, got = service.ask(written), service.ask(typed)
    assert got.period == expected.period is not None
    assert [q.passage.passage_id for q in got.quotes] == [q.passage.passage_id for q in expected.quotes]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("What did Japan and South Korea sign on Mnoday?", "What did Japan and South Korea sign on Monday?"),
        ("Which round of talks happened on Wendesday?", "Which round of talks happened on Wednesday?"),
        (
            "What did South Korea, the US and Japan sign in Decmber 2014?",
            "What did South Korea, the US and Japan sign in December 2014?",
        ),
    ],
)
def test_misspelt_month_and_day_names_are_read(service: QAService, typed: str, written: str) -> None:
    """A month or day name one slip off names the same period; an English word near one ("junk") does not."""
    assert service.ask(typed).period == service.ask(written).period is not None
    assert service.ask("Who sold the junk?").period is None


@pytest.mark.parametrize(
    ("part", "whole"),
    [
        ("What happened in mid-November?", "What happened in November?"),
        ("What happened in early November?", "What happened in November?"),
        ("What happened at the end of November?", "What happened in November?"),
        ("What happened in late 2016?", "What happened in 2016?"),
    ],
)
def test_a_part_of_a_period_reads_the_period(service: QAService, part: str, whole: str) -> None:
    """ "early", "mid-", "the end of" before a period are time words, not words to search for."""
    expected, got = service.ask(whole), service.ask(part)
    assert got.answered and got.period == expected.period
    assert [q.passage.passage_id for q in got.quotes] == [q.passage.passage_id for q in expected.quotes]


def test_abbreviated_month_typed_in_lower_case_is_read(service: QAService) -> None:
    """ "nov 23" names the same day as "Nov. 23"."""
    assert service.ask("what happened on nov 23").period == service.ask("What happened on Nov. 23?").period


def test_may_and_march_in_lower_case_are_verbs(service: QAService) -> None:
    """Lower-case "may" and "march" read as the verbs they usually are, not as months."""
    assert service.ask("Who may march against the pact?").period is None


def test_relative_to_today_when_the_corpus_has_it(in_2016: QAService) -> None:
    """Seen from 2016-12-20, "last week" is 12-12..12-18 and finds the Friday exchange."""
    answer = in_2016.ask("What was exchanged last week?")
    assert answer.period == "2016-W50"
    assert "took place at a meeting" in answer.quotes[0].passage.text


def test_period_narrows_a_topic_question(service: QAService) -> None:
    """A topic and a month: only passages dating events of that month are quoted."""
    answer = service.ask("What did North Korea do in September?")
    assert answer.period == "2016-09"
    assert [q.article.source for q in answer.quotes] == ["Kyodo (The Japan Times)"]
    assert "fifth nuclear test in September" in answer.quotes[0].passage.text


def test_latest_orders_newest_first(service: QAService) -> None:
    """ "latest" puts the newest article's passages first; the message names the newest date."""
    answer = service.ask("What is the latest on the intelligence pact?")
    dates = [q.article.published for q in answer.quotes]
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]
    assert answer.message == messages.FOUND_NEWEST.format(date="2016-12-17")


def test_every_answer_says_how_recent_it_is(service: QAService) -> None:
    """The message of an ordinary answer names its newest source's date."""
    answer = service.ask("Who is Han Min-koo?")
    assert answer.newest is not None
    assert answer.message == messages.FOUND_NEWEST.format(date=answer.newest.isoformat())
