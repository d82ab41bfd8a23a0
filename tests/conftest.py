"""Shared fixtures: the real bundled corpus, copies of it to change, and a service over it."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.core.answer.compose import AnswerPolicy
from bot.core.models import Article
from bot.core.service import QAService
from tests.fakes.pages import serve_pages

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


def make_article(
    *paragraphs: str,
    article_id: str = "a",
    source: str = "S",
    title: str | None = None,
    published: date | None = None,
) -> Article:
    """An already-cleaned article for tests that start after ingestion."""
    return Article(
        article_id, f"{article_id}.txt", title or article_id, source, published, None, paragraphs, article_id
    )


@pytest.fixture(scope="session")
def service() -> QAService:
    """A service over the bundled corpus, with the default answer policy."""
    return QAService.from_folder(CORPUS, AnswerPolicy())


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's .env or BOT_/platform variables."""
    monkeypatch.chdir(tmp_path)
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    import os

    for name in list(os.environ):
        if name.startswith("BOT_"):
            monkeypatch.delenv(name)


@pytest.fixture
async def news_site() -> AsyncIterator[str]:
    """A news site served on 127.0.0.1 (tests/fakes/pages.py); its base URL."""
    async with serve_pages() as base_url:
        yield base_url
