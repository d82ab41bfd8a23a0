"""Scores the same-fact rule on labelled sentence pairs: precision, recall and the false reports.

A pair file has one JSON object per line: ``a_text`` and ``b_text`` (sentences from two different
articles of the corpus, verbatim) and ``same_fact`` (bool). Each sentence is found in the loaded
corpus's files, which gives the publication date its relative dates count from.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.core.answer.corroborate import Statement, same_fact, similarity
from bot.core.answer.evaluate import read_jsonl
from bot.core.corpus import Corpus
from bot.core.ingest.passages import split_sentences
from bot.core.ingest.read import article_in
from bot.core.models import Article, FileProblem
from bot.core.search.tokenize import tokenize


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """Two sentences of different articles and whether they state the same fact."""

    pid: str
    a: str
    b: str
    same_fact: bool


@dataclass
class PairReport:
    """Counts and errors of one run over labelled pairs."""

    positives: int = 0
    negatives: int = 0
    true_positive: int = 0
    false_positive: int = 0
    not_found: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        said = self.true_positive + self.false_positive
        return round(self.true_positive / said, 4) if said else None

    @property
    def recall(self) -> float | None:
        return round(self.true_positive / self.positives, 4) if self.positives else None

    def as_dict(self) -> dict[str, object]:
        return {
            "positives": self.positives,
            "negatives": self.negatives,
            "precision": self.precision,
            "recall": self.recall,
            "false_reports": self.false_positive,
            "sentences_not_in_corpus": self.not_found,
            "errors": self.errors,
        }


def read_pairs(path: Path) -> list[LabelledPair]:
    """Parse a JSONL pair file; raises ``ValueError`` naming the bad line."""
    return read_jsonl(
        path,
        lambda number, row: LabelledPair(
            str(row.get("id", number)), str(row["a_text"]), str(row["b_text"]), bool(row["same_fact"])
        ),
    )


def evaluate_pairs(pairs: Iterable[LabelledPair], corpus: Corpus, bar: float) -> PairReport:
    """Run ``same_fact`` on every pair, with dates read as the corpus article holding each sentence does."""
    published = _publication_dates(corpus)
    report = PairReport()

    def weigh(text: str) -> dict[str, float]:
        return corpus.index.term_weights(tokenize(text))

    for pair in pairs:
        a, b = _find(pair.a, published), _find(pair.b, published)
        if a is None or b is None:
            report.not_found += 1
        said = same_fact(Statement(pair.a, a), Statement(pair.b, b), weigh, bar)
        if pair.same_fact:
            report.positives += 1
            report.true_positive += said
            if not said:
                report.errors.append(f"{pair.pid}: missed: {pair.a[:60]} | {pair.b[:60]}")
        else:
            report.negatives += 1
            report.false_positive += said
            if said:
                report.errors.append(f"{pair.pid}: FALSE REPORT: {pair.a[:60]} | {pair.b[:60]}")
    return report


def unrelated_similarities(corpus: Corpus) -> list[float]:
    """Similarity of every pair of sentences from two different articles, sorted: mostly unrelated pairs."""
    sentences = [
        (article.article_id, dict(corpus.index.term_weights(tokenize(sentence))))
        for article in corpus.articles.values()
        for paragraph in _paragraphs(corpus, article)
        for sentence in split_sentences(paragraph)
    ]
    return sorted(similarity(x, y) for (ax, x), (ay, y) in itertools.combinations(sentences, 2) if ax != ay and x and y)


def _paragraphs(corpus: Corpus, article: Article) -> tuple[str, ...]:
    """``article``'s paragraphs: a corpus built through its save keeps none (their text is its passages'), so
    they are read again from its file."""
    if article.paragraphs:
        return article.paragraphs
    found = article_in(corpus.folder / article.file_name)
    return () if isinstance(found, FileProblem) else found.paragraphs


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _publication_dates(corpus: Corpus) -> list[tuple[str, date | None]]:
    """Each article's raw file text (white space folded) with its publication date."""
    found = []
    for article in corpus.articles.values():
        path = corpus.folder / article.file_name
        text = (
            path.read_text(encoding="utf-8", errors="replace")
            if path.is_file()
            else " ".join(corpus.passages[n].text for n in corpus.passages.positions_of(article.article_id))
        )
        found.append((_folded(text), article.published))
    return found


def _find(sentence: str, articles: list[tuple[str, date | None]]) -> date | None:
    wanted = _folded(sentence)
    return next((published for text, published in articles if wanted in text), None)
