"""Answer or refuse one question: rank its passages by the asked kind, read the signals, ask the fitted model."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.corpus import Corpus
from bot.core.search.answer_type import prefer_kind
from bot.core.search.answerability import Verdict, confidence, search_query, signals
from bot.core.search.evidence import read_evidence
from bot.core.search.index import Hit
from bot.core.search.query import Query


def judge(
    corpus: Corpus,
    question: str,
    query: Query,
    found: Sequence[Hit] | None = None,
    judged: Query | None = None,
    ranked: Sequence[Hit] | None = None,
) -> Verdict:
    """Search (unless ``found`` is given), rank by the asked kind (unless ``ranked`` is given) and say how confident
    the model is that the passages answer ``question`` (greeting stripped). ``judged`` is the query the decision
    reads (a follow-up's own words plus the previous question's), ``query`` by default."""
    judged = judged or query
    found = search_query(corpus.index, query) if found is None else list(found)
    ranked = prefer_kind(question, found, corpus, query.terms) if ranked is None else list(ranked)
    values = signals(corpus.index, judged, found, read_evidence(corpus, question, query, ranked))
    return Verdict(ranked, values, confidence(values))


def judge_question(corpus: Corpus, question: str, query: Query, judged: Query) -> Verdict:
    """The decision on a question of its own (no period, no follow-up): the search for ``judged`` (its reading
    without ranking-only bridges) decides; when ``query``'s bridges differ, its own search, ranked by the asked kind
    (read from ``question``'s first words, greeting stripped), gives the passages quoted."""
    found = search_query(corpus.index, judged)
    hinted = query.bridges != judged.bridges
    ranked = prefer_kind(question, search_query(corpus.index, query), corpus, query.terms) if hinted else None
    return judge(corpus, question, query, found, judged, ranked)
