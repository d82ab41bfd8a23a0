"""Admin tools over the service and its database: statistics, adding and removing articles, server settings."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot import messages
from bot.core.admin.corpus_admin import PARSE_SECONDS, AddedArticle, delete_article, write_article
from bot.core.admin.isolated_parse import ParseTimeout, extract_page_in_child
from bot.core.ingest.entries import is_article_file
from bot.core.ingest.fetch import FetchPolicy, fetch_page
from bot.core.ingest.html import (
    HTML_SUFFIXES,
    OUTSIDE_ARTICLE,
    ExtractedPage,
    ExtractionError,
    article_file_name,
    page_to_article_file,
)
from bot.core.ingest.ids import article_id_for
from bot.core.models import ReloadReport
from bot.core.service import QAService, now
from bot.core.store.stats import Stats, collect_stats
from bot.core.store.storage import ServerSettings, Storage
from bot.errors import UserError

# The question log keeps at most BOT_RETENTION_DAYS anyway; a year bounds the date arithmetic and the output.
MAX_STATS_DAYS = 365


def parse_stats_days(text: str, default: int = 7) -> int:
    """The days argument of a typed ``/stats [DAYS]``: empty is ``default``; anything else must be 1 to 365."""
    text = text.strip()
    if not text:
        return default
    if not text.isdecimal() or not 1 <= int(text) <= MAX_STATS_DAYS:
        raise UserError(messages.STATS_BAD_DAYS.format(value=text[:20], limit=MAX_STATS_DAYS))
    return int(text)


@dataclass
class AdminTools:
    """What admins can do from chat; every corpus change is reloaded and lands in the reload history."""

    service: QAService
    max_upload_bytes: int = 1_000_000
    fetch_policy: FetchPolicy = field(default_factory=FetchPolicy)
    parse_seconds: float = PARSE_SECONDS

    def _storage(self) -> Storage:
        if self.service.storage is None:
            raise UserError(messages.STORAGE_OFF)
        return self.service.storage

    async def stats(self, days: int) -> Stats:
        """What people asked over the last ``days`` (1 to ``MAX_STATS_DAYS``; else a ``UserError`` saying so)."""
        if not 1 <= days <= MAX_STATS_DAYS:
            raise UserError(messages.STATS_BAD_DAYS.format(value=days, limit=MAX_STATS_DAYS))
        titles = {a.article_id: a.title for a in self.service.corpus.articles.values()}
        return await collect_stats(self._storage(), days, now(), titles)

    async def add_article(self, name: str, data: bytes, actor: str) -> tuple[AddedArticle, ReloadReport, int]:
        """Validate and write an uploaded file, then reload so it can be asked about at once.

        Returns what was added, the reload report and the new article's passage count.
        """
        limit = self.upload_limit(name)
        if Path(name).suffix.lower() in HTML_SUFFIXES:
            if len(data) > limit:
                raise UserError(messages.CORPUS_TOO_BIG.format(size=len(data), limit=limit))
            # The corpus keeps the extracted article as text, so it stays readable and editable.
            page = await self._extract(data, None, name)
            return await self._add(f"{Path(name).stem}.txt", page_to_article_file(page).encode("utf-8"), actor, page)
        return await self._add(name, data, actor)

    def upload_limit(self, name: str) -> int:
        """The largest file ``name`` may be: a saved web page is mostly markup and scripts, so it gets the page limit
        (what is kept, the extracted article, is held to the upload limit)."""
        if Path(name).suffix.lower() in HTML_SUFFIXES:
            return max(self.max_upload_bytes, self.fetch_policy.max_bytes)
        return self.max_upload_bytes

    async def add_link(self, url: str, actor: str) -> tuple[AddedArticle, ReloadReport, int]:
        """Fetch a page (within the fetch policy), save its article as a text file with front matter, then reload."""
        self._check_link_new(url)  # a page fetched from this very link is not downloaded again
        page = await fetch_page(url, self.fetch_policy)
        html: bytes | str = page.body
        if page.charset:
            html = page.body.decode(page.charset, errors="replace")
        extracted = await self._extract(html, page.url, page.url)
        self._check_link_new(extracted.url)  # the page names its canonical address: the one the corpus keeps
        text = page_to_article_file(extracted)
        return await self._add(article_file_name(text), text.encode("utf-8"), actor, extracted)

    def _check_link_new(self, url: str | None) -> None:
        """``UserError`` naming the article when one was saved from ``url`` already."""
        for article in self.service.corpus.articles.values():
            if url is not None and article.url == url:
                raise UserError(messages.CORPUS_LINK_EXISTS.format(id=article.article_id, title=article.title[:100]))

    async def _extract(self, html: bytes | str, url: str | None, name: str) -> ExtractedPage:
        """The page's article, extracted in a child process under the parse time limit (the page is untrusted)."""
        try:
            return await asyncio.to_thread(extract_page_in_child, html, url, name, self.parse_seconds)
        except ExtractionError:
            raise UserError(messages.CORPUS_PAGE_EMPTY.format(name=name[:100])) from None
        except ParseTimeout:
            raise UserError(messages.CORPUS_PARSE_TIMEOUT.format(name=name[:100], seconds=self.parse_seconds)) from None

    async def _add(
        self, name: str, data: bytes, actor: str, page: ExtractedPage | None = None
    ) -> tuple[AddedArticle, ReloadReport, int]:
        corpus = self.service.corpus
        added = await asyncio.to_thread(
            write_article, corpus.folder, name, data, self.max_upload_bytes, set(corpus.articles), self.parse_seconds
        )
        if page is not None and page.words_outside:
            # What extraction left out of a page is furniture too; cleaning's own removals follow it.
            added = replace(added, removed_kinds=((OUTSIDE_ARTICLE, page.words_outside), *added.removed_kinds))
        report = await self.service.reload_async(actor)
        return added, report, self.service.corpus.passage_counts()[added.article.article_id]

    async def remove_article(self, article_id: str, actor: str) -> tuple[str, ReloadReport]:
        """Delete the file of a loaded article (or of an article file that failed to load), then reload."""
        corpus = self.service.corpus
        article = corpus.articles.get(article_id)
        if article is not None:
            file_name = article.file_name
        else:
            unloaded = [p.name for p in corpus.folder.iterdir() if article_id_for(p.name) == article_id]
            file_name = next((n for n in unloaded if is_article_file(corpus.folder / n)), article_id)
        removed = await asyncio.to_thread(delete_article, corpus.folder, file_name)
        return removed, await self.service.reload_async(actor)

    async def server_settings(self, server_id: str) -> ServerSettings:
        """A server's settings; defaults when there is no database."""
        if self.service.storage is None:
            return ServerSettings(server_id)
        return await self.service.storage.server_settings(server_id)

    async def save_server_settings(self, settings: ServerSettings) -> None:
        await self._storage().save_server_settings(settings)
