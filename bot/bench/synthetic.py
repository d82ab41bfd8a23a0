"""Generated news-like articles for the scaling benchmark: a Zipf vocabulary, ~60-word passages, some dates.

Words are made-up syllable strings, so no real word's stem or stopword status skews the figures;
their frequencies follow Zipf's law as words in real text do. Every paragraph is one passage
(three sentences of twenty words), so an article of ten paragraphs is ten passages.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from bot.core.search.stopwords import STOPWORDS

PARAGRAPHS_PER_ARTICLE = 10
SENTENCES_PER_PARAGRAPH = 3
WORDS_PER_SENTENCE = 20
VOCABULARY_SIZE = 50_000
ZIPF_EXPONENT = 1.07
# One paragraph in this many carries a dated sentence, so the timeline has work to do.
DATED_EVERY = 8
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
_SOURCES = [f"Wire {n}" for n in range(20)]
_FIRST_DAY = date(2010, 1, 1)
_DAYS = 15 * 365


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Made-up words, most frequent first, and their Zipf sampling weights."""

    words: tuple[str, ...]
    cumulative: np.ndarray

    @classmethod
    def make(cls, seed: int = 7, size: int = VOCABULARY_SIZE) -> Vocabulary:
        rng = random.Random(seed)
        words: dict[str, None] = {}
        while len(words) < size:
            word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))
            if word not in STOPWORDS:
                words[word] = None
        weights = 1 / np.arange(1, size + 1) ** ZIPF_EXPONENT
        return cls(tuple(words), np.cumsum(weights / weights.sum()))

    def sample(self, rng: np.random.Generator, count: int) -> list[str]:
        picks = np.searchsorted(self.cumulative, rng.random(count))
        return [self.words[min(int(i), len(self.words) - 1)] for i in picks]


def _sentence(words: list[str]) -> str:
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def article_text(number: int, vocabulary: Vocabulary, rng: np.random.Generator) -> str:
    """One article file: front matter, then ten paragraphs of three sentences."""
    published = _FIRST_DAY + timedelta(days=int(rng.integers(_DAYS)))
    title = _sentence(vocabulary.sample(rng, 8))[:-1]
    paragraphs = []
    for _ in range(PARAGRAPHS_PER_ARTICLE):
        words = vocabulary.sample(rng, SENTENCES_PER_PARAGRAPH * WORDS_PER_SENTENCE)
        sentences = [_sentence(words[n : n + WORDS_PER_SENTENCE]) for n in range(0, len(words), WORDS_PER_SENTENCE)]
        if rng.integers(DATED_EVERY) == 0:
            day = published - timedelta(days=int(rng.integers(60)))
            sentences[-1] = sentences[-1][:-1] + f" on {day:%B} {day.day}, {day.year}."
        paragraphs.append(" ".join(sentences))
    source = _SOURCES[number % len(_SOURCES)]
    header = f"---\ntitle: {title}\nsource: {source}\npublished: {published.isoformat()}\n---\n"
    return header + "\n\n".join(paragraphs) + "\n"


def write_articles(folder: Path, passages: int, seed: int = 7) -> Iterator[int]:
    """Write enough articles for ``passages`` passages into ``folder``; yields the count written so far."""
    folder.mkdir(parents=True, exist_ok=True)
    vocabulary = Vocabulary.make(seed)
    rng = np.random.default_rng(seed)
    articles = max(1, passages // PARAGRAPHS_PER_ARTICLE)
    for number in range(articles):
        (folder / f"article-{number:07d}.txt").write_text(article_text(number, vocabulary, rng), encoding="utf-8")
        yield number + 1


def questions(vocabulary: Vocabulary, count: int, seed: int = 11, words: int = 5) -> list[str]:
    """``count`` questions of ``words`` vocabulary words each, drawn with the corpus's own frequencies."""
    rng = np.random.default_rng(seed)
    return [f"What about {' '.join(vocabulary.sample(rng, words))}?" for _ in range(count)]
