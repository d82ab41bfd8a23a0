"""Reads tense: whether a sentence forecasts or reports, and which way a time expression in it points.

"The pact will likely be signed by the end of November" and "The pact was signed on Nov. 23" share
their words and their month, but only the second reports the signing; a forecast set against its
outcome is not the same fact, and a forecast does not answer "when was it signed?".

For a weekday, month or day without a year, the cue nearest the expression, in the same clause
before it, wins ("said he would meet on Friday" looks forward; "the company, which would grow,
said Friday" looks back); without one before it, the rest of the sentence after it is read ("On
Monday the ministers will meet"). Learned from the TimeBank errors: schedules ("set to", "due to",
"takes effect", "payable", "is scheduled for") look forward, and a past-tense verb looks back.
"""

from __future__ import annotations

import enum
import re

# Modal and future wording, conditions, threats, and intentions that may not have come true ("wanted to").
# "may" only in lower case, so the month May is not read as a modal.
_FORECAST = re.compile(
    r"\b(?:will|shall|would|could|might|(?-i:may)|won't|likely|expect(?:s|ed|ing)?"
    r"|plans?\s+to|planned\s+to|planning\s+to|scheduled|set\s+to|is\s+to|are\s+to|to\s+be\s+held|due\s+to\s+be"
    r"|aims?\s+to|aimed\s+to|aiming\s+to|seek(?:s|ing)?\s+to|sought\s+to|hop(?:e|es|ed|ing)\s+to"
    r"|want(?:s|ed)?\s+to|ready\s+to|intend(?:s|ed)?\s+to|threat(?:en|ens|ened|ening)\s+to|warn(?:s|ed|ing)?|if"
    r"|by\s+the\s+end\s+of|upcoming)\b",
    re.IGNORECASE,
)


def is_forecast(sentence: str) -> bool:
    """Whether ``sentence`` speaks of what will, may or was meant to happen rather than what did."""
    return bool(_FORECAST.search(sentence))


# How far around the expression to read: a clause, not the paragraph.
WINDOW = 80

# Cues are read word by word (a set lookup per word, so reading stays cheap however many dates a text holds).


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FUTURE_WORDS = _word_set(
    "will shall won't due scheduled planned expected expects expect upcoming coming next could would might"
    " effective payable expire expires deadline begin begins start starts open opens resume resumes"
)
# Two-word cues, by their first word: "set to", "takes effect", "plans to", "to be held", "ahead of".
_FUTURE_PAIRS = {
    "is": "to", "are": "to", "set": "to", "plan": "to", "plans": "to", "take": "effect", "takes": "effect",
    "intend": "to", "intends": "to", "aim": "to", "aims": "to", "hope": "to", "hopes": "to", "seek": "to",
    "seeks": "to", "seeking": "to", "ahead": "of", "be": "held",
}  # fmt: skip
_PAST_WORDS = _word_set(
    "was were had did said told met took began came went made gave saw left held won lost fell rose sold bought"
    " paid spent sent brought thought found kept led ran struck fought hit put shot spoke wrote broke chose drove"
    " flew froze grew knew ate became forgot stood understood wore withdrew overtook undertook ago earlier last"
    " since former previously already"
)
# A passive ("will be named", "is expected") takes its tense from the auxiliary, not the participle.
_AUXILIARIES = frozenset({"be", "been", "being", "is", "are", "am"})
_NOT_PAST = frozenset({"need", "feed", "seed", "speed", "bed", "red", "shed", "bred", "indeed", "hundred", "embed"})
_WORD = re.compile(r"[A-Za-z']{1,30}")
_CLAUSE_END = re.compile(r"[,;:.!?()\"“”]|\b(?:but|that|which|who|when|while|after|before)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[;.!?]")


class Tense(enum.Enum):
    """Which way an undated weekday, month or day points from the publication date."""

    PAST = "past"
    FUTURE = "future"
    UNKNOWN = "unknown"
    # No reading at all: the latest one on or before publication (the benchmark's baseline).
    LATEST = "latest"


def read_tense(text: str, start: int, end: int) -> Tense:
    """The tense of the clause holding ``text[start:end]``: the nearest cue before it, else the first after it."""
    before = text[max(0, start - WINDOW) : start]
    clause_start = 0
    for match in _CLAUSE_END.finditer(before):
        clause_start = match.end()
    cues = _cues(before[clause_start:])
    if cues:
        return cues[-1]
    after = text[end : end + WINDOW]
    stop = _SENTENCE_END.search(after)
    cues = _cues(after[: stop.start()] if stop else after)
    return cues[0] if cues else Tense.UNKNOWN


def _cues(text: str) -> list[Tense]:
    """The tense cues of ``text`` in order."""
    words = [w.lower() for w in _WORD.findall(text)]
    cues = []
    for n, word in enumerate(words):
        following = words[n + 1] if n + 1 < len(words) else ""
        previous = words[n - 1] if n else ""
        if word in _FUTURE_WORDS or word.endswith("'ll") or _FUTURE_PAIRS.get(word) == following:
            # A plan in the past perfect ("had been due to expire Friday") was made, and its day has passed.
            cues.append(Tense.PAST if "had" in words[max(0, n - 4) : n] else Tense.FUTURE)
        elif word in _PAST_WORDS or _is_set_in_the_past(word, previous, following) or _is_regular_past(word, previous):
            cues.append(Tense.PAST)
    return cues


def _is_set_in_the_past(word: str, previous: str, following: str) -> bool:
    """ "set up", and "set on/in" a date without "is" before it ("the record high set on Aug. 6"); "set to" and
    "set for" are schedules."""
    return word == "set" and (following == "up" or (following in ("on", "in") and previous not in _AUXILIARIES))


def _is_regular_past(word: str, previous: str) -> bool:
    return word.endswith("ed") and len(word) > 3 and word not in _NOT_PAST and previous not in _AUXILIARIES
