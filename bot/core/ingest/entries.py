"""Which entries of a corpus folder are articles, and reading one without trusting its size, kind or links."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from bot.core.ingest.html import HTML_SUFFIXES

ARTICLE_SUFFIXES = (".txt", ".md", *HTML_SUFFIXES)
MAX_ARTICLE_BYTES = 5_000_000


class EntryError(ValueError):
    """A folder entry cannot be read as an article file; the message is the reason an admin reads."""


def is_ignored(name: str) -> bool:
    """Hidden files and the folder's README are neither loaded nor reported, nor touched by corpus tools."""
    return name.startswith(".") or name.lower() == "readme.md"


def has_article_suffix(name: str) -> bool:
    # The suffix as ``Path(name).suffix`` reads it ("" for "a." or ".txt"), without making a Path for each of
    # 100,000 files listed at a start.
    dot = name.rfind(".")
    return 0 < dot < len(name) - 1 and name[dot:].lower() in ARTICLE_SUFFIXES


def is_article_file(path: Path) -> bool:
    """The loader reads this entry: a regular, visible, non-README .txt/.md/.html file inside its folder."""
    return not is_ignored(path.name) and has_article_suffix(path.name) and skip_reason(path, path.parent) is None


def skip_reason(path: Path, folder: Path) -> str | None:
    """Why the loader skips ``path`` (a link out of the folder, a folder, a device, another type), or None."""
    if path.is_symlink():
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # links that lead to each other (RuntimeError before Python 3.13)
            return "skipped: a link that leads round in a loop"
        if not target.is_relative_to(folder.resolve()):
            return "skipped: a link to a file outside the corpus folder"
    if path.is_dir():
        return "skipped: a folder, not a file"
    if not path.is_file():
        return "skipped: not a regular file (a device, pipe, socket or broken link)"
    if not has_article_suffix(path.name):
        return "skipped: only .txt, .md and .html files are read"
    return None


def read_bounded(path: Path, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; the size is checked before reading.

    Never reads more than ``limit + 1`` bytes, so a huge, sparse or growing file (or ``/dev/zero``)
    costs nothing. Opening without blocking keeps a named pipe from hanging the reader.
    """
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise EntryError("not a regular file (a folder, device, pipe or socket)")
        if info.st_size > limit:
            raise EntryError(f"the file is {info.st_size:,} bytes; the limit is {limit:,}")
        # Ask for the size found, not the limit: a read of ``limit + 1`` allocates that much and shrinks it,
        # leaving each small file's bytes in a memory map of its own, and 65,530 maps end the process.
        data = file.read(min(info.st_size, limit) + 1)
        if len(data) > info.st_size:  # it grew since: read on, to the limit
            data += file.read(limit + 1 - len(data))
    if len(data) > limit:
        raise EntryError(f"the file is over {limit:,} bytes; the limit is {limit:,}")
    return data
