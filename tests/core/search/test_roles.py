"""A question about who holds a role is answered only by passages naming someone beside the role's word."""

from __future__ import annotations

import pytest

from bot import messages
from bot.core.search.roles import asked_role
from bot.core.service import QAService


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who was the ministry spokesman who announced it?", "the ministry spokesman"),
        ("Who is the Japanese ambassador to South Korea?", "the Japanese ambassador"),
        ("What was the name of the Norman castle?", "the Norman castle"),
        ("who is the south korean president", "the south korean president"),
        ("Who is Han Min-koo?", None),
        ("Who signed the pact?", None),
    ],
)
def test_the_role_is_read_from_the_question(question: str, role: str | None) -> None:
    """ "Who was X", "What is the name of X" name a role up to a clause or preposition; a name is no role."""
    assert asked_role(question) == role


@pytest.mark.parametrize(
    "question",
    [
        "What was the name of the Defense Ministry spokesman who announced the first intelligence exchange?",
        "What is the name of Park Geun Hye's longtime friend involved in the scandal?",
    ],
)
def test_a_role_the_articles_name_no_one_in_is_refused(service: QAService, question: str) -> None:
    """ "A ministry spokesman said ..." names no one: the bot says the articles give no name."""
    answer = service.ask(question)
    assert not answer.quotes
    assert answer.message == messages.NO_ANSWER_OF_KIND.format(kind=messages.ANSWER_KINDS["name"])


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Who is the Japanese ambassador to South Korea?", "Yasumasa Nagamine"),
        ("Who was the Japanese government spokesman?", "Yoshihide Suga"),
        ("Who is South Korea's deputy defense minister?", "Yoo Jeh-seung"),
        ("quick one: who is yoshihide suga", "Yoshihide Suga"),
    ],
)
def test_a_role_named_beside_its_word_is_answered(service: QAService, question: str, named: str) -> None:
    """A name a few words before or after the role's word answers; a person asked about in lower case too."""
    assert named in service.ask(question).quotes[0].passage.text
