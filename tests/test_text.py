"""Fitting text into limits: cuts at sentence ends or words, and packing lines into chunks."""

from __future__ import annotations

import pytest

from bot.text import pack_lines, shorten

LONG = " ".join(f"Sentence number {n} talks about the intelligence pact at some length." for n in range(200))


@pytest.mark.parametrize("limit", [20, 100, 256, 1024, 4096])
def test_shorten_fits_and_cuts_at_boundaries(limit: int) -> None:
    """Cut text fits the limit, ends with an ellipsis, and never splits a word."""
    cut = shorten(LONG, limit)
    assert len(cut) <= limit and cut.endswith("…")
    words = set(LONG.split())
    assert all(w in words for w in cut.rstrip(" …").split())


def test_shorten_prefers_a_sentence_end() -> None:
    """When a sentence ends in the second half of the room, the cut falls there."""
    assert shorten("First sentence is here. Second sentence runs on and on and on.", 40) == "First sentence is here. …"


def test_short_text_is_untouched() -> None:
    """Text within the limit comes back as it was."""
    assert shorten("Seoul.", 10) == "Seoul."


def test_pack_lines_fills_chunks_in_order() -> None:
    """Lines are grouped in order into chunks within the limit; a line too long alone is shortened."""
    lines = [f"line {n} " * 10 for n in range(50)] + [LONG]
    chunks = pack_lines(lines, 500)
    assert all(len(c) <= 500 for c in chunks)
    assert "\n".join(chunks).startswith("\n".join(lines[:3]))
    assert chunks[-1].endswith("…")
