"""``python -m bot`` with both platforms configured: Discord and Slack in one process, stopping together."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from pathlib import Path
from typing import Any

import pytest

from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.discord.client import DiscordConfig
from bot.platforms import serve_platforms
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.slack_api import FakeSlack
from tests.test_discord.conftest import point_discord_at
from tests.test_slack.conftest import socket_config
from tests.test_slack.payloads import event_callback, mention


@pytest.fixture
async def fakes(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[FakeDiscord, FakeSlack]]:
    discord_api, slack_api = FakeDiscord(), FakeSlack()
    await discord_api.start()
    await slack_api.start()
    point_discord_at(discord_api, monkeypatch)
    yield discord_api, slack_api
    await discord_api.close()
    await slack_api.close()


def serve_both(fakes: tuple[FakeDiscord, FakeSlack], service: QAService, tmp_path: Path) -> Coroutine[Any, Any, int]:
    """What ``python -m bot`` runs with both platforms' tokens set, pointed at the fakes."""
    discord_api, slack_api = fakes
    discord = discord_api.token, DiscordConfig(sync_state_file=tmp_path / "discord-commands.json")
    return serve_platforms(service, tmp_path / "bot.sqlite3", 90, discord=discord, slack=socket_config(slack_api))


async def test_both_platforms_answer_from_one_process(
    fakes: tuple[FakeDiscord, FakeSlack], corpus_copy: Path, tmp_path: Path
) -> None:
    """Discord connects and Slack answers a mention while both run over one service and database."""
    discord_api, slack_api = fakes
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    running = asyncio.create_task(serve_both(fakes, service, tmp_path))
    await asyncio.wait_for(discord_api.ready.wait(), 20)
    await slack_api.connected()
    await slack_api.send_envelope("events_api", event_callback(mention("What is GSOMIA?")))
    [reply] = await slack_api.wait_for_replies()
    assert "GSOMIA" in str(reply.body["blocks"]) and service.storage is not None
    running.cancel()
    await asyncio.gather(running, return_exceptions=True)
    assert service.storage is None  # the database was closed after both platforms stopped


async def test_a_platform_that_cannot_start_stops_the_other(
    fakes: tuple[FakeDiscord, FakeSlack], corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rejected Slack token ends the run with exit code 2 and its one line, Discord included."""
    fakes[1].bot_token = "xoxb-rotated"
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    code = await asyncio.wait_for(serve_both(fakes, service, tmp_path), 20)
    assert code == 2 and "SLACK_BOT_TOKEN" in capsys.readouterr().err
