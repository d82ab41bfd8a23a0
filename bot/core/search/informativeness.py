"""How much a question word says, from its frequency in English generally (wordfreq), not in the corpus alone.

In a corpus of five articles, idf cannot tell "envoy" (rare, telling) from "hey" or "stand" (common,
empty): all three are absent and would weigh the most. General-English frequency can, at any corpus size.
"""

from __future__ import annotations

import functools
import re

from wordfreq import zipf_frequency

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


def is_filler(word: str) -> bool:
    """A greeting, politeness, talk to the bot or chat filler, stretched or not."""
    return word in FILLER or _RUN.sub(r"\1", word) in FILLER or _RUN.sub(r"\1\1", word) in FILLER


_LEADING_WORD = re.compile(r"[\W_]*([^\W_]+)")


def strip_leading_filler(text: str) -> str:
    """``text`` without the greetings and filler it opens with ("hey, who signed?" -> "who signed?")."""
    while (match := _LEADING_WORD.match(text)) and is_filler(match.group(1).lower()):
        text = text[match.end() :]
    return text.lstrip(" ,.!;:-")


def load_frequencies() -> None:
    """Load wordfreq's English table now (a fifth of a second), not in the first question."""
    zipf_frequency("tables", "en")


@functools.lru_cache(maxsize=65536)
def informativeness(word: str) -> float:
    """0 for filler and the commonest words, rising to 1 for words rarer than one in 10^8 (or unknown)."""
    if is_filler(word):
        return 0.0
    zipf = zipf_frequency(word, "en")
    return min(1.0, max(0.0, (_ZIPF_COMMON - zipf) / (_ZIPF_COMMON - _ZIPF_RARE)))
