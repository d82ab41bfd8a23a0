"""The command line: the JSON contract of ``ask``, line-by-line questions, ``sources``, ``eval`` and bad set-ups."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import REPO

PASSAGE_KEYS = {
    "text", "source", "title", "published", "url", "article_id", "passage_id", "score", "also_reported_by",
    "best_sentence",
}  # fmt: skip


def _run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def test_ask_json_contract() -> None:
    """``ask --json`` prints one object with the documented fields and types."""
    code, out = _run(["ask", "--json", "Who is Han Min-koo?"])
    assert code == 0
    payload = json.loads(out)
    assert payload["question"] == "Who is Han Min-koo?"
    assert payload["answered"] is True and isinstance(payload["message"], str)
    assert 1 <= len(payload["passages"]) <= 3
    assert payload["newest_source"] >= max(p["published"] for p in payload["passages"])  # corroborators count too
    assert payload["period"] is None and payload["time_reading"] is None
    for passage in payload["passages"]:
        assert set(passage) == PASSAGE_KEYS
        assert isinstance(passage["score"], float) and isinstance(passage["also_reported_by"], list)
        assert passage["published"] is None or len(passage["published"]) == 10
        best = passage["best_sentence"]
        assert passage["text"][best["start"] : best["end"]] == best["text"]


def test_ask_json_abstains_with_no_passages() -> None:
    """An unanswerable question gives ``answered: false`` and an empty list."""
    _, out = _run(["ask", "--json", "Which football team won the league?"])
    payload = json.loads(out)
    assert payload["answered"] is False and payload["passages"] == []


def test_ask_json_reads_one_question_per_line() -> None:
    """Without a question argument, each stdin line gets one JSON line, bad lines included, in the same shape."""
    _, out = _run(["ask", "--json"], stdin="Who is Han Min-koo?\n\nWhat is GSOMIA?\n")
    lines = out.splitlines()
    assert len(lines) == 3
    first, empty, third = (json.loads(line) for line in lines)
    assert first["answered"] and third["answered"]
    assert empty == {
        "question": "",
        "answered": False,
        "message": "Please ask a question: the message was empty.",
        "passages": [],
        "newest_source": None,
        "period": None,
        "time_reading": None,
        "did_you_mean": None,
        "error": "invalid_question",
    }
    assert set(first) == set(empty) - {"error"}


def test_timeline_json_contract() -> None:
    """``timeline --json`` is a chronological array of date, text, sources and article ids."""
    code, out = _run(["timeline", "--json"])
    events = json.loads(out)
    assert code == 0 and len(events) >= 15
    assert all(set(e) == {"date", "text", "sources", "article_ids"} for e in events)
    assert all(e["sources"] and len(e["sources"]) == len(e["article_ids"]) for e in events)
    starts = [e["date"][:4] for e in events]
    assert starts == sorted(starts)


def test_timeline_filters() -> None:
    """``--from``/``--to`` keep events inside the range and ``--topic`` keeps events about it."""
    _, out = _run(["timeline", "--json", "--from", "2016-11", "--to", "2016-11-30"])
    assert {e["date"][:7] for e in json.loads(out)} <= {"2016-11"}
    _, out = _run(["timeline", "--json", "--topic", "colonial rule Korean peninsula"])
    assert [e["date"] for e in json.loads(out)] == ["1910/1945"]


def test_timeline_bad_date_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A filter that is not a date stops with one line, exit code 2."""
    assert _run(["timeline", "--from", "last tuesday"])[0] == 2
    assert "is not a date" in capsys.readouterr().err


def test_ask_text_shows_quote_then_source() -> None:
    """Plain ``ask`` prints the quote and then a source line with the date."""
    _, out = _run(["ask", "What is GSOMIA?"])
    assert out.startswith("Here is what the articles say; the newest of these sources is from 2016-")
    assert "\n\n1. “" in out
    assert "   — " in out and "2016-11-" in out


def test_sources_json_lists_articles() -> None:
    """``sources --json`` lists every article with its file and passage count."""
    _, out = _run(["sources", "--json"])
    rows = json.loads(out)
    assert len(rows) == 5
    assert all(row["passages"] > 0 and row["file"].endswith(".txt") for row in rows)


def test_sources_json_passages_give_each_passage_once_in_reading_order() -> None:
    """``sources --json --passages`` adds ``passage_texts``: the counted passages, in order, no neighbour pairs."""
    _, out = _run(["sources", "--json", "--passages"])
    rows = json.loads(out)
    for row in rows:
        texts = row["passage_texts"]
        assert len(texts) == row["passages"]
        assert all(set(t) == {"passage_id", "text"} and t["text"] for t in texts)
        numbers = [int(t["passage_id"].rsplit("#", 1)[1]) for t in texts]
        assert numbers == list(range(len(texts)))
        assert all(t["passage_id"].startswith(row["article_id"] + "#") for t in texts)
    _, plain = _run(["sources", "--json"])
    assert all("passage_texts" not in row for row in json.loads(plain))


def test_eval_prints_scores_and_misses(tmp_path: Path) -> None:
    """``eval`` scores a question file and names the misses."""
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "a", "question": "Who is Han Min-koo?", "answers": ["Han Min-koo"]}\n'
        '{"id": "b", "question": "What is the capital of Peru?", "answerable": false}\n'
        '{"id": "c", "question": "Who is Han Min-koo?", "answers": ["no such text"]}\n',
        encoding="utf-8",
    )
    code, out = _run(["eval", str(questions), "--json"])
    report = json.loads(out)
    assert code == 0
    assert (report["hit@1"], report["hit@3"], report["abstention"]) == (0.5, 0.5, 1.0)
    assert report["misses"] == ["c: no hit: Who is Han Min-koo?"]


def test_eval_by_kind_reports_each_split_and_kind(tmp_path: Path) -> None:
    """``eval --by-kind`` scores each labelled split/kind apart, beside the whole file."""
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "a", "question": "Who is Han Min-koo?", "answers": ["Han Min-koo"], "kind": "everyday",'
        ' "split": "tune"}\n'
        '{"id": "b", "question": "What is the capital of Peru?", "answerable": false, "kind": "off_topic",'
        ' "split": "holdout"}\n',
        encoding="utf-8",
    )
    code, out = _run(["eval", str(questions), "--by-kind", "--json"])
    reports = json.loads(out)
    assert code == 0
    assert set(reports) == {"all", "tune/everyday", "holdout/off_topic"}
    assert reports["tune/everyday"]["hit@1"] == 1.0 and reports["tune/everyday"]["unanswerable"] == 0
    assert reports["holdout/off_topic"]["abstention"] == 1.0 and reports["all"]["answerable"] == 1
    code, text = _run(["eval", str(questions), "--by-kind"])
    assert "tune/everyday: answerable 1 hit@1 100.0%" in text


def test_eval_baseline_scores_plain_rank_bm25_on_the_same_questions(tmp_path: Path) -> None:
    """``eval --baseline`` adds plain rank-bm25's hit rates; it quotes the passage holding every word asked."""
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "a", "question": "Who signed the agreement at a closed ceremony?", "answers": ["Nagamine"],'
        ' "kind": "everyday"}\n'
        '{"id": "b", "question": "What is the capital of Peru?", "answerable": false, "kind": "off_topic"}\n',
        encoding="utf-8",
    )
    code, out = _run(["eval", str(questions), "--by-kind", "--baseline", "--json"])
    reports = json.loads(out)
    assert code == 0
    assert reports["rank_bm25"]["everyday"]["hit@1"] == 1.0
    assert reports["rank_bm25"]["off_topic"]["abstention"] == 0.0  # it never refuses
    assert reports["off_topic"]["abstention"] == 1.0
    code, text = _run(["eval", str(questions), "--baseline"])
    assert "plain rank-bm25" in text and "all: hit@1 100.0% hit@3 100.0%" in text


def test_eval_bad_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed question file is named with its line, exit code 2."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    assert _run(["eval", str(bad)])[0] == 2
    assert "bad.jsonl line 1" in capsys.readouterr().err


def test_missing_corpus_folder_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A corpus folder that does not exist stops start-up with one line naming it."""
    monkeypatch.setenv("BOT_CORPUS_DIR", str(tmp_path / "nope"))
    assert _run(["ask", "hello"])[0] == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


def test_invalid_setting_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A setting out of range stops start-up with the setting's name."""
    monkeypatch.setenv("BOT_TOP_K", "0")
    assert _run(["sources"])[0] == 2
    assert "BOT_TOP_K" in capsys.readouterr().err


def test_settings_come_from_dotenv(tmp_path: Path) -> None:
    """A ``.env`` in the working folder is read (the corpus folder here)."""
    (tmp_path / ".env").write_text(f"BOT_CORPUS_DIR={tmp_path / 'missing'}\n", encoding="utf-8")
    assert _run(["sources"])[0] == 2


def test_module_runs_as_a_real_process() -> None:
    """``python -m bot ask --json`` works as a command, streaming one line per question."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DISCORD_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json"],
        input="Who is Han Min-koo?\nWhat is GSOMIA?\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
        check=True,
    )
    assert [json.loads(line)["answered"] for line in result.stdout.splitlines()] == [True, True]


def test_console_logs_questions_to_the_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``python -m bot`` opens BOT_DATABASE, logs each question, and /stats reads them back."""
    database = tmp_path / "db" / "bot.sqlite3"
    monkeypatch.setenv("BOT_DATABASE", str(database))
    code, out = _run([], stdin="Who is Han Min-koo?\nWhich football team won the league?\n/stats 3\n")
    assert code == 0
    assert "2 questions, 50% answered." in out
    assert "1× Which football team won the league?" in out
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM questions").fetchone()[0] == 2


def test_corrupt_database_is_reported_and_the_console_still_answers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A corrupt database file costs one logged error; questions are still answered, /stats says why not."""
    database = tmp_path / "bot.sqlite3"
    database.write_bytes(b"garbage, not SQLite " * 200)
    monkeypatch.setenv("BOT_DATABASE", str(database))
    code, out = _run([], stdin="What is GSOMIA?\n/stats\n")
    assert code == 0 and "General Security of Military Information Agreement" in out
    assert "need the database" in out
    assert any("running without the database" in r.getMessage() for r in caplog.records)


def test_newer_schema_stops_start_up(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:
    """A database from a newer bot stops start-up with one line and exit code 2."""
    database = tmp_path / "bot.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA user_version = 99")
    monkeypatch.setenv("BOT_DATABASE", str(database))
    assert _run([], stdin="What is GSOMIA?\n")[0] == 2
    assert "schema version 99, newer than this bot understands" in capsys.readouterr().err


def test_console_corpus_commands(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, corpus_copy: Path) -> None:
    """/corpus add PATH ingests a file, /corpus remove ID deletes one; both reload."""
    monkeypatch.setenv("BOT_CORPUS_DIR", str(corpus_copy))
    monkeypatch.setenv("BOT_DATABASE", str(tmp_path / "bot.sqlite3"))
    upload = tmp_path / "in force.txt"
    upload.write_text(
        "---\ntitle: In force\nsource: Wire\n---\nThe pact entered into force on Thursday, officials said.\n"
    )
    stdin = (
        f"/corpus add {upload}\n/corpus remove 2016-11-14-dw-intelligence-deal\n/corpus add {tmp_path}/missing.txt\n"
    )
    _, out = _run([], stdin=stdin)
    assert "Added in-force.txt: “In force” (Wire)." in out and "added: in-force" in out
    assert "Removed 2016-11-14-dw-intelligence-deal.txt." in out
    assert "Cannot read" in out and "missing.txt" in out
    assert (corpus_copy / "in-force.txt").exists()


def test_ask_json_says_how_time_was_read() -> None:
    """A relative period in the question comes back as ``period`` and a ``time_reading`` sentence."""
    _, out = _run(["ask", "--json", "What happened last week?"])
    payload = json.loads(out)
    assert payload["period"] == "2016-W46"
    assert payload["time_reading"].startswith("Read “last week” as 14–20 November 2016")


def test_eval_pairs_reports_precision_and_the_bar() -> None:
    """``eval --pairs`` scores the same-fact rule on the labelled pairs and places the bar among unrelated pairs."""
    code, out = _run(["eval", "--pairs", str(REPO / "eval" / "corroboration_pairs.jsonl"), "--json"])
    assert code == 0
    report = json.loads(out)
    assert report["positives"] + report["negatives"] == len(
        (REPO / "eval" / "corroboration_pairs.jsonl").read_text().splitlines()
    )
    assert report["precision"] >= 0.95 and report["unrelated_below_bar"] >= 0.99


def test_old_setting_name_is_warned_about(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """An old BOT_MIN_COVERAGE in the environment gets a warning naming its replacement; the command still runs."""
    monkeypatch.setenv("BOT_MIN_COVERAGE", "0.4")
    code, out = _run(["ask", "--json", "Who is Han Min-koo?"])
    assert code == 0 and json.loads(out)["answered"] is True
    assert (
        "warning: BOT_MIN_COVERAGE is not a setting (it was replaced by BOT_MIN_CONFIDENCE)" in capsys.readouterr().err
    )
