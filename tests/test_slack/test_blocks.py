"""Block Kit rendering: escaped, ping-free, and within Slack's limits however long the answer, list or report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot import messages
from bot.core.answer.compose import AnswerPolicy
from bot.core.models import Answer, FileProblem, Passage, Quote, ReloadReport, SourceInfo
from bot.core.service import QAService
from bot.core.timeline.events import TimelineEvent
from bot.core.timeline.timexpr import parse_period
from bot.slack.blocks import (
    MoreRequest,
    answer_message,
    context,
    escape,
    quote_text,
    read_more_value,
    reload_message,
    sources_message,
    timeline_messages,
)
from tests.conftest import make_article
from tests.fakes.slack_api import message_problems, mrkdwn_texts

SENTENCE = "Officials in Seoul & Tokyo said <!channel> the pact on sharing intelligence was signed. "
RUDE = "---\ntitle: Q&A <!here> pact\nsource: Wire <@U0EVIL>\npublished: 2016-11-20\nurl: https://example.com/a?b=1&c=2\n---\n"


def acceptable(message: tuple[str, list[dict]]) -> bool:
    """Slack would take it (limits, a fallback text) and nothing in it pings anyone."""
    text, blocks = message
    body = {"text": text, "blocks": blocks}
    return message_problems(body) == [] and not any("<!" in t or "<@" in t for t in mrkdwn_texts(body))


def _long_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "long"
    folder.mkdir()
    body = "\n\n".join(f"{SENTENCE * 6}Round {n} of talks ended & <@U0EVIL> left." for n in range(40))
    (folder / "long.txt").write_text(RUDE.replace("Q&A", "Q&A " + "very long title " * 20) + body + "\n")
    return folder


def test_ten_long_quotes_with_escaping_fit_one_message(tmp_path: Path) -> None:
    """Ten long quotes full of & and mention markup, under a 500-character question, fit Slack's limits."""
    service = QAService.from_folder(_long_corpus(tmp_path), AnswerPolicy(top_k=10, min_coverage=0.1))
    answer = service.ask("Seoul Tokyo officials pact sharing intelligence signed talks " * 7)
    assert len(answer.quotes) == 10
    message = answer_message(answer)
    assert acceptable(message)
    assert "&amp;" in str(message[1]) and "&lt;!channel&gt;" in str(message[1])


def test_an_oversized_passage_is_shortened_around_its_bold_sentence() -> None:
    """A passage over a section's 3000 characters keeps its best sentence, bold, and marks what was left out."""
    step = len(SENTENCE)
    spans = tuple((n * step, (n + 1) * step - 1) for n in range(60))
    best = spans[30]
    ranked = (best, spans[0], *spans[1:30], *spans[31:])
    quote = Quote(Passage("p", "a", 0, 0, SENTENCE * 60, spans), make_article("x"), 1.0, 1.0, best, (), ranked)
    shown = quote_text(quote)
    assert len(shown) <= 3000 and "…" in shown
    assert (
        "*Officials in Seoul &amp; Tokyo said &lt;!channel&gt; the pact on sharing intelligence was signed.*" in shown
    )
    assert all(line.startswith(">") for line in shown.split("\n"))


def test_many_corroborating_sources_stay_in_one_context() -> None:
    """A quote with fifty other reporters keeps one context block of at most ten elements, within limits."""
    quote = Quote(
        Passage("p", "a", 0, 0, SENTENCE, ()),
        make_article("a", source="Wire"),
        1.0,
        1.0,
        (0, len(SENTENCE) - 1),
        tuple(make_article(f"b{n}", source=f"Paper {n} & Co") for n in range(50)),
    )
    assert acceptable(answer_message(_answer(quote)))


def _answer(quote: Quote) -> Answer:
    return Answer("Who signed?", True, "Here is what the articles say.", (quote,), has_more=True, question_id="0" * 16)


def test_abstention_is_plain_text_with_the_hint() -> None:
    """An answer the corpus does not hold is one escaped section and no buttons."""
    text, blocks = answer_message(Answer("Who won <!here>?", False, "I couldn't find that."))
    assert "/sources" in text and [b["type"] for b in blocks] == ["section"]


def test_more_button_carries_question_and_offset() -> None:
    """The More… value reads back as the question and the next offset; foreign values read as nothing."""
    quote = Quote(Passage("p", "a", 0, 0, SENTENCE, ()), make_article("a"), 1.0, 1.0, (0, 10))
    _, blocks = answer_message(_answer(quote))
    [more] = [e for e in blocks[-1]["elements"] if e["action_id"] == "qa_more"]
    assert read_more_value(more["value"]) == MoreRequest("Who signed?", 1)
    assert read_more_value("not json") is None and read_more_value('{"q": 1, "o": -1}') is None
    assert read_more_value("[1]") is None


def test_a_question_too_long_for_a_button_travels_by_its_logged_id() -> None:
    """A 3000-character question does not fit a button value; More… carries its question-log id instead."""
    quote = Quote(Passage("p", "a", 0, 0, SENTENCE, ()), make_article("a"), 1.0, 1.0, (0, 10))
    long_question = "Who signed the pact? " * 150
    _, blocks = answer_message(replace(_answer(quote), question=long_question))
    [more] = [e for e in blocks[-1]["elements"] if e["action_id"] == "qa_more"]
    assert len(more["value"]) <= 2000
    assert read_more_value(more["value"]) == MoreRequest(None, 1, None, "0" * 16)


@pytest.mark.parametrize("count", [0, 1, 60, 400])
def test_timeline_fits_messages(count: int) -> None:
    """Any number of long events fits: sections under 3000, under 50 blocks, at most four messages, a note beyond."""
    period = parse_period("2016")
    assert period is not None
    events = [TimelineEvent(period, SENTENCE * 30, ("Wire <@U1>",) * 30, ("a",), ()) for _ in range(count)]
    result = timeline_messages(events, "Timeline: <!here>")
    assert 1 <= len(result) <= 4 and all(acceptable(m) for m in result)
    if count == 400:
        assert "more events" in str(result[-1][1][-1])


def test_sources_and_reload_reports_fit() -> None:
    """Hundreds of articles or failed files fit one message."""
    article = make_article("x", title="A title & more " * 10, source="Wire <!channel>", published=date(2016, 1, 1))
    infos = [SourceInfo(replace(article, article_id=f"a{n}"), 9) for n in range(300)]
    assert acceptable(sources_message(infos, [("bad.txt", "binary <@U1>")]))
    problems = tuple(FileProblem(f"file-{n}.txt", "not UTF-8 text (bad byte at position 3)") for n in range(3000))
    assert acceptable(reload_message(ReloadReport(articles=5, passages=50, problems=problems)))
    assert acceptable(reload_message(ReloadReport(kept_old="no article in <!here> could be loaded")))


def test_escape_neutralises_slack_control_characters() -> None:
    """&, < and > become entities, & first so entities are not escaped twice."""
    assert escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"


def test_the_reading_of_time_is_shown() -> None:
    """How relative time words were read is said under the quotes, and in an abstention."""
    quote = Quote(Passage("p", "a", 0, 0, SENTENCE, ()), make_article("a"), 1.0, 1.0, (0, 10))
    reading = "Read “last week” as 14–20 November 2016, counting from the newest article (2016-11-23)."
    _, blocks = answer_message(replace(_answer(quote), time_reading=reading))
    assert any(b["type"] == "context" and b["elements"][0]["text"] == reading for b in blocks)
    text, _ = answer_message(Answer("What happened last week?", False, "Nothing then.", time_reading=reading))
    assert reading in text


def test_a_misspelt_question_says_what_was_searched() -> None:
    """The core's "searched as" note comes right under the answer's message, before the quotes."""
    quote = Quote(Passage("p", "a", 0, 0, SENTENCE, ()), make_article("a"), 1.0, 1.0, (0, 10))
    _, blocks = answer_message(replace(_answer(quote), did_you_mean="Who signed the pact?"))
    assert blocks[2] == context(escape(messages.DID_YOU_MEAN.format(question="Who signed the pact?")))
