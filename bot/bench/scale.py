"""Benchmark at scale: generated corpora of N passages, the engine alone, the bot's whole question path and a
restart from the saved corpus, beside plain rank-bm25 measured in the same run.

Each measurement runs in a fresh process, so its peak memory (the process's maximum resident set) is its
own. Plain rank-bm25 scores every passage for every question; above ``reference_limit`` passages it would
take hours and gigabytes, so it is skipped and the report says so.
"""

from __future__ import annotations

import resource
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np
from rank_bm25 import BM25Okapi

from bot.bench.synthetic import Vocabulary, questions, write_articles
from bot.core.answer.compose import AnswerPolicy
from bot.core.ingest.frontmatter import split_front_matter
from bot.core.progress import Progress, no_progress
from bot.core.search.engines import FAST, EngineChoice
from bot.core.search.engines.fast import TantivyEngine
from bot.core.search.terms import PassageTerms
from bot.core.search.tokenize import tokenize
from bot.core.service import QAService

# Plain rank-bm25 above this many passages is skipped (at 1M: ~2.3 s a question and ~6 GB).
REFERENCE_LIMIT = 100_000
TOP = 10


def _peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _percentiles(seconds: Sequence[float]) -> dict[str, float]:
    ms = np.asarray(seconds) * 1000
    return {"p50_ms": round(float(np.percentile(ms, 50)), 3), "p99_ms": round(float(np.percentile(ms, 99)), 3)}


def _passage_texts(corpus: Path) -> list[str]:
    """The generated passages, read straight from the files (each paragraph is one passage)."""
    texts: list[str] = []
    for path in sorted(corpus.iterdir()):
        _, body = split_front_matter(path.read_text(encoding="utf-8"))
        texts.extend(p for p in body.split("\n\n") if p.strip())
    return texts


def measure_engine(corpus: Path, engine: str, asked: Sequence[str], workdir: Path) -> dict[str, Any]:
    """Tokenize the passages with the bot's tokenizer, build ``engine`` on them and time top-10 queries."""
    texts = _passage_texts(corpus)
    started = time.perf_counter()
    terms = PassageTerms.from_lists(tokenize(t) for t in texts)
    tokenized = time.perf_counter()
    del texts
    before_mb = _peak_mb()
    query_terms = [tokenize(q) for q in asked]
    timings = []
    if engine == FAST:
        folder = workdir / "engine-alone"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        fast = TantivyEngine.build(terms, folder)
        built = time.perf_counter()
        for q in query_terms:
            at = time.perf_counter()
            fast.top(q, TOP)
            timings.append(time.perf_counter() - at)
    else:
        plain = BM25Okapi(list(terms))
        built = time.perf_counter()
        for q in query_terms:
            at = time.perf_counter()
            scores = plain.get_scores(q)
            np.argsort(-scores, kind="stable")[:TOP]
            timings.append(time.perf_counter() - at)
    return {
        "tokenize_s": round(tokenized - started, 2),
        "build_s": round(built - tokenized, 2),
        **_percentiles(timings),
        "peak_mb": _peak_mb(),
        "peak_before_build_mb": before_mb,
    }


def measure_bot(corpus: Path, cache: Path, asked: Sequence[str], fresh: bool) -> dict[str, Any]:
    """Open the bot on ``corpus`` (a first build, or a restart from ``cache``) and time whole questions."""
    if fresh:
        shutil.rmtree(cache, ignore_errors=True)
    started = time.perf_counter()
    service = QAService.open(corpus, cache, AnswerPolicy(), engine=EngineChoice("auto"))
    opened = time.perf_counter()
    timings = []
    answered = 0
    for question in asked:
        at = time.perf_counter()
        answered += service.ask(question).answered
        timings.append(time.perf_counter() - at)
    return {
        "open_s": round(opened - started, 2),
        "engine": service.corpus.index.engine.name,
        "passages": len(service.corpus.passages),
        "answered": answered,
        **_percentiles(timings),
        "peak_mb": _peak_mb(),
    }


def _in_child(function: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run one measurement in a fresh process, so its peak memory is its own."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def bench_scale(
    sizes: Sequence[int],
    workdir: Path | None = None,
    question_count: int = 200,
    reference_limit: int = REFERENCE_LIMIT,
    progress: Progress = no_progress,
) -> list[dict[str, Any]]:
    """One row per size: the engine alone, plain rank-bm25, the bot's first build, whole path and restart."""
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as scratch:
        root = workdir or Path(scratch)
        asked = questions(Vocabulary.make(), question_count)
        rows = []
        for size in sizes:
            folder = root / f"{size}"
            corpus = folder / "corpus"
            stage = f"{size:,} passages"
            if not (folder / "complete").exists():
                shutil.rmtree(corpus, ignore_errors=True)
                total = max(1, size // 10)
                for written in write_articles(corpus, size):
                    if written % 1000 == 0 or written == total:
                        progress(f"{stage}: generating articles", written, total)
                (folder / "complete").touch()
            row: dict[str, Any] = {"passages": size}
            progress(f"{stage}: tantivy alone", 0, 1)
            row["tantivy"] = _in_child(measure_engine, corpus, FAST, asked, folder)
            if size <= reference_limit:
                progress(f"{stage}: plain rank-bm25", 0, 1)
                row["rank_bm25"] = _in_child(measure_engine, corpus, "rank-bm25", asked, folder)
            else:
                row["rank_bm25"] = {"skipped": f"above {reference_limit:,} passages it would take too long"}
            progress(f"{stage}: the bot's first build and questions", 0, 1)
            row["bot_first_start"] = _in_child(measure_bot, corpus, folder / "cache", asked, True)
            progress(f"{stage}: the bot's restart", 0, 1)
            row["bot_restart"] = _in_child(measure_bot, corpus, folder / "cache", asked, False)
            if "p50_ms" in row["rank_bm25"]:
                row["bot_speedup_over_rank_bm25_p50"] = round(
                    row["rank_bm25"]["p50_ms"] / max(row["bot_restart"]["p50_ms"], 1e-6), 1
                )
            rows.append(row)
            progress(f"{stage}: done", 1, 1)
        return rows
