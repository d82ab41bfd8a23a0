"""Picks the sentence of a passage that answers the question, to show in bold.

The sentence holding the most question weight usually does, but a "when" question wants the
sentence that dates the event, a "who" question the one naming someone not asked about, a
"how many" one the one with the number; and a question about a period ("in September") wants
the sentence dated in it, even if another sentence of the passage shares more words.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot.core.search.answer_type import sentence_holds
from bot.core.search.tokenize import tokenize
from bot.core.timeline.timexpr import Period, find_time_expressions

# A sentence of the asked kind counts its question weight 2.5 times. On the labelled sets' quoted answers the bold
# sentence holds the answer 295/318 times at 2 and at 2.5 (296 at 3); at 2 a shift in corpus rarity alone (three
# caption passages) bolded "have signed a ... pact" over the sentence naming both signers for "Who signed the pact?".
KIND_BONUS = 2.5

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Asked:
    """What a question asks for, as the sentence choice needs it."""

    weights: Mapping[str, float]
    kind: str | None = None
    period: Period | None = None
    # The question asks what will or was to happen: a forecast may answer it.
    future: bool = False


def rank_sentences(
    text: str,
    spans: Sequence[Span],
    published: date | None,
    asked: Asked,
    sentence_terms: Sequence[Collection[str]] | None = None,
) -> list[Span]:
    """The passage's sentences, best answer first (the first one on a tie).

    ``sentence_terms`` are each sentence's distinct terms when the index has them (else they are tokenized).
    """
    terms: Collection[str] = asked.weights.keys()

    def key(numbered: tuple[int, Span]) -> tuple[bool, float, int]:
        n, (start, end) = numbered
        sentence = text[start:end]
        words = sentence_terms[n] if sentence_terms is not None else set(tokenize(sentence))
        weight = sum(asked.weights.get(t, 0.0) for t in words)
        if asked.kind and weight and sentence_holds(asked.kind, sentence, published, terms, asked.future):
            weight *= KIND_BONUS
        return _dated_in(sentence, published, asked.period), weight, -n

    return [span for _, span in sorted(enumerate(spans), key=key, reverse=True)]


def best_sentence(text: str, spans: Sequence[Span], published: date | None, asked: Asked) -> Span:
    """The sentence that best answers the question; the whole text when it has no sentences."""
    ranked = rank_sentences(text, spans, published, asked)
    return ranked[0] if ranked else (0, len(text))


def _dated_in(sentence: str, published: date | None, period: Period | None) -> bool:
    if period is None:
        return False
    return any(m.period.within(period) for m in find_time_expressions(sentence, published))
