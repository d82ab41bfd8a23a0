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

_FUTURE = (
    r"will|shall|won't|'ll|is\s+to|are\s+to|due|scheduled|set\s+to|planned|plans?\s+to|expected|expects?|to\s+be\s+held"
    r"|upcoming|coming|next|could|would|might|takes?\s+effect|effective|payable|expires?|deadline"
    r"|intends?\s+to|aims?\s+to|hopes?\s+to|seeks?\s+to|seeking\s+to|ahead\s+of|begins?|starts?|opens?|resumes?"
)
_IRREGULAR_PAST = (
    r"was|were|had|did|said|told|met|took|began|came|went|made|gave|saw|left|held|won|lost|fell|rose|sold|bought"
    r"|paid|spent|sent|brought|thought|found|kept|led|ran|struck|fought|hit|put|set\s+up|shot|spoke|wrote|broke"
    r"|chose|drove|flew|froze|grew|knew|ate|became|forgot|stood|understood|wore|withdrew|overtook|undertook|ago"
    r"|earlier|last|since|former|previously|already"
)
# A regular past form is a word ending in -ed that is not a future cue ("expected", "scheduled", "planned").
_CUE = re.compile(
    rf"\b(?P<future>{_FUTURE})\b|\b(?P<past>{_IRREGULAR_PAST})\b|(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bbeen\s)(?<!\bbeing\s)\b(?P<regular>[a-z]{{2,20}}ed)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:.!?()\"“”]|\b(?:but|that|which|who|when|while|after|before)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[;.!?]")
_NOT_PAST = frozenset({"need", "feed", "seed", "speed", "bed", "red", "shed", "bred", "indeed", "hundred", "embed"})


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
    cues = [_kind(m) for m in _CUE.finditer(before, clause_start)]
    cues = [c for c in cues if c is not Tense.UNKNOWN]
    if cues:
        return cues[-1]
    after = text[end : end + WINDOW]
    stop = _SENTENCE_END.search(after)
    for match in _CUE.finditer(after, 0, stop.start() if stop else len(after)):
        kind = _kind(match)
        if kind is not Tense.UNKNOWN:
            return kind
    return Tense.UNKNOWN


def _kind(match: re.Match[str]) -> Tense:
    if match.group("future"):
        return Tense.FUTURE
    if match.group("past"):
        return Tense.PAST
    return Tense.UNKNOWN if match.group("regular").lower() in _NOT_PAST else Tense.PAST
