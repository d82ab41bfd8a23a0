"""Passage text is kept in a file of its own beside the save and read through a memory map, never trusted blindly."""

from __future__ import annotations

import json
import mmap
from pathlib import Path

import numpy as np
import pytest

from bot.core.corpus import build_corpus
from bot.core.store import snapshot
from bot.core.store.snapshot import SNAPSHOT_FILE, SnapshotError, load, refresh
from bot.core.store.text_file import TextWriter, write_text


def _mapped(text: np.ndarray) -> bool:
    source = text.base
    while isinstance(source, np.ndarray):
        source = source.base
    return isinstance(source, memoryview) and isinstance(source.obj, mmap.mmap)


def _text_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("text-*.bin"))


def test_a_build_and_a_restart_read_the_text_from_one_file(corpus_copy: Path, tmp_path: Path) -> None:
    """A first build writes the passages' text to one file in the cache and reads it mapped; a restart maps the
    same file, and both give the passages a build in memory gives."""
    cache = tmp_path / "cache"
    built = refresh(corpus_copy, cache)
    expected = build_corpus(corpus_copy)
    assert len(_text_files(cache)) == 1
    assert _text_files(cache)[0].read_bytes() == built.passages.text.tobytes()
    assert _mapped(built.passages.text) and built.passages == expected.passages
    restarted = load(cache)
    assert restarted.text_file is not None and restarted.text_file.path == _text_files(cache)[0]
    assert _mapped(restarted.corpus.passages.text) and restarted.corpus.passages == expected.passages


def test_a_reload_writes_a_new_text_file_and_drops_the_old(corpus_copy: Path, tmp_path: Path) -> None:
    """After a file changes, the corpus put together from saved and new passages has its text in a new file,
    mapped, and the old file is deleted; the passages equal a build from scratch."""
    cache = tmp_path / "cache"
    refresh(corpus_copy, cache)
    (old,) = _text_files(cache)
    dw = next(corpus_copy.glob("*dw*"))
    dw.write_text(dw.read_text("utf-8").replace(" said ", " stated ", 1), "utf-8")
    corpus = refresh(corpus_copy, cache)
    (new,) = _text_files(cache)
    assert new != old and _mapped(corpus.passages.text)
    assert corpus.passages == build_corpus(corpus_copy).passages == load(cache).corpus.passages


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[:-10]),  # cut short
        lambda path: path.write_bytes(bytes([path.read_bytes()[0] ^ 0x20]) + path.read_bytes()[1:]),  # one byte
        lambda path: path.unlink(),  # gone
    ],
)
def test_a_damaged_or_missing_text_file_is_rebuilt(corpus_copy: Path, tmp_path: Path, damage) -> None:
    """A text file cut short, changed by one byte or removed makes the save unusable; the next start rebuilds."""
    cache = tmp_path / "cache"
    refresh(corpus_copy, cache)
    damage(_text_files(cache)[0])
    with pytest.raises(SnapshotError):
        load(cache)
    expected = build_corpus(corpus_copy).passages
    assert refresh(corpus_copy, cache).passages == expected
    assert load(cache).corpus.passages == expected


def test_a_header_naming_a_file_outside_the_cache_is_refused(corpus_copy: Path, tmp_path: Path) -> None:
    """A save whose header names a text file by any other name than the cache's own pattern is refused."""
    cache = tmp_path / "cache"
    refresh(corpus_copy, cache)
    (text_file,) = _text_files(cache)
    # A name as long as the real one, so that the payload after the header stays where it was.
    name = "../" + text_file.name[3:]
    (cache / name).write_bytes(text_file.read_bytes())
    saved = cache / SNAPSHOT_FILE
    magic, header, body = saved.read_bytes().split(b"\n", 2)
    stamp = json.loads(header)
    stamp["text_file"] = name
    saved.write_bytes(magic + b"\n" + json.dumps(stamp).encode() + b"\n" + body)
    with pytest.raises(SnapshotError, match="damaged header"):
        load(cache)


def test_text_is_kept_in_memory_when_the_folder_cannot_be_written(tmp_path: Path) -> None:
    """Where no file can be made (the folder is a file), the text is kept in memory and nothing is lost."""
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder", "utf-8")
    writer = TextWriter(blocked)
    writer.write(b"first ")
    writer.write(b"second")
    text, found = writer.finish()
    assert found is None and text.tobytes() == b"first second"
    with pytest.raises(OSError):
        write_text(blocked, text)


def test_a_corpus_saved_where_its_text_cannot_be_written_is_still_served(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build whose text file cannot be made serves its passages from memory; no save is left half made."""
    monkeypatch.setattr(snapshot, "TextWriter", lambda folder: TextWriter(None))
    monkeypatch.setattr(snapshot, "write_text", _refuse)
    cache = tmp_path / "cache"
    built = refresh(corpus_copy, cache)
    assert not _mapped(built.passages.text) and built.passages == build_corpus(corpus_copy).passages
    with pytest.raises(SnapshotError, match="no saved corpus"):
        load(cache)


def _refuse(folder: Path, text: np.ndarray) -> None:
    raise OSError("no space left on device")


def test_text_read_again_after_its_pages_are_let_go(corpus_copy: Path, tmp_path: Path) -> None:
    """Letting go of a mapped text's pages loses nothing: every passage reads the same afterwards."""
    corpus = refresh(corpus_copy, tmp_path / "cache")
    before = [passage.text for passage in corpus.passages]
    corpus.passages.forget_pages()
    assert [passage.text for passage in corpus.passages] == before
