"""The bold sentence is the one that answers: dated in the period asked, naming the person, giving the number."""

from __future__ import annotations

from bot.core.service import QAService


def _bold(service: QAService, question: str, holding: str) -> str:
    answer = service.ask(question)
    quote = next(q for q in answer.quotes if holding in q.passage.text)
    return quote.best_sentence_text


def test_period_asked_picks_the_sentence_dated_in_it(service: QAService) -> None:
    """ "In September" bolds the fifth nuclear test, not the June/November exercises in the same passage."""
    bold = _bold(service, "What did North Korea do in September?", "fifth nuclear test")
    assert "fifth nuclear test in September" in bold
    assert "June and November" not in bold


def test_who_picks_the_sentence_naming_someone(service: QAService) -> None:
    """ "Who signed" bolds the sentence naming the signers, not the one that only says the pact was signed."""
    bold = _bold(service, "Who signed the pact?", "Nagamine")
    assert "Han Min Koo" in bold and "Nagamine" in bold


def test_how_many_picks_the_sentence_with_the_number(service: QAService) -> None:
    """ "How many" bolds the sentence holding the count."""
    bold = _bold(service, "How many nuclear tests did North Korea conduct this year?", "two nuclear tests")
    assert "two nuclear tests" in bold


def test_ranked_sentences_start_with_the_bold_one(service: QAService) -> None:
    """Each quote carries its sentences best first, so a shortened quote keeps the bold one."""
    for quote in service.ask("What did North Korea do in September?").quotes:
        assert quote.ranked_sentences[0] == quote.best_sentence
        assert sorted(quote.ranked_sentences) == sorted(quote.passage.sentences)
