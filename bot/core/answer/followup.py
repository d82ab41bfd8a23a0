"""Reads a short follow-up ("when did he sign it?", "and Japan?") with the subject of the question before it.

A follow-up leans on the previous question: it points back with a pronoun, continues with "and" or
"what about", or asks with at most one word of its own ("who signed?", "why?"). Small talk ("thanks!",
"hi bot", an emoji) is not a follow-up: it asks nothing, so it must not re-ask the previous question.
A follow-up's words are searched as asked, and the previous question's words are added at a lower
weight, so they pick among the passages the new words find rather than outvote them. A question that
names its own subject starts fresh.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.core.search.index import Hit, SearchIndex
from bot.core.search.informativeness import informativeness, is_filler
from bot.core.search.tokenize import tokenize, tokenize_words

# The previous question's words count this much against the follow-up's own.
CONTEXT_WEIGHT = 0.5
# A question with at most this many words of its own and no name cannot stand alone. Two is too many:
# "Where was the pact signed?" and "What happened in 2012?" name their subject in two words.
SHORT_TERMS = 1

_CONTINUES = re.compile(r"^\W*(?:and|also|but|so|what\s+about|how\s+about|what\s+of|same\s+for)\b", re.I)
_ASKS = re.compile(r"\b(?:who|whom|whose|what|when|where|why|how|which)\b", re.I)
_POINTS_BACK = re.compile(r"\b(?:he|she|it|they|him|her|them|his|hers|its|their|theirs)\b", re.I)
# A word this rare in English (Zipf 2.2, about one in six million words) is a name, an acronym or a
# misspelling of one ("kishida" 0.83, "gsomia" 1.0), never a word like "sign" (0.32) or "envoy" (0.59).
NAME_LIKE = 0.8
# A capitalised word after the first, or an acronym: the question names its own subject.
_NAMES_SOMETHING = re.compile(r"(?<=\s)[A-Z][A-Za-z]+|\b[A-Z]{2,}\b")


def own_words(question: str) -> list[tuple[str, str]]:
    """The (word, term) pairs ``question`` brings itself: greetings, thanks and talk to the bot left out."""
    return [(word, term) for word, term in tokenize_words(question) if not is_filler(word)]


def own_terms(question: str) -> list[str]:
    """The search terms ``question`` brings itself."""
    return [term for _, term in own_words(question)]


def is_small_talk(question: str) -> bool:
    """Greetings, thanks or emoji with no question in them ("thanks!", "hi bot", "👍"); not bare punctuation."""
    if own_terms(question) or _ASKS.search(question) or _CONTINUES.search(question):
        return False
    said = any(is_filler(word) for word, _ in tokenize_words(question))
    return said or any(unicodedata.category(c).startswith("S") for c in question)


def is_follow_up(question: str) -> bool:
    """Whether ``question`` leans on the previous one (pronoun, "and ...", or too short to stand alone)."""
    if is_small_talk(question) or not any(c.isalnum() for c in question):
        return False
    if _CONTINUES.search(question) or _POINTS_BACK.search(question):
        return True
    own = own_words(question)
    if any(informativeness(word) >= NAME_LIKE for word, _ in own):
        return False  # "who is kishida", "Kishda": a name in lower case or misspelt is a subject of its own
    return len(own) <= SHORT_TERMS and not _NAMES_SOMETHING.search(question)


def context_terms(question: str, context: str | None) -> list[str]:
    """The previous question's search terms to add, or none when ``question`` stands on its own."""
    if not context or not is_follow_up(question):
        return []
    own = set(tokenize(question))
    return list(dict.fromkeys(t for t in tokenize(context) if t not in own))


def search_with_context(
    index: SearchIndex, terms: Sequence[str], extra: Sequence[str], within: set[int] | None = None
) -> list[Hit]:
    """Hits for ``terms`` with ``extra`` terms at ``CONTEXT_WEIGHT``: in score and in the share matched."""
    own = {h.position: h for h in index.search(terms, within=within)} if terms else {}
    added = {h.position: h for h in index.search(extra, within=within)}
    own_weight = sum(index.idf(t) for t in set(terms))
    extra_weight = CONTEXT_WEIGHT * sum(index.idf(t) for t in set(extra))
    total = own_weight + extra_weight
    hits = []
    for position in own.keys() | added.keys():
        mine, theirs = own.get(position), added.get(position)
        score = (mine.score if mine else 0.0) + CONTEXT_WEIGHT * (theirs.score if theirs else 0.0)
        matched = (mine.coverage * own_weight if mine else 0.0) + (theirs.coverage * extra_weight if theirs else 0.0)
        hits.append(Hit(position, score, matched / total if total else 0.0))
    # A follow-up's own words must still be found when it has any: "and Japan?" is about Japan.
    if terms:
        hits = [h for h in hits if h.position in own]
    return sorted(hits, key=lambda h: (-h.score, h.position))
