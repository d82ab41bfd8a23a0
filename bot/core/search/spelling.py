"""Matches a misspelt question word to the closest word the corpus uses ("Kishda" -> "Kishida")."""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.search.informativeness import english_zipf
from bot.core.search.lexicon import Lexicon

# A word English uses this often is a real word the corpus lacks (bridged by meaning, not spelling).
_KNOWN_WORD_ZIPF = 2.5
_MIN_LENGTH = 4
# Edits allowed (a letter added, dropped, changed, or two swapped): one in short words, two from eight letters.
_LONG_WORD = 8


def near_corpus_word(word: str, lexicon: Lexicon) -> bool:
    """Whether a corpus word is within spelling distance of ``word``, English word or not ("Sugar" -> "Suga")."""
    return len(word) >= _MIN_LENGTH and bool(_near_words(word, lexicon))


def _near_words(word: str, lexicon: Lexicon) -> list[tuple[str, int]]:
    """Corpus words within the allowed edits of ``word``, with their distances (only words of a near length are
    compared, so the cost does not grow with the corpus)."""
    edits = 2 if len(word) >= _LONG_WORD else 1
    lengths = range(len(word) - edits, len(word) + edits + 1)
    near = [w for length in lengths for w in lexicon.words_by_length.get(length, ())]
    matches = process.extract(word, near, scorer=OSA.distance, score_cutoff=edits, limit=None)
    return [(str(m[0]), int(m[1])) for m in matches]


def correct_spelling(word: str, lexicon: Lexicon) -> str | None:
    """The corpus word ``word`` was most likely meant to be, or None when it is known or nothing is close.

    Among equally close words the one the corpus uses most wins.
    """
    if len(word) < _MIN_LENGTH or not word.isalpha() or word in lexicon.words:
        return None
    if english_zipf(word) >= _KNOWN_WORD_ZIPF:
        return None
    matches = _near_words(word, lexicon)
    if not matches:
        return None
    best = min(matches, key=lambda m: (m[1], -lexicon.term_counts[lexicon.words[m[0]]], m[0]))
    return str(best[0])
