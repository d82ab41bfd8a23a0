"""Fitting text into a platform's limits: cut at sentence ends, join lines up to a size, pack lines into chunks."""

from __future__ import annotations

import re
from collections.abc import Sequence

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s")


def shorten(text: str, limit: int) -> str:
    """``text`` if it fits, else cut at the last sentence end (or else word) that fits, marked with an ellipsis."""
    if len(text) <= limit:
        return text
    room = text[: limit - 2]
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(room)]
    if sentence_ends and sentence_ends[-1] > limit // 2:
        return room[: sentence_ends[-1]].rstrip() + " …"
    space = room.rfind(" ")
    cut = room[:space] if space > 0 else room
    return cut.rstrip(" ,;:") + "…"


def join_within(lines: Sequence[str], limit: int) -> str:
    """Join lines, dropping the ones that do not fit and saying how many."""
    kept: list[str] = []
    used = 0
    for n, line in enumerate(lines):
        line = shorten(line, limit)
        if used + len(line) + 1 > limit - 40:
            kept.append(f"… and {len(lines) - n} more")
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)


def pack_lines(lines: Sequence[str], limit: int, separator: str = "\n") -> list[str]:
    """Group consecutive lines into chunks of at most ``limit`` characters; a longer line is shortened alone."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = shorten(line, limit)
        if current and len(current) + len(separator) + len(line) > limit:
            chunks.append(current)
            current = ""
        current = f"{current}{separator}{line}" if current else line
    if current:
        chunks.append(current)
    return chunks
