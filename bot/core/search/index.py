"""Passage search: an engine ranks the candidates, then the share of the question each one matches (coverage).

Coverage, aliases and period filters are computed on the engine's top candidates only, never on
every passage, so a question costs the same at five articles or ten thousand.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.core.search.acronyms import expand_query
from bot.core.search.engines import FAST, K1, REFERENCE, B, Engine, build_engine
from bot.core.search.engines.exact import ExactRescore
from bot.core.search.engines.reference import LuceneBM25
from bot.core.search.terms import PassageTerms, TermSets
from bot.core.search.tokenize import tokenize

__all__ = ["CANDIDATES", "Hit", "LuceneBM25", "SearchIndex"]

# How many of the engine's best passages a question looks at. Answers quote from the first 30
# (compose.MAX_CANDIDATES); the rest leave room for re-ranking (answer kind, periods, refusal signals).
CANDIDATES = 100
# A period filter narrower than this is scored passage by passage; a wider one filters the engine's top.
_SCORED_WITHIN = 20_000
_WIDE_CANDIDATES = 20_000
# Sets of question terms whose aliases are kept: a few questions' worth.
_ALIAS_SETS = 64


@dataclass(frozen=True, slots=True)
class Hit:
    """A text's place in the index, its BM25 score and the share of the question's weight it matches."""

    position: int
    score: float
    coverage: float


class SearchIndex:
    """An immutable BM25 index over texts (passages, timeline events); safe to query from many threads."""

    def __init__(self, texts: Sequence[str], aliases: Mapping[str, tuple[str, ...]], engine: str = REFERENCE) -> None:
        terms = PassageTerms.from_lists(tokenize(text) for text in texts)
        self._setup(terms, aliases, build_engine(engine, terms))

    @classmethod
    def over(cls, terms: PassageTerms, aliases: Mapping[str, tuple[str, ...]], engine: Engine) -> SearchIndex:
        """An index over already tokenized passages and an engine built on them."""
        index = cls.__new__(cls)
        index._setup(terms, aliases, engine)
        return index

    @classmethod
    def build(
        cls, terms: PassageTerms, aliases: Mapping[str, tuple[str, ...]], engine: str, folder: Path | None = None
    ) -> SearchIndex:
        """Build engine ``engine`` over ``terms`` (tantivy in ``folder`` when given)."""
        return cls.over(terms, aliases, build_engine(engine, terms, folder))

    def _setup(self, terms: PassageTerms, aliases: Mapping[str, tuple[str, ...]], engine: Engine) -> None:
        self.size = len(terms)
        # A short form (acronym, demonym) and the terms it stands for; either finds the other.
        self.aliases = aliases
        # Each term (a short form, or a word of a long form) and the aliases it belongs to, in the table's
        # order, so a question looks at the aliases that concern it and never at the whole table.
        self._alias_order = {short: n for n, short in enumerate(aliases)}
        self._aliases_by_term: dict[str, list[str]] = {}
        for short, long_terms in aliases.items():
            for term in dict.fromkeys((short, *long_terms)):
                self._aliases_by_term.setdefault(term, []).append(short)
        # An alias with no long form concerns every question (its empty long form is in any).
        self._unconditional = [short for short, long_terms in aliases.items() if not long_terms]
        # Every term that is some alias's short or long form.
        self.alias_terms = frozenset(self._aliases_by_term)
        self._aliases_of = functools.lru_cache(maxsize=_ALIAS_SETS)(self._concerned_aliases)
        self.terms = terms
        self.term_sets = TermSets(terms)
        self.engine = engine
        if engine.name == FAST:
            from bot.core.search.engines.fast import TantivyEngine

            # Tantivy's scores round passage lengths; its candidates are re-scored as the reference scores them.
            if isinstance(engine, TantivyEngine):
                self.engine = ExactRescore(engine, terms)
        self._document_frequency = terms.document_frequency()
        self._mean_length = float(terms.lengths.mean()) if self.size else 0.0
        self._idf: dict[str, float] = {}
        self._idf_by_id: npt.NDArray[np.float64] | None = None

    def aliases_for(self, terms: Collection[str]) -> dict[str, tuple[str, ...]]:
        """The aliases whose short form or a word of whose long form is among ``terms``, in the table's order:
        the only ones that can expand or match them."""
        # A question asks this of the same few sets of terms about ten times on its way.
        return dict(self._aliases_of(frozenset(terms)))

    def _concerned_aliases(self, terms: frozenset[str]) -> dict[str, tuple[str, ...]]:
        shorts = {short for t in terms for short in self._aliases_by_term.get(t, ())}
        shorts.update(self._unconditional)
        return {short: self.aliases[short] for short in sorted(shorts, key=self._alias_order.__getitem__)}

    def idf(self, term: str) -> float:
        """Lucene's BM25 idf: always positive, highest for terms the corpus lacks (used for weights, not ranking)."""
        weight = self._idf.get(term)
        if weight is None:
            term_id = self.terms.term_ids.get(term)
            df = int(self._document_frequency[term_id]) if term_id is not None else 0
            weight = self._idf[term] = math.log(1 + (self.size - df + 0.5) / (df + 0.5))
        return weight

    def suppliers(self, term: str) -> frozenset[str] | None:
        """The terms a text must hold one of for an alias to add ``term`` to its expanded terms (``expand_query``):
        a short form whose long form has ``term``, or a word of ``term``'s own long form; None if any text gets it."""
        if term in self.aliases and not self.aliases[term]:
            return None
        found = {short for short in self._aliases_by_term.get(term, ()) if term in self.aliases[short]}
        return frozenset(found.union(self.aliases.get(term, ())))

    def idf_by_id(self) -> npt.NDArray[np.float64]:
        """``idf`` of every term of the index, by term id (computed once)."""
        if self._idf_by_id is None:
            df = self._document_frequency.astype(float)
            self._idf_by_id = np.log(1 + (self.size - df + 0.5) / (df + 0.5))
        return self._idf_by_id

    def search(
        self, question_terms: Sequence[str], limit: int = CANDIDATES, within: Collection[int] | None = None
    ) -> list[Hit]:
        """The best ``limit`` texts sharing a term with the question, best first; only positions ``within`` if set."""
        return [
            Hit(position, score, share)
            for position, score, share, _ in self.search_holding(question_terms, (), limit, within)
        ]

    def search_holding(
        self,
        question_terms: Sequence[str],
        terms: Collection[str],
        limit: int = CANDIDATES,
        within: Collection[int] | None = None,
    ) -> list[tuple[int, float, float, frozenset[str]]]:
        """``search``'s hits as (position, score, coverage), each with which of ``terms`` it holds: read in the same
        pass over the candidates' terms as their coverage."""
        if not question_terms or self.size == 0:
            return []
        expanded = expand_query(list(question_terms), self.aliases_for(question_terms))
        coverage = self._coverage_rule(question_terms)
        if within is None and isinstance(self.engine, ExactRescore):
            # What the hits hold is read in the same pass over the candidates' terms as their scores.
            ranked, (held, also) = self.engine.top_holding(expanded, limit, [coverage.relevant, terms])
        else:
            if within is None:
                ranked = self.engine.top(expanded, limit)
            elif len(within) <= _SCORED_WITHIN:
                ranked = self._score_within(expanded, within)[:limit]
            else:
                ranked = [hit for hit in self.engine.top(expanded, _WIDE_CANDIDATES) if hit[0] in within][:limit]
            held, also = self.terms.holding_each([position for position, _ in ranked], [coverage.relevant, terms])
        # Candidates holding the same few relevant terms cover alike: each distinct holding is summed once.
        shares = {holding: coverage.share(holding) for holding in set(held)}
        covered = zip(ranked, held, also, strict=True)
        return [
            (position, score, shares[holding], more)
            for (position, score), holding, more in covered
            if shares[holding] > 0
        ]

    def _score_within(self, terms: Sequence[str], positions: Collection[int]) -> list[tuple[int, float]]:
        """BM25 (the engines' formula) of a few given passages, best first: a period filter's ranking."""
        ids = [self.terms.term_ids[t] for t in terms if t in self.terms.term_ids]
        if not ids or not positions:
            return []
        chosen = np.fromiter(sorted(positions), dtype=np.int64)
        starts, ends = self.terms.offsets[chosen], self.terms.offsets[chosen + 1]
        lengths = (ends - starts).astype(float)
        gathered = [self.terms.ids[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
        norm = K1 * (1 - B + B * lengths / (self._mean_length or 1.0))
        scores = np.zeros(len(chosen))
        for term_id in ids:
            tf = np.fromiter((int(np.count_nonzero(g == term_id)) for g in gathered), dtype=float, count=len(chosen))
            df = int(self._document_frequency[term_id])
            scores += math.log(1 + (self.size - df + 0.5) / (df + 0.5)) * tf * (K1 + 1) / (tf + norm)
        order = np.argsort(-scores, kind="stable")
        return [(int(chosen[i]), float(scores[i])) for i in order if scores[i] > 0]

    def coverage(self, question_terms: Sequence[str], position: int) -> float:
        """Share of the question's idf weight found in the text; an acronym and its long form are one."""
        return self._coverage_rule(question_terms)(position)

    def _coverage_rule(self, question_terms: Sequence[str]) -> _CoverageRule:
        return _CoverageRule(self, question_terms)

    def term_weights(self, question_terms: Sequence[str]) -> dict[str, float]:
        """Each distinct question term (aliases expanded) with its idf weight."""
        terms = list(question_terms)
        return {t: self.idf(t) for t in expand_query(terms, self.aliases_for(terms))}


class _CoverageRule:
    """Coverage of one question, with its weights and the aliases that concern it worked out once."""

    def __init__(self, index: SearchIndex, question_terms: Sequence[str]) -> None:
        self._index = index
        self._wanted = set(question_terms)
        self._weights = {t: index.idf(t) for t in self._wanted}
        self._total = sum(self._weights.values())
        # Only aliases whose short or long form the question holds can add to what a passage matches.
        concerned = index.aliases_for(self._wanted)
        self._short_asked = [(short, frozenset(long)) for short, long in concerned.items() if short in self._wanted]
        self._long_asked = [(short, long) for short, long in concerned.items() if set(long) <= self._wanted and long]
        # The only terms whose presence in a passage can change its coverage.
        self.relevant = self._wanted.union(*((short, *long) for short, long in concerned.items()))

    def __call__(self, position: int) -> float:
        return self.share(self._index.term_sets[position])

    def share(self, terms: frozenset[str]) -> float:
        """Coverage of a passage holding ``terms`` (all its terms, or at least those of ``relevant`` it holds)."""
        if not self._total:
            return 0.0
        found = self._wanted & terms
        for short, long_set in self._short_asked:
            if long_set <= terms:
                found.add(short)
        for short, long_terms in self._long_asked:
            if short in terms:
                found.update(long_terms)
        return sum(self._weights[t] for t in found) / self._total
