"""The SQLite store on real files: migrations, concurrent logging, feedback, retention, and a sick database."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.answer.compose import AnswerPolicy
from bot.core.service import Asker, QAService
from bot.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.core.store.storage import QuestionRecord, ServerSettings, Storage
from bot.errors import SchemaTooNewError, StorageError
from tests.conftest import CORPUS

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _record(
    question_id: str, at: datetime = NOW, answered: bool = True, question: str = "Who is Han?"
) -> QuestionRecord:
    return QuestionRecord(question_id, at, "test", "1", "2", "u" * 32, question, answered, (("p#0", "a", 1.5),), 3.0)


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


async def test_new_file_gets_the_current_schema_in_wal_mode(tmp_path: Path) -> None:
    """A missing file (and folder) is created, migrated to the latest version, with WAL and foreign keys."""
    path = tmp_path / "sub" / "bot.sqlite3"
    storage = await Storage.open(path)
    rows = await storage.fetch("PRAGMA journal_mode")
    keys = await storage.fetch("PRAGMA foreign_keys")
    await storage.close()
    assert rows[0][0] == "wal" and keys[0][0] == 1
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"questions", "feedback", "articles", "reloads", "server_settings", "meta"} <= tables


async def test_previous_schema_is_migrated_keeping_its_rows(tmp_path: Path) -> None:
    """A database at schema 1 with logged questions is migrated to the latest; its rows survive."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        for statement in MIGRATIONS[0]:
            db.execute(statement)
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO questions VALUES ('0123456789abcdef', ?, 'discord', '1', '2', 'h', 'q?', 1, '[]', 5.0)",
            (NOW.isoformat(),),
        )
    storage = await Storage.open(path)
    await storage.save_server_settings(ServerSettings("1", qa_channel_id="42"))
    assert (await storage.server_settings("1")).qa_channel_id == "42"
    await storage.close()
    assert _count(path, "questions") == 1
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


async def test_newer_schema_stops_with_a_clear_message(tmp_path: Path) -> None:
    """A database written by a newer bot is refused, naming both versions."""
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNewError, match=f"schema version {SCHEMA_VERSION + 1}, newer than"):
        await Storage.open(path)


@pytest.mark.parametrize("damage", ["corrupt", "folder is a file"])
async def test_unusable_database_is_one_clear_error(tmp_path: Path, damage: str) -> None:
    """A corrupt file or an impossible path gives a ``StorageError`` naming the file."""
    if damage == "corrupt":
        path = tmp_path / "bot.sqlite3"
        path.write_bytes(b"this is not a database, just some text " * 100)
    else:
        (tmp_path / "plain-file").write_text("x")
        path = tmp_path / "plain-file" / "bot.sqlite3"
    with pytest.raises(StorageError, match=r"bot\.sqlite3"):
        await Storage.open(path)


async def test_concurrent_questions_are_all_logged(tmp_path: Path) -> None:
    """Two hundred simultaneous questions through the service leave two hundred rows, none lost."""
    storage = await Storage.open(tmp_path / "bot.sqlite3")
    service = QAService.from_folder(CORPUS, AnswerPolicy())
    service.storage = storage
    askers = [Asker("discord", str(n % 17), "1", "2") for n in range(200)]
    answers = await asyncio.gather(*(service.ask_async("Who is Han Min-koo?", asker=a) for a in askers))
    await storage.close()
    assert len({a.question_id for a in answers}) == 200
    assert _count(tmp_path / "bot.sqlite3", "questions") == 200
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        hashes = {r[0] for r in db.execute("SELECT user_hash FROM questions")}
    assert len(hashes) == 17 and not any(str(n) == h for n in range(17) for h in hashes)


async def test_feedback_is_one_changeable_vote_per_person(tmp_path: Path) -> None:
    """Voting again replaces the vote; another person's vote is separate."""
    storage = await Storage.open(tmp_path / "bot.sqlite3")
    storage.record_question(_record("0123456789abcdef"))
    storage.record_feedback("0123456789abcdef", "alice", 1, NOW)
    storage.record_feedback("0123456789abcdef", "alice", -1, NOW)
    storage.record_feedback("0123456789abcdef", "bob", 1, NOW)
    await storage.flush()
    votes = {r["user_hash"]: r["vote"] for r in await storage.fetch("SELECT user_hash, vote FROM feedback")}
    await storage.close()
    assert votes == {"alice": -1, "bob": 1}


async def test_retention_deletes_old_questions_and_their_feedback(tmp_path: Path) -> None:
    """Questions older than the retention period go, with their votes; newer ones stay."""
    storage = await Storage.open(tmp_path / "bot.sqlite3")
    storage.record_question(_record("aaaaaaaaaaaaaaaa", at=NOW - timedelta(days=100)))
    storage.record_question(_record("bbbbbbbbbbbbbbbb", at=NOW - timedelta(days=10)))
    storage.record_feedback("aaaaaaaaaaaaaaaa", "alice", 1, NOW - timedelta(days=99))
    deleted = await storage.purge_questions(timedelta(days=90), NOW)
    rows = await storage.fetch("SELECT id FROM questions")
    feedback = await storage.fetch("SELECT * FROM feedback")
    await storage.close()
    assert deleted == 1 and [r["id"] for r in rows] == ["bbbbbbbbbbbbbbbb"] and feedback == []


async def test_locked_database_is_retried_then_written(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """While another process holds the write lock, writes wait and retry; after it lets go they land."""
    path = tmp_path / "bot.sqlite3"
    storage = await Storage.open(path, busy_timeout_ms=50)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    with caplog.at_level(logging.INFO, logger="bot.core.store.storage"):
        storage.record_question(_record("aaaaaaaaaaaaaaaa"))
        await asyncio.sleep(0.3)
        other.execute("ROLLBACK")
        other.close()
        await storage.flush()
    await storage.close()
    assert _count(path, "questions") == 1
    assert any("locked" in r.getMessage() for r in caplog.records)


async def test_write_that_keeps_failing_is_dropped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A database that turned read-only drops the write with a warning; answering goes on."""
    storage = await Storage.open(tmp_path / "bot.sqlite3")
    await storage.fetch("PRAGMA query_only = ON")  # SQLite now refuses every write, as a read-only file would
    service = QAService.from_folder(CORPUS, AnswerPolicy())
    service.storage = storage
    with caplog.at_level(logging.WARNING):
        answer = await service.ask_async("Who is Han Min-koo?", asker=Asker("console", "me"))
        await storage.flush()
    await storage.close()
    assert answer.answered
    assert storage.counters.dropped == 1
    assert any("database write dropped" in r.getMessage() and "readonly" in r.getMessage() for r in caplog.records)


async def test_reload_history_and_catalogue(tmp_path: Path, corpus_copy: Path) -> None:
    """A reload lands in the history with who did it, and the catalogue lists the loaded articles."""
    storage = await Storage.open(tmp_path / "bot.sqlite3")
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    service.storage = storage
    next(corpus_copy.glob("*dw*")).unlink()
    await service.reload_async("console")
    await storage.flush()
    history = await storage.fetch("SELECT actor, removed, articles FROM reloads")
    catalogue = await storage.fetch("SELECT article_id, passage_count FROM articles")
    await storage.close()
    assert [(h["actor"], h["removed"], h["articles"]) for h in history] == [
        ("console", '["2016-11-14-dw-intelligence-deal"]', 4)
    ]
    assert len(catalogue) == 4 and all(row["passage_count"] > 0 for row in catalogue)


async def test_user_hashes_are_salted_per_database(tmp_path: Path) -> None:
    """The same user hashes differently in two installations, and the id itself is not stored."""
    first = await Storage.open(tmp_path / "a.sqlite3")
    second = await Storage.open(tmp_path / "b.sqlite3")
    a, b = first.hash_user("discord", "700000000000000001"), second.hash_user("discord", "700000000000000001")
    reopened = await Storage.open(tmp_path / "c.sqlite3")
    await reopened.close()
    again = await Storage.open(tmp_path / "c.sqlite3")
    same = again.hash_user("discord", "1") == (await _hash_after_reopen(tmp_path / "c.sqlite3", "1"))
    for storage in (first, second, again):
        await storage.close()
    assert a != b and "700000000000000001" not in a and same


async def _hash_after_reopen(path: Path, user: str) -> str:
    storage = await Storage.open(path)
    value = storage.hash_user("discord", user)
    await storage.close()
    return value
