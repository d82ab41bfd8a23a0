"""What the quoted passages hold beyond shared words: the asked kind, the question's names, one sentence, phrases.

Shared words cannot tell "answerable in other words" from "on the story but not answered here". Four readings
of the passages the bot would quote help: whether one of them holds an answer of the kind asked for (an age, a
count, a place; for "What did Shinzo Abe say?", words attributed to him: ``statements.py``; for "Who was the
ministry spokesman?", a person named beside the role: ``roles.py``); whether a name, number or ordinal the
question is about is absent from the whole corpus ("Russia", "sixth": far stronger evidence of "not here" than
an absent common verb, which WordNet may bridge; it refuses by itself, ``Verdict.contradicted``); how much of
the question a single sentence holds, rather than words spread over passages; and how many of the question's
word pairs ("defense minister", "nuclear test") stand together in a passage, as a question about that
passage's own statement tends to have them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.corpus import Corpus
from bot.core.search.answer_type import lacks_asked_kind
from bot.core.search.index import Hit
from bot.core.search.lexicon import Lexicon
from bot.core.search.matching import held_weight
from bot.core.search.query import Query
from bot.core.search.roles import lacks_role_holder
from bot.core.search.spelling import near_corpus_word
from bot.core.search.statements import lacks_statement
from bot.core.search.tokenize import WRITTEN_WORD, fold, shouted, tokenize

# The passages read: the ones quoted first.
TOP = 3
_ORDINALS_TEXT = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth hundredth"
_ORDINALS = frozenset(_ORDINALS_TEXT.split(" "))
# Two question words stand together in a passage when at most this many terms apart ("minister of defense").
NEAR = 2
_POSSESSIVE = re.compile(r"'s?$")
# A number written as an ordinal ("23rd"): digits, then the suffix (anchored by fullmatch; no backtracking).
_ORDINAL_DIGITS = re.compile(r"(\d+)(?:st|nd|rd|th)")


@dataclass(frozen=True, slots=True)
class Evidence:
    """The four readings, each in [0, 1]."""

    kind_missing: float
    absent_name: float
    sentence_share: float
    phrases: float


def read_evidence(corpus: Corpus, question: str, query: Query, ranked: Sequence[Hit]) -> Evidence:
    """The evidence in the first ``TOP`` of ``ranked`` for ``question`` (greeting stripped) and its ``query``."""
    missing = (
        lacks_asked_kind(question, ranked, corpus, query)
        or lacks_statement(question, ranked, corpus, query)
        or lacks_role_holder(question, ranked, corpus, query)
    )
    absent = bool(absent_names(corpus, question, query))
    return Evidence(
        float(missing),
        float(absent),
        sentence_share(corpus, query, ranked),
        phrase_share(corpus, question, query, ranked),
    )


def specific_words(question: str, query: Query) -> dict[str, list[str]]:
    """The question's words written as names (capitalised after the first word, unless all is in capitals),
    numbers or ordinals, each with its query terms."""
    found: dict[str, list[str]] = {}
    names = not shouted(question)
    for number, match in enumerate(WRITTEN_WORD.finditer(fold(question))):
        word = match.group()
        lower = _POSSESSIVE.sub("", word.lower())
        named = names and number > 0 and word[0].isupper()
        counted = any(c.isdigit() for c in word) or lower in _ORDINALS
        terms = [t for t in tokenize(word) if t in query.weights] if named or counted else []
        if terms:
            found[lower] = terms
    return found


def absent_names(corpus: Corpus, question: str, query: Query) -> list[str]:
    """The question's names, numbers and ordinals the corpus lacks: not bridged, not a publisher's name, and no
    misspelling of a corpus word ("Who is Yoshihide Sugar?")."""
    index, lexicon = corpus.index, corpus.lexicon
    absent = [
        word
        for word, terms in specific_words(question, query).items()
        if any(not _in_corpus(t, lexicon) and t not in index.aliases and not query.bridges.get(t) for t in terms)
        and not near_corpus_word(word, lexicon)
    ]
    if not absent:
        return []
    # "What did the Reuters report say?": the publisher is no word of the passages, but the corpus has it.
    return [w for w in absent if not set(tokenize(w)) <= corpus.publisher_terms]


def _in_corpus(term: str, lexicon: Lexicon) -> bool:
    """Whether the corpus has ``term``, an ordinal in digits as its number ("the 23rd" is the articles' "Nov. 23")."""
    ordinal = _ORDINAL_DIGITS.fullmatch(term)
    return lexicon.has_term(ordinal.group(1) if ordinal else term)


def sentence_share(corpus: Corpus, query: Query, ranked: Sequence[Hit]) -> float:
    """The largest share of the question's weight one sentence of the first ``TOP`` passages holds."""
    total = sum(query.weights.values())
    best = 0.0
    for hit in ranked[:TOP] if total else ():
        for words in corpus.sentence_terms(hit.position):
            held = sum(held_weight(words, query, term) or 0.0 for term in query.weights)
            best = max(best, held / total)
    return best


def phrase_share(corpus: Corpus, question: str, query: Query, ranked: Sequence[Hit]) -> float:
    """The largest share of the question's neighbouring term pairs that stand within ``NEAR`` terms of each other
    in one of the first ``TOP`` passages (a bridged word stands for the word it replaces)."""
    ordered = [t for t in tokenize(question) if t in query.weights]
    pairs = {(a, b) for a, b in itertools.pairwise(ordered) if a != b}
    # Only the pairs' terms and the words bridged to them are ever looked for.
    looked_for = {t for pair in pairs for term in pair for t in (term, *query.bridges.get(term, ()))}
    best = 0.0
    for hit in ranked[:TOP] if pairs else ():
        places: dict[str, list[int]] = {}
        for at, term in enumerate(corpus.index.terms[hit.position]):
            if term in looked_for:
                places.setdefault(term, []).append(at)

        def where(term: str, places: dict[str, list[int]] = places) -> list[int]:
            return [at for t in (term, *query.bridges.get(term, ())) for at in places.get(t, ())]

        near = sum(1 for a, b in pairs if any(abs(i - j) <= NEAR for i in where(a) for j in where(b)))
        best = max(best, near / len(pairs))
    return best
