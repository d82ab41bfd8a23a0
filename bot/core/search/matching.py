"""Which of a question's weighted terms a passage matches: itself, an acronym's long form, or a bridged word."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from collections.abc import Set as AbstractSet

from bot.core.search.index import SearchIndex
from bot.core.search.query import BRIDGE_WEIGHT, Query


def held_weight(words: Collection[str], query: Query, term: str) -> float | None:
    """The weight of ``term`` that ``words`` hold: all of it for the term itself, ``BRIDGE_WEIGHT`` of it for a
    word bridged to it; None when they hold neither."""
    if term in words:
        return query.weights[term]
    if any(t in words for t in query.bridges.get(term, ())):
        return query.weights[term] * BRIDGE_WEIGHT
    return None


def weighted_share(index: SearchIndex, query: Query, position: int) -> float:
    """Share of the question's weight the passage matches."""
    return weighted_shares(index, query, [position])[0]


def weighted_shares(index: SearchIndex, query: Query, positions: Sequence[int]) -> list[float]:
    """Share of the question's weight each passage of ``positions`` matches, read off their term ids at once."""
    if not sum(query.weights.values()):
        return [0.0] * len(positions)
    matching = Matching(index, query)
    return matching.shares(index.terms.holding(positions, matching.relevant))


class Matching:
    """What passages match of one question, with the aliases that concern it worked out once."""

    def __init__(self, index: SearchIndex, query: Query) -> None:
        self._query = query
        self._long_forms = {t: set(index.aliases[t]) for t in query.terms if index.aliases.get(t)}
        asked = set(query.terms)
        concerned = index.aliases_for(query.terms)
        self._short_forms = [(s, long) for s, long in concerned.items() if set(long) <= asked]
        # The only terms whose presence in a passage can change what it matches.
        self.relevant = asked.union(*self._long_forms.values(), *(query.bridges.get(t, ()) for t in query.terms))
        self.relevant.update(concerned)

    def shares(self, held: Sequence[frozenset[str]]) -> list[float]:
        """Share of the question's weight matched by each passage holding ``held`` (of ``relevant``)."""
        total = sum(self._query.weights.values())
        if not total:
            return [0.0] * len(held)
        # Candidates holding the same few relevant terms match alike: each distinct holding is weighed once.
        shares: dict[frozenset[str], float] = {}
        for terms in held:
            if terms not in shares:
                shares[terms] = sum(self.weights(terms).values()) / total
        return [shares[terms] for terms in held]

    def weights(self, terms: AbstractSet[str]) -> dict[str, float]:
        """Each question term matched by a passage holding ``terms`` (all its terms, or those of ``relevant``)."""
        query = self._query
        found: dict[str, float] = {}
        for term in query.terms:
            long_form = self._long_forms.get(term)
            held = query.weights[term] if long_form and long_form <= terms else held_weight(terms, query, term)
            if held is not None:
                found[term] = held
        for short, long_terms in self._short_forms:
            if short in terms:
                found.update({t: query.weights[t] for t in long_terms})
        return found
