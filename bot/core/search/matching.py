"""Which of a question's weighted terms a passage matches: itself, an acronym's long form, or a bridged word."""

from __future__ import annotations

from bot.core.search.index import SearchIndex
from bot.core.search.query import BRIDGE_WEIGHT, Query


def matched_weights(index: SearchIndex, query: Query, position: int) -> dict[str, float]:
    """Each question term the passage matches (itself, its acronym or long form, or a bridged word), with its weight."""
    terms = index.term_sets[position]
    found: dict[str, float] = {}
    for term in query.terms:
        weight = query.weights[term]
        long_form = index.aliases.get(term)
        if term in terms or (long_form and set(long_form) <= terms):
            found[term] = weight
        elif any(t in terms for t in query.bridges.get(term, ())):
            found[term] = weight * BRIDGE_WEIGHT
    for short, long_form in index.aliases_for(query.terms).items():
        if short in terms and set(long_form) <= set(query.terms):
            found.update({t: query.weights[t] for t in long_form})
    return found


def weighted_share(index: SearchIndex, query: Query, position: int) -> float:
    """Share of the question's weight the passage matches."""
    total = sum(query.weights.values())
    return sum(matched_weights(index, query, position).values()) / total if total else 0.0
