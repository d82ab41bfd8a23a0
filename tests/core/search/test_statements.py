"""A question about what a named speaker said is answered only by words attributed to that speaker."""

from __future__ import annotations

import pytest

from bot import messages
from bot.core.search.decision import judge
from bot.core.search.statements import asked_speaker
from bot.core.service import QAService


def _verdict_contradicted(service: QAService, question: str) -> bool:
    asked, _, query = service.read_question(question, service.corpus, service._today())
    return judge(service.corpus, asked, query).contradicted


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What did Prime Minister Shinzo Abe say about the pact?", "Prime Minister Shinzo Abe"),
        ("How did North Korea react to the signing?", "North Korea"),
        ("what does the defense ministry say about it", "the defense ministry"),
        ("How did Luther describe the mass?", None),
        ("Who signed the pact?", None),
        ("What did they sign?", None),
    ],
)
def test_the_speaker_is_read_from_the_question(question: str, speaker: str | None) -> None:
    """ "What/How did X say/react ..." names X; other questions name no speaker."""
    assert asked_speaker(question) == speaker


@pytest.mark.parametrize(
    "question",
    [
        "What did Prime Minister Shinzo Abe say about the signing of the pact?",
        "What did Ambassador Yasumasa Nagamine say after signing the pact?",
        "How did North Korea react to the signing?",
    ],
)
def test_a_speaker_the_articles_only_mention_is_refused(service: QAService, question: str) -> None:
    """Abe, Nagamine and North Korea are in the articles, but no words of theirs: the bot says it has none."""
    assert _verdict_contradicted(service, question)
    answer = service.ask(question)
    assert not answer.quotes
    assert answer.message == messages.NO_ANSWER_OF_KIND.format(kind=messages.ANSWER_KINDS["statement"])


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("What did Kishida say about the pact?", "Kishida"),
        ("What did Yoshihide Suga say about the deal?", "Suga"),
        ("What did Defense Minister Han Min-koo tell lawmakers on Tuesday?", "told lawmakers"),
        ("What did the Democratic Party say the deal marks?", "the party added"),
    ],
)
def test_a_speaker_quoted_in_the_articles_is_answered(service: QAService, question: str, quoted: str) -> None:
    """Words attributed before or after the saying ("Kishida told", "said ... Yoshihide Suga") answer."""
    assert not _verdict_contradicted(service, question)
    assert quoted in service.ask(question).quotes[0].passage.text


def test_a_speaker_described_in_other_words_is_not_checked(service: QAService) -> None:
    """ "Seoul's military" may be the article's "defense ministry": an uncapitalised speaker is not held to its
    words."""
    assert not _verdict_contradicted(service, "What does Seoul's military say Pyongyang is prepared to do?")
