"""Splits an article into passages that read well when quoted alone: one to three sentences each."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import sentencex

from bot.core.models import Article, Passage, Removed

MIN_PASSAGE_CHARS = 80
MAX_PASSAGE_CHARS = 600
MAX_SENTENCES = 3


# A credit line's text after its "© Holder." is a caption when it has at least this many words.
CAPTION_MIN_WORDS = 6

# sentencex slows down quadratically on some long runs of tiny "sentences" ("• . • . ..."), so it is given
# pieces of at most this many characters, cut after a full stop where there is one (issue #9).
_SEGMENT_CHARS = 2_000


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped; abbreviations such as "Nov." and "U.S." do not end one."""
    return [s.strip() for piece in _pieces(text) for s in sentencex.segment("en", piece) if s.strip()]


def _pieces(text: str) -> list[str]:
    """``text`` cut into pieces of at most ``_SEGMENT_CHARS``, at a full stop and space, else at a space."""
    pieces = []
    while len(text) > _SEGMENT_CHARS:
        window = text[:_SEGMENT_CHARS]
        cut = window.rfind(". ", _SEGMENT_CHARS // 2) + 1 or window.rfind(" ", _SEGMENT_CHARS // 2)
        cut = cut if cut > 0 else _SEGMENT_CHARS
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


def split_passages(article: Article) -> list[Passage]:
    """Base passages, then each pair of neighbours that still fits the limits together.

    Base passages follow paragraphs: long ones split at sentences, short fragments joined to a neighbour.
    The pairs let a question whose answer runs across two short paragraphs find both at once.
    """
    base = _base_passages(article)
    pairs = []
    for left, right in itertools.pairwise(base):
        sentences = [left.text[a:b] for a, b in left.sentences] + [right.text[a:b] for a, b in right.sentences]
        if len(sentences) <= MAX_SENTENCES and len(left.text) + len(right.text) < MAX_PASSAGE_CHARS:
            pairs.append(_passage(article, left.first, right.last, sentences))
    return base + pairs + _caption_passages(article, len(base), {_repeat_key(p.text) for p in base})


def captions(removed: Sequence[Removed]) -> list[str]:
    """The photo captions among the lines cleaning removed, each with the credit line that follows it
    ("Image: Getty Images/AFP"); a copyright line's text after "© Reuters." when it reads as a caption."""
    found: list[str] = []
    previous = ""
    for line in removed:
        if line.reason == "photo caption":
            found.append(line.text)
        elif line.reason == "copyright or photo credit":
            _, _, rest = line.text.partition(". ")
            if len(rest.split()) >= CAPTION_MIN_WORDS:
                found.append(rest)
        elif line.reason == "image credit" and previous == "photo caption":
            found[-1] = f"{found[-1]} ({line.text})"
        previous = line.reason
    return found


def _caption_passages(article: Article, first: int, seen: set[str]) -> list[Passage]:
    """A passage for each caption the body does not repeat, numbered after the body's base passages and never
    paired with them: a caption stands beside the text, not within it."""
    passages: list[Passage] = []
    for caption in captions(article.removed):
        key = _repeat_key(caption)
        if key in seen:
            continue
        seen.add(key)
        sentences = split_sentences(caption)[:MAX_SENTENCES]
        if sentences:
            number = first + len(passages)
            passages.append(_passage(article, number, number, sentences))
    return passages


def _base_passages(article: Article) -> list[Passage]:
    units: list[list[str]] = []
    for paragraph in article.paragraphs:
        units.extend(_split_long(split_sentences(paragraph)))
    units = _merge_short(units)
    passages: list[Passage] = []
    seen: set[str] = set()
    for sentences in units:
        key = _repeat_key(" ".join(sentences))
        if key in seen:
            continue
        seen.add(key)
        passages.append(_passage(article, len(passages), len(passages), sentences))
    return passages


def _repeat_key(text: str) -> str:
    """What two texts share when one repeats the other: case and runs of white space do not count."""
    return " ".join(text.casefold().split())


def passage_id(article_id: str, first: int, last: int) -> str:
    """A passage's id: its article's, then its base passage's number or the pair's two numbers."""
    return f"{article_id}#{first}" if first == last else f"{article_id}#{first}-{last}"


def _passage(article: Article, first: int, last: int, sentences: list[str]) -> Passage:
    return Passage(
        passage_id=passage_id(article.article_id, first, last),
        article_id=article.article_id,
        first=first,
        last=last,
        text=" ".join(sentences),
        sentences=_spans(sentences),
    )


def _split_long(sentences: list[str]) -> list[list[str]]:
    """Cut a paragraph into the fewest near-equal runs of sentences within the size limits."""
    chars = sum(len(s) + 1 for s in sentences)
    parts = max(math.ceil(len(sentences) / MAX_SENTENCES), math.ceil(chars / MAX_PASSAGE_CHARS), 1)
    parts = min(parts, len(sentences))
    if parts <= 1:
        return [sentences] if sentences else []
    size = len(sentences) / parts
    return [sentences[round(i * size) : round((i + 1) * size)] for i in range(parts)]


def _merge_short(units: list[list[str]]) -> list[list[str]]:
    """A fragment shorter than ``MIN_PASSAGE_CHARS`` joins the following passage (the previous one at the end)."""
    merged: list[list[str]] = []
    carry: list[str] = []
    for unit in units:
        unit = carry + unit
        carry = []
        if len(" ".join(unit)) < MIN_PASSAGE_CHARS:
            carry = unit
            continue
        merged.append(unit)
    if carry:
        if merged:
            merged[-1] = merged[-1] + carry
        else:
            merged.append(carry)
    return merged


def _spans(sentences: list[str]) -> tuple[tuple[int, int], ...]:
    spans = []
    start = 0
    for sentence in sentences:
        spans.append((start, start + len(sentence)))
        start += len(sentence) + 1
    return tuple(spans)
