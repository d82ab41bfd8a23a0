"""Benchmark command: retrieval quality on public datasets and speed/memory as ratios to plain rank-bm25.

Every figure that depends on the machine is reported as a ratio against a baseline measured in the
same run (plain rank-bm25 Okapi over lower-cased words), because shared machines are noisy; "bot" is
the engine the bot searches with (rank-bm25 with Lucene's idf) over the bot's tokenizer.
"""

from __future__ import annotations

import json
import math
import re
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from rank_bm25 import BM25Okapi

from bot.core.corpus import corpus_from_articles
from bot.core.ingest.read import load_articles
from bot.core.search.engines import K1, B
from bot.core.search.engines.exact import ExactRescore
from bot.core.search.engines.fast import TantivyEngine
from bot.core.search.engines.reference import LuceneBM25
from bot.core.search.terms import PassageTerms
from bot.core.search.tokenize import tokenize

Tokenizer = Callable[[str], list[str]]


# The baseline is rank-bm25 as it comes; the bot is the engine it searches with.
class FastBM25:
    """The fast engine as the bot runs it (tantivy, its candidates re-scored exactly) behind rank-bm25's
    ``get_scores`` shape: top hits only, the rest scored 0."""

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        terms = PassageTerms.from_lists(documents)
        self._engine = ExactRescore(TantivyEngine.build(terms), terms)
        self._size = len(documents)

    def get_scores(self, terms: Sequence[str]) -> np.ndarray:
        scores = np.zeros(self._size)
        for position, score in self._engine.top(terms, _FAST_DEPTH):
            scores[position] = score
        return scores


class ReferenceBM25(LuceneBM25):
    """The reference engine as the bot runs it: Lucene's idf, k1 1.2 and b 0.75 (rank-bm25's own k1 is 1.5)."""

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        super().__init__(documents, k1=K1, b=B)


# The fast engine ranks this many; the benchmarks read the top 10.
_FAST_DEPTH = 100
# The baseline is rank-bm25 as it comes; "bot" is the reference engine, "fast" the engine large corpora get.
ENGINES: dict[str, type] = {"baseline": BM25Okapi, "bot": ReferenceBM25, "fast": FastBM25}
_SEARCH_REPEATS = 20


def plain_split(text: str) -> list[str]:
    """The baseline tokenizer: lower-cased word characters, nothing else."""
    return re.findall(r"\w+", text.lower())


@dataclass
class Run:
    """One engine's measurements on one dataset."""

    build_seconds: float
    query_seconds: float
    peak_bytes: int
    rankings: list[list[int]]


def run_engine(
    docs: Sequence[str], queries: Sequence[str], tokenizer: Tokenizer, engine_class: type = BM25Okapi, depth: int = 10
) -> Run:
    """Index ``docs`` with a rank-bm25 engine and rank them for every query, timing both and tracing memory."""
    tracemalloc.start()
    started = time.perf_counter()
    engine = engine_class([tokenizer(d) for d in docs])
    built = time.perf_counter()
    rankings = []
    for query in queries:
        scores = np.asarray(engine.get_scores(tokenizer(query)))
        rankings.append([int(i) for i in np.argsort(-scores, kind="stable")[:depth]])
    finished = time.perf_counter()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Run(built - started, finished - built, peak, rankings)


def ndcg_at_10(ranking: Sequence[str], relevant: set[str]) -> float:
    """Binary-relevance nDCG@10."""
    gain = sum(1 / math.log2(rank + 2) for rank, doc in enumerate(ranking[:10]) if doc in relevant)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), 10)))
    return gain / ideal if ideal else 0.0


def jsonl_rows(path: Path) -> Iterable[dict[str, Any]]:
    """The JSON objects of a JSON Lines file, blank lines skipped, read one line at a time."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def bench_scifact(folder: Path, tokenizers: dict[str, Tokenizer]) -> dict[str, Any]:
    """BEIR SciFact test queries: nDCG@10 per tokenizer, with timings."""
    corpus = list(jsonl_rows(folder / "corpus.jsonl"))
    doc_ids = [str(d["_id"]) for d in corpus]
    docs = [f"{d.get('title', '')} {d['text']}" for d in corpus]
    qrels: dict[str, set[str]] = {}
    for line in (folder / "qrels" / "test.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        query_id, doc_id, score = line.split("\t")
        if int(score) > 0:
            qrels.setdefault(query_id, set()).add(doc_id)
    queries = {str(q["_id"]): q["text"] for q in jsonl_rows(folder / "queries.jsonl") if str(q["_id"]) in qrels}
    query_ids = sorted(queries)
    results: dict[str, Any] = {"documents": len(docs), "queries": len(query_ids)}
    for name, tokenizer in tokenizers.items():
        run = run_engine(docs, [queries[q] for q in query_ids], tokenizer, ENGINES[name])
        scores = [
            ndcg_at_10([doc_ids[i] for i in ranking], qrels[q])
            for q, ranking in zip(query_ids, run.rankings, strict=True)
        ]
        results[name] = {"ndcg@10": round(sum(scores) / len(scores), 4), "run": run}
    return results


def bench_squad(folder: Path, tokenizers: dict[str, Tokenizer], limit: int | None) -> dict[str, Any]:
    """SQuAD v1.1 dev as passage retrieval: hit@1, hit@5 and MRR@10 per tokenizer, with timings."""
    passages = list(jsonl_rows(folder / "passages.jsonl"))
    ids = [p["id"] for p in passages]
    docs = [p["text"] for p in passages]
    questions = list(jsonl_rows(folder / "questions.jsonl"))[:limit]
    results: dict[str, Any] = {"documents": len(docs), "queries": len(questions)}
    for name, tokenizer in tokenizers.items():
        run = run_engine(docs, [q["question"] for q in questions], tokenizer, ENGINES[name])
        ranks = []
        for question, ranking in zip(questions, run.rankings, strict=True):
            found = [ids[i] for i in ranking]
            ranks.append(found.index(question["gold_passage_id"]) + 1 if question["gold_passage_id"] in found else None)
        n = len(ranks)
        results[name] = {
            "hit@1": round(sum(r == 1 for r in ranks) / n, 4),
            "hit@5": round(sum(r is not None and r <= 5 for r in ranks) / n, 4),
            "mrr@10": round(sum(1 / r for r in ranks if r) / n, 4),
            "run": run,
        }
    return results


def bench_corpus_scale(corpus_dir: Path, copies: Sequence[int]) -> list[dict[str, Any]]:
    """Load time (split, index, aliases, timeline) and search time on the corpus repeated N times, as ratios."""
    articles, _ = load_articles(corpus_dir)
    question_terms = tokenize("Who signed the intelligence pact in Seoul and when?")
    rows = []
    for n in copies:
        scaled = [replace(a, article_id=f"{a.article_id}-{k}") for k in range(n) for a in articles]
        started = time.perf_counter()
        corpus = corpus_from_articles(corpus_dir, scaled)
        index = corpus.index
        built = time.perf_counter()
        for _ in range(_SEARCH_REPEATS):
            index.search(question_terms)
        searched = (time.perf_counter() - built) / _SEARCH_REPEATS
        rows.append({"articles": len(scaled), "passages": index.size, "build": built - started, "ask": searched})
    build_base, ask_base = rows[0]["build"], rows[0]["ask"]
    return [
        {
            "articles": row["articles"],
            "passages": row["passages"],
            "build_ratio": round(row["build"] / build_base, 2),
            "search_ratio": round(row["ask"] / ask_base, 2),
        }
        for row in rows
    ]


def summarize(results: dict[str, Any]) -> dict[str, Any]:
    """Replace raw runs by ratios of ours to the baseline (build, query, peak memory)."""
    base = results["baseline"].pop("run")
    for name in ("bot", "fast"):
        if name not in results:
            continue
        ours = results[name].pop("run")
        # tracemalloc sees Python's memory only, not the Rust engine's: the fast engine's memory is in bench --scale.
        results[f"ratios_{name}_to_baseline"] = {
            "build_time": round(ours.build_seconds / base.build_seconds, 2),
            "query_time": round(ours.query_seconds / base.query_seconds, 2),
            "peak_memory": round(ours.peak_bytes / base.peak_bytes, 2),
        }
    return results
