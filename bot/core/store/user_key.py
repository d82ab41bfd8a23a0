"""The key for hashing user ids, kept in a file beside the database (mode 0600), never inside it.

With the key in the database, anyone holding the file and a member list could hash every member's id
and re-identify the log. Kept apart, the database alone (a copy, a backup, a shared file) names no one.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import stat
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)

_KEY_BYTES = 16
_MAX_KEY_FILE_BYTES = 1024


def key_file_for(database: Path) -> Path:
    """Where the key of ``database`` lives: ``bot.sqlite3`` → ``bot.sqlite3.key``."""
    return database.with_name(database.name + ".key")


async def load_user_key(db: aiosqlite.Connection, key_file: Path) -> str:
    """The installation's key: read from ``key_file``, moved there from an older database, or made anew."""
    # Databases of earlier versions kept the key (then "salt") in their meta table: move it out, so that
    # hashes already stored keep matching the same people.
    async with db.execute("SELECT value FROM meta WHERE key = 'user_salt'") as cursor:
        row = await cursor.fetchone()
    key = await asyncio.to_thread(_read_or_make_key, key_file, str(row[0]) if row else None)
    if row:
        await db.execute("DELETE FROM meta WHERE key = 'user_salt'")
    return key


def _read_or_make_key(key_file: Path, inherited: str | None) -> str:
    if key_file.exists():
        return _read_key(key_file)
    key = inherited or secrets.token_hex(_KEY_BYTES)
    _write_key(key_file, key)
    return key


def _read_key(key_file: Path) -> str:
    mode = key_file.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("the user-id key %s was readable by others; making it private (0600)", key_file)
        key_file.chmod(0o600)
    with key_file.open("rb") as handle:
        key = handle.read(_MAX_KEY_FILE_BYTES).decode("ascii", "replace").strip()
    if not key:
        raise OSError(f"the user-id key file {key_file} is empty; delete it to make a new key")
    return key


def _write_key(key_file: Path, key: str) -> None:
    # O_EXCL: never overwrite a key another process just made; 0600: readable by the bot's user only.
    handle = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(key + "\n")
