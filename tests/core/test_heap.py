"""Freed heap memory is handed back to the operating system."""

from __future__ import annotations

import platform
import sys

import pytest

from bot.core.heap import _malloc_trim, release_freed_memory


def _anonymous_kb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("RssAnon:"))


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="glibc's malloc_trim"
)
def test_freed_small_allocations_leave_memory_once_released() -> None:
    """Memory freed between allocations still alive (which the heap cannot shrink past) leaves the process."""
    assert _malloc_trim() is not None
    blocks = [bytes(2048) for _ in range(40_000)]  # above pymalloc's sizes: from the C library's heap
    kept = blocks[::64]
    del blocks
    before = _anonymous_kb()
    release_freed_memory()
    assert before - _anonymous_kb() > 30_000
    assert len(kept) == 625
