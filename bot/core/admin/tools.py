"""Admin tools over the service and its database: statistics, adding and removing articles, server settings."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot import messages
from bot.core.admin.corpus_admin import AddedArticle, delete_article, write_article
from bot.core.models import ReloadReport
from bot.core.service import QAService, now
from bot.core.store.stats import Stats, collect_stats
from bot.core.store.storage import ServerSettings, Storage
from bot.errors import UserError


@dataclass
class AdminTools:
    """What admins can do from chat; every corpus change is reloaded and lands in the reload history."""

    service: QAService
    max_upload_bytes: int = 1_000_000

    def _storage(self) -> Storage:
        if self.service.storage is None:
            raise UserError(messages.STORAGE_OFF)
        return self.service.storage

    async def stats(self, days: int) -> Stats:
        titles = {a.article_id: a.title for a in self.service.corpus.articles.values()}
        return await collect_stats(self._storage(), days, now(), titles)

    async def add_article(self, name: str, data: bytes, actor: str) -> tuple[AddedArticle, ReloadReport, int]:
        """Validate and write an uploaded file, then reload so it can be asked about at once.

        Returns what was added, the reload report and the new article's passage count.
        """
        folder = self.service.corpus.folder
        added = await asyncio.to_thread(write_article, folder, name, data, self.max_upload_bytes)
        report = await self.service.reload_async(actor)
        return added, report, self.service.corpus.passage_counts()[added.article.article_id]

    async def remove_article(self, article_id: str, actor: str) -> tuple[str, ReloadReport]:
        folder = self.service.corpus.folder
        file_name = await asyncio.to_thread(delete_article, folder, article_id)
        return file_name, await self.service.reload_async(actor)

    async def server_settings(self, server_id: str) -> ServerSettings:
        """A server's settings; defaults when there is no database."""
        if self.service.storage is None:
            return ServerSettings(server_id)
        return await self.service.storage.server_settings(server_id)

    async def save_server_settings(self, settings: ServerSettings) -> None:
        await self._storage().save_server_settings(settings)
