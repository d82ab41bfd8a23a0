"""The timeline: events extracted, merged across sources, ordered, filtered; and on the real corpus, complete."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core.corpus import corpus_from_articles
from bot.core.models import Article
from bot.core.service import QAService
from bot.core.timeline import events
from bot.core.timeline.events import EventMention, extract_mentions, filter_timeline
from bot.core.timeline.periods import Period
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


def _entries_with(service: QAService, words: str):
    return [e for e in service.timeline() if any(words in m.sentence for m in e.mentions)]


def test_corpus_postponement_is_one_entry_with_all_five_sources(service: QAService) -> None:
    """ "backed out in 2012", "fell through in 2012" and "a botched attempt four years ago" are one entry."""
    entries = [e for e in service.timeline() if e.date == "2012"]
    assert len(entries) == 1
    sentences = " ".join(m.sentence for m in entries[0].mentions)
    assert all(words in sentences for words in ("backed out", "fell through", "botched attempt four years ago"))
    assert len(entries[0].sources) == 5


def test_corpus_signing_is_credited_to_who_reported_it_not_who_expected_it(service: QAService) -> None:
    """The Nov 23 signing lists AFP (which reported it) and Kyodo, never DW or Reuters, who only expected it."""
    (signing,) = [e for e in service.timeline() if e.date == "2016-11-23"]
    assert set(signing.sources) == {"AFP (unnamed news site)", "Kyodo (The Japan Times)"}
    (forecast,) = _entries_with(service, "by the end of November")
    assert forecast.date == "2016-11" and set(forecast.sources) == {"DW", "Reuters (via Investing.com)"}


def test_corpus_entries_read_alone(service: QAService) -> None:
    """Every entry is a sentence that starts like one: no clause without its subject."""
    for event in service.timeline():
        assert event.text[0].isupper() or event.text[0] in "\"“'", event.text
        assert event.text.split()[0].lower() not in {"after", "since", "made", "took", "before", "because"}


def test_one_sentence_dating_two_events_names_each() -> None:
    """An aside dating another event is elided, so each entry keeps its subject and its own event."""
    article = _article(
        "k",
        "Kyodo",
        date(2016, 12, 17),
        "A spokesman said the exchange of information, made under the pact signed on Nov. 23, "
        "took place in Seoul on Friday.",
    )
    by_date = {e.date: e.text for e in _timeline(article)}
    assert by_date["2016-12-16"] == "A spokesman said the exchange of information … took place in Seoul on Friday."
    assert "signed on Nov. 23" in by_date["2016-11-23"] and by_date["2016-11-23"].startswith("A spokesman")


def test_lists_of_years_are_not_elided() -> None:
    """ "in 2006, 2009 and 2013" is a list, not an aside: each year keeps the whole sentence."""
    article = _article("y", "Y", date(2016, 11, 9), "The North tested nuclear devices in 2006, 2009 and 2013.")
    assert {e.text for e in _timeline(article)} == {"The North tested nuclear devices in 2006, 2009 and 2013."}


def test_a_month_never_lends_its_article_to_another_articles_day() -> None:
    """A month in one article stays apart from a specific day in another, however alike the sentences."""
    day_article = _article("d", "Daily", date(2016, 11, 24), "The two countries signed the fisheries pact on Nov. 23.")
    month_article = _article(
        "m", "Monthly", date(2016, 12, 20), "The two countries signed the fisheries pact last month."
    )
    events = _timeline(day_article, month_article)
    assert {(e.date, e.sources) for e in events} == {("2016-11-23", ("Daily",)), ("2016-11", ("Monthly",))}


def test_a_forecast_is_not_the_outcome() -> None:
    """ "will sign by the end of November" and "signed on Nov. 23" stay two entries with their own sources."""
    before = _article("b", "Before", date(2016, 11, 14), "The ministers will sign the fisheries pact in November.")
    after = _article("a", "After", date(2016, 11, 30), "The ministers signed the fisheries pact on Nov. 23.")
    events = _timeline(before, after)
    assert {(e.date, e.sources) for e in events} == {("2016-11", ("Before",)), ("2016-11-23", ("After",))}


def test_an_undated_lead_credits_an_entry_but_never_makes_one() -> None:
    """An opening report without a date joins the entry of the days before publication that it tells of."""
    dated = _article("d", "Dated", date(2016, 11, 25), "The ministers signed the fisheries pact on Nov. 23 in Oslo.")
    lead = _article("l", "Lead", date(2016, 11, 24), "The ministers have signed the fisheries pact in Oslo.")
    (event,) = _timeline(dated, lead)
    assert event.date == "2016-11-23" and set(event.sources) == {"Dated", "Lead"}
    assert _timeline(lead) == ()


def test_a_year_stays_its_own_entry_beside_a_month_of_the_same_article() -> None:
    """ "a coup last year" stays a 1997 entry; it is not folded into the arrest "in June last year"."""
    article = _article(
        "wire",
        "Wire",
        date(1998, 2, 19),
        "The top rebel commander said Thursday he had sent a team to recover the remains of a British mine clearer.",
        "The rebel leadership split in June last year, and its founder was arrested by his own men.",
        "The Foreign Office said it had informed the family, who hope to bury him at home.",
        "The team will search a forest near the border, where mines still kill farmers every month.",
        "The rebel founder, whose leadership split after a coup last year, died in custody.",
    )
    assert [e.date for e in _timeline(article)] == ["1997", "1997-06", "1998-02-19"]


def test_a_topic_finds_the_entry_its_articles_retell_in_its_words(service: QAService) -> None:
    """ "pact" finds the signing worded "agreement", since its article calls it "the pact signed last month"."""
    assert "2016-11-23" in [e.date for e in service.timeline(topic="pact")]
    signing = next(e for e in service.timeline() if e.date == "2016-11-23")
    assert "pact" not in " ".join(m.text for m in signing.mentions).lower()
    assert any("pact signed" in m.text for m in signing.retold)


def test_a_topic_word_no_entry_uses_is_bridged_to_related_words() -> None:
    """A topic word the entries never use finds them through a related word ("treaty" and "accord"); a typo is fixed."""
    events = _timeline(WIRE, PAPER)
    assert [e.date for e in filter_timeline(events, topic="treaty")] == ["2006", "2016-11-14"]
    assert [e.text for e in filter_timeline(events, topic="harbour fery")] == [
        "Separately, a ferry sank in the harbour in 2006, killing dozens of passengers."
    ]


class _CheckedIndex(events._ClusterIndex):
    """The real cluster index, each answer checked against a walk over every period (the index's old way)."""

    calls = 0

    def candidates(self, period: Period, mention: EventMention) -> list[events._Cluster]:
        found = super().candidates(period, mention)
        shared: dict[int, float] = {}
        clusters: dict[int, events._Cluster] = {}
        for inner in self.periods:
            if inner.within(period):
                for term in self.terms.words_of(mention):
                    posting = self.postings[inner].get(self.terms.words[term], [])
                    for cluster in (posting if isinstance(posting, list) else [posting])[-events.MAX_POSTINGS :]:
                        clusters[id(cluster)] = cluster
                        shared[id(cluster)] = shared.get(id(cluster), 0.0) + self.terms.idf[term]
        walked = [clusters[key] for key in sorted(shared, key=lambda key: -shared[key])[: events.MAX_CANDIDATES]]
        assert [id(c) for c in found] == [id(c) for c in walked], period
        _CheckedIndex.calls += 1
        return found


def test_cluster_candidates_equal_a_walk_over_every_period(service: QAService, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the real corpus, the candidates found by bisecting the periods are those of walking all, in order."""
    monkeypatch.setattr(events, "_ClusterIndex", _CheckedIndex)
    corpus = service.corpus
    timeline = events.merge_mentions([m for part in corpus.parts for m in part.mentions], corpus.index)
    assert _CheckedIndex.calls > 50
    assert tuple(timeline) == corpus.timeline
