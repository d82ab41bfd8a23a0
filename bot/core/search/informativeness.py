"""How much a question word says, from its frequency in English generally (wordfreq), not in the corpus alone.

In a corpus of five articles, idf cannot tell "envoy" (rare, telling) from "hey" or "stand" (common,
empty): all three are absent and would weigh the most. General-English frequency can, at any corpus size.
"""

from __future__ import annotations

import functools
import re

from wordfreq import get_frequency_dict, zipf_frequency

from bot.core.search.stopwords import STOPWORDS
from bot.core.search.tokenize import WORD

# Words that carry no question: greetings, politeness, talk to the bot, chat filler. They weigh nothing
# and are not searched, so "hey, who signed the pact? thanks!" is the same question as without them.
FILLER = frozenset(
    [
        "hey",
        "hi",
        "hello",
        "hiya",
        "howdy",
        "yo",
        "heya",
        "greetings",
        "dear",
        "thanks",
        "thank",
        "thx",
        "ty",
        "tysm",
        "cheers",
        "please",
        "pls",
        "plz",
        "kindly",
        "sorry",
        "excuse",
        "ok",
        "okay",
        "okey",
        "alright",
        "um",
        "uh",
        "umm",
        "hmm",
        "hm",
        "er",
        "erm",
        "lol",
        "lmao",
        "haha",
        "btw",
        "bot",
        "bots",
        "chatbot",
        "assistant",
        "guys",
        "folks",
        "everyone",
        "anyone",
        "somebody",
        "someone",
        "tell",
        "know",
        "wonder",
        "wondering",
        "curious",
        "just",
        "actually",
        "really",
        "basically",
        "maybe",
        "perhaps",
        "wanna",
        "gonna",
        "gotta",
        "can",
        "could",
        "would",
        "will",
        "might",
        "may",
        "must",
        "shall",
        "ya",
        "yeah",
        "yep",
        "nope",
        "appreciate",
        "appreciated",
        "remind",
        "wait",
        "anyway",
        "anyways",
        "hiii",
        "wow",
        "omg",
        "oh",
        "ah",
    ]
)

# Zipf 7 is "the"/"of"; a word below 1 is rarer than one in 10^8 words (names, acronyms, misspellings).
_ZIPF_COMMON = 7.0
_ZIPF_RARE = 1.0


# Chat stretches words ("heyyy", "thanksss", "pleeease"); one letter of each run is the word.
_RUN = re.compile(r"(\w)\1+")


@functools.lru_cache(maxsize=65536)
def is_filler(word: str) -> bool:
    """A greeting, politeness, talk to the bot or chat filler, stretched or not."""
    return word in FILLER or _RUN.sub(r"\1", word) in FILLER or _RUN.sub(r"\1\1", word) in FILLER


_LEADING_WORD = re.compile(r"[\W_]*([^\W_]+)")
# The question words that begin a question proper (words are read as the tokenizer reads them, "I'd" whole).
_QUESTION_WORDS = frozenset(["who", "whom", "whose", "what", "what's", "which", "where", "when", "why", "how"])
_CLAUSE_END = ",.!:;-\u2013\u2014"
# The words a yes/no question opens with: after chat that is not only stopwords ("Any idea has ...", "I'd like
# to know did ...") they start the question as a question word does.
_AUXILIARIES = frozenset(
    ["is", "are", "was", "were", "has", "have", "had", "did", "does", "do", "can", "could", "will", "would", "should"]
)
# Greetings and chat that open a question ("Good morning", "Quick question", "hello there"): at the very start
# of a question nothing is asked with them. Elsewhere they may be the question's own ("Which morning").
_GREETING_CHAT = frozenset(
    ["good", "morning", "afternoon", "evening", "quick", "question", "questions", "q", "random", "pardon", "there",
     "mate", "idea", "curious"]
)  # fmt: skip
# More chat that opens a question, only before the clause that starts it ("One more question: who ...").
_OPENING_CHAT = _GREETING_CHAT | {"one", "another", "like", "i'd", "i'm", "bother", "curiosity"}
# Chat that closes a question after its question mark ("... ? Thanks a lot!").
_CLOSING_CHAT = frozenset(["lot", "lots", "much", "mate", "help", "advance", "many", "bunch", "again", "time"])


def strip_leading_filler(text: str) -> str:
    """``text`` without the greetings and filler it opens with ("hey, who signed?" -> "who signed?",
    "Good morning, who ..." too)."""
    while (match := _LEADING_WORD.match(text)) and _opens(match.group(1).lower()):
        text = text[match.end() :]
    return text.lstrip(" ,.!;:-")


def strip_chat(text: str) -> str:
    """The question proper of ``text``: without the chat around it ("Good morning! Could you tell me who signed
    the pact? Thanks a lot!" -> "who signed the pact?"), so that it is searched and read as if asked plainly.

    Before the first question word, a clause that follows chat ("Good morning, has it ...") or a yes/no
    question's first word after chat ("Any idea has it ..."), words that
    are all filler, stopwords or opening chat go; after the last question mark, words that hold a filler word
    and are otherwise stopwords or closing chat go. Anything else there ("In 2012, who ...", "Who signed? The
    final deal") is part of the question and stays.
    """
    while True:
        text = strip_leading_filler(text)
        start = _question_start(text)
        if not start:
            break
        text = text[start:]
    mark = text.rfind("?")
    if mark >= 0:
        tail = [m.group().lower() for m in WORD.finditer(text, mark)]
        if any(is_filler(w) for w in tail) and all(_says_nothing(w, _CLOSING_CHAT) for w in tail):
            text = text[: mark + 1]
    return text


def _question_start(text: str) -> int:
    """Where the question proper of ``text`` starts after an opening of chat: at its question word, after a
    clause of chat ("Sorry to bother, ...", "One more question: has ...") or at an auxiliary after chat ("Any
    idea has ..."); 0 if it opens with no chat."""
    chatted = False
    for match in WORD.finditer(text):
        word, at = match.group().lower(), match.start()
        before = text[:at].rstrip()
        if word in _QUESTION_WORDS or (before and before[-1] in _CLAUSE_END and text[at - 1].isspace()):
            return at
        if chatted and word in _AUXILIARIES:
            return at
        if not _says_nothing(word, _OPENING_CHAT):
            return 0
        chatted = chatted or is_filler(word) or word in _OPENING_CHAT
    return 0


def _opens(word: str) -> bool:
    """Whether ``word`` is a greeting or filler that can open any question."""
    return is_filler(word) or word in _GREETING_CHAT


def _says_nothing(word: str, chat: frozenset[str]) -> bool:
    """Whether ``word`` says nothing a question is about: filler, a stopword (not a question word) or ``chat``."""
    return is_filler(word) or word in chat or (word in STOPWORDS and word not in _QUESTION_WORDS)


def load_frequencies() -> None:
    """Load wordfreq's English table now (a fifth of a second), not in the first question."""
    zipf_frequency("tables", "en")


def _english_table() -> dict[str, float]:
    # Asked for exactly as wordfreq asks for it (its cache keys on the arguments as given): one table, loaded once.
    return get_frequency_dict("en", "best")


def english_zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (0 for a word it does not know).

    A plain lower-case word (ASCII letters) is its own only token, so when wordfreq's table lacks it the answer is
    0 without running wordfreq's tokenizer: most of the cost of a word first seen after a start (names, rare words).
    """
    if word.isascii() and word.isalpha() and word.islower() and word not in _english_table():
        return 0.0
    return zipf_frequency(word, "en")


@functools.lru_cache(maxsize=65536)
def informativeness(word: str) -> float:
    """0 for filler and the commonest words, rising to 1 for words rarer than one in 10^8 (or unknown)."""
    if is_filler(word):
        return 0.0
    zipf = english_zipf(word)
    return min(1.0, max(0.0, (_ZIPF_COMMON - zipf) / (_ZIPF_COMMON - _ZIPF_RARE)))
