"""The saved corpus: cleaned articles, passages, terms, timeline and engine index, kept between starts.

Saved in a cache folder (next to the database by default) and keyed by each file's content hash:
a start or reload redoes the per-article work (cleaning, splitting, tokenizing, dates) only for
files that are new or changed, drops removed ones, and reuses everything when nothing changed.

The save is the bot's own file, but it is validated before use: a format version, a stamp of the
code that produced it (a new tokenizer or cleaner makes it stale), and a SHA-256 of the payload.
Anything stale, corrupt or unreadable is rebuilt, never trusted, and the unpickler accepts only the
bot's own data classes, so even a file planted in the cache folder cannot run code.

Layout of ``snapshot.bin``: a magic line, a JSON header line, then length-prefixed chunks: the small
things pickled, then each array of the passage terms and the passage table as raw bytes (read back
without unpickling a million objects; the passages' text is a file of its own, see ``text_file``), then the
timeline and the per-file parts pickled a slice at a time (no chunk is a large share of the corpus, so writing
one never needs much memory). The chunks are loaded one by one, so a loader in a worker thread lets an event
loop keep running.
"""

from __future__ import annotations

import dataclasses
import enum
import gc
import hashlib
import io
import json
import logging
import mmap
import os
import pickle
import shutil
import struct
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from bot import messages
from bot.core.control_chars import printable_name
from bot.core.corpus import ArticleParts, Corpus, assemble_corpus, empty_corpus, lexicon_from, split_article
from bot.core.ingest.ids import article_id_for, claim_order
from bot.core.ingest.read import article_in, read_entry, stated_entries, with_unique_id
from bot.core.models import Article, FileProblem
from bot.core.passage_table import FIELDS as PASSAGE_FIELDS
from bot.core.passage_table import PassageTable
from bot.core.progress import Progress, no_progress
from bot.core.search.engines import AUTO, FAST, Engine, EngineChoice
from bot.core.search.engines.reference import ReferenceEngine
from bot.core.search.index import SearchIndex
from bot.core.search.terms import Packed, PassageTerms
from bot.core.store.arrivals import Arrivals
from bot.core.store.batches import Batch, process_files
from bot.core.store.text_file import (
    TextFile,
    TextWriter,
    hash_blocks,
    is_text_file_name,
    map_text,
    unused_text_files,
    write_text,
)
from bot.core.timeline.mentions import EventMention
from bot.core.timeline.periods import Period
from bot.errors import CorpusError

log = logging.getLogger(__name__)

FORMAT_VERSION = 9
SNAPSHOT_FILE = "snapshot.bin"
_MAGIC = b"news-qa-bot saved corpus\n"
_PARTS_PER_CHUNK = 1000
# The timeline is pickled this many events at a time: pickled whole (114k events at a million passages) its
# buffer and the pickler's memo added half a gigabyte to a first build's peak.
_EVENTS_PER_CHUNK = 5000
# Below this many files to process, a process pool costs more than it saves.
_POOL_FROM = 200
_FILES_PER_TASK = 50
# The code whose output the save holds: if any of it changes, the save is stale.
_STAMPED = (
    "core/ingest",
    "core/search",
    "core/timeline",
    "core/corpus.py",
    "core/models.py",
    "core/passage_table.py",
    "core/store/snapshot.py",
    "core/store/batches.py",
    "core/store/arrivals.py",
    "core/store/text_file.py",
)


def code_stamp() -> str:
    """A hash of the source of everything that turns files into a corpus."""
    root = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256(str(FORMAT_VERSION).encode())
    for name in _STAMPED:
        path = root / name
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(source.relative_to(root).as_posix().encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:32]


# The unpickler builds only data classes and enums of these modules, dates and plain containers.
_ALLOWED_MODULES = frozenset(
    {
        "bot.core.models",
        "bot.core.corpus",
        "bot.core.timeline.events",
        "bot.core.timeline.mentions",
        "bot.core.timeline.tense",
        "bot.core.timeline.periods",
    }
)
_ALLOWED_BUILTINS = {("datetime", "date"), ("builtins", "frozenset"), ("builtins", "set")}


class _SafeUnpickler(pickle.Unpickler):
    """Builds only the bot's own data classes and plain containers; anything else is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED_BUILTINS:
            return super().find_class(module, name)
        if module in _ALLOWED_MODULES:
            found = super().find_class(module, name)
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a saved corpus")


class _Pickler(pickle.Pickler):
    """Saves the bot's data classes as their constructor's arguments: loading them back through ``__init__``
    is several times faster than the generic state of frozen, slotted data classes (200k+ objects at 100k
    passages)."""

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if not isinstance(obj, type) and dataclasses.is_dataclass(kind) and _by_init(kind):
            return kind, tuple(getattr(obj, name) for name in _FIELD_NAMES[kind])
        return NotImplemented


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _by_init(kind: type) -> bool:
    """Whether ``kind``'s ``__init__`` takes every field (then its arguments rebuild an object)."""
    if kind not in _FIELD_NAMES:
        found = dataclasses.fields(kind)
        _FIELD_NAMES[kind] = tuple(f.name for f in found) if all(f.init for f in found) else ()
    return bool(_FIELD_NAMES[kind])


def _dumps(chunk: Any) -> memoryview:
    """``chunk`` pickled, as a view of the pickle's own buffer; an array as a view of its own bytes."""
    if isinstance(chunk, np.ndarray):
        return np.ascontiguousarray(chunk).reshape(-1).view(np.uint8).data  # flat bytes, even of an empty array
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(chunk)
    return buffer.getbuffer()


# The arrays saved raw after the first chunk, in order, with their types: the passage terms, then the passages.
_TERM_ARRAYS: dict[str, type[np.generic]] = {
    "ids": np.int32,
    "offsets": np.int64,
    "sentence_ends": np.int32,
    "sentence_offsets": np.int64,
    # A pure function of the terms, but a restart would spend seconds recomputing it at scale.
    "document_frequency": np.int64,
    # Each term's count over all passages (the lexicon's): counting 60M term ids again took seconds.
    "term_counts": np.int64,
}


# The passage arrays saved raw after the terms', in order: all but the text, which is a file of its own (``text_file``).
_PASSAGE_ARRAYS = {name: dtype for name, dtype in PASSAGE_FIELDS.items() if name != "text"}
# The chunks read through a memory map, not into memory: the raw arrays (and the parts' details, see ``load``). A
# restart then holds only the pages a question reads (the term ids alone are ~240 MB at a million passages).
_MAPPED = range(1, 1 + len(_TERM_ARRAYS) + len(_PASSAGE_ARRAYS))


class SnapshotError(ValueError):
    """A saved corpus that cannot be used (missing, stale or corrupt); the message says which."""


@dataclass(frozen=True)
class Saved:
    """A validated saved corpus.

    Its parts come without their dated mentions and alias evidence: those are needed only to assemble a
    corpus again (a start or reload with changed files), so they stay pickled in ``details`` until then.
    """

    corpus: Corpus
    engine_folder: Path | None
    details: tuple[bytes | memoryview, ...] = ()
    # The file the passages' text is mapped from.
    text_file: TextFile | None = None

    def full_parts(self) -> dict[str, ArticleParts]:
        """The saved parts with their mentions and alias evidence, by file name."""
        found = [detail for data in self.details for detail in _unpickle(data)]
        if len(found) != len(self.corpus.parts):
            raise SnapshotError("the saved corpus is damaged (parts and their details disagree)")
        return {
            part.article.file_name: replace(part, mentions=mentions, acronyms=acronyms, capitalised=capitalised)
            for part, (mentions, acronyms, capitalised) in zip(self.corpus.parts, found, strict=True)
        }


def _chunks(corpus: Corpus) -> Iterator[Any]:
    terms = corpus.index.terms
    distinct: dict[Period, int] = {}
    # Most passages date nothing: only (passage, period) pairs of the ones that do are kept.
    dating = [(n, distinct.setdefault(p, len(distinct))) for n, ps in enumerate(corpus.passage_periods) for p in ps]
    yield {
        "folder": str(corpus.folder),
        "problems": corpus.problems,
        "vocabulary": terms.vocabulary,
        "article_ids": corpus.passages.article_ids,
        "aliases": dict(corpus.index.aliases),
        "words": corpus.lexicon.words,
        # Each distinct period once; which passages date which are two arrays (below).
        "periods": list(distinct),
        "timeline_chunks": -(-len(corpus.timeline) // _EVENTS_PER_CHUNK),
        "part_chunks": -(-len(corpus.parts) // _PARTS_PER_CHUNK),
    }
    term_arrays: dict[str, npt.NDArray[Any]] = {
        "ids": terms.ids,
        "offsets": terms.offsets,
        "sentence_ends": terms.sentence_ends,
        "sentence_offsets": terms.sentence_offsets,
        "document_frequency": terms.document_frequency(),
        "term_counts": np.fromiter(
            (corpus.lexicon.term_counts.get(term, 0) for term in terms.vocabulary), np.int64, len(terms.vocabulary)
        ),
    }
    for name, dtype in _TERM_ARRAYS.items():
        yield term_arrays[name].astype(dtype, copy=False)
    passage_arrays = corpus.passages.arrays()
    for name, dtype in _PASSAGE_ARRAYS.items():
        yield passage_arrays[name].astype(dtype, copy=False)
    yield np.asarray(dating, dtype=np.int32).reshape(-1, 2)
    for start in range(0, len(corpus.timeline), _EVENTS_PER_CHUNK):
        yield corpus.timeline[start : start + _EVENTS_PER_CHUNK]
    # The parts, then apart their details (see ``Saved``): a start with nothing changed never unpickles these.
    for start in range(0, len(corpus.parts), _PARTS_PER_CHUNK):
        yield [_summary(part) for part in corpus.parts[start : start + _PARTS_PER_CHUNK]]
    for start in range(0, len(corpus.parts), _PARTS_PER_CHUNK):
        yield [
            (part.mentions, part.acronyms, part.capitalised) for part in corpus.parts[start : start + _PARTS_PER_CHUNK]
        ]


def _summary(part: ArticleParts) -> ArticleParts:
    return replace(part, mentions=(), acronyms=(), capitalised=())


def save(corpus: Corpus, cache: Path, engine_folder: Path | None, text_file: TextFile | None = None) -> None:
    """Write ``corpus`` to ``cache`` atomically (a reader sees the old save or the new one, never half).

    Chunks are written as they are pickled, never the whole payload in memory (over a gigabyte at a million
    passages); the header's checksum is written over a placeholder of the same length at the end. The
    passages' text is ``text_file`` (a file in ``cache`` holding exactly it) or is written to a new one.
    """
    cache.mkdir(parents=True, exist_ok=True)
    table = corpus.passages
    if text_file is None or text_file.path.parent != cache or not _holds(text_file, table):
        _, text_file = write_text(cache, table.arrays()["text"])
    header = {
        "version": FORMAT_VERSION,
        "code": code_stamp(),
        "sha256": _PLACEHOLDER,
        "engine": corpus.index.engine.name,
        "engine_folder": engine_folder.name if engine_folder is not None else None,
        "text_file": text_file.path.name,
        "text_size": text_file.size,
        "text_sha256": text_file.sha256,
    }
    head = _MAGIC + json.dumps(header).encode() + b"\n"
    temporary = cache / f"{SNAPSHOT_FILE}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with temporary.open("wb") as handle:
            handle.write(head)
            digest = hashlib.sha256()
            for chunk in _chunks(corpus):
                data = _dumps(chunk)
                for piece in (bytes(-handle.tell() % _ALIGN), struct.pack("<Q", len(data)), data):
                    digest.update(piece)
                    handle.write(piece)
                del data
            handle.seek(head.index(_PLACEHOLDER.encode()))
            handle.write(digest.hexdigest().encode())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, cache / SNAPSHOT_FILE)
    finally:
        temporary.unlink(missing_ok=True)
    _remove_unused(cache, engine_folder, text_file)


def _holds(text_file: TextFile, table: PassageTable) -> bool:
    """Whether ``text_file`` is ``table``'s text as a save keeps it (from its first passage's start)."""
    return bool(table.text_offsets[0] == 0) and len(table.text) == text_file.size


# Where the checksum goes while the payload is written: as long as a SHA-256 in hex, and never one.
_PLACEHOLDER = "-" * 64


def _remove_unused(cache: Path, keep: Path | None, text_file: TextFile) -> None:
    """Delete engine folders and text files no save refers to (a corpus still serving from one keeps its open
    files)."""
    for folder in cache.glob("engine-*"):
        if folder.is_dir() and (keep is None or folder.name != keep.name):
            shutil.rmtree(folder, ignore_errors=True)
    for path in unused_text_files(cache, text_file):
        path.unlink(missing_ok=True)


def load(cache: Path) -> Saved:
    """The corpus saved in ``cache``, validated; ``SnapshotError`` says why it cannot be used."""
    path = cache / SNAPSHOT_FILE
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise SnapshotError("no saved corpus yet") from None
    except OSError as error:
        raise SnapshotError(f"cannot read the saved corpus: {error}") from None
    # Loading builds hundreds of thousands of objects and no cycles: the cyclic collector would only
    # walk the growing heap again and again (a third of a restart's time at 100k passages).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with handle:
            header = _read_header(handle)
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            # The details (see ``Saved``) are mapped too, once the first chunk tells where they start.
            layout: dict[str, int] = {}
            chunks = _read_chunks(handle, header, lambda n: n in _MAPPED or n >= layout.get("details", n + 1))
            first = _unpickle(next(chunks))
            layout["details"] = 2 + len(_MAPPED) + first["timeline_chunks"] + first["part_chunks"]
            terms = {name: _array(mapped, next(chunks), dtype) for name, dtype in _TERM_ARRAYS.items()}
            passages = {name: _array(mapped, next(chunks), dtype) for name, dtype in _PASSAGE_ARRAYS.items()}
            dating = np.frombuffer(_data(next(chunks)), dtype=np.int32).reshape(-1, 2)
            first["timeline"] = [event for _ in range(first["timeline_chunks"]) for event in _unpickle(next(chunks))]
            parts = [part for _ in range(first["part_chunks"]) for part in _unpickle(next(chunks))]
            # Reading on to the end checks the checksum: nothing read is used before that.
            details = tuple(_view(mapped, chunk) for chunk in chunks)
        if len(details) != first["part_chunks"]:
            raise SnapshotError("the saved corpus is damaged (parts and their details disagree)")
        text_file = _text_file(cache, header)
        passages["text"] = map_text(text_file)
        saved = _corpus_from(first, terms, passages, dating, parts, header, cache)
        return replace(saved, details=details, text_file=text_file)
    except SnapshotError:
        raise
    except Exception as error:  # the payload is read before its checksum is known: any failure is damage
        raise SnapshotError(f"the saved corpus cannot be read: {error!r}") from None
    finally:
        if collecting:
            gc.enable()


_HEADER_LIMIT = 64 * 1024
# Each chunk starts where the file's length is a multiple of this (after zero bytes), so its data does too:
# the raw arrays are then seen in a memory map as they are, aligned.
_ALIGN = 8


def _read_header(handle: io.BufferedReader) -> dict[str, Any]:
    """The save's header, checked to be this code's; the file is left at the payload."""
    if handle.read(len(_MAGIC)) != _MAGIC:
        raise SnapshotError("not a saved corpus")
    try:
        header = json.loads(handle.readline(_HEADER_LIMIT))
    except ValueError:
        raise SnapshotError("the saved corpus has a damaged header") from None
    if not isinstance(header, dict) or header.get("version") != FORMAT_VERSION or header.get("code") != code_stamp():
        raise SnapshotError("the saved corpus was made by another version of the bot")
    return header


def _text_file(cache: Path, header: dict[str, Any]) -> TextFile:
    """The text file the header names, which must be one of the cache folder's own."""
    name, size, sha256 = header.get("text_file"), header.get("text_size"), header.get("text_sha256")
    if not isinstance(name, str) or not is_text_file_name(name) or not isinstance(size, int):
        raise SnapshotError("the saved corpus has a damaged header")
    return TextFile(cache / name, size, str(sha256))


def _unpickle(data: bytes | memoryview | _Place) -> Any:
    return _SafeUnpickler(io.BytesIO(data if isinstance(data, memoryview) else _data(data))).load()


class _Place(NamedTuple):
    """Where a chunk's data is in the save (a chunk that is memory-mapped, not read)."""

    offset: int
    size: int


def _data(chunk: bytes | _Place) -> bytes:
    if not isinstance(chunk, bytes):
        raise SnapshotError("the saved corpus is damaged (a chunk out of place)")
    return chunk


def _view(mapped: mmap.mmap, chunk: bytes | _Place) -> memoryview:
    """A chunk of the save, seen in its memory map: read (and brought into memory) only if it is used."""
    if not isinstance(chunk, _Place):
        raise SnapshotError("the saved corpus is damaged (a chunk out of place)")
    return memoryview(mapped)[chunk.offset : chunk.offset + chunk.size]


def _array(mapped: mmap.mmap, chunk: bytes | _Place, dtype: type[np.generic]) -> npt.NDArray[Any]:
    """A raw array of the save, seen in its memory map (``_MAPPED``)."""
    if not isinstance(chunk, _Place) or chunk.size % np.dtype(dtype).itemsize:
        raise SnapshotError("the saved corpus is damaged (an array out of place)")
    return np.frombuffer(mapped, dtype=dtype, count=chunk.size // np.dtype(dtype).itemsize, offset=chunk.offset)


def _read_chunks(
    handle: io.BufferedReader, header: dict[str, Any], mapped: Callable[[int], bool]
) -> Iterator[bytes | _Place]:
    """The payload's chunks, read one at a time (never the whole file in memory), then its checksum checked.

    The chunks whose number ``mapped`` accepts are read only for the checksum and given as their place, to be seen in a
    memory map. Unpickling before the checksum is known is safe: the unpickler builds only the bot's data
    classes, and nothing built is used unless the checksum matches in the end.
    """
    remaining = os.fstat(handle.fileno()).st_size - handle.tell()
    digest = hashlib.sha256()
    number = 0
    while remaining > 0:
        pad = handle.read(min(-handle.tell() % _ALIGN, remaining))
        digest.update(pad)
        remaining -= len(pad)
        if not remaining:
            break
        prefix = handle.read(8)
        (size,) = struct.unpack("<Q", prefix) if len(prefix) == 8 else (remaining,)
        remaining -= 8
        if size > remaining:  # a damaged length: never ask for more than the file holds
            raise SnapshotError("the saved corpus is damaged (cut short)")
        digest.update(prefix)
        remaining -= size
        if mapped(number):
            yield _Place(handle.tell(), size)
            if hash_blocks(handle, digest, size) != size:
                raise SnapshotError("the saved corpus is damaged (cut short)")
        else:
            data = handle.read(size)
            digest.update(data)
            yield data
        number += 1
    if digest.hexdigest() != header.get("sha256"):
        raise SnapshotError("the saved corpus is damaged (checksum mismatch)")


def _corpus_from(
    first: dict[str, Any],
    term_arrays: dict[str, npt.NDArray[Any]],
    passage_arrays: dict[str, npt.NDArray[Any]],
    dating: npt.NDArray[np.int32],
    parts: list[ArticleParts],
    header: dict[str, Any],
    cache: Path,
) -> Saved:
    counts = term_arrays.pop("term_counts")
    terms = PassageTerms(list(first["vocabulary"]), *term_arrays.values())
    passages = PassageTable.from_arrays(first["article_ids"], passage_arrays)
    if not len(terms) == len(passages) == len(terms.sentence_offsets) - 1 == sum(p.passage_count for p in parts):
        raise ValueError("passages and terms disagree")
    if len(terms.document_frequency()) != len(terms.vocabulary):
        raise ValueError("the document frequencies and the vocabulary disagree")
    engine_folder = cache / header["engine_folder"] if header.get("engine_folder") else None
    engine: Engine
    if header["engine"] == FAST and engine_folder is not None:
        from bot.core.search.engines.fast import TantivyEngine

        engine = TantivyEngine.open(engine_folder)
        if engine.size != len(passages):
            raise ValueError("the engine index and the passages disagree")
    else:
        engine = ReferenceEngine(terms)
    distinct: list[Period] = first["periods"]
    dated: dict[int, list[Period]] = {}
    for position, number in dating.tolist():
        dated.setdefault(position, []).append(distinct[number])
    if dated and not 0 <= min(dated) <= max(dated) < len(passages):
        raise ValueError("a dated passage is outside the passages")
    corpus = Corpus(
        Path(first["folder"]),
        {part.article.article_id: part.article for part in parts},
        passages,
        SearchIndex.over(terms, first["aliases"], engine),
        tuple(first["problems"]),
        tuple(first["timeline"]),
        _dated_passages(dated, len(passages)),
        lexicon_from(dict(first["words"]), terms, counts),
        tuple(parts),
    )
    return Saved(corpus, engine_folder)


def _dated_passages(dated: dict[int, list[Period]], count: int) -> tuple[frozenset[Period], ...]:
    """Each of ``count`` passages' periods (most have none: the one empty set stands for them all)."""
    periods: list[frozenset[Period]] = [frozenset()] * count
    for position, found in dated.items():
        periods[position] = frozenset(found)
    return tuple(periods)


def _process(files: list[tuple[str, bytes | str]], workers: int, progress: Progress) -> Iterator[Batch]:
    """``process_files`` over all ``files`` in batches, in file order, in a process pool when there are enough."""
    total = len(files)
    batches = [files[n : n + _FILES_PER_TASK] for n in range(0, total, _FILES_PER_TASK)]
    done = 0
    progress("reading articles", 0, total)
    if workers <= 1 or total < _POOL_FROM:
        for batch in batches:
            yield process_files(batch)
            done += len(batch)
            progress("reading articles", done, total)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for size, result in zip(map(len, batches), pool.map(process_files, batches), strict=True):
            yield result
            done += size
            progress("reading articles", done, total)


def refresh(
    folder: Path,
    cache: Path,
    engine: EngineChoice = AUTO,
    progress: Progress = no_progress,
    workers: int = 1,
) -> Corpus:
    """The corpus of ``folder``, reusing the save in ``cache`` for unchanged files, and saved again if it changed.

    Raises ``CorpusError`` when the folder is missing or no article in it can be used.
    """
    # Until it is known whether the save serves as it is, the cyclic collector is paused: objects are made for
    # each of 100,000 files and none form cycles, and each collection would walk the whole loaded corpus again
    # (seconds of a restart at a million passages). A build then runs with it, as any other work.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _refresh(folder, cache, engine, progress, workers, gc.enable if collecting else gc.disable)
    finally:
        if collecting:
            gc.enable()


def _refresh(
    folder: Path,
    cache: Path,
    engine: EngineChoice,
    progress: Progress,
    workers: int,
    resume_collecting: Callable[[], None],
) -> Corpus:
    if not folder.is_dir():
        raise CorpusError(messages.CORPUS_MISSING.format(path=folder))
    try:
        saved: Saved | None = load(cache)
    except SnapshotError as error:
        log.info("building the corpus from scratch: %s", error)
        saved = None
    old_parts: dict[str, tuple[int, ArticleParts]] = {}
    if saved is not None:
        at = 0
        for part in saved.corpus.parts:
            old_parts[part.article.file_name] = (at, part)
            at += part.passage_count
    problems: list[FileProblem] = []
    names: list[str] = []
    infos: dict[str, os.stat_result | None] = {}
    reused: dict[str, ArticleParts] = {}
    restamped = False
    read_again = False
    # A file with nothing saved is read by the worker that processes it (the bytes never wait here).
    to_process: list[tuple[str, bytes | str]] = []
    trusted_before = time.time_ns() - _RACY_NS
    for entry in stated_entries(folder):
        if isinstance(entry, FileProblem):
            problems.append(entry)
            continue
        path, info = entry
        name = path.name
        old = old_parts.get(name)
        stamp = file_stamp(info, trusted_before)
        if old is None or (stamp is not None and old[1].stamp == stamp):
            names.append(name)
            infos[name] = info
            if old is None:
                to_process.append((name, str(path)))
            else:
                reused[name] = old[1]
            continue
        read_again = True
        data = read_entry(path)
        if isinstance(data, FileProblem):
            problems.append(data)
            continue
        names.append(name)
        infos[name] = info
        if old is not None and old[1].article.content_hash == hashlib.sha256(data).hexdigest():
            reused[name] = replace(old[1], stamp=stamp)
            restamped = restamped or stamp != old[1].stamp
        else:
            to_process.append((name, data))
    if saved is not None and not read_again and not to_process and len(reused) == len(saved.corpus.parts):
        unchanged = _unchanged(saved, folder, problems, engine)
        if unchanged is not None:
            return unchanged
    resume_collecting()
    term_ids = dict(saved.corpus.index.terms.term_ids) if saved is not None else {}
    words = dict(saved.corpus.lexicon.words) if saved is not None else {}
    fresh: dict[str, ArticleParts] = {}
    arrivals = Arrivals(term_ids, TextWriter(cache))
    # Each batch unpickles its own copy of every capitalised word; one copy each is kept (a fifth of the parts'
    # memory at a million passages was these words, nearly all repeated across articles).
    known: dict[str, str] = {}
    periods: dict[Period, Period] = {}
    for batch in _process(to_process, workers, progress):
        problems.extend(result for result in batch.results if isinstance(result, FileProblem))
        for word, term in batch.words.items():
            words.setdefault(word, term)
        for part in arrivals.add(batch):
            name = part.article.file_name
            capitalised = tuple([known.setdefault(word, word) for word in part.capitalised])
            fresh[name] = replace(
                part,
                stamp=file_stamp(infos[name], trusted_before),
                capitalised=capitalised,
                mentions=_sharing_periods(part.mentions, periods),
            )
    parts: list[ArticleParts] = []
    owners: dict[str, str] = {}
    for name in sorted(names, key=lambda name: claim_order(folder / name, infos[name])):
        found = reused.get(name) or fresh.get(name)
        if found is None:
            continue
        part = found
        # Ids are unique across files: a file whose id another took since it was saved is split again.
        article, collision = with_unique_id(replace(part.article, article_id=article_id_for(name)), owners)
        if collision is not None:
            problems.append(collision)
        if article.article_id != part.article.article_id:
            # Only the id changes: the terms are those of the same text, packed already or saved. Parts keep no
            # paragraphs (see ``process_files``), so the file is read again to split it.
            reused.pop(name, None)
            whole = _with_text(folder / name, article)
            if isinstance(whole, FileProblem):
                problems.append(whole)
                fresh.pop(name, None)
                continue
            part = replace(
                split_article(whole), article=article, tokens=None, words=None, sentence_lengths=None, stamp=part.stamp
            )
            fresh[name] = part
        parts.append(part)
    if not parts:
        raise empty_corpus(folder, problems)
    parts.sort(key=lambda part: part.article.file_name)
    problems.sort(key=lambda problem: problem.file_name)
    names = [part.article.file_name for part in parts]
    engine_name = engine.resolve(sum(p.passage_count for p in parts))
    if (
        saved is not None
        and not fresh
        and len(reused) == len(saved.corpus.parts)
        and saved.corpus.index.engine.name == engine_name
    ):
        corpus = replace(saved.corpus, folder=folder, problems=tuple(problems))
        if restamped:  # files read again only to learn their status: keep it, so the next start need not
            corpus = replace(corpus, parts=tuple(_with_details(parts, reused, saved)))
            _save_or_warn(corpus, cache, saved.engine_folder, saved.text_file)
        return corpus
    parts = _with_details(parts, reused, saved)
    terms, passages = arrivals.read()
    text_file = arrivals.text_file
    # A first build (or one where every file is new) read the files in the corpus's order: the arrivals are the
    # corpus's terms and passages as they are. Otherwise they are put together from saved and new runs.
    if reused or any(part.passages for part in parts) or list(arrivals.runs) != names:
        terms, passages = _joined(names, parts, old_parts, arrivals, saved)
        passages, text_file = _text_in_file(passages, cache)
    engine_folder = cache / f"engine-{uuid.uuid4().hex[:12]}" if engine_name == FAST else None
    if engine_folder is not None:
        engine_folder.mkdir(parents=True)
    corpus = assemble_corpus(folder, parts, problems, engine, terms, engine_folder, progress, words, passages)
    _save_or_warn(corpus, cache, engine_folder, text_file)
    return corpus


def _text_in_file(passages: PassageTable, cache: Path) -> tuple[PassageTable, TextFile | None]:
    """``passages`` with their text written to a text file and read from it, as a first build's are (in memory
    as they are, if the file cannot be written)."""
    try:
        text, text_file = write_text(cache, passages.arrays()["text"])
    except OSError as error:
        log.warning("passage text is kept in memory: %s cannot be written (%s)", cache, error)
        return passages, None
    arrays = {**passages.arrays(), "text": text}
    return PassageTable.from_arrays(passages.article_ids, arrays), text_file


def _sharing_periods(mentions: tuple[EventMention, ...], periods: dict[Period, Period]) -> tuple[EventMention, ...]:
    """``mentions`` dated by one copy of each period (kept in ``periods``): each batch unpickles its own copies,
    and most periods are dated by many articles (a year, a day in the news, the days before publication)."""
    shared = []
    for mention in mentions:
        period = periods.setdefault(mention.period, mention.period)
        shared.append(mention if period is mention.period else replace(mention, period=period))
    return tuple(shared)


def _joined(
    names: list[str],
    parts: list[ArticleParts],
    old_parts: dict[str, tuple[int, ArticleParts]],
    arrivals: Arrivals,
    saved: Saved | None,
) -> tuple[PassageTerms, PassageTable]:
    """The corpus's terms and passages from runs of the save's and of the new arrivals', in ``names``' order."""
    _, new_passages = arrivals.read()
    pieces: list[range | Packed] = []
    tables: list[PassageTable | range] = []
    for name, part in zip(names, parts, strict=True):
        start = old_parts[name][0] if name in old_parts else 0
        saved_run = range(start, start + part.passage_count)
        run = arrivals.runs.get(name)
        pieces.append(arrivals.packed(run) if run is not None else saved_run)
        previous = tables[-1] if tables else None
        if part.passages:  # split again above for a new id: the passages' ids changed, their terms did not
            tables.append(PassageTable.of(part.passages))
        elif run is not None:
            tables.append(new_passages.take(run.start, run.stop))
        elif isinstance(previous, range) and previous.stop == start:  # neighbouring unchanged files: one run
            tables[-1] = range(previous.start, saved_run.stop)
        else:
            tables.append(saved_run)
    terms = PassageTerms.assemble(saved.corpus.index.terms if saved else None, pieces, arrivals.term_ids)
    return terms, PassageTable.concat([_passages_of(run, saved) for run in tables])


def _with_text(path: Path, article: Article) -> Article | FileProblem:
    """``article`` with its paragraphs and removed lines (captions are passages), read again from its file; a
    problem if the file changed or went since."""
    found = article_in(path)
    if isinstance(found, FileProblem):
        return found
    if found.content_hash != article.content_hash:
        return FileProblem(printable_name(path.name), messages.CORPUS_FILE_CHANGED_WHILE_LOADING)
    return replace(article, paragraphs=found.paragraphs, removed=found.removed)


def _with_details(
    parts: list[ArticleParts], reused: dict[str, ArticleParts], saved: Saved | None
) -> list[ArticleParts]:
    """``parts`` with the saved details of the ones taken from the save (with the status found now)."""
    if saved is None or not reused:
        return parts
    full = saved.full_parts()
    return [
        replace(full[part.article.file_name], stamp=part.stamp) if part.article.file_name in reused else part
        for part in parts
    ]


def _unchanged(saved: Saved, folder: Path, problems: list[FileProblem], engine: EngineChoice) -> Corpus | None:
    """The saved corpus as it is, when every file it holds is there with the status it was saved with.

    Equal statuses mean equal modification times, so the files claim their ids in the same order as when
    saved: the ids, and the notes on files whose id was taken (``loaded``), are the saved ones.
    """
    if saved.corpus.index.engine.name != engine.resolve(len(saved.corpus.passages)):
        return None
    notes = [problem for problem in saved.corpus.problems if problem.loaded]
    return replace(
        saved.corpus, folder=folder, problems=tuple(sorted([*problems, *notes], key=lambda problem: problem.file_name))
    )


def _passages_of(run: PassageTable | range, saved: Saved | None) -> PassageTable:
    """A run of passages for the new corpus: new passages, or a ``range`` of the saved corpus's."""
    if isinstance(run, PassageTable):
        return run
    assert saved is not None, "a run of saved passages needs the save"
    return saved.corpus.passages.take(run.start, run.stop)


def _save_or_warn(corpus: Corpus, cache: Path, engine_folder: Path | None, text_file: TextFile | None) -> None:
    try:
        save(corpus, cache, engine_folder, text_file)
    except OSError as error:
        log.warning("the corpus could not be saved in %s (the next start rebuilds it): %s", cache, error)


# A file changed within this long before its status was taken could change again with the same status
# (file systems keep times at a granularity of up to 2 s): such a status is not trusted (git's "racy" files).
_RACY_NS = 3_000_000_000


def file_stamp(info: os.stat_result | None, trusted_before: int) -> tuple[int, int, int, int] | None:
    """What a file's unchanged status proves: its size, times and inode, as git's index keeps them.

    A start skips reading and hashing a file whose stamp is the one recorded with its content hash. Any
    write changes the modification and change times (and usually the size); replacing the file changes
    the inode. None (always read) for a link, or a file changed shortly before ``trusted_before``.
    """
    if info is None or info.st_mtime_ns >= trusted_before:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino
