"""A short follow-up is searched with the previous question's subject; a full question starts fresh."""

from __future__ import annotations

import pytest

from bot.core.answer.followup import is_follow_up
from bot.core.service import QAService


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
    ],
)
def test_is_follow_up(question: str, follows: bool) -> None:
    """Pronouns, "and ..."/"what about ..." and very short questions lean on the previous one; named subjects don't."""
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
