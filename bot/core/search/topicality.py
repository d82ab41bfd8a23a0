"""Whether a question word is the corpus's own subject: far more frequent in its articles than in English.

An off-topic question ("What is the weather in Seoul tomorrow?", "Which football team won the league?")
shares a word or two with the articles by chance; one asked in other words than theirs still names the
story's own people, places and things. How many of the question's words the corpus uses far more than
English does tells the two apart better than the share of the question the passages match, and means the
same in five articles as in an archive (both frequencies are shares).
"""

from __future__ import annotations

import math

from bot.core.search.informativeness import english_zipf
from bot.core.search.lexicon import Lexicon

# A word is topical when the corpus uses it at least ten times as often as English does (log10 ratio).
KEYNESS = 1.0
# wordfreq's Zipf scale is log10 of occurrences per billion words.
_ZIPF_PER_WORD = 9.0


def is_topical(word: str, term: str, lexicon: Lexicon) -> bool:
    """Whether ``word`` (its index ``term``) is at least ``KEYNESS`` more frequent in the corpus than in English;
    a word English never uses (a name) counts as once in a billion."""
    count = lexicon.term_counts.get(term, 0)
    if not count:
        return False
    english = max(english_zipf(word), 0.0) - _ZIPF_PER_WORD
    return math.log10(count / lexicon.total) - english >= KEYNESS
