"""The adapter's error boundary, and the wrapper that acknowledges a request before its work starts.

Every listener runs through ``listener``: it acks first (Slack wants that within 3 s), then does the
work, and hands any failure to ``report_error``, which is also bolt's ``app.error`` handler. Catching
here rather than leaving it to bolt matters: bolt's asyncio runner resets an ack when the listener
fails within its 10 ms polling interval after acknowledging, and the request then counts as unacked.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.errors import UserError
from bot.slack.blocks import escape

log = logging.getLogger(__name__)

Payload = dict[str, Any]
Work = Callable[[Payload, AsyncWebClient, AsyncRespond | None], Awaitable[None]]
Listener = Callable[[AsyncAck, Payload, AsyncWebClient, AsyncRespond | None], Awaitable[None]]


def listener(work: Work) -> Listener:
    """A bolt listener that acknowledges, then runs ``work(body, client, respond)`` inside the error boundary."""

    async def run(ack: AsyncAck, body: Payload, client: AsyncWebClient, respond: AsyncRespond | None) -> None:
        await ack()
        try:
            await work(body, client, respond)
        except Exception as error:
            await report_error(error, body, client, respond)

    run.__name__ = work.__name__  # bolt names listeners in its logs
    return run


def reply_thread(event: Payload) -> str | None:
    """Mentions are answered in a thread on the message; DMs in the DM (in its thread if it has one)."""
    if event.get("type") == "app_mention":
        started = event.get("thread_ts") or event.get("ts")  # without a ts (never from Slack) the channel will do
        return str(started) if started else None
    return event.get("thread_ts")


async def report_error(error: Exception, body: Payload, client: AsyncWebClient, respond: AsyncRespond | None) -> None:
    """``UserError``: its message, privately. Anything else: logged with a reference id, and an apology naming it."""
    if isinstance(error, UserError):
        text = error.user_message
    else:
        ref = uuid.uuid4().hex[:8]
        log.error("Slack request failed (ref %s): %s", ref, _what(body), exc_info=error)
        text = messages.GENERIC_FAILURE.format(ref=ref)
    try:
        # bolt hands every listener a ``respond``, but it only works where Slack sent a response URL.
        if respond is not None and body.get("response_url"):
            await respond(text=escape(text), response_type="ephemeral", replace_original=False)
            return
        event = body.get("event") or {}
        if event.get("channel") and event.get("user"):
            # Only the person who asked needs to see what went wrong, in the thread the answer would be in.
            await client.chat_postEphemeral(
                channel=event["channel"], user=event["user"], thread_ts=reply_thread(event), text=escape(text)
            )
    except SlackApiError as failure:
        log.warning("could not tell the person about an error: %s", failure.response.get("error"))


def _what(body: Payload) -> str:
    """A short, token-free description of the request, for the log."""
    if "command" in body:
        return f"command {body['command']}"
    if body.get("type") == "block_actions":
        return "button " + ",".join(str(a.get("action_id")) for a in body.get("actions", []))
    return f"event {(body.get('event') or {}).get('type')} {body.get('event_id', '')}"
