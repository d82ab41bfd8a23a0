"""Bridges a question word the corpus lacks to related words it has: synonyms, derivations ("envoy" ->
"emissary", "atomic" -> "nuclear", "colonized" -> "colony"), from a WordNet 3.0 extract shipped with the bot.

The extract (``resources/related_words.tsv.gz``, built by ``scripts/build_related_words.py``) keeps each
word's first three senses only: later senses are rare readings that send a search astray.
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources

import simplemma

from bot.core.search.informativeness import informativeness
from bot.core.search.lexicon import Lexicon
from bot.core.search.tokenize import stem

_TABLE = "related_words.tsv.gz"


# A broader word at least this informative in English: "tomorrow" -> "day", "weather" -> "hold" say nothing.
# Of 0.3, 0.35 and 0.4 (labelled sets 1-6), 0.3 and 0.35 kept the most hits, 0.4 one fewer; 0.3 keeps "hold"
# (0.30), which answered "What is the weather in Tokyo today?" from the passages on meetings held.
BROADER_MIN_INFORMATIVENESS = 0.35
# A clipped word ("intel", "info") is at least this long and stands for a corpus word that starts with it.
_MIN_CLIPPED = 4


@functools.cache
def related_words() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The shipped table: word -> (synonyms, derivations and pertainyms; broader words), read once."""
    table: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    data = resources.files("bot.core.search").joinpath("resources", _TABLE).read_bytes()
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            word, related, broader = [*line.split("\t"), "", ""][:3]
            table[word] = (tuple(related.split()), tuple(broader.split()))
    return table


def bridge_word(word: str, lexicon: Lexicon, broader: bool = False, clipped: bool = False) -> tuple[str, ...]:
    """Index terms of corpus words related to ``word`` (a word the corpus lacks); empty when none.

    With ``broader``, the hypernyms of its first sense count too ("swap" -> "exchange"); with ``clipped``,
    corpus words it is the start of ("intel" -> "intelligence").
    """
    table = related_words()
    lemma = simplemma.lemmatize(word, lang="en").lower()
    candidates: list[str] = []
    for key in dict.fromkeys((word, lemma)):
        related, wider = table.get(key, ((), ()))
        candidates += related
        if broader:
            candidates += [w for w in wider if informativeness(w) >= BROADER_MIN_INFORMATIVENESS]
    if clipped and len(word) >= _MIN_CLIPPED:
        candidates += sorted(w for w in lexicon.words if w.startswith(word) and len(w) > len(word) + 2)
    found: list[str] = []
    for candidate in candidates:
        term = stem(candidate)
        if lexicon.has_term(term) and term not in found:
            found.append(term)
    return tuple(found)
