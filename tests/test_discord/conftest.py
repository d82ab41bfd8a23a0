"""Fixtures: the fake Discord API on loopback, and the real bot connected to it over a copy of the corpus."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest
import yarl

from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.discord.client import DiscordConfig, QABot
from tests.fakes.discord_api import ADMIN_ROLE_ID, QA_CHANNEL_ID, FakeDiscord


def point_discord_at(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    """Send discord.py's REST calls and its (non-sharded, fixed) gateway connection to the fake."""
    monkeypatch.setattr(discord.http.Route, "BASE", fake.base_url + "/api/v10")
    gateway = yarl.URL(fake.base_url.replace("http://", "ws://") + "/gateway")
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", gateway)


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """The fake API, with discord.py pointed at it."""
    fake = FakeDiscord()
    await fake.start()
    point_discord_at(fake, monkeypatch)
    yield fake
    await fake.close()


@pytest.fixture
def bot_config(tmp_path: Path) -> DiscordConfig:
    return DiscordConfig(
        admin_role_ids=frozenset({ADMIN_ROLE_ID}),
        qa_channel_id=QA_CHANNEL_ID,
        cooldown_questions=50,
        cooldown_seconds=60,
        sync_state_file=tmp_path / "data" / "discord-commands.json",
    )


async def start_bot(fake: FakeDiscord, service: QAService, config: DiscordConfig) -> tuple[QABot, asyncio.Task[None]]:
    """Start the real client against the fake and wait until it is ready."""
    bot = QABot(service, config, guild_ready_timeout=0.05)
    task = asyncio.create_task(bot.start(fake.token))
    ready = asyncio.create_task(bot.wait_until_ready())
    done, _ = await asyncio.wait({task, ready}, timeout=15, return_when=asyncio.FIRST_COMPLETED)
    if ready not in done:
        ready.cancel()
        await bot.close()
        if task.done():
            task.result()  # raises the start-up error
        raise AssertionError("the bot did not become ready")
    return bot, task


@pytest.fixture
async def bot(fake_discord: FakeDiscord, corpus_copy: Path, bot_config: DiscordConfig) -> AsyncIterator[QABot]:
    """The bot, connected and ready, over a writable copy of the corpus."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    client, task = await start_bot(fake_discord, service, bot_config)
    yield client
    await client.close()
    await asyncio.wait_for(task, 10)
