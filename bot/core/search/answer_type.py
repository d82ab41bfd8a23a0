"""Prefers passages holding the kind of thing a question asks for: a date, a place, a person, a number.

BM25 sees only shared words, so "When was the pact signed?" ranks every passage about signing
alike; among those, the ones that actually date an event are what a reader wants first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.core.corpus import Corpus
from bot.core.search.index import Hit

# How much a passage of the wanted kind gains over its BM25 score.
BOOST = 1.3

_KIND = re.compile(r"^\W*(when|where|who|whom|whose|how\s+many|how\s+much)\b", re.IGNORECASE)
_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?[A-Z][a-z]+")
# Two or more capitalised words in a row, not at the start of a sentence: a name.
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)+")
_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)\b", re.I
)


def asked_kind(question: str) -> str | None:
    """ "when", "where", "who" or "number", from the question's first words; None for other questions."""
    match = _KIND.match(question)
    if match is None:
        return None
    word = match.group(1).lower()
    if word.startswith("how"):
        return "number"
    return "who" if word in {"whom", "whose"} else word


def prefer_kind(question: str, hits: Sequence[Hit], corpus: Corpus) -> list[Hit]:
    """``hits`` re-ranked with passages of the asked kind boosted; coverage (abstention) is unchanged."""
    kind = asked_kind(question)
    if kind is None:
        return list(hits)
    boosted = [replace(h, score=h.score * BOOST) if _holds(kind, h.position, corpus) else h for h in hits]
    return sorted(boosted, key=lambda h: h.score, reverse=True)


def _holds(kind: str, position: int, corpus: Corpus) -> bool:
    text = corpus.passages[position].text
    if kind == "when":
        return bool(corpus.passage_periods[position])
    if kind == "where":
        return bool(_PLACE.search(text))
    if kind == "who":
        return bool(_NAME.search(text))
    return bool(_NUMBER.search(text))
