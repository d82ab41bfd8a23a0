"""The extraction benchmark: the benchmark's shingle metric, and every method scored on a tiny dataset in its layout."""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

import pytest

from bot.bench.extraction import METHODS, bench_extraction, page_scores, shingles, summarize
from bot.cli import main
from tests.fakes.pages import STORY_HTML

# The true body: the five paragraphs of the article, as the benchmark's people marked such pages.
TRUTH = "\n".join(re.findall(r"<p>(.*?)</p>", STORY_HTML.split("<article>")[1].split("</article>")[0], re.S))


@pytest.mark.parametrize(
    ("truth", "predicted", "expected"),
    [
        ("a b c d e", "a b c d e", (1.0, 1.0)),  # two shingles, both found
        ("a b c d e", "", (0.0, 0.0)),
        ("a b c d e", "a b c d x y", (1 / 3, 1 / 2)),  # TP 1, FP 2, FN 1
        ("a b c", "a b c", (1.0, 1.0)),  # too short for a shingle on either side: nothing to get wrong
        ("a b c d a b c d", "a b c d", (1.0, 1 / 5)),  # counted with multiplicity
    ],
)
def test_page_scores_follow_the_benchmark_metric(truth: str, predicted: str, expected: tuple[float, float]) -> None:
    """Precision and recall of one page from TP, FP and FN of word 4-gram shingles."""
    assert page_scores(truth, predicted) == pytest.approx(expected)


def test_shingles_are_word_four_grams() -> None:
    """Punctuation separates words and only runs of four count."""
    assert shingles("One, two; three four-five") == {
        ("One", "two", "three", "four"): 1,
        ("two", "three", "four", "five"): 1,
    }


def test_f1_is_the_harmonic_mean_of_the_averages() -> None:
    """Precision and recall are averaged over pages first; F1 combines the two averages."""
    summary = summarize([(1.0, 0.5), (0.5, 0.5)])
    assert summary == {"f1": pytest.approx(0.6), "precision": 0.75, "recall": 0.5, "pages": 2}


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "extraction"
    (folder / "html").mkdir(parents=True)
    truth = {}
    for page_id in ("p1", "p2", "p3"):
        (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(STORY_HTML.encode()))
        truth[page_id] = {"articleBody": TRUTH, "url": f"https://news.example.com/{page_id}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def test_every_method_is_scored_on_both_halves(pages: Path) -> None:
    """Each method gets dev, held-out and overall scores; the HTML path keeps the article and none of the furniture."""
    report = bench_extraction(pages)
    assert report["pages"] == 3
    for name in METHODS:
        assert report[name]["dev"]["pages"] == 2 and report[name]["held_out"]["pages"] == 1
        assert report[name]["all"]["recall"] == 1.0
    assert report["HTML path"]["all"]["f1"] == 1.0
    assert report["text path"]["all"]["precision"] > report["visible text, no cleaning"]["all"]["precision"]


def test_bench_command_runs_the_extraction_benchmark(pages: Path) -> None:
    """``bench --extraction DIR`` adds the extraction report to the JSON output."""
    out = io.StringIO()
    assert main(["bench", "--extraction", str(pages), "--scale", "1"], stdout=out) == 0
    report = json.loads(out.getvalue())["extraction"]
    assert set(METHODS) <= set(report)
