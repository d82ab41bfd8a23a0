"""The one tokenizer for passages, questions and timeline topics, so that both sides agree on every word.

It folds case, accents and typographic quotes; drops possessives and stopwords; splits hyphenated
names ("Min-koo" and "Min Koo" agree); reads "S. Korea" as "south korea" and "U.S." (or "the us"
typed in lower case) as the acronym "us"; keeps acronyms written in capitals as they are (so "US" is
not the stopword "us"). Other words are lemmatised (simplemma: "took" is "take", "defence" is
"defense"), except comparatives and superlatives, which keep their degree ("higher" is not "high");
then they lose the derivational "-ship"/"-hood" that Snowball keeps ("relationship" meets
"relations") and get the Snowball stem.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

import simplemma
import snowballstemmer

from bot.core.search.stopwords import STOPWORDS

_TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
)
_COMPASS = {"N": "North", "S": "South", "E": "East", "W": "West"}
# "S. Korea", "N. Ireland": a compass initial before a capitalised name.
_COMPASS_INITIAL = re.compile(r"\b([NSEW])\.\s+(?=[A-Z][a-z])")
# A sentence ending in a compass initial: the next sentence may be the name it abbreviates.
_COMPASS_END = re.compile(r"[NSEW]\.$")
# "U.S.", "U.N.", "U.S.A.": letters with full stops become one acronym.
_DOTTED_INITIALISM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?!\w)", re.IGNORECASE)
# "the us" typed in lower case is the country: the pronoun never follows "the".
_THE_US = re.compile(r"\b([Tt]he)\s+us\b")
# Words keep inner apostrophes so that contractions ("don't") can be checked against the stopwords.
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Words as written, hyphens and apostrophes inside a word kept ("Min-koo", "Japan's"): for reading a sentence
# word by word where the tokenizer would split or drop them.
WRITTEN_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_MOSTLY_CAPITALS = 0.6
# Bytes deleted to count an ASCII text's letters and capitals (the same as ``str.isalpha``/``isupper`` on ASCII).
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_ASCII_NON_CAPITALS = bytes(c for c in range(128) if not chr(c).isupper())

_stemmer = snowballstemmer.stemmer("english")


def fold(text: str) -> str:
    """Compatibility-normalise, fold typographic quotes and strip accents (case is kept)."""
    text = text.translate(_TYPOGRAPHY)
    if text.isascii():  # most English text: nothing to normalise, and this is the hot path of indexing
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


_DERIVATION = re.compile(r"(?<=\w{4})(?:ship|hood)s?$")
# simplemma reads a comparative or superlative as its base ("higher" -> "high", "best" -> "good"), which
# joins different claims and parts the verb from its adjective ("lowering" -> "lower", but "lower" -> "low").
# Words of these endings that are no comparatives ("interest", "offer") are their own lemma anyway.
# Measured: SciFact nDCG@10 0.6815 -> 0.6872, SQuAD hit@5 0.9376 -> 0.9377, labelled sets level.
_DEGREE_ENDINGS = ("er", "est")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The index term of a lower-case word: lemma, minus "-ship"/"-hood", Snowball stem (cached)."""
    lemma = word if word.endswith(_DEGREE_ENDINGS) else simplemma.lemmatize(word, lang="en").lower()
    return str(_stemmer.stemWord(_DERIVATION.sub("", lemma)))


def load_word_tables() -> None:
    """Load simplemma's English table now (about half a second), rather than in the first question that brings
    a word not stemmed yet; a bot restarted from its saved corpus has stemmed nothing."""
    simplemma.lemmatize("tables", lang="en")


def tokenize(text: str) -> list[str]:
    """Index terms of ``text`` in order, duplicates kept (BM25 counts them)."""
    return [term for _, term in _read_words(text)]


def tokenize_words(text: str) -> list[tuple[str, str]]:
    """Each kept word of ``text`` (folded, lower-case) with its index term, in order.

    The word is what general-English statistics and spelling look at; the term is what the index holds.
    """
    return list(_read_words(text))


# Texts whose words are kept: a question is read about ten times on its way (validation, small talk, two
# searches, the evidence, the quotes), and its single words again; a handful of questions at once fit.
_READ = 256


@functools.lru_cache(maxsize=_READ)
def _read_words(text: str) -> tuple[tuple[str, str], ...]:
    text = _prepared(text)
    return tuple(_words(text, _shouts(*_capitals(text))))


def tokenize_sentences(sentences: Sequence[str]) -> tuple[list[tuple[str, str]], list[int] | None]:
    """``tokenize_words(" ".join(sentences))``, worked out sentence by sentence, and how many of those words
    each sentence gives, when each sentence's own ``tokenize`` is exactly its run of them (else ``None``).

    The index keeps these runs, so answers read a sentence's terms without tokenizing it again. Every
    step works word by word except two: "S. Korea" across a sentence end (then the text is tokenized
    whole), and reading capitals as shouting, which counts the letters of the whole text (a sentence
    whose words read otherwise alone has no run).
    """
    prepared = [_prepared(s) for s in sentences]
    if any(_COMPASS_END.search(text) for text in prepared[:-1]):
        return tokenize_words(" ".join(sentences)), None
    counts = [_capitals(text) for text in prepared]
    shouting = _shouts(sum(letters for letters, _ in counts), sum(capitals for _, capitals in counts))
    words: list[tuple[str, str]] = []
    lengths: list[int] | None = []
    for text, count in zip(prepared, counts, strict=True):
        own = _words(text, shouting)
        if lengths is not None and _shouts(*count) != shouting and _words(text, not shouting) != own:
            lengths = None
        words.extend(own)
        if lengths is not None:
            lengths.append(len(own))
    return words, lengths


def shouted(text: str) -> bool:
    """Whether ``text`` is written in capitals, so that its capitalised words are neither acronyms nor names."""
    return _shouts(*_capitals(_prepared(text)))


def _prepared(text: str) -> str:
    """``text`` folded, with initialisms joined, compass initials spelled out and possessives dropped."""
    text = fold(text)
    text = _DOTTED_INITIALISM.sub(lambda m: m.group(0).replace(".", "").upper() + " ", text)
    text = _COMPASS_INITIAL.sub(lambda m: _COMPASS[m.group(1)] + " ", text)
    if " us" in text:
        text = _THE_US.sub(r"\1 US", text)
    return _POSSESSIVE.sub("", text)


def _capitals(text: str) -> tuple[int, int]:
    """How many letters ``text`` has, and how many of them are capitals."""
    if text.isascii():  # the same counts, in C: a third of indexing time went to this loop
        data = text.encode("ascii")
        return len(data.translate(None, _ASCII_NON_LETTERS)), len(data.translate(None, _ASCII_NON_CAPITALS))
    letters = [c for c in text if c.isalpha()]
    return len(letters), sum(c.isupper() for c in letters)


def _shouts(letters: int, capitals: int) -> bool:
    """Whether text with these counts is written in capitals (then its capitalised words are no acronyms)."""
    return bool(letters) and capitals / letters > _MOSTLY_CAPITALS


def _words(text: str, shouting: bool) -> list[tuple[str, str]]:
    read = _read_shouted_word if shouting else _read_word
    return [pair for pair in map(read, WORD.findall(text)) if pair is not None]


# Words read as written, kept: each is read once per spelling rather than once per occurrence (reading them was
# the largest part of tokenizing a corpus).
_WORDS = 65536


@functools.lru_cache(maxsize=_WORDS)
def _read_word(word: str) -> tuple[str, str] | None:
    """``word`` (as written, in a text not in capitals) with its term; None for a stopword or a single letter."""
    if len(word) >= 2 and word.isupper() and word.isalpha():
        return word.lower(), word.lower()
    return _read_shouted_word(word)


@functools.lru_cache(maxsize=_WORDS)
def _read_shouted_word(word: str) -> tuple[str, str] | None:
    """``word`` read as in a text in capitals, where capitals make no acronym."""
    lower = word.lower()
    if lower in STOPWORDS or (len(lower) == 1 and lower.isalpha()):
        return None
    plain = lower.replace("'", "")
    return plain, stem(plain)
