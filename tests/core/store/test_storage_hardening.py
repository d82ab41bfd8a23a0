"""The store survives what used to stop it: unencodable text, a failed COMMIT, a too-new file, a log flood."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.answer.compose import AnswerPolicy
from bot.core.service import Asker, QAService
from bot.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.core.store.storage import QuestionRecord, Storage
from bot.core.store.user_key import key_file_for
from bot.errors import SchemaTooNewError
from tests.conftest import CORPUS

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _record(question_id: str, question: str = "Who is Han?") -> QuestionRecord:
    return QuestionRecord(question_id, NOW, "test", "1", "2", "u" * 32, question, True, (), 3.0)


def _questions(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT question FROM questions ORDER BY at, id")]


class _Unbindable:
    """A value whose binding raises an error that is not sqlite3's (as unencodable text did)."""

    def __conform__(self, protocol: object) -> object:
        raise ValueError("cannot be stored")


async def test_any_failed_write_is_dropped_and_the_writer_goes_on(tmp_path: Path) -> None:
    """A write failing with an error that is not sqlite3's costs that write only; the writes after it are stored."""
    path = tmp_path / "bot.sqlite3"
    storage = await Storage.open(path)
    storage.record_question(_record("0000000000000001", "first"))
    storage._enqueue([("INSERT INTO meta VALUES (?, ?)", ("odd", _Unbindable()))])
    storage.record_question(_record("0000000000000003", "third"))
    await asyncio.wait_for(storage.flush(), timeout=5)
    await storage.close()
    assert (storage.counters.written, storage.counters.dropped) == (2, 1)
    assert _questions(path) == ["first", "third"]


async def test_unencodable_text_is_stored_with_a_replacement_character(tmp_path: Path, corpus_copy: Path) -> None:
    """A lone surrogate (a question, a file name with an undecodable byte) is stored as U+FFFD, not dropped."""
    (corpus_copy / os.fsdecode(b"caf\xe9-story.txt")).write_bytes(
        (corpus_copy / next(os.walk(corpus_copy))[2][0]).read_bytes()
    )
    path = tmp_path / "bot.sqlite3"
    storage = await Storage.open(path)
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    service.storage = storage
    service.record_catalogue()
    storage.record_question(_record("0000000000000002", "Who is \udcff Han?"))
    await storage.flush()
    await storage.close()
    assert storage.counters.dropped == 0
    assert _questions(path) == ["Who is \ufffd Han?"]
    with sqlite3.connect(path) as db:
        names = [row[0] for row in db.execute("SELECT file_name FROM articles")]
    assert "caf\ufffd-story.txt" in names and len(names) == 6


async def test_odd_characters_in_a_question_are_cleaned_and_logged(tmp_path: Path) -> None:
    """A question with a lone surrogate and a terminal escape is answered and logged without either."""
    path = tmp_path / "bot.sqlite3"
    storage = await Storage.open(path)
    service = QAService.from_folder(CORPUS, AnswerPolicy())
    service.storage = storage
    answer = await service.ask_async("Who is \udcff Han\x1b[2J Min-koo?", asker=Asker("console", "me"))
    await storage.close()
    assert answer.answered
    assert _questions(path) == ["Who is \ufffd Han Min-koo?"]


def test_console_session_with_an_odd_byte_keeps_logging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's repro: after a question with an undecodable byte, later questions are logged and /stats answers."""
    path = tmp_path / "bot.sqlite3"
    monkeypatch.setenv("BOT_DATABASE", str(path))
    stdin = io.StringIO("Who is Han Min-koo?\nWho is \udcff Han Min-koo?\nWhat is GSOMIA?\n/stats\n")
    stdout = io.StringIO()
    assert main(["run"], stdin=stdin, stdout=stdout) == 0
    assert "3 questions" in stdout.getvalue()
    assert len(_questions(path)) == 3


async def test_failed_commit_is_rolled_back_and_later_writes_land(tmp_path: Path) -> None:
    """Outside WAL mode a reader can make COMMIT fail; the transaction is rolled back, so later writes succeed."""
    path = tmp_path / "bot.sqlite3"
    storage = await Storage.open(path, busy_timeout_ms=50)
    await storage.fetch("PRAGMA journal_mode = DELETE")  # as on a file system without WAL
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM questions").fetchone()  # holds a shared lock: COMMIT cannot get exclusive
    storage.record_question(_record("0000000000000001", "blocked"))
    await asyncio.sleep(0.3)  # the first attempt's COMMIT fails while the reader holds its lock
    reader.execute("COMMIT")
    reader.close()
    for n in range(2, 12):
        storage.record_question(_record(f"{n:016x}", f"q{n}"))
    await storage.flush()
    await storage.close()
    assert [q for q in _questions(path) if q != "blocked"] == [f"q{n}" for n in range(2, 12)]


async def test_wal_refusal_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """When SQLite keeps another journal mode than WAL (here an in-memory database), the log says which."""
    with caplog.at_level(logging.WARNING):
        storage = await Storage.open(Path(":memory:"))
        await storage.close()
    assert any("cannot use WAL" in r.getMessage() and "memory journal mode" in r.getMessage() for r in caplog.records)


async def test_too_new_database_is_left_untouched(tmp_path: Path) -> None:
    """Refusing a database of a newer bot changes nothing in it: its journal mode stays as it was."""
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNewError):
        await Storage.open(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not key_file_for(path).exists()


async def test_user_key_lives_beside_the_database_not_in_it(tmp_path: Path) -> None:
    """The hashing key is a private file next to the database; the database itself holds no key."""
    path = tmp_path / "bot.sqlite3"
    storage = await Storage.open(path)
    hashed = storage.hash_user("discord", "700000000000000001")
    await storage.close()
    key = key_file_for(path).read_text().strip()
    assert stat.S_IMODE(key_file_for(path).stat().st_mode) == 0o600
    assert key.encode() not in path.read_bytes()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM meta WHERE key = 'user_salt'").fetchone()[0] == 0
    reopened = await Storage.open(path)
    assert reopened.hash_user("discord", "700000000000000001") == hashed
    await reopened.close()


async def test_key_of_an_older_database_moves_out_and_hashes_still_match(tmp_path: Path) -> None:
    """A database that kept its salt inside gives it up to the key file; stored hashes keep matching."""
    import hashlib

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        for migration in MIGRATIONS:
            for statement in migration:
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("INSERT INTO meta VALUES ('user_salt', 'cafe0123')")
    storage = await Storage.open(path)
    hashed = storage.hash_user("discord", "42")
    await storage.close()
    assert hashed == hashlib.sha256(b"cafe0123:discord:42").hexdigest()[:32]
    assert key_file_for(path).read_text().strip() == "cafe0123"
    assert b"cafe0123" not in path.read_bytes()


async def test_dropped_writes_are_summarised_not_logged_one_by_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Three hundred and fifty failed writes give a couple of warning lines that count them, not 350."""
    storage = await Storage.open(tmp_path / "bot.sqlite3")
    await storage.fetch("PRAGMA query_only = ON")
    with caplog.at_level(logging.WARNING):
        for n in range(350):
            storage.record_question(_record(f"{n:016x}"))
        await storage.flush()
        await storage.close()
    lines = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
    assert storage.counters.dropped == 350
    assert 1 <= len(lines) <= 3
    assert "349 more" in lines[-1]
