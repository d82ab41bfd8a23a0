"""Answer-or-refuse on SQuAD v1.1 dev split in two: half the articles are the corpus, questions come from both.

In-corpus questions should be answered with the answer in the first three quotes (hit@3); questions
about the other half should be refused. Plain rank-bm25 over lower-cased words, which never refuses,
is measured on the same split in the same run.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.bench.baseline import plain_ranking
from bot.bench.retrieval import jsonl_rows
from bot.core.answer.compose import AnswerPolicy
from bot.core.answer.evaluate import normalize_answer_text
from bot.core.models import Answer
from bot.core.service import QAService
from bot.errors import QuestionError

DEFAULT_SEED = 2016
DEFAULT_QUESTIONS = 300


@dataclass(frozen=True, slots=True)
class SplitQuestion:
    """A SQuAD question, its gold answer strings, and whether its article is in the corpus."""

    question: str
    answers: tuple[str, ...]
    in_corpus: bool


@dataclass(frozen=True)
class Split:
    """The corpus half (title -> paragraphs) and the sampled questions from both halves."""

    articles: dict[str, list[str]]
    questions: list[SplitQuestion]


def split_squad(folder: Path, seed: int = DEFAULT_SEED, per_side: int = DEFAULT_QUESTIONS) -> Split:
    """Halve the articles by ``seed``; sample ``per_side`` questions about each half."""
    passages = list(jsonl_rows(folder / "passages.jsonl"))
    titles = sorted({p["title"] for p in passages})
    rng = random.Random(seed)
    rng.shuffle(titles)
    inside = set(titles[: len(titles) // 2])
    articles: dict[str, list[str]] = {}
    title_of = {}
    for passage in passages:
        title_of[passage["id"]] = passage["title"]
        if passage["title"] in inside:
            articles.setdefault(passage["title"], []).append(passage["text"])
    sides: dict[bool, list[SplitQuestion]] = {True: [], False: []}
    for row in jsonl_rows(folder / "questions.jsonl"):
        is_in = title_of[row["gold_passage_id"]] in inside
        sides[is_in].append(SplitQuestion(row["question"], tuple(row["answers"]), is_in))
    questions = [q for side in (True, False) for q in rng.sample(sides[side], min(per_side, len(sides[side])))]
    return Split(articles, questions)


def write_corpus(split: Split, folder: Path) -> None:
    """One file per article, its title as front matter and paragraphs separated by blank lines."""
    for number, (title, paragraphs) in enumerate(sorted(split.articles.items())):
        body = "\n\n".join(paragraphs)
        text = f"---\ntitle: {title}\nsource: Wikipedia\n---\n{body}\n"
        (folder / f"{number:03d}-{title.lower().replace(' ', '-')[:40]}.txt").write_text(text, encoding="utf-8")


def _hit_rank(texts: Sequence[str], answers: Sequence[str]) -> int | None:
    wanted = [normalize_answer_text(a) for a in answers]
    ranks = [i for i, text in enumerate(texts) if any(w in normalize_answer_text(text) for w in wanted)]
    return ranks[0] if ranks else None


def score_answers(split: Split, ask: Callable[[str], Answer]) -> dict[str, Any]:
    """In-corpus hit@3 and answered share, out-of-corpus refusal, for an ``ask`` function."""
    inside = outside = hits = answered = refused = 0
    for item in split.questions:
        try:
            texts = [q.passage.text for q in ask(item.question).quotes]
        except QuestionError:
            texts = []
        if item.in_corpus:
            inside += 1
            answered += bool(texts)
            rank = _hit_rank(texts[:3], item.answers)
            hits += rank is not None
        else:
            outside += 1
            refused += not texts
    return {
        "in_corpus_hit@3": round(hits / inside, 4) if inside else None,
        "in_corpus_answered": round(answered / inside, 4) if inside else None,
        "out_of_corpus_refused": round(refused / outside, 4) if outside else None,
    }


def score_baseline(split: Split) -> dict[str, Any]:
    """Plain rank-bm25 over lower-cased words on the corpus half's paragraphs; it never refuses."""
    paragraphs = [p for _, ps in sorted(split.articles.items()) for p in ps]
    rank = plain_ranking(paragraphs)
    inside = hits = 0
    for item in split.questions:
        if not item.in_corpus:
            continue
        inside += 1
        top = [paragraphs[i] for i in rank(item.question)[:3]]
        hits += _hit_rank(top, item.answers) is not None
    return {
        "in_corpus_hit@3": round(hits / inside, 4) if inside else None,
        "in_corpus_answered": 1.0,
        "out_of_corpus_refused": 0.0,
    }


def split_service(split: Split, folder: Path, policy: AnswerPolicy) -> QAService:
    """A service over the corpus half, written to ``folder`` and loaded as the bot loads any corpus."""
    write_corpus(split, folder)
    return QAService.from_folder(folder, policy)


def bench_answerability(
    folder: Path, policy: AnswerPolicy, seed: int = DEFAULT_SEED, per_side: int = DEFAULT_QUESTIONS
) -> dict[str, Any]:
    """The bot and plain rank-bm25 on one seeded split."""
    split = split_squad(folder, seed, per_side)
    with tempfile.TemporaryDirectory() as tmp:
        service = split_service(split, Path(tmp), policy)
        bot = score_answers(split, service.ask)
    return {
        "seed": seed,
        "corpus_articles": len(split.articles),
        "questions_in_corpus": sum(q.in_corpus for q in split.questions),
        "questions_out_of_corpus": sum(not q.in_corpus for q in split.questions),
        "bot": bot,
        "baseline": score_baseline(split),
    }
