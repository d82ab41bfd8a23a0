"""Whether the passages report what the speaker a question names said: "What did Shinzo Abe say about the pact?".

Such a question shares its words with passages that only mention the speaker ("Abe has not apologized"),
so shared words read it as answered. Its answer is a statement attributed to the speaker: the speaker's
name or title just before a word of saying ("Kishida told reporters", "the ministry said") or just after
it ("said government spokesman Yoshihide Suga", "according to Yonhap").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.corpus import Corpus
from bot.core.search.answer_type import CHECKED
from bot.core.search.index import Hit
from bot.core.search.query import Query
from bot.core.search.tokenize import WRITTEN_WORD, fold, shouted, tokenize

# How many words may stand between a speaker and the word of saying: "Kishida also told", "said Japanese
# government spokesman Yoshihide Suga".
BEFORE = 2
AFTER = 6
# "What did X say ...", "How did X react ...": not "describe" or "call", which an author's own account of X
# answers as often ("Luther described his time in the order as ..."). X is at most this many characters (a
# bounded, lazy match anchored at the start, so untrusted text cannot make it backtrack far).
_SPEAKER_CHARS = 80
_ASKS_STATEMENT = re.compile(
    rf"^\W*(?:what|how)\s+(?:did|does|do|has|have|had)\s++(?P<speaker>[^?\s][^?]{{0,{_SPEAKER_CHARS - 1}}}?)\s++"
    + r"(?:say|tell|state|announce|react|respond|comment|claim|warn)\b",
    re.IGNORECASE,
)
_SAYING_WORDS = """
    said says say told tells tell stated states added adds announced announces noted warned claimed called
    calls described describes according quoted statement urged insisted stressed argued protested criticized
    criticised decried accused hailed welcomed condemned slammed reported wrote writes argues suggested suggests
    explained explains recalled concluded maintained contends
"""
_SAYING = frozenset(_SAYING_WORDS.split())
# Where a speaker's description goes on after its name: "lawmakers in Seoul", "the minister of defense".
_PLACE_AFTER = re.compile(r"\s(?:in|of|from|at|for|on)\s", re.IGNORECASE)


def asked_speaker(question: str) -> str | None:
    """The speaker a question asks the words of ("Shinzo Abe" in "What did Shinzo Abe say ..."), or None."""
    match = _ASKS_STATEMENT.match(question)
    return match.group("speaker") if match else None


def lacks_statement(question: str, hits: Sequence[Hit], corpus: Corpus, query: Query) -> bool:
    """Whether ``question`` asks what a speaker said and no sentence of the first ``CHECKED`` passages attributes
    words to that speaker. A speaker the corpus has no word for, or a publisher ("What did Yonhap call ..."),
    whose articles speak in its own voice, is not checked."""
    speaker = asked_speaker(question)
    if speaker is None or shouted(question):
        return False
    # The speaker's last word names it ("Abe" in "Prime Minister Shinzo Abe"; "lawmakers" in "lawmakers in Seoul").
    named = _PLACE_AFTER.split(fold(speaker), maxsplit=1)[0]
    words = [(m.group(), t) for m in WRITTEN_WORD.finditer(named) for t in tokenize(m.group()) if t in query.weights]
    if not words or {t for _, t in words} <= corpus.publisher_terms:
        return False
    word, head = words[-1]
    # Only a speaker named with a capital is checked: "Seoul's military" may be "the defense ministry" in the
    # article, but "Shinzo Abe" is no one else.
    if not word[0].isupper() or (not corpus.lexicon.has_term(head) and not query.bridges.get(head)):
        return False
    named = {head, *query.bridges.get(head, ())}
    for hit in hits[:CHECKED]:
        passage = corpus.passages[hit.position]
        for (start, end), terms in zip(passage.sentences, corpus.sentence_terms(hit.position), strict=True):
            # Only a sentence whose terms name the speaker is read word by word.
            if named & terms and _attributes(passage.text[start:end], named):
                return False
    return True


def _attributes(sentence: str, named: set[str]) -> bool:
    """Whether ``sentence`` has a word of ``named`` within ``BEFORE`` words before, or ``AFTER`` after, a word
    of saying."""
    words = [match.group().lower() for match in WRITTEN_WORD.finditer(fold(sentence))]
    saying = [n for n, word in enumerate(words) if word in _SAYING]
    if not saying:
        return False
    for n, word in enumerate(words):
        if any(t in named for t in tokenize(word)) and any(-BEFORE <= n - s <= AFTER and n != s for s in saying):
            return True
    return False
