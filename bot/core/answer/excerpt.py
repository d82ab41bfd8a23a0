"""Shortens a quote for a front end with little room, keeping the bold sentence and what the question named.

Sentences are kept in the quote's answer order (the bold one, then those holding most of the
question's words, such as the names asked about) while they fit, and shown in text order with an
ellipsis where sentences were left out. Only when the bold sentence alone does not fit is it cut,
around the words the question asked about.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.core.models import Quote
from bot.core.search.tokenize import tokenize

GAP = "…"


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The text before the bold sentence, the bold sentence, and the text after it, gaps marked."""

    before: str
    bold: str
    after: str


def excerpt(quote: Quote, fits: Callable[[Excerpt], bool]) -> Excerpt:
    """The fullest excerpt of ``quote`` that ``fits`` accepts (``fits`` measures it as the front end renders it)."""
    text, best = quote.passage.text, quote.best_sentence
    spans = list(quote.ranked_sentences) or [best]
    kept = {best}
    chosen = _assemble(text, best, kept, spans)
    if not fits(chosen):
        return _cut_bold(text[best[0] : best[1]], dict(quote.asked_terms), fits)
    for span in spans:
        if span in kept:
            continue
        trial = _assemble(text, best, kept | {span}, spans)
        if fits(trial):
            kept.add(span)
            chosen = trial
    return chosen


def _assemble(text: str, best: tuple[int, int], kept: set[tuple[int, int]], spans: list[tuple[int, int]]) -> Excerpt:
    """Kept sentences in text order; a run of left-out sentences becomes one ellipsis."""
    ordered = sorted(spans)
    before: list[str] = []
    after: list[str] = []
    for span in ordered:
        if span == best:
            continue
        side = before if span < best else after
        if span in kept:
            side.append(text[span[0] : span[1]])
        elif not side or side[-1] != GAP:
            side.append(GAP)
    return Excerpt(
        " ".join(before) + (" " if before else ""), text[best[0] : best[1]], (" " if after else "") + " ".join(after)
    )


def _cut_bold(sentence: str, asked: Mapping[str, float], fits: Callable[[Excerpt], bool]) -> Excerpt:
    """The longest run of the bold sentence's words that fits, placed to hold the most question weight."""
    words = sentence.split()
    hits = [max((asked.get(t, 0.0) for t in tokenize(word)), default=0.0) for word in words]

    def window(length: int) -> Excerpt:
        sums = [sum(hits[start : start + length]) for start in range(len(words) - length + 1)]
        start = max(range(len(sums)), key=lambda n: (sums[n], -n))
        lead = GAP + " " if start else ""
        tail = " " + GAP if start + length < len(words) else ""
        return Excerpt("", lead + " ".join(words[start : start + length]) + tail, "")

    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(window(middle)):
            low = middle
        else:
            high = middle - 1
    return window(low) if low else Excerpt("", GAP, "")
