"""The SQLite store (aiosqlite): question log, feedback, article catalogue, reload history, server settings.

Writes go through a queue drained by one background task, so a reply never waits for the disk; a
write that fails (locked, read-only, full disk, text SQLite refuses) is retried a few times, then
dropped with a (rate-limited) warning, and the task is restarted should it ever stop.
User ids are stored only as keyed hashes, with the key in a file beside the database (``user_key``):
enough to count one vote per person, not to know who from the database alone.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import aiosqlite

from bot.core.control_chars import replace_surrogates
from bot.core.log_throttle import ThrottledWarning
from bot.core.models import Article, ReloadReport
from bot.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.core.store.user_key import key_file_for, load_user_key
from bot.errors import SchemaTooNewError, StorageError

log = logging.getLogger(__name__)

Statement = tuple[str, Sequence[Any]]

RETRY_DELAYS = (0.2, 0.5, 1.0)
QUEUE_LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """One asked question as the log keeps it."""

    question_id: str
    at: datetime
    platform: str
    server_id: str | None
    channel_id: str | None
    user_hash: str
    question: str
    answered: bool
    passages: tuple[tuple[str, str, float], ...]  # passage id, article id, score
    latency_ms: float


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """What admins set per server: a Q&A channel, where the bot answers (empty: everywhere), admin roles, cooldown."""

    server_id: str
    qa_channel_id: str | None = None
    answer_channel_ids: tuple[str, ...] = ()
    admin_role_ids: tuple[str, ...] = ()
    cooldown_questions: int | None = None
    cooldown_seconds: float | None = None


@dataclass
class _Counters:
    written: int = 0
    dropped: int = 0


class Storage:
    """An open database with its write queue; create with ``await Storage.open(path)``."""

    def __init__(self, db: aiosqlite.Connection, path: Path, salt: str) -> None:
        self._db = db
        self.path = path
        self._salt = salt
        self._queue: asyncio.Queue[list[Statement]] = asyncio.Queue(maxsize=QUEUE_LIMIT)
        self._writer: asyncio.Task[None] | None = None
        # One connection: transactions from the writer and from admin commands must not interleave.
        self._lock = asyncio.Lock()
        self.counters = _Counters()
        self._drop_warning = ThrottledWarning(log)
        self._closing = False

    # -- opening ------------------------------------------------------------------------------------

    @classmethod
    async def open(cls, path: Path, busy_timeout_ms: int = 5000) -> Storage:
        """Open (creating it if needed) and migrate; ``StorageError`` says in one line what is wrong."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise StorageError(f"cannot open the database {path}: {error}") from None
        try:
            db.row_factory = sqlite3.Row
            await db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            await db.execute("PRAGMA foreign_keys = ON")
            # Refuse a newer schema before changing anything in the file, the journal mode included.
            version = await _schema_version(db, path)
            await _use_wal(db, path)
            await _migrate(db, path, version)
            salt = await load_user_key(db, key_file_for(path))
        except StorageError:
            await db.close()
            raise
        except (sqlite3.Error, OSError) as error:
            await db.close()
            raise StorageError(f"cannot use the database {path}: {error}") from None
        storage = cls(db, path, salt)
        storage._start_writer()
        return storage

    async def close(self) -> None:
        """Write what is queued, then close."""
        self._closing = True
        if self._writer is not None:
            await self.flush()
            self._writer.cancel()
            await asyncio.gather(self._writer, return_exceptions=True)
            self._writer = None
        self._drop_warning.flush("database writes dropped")
        await self._db.close()

    def _start_writer(self) -> None:
        self._writer = asyncio.create_task(self._drain(), name="storage-writer")
        self._writer.add_done_callback(self._writer_stopped)

    def _writer_stopped(self, task: asyncio.Task[None]) -> None:
        """Supervise the writer: were it ever to stop on an error, queued writes would hang flush() for good."""
        if self._closing or task.cancelled():
            return
        log.error("the database writer stopped (%r); restarting it", task.exception())
        self._start_writer()

    # -- identities ---------------------------------------------------------------------------------

    def hash_user(self, platform: str, user_id: str) -> str:
        """A keyed hash of a platform user id; the key lives in a file beside the database, not in it."""
        return hashlib.sha256(f"{self._salt}:{platform}:{user_id}".encode()).hexdigest()[:32]

    # -- queued writes ------------------------------------------------------------------------------

    def record_question(self, record: QuestionRecord) -> None:
        passages = [{"passage_id": p, "article_id": a, "score": round(s, 4)} for p, a, s in record.passages]
        self._enqueue(
            [
                (
                    "INSERT INTO questions (id, at, platform, server_id, channel_id, user_hash, question, answered,"
                    " passages, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        record.question_id,
                        record.at.isoformat(),
                        record.platform,
                        record.server_id,
                        record.channel_id,
                        record.user_hash,
                        record.question,
                        int(record.answered),
                        json.dumps(passages),
                        record.latency_ms,
                    ),
                )
            ]
        )

    def record_feedback(self, question_id: str, user_hash: str, vote: int, at: datetime) -> None:
        """One vote per person per answer; voting again replaces the vote."""
        self._enqueue(
            [
                (
                    "INSERT INTO feedback (question_id, user_hash, vote, at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (question_id, user_hash) DO UPDATE SET vote = excluded.vote, at = excluded.at",
                    (question_id, user_hash, vote, at.isoformat()),
                )
            ]
        )

    def record_reload(self, report: ReloadReport, actor: str, at: datetime) -> None:
        failed = [{"file": p.file_name, "reason": p.reason} for p in report.problems]
        self._enqueue(
            [
                (
                    "INSERT INTO reloads (at, actor, added, changed, removed, failed, articles, passages, kept_old)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        at.isoformat(),
                        actor,
                        json.dumps(report.added),
                        json.dumps(report.changed),
                        json.dumps(report.removed),
                        json.dumps(failed),
                        report.articles,
                        report.passages,
                        report.kept_old,
                    ),
                )
            ]
        )

    def record_catalogue(self, articles: Iterable[tuple[Article, int]], at: datetime) -> None:
        """Replace the article catalogue with the loaded corpus, in one transaction."""
        rows = [
            (
                a.article_id,
                a.file_name,
                a.content_hash,
                a.title,
                a.source,
                a.published.isoformat() if a.published else None,
                a.url,
                count,
                at.isoformat(),
            )
            for a, count in articles
        ]
        statements: list[Statement] = [("DELETE FROM articles", ())]
        statements += [("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row) for row in rows]
        self._enqueue(statements)

    def _enqueue(self, statements: list[Statement]) -> None:
        # Text SQLite cannot encode (a file name with an undecodable byte) is stored with U+FFFD, not dropped.
        statements = [
            (sql, tuple(replace_surrogates(p) if isinstance(p, str) else p for p in params))
            for sql, params in statements
        ]
        try:
            self._queue.put_nowait(statements)
        except asyncio.QueueFull:
            self.counters.dropped += 1
            self._drop_warning.warn("database write queue is full (%d waiting); dropping a write", QUEUE_LIMIT)

    async def flush(self) -> None:
        """Wait until every queued write has been written or dropped."""
        await self._queue.join()

    async def _drain(self) -> None:
        while True:
            statements = await self._queue.get()
            try:
                await self._write_with_retries(statements)
            finally:
                self._queue.task_done()

    async def _write_with_retries(self, statements: list[Statement]) -> None:
        for attempt, delay in enumerate((*RETRY_DELAYS, None)):
            try:
                await self._transaction(statements)
            except sqlite3.OperationalError as error:
                if delay is not None and "locked" in str(error):
                    log.info("database locked; retrying a write (attempt %d)", attempt + 1)
                    await asyncio.sleep(delay)
                    continue
                self._drop(statements, error)
            except Exception as error:
                # Any error (sqlite3's, or text it cannot encode) costs this write only, never the writer.
                self._drop(statements, error)
            else:
                self.counters.written += 1
            return

    def _drop(self, statements: list[Statement], error: Exception) -> None:
        self.counters.dropped += 1
        what = statements[0][0].split("(")[0].strip() if statements else "nothing"
        self._drop_warning.warn("database write dropped (%s): %s", error, what)

    async def _transaction(self, statements: Sequence[Statement]) -> None:
        async with self._lock:
            await _run_transaction(self._db, statements)

    # -- direct reads and admin writes ---------------------------------------------------------------

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Rows of a parameterised query."""
        async with self._db.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def question_text(self, question_id: str) -> str | None:
        """A logged question's text, once queued writes are in (None if it was never logged or is purged)."""
        await self.flush()
        rows = await self.fetch("SELECT question FROM questions WHERE id = ?", (question_id,))
        return str(rows[0]["question"]) if rows else None

    async def purge_questions(self, older_than: timedelta, now: datetime) -> int:
        """Delete questions (and their feedback) older than the retention period; returns how many."""
        cutoff = (now - older_than).isoformat()
        await self.flush()
        async with self._db.execute("SELECT count(*) FROM questions WHERE at < ?", (cutoff,)) as cursor:
            row = await cursor.fetchone()
        await self._transaction([("DELETE FROM questions WHERE at < ?", (cutoff,))])
        return int(row[0]) if row else 0

    async def server_settings(self, server_id: str) -> ServerSettings:
        rows = await self.fetch("SELECT * FROM server_settings WHERE server_id = ?", (server_id,))
        if not rows:
            return ServerSettings(server_id)
        row = rows[0]
        return ServerSettings(
            server_id=server_id,
            qa_channel_id=row["qa_channel_id"],
            answer_channel_ids=tuple(json.loads(row["answer_channel_ids"])),
            admin_role_ids=tuple(json.loads(row["admin_role_ids"])),
            cooldown_questions=row["cooldown_questions"],
            cooldown_seconds=row["cooldown_seconds"],
        )

    async def save_server_settings(self, settings: ServerSettings) -> None:
        """Written at once (an admin is waiting for the confirmation)."""
        await self._transaction(
            [
                (
                    "INSERT INTO server_settings VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (server_id) DO UPDATE SET"
                    " qa_channel_id = excluded.qa_channel_id, answer_channel_ids = excluded.answer_channel_ids,"
                    " admin_role_ids = excluded.admin_role_ids, cooldown_questions = excluded.cooldown_questions,"
                    " cooldown_seconds = excluded.cooldown_seconds",
                    (
                        settings.server_id,
                        settings.qa_channel_id,
                        json.dumps(list(settings.answer_channel_ids)),
                        json.dumps(list(settings.admin_role_ids)),
                        settings.cooldown_questions,
                        settings.cooldown_seconds,
                    ),
                )
            ]
        )


async def _run_transaction(db: aiosqlite.Connection, statements: Sequence[Statement]) -> None:
    """Run ``statements`` in one immediate transaction, rolled back on any error, a failed COMMIT included.

    A COMMIT that fails (busy outside WAL mode, disk full) leaves the transaction open; without the
    rollback every later write on this connection would fail and other processes stay locked out.
    """
    await db.execute("BEGIN IMMEDIATE")
    try:
        for sql, params in statements:
            await db.execute(sql, params)
        await db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            try:
                await db.execute("ROLLBACK")
            except sqlite3.Error as error:
                log.warning("rollback after a failed write also failed: %s", error)
        raise


async def _schema_version(db: aiosqlite.Connection, path: Path) -> int:
    """The file's schema version; ``SchemaTooNewError`` for one written by a newer bot."""
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    version = int(row[0]) if row else 0
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"the database {path} has schema version {version}, newer than this bot understands ({SCHEMA_VERSION}); "
            "upgrade the bot or point BOT_DATABASE at another file"
        )
    return version


async def _use_wal(db: aiosqlite.Connection, path: Path) -> None:
    """Ask for WAL (readers never block the writer); say so when the file system cannot give it."""
    async with db.execute("PRAGMA journal_mode = WAL") as cursor:
        row = await cursor.fetchone()
    mode = str(row[0]).lower() if row else "unknown"
    if mode != "wal":
        log.warning(
            "the database %s cannot use WAL here; running in %s journal mode (writes may wait longer)", path, mode
        )


async def _migrate(db: aiosqlite.Connection, path: Path, version: int) -> None:
    for number in range(version + 1, SCHEMA_VERSION + 1):
        await _run_transaction(
            db, [*((statement, ()) for statement in MIGRATIONS[number - 1]), (f"PRAGMA user_version = {number}", ())]
        )
        log.info("database %s migrated to schema version %d", path, number)
