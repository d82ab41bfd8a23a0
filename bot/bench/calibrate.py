"""Fits the answer-or-refuse model: logistic regression on the signals of labelled questions.

    python -m bot.bench.calibrate LABELLED.jsonl[,MORE.jsonl] [SQUAD_DIR] [--keep DEV.jsonl] [--min-refusal R]
        [--shares S[,S...]] [--l2 L] [--squad-weight W] [--splits NAME[,NAME...]] [--answer-weight A]

Only the labelled files' "tune" split is used (``--splits`` names others) (plus, with SQUAD_DIR, a SQuAD split
made with a seed other than the benchmark's). For each share of corpus rarity in the word weights it fits the
model, then picks the share and the confidence threshold that answer the most answerable questions with the
answer in the top three while refusing the most unanswerable ones, the labelled set and SQuAD counting
equally. With ``--keep``, only thresholds that keep that file's score (every answerable question answered when
its answer is found, every other refused) are considered; with ``--min-refusal``, only thresholds refusing at
least that share of the SQuAD split's out-of-corpus questions (the issue's target is 0.85: a bot that answers
what it does not have breaks trust); ``--shares`` limits the corpus-rarity shares tried (each also changes
which tail passages an answer keeps, so a grid near-tie is better left at the current share); ``--l2`` sets
the regularisation (default 0.01) and ``--squad-weight`` how much the SQuAD split counts in the fit beside the
labelled set (default 1, equal; ``eval/README.md`` reports both varied); ``--answer-weight`` how much an
answerable labelled question answered counts against an unanswerable one refused (default 1: the two classes
equally, however many each has). Questions the decision refuses whatever the model says
(``Verdict.contradicted``: the asked kind of answer is missing, or a name the question gives is in no article)
count as refused when a threshold is chosen. The printed values go into ``bot/core/search/query.py`` and
``bot/core/search/answerability.py``.
"""

from __future__ import annotations

import math
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.bench.answerability import split_service, split_squad
from bot.core.answer.compose import AnswerPolicy
from bot.core.answer.evaluate import normalize_answer_text, read_questions
from bot.core.search import query as query_module
from bot.core.search.answerability import FEATURES
from bot.core.search.decision import judge_question
from bot.core.service import QAService

# The benchmark's split uses another seed, so the bench reports questions the fit never saw.
CALIBRATION_SEED = 7
CORPUS_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)
L2 = 0.01
_BUNDLED = Path(__file__).resolve().parents[2] / "corpus"


@dataclass(frozen=True, slots=True)
class Row:
    """One question's signals, whether it is answerable, and whether the top three passages hold an answer."""

    signals: tuple[float, ...]
    answerable: bool
    found: bool
    # Refused whatever the model says (``Verdict.contradicted``): the threshold is chosen with it refused.
    vetoed: bool = False


def question_row(service: QAService, question: str, answers: Sequence[str], answerable: bool) -> Row:
    """The signals the service decides ``question`` on (as ``QAService.ask`` does for a question of its own,
    without a period: its time words are read, not filtered on), with its labels."""
    corpus = service.corpus
    asked, when, query = service.read_question(question, corpus, service._today())
    verdict = judge_question(corpus, asked, query, service.judging_query(asked, when, query, corpus))
    texts = [normalize_answer_text(corpus.passages[h.position].text) for h in verdict.hits[:3]]
    wanted = [normalize_answer_text(a) for a in answers]
    return Row(verdict.signals, answerable, any(w in t for w in wanted for t in texts), verdict.contradicted)


def fit_logistic(
    x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray, steps: int = 4000, l2: float = L2
) -> np.ndarray:
    """Weights (intercept first) of an L2-regularised logistic regression, by gradient descent."""
    design = np.hstack([np.ones((len(x), 1)), x])
    weights = np.zeros(design.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ weights))
        gradient = design.T @ ((p - y) * sample_weight) / sample_weight.sum() + l2 * np.r_[0, weights[1:]]
        weights -= 2.0 * gradient
    return weights


def utility(rows: Sequence[Row], probabilities: np.ndarray, threshold: float, answer_weight: float = 1.0) -> float:
    """Share of answerable questions answered with an answer in the top three (times ``answer_weight``), plus
    share of the rest refused."""
    answerable = [(r, p) for r, p in zip(rows, probabilities, strict=True) if r.answerable]
    other = [(r, p) for r, p in zip(rows, probabilities, strict=True) if not r.answerable]
    shown = sum(bool(r.found and p >= threshold) for r, p in answerable) / max(1, len(answerable))
    refused = sum(bool(p < threshold) for _, p in other) / max(1, len(other))
    return answer_weight * shown + refused


def collect(labelled_paths: Sequence[Path], squad: Path | None, splits: Sequence[str] = ("tune",)) -> list[list[Row]]:
    """Rows of the labelled files' ``splits`` (and questions of no split) and, with ``squad``, of the calibration
    split."""
    labelled = [q for path in labelled_paths for q in read_questions(path) if q.split in (*splits, None)]
    service = QAService.from_folder(_BUNDLED, AnswerPolicy())
    groups = [[question_row(service, q.question, q.answers, q.answerable) for q in labelled]]
    if squad is not None:
        split = split_squad(squad, seed=CALIBRATION_SEED, per_side=150)
        with tempfile.TemporaryDirectory() as tmp:
            squad_service = split_service(split, Path(tmp), AnswerPolicy())
            groups.append([question_row(squad_service, q.question, q.answers, q.in_corpus) for q in split.questions])
    return groups


def _allowed(rows: Sequence[Row], weights: np.ndarray, threshold: float) -> bool:
    """Whether ``threshold`` answers every kept question it can answer and refuses every unanswerable one."""
    for row in rows:
        p = 0.0 if row.vetoed else 1 / (1 + np.exp(-(weights[0] + np.dot(weights[1:], row.signals))))
        if (row.answerable and row.found and p < threshold) or (not row.answerable and p >= threshold):
            return False
    return True


def _group_weights(at: int, squad_weight: float, answer_weight: float) -> tuple[float, float]:
    """How much group ``at`` counts (the labelled set first, then SQuAD's), and how much an answerable question
    answered counts in it against an unanswerable one refused: in the fit and in choosing the threshold alike."""
    return (squad_weight, 1.0) if at else (1.0, answer_weight)


def _option(argv: list[str], name: str) -> str | None:
    """The value after ``name`` in ``argv``, both removed; None without it."""
    if name not in argv:
        return None
    at = argv.index(name)
    value = argv[at + 1]
    del argv[at : at + 2]
    return value


def refused_share(rows: Sequence[Row], probabilities: np.ndarray, threshold: float) -> float:
    """Share of the unanswerable questions in ``rows`` refused at ``threshold``."""
    other = [p for r, p in zip(rows, probabilities, strict=True) if not r.answerable]
    return sum(bool(p < threshold) for p in other) / max(1, len(other))


def main(argv: Sequence[str]) -> None:
    args = list(argv)
    keep_path, min_refusal = _option(args, "--keep"), float(_option(args, "--min-refusal") or 0.0)
    shares = _option(args, "--shares")
    l2, squad_weight = float(_option(args, "--l2") or L2), float(_option(args, "--squad-weight") or 1.0)
    splits = (_option(args, "--splits") or "tune").split(",")
    answer_weight = float(_option(args, "--answer-weight") or 1.0)
    keep = Path(keep_path) if keep_path else None
    labelled, squad = [Path(p) for p in args[0].split(",")], Path(args[1]) if len(args) > 1 else None
    best: tuple[float, float, float, np.ndarray] | None = None
    for share in [float(v) for v in shares.split(",")] if shares else CORPUS_SHARES:
        query_module.CORPUS_SHARE = share
        groups = collect(labelled, squad, splits)
        kept = collect([keep], None)[0] if keep else []
        x = np.array([r.signals for g in groups for r in g])
        y = np.array([float(r.answerable) for g in groups for r in g])
        # Each group (labelled set, SQuAD) counts equally, whatever its size, unless --squad-weight says otherwise.
        scales = [_group_weights(at, squad_weight, answer_weight) for at in range(len(groups))]
        weight = np.array(
            [
                scale * (answered if r.answerable else 1.0) / len(g)
                for (scale, answered), g in zip(scales, groups, strict=True)
                for r in g
            ]
        )
        vetoed = np.array([r.vetoed for g in groups for r in g])
        # Rounded as printed, so the thresholds are checked with the weights that go into the code.
        weights = np.round(fit_logistic(x, y, weight, l2=l2), 3)
        design = np.hstack([np.ones((len(x), 1)), x])
        probabilities = np.where(vetoed, 0.0, 1 / (1 + np.exp(-design @ weights)))
        for threshold in np.arange(0.05, 0.951, 0.025):
            if not _allowed(kept, weights, float(threshold)):
                continue
            if (
                squad is not None
                and refused_share(groups[-1], probabilities[-len(groups[-1]) :], threshold) < min_refusal
            ):
                continue
            start, score = 0, 0.0
            for (scale, answered), group in zip(scales, groups, strict=True):
                score += scale * utility(group, probabilities[start : start + len(group)], float(threshold), answered)
                start += len(group)
            print(f"share={share:.2f} threshold={threshold:.2f} utility={score:.3f}")
            if best is None or score > best[0]:
                best = (score, share, float(threshold), weights)
    assert best is not None
    score, share, threshold, weights = best
    print(f"best utility {score:.3f}")
    print("CORPUS_SHARE =", share)
    print("FEATURES =", FEATURES)
    print("COEFFICIENTS =", tuple(round(float(w), 3) for w in weights[1:]))
    print("INTERCEPT =", round(float(weights[0]), 3))
    print("min_confidence =", round(threshold, 3))
    # The same decision at BOT_MIN_CONFIDENCE's default 0.5: the threshold's log-odds moved into the intercept.
    print("INTERCEPT at min_confidence 0.5 =", round(float(weights[0]) - math.log(threshold / (1 - threshold)), 3))


if __name__ == "__main__":
    main(sys.argv[1:])
