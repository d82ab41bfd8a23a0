"""Hands heap memory a large step freed back to the operating system, where the C library would keep it."""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where there is none (another C library, another system)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim  # the process's own C library
    except (OSError, AttributeError):
        return None
    return trim


def release_freed_memory() -> None:
    """Give the freed pages of the heap back to the operating system (glibc keeps them for reuse otherwise).

    A step that frees a lot of small allocations leaves them resident: after the engine index is built, the
    indexer's freed buffers stayed in a first build's memory through the timeline stage (46 MB at 100,000
    passages)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
