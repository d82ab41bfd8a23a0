"""Fixtures: the fake Slack on loopback, and the real bolt app connected to it in Socket Mode or over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.lifecycle import attached_database
from bot.slack.config import SlackConfig
from bot.slack.runner import RunningSlack, running_slack
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, FakeSlack

SIGNING_SECRET = "test-signing-secret"


@dataclass
class Connected:
    """The fake Slack and the running front end it talks to."""

    fake: FakeSlack
    running: RunningSlack
    service: QAService


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.close()


def socket_config(fake: FakeSlack, admins: frozenset[str] = frozenset()) -> SlackConfig:
    return SlackConfig(bot_token=BOT_TOKEN, app_token=APP_TOKEN, api_url=fake.api_url, admin_user_ids=admins)


@pytest.fixture
def slack_admins() -> frozenset[str]:
    """User ids listed as admins in the settings (a test may parametrize this)."""
    return frozenset()


def http_config(fake: FakeSlack) -> SlackConfig:
    return SlackConfig(
        bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=fake.api_url, port=0, host="127.0.0.1"
    )


@pytest.fixture
async def slack(
    fake_slack: FakeSlack, corpus_copy: Path, tmp_path: Path, slack_admins: frozenset[str]
) -> AsyncIterator[Connected]:
    """The bot in Socket Mode over a writable corpus copy, with a real SQLite database attached."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    async with (
        attached_database(service, tmp_path / "bot.sqlite3", 90),
        running_slack(service, socket_config(fake_slack, slack_admins)) as running,
    ):
        await fake_slack.connected()
        yield Connected(fake_slack, running, service)


@pytest.fixture
async def slack_http(fake_slack: FakeSlack, corpus_copy: Path) -> AsyncIterator[Connected]:
    """The bot serving the HTTP Events API on a free loopback port."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    async with running_slack(service, http_config(fake_slack)) as running:
        yield Connected(fake_slack, running, service)
