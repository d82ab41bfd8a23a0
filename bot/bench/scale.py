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


class _StageClock:
    """A progress callback that keeps how long each stage of a build took, from its first report to its last."""

    def __init__(self) -> None:
        self.spans: dict[str, list[float]] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.spans.setdefault(stage, [time.perf_counter()] * 2)[1] = time.perf_counter()

    def seconds(self) -> dict[str, float]:
        return {stage: round(last - first, 2) for stage, (first, last) in self.spans.items()}


def _read_all(folder: Path) -> tuple[float, int]:
    """Seconds to read every file under ``folder`` (what a restart cannot do without), and their bytes."""
    started, size = time.perf_counter(), 0
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    size += len(chunk)
    return time.perf_counter() - started, size


def measure_bot(corpus: Path, cache: Path, asked: Sequence[str], fresh: bool) -> dict[str, Any]:
    """Open the bot on ``corpus`` (a first build, or a restart from ``cache``) and time whole questions.

    A first start also reports each build stage's seconds and its largest worker's peak memory; a restart
    the time to read the saved files alone (the restart target is "seconds plus reading the save").
    """
    if fresh:
        shutil.rmtree(cache, ignore_errors=True)
    reading: dict[str, float] = {}
    if not fresh and cache.is_dir():
        seconds, size = _read_all(cache)
        reading = {"read_saved_s": round(seconds, 2), "saved_mb": round(size / 2**20, 1)}
    stages = _StageClock()
    started = time.perf_counter()
    service = QAService.open(corpus, cache, AnswerPolicy(), engine=EngineChoice("auto"), progress=stages)
    opened = time.perf_counter()
    if reading:
        reading["open_beyond_reading_s"] = round(opened - started - reading["read_saved_s"], 2)
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
        **({"stages_s": stages.seconds(), "workers_peak_mb": _workers_peak_mb()} if fresh else reading),
    }


def _workers_peak_mb() -> float:
    """The largest peak resident memory among this process's finished worker processes, in MB."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


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
