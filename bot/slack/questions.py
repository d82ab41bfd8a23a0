"""Asking: mentions, DMs, /ask, and the More… and 👍/👎 buttons under answers; Block Kit out."""

from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.errors import UserError
from bot.slack.blocks import MORE_ACTION, VOTE_ACTIONS, answer_message, read_more_value
from bot.slack.replies import Payload, listener, reply_thread
from bot.slack.state import SlackBot, asker_of

log = logging.getLogger(__name__)

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


def is_question(event: Payload) -> bool:
    """A person's new message: not the bot's or another bot's, not an edit, deletion or join notice."""
    return not (event.get("bot_id") or event.get("subtype") or event.get("bot_profile")) and "user" in event


def register_questions(app: AsyncApp, bot: SlackBot) -> None:
    """Listeners for everything that asks a question or acts on an answer."""

    async def answer_event(body: Payload, client: AsyncWebClient, respond: AsyncRespond | None) -> None:
        event = body["event"]
        # Channel messages that mention the bot arrive as app_mention; of plain messages only DMs are questions.
        if not is_question(event) or (event["type"] == "message" and event.get("channel_type") != "im"):
            return
        bot.cooldowns.check((body.get("team_id"), event["user"]))
        asker = asker_of(event["user"], body.get("team_id"), event.get("channel"))
        thread = reply_thread(event)
        # A new mention starts its own thread, so only a message already in a thread (or a DM) follows up.
        conversation = (event["channel"], event.get("thread_ts"))
        context = bot.subjects.get(conversation) if event.get("thread_ts") or event["type"] == "message" else None
        # A message without text (only a file) is an empty question, and says so.
        text = event.get("text")
        answer = await bot.service.ask_async(
            question_text(text if isinstance(text, str) else ""), asker=asker, context=context
        )
        if answer.answered:
            bot.subjects.remember((event["channel"], thread), answer)
        text, blocks = answer_message(answer)
        await client.chat_postMessage(
            channel=event["channel"],
            thread_ts=thread,
            text=text,
            blocks=blocks,
            unfurl_links=False,
            unfurl_media=False,
        )

    async def ask(body: Payload, client: AsyncWebClient, respond: AsyncRespond | None) -> None:
        assert respond is not None  # a slash command always has a response URL
        question = question_text(body.get("text", ""))
        if not question:
            raise UserError(messages.SLACK_ASK_USAGE)
        bot.cooldowns.check((body.get("team_id"), body["user_id"]))
        asker = asker_of(body["user_id"], body.get("team_id"), body.get("channel_id"))
        answer = await bot.service.ask_async(question, asker=asker)
        text, blocks = answer_message(answer)
        visibility = "in_channel" if answer.quotes else "ephemeral"
        await respond(text=text, blocks=blocks, response_type=visibility, unfurl_links=False, unfurl_media=False)

    async def more(body: Payload, client: AsyncWebClient, respond: AsyncRespond | None) -> None:
        assert respond is not None  # a button click always has a response URL
        asked = read_more_value(str(body["actions"][0].get("value", "")))
        if asked is None:
            raise UserError(messages.SLACK_MORE_GONE)
        question = asked.question
        if question is None and asked.question_id is not None:
            question = await bot.service.logged_question(asked.question_id)
        if question is None:
            raise UserError(messages.SLACK_MORE_GONE)
        answer = await bot.service.ask_async(question, offset=asked.offset, context=asked.context)
        text, blocks = answer_message(answer)
        await respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)

    async def vote(body: Payload, client: AsyncWebClient, respond: AsyncRespond | None) -> None:
        assert respond is not None
        action = body["actions"][0]
        helpful = VOTE_ACTIONS[action["action_id"]]
        question_id = str(action.get("value", ""))
        if _QUESTION_ID.fullmatch(question_id):
            channel = (body.get("channel") or {}).get("id")
            asker = asker_of(body["user"]["id"], (body.get("team") or {}).get("id"), channel)
            bot.service.record_feedback(question_id, asker, helpful=helpful)
        text = messages.SLACK_VOTE_NOTED.format(vote="👍" if helpful else "👎")
        await respond(text=text, response_type="ephemeral", replace_original=False)

    app.event("app_mention")(listener(answer_event))
    app.event("message")(listener(answer_event))
    app.command("/ask")(listener(ask))
    app.action(MORE_ACTION)(listener(more))
    app.action(re.compile("|".join(VOTE_ACTIONS)))(listener(vote))
