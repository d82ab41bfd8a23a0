"""Learns acronyms the corpus defines, "General Security of Military Information Agreement (GSOMIA)",
so that a question using either form finds passages using the other.

Long forms are found with the Schwartz–Hearst rule (Schwartz & Hearst, 2003): walking back from the
bracket, each letter of the acronym must appear in order, the first at the start of a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from bot.core.search.tokenize import fold, tokenize

_DEFINITION = re.compile(r"\(\s*+([A-Z][A-Za-z0-9&-]{1,9})\s*+\)")
# A long form has at most 2 x 10 words (the longest acronym); 40 characters a word is generous.
_WINDOW_CHARS = 800


def find_acronyms(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Map each defined acronym's term to the terms of its long form."""
    found: dict[str, tuple[str, ...]] = {}
    for text in texts:
        text = fold(text)
        for match in _DEFINITION.finditer(text):
            short = match.group(1)
            if sum(c.isupper() for c in short) < 2:
                continue
            # Only the words just before the bracket can spell the acronym: read a bounded window, not the
            # whole prefix, so a text full of "(AB)" stays linear (issue #9).
            window = text[max(0, match.start() - _WINDOW_CHARS) : match.start()]
            words = window.split()[-min(len(short) + 5, len(short) * 2) :]
            long_form = _long_form(short, " ".join(words))
            if long_form is None:
                continue
            # The acronym is a term as written, even when it spells a stopword ("WHO").
            short_term, long_terms = short.lower(), tuple(tokenize(long_form))
            if short_term.isalnum() and len(long_terms) >= 2:
                found.setdefault(short_term, long_terms)
    return found


def _long_form(short: str, candidate: str) -> str | None:
    """The shortest tail of ``candidate`` whose letters spell ``short`` (Schwartz–Hearst)."""
    s, c = len(short) - 1, len(candidate) - 1
    while s >= 0:
        char = short[s].lower()
        if not char.isalnum():
            s -= 1
            continue
        while c >= 0 and (candidate[c].lower() != char or (s == 0 and c > 0 and candidate[c - 1].isalnum())):
            c -= 1
        if c < 0:
            return None
        c -= 1
        s -= 1
    start = candidate.rfind(" ", 0, c + 1) + 1
    long_form = candidate[start:]
    return long_form if len(long_form.split()) >= 2 else None


def expand_query(terms: list[str], acronyms: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Add the long form of each acronym in ``terms``, and the acronym of each long form they contain."""
    expanded = list(terms)
    present = set(terms)
    for short, long_terms in acronyms.items():
        if short in present:
            expanded.extend(t for t in long_terms if t not in present)
        elif set(long_terms) <= present:
            expanded.append(short)
    return expanded
