"""Benchmark: time of the cleaning and date patterns on adversarial text of growing size, to show it grows linearly.

Each input repeats a piece that once made a pattern backtrack (issue #9): wire tags missing their bracket,
runs of capitals after a bracket, "skip to" links, Markdown markers, separators, acronym brackets, dates.
A pattern that backtracks grows ~100x (quadratic) or far worse (exponential) per tenfold input; a linear
one grows ~10x. Times are the best of a few runs, because shared machines are noisy.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

from bot.core.ingest.passages import split_passages
from bot.core.ingest.read import parse_article
from bot.core.timeline.anchors import ArticleClock
from bot.core.timeline.periods import quarter

SIZES = (1_000, 10_000, 100_000)
_REPEATS = 3

# Named adversarial inputs: one unit repeated, after an opening that makes the match worth trying.
ADVERSARIAL: dict[str, tuple[str, str]] = {
    "wire tag missing its bracket": ("(UPDATE 2 ", "SEOUL AND TOKYO "),
    "bracket then capitals": ("(", "A"),
    "skip links": ("skip to ", "xgo to "),
    "markdown emphasis": ("", "_a "),
    "markdown links": ("", "[a]("),
    "separators and bullets": ("", "Home | World • "),
    "acronym brackets": ("", "(AB) "),
    "dates and times": ("", "Nov. 9, 2016 10:30 (KST) "),
    "years and ranges": ("", "from 2012 to 2016-17, "),
    "years spelled out": ("the year ", "two thousand and nineteen oh seventy-"),
    "capitals and datelines": ("", "SEOUL -- TOKYO (Yonhap) "),
}


def adversarial_text(name: str, size: int) -> str:
    """The input ``name`` at ``size`` characters."""
    opening, unit = ADVERSARIAL[name]
    return (opening + unit * (size // len(unit) + 1))[:size]


def _best_seconds(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(_REPEATS):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def clean_text(text: str) -> None:
    """What loading an article does to its text: front matter, cleaning, inference, passages."""
    split_passages(parse_article("adversarial.txt", text.encode("utf-8")))


def find_dates(text: str) -> None:
    """The date patterns the timeline runs over an article's sentences, those anchored to a reported quarter too."""
    clock = ArticleClock(date(2016, 11, 23))
    clock.quarter = quarter(2016, 3)
    clock.read(text)


STAGES: dict[str, Callable[[str], None]] = {"cleaning": clean_text, "dates": find_dates}


def bench_patterns(sizes: Sequence[int] = SIZES) -> list[dict[str, Any]]:
    """Seconds per stage and input at each size, with the ratio of each size's time to the previous one's."""
    rows = []
    for name in ADVERSARIAL:
        for stage, run in STAGES.items():
            seconds = [_best_seconds(partial(_tolerant, run, adversarial_text(name, size))) for size in sizes]
            ratios = {
                f"{_label(big)}/{_label(small)}": round(t_big / max(t_small, 1e-6), 1)
                for small, big, t_small, t_big in zip(sizes, sizes[1:], seconds, seconds[1:], strict=False)
            }
            rows.append(
                {
                    "input": name,
                    "stage": stage,
                    "seconds": {_label(size): round(t, 5) for size, t in zip(sizes, seconds, strict=True)},
                    "ratios": ratios,
                }
            )
    return rows


def _label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def _tolerant(run: Callable[[str], None], text: str) -> None:
    """Run a stage; an input the loader refuses (nothing left once cleaned) still took its time."""
    with contextlib.suppress(ValueError):
        run(text)
