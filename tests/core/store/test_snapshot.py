"""The saved corpus is reused for unchanged files, redone for changed ones, and rebuilt when stale or damaged."""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import pickle
import struct
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from bot import messages
from bot.core.corpus import Corpus
from bot.core.ingest.read import article_in
from bot.core.models import FileProblem
from bot.core.search.engines import EngineChoice
from bot.core.search.tokenize import tokenize
from bot.core.store import snapshot
from bot.core.store.snapshot import SNAPSHOT_FILE, SnapshotError, load, refresh

TANTIVY = EngineChoice("tantivy")
REUTERS = "2016-11-14-reuters-preliminary-pact"


class Steps:
    """Records progress reports, to see how many files a refresh processed."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.calls.append((stage, done, total))

    def files_processed(self) -> int:
        return max((total for stage, _, total in self.calls if stage == "reading articles"), default=0)


def _top_article(corpus: Corpus, question: str) -> str:
    hits = corpus.index.search(tokenize(question))
    return corpus.passages[hits[0].position].article_id


def test_an_unchanged_folder_is_served_from_the_save(corpus_copy: Path, tmp_path: Path) -> None:
    """The second start processes no file and answers exactly as the first build did."""
    cache = tmp_path / "cache"
    first = refresh(corpus_copy, cache, TANTIVY)
    steps = Steps()
    again = refresh(corpus_copy, cache, TANTIVY, steps)
    assert steps.files_processed() == 0
    assert again.index.engine.name == "tantivy"
    assert [p.passage_id for p in again.passages] == [p.passage_id for p in first.passages]
    assert again.timeline == first.timeline and again.passage_periods == first.passage_periods
    assert again.index.aliases == first.index.aliases
    assert again.lexicon == first.lexicon and again.lexicon.term_counts
    saved, built = again.index.terms, first.index.terms
    assert (saved.document_frequency() == built.document_frequency()).all()
    assert [saved.sentence_sets(n) for n in range(len(saved))] == [built.sentence_sets(n) for n in range(len(built))]
    terms = tokenize("Who is Han Min-koo?")
    assert again.index.search(terms) == first.index.search(terms)


def test_a_changed_file_is_redone_and_a_removed_one_dropped(corpus_copy: Path, tmp_path: Path) -> None:
    """Only the changed file is processed again; its new text is searchable, the removed article is gone."""
    cache = tmp_path / "cache"
    refresh(corpus_copy, cache, TANTIVY)
    dw = next(corpus_copy.glob("*dw*"))
    paragraphs = dw.read_text(encoding="utf-8").split("\n\n")
    middle = len(paragraphs) // 2  # inside the article: cleaning may drop a closing one-liner as furniture
    added = "The zebra parade in Ulsan drew large crowds of residents on the waterfront, officials said."
    dw.write_text("\n\n".join([*paragraphs[:middle], added, *paragraphs[middle:]]), "utf-8")
    next(corpus_copy.glob("*reuters*")).unlink()
    steps = Steps()
    corpus = refresh(corpus_copy, cache, TANTIVY, steps)
    assert steps.files_processed() == 1
    assert REUTERS not in corpus.articles and len(corpus.articles) == 4
    assert not any(p.article_id == REUTERS for p in corpus.passages)
    assert _top_article(corpus, "zebra parade Ulsan") == dw.stem
    assert len(corpus.index.terms) == len(corpus.passages) == corpus.index.engine.size  # type: ignore[attr-defined]
    restarted = refresh(corpus_copy, cache, TANTIVY)
    assert _top_article(restarted, "zebra parade Ulsan") == dw.stem


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short by a crash or a full disk
        lambda data: data[:-100] + bytes(b ^ 0xFF for b in data[-100:]),  # flipped bytes
        lambda data: b"not a saved corpus at all",
    ],
)
def test_a_damaged_save_is_rebuilt_not_trusted(corpus_copy: Path, tmp_path: Path, damage) -> None:
    """A truncated, corrupted or foreign save is refused, and the next start rebuilds every file."""
    cache = tmp_path / "cache"
    expected = refresh(corpus_copy, cache)
    saved = cache / SNAPSHOT_FILE
    saved.write_bytes(damage(saved.read_bytes()))
    with pytest.raises(SnapshotError):
        load(cache)
    steps = Steps()
    rebuilt = refresh(corpus_copy, cache, progress=steps)
    assert steps.files_processed() == 5
    assert [p.passage_id for p in rebuilt.passages] == [p.passage_id for p in expected.passages]
    load(cache)  # the rebuilt save is valid again


def test_a_save_from_other_code_is_stale(corpus_copy: Path, tmp_path: Path) -> None:
    """A save stamped by another version of the processing code is not used."""
    cache = tmp_path / "cache"
    refresh(corpus_copy, cache)
    saved = cache / SNAPSHOT_FILE
    magic, header, body = saved.read_bytes().split(b"\n", 2)
    stamp = json.loads(header)
    stamp["code"] = "0" * 32
    saved.write_bytes(magic + b"\n" + json.dumps(stamp).encode() + b"\n" + body)
    with pytest.raises(SnapshotError, match="another version"):
        load(cache)


class Planted:
    """An object whose unpickling would run a command."""

    def __reduce__(self):
        return (print, ("this must never run",))


def test_a_planted_save_cannot_run_code(corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Even with a valid checksum, a save holding anything but the bot's data classes is refused."""
    cache = tmp_path / "cache"
    refresh(corpus_copy, cache)
    saved = cache / SNAPSHOT_FILE
    magic, header, _ = saved.read_bytes().split(b"\n", 2)
    body = _framed(len(magic) + len(header) + 2, [pickle.dumps(Planted())])
    stamp = json.loads(header)
    stamp["sha256"] = hashlib.sha256(body).hexdigest()
    saved.write_bytes(magic + b"\n" + json.dumps(stamp).encode() + b"\n" + body)
    with pytest.raises(SnapshotError, match="not allowed"):
        load(cache)
    assert "must never run" not in capsys.readouterr().out
    assert len(refresh(corpus_copy, cache).articles) == 5


def _age(folder: Path, seconds: float) -> None:
    """Set every file's modification time ``seconds`` into the past (as a corpus copied long ago has)."""
    for path in folder.iterdir():
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - int(seconds * 1e9)))


def _same_size_edit(path: Path) -> None:
    """Change one word of ``path`` for another of the same length, keeping its size."""
    text = path.read_text(encoding="utf-8")
    assert " said " in text
    path.write_text(text.replace(" said ", " waved ", 1).replace(" the ", " an ", 1), encoding="utf-8")
    assert len(path.read_bytes()) == len(text.encode())


def test_a_file_status_recorded_with_its_hash_is_trusted_only_while_it_matches(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Old files get a recorded status; a same-size rewrite, even with its old mtime put back, is redone."""
    cache = tmp_path / "cache"
    _age(corpus_copy, 3600)
    refresh(corpus_copy, cache, TANTIVY)
    assert all(part.stamp is not None for part in load(cache).corpus.parts)
    dw = next(corpus_copy.glob("*dw*"))
    before = dw.stat()
    _same_size_edit(dw)
    os.utime(dw, ns=(before.st_atime_ns, before.st_mtime_ns))  # size and mtime as recorded: the ctime differs
    steps = Steps()
    corpus = refresh(corpus_copy, cache, TANTIVY, steps)
    assert steps.files_processed() == 1
    assert "waved" in " ".join(p.text for p in corpus.passages if p.article_id == dw.stem)
    steps = Steps()
    refresh(corpus_copy, cache, TANTIVY, steps)
    assert steps.files_processed() == 0


def test_a_file_changed_just_now_is_hashed_every_time(corpus_copy: Path, tmp_path: Path) -> None:
    """A file written moments ago gets no trusted status (it could change again within the same tick)."""
    cache = tmp_path / "cache"
    _age(corpus_copy, 3600)
    dw = next(corpus_copy.glob("*dw*"))
    os.utime(dw)  # modified now
    refresh(corpus_copy, cache)
    stamps = {part.article.file_name: part.stamp for part in load(cache).corpus.parts}
    assert stamps[dw.name] is None
    assert sum(stamp is not None for stamp in stamps.values()) == len(stamps) - 1


def test_a_build_through_worker_processes_equals_one_in_process(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches processed in a real process pool (their results pickled back) give the same corpus and terms."""
    alone = refresh(corpus_copy, tmp_path / "alone")
    monkeypatch.setattr(snapshot, "_POOL_FROM", 2)
    monkeypatch.setattr(snapshot, "_FILES_PER_TASK", 2)
    pooled = refresh(corpus_copy, tmp_path / "pooled", workers=2)
    assert pooled.passages == alone.passages and pooled.timeline == alone.timeline
    assert pooled.index.terms.vocabulary == alone.index.terms.vocabulary
    assert (pooled.index.terms.ids == alone.index.terms.ids).all()
    assert pooled.lexicon.words == alone.lexicon.words


def test_mentions_of_a_build_share_one_copy_of_each_period(corpus_copy: Path, tmp_path: Path) -> None:
    """Mentions dating the same period hold one copy of it, though each batch made (or unpickled) its own."""
    corpus = refresh(corpus_copy, tmp_path / "cache")
    mentions = [m for part in corpus.parts for m in part.mentions]
    periods = {m.period for m in mentions}
    assert len(periods) < len(mentions)
    assert len({id(m.period) for m in mentions}) == len(periods)


def _framed(start: int, chunks: list[bytes]) -> bytes:
    """``chunks`` laid out as a save's payload starting at file offset ``start``: each after zero bytes up to a
    multiple of 8, then its length."""
    body = b""
    for chunk in chunks:
        body += bytes(-(start + len(body)) % 8) + struct.pack("<Q", len(chunk)) + chunk
    return body


def _rewrite_chunk(saved: Path, number: int, change) -> None:
    """Replace chunk ``number`` of a save by ``change(chunk)`` and give the save a matching checksum."""
    magic, header, body = saved.read_bytes().split(b"\n", 2)
    start = len(magic) + len(header) + 2
    chunks, at = [], 0
    while at < len(body):
        at += -(start + at) % 8
        (size,) = struct.unpack("<Q", body[at : at + 8])
        chunks.append(body[at + 8 : at + 8 + size])
        at += 8 + size
    chunks[number] = change(chunks[number])
    body = _framed(start, chunks)
    stamp = json.loads(header)
    stamp["sha256"] = hashlib.sha256(body).hexdigest()
    saved.write_bytes(magic + b"\n" + json.dumps(stamp).encode() + b"\n" + body)


def test_passage_arrays_that_do_not_fit_are_rebuilt(corpus_copy: Path, tmp_path: Path) -> None:
    """A save whose passage text offsets run past its text (checksum made to match) is refused and rebuilt."""
    cache = tmp_path / "cache"
    expected = refresh(corpus_copy, cache)
    offsets = 1 + len(snapshot._TERM_ARRAYS) + list(snapshot._PASSAGE_ARRAYS).index("text_offsets")
    _rewrite_chunk(cache / SNAPSHOT_FILE, offsets, lambda chunk: (np.frombuffer(chunk, np.int64) * 2).tobytes())
    with pytest.raises(SnapshotError, match="out of bounds"):
        load(cache)
    steps = Steps()
    assert refresh(corpus_copy, cache, progress=steps).passages == expected.passages
    assert steps.files_processed() == 5


def test_a_saved_article_whose_id_is_taken_gets_passages_with_its_new_id(corpus_copy: Path, tmp_path: Path) -> None:
    """A saved file that loses its id to a file added later is split again: its passages carry the new id,
    and the corpus equals one built from scratch."""
    cache = tmp_path / "cache"
    dw = next(corpus_copy.glob("*dw*"))
    renamed = dw.rename(dw.with_name("Pact-Story.txt"))
    refresh(corpus_copy, cache)
    assert "pact-story" in load(cache).corpus.articles
    (corpus_copy / "pact-story.md").write_text(next(corpus_copy.glob("*reuters*")).read_text("utf-8"), "utf-8")
    corpus = refresh(corpus_copy, cache)
    moved = corpus.articles["pact-story"]
    assert moved.file_name == "pact-story.md"
    new_id = next(a.article_id for a in corpus.articles.values() if a.file_name == renamed.name)
    assert new_id.startswith("pact-story-")
    assert {p.passage_id.split("#")[0] for p in corpus.passages if p.article_id == new_id} == {new_id}
    scratch = refresh(corpus_copy, tmp_path / "scratch")
    assert corpus.passages == scratch.passages and corpus.passage_periods == scratch.passage_periods
    assert [corpus.index.terms[n] for n in range(len(corpus.passages))] == [
        scratch.index.terms[n] for n in range(len(scratch.passages))
    ]


def test_a_restart_with_nothing_changed_keeps_ids_and_notes(corpus_copy: Path, tmp_path: Path) -> None:
    """Served straight from the save (no file read), a corpus keeps the ids files claimed and the note on a
    file whose id was taken, as a full assembly would give them."""
    cache = tmp_path / "cache"
    dw = next(corpus_copy.glob("*dw*"))
    dw.rename(dw.with_name("Pact-Story.txt"))
    (corpus_copy / "pact-story.md").write_text(next(corpus_copy.glob("*reuters*")).read_text("utf-8"), "utf-8")
    (corpus_copy / "notes.pdf").write_bytes(b"%PDF")
    _age(corpus_copy, 60)
    first = refresh(corpus_copy, cache)
    steps = Steps()
    again = refresh(corpus_copy, cache, progress=steps)
    assert steps.files_processed() == 0
    assert [(p.file_name, p.reason, p.loaded) for p in again.problems] == [
        (p.file_name, p.reason, p.loaded) for p in first.problems
    ]
    assert any(p.loaded for p in again.problems) and any(not p.loaded for p in again.problems)
    assert again.articles == first.articles and again.passages == first.passages


def test_a_reload_assembles_saved_parts_with_their_dates_and_aliases(corpus_copy: Path, tmp_path: Path) -> None:
    """After one file changes, the corpus put together from the save (whose parts' mentions and alias evidence
    are read only then) has the timeline, aliases and dated passages of a build from scratch."""
    cache = tmp_path / "cache"
    refresh(corpus_copy, cache)
    assert all(part.mentions == () for part in load(cache).corpus.parts)
    dw = next(corpus_copy.glob("*dw*"))
    dw.write_text(dw.read_text("utf-8").replace(" said ", " stated ", 1), "utf-8")
    steps = Steps()
    corpus = refresh(corpus_copy, cache, progress=steps)
    assert steps.files_processed() == 1
    scratch = refresh(corpus_copy, tmp_path / "scratch")
    assert corpus.timeline == scratch.timeline and len(corpus.timeline) > 10
    assert corpus.index.aliases == scratch.index.aliases and corpus.index.aliases
    assert corpus.passage_periods == scratch.passage_periods
    assert [p.mentions for p in load(cache).full_parts().values()] == [p.mentions for p in scratch.parts]


def test_a_corpus_dating_nothing_is_saved_and_read_back(tmp_path: Path) -> None:
    """An article with no date in its text leaves the period arrays empty: the save still writes and loads."""
    folder = tmp_path / "plain"
    folder.mkdir()
    body = "The committee met to discuss the harbour plan and agreed to publish its findings. " * 3
    (folder / "plain.txt").write_text(f"---\ntitle: Plain\nsource: Desk\n---\n\n{body}\n", "utf-8")
    built = refresh(folder, tmp_path / "cache")
    assert not any(built.passage_periods)
    again = load(tmp_path / "cache").corpus
    assert again.passages == built.passages and again.passage_periods == built.passage_periods


def test_a_timeline_saved_in_several_chunks_reads_back_whole(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A timeline longer than one chunk holds is saved a slice at a time and read back in order, all of it."""
    monkeypatch.setattr(snapshot, "_EVENTS_PER_CHUNK", 4)
    built = refresh(corpus_copy, tmp_path / "cache")
    assert len(built.timeline) > 3 * 4
    assert load(tmp_path / "cache").corpus.timeline == built.timeline


def test_a_file_edited_before_it_is_split_again_is_reported_not_split(corpus_copy: Path) -> None:
    """Splitting a file again (its id was taken) reads its text anew; if its text changed since, it is a
    problem to reload, never passages cut from other text than its terms."""
    dw = next(corpus_copy.glob("*dw*"))
    article = article_in(dw)
    assert not isinstance(article, FileProblem)
    bare = replace(article, paragraphs=(), removed=())
    assert snapshot._with_text(dw, bare) == article
    _same_size_edit(dw)
    problem = snapshot._with_text(dw, bare)
    assert problem == FileProblem(dw.name, messages.CORPUS_FILE_CHANGED_WHILE_LOADING)


def test_a_restart_reads_the_saved_arrays_through_a_memory_map(corpus_copy: Path, tmp_path: Path) -> None:
    """A restart sees the saved term and passage arrays in a memory map of the save, aligned and read-only,
    with the values of the build that saved them; the parts' details too, unread until a reload needs them."""
    cache = tmp_path / "cache"
    built = refresh(corpus_copy, cache)
    saved = load(cache)
    assert saved.details and all(isinstance(detail, memoryview) for detail in saved.details)
    assert [part.mentions for part in saved.full_parts().values()] == [part.mentions for part in built.parts]
    terms, passages = saved.corpus.index.terms, saved.corpus.passages
    cases: list[tuple[str, np.ndarray, np.ndarray]] = [
        ("ids", terms.ids, built.index.terms.ids),
        ("sentence_ends", terms.sentence_ends, built.index.terms.sentence_ends),
        ("spans", passages.spans, built.passages.spans),
        ("text_offsets", passages.text_offsets, built.passages.text_offsets),
    ]
    for name, array, expected in cases:
        source = array.base
        while isinstance(source, np.ndarray):
            source = source.base
        assert isinstance(source, memoryview) and isinstance(source.obj, mmap.mmap), name
        assert array.flags.aligned and not array.flags.writeable, name
        assert np.array_equal(array, expected), name
