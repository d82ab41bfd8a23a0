"""Which of a question's weighted terms a passage matches: itself, an acronym's long form, or a bridged word."""

from __future__ import annotations

from collections.abc import Collection

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


def matched_weights(index: SearchIndex, query: Query, position: int) -> dict[str, float]:
    """Each question term the passage matches (itself, its acronym or long form, or a bridged word), with its weight."""
    terms = index.term_sets[position]
    found: dict[str, float] = {}
    for term in query.terms:
        long_form = index.aliases.get(term)
        held = query.weights[term] if long_form and set(long_form) <= terms else held_weight(terms, query, term)
        if held is not None:
            found[term] = held
    for short, long_form in index.aliases_for(query.terms).items():
        if short in terms and set(long_form) <= set(query.terms):
            found.update({t: query.weights[t] for t in long_form})
    return found


def weighted_share(index: SearchIndex, query: Query, position: int) -> float:
    """Share of the question's weight the passage matches."""
    total = sum(query.weights.values())
    return sum(matched_weights(index, query, position).values()) / total if total else 0.0
