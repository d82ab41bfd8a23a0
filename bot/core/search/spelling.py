"""Matches a misspelt question word to the closest word the corpus uses ("Kishda" -> "Kishida"), or to an everyday
English word the corpus lacks ("hisotry" -> "history", "agaainst" -> "against")."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA
from wordfreq import top_n_list

from bot.core.search.informativeness import english_zipf
from bot.core.search.lexicon import Lexicon, by_length

# A word English uses this often is a real word the corpus lacks (bridged by meaning, not spelling).
_KNOWN_WORD_ZIPF = 2.5
_MIN_LENGTH = 4
# Edits allowed (a letter added, dropped, changed, or two swapped): one in short words, two from eight letters.
_LONG_WORD = 8
# English words a misspelling may stand for besides the corpus's own: wordfreq's most frequent, shipped with it.
# A misspelt everyday word the corpus lacks would otherwise be searched as an unknown word, weighing the most.
_ENGLISH_WORDS = 50_000


def near_corpus_word(word: str, lexicon: Lexicon) -> bool:
    """Whether a corpus word is within spelling distance of ``word``, English word or not ("Sugar" -> "Suga")."""
    return len(word) >= _MIN_LENGTH and bool(_near_words(word, lexicon))


def is_english_word(word: str) -> bool:
    """Whether English uses ``word`` often enough that it is no misspelling."""
    return english_zipf(word) >= _KNOWN_WORD_ZIPF


def _near_words(word: str, lexicon: Lexicon) -> list[tuple[str, int]]:
    """Corpus words within the allowed edits of ``word``, with their distances (only words of a near length are
    compared, so the cost does not grow with the corpus)."""
    return near_words(word, lexicon.words_by_length)


def near_words(word: str, by_length: Mapping[int, Sequence[str]]) -> list[tuple[str, int]]:
    """Words of ``by_length`` (words grouped by length) within the allowed edits of ``word``, with their
    distances."""
    edits = 2 if len(word) >= _LONG_WORD else 1
    lengths = range(len(word) - edits, len(word) + edits + 1)
    near = [w for length in lengths for w in by_length.get(length, ())]
    matches = process.extract(word, near, scorer=OSA.distance, score_cutoff=edits, limit=None)
    return [(str(m[0]), int(m[1])) for m in matches]


def correct_spelling(word: str, lexicon: Lexicon) -> str | None:
    """The corpus word ``word`` was most likely meant to be, or None when it is known or nothing is close.

    Among equally close words the one the corpus uses most wins.
    """
    if len(word) < _MIN_LENGTH or not word.isalpha() or word in lexicon.words:
        return None
    if is_english_word(word):
        return None
    matches = _near_words(word, lexicon)
    if matches:
        best = min(matches, key=lambda m: (m[1], -lexicon.term_counts[lexicon.words[m[0]]], m[0]))
    # An English word wins only when it is closer than any corpus word; then the more frequent one.
    english = [m for m in near_words(word, _english_by_length()) if not matches or m[1] < best[1]]
    if english:
        return min(english, key=lambda m: (m[1], -english_zipf(m[0]), m[0]))[0]
    return str(best[0]) if matches else None


@functools.cache
def _english_by_length() -> dict[int, list[str]]:
    """The most frequent English words, of letters only, by length."""
    return by_length(word for word in top_n_list("en", _ENGLISH_WORDS) if word.isalpha())


def load_english_words() -> None:
    """Read the English word list now (a third of a second), not in the first misspelt question."""
    _english_by_length()
