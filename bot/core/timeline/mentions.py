"""Finds the events an article dates: each dated sentence, worded to read alone, marked as forecast or report.

An entry is always a whole sentence, so it keeps its subject. When a sentence dates several events,
an aside between commas that dates another one ("the exchange, made on the basis of the pact signed
on Nov. 23, took place on Friday") is elided for this one, so each entry names what happened on its
own date. A mention that looks forward from its article's date is a forecast, and never the same
event as a report of what happened. Undated opening sentences ("Japan and South Korea have signed
a pact") report the news of the day: they may credit an entry another article dates, never make one.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.core.ingest.passages import split_sentences
from bot.core.models import Article
from bot.core.timeline.anchors import ArticleClock
from bot.core.timeline.tense import Tense, is_forecast, read_tense
from bot.core.timeline.timexpr import Period, TimeMention, find_time_expressions

ELLIPSIS = "…"
# An aside must be a phrase of its own, not an item of a list ("in 2006, 2009 and 2013").
_MIN_ASIDE_WORDS = 4
# Undated opening sentences report what happened within these days before publication.
LEAD_DAYS = 3
_LEAD_PARAGRAPHS = 2
# Whitespace is matched possessively and only from the start of a run, so a long run never backtracks.
_CLAUSE_BREAK = re.compile(
    r"(?<!\s)\s*+[,;:—–]\s++|(?<!\s)\s++(?=(?:but|while|whereas|although|though|because|after|before|since)\s)"
)
_MIN_CLAUSE_WORDS = 5
_RELATIVE = re.compile(r"\b(?:which|who|whom|whose|where)\b")


@dataclass(frozen=True, slots=True)
class EventMention:
    """One article dating one event.

    ``text`` is what the timeline shows (the sentence, other events' asides elided); ``clause`` is
    the part around the date, compared with other mentions to tell events of one sentence apart.
    """

    period: Period
    text: str
    article_id: str
    source: str
    sentence: str
    clause: str
    forecast: bool = False
    lead: bool = False
    # Where the time expression stands in ``sentence``, and where every one does (nothing for a lead).
    where: tuple[int, int] = (0, 0)
    spans: tuple[tuple[int, int], ...] = ()


def extract_mentions(article: Article) -> list[EventMention]:
    """Every dated sentence of ``article``, once per distinct period it names."""
    mentions = []
    clock = ArticleClock(article.published)
    for paragraph in article.paragraphs:
        for sentence in split_sentences(paragraph):
            found = clock.read(sentence)
            seen: set[Period] = set()
            for mention in found:
                if mention.period in seen:
                    continue
                seen.add(mention.period)
                others = [m for m in found if m.period != mention.period]
                mentions.append(
                    EventMention(
                        mention.period,
                        text_for(sentence, mention, others),
                        article.article_id,
                        article.source,
                        sentence,
                        clause_around(sentence, mention.start),
                        _is_forecast(sentence, mention, article.published),
                        where=(mention.start, mention.end),
                        spans=tuple((m.start, m.end) for m in found),
                    )
                )
    return mentions


def lead_mentions(article: Article) -> list[EventMention]:
    """The undated reports opening ``article``, dated for now as the days just before its publication."""
    if article.published is None:
        return []
    window = Period(article.published - timedelta(days=LEAD_DAYS), article.published, "lead")
    leads = []
    for paragraph in article.paragraphs[:_LEAD_PARAGRAPHS]:
        sentence = next(iter(split_sentences(paragraph)), "")
        if sentence and not find_time_expressions(sentence, article.published) and not is_forecast(sentence):
            leads.append(
                EventMention(window, sentence, article.article_id, article.source, sentence, sentence, lead=True)
            )
    return leads


def text_for(sentence: str, mention: TimeMention, others: list[TimeMention]) -> str:
    """``sentence`` with each aside between commas that dates only other events elided."""
    if not others:
        return sentence
    commas = [n for n, char in enumerate(sentence) if char == ","] + [len(sentence)]
    cuts: list[tuple[int, int]] = []
    for left, right in itertools.pairwise(commas):
        aside = sentence[left + 1 : right].strip(" .")
        # An aside runs from comma to comma; at the end of the sentence only a relative clause is one.
        enclosed = right < len(sentence) or bool(_RELATIVE.search(" ".join(aside.split()[:6])))
        if (
            enclosed
            and aside[:1].islower()
            and len(aside.split()) >= _MIN_ASIDE_WORDS
            and not left < mention.start < right
            and any(left < other.start < right for other in others)
        ):
            cuts.append((left, right))
    if not cuts:
        return sentence
    text, last = "", 0
    for left, right in cuts:
        text += sentence[last:left] + " " + ELLIPSIS
        last = right + 1 if right < len(sentence) else right
    if last >= len(sentence):
        return text.strip()
    return f"{text} {sentence[last:].lstrip()}".strip()


def clause_around(sentence: str, at: int) -> str:
    """The clause of ``sentence`` holding character ``at``; fragments too short to stand alone join a neighbour."""
    pieces: list[list[int]] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        pieces.append([start, match.start()])
        start = match.end() if match.group(0).strip() in ",;:—–" else match.start() + 1
    pieces.append([start, len(sentence)])
    merged: list[list[int]] = []
    for piece in pieces:
        if merged and min(_words(sentence, piece), _words(sentence, merged[-1])) < _MIN_CLAUSE_WORDS:
            merged[-1][1] = piece[1]
        else:
            merged.append(piece)
    for first, last in merged:
        if first <= at < last:
            return sentence[first:last].strip(" ,;:")
    return sentence


def _words(sentence: str, piece: list[int]) -> int:
    return len(sentence[piece[0] : piece[1]].split())


def _is_forecast(sentence: str, mention: TimeMention, published: date | None) -> bool:
    """A date after publication, or one running past it that the sentence looks forward to."""
    if published is None or mention.period.end < published:
        return False
    return mention.period.start > published or read_tense(sentence, mention.start, mention.end) is Tense.FUTURE
