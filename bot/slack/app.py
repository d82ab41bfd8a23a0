"""Builds the bolt app: the listeners, the once-per-event middleware and the adapter's one error boundary."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.errors import UserError
from bot.slack.blocks import escape
from bot.slack.commands import register_commands
from bot.slack.once import once_per_event
from bot.slack.questions import register_questions, reply_thread
from bot.slack.state import SlackBot

log = logging.getLogger(__name__)


def build_app(bot: SlackBot, client: AsyncWebClient) -> AsyncApp:
    """The bolt app over ``client`` (whose base URL every Web API call uses), with every listener registered."""
    app = AsyncApp(
        client=client,
        # Without a secret (Socket Mode) bolt skips verification for socket requests only; HTTP needs the secret.
        signing_secret=bot.config.signing_secret or "",
        logger=logging.getLogger("slack_bolt"),
        name="news-qa-bot",
    )
    app.middleware(once_per_event(bot.seen))
    app.error(report_error)
    register_questions(app, bot)
    register_commands(app, bot)
    return app


async def report_error(
    error: Exception, body: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond | None
) -> None:
    """``UserError``: its message, privately. Anything else: logged with a reference id, and an apology naming it."""
    if isinstance(error, UserError):
        text = error.user_message
    else:
        ref = uuid.uuid4().hex[:8]
        log.error("Slack request failed (ref %s): %s", ref, _what(body), exc_info=error)
        text = messages.GENERIC_FAILURE.format(ref=ref)
    try:
        if respond is not None:
            await respond(text=escape(text), response_type="ephemeral", replace_original=False)
            return
        event = body.get("event") or {}
        if event.get("channel"):
            await client.chat_postMessage(channel=event["channel"], thread_ts=reply_thread(event), text=escape(text))
    except SlackApiError as failure:
        log.warning("could not tell the person about an error: %s", failure.response.get("error"))


def _what(body: dict[str, Any]) -> str:
    """A short, token-free description of the request, for the log."""
    if "command" in body:
        return f"command {body['command']}"
    if body.get("type") == "block_actions":
        return "button " + ",".join(str(a.get("action_id")) for a in body.get("actions", []))
    return f"event {(body.get('event') or {}).get('type')} {body.get('event_id', '')}"
