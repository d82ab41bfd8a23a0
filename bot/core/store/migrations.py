"""The database schema, as numbered migrations; ``PRAGMA user_version`` records how many have run.

Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the article catalogue, reload history, question log and feedback.
    (
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        """CREATE TABLE articles (
            article_id TEXT PRIMARY KEY,
            file_name TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            published TEXT,
            url TEXT,
            passage_count INTEGER NOT NULL,
            loaded_at TEXT NOT NULL
        )""",
        """CREATE TABLE reloads (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            added TEXT NOT NULL,
            changed TEXT NOT NULL,
            removed TEXT NOT NULL,
            failed TEXT NOT NULL,
            articles INTEGER NOT NULL,
            passages INTEGER NOT NULL,
            kept_old TEXT
        )""",
        """CREATE TABLE questions (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            platform TEXT NOT NULL,
            server_id TEXT,
            channel_id TEXT,
            user_hash TEXT NOT NULL,
            question TEXT NOT NULL,
            answered INTEGER NOT NULL,
            passages TEXT NOT NULL,
            latency_ms REAL NOT NULL
        )""",
        """CREATE TABLE feedback (
            question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
            user_hash TEXT NOT NULL,
            vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
            at TEXT NOT NULL,
            PRIMARY KEY (question_id, user_hash)
        )""",
    ),
    # 2: per-server settings, and an index for stats and retention by time.
    (
        """CREATE TABLE server_settings (
            server_id TEXT PRIMARY KEY,
            qa_channel_id TEXT,
            answer_channel_ids TEXT NOT NULL DEFAULT '[]',
            admin_role_ids TEXT NOT NULL DEFAULT '[]',
            cooldown_questions INTEGER,
            cooldown_seconds REAL
        )""",
        """CREATE INDEX questions_at ON questions (at)""",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
