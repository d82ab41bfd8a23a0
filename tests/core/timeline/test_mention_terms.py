"""The timeline's sentence terms as ids: the same words and weights as tokenizing, similarity exact and symmetric."""

from __future__ import annotations

import math
from datetime import date

import pytest

from bot.core.search.index import SearchIndex
from bot.core.search.tokenize import tokenize
from bot.core.timeline.mention_terms import MentionTerms
from bot.core.timeline.mentions import EventMention, extract_mentions
from tests.conftest import make_article

ARTICLE = make_article(
    "The ministers signed the fisheries accord on Monday, after talks that began in 2006 and collapsed twice.",
    "The fisheries accord was signed in Oslo on Monday.",
    "In 2006 the talks on quotas collapsed, but ministers met again in 2009 to sign a first accord.",
    article_id="a",
    source="Wire",
    published=date(2016, 11, 16),
)
INDEX = SearchIndex(["The ministers signed the fisheries accord.", "Talks on quotas collapsed in Oslo."], {})


@pytest.fixture
def mentions() -> list[EventMention]:
    found = extract_mentions(ARTICLE)
    assert len(found) >= 4 and any(m.clause != m.sentence for m in found)
    return found


def _weight(text: str) -> float:
    return math.fsum(INDEX.idf(t) for t in set(tokenize(text)) if not t.isdigit())


def test_terms_are_the_texts_words_without_numbers(mentions: list[EventMention]) -> None:
    """A sentence's ids name its tokenized terms, numbers left out (they only restate the date)."""
    terms = MentionTerms(INDEX, mentions)
    for mention in mentions:
        sentence, clause = terms.texts(mention)
        for number, text in ((sentence, mention.sentence), (clause, mention.clause)):
            words = {terms.words[term] for term in terms.ids(number)}
            assert words == {t for t in tokenize(text) if not t.isdigit()}
        union = {terms.words[term] for term in terms.words_of(mention)}
        assert union == {t for t in tokenize(f"{mention.sentence} {mention.clause}") if not t.isdigit()}


def test_one_number_per_distinct_text(mentions: list[EventMention]) -> None:
    """A clause that is its whole sentence shares the sentence's number; different texts get their own."""
    terms = MentionTerms(INDEX, mentions)
    for mention in mentions:
        sentence, clause = terms.texts(mention)
        assert (sentence == clause) == (mention.sentence == mention.clause)
    assert len({terms.texts(m)[0] for m in mentions}) == len({m.sentence for m in mentions})


def test_similarity_is_the_shared_rare_weight_over_the_lighter(mentions: list[EventMention]) -> None:
    """Text similarity is the rarity weight both texts hold over the lighter one's, the same either way round."""
    terms = MentionTerms(INDEX, mentions)
    texts = {number: m.sentence for m in mentions for number in terms.texts(m)[:1]}
    texts.update({terms.texts(m)[1]: m.clause for m in mentions})
    for a, a_text in texts.items():
        for b, b_text in texts.items():
            shared = {t for t in tokenize(a_text) if not t.isdigit()} & set(tokenize(b_text))
            expected = math.fsum(INDEX.idf(t) for t in shared) / min(_weight(a_text), _weight(b_text))
            assert terms.text_similarity(a, b) == pytest.approx(expected, rel=1e-12)
            assert terms.text_similarity(a, b) == terms.text_similarity(b, a)
        assert terms.text_similarity(a, a) == 1.0


def test_mention_similarity_takes_the_better_of_sentence_and_clause(mentions: list[EventMention]) -> None:
    """Two mentions are as similar as their sentences or their clauses, whichever are more alike."""
    terms = MentionTerms(INDEX, mentions)
    for a in mentions:
        for b in mentions:
            (a_sentence, a_clause), (b_sentence, b_clause) = terms.texts(a), terms.texts(b)
            expected = max(terms.text_similarity(a_sentence, b_sentence), terms.text_similarity(a_clause, b_clause))
            assert terms.similarity(a, b) == expected
