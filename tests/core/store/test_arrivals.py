"""Batches laid end to end as they arrive hold the passages and terms a build in one piece gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.core.corpus import build_corpus
from bot.core.ingest.read import corpus_entries
from bot.core.store import snapshot
from bot.core.store.arrivals import Arrivals
from bot.core.store.batches import process_files


def _arrivals(folder: Path, per_batch: int) -> tuple[Arrivals, list[str]]:
    files = [(entry.name, str(entry)) for entry in corpus_entries(folder) if isinstance(entry, Path)]
    arrivals = Arrivals({})
    names = [
        part.article.file_name
        for start in range(0, len(files), per_batch)
        for part in arrivals.add(process_files(files[start : start + per_batch]))
    ]
    return arrivals, names


def test_batches_added_in_file_order_hold_what_one_build_holds(corpus_copy: Path) -> None:
    """Arrivals of three files at a time have the terms, term ids and passage table of a build in one process."""
    built = build_corpus(corpus_copy)
    arrivals, names = _arrivals(corpus_copy, 3)
    terms, passages = arrivals.read()
    expected = built.index.terms
    assert terms.vocabulary == expected.vocabulary
    for name in ("ids", "offsets", "sentence_ends", "sentence_offsets"):
        assert np.array_equal(getattr(terms, name), getattr(expected, name)), name
    assert passages == built.passages and passages.article_ids == built.passages.article_ids
    assert names == [part.article.file_name for part in built.parts]
    for part in built.parts:
        run = arrivals.runs[part.article.file_name]
        assert {passages.article_of(n) for n in run} == {part.article.article_id}
        assert len(run) == part.passage_count


def test_files_put_together_run_by_run_equal_the_arrivals_as_they_are(corpus_copy: Path) -> None:
    """Joining each file's run (as a reload mixing saved and new files does) gives the arrivals' own arrays."""
    arrivals, names = _arrivals(corpus_copy, 4)
    parts = list(build_corpus(corpus_copy).parts)
    terms, passages = snapshot._joined(names, parts, {}, arrivals, None)
    read_terms, read_passages = arrivals.read()
    assert terms.vocabulary == read_terms.vocabulary
    for name in ("ids", "offsets", "sentence_ends", "sentence_offsets"):
        assert np.array_equal(getattr(terms, name), getattr(read_terms, name)), name
    assert passages == read_passages and passages.article_ids == read_passages.article_ids


def test_a_batch_of_problems_only_adds_nothing(tmp_path: Path) -> None:
    """A batch whose every file fails to load adds no passage, term or run, and the arrivals still read."""
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    arrivals = Arrivals({})
    assert list(arrivals.add(process_files([(empty.name, str(empty))]))) == []
    terms, passages = arrivals.read()
    assert len(terms) == len(passages) == 0 and arrivals.runs == {}
