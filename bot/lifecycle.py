"""Opens what a running bot needs around its front end: the database, attached to the service, and retention."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

from bot.core.service import QAService, now
from bot.core.store.storage import Storage
from bot.errors import SchemaTooNewError, StorageError

log = logging.getLogger(__name__)

RETENTION_INTERVAL_SECONDS = 6 * 3600


@contextlib.asynccontextmanager
async def attached_database(service: QAService, path: Path, retention_days: int) -> AsyncIterator[Storage | None]:
    """Open ``path`` and attach it to ``service`` for the block; without a usable database, run without one.

    A schema newer than this code is the one failure that stops start-up (``SchemaTooNewError``).
    """
    try:
        storage = await Storage.open(path)
    except SchemaTooNewError:
        raise
    except StorageError as error:
        log.error("%s; running without the database (no question log, feedback, stats or settings)", error)
        yield None
        return
    service.storage = storage
    service.record_catalogue()
    retention = asyncio.create_task(_purge_periodically(storage, timedelta(days=retention_days)))
    try:
        yield storage
    finally:
        retention.cancel()
        await asyncio.gather(retention, return_exceptions=True)
        service.storage = None
        await storage.close()


async def _purge_periodically(storage: Storage, keep: timedelta) -> None:
    while True:
        try:
            deleted = await storage.purge_questions(keep, now())
            if deleted:
                log.info("retention: deleted %d questions older than %d days", deleted, keep.days)
        except Exception:
            log.exception("retention run failed; will try again")
        await asyncio.sleep(RETENTION_INTERVAL_SECONDS)
