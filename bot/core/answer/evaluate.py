"""Scores the bot on a question file: hit@1, hit@3, abstention on unanswerable questions, and the misses."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bot.core.models import Answer
from bot.core.search.tokenize import fold
from bot.errors import QuestionError

T = TypeVar("T")
# What an evaluated system quotes for a question, best first: the bot's passages or a baseline's.
Quoter = Callable[[str], Sequence[str]]


@dataclass(frozen=True, slots=True)
class EvalQuestion:
    """One line of a question file: answer strings, or ``answerable`` false."""

    qid: str
    question: str
    answers: tuple[str, ...]
    answerable: bool
    # Optional labels of a question set: the kind of question and the split it belongs to.
    kind: str | None = None
    split: str | None = None


@dataclass
class EvalReport:
    """Counts and misses of one evaluation run."""

    answerable: int = 0
    hit_at_1: int = 0
    hit_at_3: int = 0
    unanswerable: int = 0
    abstained: int = 0
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "answerable": self.answerable,
            "hit@1": _ratio(self.hit_at_1, self.answerable),
            "hit@3": _ratio(self.hit_at_3, self.answerable),
            "unanswerable": self.unanswerable,
            "abstention": _ratio(self.abstained, self.unanswerable),
            "misses": self.misses,
        }


def read_jsonl(path: Path, parse: Callable[[int, dict[str, Any]], T]) -> list[T]:
    """Parse each non-blank line of a JSONL file with ``parse``; raises ``ValueError`` naming the bad line."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(parse(number, json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"{path.name} line {number}: {error}") from None
    return rows


def read_questions(path: Path) -> list[EvalQuestion]:
    """Parse a JSONL question file; raises ``ValueError`` naming the bad line."""
    return read_jsonl(
        path,
        lambda number, row: EvalQuestion(
            qid=str(row.get("id", number)),
            question=str(row["question"]),
            answers=tuple(str(a) for a in row.get("answers", [])),
            answerable=bool(row.get("answerable", True)),
            kind=str(row["kind"]) if "kind" in row else None,
            split=str(row["split"]) if "split" in row else None,
        ),
    )


def normalize_answer_text(text: str) -> str:
    """Case-insensitive, typographic quotes folded, white space collapsed: how hits are compared."""
    return re.sub(r"\s+", " ", fold(text)).strip().casefold()


def quotes_of(ask: Callable[[str], Answer]) -> Quoter:
    """The passage texts ``ask`` quotes for a question; none for a question it cannot search."""

    def quoted(question: str) -> list[str]:
        try:
            return [q.passage.text for q in ask(question).quotes]
        except QuestionError:
            return []

    return quoted


def evaluate(questions: Iterable[EvalQuestion], quoted: Quoter) -> EvalReport:
    """Ask every question and count hits in the first and first three quoted passages."""
    report = EvalReport()
    for item in questions:
        texts = [normalize_answer_text(text) for text in quoted(item.question)]
        if not item.answerable:
            report.unanswerable += 1
            if not texts:
                report.abstained += 1
            else:
                report.misses.append(f"{item.qid}: quoted an answer to an unanswerable question: {item.question}")
            continue
        report.answerable += 1
        wanted = [normalize_answer_text(a) for a in item.answers]
        ranks = [i for i, text in enumerate(texts) if any(w in text for w in wanted)]
        if ranks and ranks[0] == 0:
            report.hit_at_1 += 1
        if ranks and ranks[0] < 3:
            report.hit_at_3 += 1
        if not ranks or ranks[0] > 0:
            where = "abstained" if not texts else f"first hit at rank {ranks[0] + 1}" if ranks else "no hit"
            report.misses.append(f"{item.qid}: {where}: {item.question}")
    return report


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def evaluate_by_kind(questions: Iterable[EvalQuestion], quoted: Quoter) -> dict[str, EvalReport]:
    """One report per split and kind ("holdout/reworded"), plus "all"; questions without labels are "unlabelled"."""
    groups: dict[str, list[EvalQuestion]] = {}
    for item in questions:
        groups.setdefault("all", []).append(item)
        label = "/".join(part for part in (item.split, item.kind) if part) or "unlabelled"
        groups.setdefault(label, []).append(item)
    return {label: evaluate(items, quoted) for label, items in sorted(groups.items())}
