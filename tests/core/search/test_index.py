"""BM25 search over a hand-made corpus returns known passages, with coverage for abstention."""

from __future__ import annotations

import pytest

from bot.core.search.acronyms import find_acronyms
from bot.core.search.index import SearchIndex
from bot.core.search.tokenize import tokenize

TEXTS = {
    "p0": "The foreign ministers met in Tokyo to discuss fishing rights in the East China Sea.",
    "p1": "Seoul and Tokyo signed the General Security of Military Information Agreement (GSOMIA) on Wednesday.",
    "p2": "The opposition threatened to impeach the defense minister over the deal.",
    "p3": "Farmers in the north reported a record rice harvest this autumn.",
    "p4": "The GSOMIA lets both countries share intelligence on missile launches directly.",
    "p5": "Prices of rice rose in Seoul markets as the harvest was delayed by rain.",
    "p6": "The central bank kept interest rates unchanged, citing slow growth.",
    "p7": "Fans celebrated after the national football team won the cup in extra time.",
}


@pytest.fixture(scope="module", params=["rank-bm25", "tantivy"])
def index(request: pytest.FixtureRequest) -> SearchIndex:
    """The hand-made corpus indexed by each engine: both must pass every test here."""
    return SearchIndex(list(TEXTS.values()), find_acronyms(TEXTS.values()), request.param)


IDS = list(TEXTS)


def _top(index: SearchIndex, question: str) -> str:
    return IDS[index.search(tokenize(question))[0].position]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who threatened to impeach the defence minister?", "p2"),
        ("How was the rice harvest?", "p3"),
        ("What did the central bank do with interest rates?", "p6"),
        ("Which team won the cup?", "p7"),
        ("What do the ministers discuss about fishing?", "p0"),
        ("What does the military information agreement let countries share?", "p4"),
    ],
)
def test_known_answers_rank_first(index: SearchIndex, question: str, expected: str) -> None:
    """Each question's passage is ranked first."""
    assert _top(index, question) == expected


def test_acronym_finds_the_long_form(index: SearchIndex) -> None:
    """A question with only the long form reaches the passage that only uses the acronym, and vice versa."""
    hits = index.search(tokenize("General Security of Military Information Agreement"))
    assert "p4" in {IDS[h.position] for h in hits}
    acronym_hit = next(h for h in index.search(tokenize("GSOMIA")) if IDS[h.position] == "p1")
    assert acronym_hit.coverage == 1.0


def test_coverage_is_the_share_of_question_weight(index: SearchIndex) -> None:
    """A passage with every question term covers 1.0; unknown words lower it; hits are sorted by score."""
    hits = index.search(tokenize("rice harvest"))
    assert hits[0].coverage == 1.0
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    (weather,) = [h for h in index.search(tokenize("weather in Seoul tomorrow")) if h.coverage > 0][:1]
    assert 0 < weather.coverage < 0.4


def test_unrelated_question_has_no_hits(index: SearchIndex) -> None:
    """Words the corpus lacks match nothing."""
    assert index.search(tokenize("quantum computing breakthroughs")) == []


@pytest.mark.parametrize("engine", ["rank-bm25", "tantivy"])
def test_empty_index_answers_nothing(engine: str) -> None:
    """An index without passages (rank-bm25 would divide by zero) returns no hits."""
    assert SearchIndex([], {}, engine).search(["seoul"]) == []


def test_search_within_ranks_only_the_given_passages(index: SearchIndex) -> None:
    """A period filter's positions are ranked by the same BM25, and nothing outside them is returned."""
    everywhere = index.search(tokenize("rice harvest Seoul"))
    within = index.search(tokenize("rice harvest Seoul"), within={IDS.index("p5"), IDS.index("p1")})
    assert [IDS[h.position] for h in within] == ["p5", "p1"]
    assert within[0].score == pytest.approx(next(h.score for h in everywhere if IDS[h.position] == "p5"), rel=1e-3)


def test_tiny_corpus_scores_stay_positive_and_ordered() -> None:
    """With two or three passages (terms in most of them), scores stay positive and the better match wins."""
    index = SearchIndex(
        [
            "The fisheries pact was signed in Oslo by the two governments.",
            "The fisheries pact was discussed by the two governments for years.",
        ],
        {},
    )
    hits = index.search(tokenize("Where was the fisheries pact signed?"))
    assert [h.position for h in hits] == [0, 1]
    assert all(h.score > 0 for h in hits)


def test_document_frequency_counted_in_slices_is_each_terms_passage_count(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting document frequencies a few passages at a time gives how many passages hold each term."""
    from bot.core.search import terms as terms_module

    monkeypatch.setattr(terms_module, "_FREQUENCY_SLICE", 7)
    terms = index.terms
    counted = terms_module.PassageTerms(terms.vocabulary, terms.ids, terms.offsets).document_frequency()
    expected = {term: sum(term in terms.term_set(n) for n in range(len(terms))) for term in terms.vocabulary}
    assert {term: int(counted[terms.term_ids[term]]) for term in terms.vocabulary} == expected
