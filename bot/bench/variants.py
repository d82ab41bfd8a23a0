"""Benchmark: a question written otherwise (chat around it, lower case, capitals, one slip) gets the same answer.

Each question of a file is asked as written and in every variant; a variant whose quoted passages differ
from the written question's is a miss, and "refused" when the written question was answered and the
variant was not. The chat wrappers come in two groups, reported apart: the ones the chat reading was built
on, and ones written before it was built and kept out of its design.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.core.answer.evaluate import read_questions
from bot.core.models import Answer
from bot.core.service import QAService
from bot.errors import QuestionError

# "{q}" is the question as written, "{lq}" the same with a lower-case first letter.
DESIGN_WRAPPERS = (
    "hey, {q}", "Hi! {q}", "hello there {q}", "Good morning, {q}", "{q} thanks!", "{q} thx", "{q} Thank you.",
    "please, {q}", "{lq} please?", "Can you tell me {lq}", "could you tell me, {q}", "yo {q}", "hey bot, {q}",
    "{q} cheers", "quick question: {q}", "I was wondering, {q}", "hi, {q} ty", "{q} :)", "{q} lol",
    "Hey! Quick q - {q}", "ok so {q}", "um, {q}", "sorry to bother, {q}", "{q}??", "Hello, I'd like to know {lq}",
    "{q} Many thanks in advance!",
)  # fmt: skip
CHECK_WRAPPERS = (
    "Hiya, {q}", "Morning all! {q}", "So, {lq}", "Do you know {lq}", "Any idea {lq}", "Question for the bot: {q}",
    "{q} Thanks a lot!", "{q} much appreciated", "{q} thank you so much :)", "Hey there, I was curious: {lq}",
    "Excuse me, {lq}", "Hello bot! Could you please tell me {lq}", "Greetings. {q}", "{q} Cheers mate!",
    "heyyy {lq} thx", "Good evening! {q}", "Random question, {lq}", "Pardon me, {lq}", "One more question: {q}",
    "{q} Thanks so much for your help!",
)  # fmt: skip
_LONG_WORD = re.compile(r"[A-Za-z]{6,}")
# Seeds of the slips: each picks, per question, one word of six letters or more and one slip in it.
SLIP_SEEDS = (7, 8)


def slip(question: str, rng: random.Random) -> str:
    """``question`` with one slip (a letter dropped, doubled, or two swapped) in one of its longer words."""
    words = _LONG_WORD.findall(question)
    if not words:
        return question
    word = rng.choice(words)
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "swap", "double"))
    if kind == "drop":
        slipped = word[:at] + word[at + 1 :]
    elif kind == "swap":
        slipped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    else:
        slipped = word[:at] + word[at] + word[at:]
    return question.replace(word, slipped, 1)


def _wrapped(wrappers: Sequence[str]) -> list[Callable[[str], str]]:
    """Each wrapper as a function of the question."""
    return [functools.partial(_wrap, wrapper) for wrapper in wrappers]


def _wrap(wrapper: str, question: str) -> str:
    return wrapper.format(q=question, lq=question[:1].lower() + question[1:])


def _slipped(seed: int, question: str) -> str:
    """``question`` with the slip ``seed`` picks for it (the same on every run)."""
    return slip(question, random.Random(f"{seed}:{question}"))


def bench_variants(questions_path: Path, service: QAService) -> dict[str, Any]:
    """For each kind of variant: how many of the file's questions (times its variants) get other passages."""
    questions = [q.question for q in read_questions(questions_path)]
    written = {q: _quoted(service, q) for q in questions}
    kinds: dict[str, list[Callable[[str], str]]] = {
        "chat_design": _wrapped(DESIGN_WRAPPERS),
        "chat_check": _wrapped(CHECK_WRAPPERS),
        "lower_case": [str.lower],
        "capitals": [str.upper],
        "slip": [functools.partial(_slipped, seed) for seed in SLIP_SEEDS],
    }
    report: dict[str, Any] = {"questions": len(questions)}
    for name, variants in kinds.items():
        asked = differ = refused = 0
        for question in questions:
            for variant in variants:
                quoted = _quoted(service, variant(question))
                asked += 1
                differ += quoted != written[question]
                refused += bool(written[question]) and not quoted
        report[name] = {"asked": asked, "other_passages": differ, "answered_then_refused": refused}
    return report


def _quoted(service: QAService, question: str) -> tuple[str, ...]:
    """The passages the answer quotes (its first page), none when refused or rejected."""
    try:
        answer: Answer = service.ask(question)
    except QuestionError:
        return ()
    return tuple(q.passage.passage_id for q in answer.quotes)
