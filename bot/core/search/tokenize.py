"""The one tokenizer for passages, questions and timeline topics, so that both sides agree on every word.

It folds case, accents and typographic quotes; drops possessives and stopwords; splits hyphenated
names ("Min-koo" and "Min Koo" agree); reads "S. Korea" as "south korea" and "U.S." as the acronym
"us"; keeps acronyms written in capitals as they are (so "US" is not the stopword "us"). Other words
are lemmatised (simplemma: "took" is "take", "defence" is "defense"), lose the derivational
"-ship"/"-hood" that Snowball keeps ("relationship" meets "relations"), then get the Snowball stem.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import simplemma
import snowballstemmer

from bot.core.search.stopwords import STOPWORDS

_TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
)
_COMPASS = {"N": "North", "S": "South", "E": "East", "W": "West"}
# "S. Korea", "N. Ireland": a compass initial before a capitalised name.
_COMPASS_INITIAL = re.compile(r"\b([NSEW])\.\s+(?=[A-Z][a-z])")
# "U.S.", "U.N.", "U.S.A.": letters with full stops become one acronym.
_DOTTED_INITIALISM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?!\w)", re.IGNORECASE)
# Words keep inner apostrophes so that contractions ("don't") can be checked against the stopwords.
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_MOSTLY_CAPITALS = 0.6

_stemmer = snowballstemmer.stemmer("english")


def fold(text: str) -> str:
    """Compatibility-normalise, fold typographic quotes and strip accents (case is kept)."""
    text = text.translate(_TYPOGRAPHY)
    if text.isascii():  # most English text: nothing to normalise, and this is the hot path of indexing
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


_DERIVATION = re.compile(r"(?<=\w{4})(?:ship|hood)s?$")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The index term of a lower-case word: lemma, minus "-ship"/"-hood", Snowball stem (cached)."""
    lemma = simplemma.lemmatize(word, lang="en").lower()
    return str(_stemmer.stemWord(_DERIVATION.sub("", lemma)))


def tokenize(text: str) -> list[str]:
    """Index terms of ``text`` in order, duplicates kept (BM25 counts them)."""
    return [term for _, term in tokenize_words(text)]


def tokenize_words(text: str) -> list[tuple[str, str]]:
    """Each kept word of ``text`` (folded, lower-case) with its index term, in order.

    The word is what general-English statistics and spelling look at; the term is what the index holds.
    """
    text = fold(text)
    text = _DOTTED_INITIALISM.sub(lambda m: m.group(0).replace(".", "").upper() + " ", text)
    text = _COMPASS_INITIAL.sub(lambda m: _COMPASS[m.group(1)] + " ", text)
    text = _POSSESSIVE.sub("", text)
    letters = [c for c in text if c.isalpha()]
    shouting = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > _MOSTLY_CAPITALS
    words = []
    for word in _WORD.findall(text):
        if len(word) >= 2 and word.isupper() and word.isalpha() and not shouting:
            words.append((word.lower(), word.lower()))
            continue
        lower = word.lower()
        if lower in STOPWORDS or (len(lower) == 1 and lower.isalpha()):
            continue
        plain = lower.replace("'", "")
        words.append((plain, stem(plain)))
    return words
