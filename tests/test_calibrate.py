"""The answer-or-refuse fit: which labelled questions it reads, and how it weighs answering against refusing."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from bot.bench.calibrate import Row, collect, utility


def test_an_answer_weight_counts_answered_questions_that_many_times() -> None:
    """Half the answerable questions answered with the answer, every other refused: 0.5 + 1, or 2 x 0.5 + 1."""
    rows = [Row((), True, True), Row((), True, False), Row((), False, False)]
    confident = np.array([0.9, 0.9, 0.2])
    assert utility(rows, confident, 0.5) == 1.5
    assert utility(rows, confident, 0.5, answer_weight=2.0) == 2.0


def test_only_the_named_splits_are_read(tmp_path: Path) -> None:
    """Questions of other splits are left out of the fit; a question of no split is always read."""
    lines = [
        {"id": "a", "question": "Who is Han Min-koo?", "answers": ["Han Min-koo"], "split": "tune"},
        {"id": "b", "question": "Which football team won the league?", "answerable": False, "split": "holdout2"},
        {"id": "c", "question": "What did Japan and South Korea sign?", "answers": ["pact"]},
    ]
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert [row.answerable for row in collect([path], None)[0]] == [True, True]
    assert [row.answerable for row in collect([path], None, ("tune", "holdout2"))[0]] == [True, False, True]
