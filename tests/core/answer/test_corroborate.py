""" "Also reported by" credits another article only when its sentence states the same fact."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core.answer.corroborate import Statement, same_fact
from bot.core.answer.pair_eval import evaluate_pairs, read_pairs, unrelated_similarities
from bot.core.corpus import Corpus
from bot.core.search.tokenize import tokenize
from bot.core.service import QAService
from bot.core.store.snapshot import refresh
from tests.conftest import CORPUS, REPO

PAIRS = REPO / "eval" / "corroboration_pairs.jsonl"


def _weigh(corpus: Corpus):
    return lambda text: corpus.index.term_weights(tokenize(text))


def test_labelled_pairs_keep_precision(service: QAService) -> None:
    """On the labelled sentence pairs, at least 95% of the "same fact" verdicts are right, and some are given."""
    report = evaluate_pairs(read_pairs(PAIRS), service.corpus, service.policy.corroboration_overlap)
    assert report.not_found == 0
    assert report.precision is not None and report.precision >= 0.95
    assert report.true_positive >= 5


def test_bar_is_above_most_unrelated_pairs(service: QAService) -> None:
    """The similarity bar sits above 99% of the pairs of sentences from different articles of the story."""
    similarities = unrelated_similarities(service.corpus)
    share_below = sum(s < service.policy.corroboration_overlap for s in similarities) / len(similarities)
    assert share_below >= 0.99


KYODO_FORECAST = Statement(
    "The Tokyo-based Kyodo news agency reported that the final signing of the General Security of Military "
    "Information Agreement (GSOMIA) will likely take place by the end of November.",
    date(2016, 11, 14),
)
SIGNED = Statement(
    "A ministry spokesman said the direct exchange of classified information, made on the basis of the General "
    "Security of Military Information Agreement signed on Nov. 23, took place at a meeting of the two countries’ "
    "defense officials in Seoul on Friday.",
    date(2016, 12, 17),
)
DW_MONDAY = Statement(
    "Japan and South Korea on Monday signed a preliminary deal to share defense intelligence concerning North "
    "Korea's nuclear and missile activities, despite resistance from opposition parties and activists.",
    date(2016, 11, 14),
)
REUTERS_MONDAY = Statement(
    "Japan and South Korea signed a preliminary pact to share and safeguard sensitive information on North Korea's "
    "missile and nuclear activities on Monday, a move that had already prompted anger among opposition lawmakers.",
    date(2016, 11, 14),
)
YONHAP_2014 = Statement(
    "In December 2014, South Korea, the U.S. and Japan signed a preliminary deal that calls for voluntary sharing "
    "of military secrets on North Korea's nuclear and missile programs.",
    date(2016, 11, 9),
)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (DW_MONDAY, REUTERS_MONDAY, True),
        (KYODO_FORECAST, SIGNED, False),  # a forecast set against the outcome
        (YONHAP_2014, DW_MONDAY, False),  # another period
    ],
)
def test_same_fact_on_corpus_sentences(service: QAService, a: Statement, b: Statement, same: bool) -> None:
    """The same event on the same day agrees; a forecast against its outcome, or another year's deal, does not."""
    assert same_fact(a, b, _weigh(service.corpus), service.policy.corroboration_overlap) is same
    assert same_fact(b, a, _weigh(service.corpus), service.policy.corroboration_overlap) is same


def test_other_speaker_is_not_the_same_quote(service: QAService) -> None:
    """Kishida's words are not corroborated by a passage quoting Suga."""
    answer = service.ask("What did Kishida say?")
    kishida = next(q for q in answer.quotes if "Kishida" in q.passage.text)
    assert "DW" not in [a.source for a in kishida.also_reported_by]


def test_first_exchange_is_not_credited_to_earlier_reports(service: QAService) -> None:
    """The first exchange under the pact is Kyodo's alone: AFP (the signing) and Yonhap (earlier) did not report it."""
    answer = service.ask("When did Japan and South Korea first exchange intelligence under the pact?")
    first = answer.quotes[0]
    assert "for the first time" in first.passage.text
    assert first.also_reported_by == ()


def test_same_report_is_still_credited(service: QAService) -> None:
    """The Monday signing, told by DW and Reuters alike, is quoted once and credits the other."""
    answer = service.ask("What did Japan and South Korea sign on Monday?")
    sources = {answer.quotes[0].article.source, *(a.source for a in answer.quotes[0].also_reported_by)}
    assert {"DW", "Reuters (via Investing.com)"} <= sources


def test_pair_figures_are_the_same_on_a_corpus_read_from_its_save(service: QAService, tmp_path: Path) -> None:
    """A saved corpus keeps no paragraphs; the pair figures read them from the files and come out the same."""
    saved = refresh(CORPUS, tmp_path / "cache")
    assert all(article.paragraphs == () for article in saved.articles.values())
    assert unrelated_similarities(saved) == unrelated_similarities(service.corpus)
    bar = service.policy.corroboration_overlap
    pairs = read_pairs(PAIRS)
    assert evaluate_pairs(pairs, saved, bar).as_dict() == evaluate_pairs(pairs, service.corpus, bar).as_dict()
