"""Turns batches of corpus files into article parts and compact term arrays (in worker processes).

A worker hands back each batch's terms as int32 ids over the batch's own small vocabulary, not as
tuples of strings: at a million passages the strings alone took gigabytes in the building process
and most of its time to unpickle. The builder maps each batch's vocabulary to the corpus's term ids
as the batch arrives, so no whole-corpus list of tokens ever exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy.typing as npt

from bot.core.corpus import ArticleParts, encoded, split_article
from bot.core.ingest.read import article_or_problem, read_entry
from bot.core.models import FileProblem
from bot.core.passage_table import PassageTable
from bot.core.search.terms import PassageTerms


@dataclass(frozen=True)
class Batch:
    """What a batch of files gave: parts (without their passages, tokens and articles' text) or problems, in
    file order, the parts' passages as one table, and their terms over the batch's own vocabulary (plain lists
    and arrays: this crosses processes), with its written words."""

    results: list[ArticleParts | FileProblem]
    passages: PassageTable
    vocabulary: list[str]
    arrays: tuple[npt.NDArray[Any], ...]  # ids, offsets, sentence ends, sentence offsets, as in PassageTerms
    words: dict[str, str]


def process_files(files: Sequence[tuple[str, bytes | str]]) -> Batch:
    """Read (from a path, or the bytes given), clean, split, tokenize and date each file; a bad file becomes a
    problem. Runs in a worker: only the arrays and the parts' text travel back."""
    results: list[ArticleParts | FileProblem] = []
    for name, source in files:
        data = read_entry(Path(source)) if isinstance(source, str) else source
        article = data if isinstance(data, FileProblem) else article_or_problem(name, data)
        results.append(article if isinstance(article, FileProblem) else split_article(article))
    parts = [result for result in results if isinstance(result, ArticleParts)]
    words: dict[str, str] = {}
    for part in parts:
        for word, term in part.words or ():
            words.setdefault(word, term)
    terms = PassageTerms.assemble(None, [encoded(part) for part in parts])
    passages = PassageTable.of(p for part in parts for p in part.passages)
    # An article's paragraphs are its passages' text again, kept once in the passage table: with them the parts
    # were the largest thing a first build held at a million passages. The lines cleaning removed are shown only
    # for a file an admin adds, which is parsed apart.
    dropped = [
        result
        if isinstance(result, FileProblem)
        else replace(
            result,
            article=replace(result.article, paragraphs=(), removed=()),
            passages=(),
            tokens=None,
            words=None,
            sentence_lengths=None,
        )
        for result in results
    ]
    return Batch(
        dropped,
        passages,
        terms.vocabulary,
        (terms.ids, terms.offsets, terms.sentence_ends, terms.sentence_offsets),
        words,
    )
