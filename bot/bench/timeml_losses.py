"""Tells where each of the people's calendar dates missing from an article's timeline was lost.

A date the recogniser never reads, or reads with another value, is a reading error. One it reads
right can still be lost on the way: its paragraph removed as page furniture, its sentence read
without the context the line had (no entry mentions it), or its entry merged into another one that
carries another date. Counting each cause tells which stage to work on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.core.timeline.events import TimelineEvent

NOT_READ = "not read"
READ_OTHER_VALUE = "read with another value"
CLEANED_AWAY = "read right, its paragraph removed as furniture"
NO_ENTRY = "read right, no entry mentions it"
MERGED = "read right, merged into an entry of another date"
CAUSES = (NOT_READ, READ_OTHER_VALUE, CLEANED_AWAY, NO_ENTRY, MERGED)
# The words before an expression that must survive cleaning for its sentence to count as kept.
_CONTEXT_CHARS = 40


class Span(Protocol):
    """A time expression of the article's plain text and its value (the people's or the recogniser's)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def value(self) -> str: ...


def loss_cause(
    value: str,
    text: str,
    people: Sequence[Span],
    read: Sequence[Span],
    paragraphs: Sequence[str],
    timeline: Sequence[TimelineEvent],
) -> str:
    """Why the people's ``value`` (given at ``people``) is not on ``timeline``; ``read`` is what the recogniser found.

    The earliest cause wins: a value read right at none of its places is a reading error, whatever
    happens to the places it was read wrong.
    """
    annotated = [p for p in people if p.value[:10] == value]
    overlapping = [(p, r) for p in annotated for r in read if r.start < p.end and p.start < r.end]
    right = [p for p, r in overlapping if r.value[:10] == value]
    if not right:
        return READ_OTHER_VALUE if overlapping else NOT_READ
    kept = " ".join(" ".join(paragraphs).split())
    if not any(_context(text, p) in kept for p in right):
        return CLEANED_AWAY
    if not any(m.period.label == value for event in timeline for m in event.mentions):
        return NO_ENTRY
    return MERGED


def _context(text: str, span: Span) -> str:
    """The expression with the words before it on its line, whitespace collapsed as cleaning does."""
    line_start = text.rfind("\n", 0, span.start) + 1
    return " ".join(text[max(line_start, span.start - _CONTEXT_CHARS) : span.end].split())
