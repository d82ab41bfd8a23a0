"""Prefers passages holding the kind of thing a question asks for (a date, a place, a person, a number, an age, ...).

The kinds follow the usual question classes of QA (TREC, Li & Roth): dates, places, persons, counts, money,
percentages, durations, ages, measures and clock times. Not "what is the name of": its answer is as often a
thing as a person ("the twin prime conjecture"), which no capitalisation tells.

BM25 sees only shared words, so "When was the pact signed?" ranks every passage about signing
alike; among those, the ones with a sentence that dates the signing, as done rather than planned,
are what a reader wants first. The same sentence tests pick the sentence to show in bold.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date

from bot.core.corpus import Corpus
from bot.core.search.index import Hit, SearchIndex
from bot.core.search.matching import Matching
from bot.core.search.query import Query
from bot.core.search.tokenize import tokenize
from bot.core.timeline.tense import is_forecast
from bot.core.timeline.timexpr import find_time_expressions

# How much a passage of the wanted kind gains over its BM25 score at most (its sentence holding the whole question).
BOOST = 1.6
# Only the best-ranked passages are re-ranked: reading dates in every hit of a large corpus costs too much.
RERANKED = 60
# The passages checked for an answer of the asked kind: the ones quoted first.
CHECKED = 3
# Share of the question's weight a sentence must hold to count as speaking to it (tuned on the tune split).
ON_TOPIC = 0.3
# The kinds checked. Not "who" (a one-word name like "Tesla" is no run of capitals) nor "when" (dates
# are often in another sentence): checking them cost answered questions on the tune and SQuAD seed-7 splits.
CHECKED_KINDS = frozenset({"where", "number", "amount", "age", "duration", "percent", "measure", "time"})
# A count answers "how many X" when it stands at most this many terms before X ("20 missile launches").
COUNT_REACH = 3
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")

_KIND = re.compile(
    r"^\W*(?:(?:in|on|at|from|with|by|since|until)\s+)?"
    r"(when|where|who|whom|whose|how\s+many|how\s+much\s+of|how\s+much|how\s+long|how\s+old"
    r"|how\s+(?:far|big|large|tall|high|deep|wide|heavy|fast)"
    r"|(?:what|which)\s+(?:year|date|day|month|country|city|town|place|island|islands|region|province)"
    r"|(?:what|which)\s+(?:percentage|percent|proportion|share|fraction)|what\s+time"
    r"|(?:what|which)(?:'s|\s+(?:is|was|are|were))?\s+the\s+(?:percentage|proportion|share"
    r"|range|distance|length|size|height|area|weight|speed|depth|width"
    r"|cost|price|value|budget|sum))\b",
    re.IGNORECASE,
)
_WHEN_WORDS = frozenset({"year", "date", "day", "month"})
# The last word of an asked form and the kind it asks for; other "what/which X" forms ask for a place.
_LAST_WORD_KINDS = {
    **dict.fromkeys(("percentage", "percent", "proportion", "share", "fraction"), "percent"),
    **dict.fromkeys(("range", "distance", "length", "size", "height", "area", "weight", "speed"), "measure"),
    **dict.fromkeys(("depth", "width", "far", "big", "large", "tall", "high", "deep", "wide", "heavy"), "measure"),
    "fast": "measure",
    **dict.fromkeys(("cost", "price", "value", "budget", "sum"), "amount"),
    "time": "time",
}
# A place word before a capitalised name: "in Seoul", "near the Han", "west of Kashgar".
_PLACE = re.compile(r"\b(?:in|at|near|outside|(?:north|south|east|west)\s+of)\s+(?:the\s+)?[A-Z][a-z]+")
# Two or more capitalised words in a row, not at the start of a sentence: a name.
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)+")
_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|dozens?|hundreds?"
    r"|thousands?|millions?|billions?)\b",
    re.I,
)
# Last words that make a capitalised run a place or a body, not a person ("United States", "Security Council").
_NOT_PERSON_WORDS = """
    states kingdom republic nations union peninsula city island islands sea province prefecture county district
    ministry agreement security council party agency times news talks forces army navy command assembly house office
    department court committee organization association bank group company corporation university institute
    post journal daily government parliament congress senate police service network media
"""
_NOT_PERSON = frozenset(_NOT_PERSON_WORDS.split())
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|several|many)"
_AGE = re.compile(r"\b\d{1,3}-year-old\b|\baged?\s+\d{1,3}\b|\b\d{1,3}\s+years\s+old\b|,\s\d{2},")
_AMOUNT = re.compile(
    r"[$\u20ac\u00a3\u00a5\u20a9]\s?\d"
    r"|\b\d[\d,.]*\s?(?:%|percent|million|billion|trillion|dollars?|yen|won|euros?|pounds?|yuan)\b",
    re.I,
)
_DURATION = re.compile(
    rf"\b{_COUNT}[-\s](?:year|month|week|day|decade|hour|minute)s?\b(?!\s+ago)|\b\d+[-\s]seconds?\b|\b(?:annually|yearly|indefinitely)\b"
    r"|\b(?:renew(?:s|ed|able|al)?|expir(?:e|es|ed|y))\b|\bsince\s+(?:1[89]|20)\d\d\b"
    # An uncounted span: "after years of talks", "for decades".
    r"|\b(?:years|months|weeks|decades)\s+of\b|\bfor\s+(?:years|months|weeks|decades)\b"
    # A span of years is a duration too: "from 1910 to 1945", "between 1950 and 1953", "the 1950-53 war".
    r"|\b(?:from|between)\s+(?:1[89]|20)\d\d\s+(?:to|until|till|and)\s+(?:1[89]|20)\d\d\b"
    r"|\b(?:1[89]|20)\d\d\s?[-\u2013]\s?(?:\d\d)?\d\d\b(?![-/]\d)",
    re.I,
)
_PERCENT = re.compile(r"\d\s?(?:%|percent\b|per\s+cent\b)|\b(?:half|third|quarter|majority|minority)\b", re.I)
# A count followed by a unit of length, area, weight, speed or angle ("3,000 km", "500-kilometre range").
_MEASURE = re.compile(
    rf"(?:\d[\s-]?|\b{_COUNT}[\s-])(?:km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|feet|foot|ft|inch(?:es)?|cm|mm|kg"
    r"|kilograms?|grams?|tons?|tonnes?|pounds?|lbs?|acres?|hectares?|square|cubic|mph|knots?|degrees?)\b",
    re.I,
)
# A clock time: "10 a.m.", "9:30", "noon".
_CLOCK = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|[ap]m\b)|\b\d{1,2}:\d\d\b|\b(?:noon|midnight|o'clock)\b", re.I
)

# The kinds a pattern tells ("number" is any number).
_PATTERNS = {
    "where": _PLACE,
    "duration": _DURATION,
    "age": _AGE,
    "amount": _AMOUNT,
    "percent": _PERCENT,
    "measure": _MEASURE,
    "time": _CLOCK,
}


def asked_kind(question: str) -> str | None:
    """ "when", "where", "who", "number", "amount", "age", "duration", "percent", "measure" or "time", from the
    question's first words ("in which city", "what year", "what is the range of" too); None for others."""
    match = _KIND.match(question)
    if match is None:
        return None
    words = match.group(1).lower().split()
    word = " ".join(words)
    if words[0] in {"what", "which", "what's"}:
        return "when" if words[-1] in _WHEN_WORDS else _LAST_WORD_KINDS.get(words[-1], "where")
    special = {
        "how long": "duration",
        "how old": "age",
        "how much": "amount",
        "how many": "number",
        "how much of": "percent",
    }
    if word in special:
        return special[word]
    if words[0] == "how":
        return "measure"
    return "who" if word in {"whom", "whose"} else word


def sentence_holds(
    kind: str, sentence: str, published: date | None, asked: Collection[str], future: bool = False
) -> bool:
    """Whether ``sentence`` holds an answer of ``kind``: a dated outcome, a place, a name not asked about, ...

    ``asked`` are the question's terms (aliases expanded): the name asked about is not the answer to "who".
    A date answers "when" in the question's tense: what happened (no forecast), or, for a question about
    the ``future`` ("When will it take effect?"), what is expected.
    """
    if kind == "when":
        return bool(find_time_expressions(sentence, published)) and is_forecast(sentence) == future
    if kind == "who":
        return any(_is_person(m.group(), asked) for m in _NAME.finditer(sentence))
    return bool(_PATTERNS.get(kind, _NUMBER).search(sentence))


def _is_person(name: str, asked: Collection[str]) -> bool:
    """A capitalised run that names a person not asked about: not a place or body, not the question's own name."""
    words = name.replace("-", " ").split()
    if words[-1].lower() in _NOT_PERSON or words[-1] in {"Korea", "Japan", "China", "America"}:
        return False
    return not set(tokenize(name)) <= set(asked)


def form_terms(question: str) -> frozenset[str]:
    """Search terms that only say what kind of answer is wanted: "many" in "how many", "long" and "last"
    in "how long does it last". They name nothing to find, and "at the last minute" is no answer."""
    match = _KIND.match(question)
    if match is None or not match.group(1).lower().startswith("how"):
        return frozenset()
    words = set(tokenize(match.group(1)))
    if asked_kind(question) == "duration":
        words |= set(tokenize("last lasts lasted take takes took"))
    return frozenset(words)


def prefer_kind(question: str, hits: Sequence[Hit], corpus: Corpus, terms: Sequence[str] | None = None) -> list[Hit]:
    """``hits`` re-ranked: a passage with a sentence of the asked kind gains up to ``BOOST`` times its score,
    in proportion to the share of the question's weight that sentence holds; coverage is unchanged.

    ``terms`` are the terms searched (without greetings and thanks); by default the question's own.
    """
    kind = asked_kind(question)
    if kind is None:
        return list(hits)
    if terms is None:
        terms = [t for t in tokenize(question) if t not in form_terms(question)]
    weights = _seen_weights(corpus.index, terms)
    future = is_forecast(question)
    head = [replace(h, score=h.score * _gain(kind, h.position, corpus, weights, future)) for h in hits[:RERANKED]]
    return sorted(head, key=lambda h: h.score, reverse=True) + list(hits[RERANKED:])


def _seen_weights(index: SearchIndex, terms: Sequence[str]) -> dict[str, float]:
    """Each term's idf weight (aliases expanded), a term the corpus lacks weighing no more than the heaviest it has.

    No sentence holds a word the corpus lacks, yet idf gives it the most weight of all: it would shrink every
    sentence's share alike and take the asked kind's say away ("How long is the pact valid?").
    """
    weights = index.term_weights(terms)
    absent = index.idf("\0")
    heaviest = max((w for w in weights.values() if w < absent), default=0.0)
    return {t: min(w, heaviest) for t, w in weights.items()}


def _gain(kind: str, position: int, corpus: Corpus, weights: Mapping[str, float], future: bool) -> float:
    """How much a passage gains: more when its sentence of the asked kind holds more of the question."""
    total = sum(weights.values())
    if not total:
        return 1.0
    passage = corpus.passages[position]
    published = corpus.articles[passage.article_id].published
    best = 0.0
    for (start, end), terms in zip(passage.sentences, corpus.sentence_terms(position), strict=True):
        sentence = passage.text[start:end]
        share = sum(weights.get(t, 0.0) for t in terms) / total
        if share > best and sentence_holds(kind, sentence, published, weights.keys(), future):
            best = share
    # Half the gain for holding the kind beside a question word, the other half by how much of the question.
    return 1 + (BOOST - 1) * (1 + best) / 2 if best else 1.0


def lacks_asked_kind(question: str, hits: Sequence[Hit], corpus: Corpus, query: Query) -> bool:
    """Whether the question asks for a kind of answer that no sentence of the top ``CHECKED`` passages speaking
    to it holds: "How old is Han Min-koo?" over passages that name him but give no age.

    A sentence speaks to the question when it holds ``ON_TOPIC`` of its weight, matched as passages are
    (``Matching``: a bridged word counts for the word it stands for, "Korean" for "Korea", GSOMIA for its long
    form); dates are not counts, so "How many lawmakers ..." is not answered by "Nov. 23", and a count must
    count what is asked: "three opposition parties" does not answer "How many civic groups ...".
    """
    kind = asked_kind(question)
    weights, bridges = query.weights, query.bridges
    total = sum(weights.values())
    if kind not in CHECKED_KINDS or not total:
        return False
    counted = counted_term(question, weights) if kind == "number" else None
    matching = Matching(corpus.index, query)
    for hit in hits[:CHECKED]:
        passage = corpus.passages[hit.position]
        published = corpus.articles[passage.article_id].published
        for (start, end), words in zip(passage.sentences, corpus.sentence_terms(hit.position), strict=True):
            sentence = passage.text[start:end]
            if sum(weights[t] for t in matching.weights(words)) / total < ON_TOPIC:
                continue
            if kind in {"number", "amount", "age", "percent", "measure"}:
                sentence = _without_dates(sentence, published)
            if kind == "number" and counted:
                if _counts(sentence, counted, bridges):
                    return False
            elif sentence_holds(kind, sentence, published, weights.keys(), is_forecast(question)):
                return False
    return True


def counted_term(question: str, weights: Mapping[str, float]) -> str | None:
    """The term "how many" counts ("lawmakers" in "How many lawmakers voted ...?"); None if it is not searched."""
    match = _KIND.match(question)
    if match is None:
        return None
    following = [t for t in tokenize(question[match.end() :]) if t in weights]
    return following[0] if following else None


def _counts(sentence: str, counted: str, bridges: Mapping[str, Collection[str]]) -> bool:
    """Whether ``sentence`` puts a number just before the counted term ("20 missile launches", "three ...
    opposition parties"): a number elsewhere counts something else."""
    terms = tokenize(sentence)
    wanted = {counted, *bridges.get(counted, ())}
    return any(
        term in wanted and any(_NUMBER.fullmatch(t) for t in terms[max(0, at - COUNT_REACH) : at])
        for at, term in enumerate(terms)
    )


def _without_dates(sentence: str, published: date | None) -> str:
    """``sentence`` with its time expressions blanked out, so only the numbers that count things are left."""
    for mention in reversed(find_time_expressions(sentence, published, tense=False)):
        sentence = sentence[: mention.start] + " " * (mention.end - mention.start) + sentence[mention.end :]
    return _YEAR.sub(" ", sentence)
