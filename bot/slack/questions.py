"""Asking: mentions, DMs, /ask, and the More… and 👍/👎 buttons under answers; Block Kit out."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.errors import UserError
from bot.slack.blocks import MORE_ACTION, VOTE_ACTIONS, answer_message, read_more_value
from bot.slack.state import SlackBot, asker_of

log = logging.getLogger(__name__)

Payload = dict[str, Any]

# Slack's markup in message text: mentions and specials (<@U1>, <#C1|x>, <!here>) name nothing to search for;
# links (<https://…|label>) keep their label. Each class excludes the closing ">", so matching is linear.
_MENTION = re.compile(r"<[@#!][^<>]*>")
_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
_QUESTION_ID = re.compile(r"[0-9a-f]{16}")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def question_text(text: str) -> str:
    """The words of a Slack message: markup dropped, entities decoded, spaces collapsed."""
    text = _LINK.sub(lambda m: m[2] or m[1], _MENTION.sub(" ", text))
    return " ".join(unescape(text).split())


def reply_thread(event: Payload) -> str | None:
    """Mentions are answered in a thread on the message; DMs in the DM (in its thread if it has one)."""
    if event.get("type") == "app_mention":
        return str(event.get("thread_ts") or event["ts"])
    return event.get("thread_ts")


def is_question(event: Payload) -> bool:
    """A person's new message: not the bot's or another bot's, not an edit, deletion or join notice."""
    return not (event.get("bot_id") or event.get("subtype") or event.get("bot_profile")) and "user" in event


def register_questions(app: AsyncApp, bot: SlackBot) -> None:
    """Listeners for everything that asks a question or acts on an answer."""

    async def answer_event(event: Payload, client: AsyncWebClient, team: str | None) -> None:
        if not is_question(event):
            return
        asker = asker_of(event["user"], team, event.get("channel"))
        answer = await bot.service.ask_async(question_text(event.get("text", "")), asker=asker)
        text, blocks = answer_message(answer)
        await client.chat_postMessage(
            channel=event["channel"],
            thread_ts=reply_thread(event),
            text=text,
            blocks=blocks,
            unfurl_links=False,
            unfurl_media=False,
        )

    @app.event("app_mention")
    async def on_mention(event: Payload, body: Payload, client: AsyncWebClient) -> None:
        # Events are acknowledged by bolt before a listener runs.
        await answer_event(event, client, body.get("team_id"))

    @app.event("message")
    async def on_direct_message(event: Payload, body: Payload, client: AsyncWebClient) -> None:
        # Channel messages that mention the bot arrive as app_mention; only DMs are taken from here.
        if event.get("channel_type") == "im":
            await answer_event(event, client, body.get("team_id"))

    @app.command("/ask")
    async def ask(ack: AsyncAck, command: Payload, respond: AsyncRespond) -> None:
        await ack()
        question = question_text(command.get("text", ""))
        if not question:
            raise UserError(messages.SLACK_ASK_USAGE)
        asker = asker_of(command["user_id"], command.get("team_id"), command.get("channel_id"))
        answer = await bot.service.ask_async(question, asker=asker)
        text, blocks = answer_message(answer)
        visibility = "in_channel" if answer.quotes else "ephemeral"
        await respond(text=text, blocks=blocks, response_type=visibility, unfurl_links=False, unfurl_media=False)

    @app.action(MORE_ACTION)
    async def more(ack: AsyncAck, action: Payload, respond: AsyncRespond) -> None:
        await ack()
        asked = read_more_value(str(action.get("value", "")))
        if asked is None:
            raise UserError(messages.DISCORD_ANSWER_GONE)
        answer = await bot.service.ask_async(asked[0], offset=asked[1])
        text, blocks = answer_message(answer)
        await respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)

    @app.action(re.compile("|".join(VOTE_ACTIONS)))
    async def vote(ack: AsyncAck, action: Payload, body: Payload, respond: AsyncRespond) -> None:
        await ack()
        helpful = VOTE_ACTIONS[action["action_id"]]
        question_id = str(action.get("value", ""))
        if _QUESTION_ID.fullmatch(question_id):
            channel = (body.get("channel") or {}).get("id")
            asker = asker_of(body["user"]["id"], (body.get("team") or {}).get("id"), channel)
            bot.service.record_feedback(question_id, asker, helpful=helpful)
        text = messages.SLACK_VOTE_NOTED.format(vote="👍" if helpful else "👎")
        await respond(text=text, response_type="ephemeral", replace_original=False)
