"""Whether the passages name who holds the role a question asks about: "Who was the ministry spokesman?".

Such a question shares "ministry" and "spokesman" with "A ministry spokesman said ...", which names no one,
so shared words read it as answered. Its answer is a name beside the role ("spokesman Yoshihide Suga",
"Yoo Jeh-seung, South Korea's deputy defense minister"; a thing's name for "What is the name of the law").
When the quoted passages speak of the role but name nothing near it, they do not answer. Where they never
use the role's word, nothing is told (other words may name the same role), and a question naming a person
("Who is Han Min-koo?") is not about a role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.corpus import Corpus
from bot.core.search.answer_type import CHECKED
from bot.core.search.index import Hit
from bot.core.search.query import Query
from bot.core.search.tokenize import WRITTEN_WORD, fold, shouted, tokenize

# How many words may stand between the role's word and the name: "Ambassador to South Korea Yasumasa
# Nagamine", "Yoo Jeh-seung, South Korea's deputy defense minister".
REACH = 6
# "Who was X ...", "What is the name of X ...": X is at most this many characters (a bounded, lazy match
# anchored at the start) and ends before a clause or a preposition ("... when the pact was signed").
_ROLE_CHARS = 80
_ASKS_ROLE = re.compile(
    r"^\W*(?:who\s+(?:is|was|are|were)|what(?:'s|\s+is|\s+was)\s+the\s+names?\s+of)\s++"
    rf"(?P<role>[^?\s][^?]{{0,{_ROLE_CHARS - 1}}}?)"
    r"(?=\s++(?:when|while|at|in|during|who|that|which|before|after|on|to|of|for|from|with)\b|\s*+[?.!]|\s*+$)",
    re.IGNORECASE,
)


def asked_role(question: str) -> str | None:
    """The role a question asks who holds ("the ministry spokesman" in "Who was the ministry spokesman who ..."),
    or None: for other questions, and for a name ("Who is Han Min-koo?")."""
    match = _ASKS_ROLE.match(question)
    if match is None or shouted(question):
        return None
    words = WRITTEN_WORD.findall(match.group("role"))
    return match.group("role") if words and not words[-1][0].isupper() else None


def lacks_role_holder(question: str, hits: Sequence[Hit], corpus: Corpus, query: Query) -> bool:
    """Whether ``question`` asks who holds a role that the first ``CHECKED`` passages speak of but never name
    anyone in (no capitalised word within ``REACH`` words of the role's word)."""
    role = asked_role(question)
    terms = [t for t in tokenize(role) if t in query.weights] if role else []
    if not terms:
        return False
    head = terms[-1]
    asked = set(query.weights)
    spoken_of = False
    for hit in hits[:CHECKED]:
        passage = corpus.passages[hit.position]
        for (start, end), held in zip(passage.sentences, corpus.sentence_terms(hit.position), strict=True):
            # Only a sentence whose terms hold the role's word is read word by word.
            if head not in held:
                continue
            words = WRITTEN_WORD.findall(fold(passage.text[start:end]))
            places = _places(words, head)
            if not places:
                continue
            spoken_of = True
            if any(abs(n - p) <= REACH for n in _names(words, asked) for p in places):
                return False
    return spoken_of


def _places(words: list[str], head: str) -> list[int]:
    """The positions in ``words`` where ``head`` is written as a common word: written with a capital it is a
    name or part of one ("Suga" for "who is yoshihide suga", "Defense Minister Han"), which names itself."""
    return [n for n, word in enumerate(words) if word[0].islower() and head in tokenize(word)]


def _names(words: list[str], asked: set[str]) -> list[int]:
    """The positions of names in ``words``: capitalised words after the first, not the question's own
    ("Hassan al-Turabi", "the Missouri Compromise", "spokesman Yoshihide Suga")."""
    return [n for n, word in enumerate(words) if n > 0 and word[0].isupper() and not set(tokenize(word)) <= asked]
