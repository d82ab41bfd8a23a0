"""Decides whether a sentence of another article states the same fact as a quoted one ("also reported by").

Sharing words is not reporting the same thing: every passage of one story shares "Japan", "South
Korea" and "pact". Two sentences state the same fact only when all of these hold:

- their rarity-weighted word overlap is well above what unrelated sentences of one story share
  (the bar is set from that distribution; ``python -m bot eval --pairs`` measures both);
- where both are dated, their periods meet; where only one is, the other article was published
  during that period or a few days after (an article cannot report what had not happened yet,
  and an undated "have signed" weeks later is about something newer);
- neither is a forecast or plan set against the other's outcome ("will be signed by the end of
  November" is not "was signed on Nov. 23");
- where both quote someone, they quote the same person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from bot.core.search.tokenize import tokenize
from bot.core.timeline.tense import is_forecast
from bot.core.timeline.timexpr import Period, find_time_expressions

# Weighted Jaccard of two sentences' terms from which they may state the same fact: the 99th
# percentile of the 1,553 pairs of sentences from different articles of the bundled story (median
# 0.03, 95th percentile 0.13). On the labelled pairs (eval/corroboration_pairs.jsonl) precision stays
# 1.0 for bars from 0.15 to 0.3 with the other tests; below 0.15 false reports begin.
SAME_FACT_SIMILARITY = 0.22

# "said Foreign Minister Fumio Kishida", "Kishida told reporters", "quoted ... Kishida saying".
_WORD, _NEXT_WORD = r"[A-Z][a-z]+", r"(?:[\s-][A-Z][a-z]+)"
_SPEAKER = re.compile(
    rf"\b(?:said|says|according\s+to|quoted)\s+(?:\S+\s+){{0,4}}?({_WORD}{_NEXT_WORD}+)"
    rf"|({_WORD}{_NEXT_WORD}*)\s+(?:said|says|told|added|stated)\b"
)

# How long after a dated event an article may still report it without giving the date.
UNDATED_REACH = timedelta(days=3)

Weigh = Callable[[str], Mapping[str, float]]


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence as its article printed it: the text and the publication date its relative dates count from."""

    text: str
    published: date | None


def similarity(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Weighted Jaccard of two term sets: the weight they share over the weight of either."""
    union = sum(a.values()) + sum(w for t, w in b.items() if t not in a)
    shared = sum(w for t, w in a.items() if t in b)
    return shared / union if union else 0.0


def same_fact(a: Statement, b: Statement, weigh: Weigh, bar: float = SAME_FACT_SIMILARITY) -> bool:
    """Whether ``a`` and ``b`` state the same fact; ``weigh`` gives a text's terms with their weights."""
    if similarity(weigh(a.text), weigh(b.text)) < bar:
        return False
    if is_forecast(a.text) != is_forecast(b.text):
        return False
    if not _same_time(a, b):
        return False
    speakers_a, speakers_b = _speakers(a.text), _speakers(b.text)
    return not (speakers_a and speakers_b and not speakers_a & speakers_b)


def _periods(statement: Statement) -> set[Period]:
    return {m.period for m in find_time_expressions(statement.text, statement.published)}


def _same_time(a: Statement, b: Statement) -> bool:
    periods_a, periods_b = _periods(a), _periods(b)
    if periods_a and periods_b:
        return any(p.overlaps(q) for p in periods_a for q in periods_b)
    if periods_a:
        return _reported_then(b.published, periods_a)
    if periods_b:
        return _reported_then(a.published, periods_b)
    return True


def _reported_then(published: date | None, periods: set[Period]) -> bool:
    """An undated sentence speaks of its article's days: the article must be from the other's period.

    Not from before it (Yonhap on 9 November cannot report the signing of 23 November), nor long
    after it ("have signed" on 23 November is not the preliminary signing of the 14th).
    """
    if published is None:
        return False
    return any(p.start <= published <= p.end + UNDATED_REACH for p in periods)


def _speakers(text: str) -> set[str]:
    """The last words of the names a sentence quotes (surnames), so "Kishida" and "Fumio Kishida" agree."""
    names = (m.group(1) or m.group(2) for m in _SPEAKER.finditer(text))
    return {tokenize(name)[-1] for name in names if tokenize(name)}
