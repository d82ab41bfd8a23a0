"""Shortens a quote for a front end with little room, keeping the bold sentence and what the question named.

Sentences are kept in the quote's answer order (the bold one, then those holding most of the
question's words, such as the names asked about) while they fit, and shown in text order with an
ellipsis where sentences were left out. Only when the bold sentence alone does not fit is it cut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.models import Quote

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
        return _cut_bold(text[best[0] : best[1]], fits)
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


def _cut_bold(sentence: str, fits: Callable[[Excerpt], bool]) -> Excerpt:
    """The bold sentence cut at a word boundary, with an ellipsis, as long as it fits."""
    words = sentence.split()
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(Excerpt("", " ".join(words[:middle]) + " " + GAP, "")):
            low = middle
        else:
            high = middle - 1
    return Excerpt("", " ".join(words[:low]) + " " + GAP if low else GAP, "")
