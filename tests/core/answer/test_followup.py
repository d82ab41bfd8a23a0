"""A short follow-up is searched with the previous question's subject; a full question starts fresh."""

from __future__ import annotations

import pytest

from bot import messages
from bot.core.answer.followup import is_follow_up
from bot.core.service import QAService
from bot.errors import QuestionError


@pytest.mark.parametrize(
    ("question", "follows"),
    [
        ("When did he sign it?", True),
        ("and Japan?", True),
        ("What about the United States?", True),
        ("Why?", True),
        ("Who is Han Min-koo?", False),
        ("What is GSOMIA?", False),
        ("When did Japan and South Korea sign the pact?", False),
        ("Where was the pact signed?", False),
        ("What happened in 2012?", False),
        ("who signed?", True),
        ("thanks!", False),
        ("hi bot", False),
        ("👍", False),
        ("who is kishida", False),
        ("Kishda", False),
        ("\u200b\u200b", False),
    ],
)
def test_is_follow_up(question: str, follows: bool) -> None:
    """Pronouns, "and ..."/"what about ..." and very short questions lean on the previous one; named subjects don't,
    even in lower case or misspelt, and invisible characters lean on nothing."""
    assert is_follow_up(question) is follows


def test_follow_up_carries_the_subject(service: QAService) -> None:
    """ "When did he sign it?" after "Who is Han Min-koo?" quotes Han's signing first, and says it was a follow-up."""
    answer = service.ask("When did he sign it?", context="Who is Han Min-koo?")
    assert answer.context == "Who is Han Min-koo?"
    assert all("Han Min" in q.passage.text for q in answer.quotes)
    assert any("signed the agreement" in q.passage.text for q in answer.quotes)
    alone = service.ask("When did he sign it?")
    assert alone.context is None and not all("Han Min" in q.passage.text for q in alone.quotes)


def test_and_follow_up_keeps_the_question(service: QAService) -> None:
    """ "and Japan?" after asking who signed for South Korea finds the signing passage naming Japan's signer."""
    answer = service.ask("and Japan?", context="Who signed the agreement for South Korea?")
    assert "Nagamine" in answer.quotes[0].passage.text


def test_pronoun_only_follow_up_is_answered(service: QAService) -> None:
    """ "What about him?" has no words of its own; with a previous question it is still answered."""
    answer = service.ask("What about him?", context="Who is Yasumasa Nagamine?")
    assert answer.answered and "Nagamine" in answer.quotes[0].passage.text


def test_full_question_ignores_the_context(service: QAService) -> None:
    """A question naming its own subject gets the same passages with or without a previous question."""
    fresh = service.ask("What is GSOMIA?")
    after = service.ask("What is GSOMIA?", context="Who is Han Min-koo?")
    assert after.context is None
    assert [q.passage.passage_id for q in after.quotes] == [q.passage.passage_id for q in fresh.quotes]


@pytest.mark.parametrize("text", ["thanks!", "hi bot", "👍", "🇯🇵🇰🇷🤝", "ok thx"])
def test_small_talk_is_not_searched_even_after_a_question(service: QAService, text: str) -> None:
    """Thanks, greetings and emoji after an answer get a prompt to ask, not the previous answer again."""
    with pytest.raises(QuestionError) as raised:
        service.ask(text, context="What did Kishida say?")
    assert str(raised.value) == messages.SMALL_TALK


def test_full_question_after_a_refused_one_starts_fresh(service: QAService) -> None:
    """ "What happened in 2012?" names its own subject: an earlier off-topic question does not sink it."""
    answer = service.ask("What happened in 2012?", context="Who won the 2016 US presidential election?")
    assert answer.answered and answer.context is None
    assert any("2012" in q.passage.text for q in answer.quotes)


def test_invisible_characters_are_an_empty_question(service: QAService) -> None:
    """A line of zero-width spaces is refused as empty, not searched as a follow-up of the previous question."""
    with pytest.raises(QuestionError) as raised:
        service.ask("\u200b\u200b\ufeff ", context="Who is Han Min-koo?")
    assert str(raised.value) == messages.EMPTY_QUESTION
