"""Builds the bolt app: the listeners, the once-per-event middleware and the adapter's error boundary."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.commands import register_commands
from bot.slack.once import once_per_event
from bot.slack.questions import register_questions
from bot.slack.replies import report_error
from bot.slack.state import SlackBot


def build_app(bot: SlackBot, client: AsyncWebClient) -> AsyncApp:
    """The bolt app over ``client`` (whose base URL every Web API call uses), with every listener registered."""
    app = AsyncApp(
        client=client,
        # Socket Mode needs no secret (bolt verifies only HTTP requests); the runner insists on one for HTTP.
        signing_secret=bot.config.signing_secret or "",
        logger=logging.getLogger("slack_bolt"),
        name="news-qa-bot",
    )
    app.middleware(once_per_event(bot.seen))
    app.error(report_error)  # failures in bolt's own middleware; listeners report through ``listener``
    register_questions(app, bot)
    register_commands(app, bot)
    return app
