"""A Discord setting that names the wrong server stops start-up with one line, not a traceback."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot import messages
from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.discord.client import DiscordConfig
from bot.discord.runner import serve, sync_now
from tests.fakes.discord_api import FakeDiscord

WRONG_SERVER = 123


async def test_dev_guild_the_bot_is_not_in_is_one_line(
    fake_discord: FakeDiscord, corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DISCORD_DEV_GUILD_ID naming a server the bot is not in: start and `sync` both stop with one line, exit 2."""
    fake_discord.foreign_guilds.add(WRONG_SERVER)
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    config = DiscordConfig(sync_state_file=tmp_path / "s.json", dev_guild_id=WRONG_SERVER)
    expected = messages.DISCORD_SYNC_REFUSED.format(guild=WRONG_SERVER, reason="Missing Access")
    assert await asyncio.wait_for(serve(service, fake_discord.token, config), 30) == 2
    assert capsys.readouterr().err.strip() == expected
    assert await sync_now(service, fake_discord.token, config, WRONG_SERVER) == 2
    assert capsys.readouterr().err.strip() == expected
