"""Start-up: auth.test first; a rejected token or a missing scope is one line naming it, and a non-zero exit."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.cli import main, slack_config
from bot.core.service import QAService
from bot.settings import Settings
from bot.slack.runner import SlackStartError, running_slack
from tests.fakes.slack_api import ALL_SCOPES, APP_TOKEN, FakeSlack
from tests.test_slack.conftest import http_config, socket_config


async def start_against(fake: FakeSlack, service: QAService, http: bool = False) -> str:
    """Start the front end against ``fake`` and return the start-up error's line."""
    await fake.start()
    try:
        with pytest.raises(SlackStartError) as caught:
            async with running_slack(service, http_config(fake) if http else socket_config(fake)):
                pass
    finally:
        await fake.close()
    return str(caught.value)


async def test_rejected_bot_token_is_named(service: QAService) -> None:
    """A bot token Slack rejects stops start-up after auth.test, naming SLACK_BOT_TOKEN and Slack's reason."""
    fake = FakeSlack(bot_token="xoxb-another-token")
    line = await start_against(fake, service)
    assert "SLACK_BOT_TOKEN" in line and "invalid_auth" in line
    assert [c.method for c in fake.calls] == ["auth.test"]


async def test_rejected_app_token_is_named(service: QAService) -> None:
    """An app-level token Slack rejects stops start-up at apps.connections.open, naming SLACK_APP_TOKEN."""
    line = await start_against(FakeSlack(app_token="xapp-another-token"), service)
    assert "SLACK_APP_TOKEN" in line and "invalid_auth" in line


async def test_missing_scope_is_named(service: QAService) -> None:
    """A bot token without a scope the bot needs stops start-up, naming the scope."""
    line = await start_against(FakeSlack(scopes=ALL_SCOPES.replace("users:read", "")), service, http=True)
    assert "users:read" in line


async def test_without_files_write_pictures_are_skipped(service: QAService) -> None:
    """files:write is optional: without it the bot starts and knows not to upload."""
    fake = FakeSlack(scopes=ALL_SCOPES.replace("files:write,", ""))
    await fake.start()
    async with running_slack(service, socket_config(fake)) as running:
        assert running.bot.files_allowed is False
    await fake.close()


async def test_python_m_bot_exits_with_one_line_on_a_bad_token(
    fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python -m bot`` with a rejected SLACK_BOT_TOKEN exits non-zero within seconds: one line, no traceback."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-revoked")
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    monkeypatch.setenv("BOT_SLACK_API_URL", fake_slack.api_url)
    started = time.monotonic()
    # The command runs its own event loop, so it runs in a thread while this loop serves the fake Slack.
    code = await asyncio.to_thread(main, [])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and time.monotonic() - started < 30
    assert len(lines) == 1 and "SLACK_BOT_TOKEN" in lines[0] and "invalid_auth" in lines[0]
    assert "xoxb-revoked" not in lines[0]


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SLACK_APP_TOKEN": APP_TOKEN}, "SLACK_BOT_TOKEN is not"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "neither SLACK_APP_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": APP_TOKEN, "BOT_SLACK_API_URL": "slack.com/api"}, "http"),
    ],
    ids=["app token without bot token", "bot token without a mode", "API URL without a scheme"],
)
def test_incomplete_slack_settings_stop_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], env: dict[str, str], named: str
) -> None:
    """Slack settings that cannot work stop ``python -m bot`` before any connection, with one line saying why."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main([]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert named in line and "xoxb-1" not in line


def test_slack_settings_are_read() -> None:
    """Admin ids split on commas, the API URL gains its final slash, and tokens stay secret."""
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-secret",
        slack_admin_user_ids=" U1, U2 ,",
        slack_api_url="https://slack-gov.com/api",
    )
    config = slack_config(settings)
    assert config is not None and config.admin_user_ids == {"U1", "U2"}
    assert config.api_url == "https://slack-gov.com/api/" and "xoxb-secret" not in repr(config) + repr(settings)
