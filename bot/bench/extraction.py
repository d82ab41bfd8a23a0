"""Benchmark of article-body extraction on real pages: what each way of reading a page keeps, against the true body.

The data is the Zyte article-extraction benchmark layout: ``html/ID.html.gz`` and ``ground-truth.json``
(``{ID: {"articleBody": ..., "url": ...}}``). The metric is the benchmark's: word 4-gram shingles of the
true and the predicted body, per page TP/FP/FN normalised to sum 1, precision and recall averaged over
pages, F1 the harmonic mean of the two averages.

Every method is a named function from a page's HTML to the text the bot would keep (``METHODS``), all
scored in the same run, on a development half of the pages (even positions in id order: where options
were chosen) and the held-out half (odd positions: reported, never tuned on).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from bot.core.ingest.html import ExtractionError, extract_page
from bot.core.ingest.read import ArticleError, parse_article

Method = Callable[[str], str]
_WORD = re.compile(r"\w+")
_SHINGLE = 4
_WORST_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its id, HTML and true article body."""

    page_id: str
    html: str
    truth: str


def html_path(html: str) -> str:
    """The bot's HTML path: the page as a corpus ``.html`` file (trafilatura, front matter, then cleaning)."""
    try:
        article = parse_article("page.html", html.encode("utf-8"))
    except ArticleError:
        return ""
    return "\n".join(article.paragraphs)


def html_path_uncleaned(html: str) -> str:
    """The bot's extraction (trafilatura with the bot's options) before the bot's cleaning: what cleaning costs."""
    try:
        return "\n".join(extract_page(html).paragraphs)
    except ExtractionError:
        return ""


def trafilatura_alone(html: str) -> str:
    """trafilatura with its default settings, nothing after it: the library's own score."""
    return trafilatura.extract(html) or ""


def visible_text(html: str) -> str:
    """The page's text as copying it from a browser gives (html-text: block elements on their own lines)."""
    # A bench-only dependency (the dev extras): imported here so the other benchmarks run without it.
    import html_text

    return str(html_text.extract_text(html))


def text_path(html: str) -> str:
    """The bot's text path: the page's visible text pasted into a corpus ``.txt`` file, then the bot's cleaning."""
    try:
        article = parse_article("page.txt", visible_text(html).encode("utf-8"))
    except ArticleError:
        return ""
    return "\n".join(article.paragraphs)


METHODS: dict[str, Method] = {
    "HTML path": html_path,
    "HTML path, no cleaning": html_path_uncleaned,
    "trafilatura alone": trafilatura_alone,
    "text path": text_path,
    "visible text, no cleaning": visible_text,
}


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Word 4-grams of ``text`` with their counts."""
    words = _WORD.findall(text)
    return Counter(tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1))


def page_scores(truth: str, predicted: str) -> tuple[float, float]:
    """Precision and recall of one page, from TP/FP/FN normalised to sum 1 (an empty pair scores 1, 1)."""
    true, guess = shingles(truth), shingles(predicted)
    tp = sum((true & guess).values())
    fp = sum((guess - true).values())
    fn = sum((true - guess).values())
    if tp + fp + fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def summarize(scores: Iterable[tuple[float, float]]) -> dict[str, float]:
    """Average precision and recall over pages; F1 is their harmonic mean."""
    pairs = list(scores)
    if not pairs:
        return {"f1": 0.0, "precision": 0.0, "recall": 0.0, "pages": 0}
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4), "pages": len(pairs)}


def read_pages(folder: Path, limit: int | None = None) -> list[Page]:
    """The benchmark's pages in id order (the first ``limit`` of them)."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append(Page(page_id, html, truth[page_id]["articleBody"]))
    return pages


def bench_extraction(
    folder: Path, methods: dict[str, Method] | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Every method on the development half, the held-out half and all pages; the HTML path's worst pages."""
    pages = read_pages(folder, limit)
    halves = {"dev": pages[0::2], "held_out": pages[1::2]}
    report: dict[str, Any] = {"pages": len(pages), "split": "dev: even positions in id order; held_out: odd"}
    scores: dict[str, dict[str, tuple[float, float]]] = {}
    for name, method in (methods or METHODS).items():
        started = time.perf_counter()
        scores[name] = {page.page_id: page_scores(page.truth, method(page.html)) for page in pages}
        seconds = time.perf_counter() - started
        row: dict[str, Any] = {
            half: summarize(scores[name][p.page_id] for p in group) for half, group in halves.items()
        }
        row["all"] = summarize(scores[name].values())
        row["ms_per_page"] = round(1000 * seconds / max(len(pages), 1), 1)
        report[name] = row
    first = next(iter(scores))
    worst = sorted(scores[first].items(), key=lambda item: _f1(*item[1]))[:_WORST_SHOWN]
    report[f"worst pages ({first})"] = [
        {"id": page_id, "precision": round(p, 3), "recall": round(r, 3)} for page_id, (p, r) in worst
    ]
    return report


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
