"""Passage text kept in a file of its own beside the save, memory-mapped instead of held in memory.

The passages' text is the largest thing a corpus holds (~450 MB at a million passages, a third of what a
first build held once the articles were read). A build writes it to a file as the batches arrive, and the
corpus reads it through a memory map: a page is brought in when a question quotes a passage on it, and the
operating system can drop it again. A restart maps the saved file the same way.
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

# Text files are named like this in the cache folder; a save's header names one, checked against the pattern.
_NAME = re.compile(r"text-[0-9a-f]{12}\.bin")
_READ_BLOCK = 1 << 20


@dataclass(frozen=True)
class TextFile:
    """A file of passage text in the cache folder: its path, length in bytes and SHA-256 (hex)."""

    path: Path
    size: int
    sha256: str


def is_text_file_name(name: str) -> bool:
    """Whether ``name`` is one a text file is given (a save's header is checked with this)."""
    return _NAME.fullmatch(name) is not None


def unused_text_files(cache: Path, keep: TextFile | None) -> list[Path]:
    """The text files in ``cache`` other than ``keep``."""
    return [
        path
        for path in cache.glob("text-*.bin")
        if is_text_file_name(path.name) and (keep is None or path.name != keep.path.name)
    ]


class TextWriter:
    """Passage text appended to a new file in ``folder``, then memory-mapped whole; held in memory instead when
    there is no folder or it cannot be written (a corpus is still built, it only cannot be saved)."""

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder
        self._memory = bytearray()
        self._digest = hashlib.sha256()
        self._size = 0
        self._path: Path | None = None
        self._handle: BinaryIO | None = None

    def _open(self) -> None:
        """Make the file at the first write (a build that adds no passage leaves none behind)."""
        folder, self._folder = self._folder, None
        if folder is None:
            return
        path = folder / f"text-{uuid.uuid4().hex[:12]}.bin"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._handle = path.open("xb")
            self._path = path
        except OSError as error:
            log.warning("passage text is kept in memory: %s cannot be written (%s)", path, error)

    def write(self, data: memoryview | bytes) -> None:
        """Append ``data``."""
        self._open()
        if self._handle is not None:
            try:
                self._handle.write(data)
            except OSError as error:
                log.warning("passage text is kept in memory from here: %s cannot be written (%s)", self._path, error)
                self._to_memory()
            else:
                self._digest.update(data)
                self._size += len(data)
                return
        self._memory += data

    def _to_memory(self) -> None:
        """Move what was written to memory (a full disk, say): the build goes on without a file."""
        assert self._handle is not None and self._path is not None
        self._handle.close()
        self._handle = None
        self._memory = bytearray(self._path.read_bytes()[: self._size])
        self._path.unlink(missing_ok=True)
        self._path = None

    def finish(self) -> tuple[npt.NDArray[np.uint8], TextFile | None]:
        """All the text written, memory-mapped from its file (with the file), or in memory (with None)."""
        if self._handle is not None and self._path is not None:
            try:
                self._handle.flush()
                os.fsync(self._handle.fileno())
                self._handle.close()
                self._handle = None
                found = TextFile(self._path, self._size, self._digest.hexdigest())
                return _mapped(found), found
            except OSError as error:
                log.warning("passage text is kept in memory: %s cannot be read back (%s)", self._path, error)
                self._handle = None
                self._memory = bytearray(self._path.read_bytes()[: self._size])
        return np.frombuffer(self._memory, dtype=np.uint8), None


def write_text(folder: Path, text: npt.NDArray[np.uint8]) -> tuple[npt.NDArray[np.uint8], TextFile]:
    """``text`` written to a new text file in ``folder``, and read back from it (``OSError`` if it cannot be)."""
    writer = TextWriter(folder)
    writer.write(b"")  # the file, even for no text
    for start in range(0, len(text), _READ_BLOCK):
        writer.write(np.ascontiguousarray(text[start : start + _READ_BLOCK]).data)
    mapped, found = writer.finish()
    if found is None:
        raise OSError(f"cannot write passage text in {folder}")
    return mapped, found


def map_text(found: TextFile) -> npt.NDArray[np.uint8]:
    """The text of ``found``, memory-mapped read-only; ``ValueError`` if the file is not what ``found`` says."""
    digest = hashlib.sha256()
    with found.path.open("rb") as handle:
        # Read through the file, not the map: checking the hash then brings no page into this process's memory.
        size = hash_blocks(handle, digest)
    if size != found.size or digest.hexdigest() != found.sha256:
        raise ValueError(f"the passage text in {found.path.name} is damaged")
    return _mapped(found)


def hash_blocks(handle: BinaryIO, digest: Any, size: int | None = None) -> int:
    """Read ``handle`` into ``digest`` a block at a time, none of it kept: ``size`` bytes (all, if None) or up to
    the end of the file, whichever comes first; the number of bytes read."""
    read = 0
    while size is None or read < size:
        block = handle.read(_READ_BLOCK if size is None else min(size - read, _READ_BLOCK))
        if not block:
            break
        digest.update(block)
        read += len(block)
    return read


def _mapped(found: TextFile) -> npt.NDArray[np.uint8]:
    if not found.size:  # an empty file cannot be mapped
        return np.zeros(0, dtype=np.uint8)
    with found.path.open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), found.size, access=mmap.ACCESS_READ)
    return np.frombuffer(mapped, dtype=np.uint8)
