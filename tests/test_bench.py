"""The benchmark command computes its metrics correctly on tiny datasets in the public formats."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from bot.bench import retrieval as bench
from bot.bench.patterns import ADVERSARIAL, adversarial_text, bench_patterns
from bot.bench.variants import CHECK_WRAPPERS, DESIGN_WRAPPERS, SLIP_SEEDS, slip
from bot.cli import build_parser, main

DOCS = {
    "d1": "Aspirin reduces the risk of heart attacks in older adults.",
    "d2": "Vitamin D deficiency is common in northern countries during winter.",
    "d3": "Regular exercise improves sleep quality and mood.",
}


@pytest.fixture
def scifact(tmp_path: Path) -> Path:
    folder = tmp_path / "scifact"
    (folder / "qrels").mkdir(parents=True)
    rows = [json.dumps({"_id": k, "title": "", "text": v}) for k, v in DOCS.items()]
    (folder / "corpus.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    queries = [
        {"_id": "1", "text": "Does aspirin lower heart attack risk?"},
        {"_id": "2", "text": "exercise and sleep"},
    ]
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in queries) + "\n", encoding="utf-8")
    (folder / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\n1\td1\t1\n2\td3\t1\n", encoding="utf-8")
    return folder


@pytest.fixture
def squad(tmp_path: Path) -> Path:
    folder = tmp_path / "squad"
    folder.mkdir()
    rows = [json.dumps({"id": k, "title": "t", "text": v}) for k, v in DOCS.items()]
    (folder / "passages.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    questions = [
        {"id": "q1", "question": "What is common in winter in northern countries?", "gold_passage_id": "d2"},
        {"id": "q2", "question": "What improves mood?", "gold_passage_id": "d3"},
    ]
    (folder / "questions.jsonl").write_text("\n".join(json.dumps(q) for q in questions) + "\n", encoding="utf-8")
    return folder


def test_ndcg_at_10() -> None:
    """nDCG@10 is 1 for a perfect ranking, lower when the relevant document comes second, 0 when absent."""
    assert bench.ndcg_at_10(["a", "b"], {"a"}) == 1.0
    assert bench.ndcg_at_10(["b", "a"], {"a"}) == pytest.approx(1 / 1.58496, rel=1e-4)
    assert bench.ndcg_at_10(["b", "c"], {"a"}) == 0.0


def test_bench_command_reports_quality_and_ratios(scifact: Path, squad: Path) -> None:
    """``bench`` gives per-tokenizer quality and bot-to-baseline ratios for both datasets, plus corpus scaling."""
    out = io.StringIO()
    assert main(["bench", "--scifact", str(scifact), "--squad", str(squad), "--copies", "1,2"], stdout=out) == 0
    report = json.loads(out.getvalue())
    assert report["scifact"]["bot"]["ndcg@10"] == 1.0
    assert report["squad"]["bot"]["hit@1"] == 1.0
    for dataset in ("scifact", "squad"):
        ratios = report[dataset]["ratios_bot_to_baseline"]
        assert set(ratios) == {"build_time", "query_time", "peak_memory"} and all(r > 0 for r in ratios.values())
    assert [row["articles"] for row in report["corpus_scale"]] == [5, 10]
    assert report["corpus_scale"][0]["build_ratio"] == 1.0


def test_bench_missing_data_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A wrong dataset path gives one error line, exit code 2."""
    assert main(["bench", "--scifact", str(tmp_path / "nope")], stdout=io.StringIO()) == 2
    assert "cannot read the benchmark data" in capsys.readouterr().err


def test_pattern_bench_reports_time_and_ratios_per_input_and_stage() -> None:
    """The pattern bench times cleaning and dates on every adversarial input, with a ratio per tenfold size."""
    rows = bench_patterns((100, 1_000))
    assert {(row["input"], row["stage"]) for row in rows} == {
        (name, stage) for name in ADVERSARIAL for stage in ("cleaning", "dates")
    }
    for row in rows:
        assert set(row["seconds"]) == {"100", "1k"} and all(t > 0 for t in row["seconds"].values())
        assert list(row["ratios"]) == ["1k/100"]


def test_adversarial_text_has_the_asked_size() -> None:
    """Each adversarial input is cut to exactly the requested number of characters."""
    assert {len(adversarial_text(name, 1_000)) for name in ADVERSARIAL} == {1_000}
    assert adversarial_text("bracket then capitals", 5) == "(AAAA"


def test_bench_accepts_the_patterns_flag() -> None:
    """``bench --patterns`` is a flag of the bench command."""
    assert build_parser().parse_args(["bench", "--patterns"]).patterns is True


TOPICS = {
    "Volcano": "Mount Etna erupted in 2021, sending lava down its eastern slopes towards the village of Zafferana.",
    "Chess": "Magnus Carlsen won the world chess championship in 2013 by beating Viswanathan Anand in Chennai.",
    "Coffee": "Arabica coffee beans are grown mostly in Brazil and Ethiopia, at altitudes above 1,000 metres.",
    "Glacier": "The Aletsch glacier in the Swiss Alps has lost more than three kilometres of length since 1870.",
}
TOPIC_QUESTIONS = {
    "Volcano": ("Which village did the lava of Mount Etna flow towards?", "Zafferana"),
    "Chess": ("Whom did Magnus Carlsen beat for the world chess championship?", "Viswanathan Anand"),
    "Coffee": ("Where are arabica coffee beans mostly grown?", "Brazil and Ethiopia"),
    "Glacier": ("How much length has the Aletsch glacier lost?", "three kilometres"),
}


@pytest.fixture
def squad_articles(tmp_path: Path) -> Path:
    folder = tmp_path / "squad-articles"
    folder.mkdir()
    rows = [json.dumps({"id": f"{n}_0", "title": t, "text": text}) for n, (t, text) in enumerate(TOPICS.items())]
    (folder / "passages.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    questions = [
        json.dumps({"id": f"q{n}", "question": q, "gold_passage_id": f"{n}_0", "answers": [a]})
        for n, (q, a) in enumerate(TOPIC_QUESTIONS.values())
    ]
    (folder / "questions.jsonl").write_text("\n".join(questions) + "\n", encoding="utf-8")
    return folder


def test_answerability_bench_answers_its_half_and_refuses_the_other(squad_articles: Path) -> None:
    """On a split of four unrelated articles the bot answers questions about its half and refuses the rest."""
    out = io.StringIO()
    args = ["bench", "--answerability", str(squad_articles), "--answerability-questions", "2", "--copies", "1"]
    assert main(args, stdout=out) == 0
    report = json.loads(out.getvalue())["answerability"]
    assert report["corpus_articles"] == 2
    assert (report["questions_in_corpus"], report["questions_out_of_corpus"]) == (2, 2)
    assert report["bot"] == {"in_corpus_hit@3": 1.0, "in_corpus_answered": 1.0, "out_of_corpus_refused": 1.0}
    assert report["baseline"]["in_corpus_hit@3"] == 1.0 and report["baseline"]["out_of_corpus_refused"] == 0.0


def test_bench_scale_reports_every_figure_on_a_tiny_generated_corpus(tmp_path: Path) -> None:
    """``bench --scale`` generates a corpus, measures tantivy, plain rank-bm25, a first start and a restart."""
    out = io.StringIO()
    args = ["bench", "--copies", "1", "--scale", "300", "--scale-questions", "5", "--scale-dir", str(tmp_path)]
    assert main(args, stdout=out) == 0
    (row,) = json.loads(out.getvalue())["scale"]
    assert row["passages"] == 300
    for part in ("tantivy", "rank_bm25"):
        assert row[part]["build_s"] >= 0 and 0 < row[part]["p50_ms"] <= row[part]["p99_ms"]
        assert row[part]["peak_mb"] > 0
    first, restart = row["bot_first_start"], row["bot_restart"]
    assert first["passages"] == restart["passages"] == 300
    assert first["answered"] == restart["answered"] <= 5
    assert restart["engine"] == first["engine"] == "rank-bm25"  # 300 passages: below the fast engine's threshold
    assert (tmp_path / "300" / "cache" / "snapshot.bin").is_file()
    assert "reading articles" in first["stages_s"] and first["workers_peak_mb"] >= 0
    assert restart["saved_mb"] > 0 and restart["read_saved_s"] >= 0


def test_variants_bench_asks_every_variant_and_counts_the_changes(tmp_path: Path) -> None:
    """``bench --variants`` asks each question with chat around it, in lower case, in capitals and with slips,
    and on the bundled corpus these everyday questions keep their passages in every variant."""
    questions = tmp_path / "questions.jsonl"
    rows = [
        {"question": "Who signed the pact?", "answers": ["Han Min Koo"]},
        {"question": "What is GSOMIA?", "answers": []},
    ]
    questions.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["bench", "--variants", str(questions), "--copies", "1"], stdout=out) == 0
    report = json.loads(out.getvalue())["variants"]
    assert report["questions"] == 2
    assert report["chat_design"]["asked"] == 2 * len(DESIGN_WRAPPERS)
    assert report["chat_check"]["asked"] == 2 * len(CHECK_WRAPPERS)
    assert report["slip"]["asked"] == 2 * len(SLIP_SEEDS)
    for kind in ("chat_design", "chat_check", "lower_case", "capitals", "slip"):
        assert report[kind]["other_passages"] == 0, kind


def test_a_slip_changes_one_longer_word_by_one_letter() -> None:
    """A slip drops, doubles or swaps one letter of one word of six letters or more; short questions stay."""
    for seed in range(20):
        slipped = slip("Who signed the intelligence pact?", random.Random(seed))
        assert slipped != "Who signed the intelligence pact?"
        assert abs(len(slipped) - len("Who signed the intelligence pact?")) <= 1
    assert slip("Who is he?", random.Random(1)) == "Who is he?"
