"""The timeline: events extracted, merged across sources, ordered, filtered; and on the real corpus, complete."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core.corpus import corpus_from_articles
from bot.core.models import Article
from bot.core.service import QAService
from bot.core.timeline.events import extract_mentions, filter_timeline
from bot.core.timeline.timexpr import parse_period
from tests.conftest import make_article


def _article(aid: str, source: str, published: date | None, *paragraphs: str) -> Article:
    return make_article(*paragraphs, article_id=aid, source=source, published=published)


WIRE = _article(
    "wire",
    "Wire",
    date(2016, 11, 14),
    "The ministers signed the fisheries accord on Monday after a decade of talks.",
    "The accord was first proposed in 2006, but negotiations collapsed over quotas.",
    "A follow-up meeting is scheduled for next year in Oslo.",
)
PAPER = _article(
    "paper",
    "Paper",
    date(2016, 11, 21),
    "The fisheries accord, signed last week, ends a decade of talks between the ministers.",
    "Talks on the accord began in 2006 but collapsed over fishing quotas.",
    "Separately, a ferry sank in the harbour in 2006, killing dozens of passengers.",
)


def _timeline(*articles: Article):
    return corpus_from_articles(Path("t"), list(articles)).timeline


def test_mentions_keep_sentence_and_source() -> None:
    """Each dated sentence becomes a mention with its period, article and source."""
    mentions = extract_mentions(WIRE)
    assert [(m.period.label, m.source) for m in mentions] == [
        ("2016-11-14", "Wire"),
        ("2006", "Wire"),
        ("2017", "Wire"),
    ]
    assert mentions[0].text == "The ministers signed the fisheries accord on Monday after a decade of talks."


def test_same_event_from_two_sources_is_one_entry() -> None:
    """The 2006 proposal reported by both papers is one entry with both sources; the ferry stays apart."""
    events = _timeline(WIRE, PAPER)
    in_2006 = [e for e in events if e.date == "2006"]
    assert len(in_2006) == 2
    accord = next(e for e in in_2006 if "accord" in e.text)
    assert accord.sources == ("Wire", "Paper") or accord.sources == ("Paper", "Wire")
    ferry = next(e for e in in_2006 if "ferry" in e.text)
    assert ferry.sources == ("Paper",)


def test_vaguer_date_joins_the_precise_one() -> None:
    """ "signed last week" joins "signed on Monday" of the same week, keeping the day."""
    events = _timeline(WIRE, PAPER)
    signing = [e for e in events if "signed" in e.text]
    assert len(signing) == 1
    assert signing[0].date == "2016-11-14" and set(signing[0].sources) == {"Wire", "Paper"}


def test_order_is_chronological_with_years_before_their_days() -> None:
    """A year-only event sorts before the dated days inside it."""
    article = _article(
        "a",
        "A",
        date(2016, 12, 17),
        "North Korea fired more than 20 missiles this year alone, officials said.",
        "The two sides exchanged intelligence on Friday for the first time.",
        "They held joint exercises in June to track launches.",
    )
    assert [e.date for e in _timeline(article)] == ["2016", "2016-06", "2016-12-16"]


def test_filters() -> None:
    """Date filters keep events inside the range; a topic keeps events about it."""
    events = _timeline(WIRE, PAPER)
    assert [e.date for e in filter_timeline(events, start=parse_period("2016"))] == ["2016-11-14", "2017"]
    assert [e.date for e in filter_timeline(events, end=parse_period("2010"))] == ["2006", "2006"]
    assert [e.text for e in filter_timeline(events, topic="ferry sinking")] == [
        "Separately, a ferry sank in the harbour in 2006, killing dozens of passengers."
    ]


EXPECTED_ON_CORPUS = [
    ("1910/1945", "Japan controlled the Korean peninsula", 2),
    ("1950/1953", "1950-53 conflict ended in a truce", 1),
    ("2006", "detonations of nuclear devices", 1),
    ("2009", "detonations of nuclear devices", 1),
    ("2012", "Seoul postponed the process at the last minute", 5),
    ("2013", "detonations of nuclear devices", 1),
    ("2014-12", "signed a preliminary deal", 1),
    ("2015-12", "landmark agreement last December", 1),
    ("2016-06", "missile warning exercises", 1),
    ("2016-09", "fifth nuclear test in September", 1),
    ("2016-W44", "resumed negotiations in Tokyo last week", 1),
    ("2016-11-08", "told lawmakers on Tuesday", 1),
    ("2016-11-09", "made progress Wednesday", 1),
    ("2016-11-14", "signed a preliminary", 2),
    ("2016-11-23", "signed on Nov. 23", 1),
    ("2016-12-16", "on Friday", 1),
    ("2017", "next meeting is to be held next year in Tokyo", 1),
]


@pytest.mark.parametrize(("label", "words", "min_sources"), EXPECTED_ON_CORPUS)
def test_corpus_timeline_has_each_dated_event(service: QAService, label: str, words: str, min_sources: int) -> None:
    """Every event the five articles date is on the timeline at its precision, with its sources."""
    matching = [e for e in service.timeline() if e.date == label and any(words in m.text for m in e.mentions)]
    assert len(matching) == 1
    assert len(matching[0].sources) >= min_sources


def test_corpus_timeline_has_no_furniture(service: QAService) -> None:
    """Publication stamps and copyright years never become events, and no date is a made-up day."""
    events = service.timeline()
    assert not any("Published" in e.text or "©" in e.text or "Fusion Media" in e.text for e in events)
    assert not any(e.date in {"2007/2024", "2024"} for e in events)
