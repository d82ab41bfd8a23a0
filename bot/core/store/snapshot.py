"""The saved corpus: cleaned articles, passages, terms, timeline and engine index, kept between starts.

Saved in a cache folder (next to the database by default) and keyed by each file's content hash:
a start or reload redoes the per-article work (cleaning, splitting, tokenizing, dates) only for
files that are new or changed, drops removed ones, and reuses everything when nothing changed.

The save is the bot's own file, but it is validated before use: a format version, a stamp of the
code that produced it (a new tokenizer or cleaner makes it stale), and a SHA-256 of the payload.
Anything stale, corrupt or unreadable is rebuilt, never trusted, and the unpickler accepts only the
bot's own data classes, so even a file planted in the cache folder cannot run code.

Layout of ``snapshot.bin``: a magic line, a JSON header line, then length-prefixed pickled chunks.
The chunks are loaded one by one, so a loader in a worker thread lets an event loop keep running.
"""

from __future__ import annotations

import dataclasses
import enum
import gc
import hashlib
import io
import json
import logging
import os
import pickle
import shutil
import struct
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np

from bot import messages
from bot.core.corpus import ArticleParts, Corpus, assemble_corpus, encoded, lexicon_from, split_article
from bot.core.ingest.ids import article_id_for, claim_order
from bot.core.ingest.read import article_or_problem, corpus_entries, read_entry, with_unique_id
from bot.core.models import FileProblem
from bot.core.progress import Progress, no_progress
from bot.core.search.engines import AUTO, FAST, Engine, EngineChoice
from bot.core.search.engines.reference import ReferenceEngine
from bot.core.search.index import SearchIndex
from bot.core.search.terms import Encoded, PassageTerms
from bot.errors import CorpusError

log = logging.getLogger(__name__)

FORMAT_VERSION = 3
SNAPSHOT_FILE = "snapshot.bin"
_MAGIC = b"news-qa-bot saved corpus\n"
_PARTS_PER_CHUNK = 1000
# Below this many files to process, a process pool costs more than it saves.
_POOL_FROM = 200
_FILES_PER_TASK = 50
# The code whose output the save holds: if any of it changes, the save is stale.
_STAMPED = ("core/ingest", "core/search", "core/timeline", "core/corpus.py", "core/models.py", "core/store/snapshot.py")


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


def _dumps(chunk: Any) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(chunk)
    return buffer.getvalue()


class SnapshotError(ValueError):
    """A saved corpus that cannot be used (missing, stale or corrupt); the message says which."""


@dataclass(frozen=True)
class Saved:
    """A validated saved corpus."""

    corpus: Corpus
    engine_folder: Path | None


def _chunks(corpus: Corpus) -> Iterator[Any]:
    terms = corpus.index.terms
    yield {
        "folder": str(corpus.folder),
        "problems": corpus.problems,
        "vocabulary": terms.vocabulary,
        "ids": terms.ids.tobytes(),
        "offsets": terms.offsets.tobytes(),
        "sentence_ends": terms.sentence_ends.tobytes(),
        "sentence_offsets": terms.sentence_offsets.tobytes(),
        # A pure function of the terms, but a restart would spend seconds recomputing it at scale.
        "document_frequency": terms.document_frequency().tobytes(),
        "aliases": dict(corpus.index.aliases),
        "words": corpus.lexicon.words,
        "timeline": corpus.timeline,
        # Most passages date nothing: keep only the ones that do.
        "periods": {n: p for n, p in enumerate(corpus.passage_periods) if p},
    }
    for start in range(0, len(corpus.parts), _PARTS_PER_CHUNK):
        yield corpus.parts[start : start + _PARTS_PER_CHUNK]


def save(corpus: Corpus, cache: Path, engine_folder: Path | None) -> None:
    """Write ``corpus`` to ``cache`` atomically (a reader sees the old save or the new one, never half)."""
    cache.mkdir(parents=True, exist_ok=True)
    payload = io.BytesIO()
    for chunk in _chunks(corpus):
        data = _dumps(chunk)
        payload.write(struct.pack("<Q", len(data)))
        payload.write(data)
    body = payload.getvalue()
    header = {
        "version": FORMAT_VERSION,
        "code": code_stamp(),
        "sha256": hashlib.sha256(body).hexdigest(),
        "engine": corpus.index.engine.name,
        "engine_folder": engine_folder.name if engine_folder is not None else None,
    }
    temporary = cache / f"{SNAPSHOT_FILE}.{uuid.uuid4().hex[:8]}.tmp"
    with temporary.open("wb") as handle:
        handle.write(_MAGIC + json.dumps(header).encode() + b"\n" + body)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, cache / SNAPSHOT_FILE)
    _remove_unused_engines(cache, engine_folder)


def _remove_unused_engines(cache: Path, keep: Path | None) -> None:
    """Delete engine folders no save refers to (a corpus still serving from one keeps its open files)."""
    for folder in cache.glob("engine-*"):
        if folder.is_dir() and (keep is None or folder.name != keep.name):
            shutil.rmtree(folder, ignore_errors=True)


def load(cache: Path) -> Saved:
    """The corpus saved in ``cache``, validated; ``SnapshotError`` says why it cannot be used."""
    path = cache / SNAPSHOT_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SnapshotError("no saved corpus yet") from None
    except OSError as error:
        raise SnapshotError(f"cannot read the saved corpus: {error}") from None
    if not data.startswith(_MAGIC):
        raise SnapshotError("not a saved corpus")
    header_end = data.find(b"\n", len(_MAGIC))
    try:
        header = json.loads(data[len(_MAGIC) : header_end])
    except ValueError:
        raise SnapshotError("the saved corpus has a damaged header") from None
    if not isinstance(header, dict) or header.get("version") != FORMAT_VERSION or header.get("code") != code_stamp():
        raise SnapshotError("the saved corpus was made by another version of the bot")
    body = memoryview(data)[header_end + 1 :]
    if hashlib.sha256(body).hexdigest() != header.get("sha256"):
        raise SnapshotError("the saved corpus is damaged (checksum mismatch)")
    # Loading builds hundreds of thousands of objects and no cycles: the cyclic collector would only
    # walk the growing heap again and again (a third of a restart's time at 100k passages).
    collecting = gc.isenabled()
    gc.disable()
    try:
        first, *part_chunks = list(_read_chunks(body))
        return _corpus_from(first, [p for chunk in part_chunks for p in chunk], header, cache)
    except (pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError, AttributeError, OSError) as error:
        raise SnapshotError(f"the saved corpus cannot be read: {error}") from None
    finally:
        if collecting:
            gc.enable()


def _read_chunks(body: memoryview) -> Iterator[Any]:
    at = 0
    while at < len(body):
        (size,) = struct.unpack_from("<Q", body, at)
        at += 8
        yield _SafeUnpickler(io.BytesIO(body[at : at + size])).load()
        at += size


def _corpus_from(first: dict[str, Any], parts: list[ArticleParts], header: dict[str, Any], cache: Path) -> Saved:
    terms = PassageTerms(
        list(first["vocabulary"]),
        np.frombuffer(first["ids"], dtype=np.int32),
        np.frombuffer(first["offsets"], dtype=np.int64),
        np.frombuffer(first["sentence_ends"], dtype=np.int32),
        np.frombuffer(first["sentence_offsets"], dtype=np.int64),
        np.frombuffer(first["document_frequency"], dtype=np.int64),
    )
    passages = tuple(p for part in parts for p in part.passages)
    if not len(terms) == len(passages) == len(terms.sentence_offsets) - 1:
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
    periods: dict[int, frozenset[Any]] = first["periods"]
    corpus = Corpus(
        Path(first["folder"]),
        {part.article.article_id: part.article for part in parts},
        passages,
        SearchIndex.over(terms, first["aliases"], engine),
        tuple(first["problems"]),
        tuple(first["timeline"]),
        tuple(periods.get(n, frozenset()) for n in range(len(passages))),
        lexicon_from(dict(first["words"]), terms),
        tuple(parts),
    )
    return Saved(corpus, engine_folder)


def process_files(files: Sequence[tuple[str, bytes]]) -> list[ArticleParts | FileProblem]:
    """Clean, split, tokenize and date each (file name, bytes); a bad file becomes a problem (runs in a worker)."""
    results: list[ArticleParts | FileProblem] = []
    for name, data in files:
        article = article_or_problem(name, data)
        results.append(article if isinstance(article, FileProblem) else split_article(article))
    return results


def _process(files: list[tuple[str, bytes]], workers: int, progress: Progress) -> list[ArticleParts | FileProblem]:
    """``process_files`` over all ``files``, in a process pool when there are enough of them."""
    total = len(files)
    batches = [files[n : n + _FILES_PER_TASK] for n in range(0, total, _FILES_PER_TASK)]
    results: list[ArticleParts | FileProblem] = []
    progress("reading articles", 0, total)
    if workers <= 1 or total < _POOL_FROM:
        for batch in batches:
            results.extend(process_files(batch))
            progress("reading articles", len(results), total)
        return results
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for done in pool.map(process_files, batches):
            results.extend(done)
            progress("reading articles", len(results), total)
    return results


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
            at += len(part.passages)
    problems: list[FileProblem] = []
    names: list[str] = []
    reused: dict[str, ArticleParts] = {}
    to_process: list[tuple[str, bytes]] = []
    for entry in corpus_entries(folder):
        data = entry if isinstance(entry, FileProblem) else read_entry(entry)
        if isinstance(data, FileProblem):
            problems.append(data)
            continue
        assert isinstance(entry, Path)
        names.append(entry.name)
        old = old_parts.get(entry.name)
        if old is not None and old[1].article.content_hash == hashlib.sha256(data).hexdigest():
            reused[entry.name] = old[1]
        else:
            to_process.append((entry.name, data))
    fresh: dict[str, ArticleParts] = {}
    for result in _process(to_process, workers, progress):
        if isinstance(result, FileProblem):
            problems.append(result)
        else:
            fresh[result.article.file_name] = result
    parts: list[ArticleParts] = []
    owners: dict[str, str] = {}
    for name in sorted(names, key=lambda name: claim_order(folder / name)):
        found = reused.get(name) or fresh.get(name)
        if found is None:
            continue
        part = found
        # Ids are unique across files: a file whose id another took since it was saved is split again.
        article, collision = with_unique_id(replace(part.article, article_id=article_id_for(name)), owners)
        if collision is not None:
            problems.append(collision)
        if article.article_id != part.article.article_id:
            part = split_article(article)
            reused.pop(name, None)
            fresh[name] = part
        parts.append(part)
    if not parts:
        raise CorpusError(messages.CORPUS_EMPTY.format(path=folder))
    parts.sort(key=lambda part: part.article.file_name)
    problems.sort(key=lambda problem: problem.file_name)
    names = [part.article.file_name for part in parts]
    engine_name = engine.resolve(sum(len(p.passages) for p in parts))
    if (
        saved is not None
        and not fresh
        and len(reused) == len(saved.corpus.parts)
        and saved.corpus.index.engine.name == engine_name
    ):
        return replace(saved.corpus, folder=folder, problems=tuple(problems))
    pieces: list[range | list[Encoded]] = []
    for name, part in zip(names, parts, strict=True):
        if name in reused:
            start = old_parts[name][0]
            pieces.append(range(start, start + len(part.passages)))
        else:
            pieces.append(encoded(part))
    terms = PassageTerms.assemble(saved.corpus.index.terms if saved else None, pieces)
    engine_folder = cache / f"engine-{uuid.uuid4().hex[:12]}" if engine_name == FAST else None
    if engine_folder is not None:
        engine_folder.mkdir(parents=True)
    known_words = saved.corpus.lexicon.words if saved else None
    corpus = assemble_corpus(folder, parts, problems, engine, terms, engine_folder, progress, known_words)
    try:
        save(corpus, cache, engine_folder)
    except OSError as error:
        log.warning("the corpus could not be saved in %s (the next start rebuilds it): %s", cache, error)
    return corpus
