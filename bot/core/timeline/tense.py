"""Tells a sentence that forecasts or plans something from one that reports what happened.

"The pact will likely be signed by the end of November" and "The pact was signed on Nov. 23" share
their words and their month, but only the second reports the signing; a forecast set against its
outcome is not the same fact, and a forecast does not answer "when was it signed?".
"""

from __future__ import annotations

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
