"""Browsing and admin slash commands: /timeline, /sources, /reload, /stats; pictures uploaded as files."""

from __future__ import annotations

import asyncio
import io
import logging

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.arguments import parse_timeline_args
from bot.charts import daily_counts_png, timeline_png
from bot.core.admin.tools import parse_stats_days
from bot.slack.access import require_admin
from bot.slack.blocks import reload_message, sources_message, stats_message, timeline_messages
from bot.slack.questions import question_text
from bot.slack.replies import Payload, listener
from bot.slack.state import SlackBot

log = logging.getLogger(__name__)


async def upload_png(client: AsyncWebClient, channel: str, png: io.BytesIO, name: str, title: str) -> bool:
    """Share a picture in ``channel``; False (logged) when Slack refuses, e.g. the bot is not in the channel."""
    try:
        await client.files_upload_v2(channel=channel, file=png.getvalue(), filename=name, title=title)
    except SlackApiError as error:
        log.warning("could not upload %s to %s: %s", name, channel, error.response.get("error"))
        return False
    return True


def register_commands(app: AsyncApp, bot: SlackBot) -> None:
    """Listeners for the browsing and admin commands; admin rights are checked after the acknowledgement."""
    admins = bot.config.admin_user_ids

    async def timeline(body: Payload, client: AsyncWebClient, respond: AsyncRespond | None) -> None:
        assert respond is not None  # a slash command always has a response URL
        topic, start, end = parse_timeline_args(question_text(body.get("text", "")))
        events = await asyncio.to_thread(bot.service.timeline, topic, start, end)
        title = f"Timeline: {topic}" if topic else "Timeline"
        for text, blocks in timeline_messages(events, title):
            await respond(text=text, blocks=blocks, response_type="in_channel")
        if not events:
            return
        if not bot.files_allowed:
            await respond(text=messages.SLACK_NO_FILES_SCOPE, response_type="ephemeral")
            return
        png = await asyncio.to_thread(timeline_png, events)
        if not await upload_png(client, body["channel_id"], png, "timeline.png", title):
            await respond(text=messages.SLACK_PICTURE_FAILED, response_type="ephemeral")

    async def sources(body: Payload, client: AsyncWebClient, respond: AsyncRespond | None) -> None:
        assert respond is not None
        problems = [(p.file_name, p.reason) for p in bot.service.corpus.problems]
        text, blocks = sources_message(bot.service.sources(), problems)
        await respond(text=text, blocks=blocks, response_type="ephemeral")

    async def reload(body: Payload, client: AsyncWebClient, respond: AsyncRespond | None) -> None:
        assert respond is not None
        await require_admin(client, body["user_id"], admins, "/reload")
        report = await bot.service.reload_async(bot.actor(body["user_id"]))
        log.info("corpus reloaded from Slack: %s", report)
        text, blocks = reload_message(report)
        await respond(text=text, blocks=blocks, response_type="ephemeral")

    async def stats(body: Payload, client: AsyncWebClient, respond: AsyncRespond | None) -> None:
        assert respond is not None
        await require_admin(client, body["user_id"], admins, "/stats")
        report = await bot.admin.stats(parse_stats_days(body.get("text", "")))
        text, blocks = stats_message(report)
        await respond(text=text, blocks=blocks, response_type="ephemeral")
        if not bot.files_allowed:
            await respond(text=messages.SLACK_NO_FILES_SCOPE, response_type="ephemeral")
            return
        # The figures are for admins only, so the chart goes to the admin's DM with the bot, not the channel.
        png = await asyncio.to_thread(daily_counts_png, report.daily)
        try:
            dm = await client.conversations_open(users=body["user_id"])
        except SlackApiError as error:
            log.warning("could not open a DM for the stats chart: %s", error.response.get("error"))
            await respond(text=messages.SLACK_PICTURE_FAILED, response_type="ephemeral")
            return
        sent = await upload_png(
            client,
            dm["channel"]["id"],
            png,
            "questions.png",
            f"Questions, {messages.stats_period(report.days).lower()}",
        )
        await respond(
            text=messages.SLACK_CHART_IN_DM if sent else messages.SLACK_PICTURE_FAILED, response_type="ephemeral"
        )

    app.command("/timeline")(listener(timeline))
    app.command("/sources")(listener(sources))
    app.command("/reload")(listener(reload))
    app.command("/stats")(listener(stats))
