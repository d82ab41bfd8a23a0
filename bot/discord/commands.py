"""Asking and browsing: chat messages and slash commands in, ``QAService`` calls, Discord messages out."""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.charts import timeline_png
from bot.core.models import Answer
from bot.core.store.storage import ServerSettings
from bot.core.timeline.labels import timeline_title
from bot.discord.render import (
    NO_PINGS,
    abstain_text,
    answer_embed,
    article_choices,
    escape,
    help_embed,
    source_embed,
    sources_embed,
    timeline_pages,
)
from bot.discord.replies import report_command_error
from bot.discord.views import TimelinePages, answer_view, asker_of, context_of, question_of
from bot.errors import UserError
from bot.text import shorten

if TYPE_CHECKING:
    from bot.discord.client import QABot

log = logging.getLogger(__name__)

Interaction = discord.Interaction["QABot"]
_THREAD_NAME_LIMIT = 100


class QACog(commands.Cog):
    """Asking, browsing sources and the timeline, and the admin reload."""

    def __init__(self, bot: QABot) -> None:
        self.bot = bot

    # -- the error boundary -------------------------------------------------------------------------

    async def cog_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        await report_command_error(interaction, error)

    # -- asking -------------------------------------------------------------------------------------

    @app_commands.command(name="ask", description="Ask a question; I answer with quoted passages and their sources")
    @app_commands.describe(question="Your question", private="Show the answer only to you")
    async def ask(self, interaction: Interaction, question: str, private: bool = False) -> None:
        settings = await self._settings(interaction.guild_id)
        self._check_cooldown(interaction.user.id, settings)
        await interaction.response.defer(thinking=True, ephemeral=private)
        asker = asker_of(interaction.user, interaction.guild_id, interaction.channel_id)
        answer = await self.bot.service.ask_async(strip_mentions(question), asker=asker)
        await interaction.followup.send(ephemeral=private, allowed_mentions=NO_PINGS, **answer_message(answer))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Mentions, DMs, replies to the bot, its answer threads and the Q&A channel are questions."""
        settings = await self._settings(message.guild.id if message.guild else None)
        question = self._question_in(message, settings)
        if question is None:
            return
        try:
            self._check_cooldown(message.author.id, settings)
            asker = asker_of(message.author, message.guild.id if message.guild else None, message.channel.id)
            context = self._previous_question(message)
            answer = await self.bot.service.ask_async(question, asker=asker, context=context)
            payload = answer_message(answer)
        except UserError as error:
            payload = {"content": escape(error.user_message)}
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception("answering message %s in channel %s failed (ref %s)", message.id, message.channel.id, ref)
            payload = {"content": messages.GENERIC_FAILURE.format(ref=ref)}
        await self._send_answer(message, question, payload, self._qa_channel(settings))

    def _qa_channel(self, settings: ServerSettings | None) -> int | None:
        """The server's Q&A channel from /settings, else the one in the bot's settings."""
        if settings is not None and settings.qa_channel_id:
            return int(settings.qa_channel_id)
        return self.bot.config.qa_channel_id

    def _question_in(self, message: discord.Message, settings: ServerSettings | None) -> str | None:
        me = self.bot.user
        if me is None or message.author.bot:
            return None
        channel = message.channel
        if settings is not None and settings.answer_channel_ids:
            home = channel.parent_id if isinstance(channel, discord.Thread) else channel.id
            if str(home) not in settings.answer_channel_ids:
                return None
        asked = (
            message.guild is None
            or me in message.mentions
            or _replies_to(message, me.id)
            or (isinstance(channel, discord.Thread) and channel.owner_id == me.id)
            or channel.id == self._qa_channel(settings)
        )
        if not asked:
            return None
        return strip_mentions(message.content)

    def _previous_question(self, message: discord.Message) -> str | None:
        """What a follow-up leans on: the answer replied to, or the question that started the bot's thread."""
        me = self.bot.user
        resolved = message.reference.resolved if message.reference else None
        if me is not None and isinstance(resolved, discord.Message) and resolved.author.id == me.id:
            # An answer that was itself a follow-up leans on the question before it.
            return context_of(resolved) or question_of(resolved)
        channel = message.channel
        if isinstance(channel, discord.Thread) and me is not None and channel.owner_id == me.id:
            # The thread was started on the question (same id); its name is the question, shortened.
            starter = channel.starter_message
            return strip_mentions(starter.content) if starter is not None and starter.content else channel.name
        return None

    async def _send_answer(
        self, message: discord.Message, question: str, payload: dict[str, Any], qa_channel: int | None
    ) -> None:
        """In the Q&A channel, answer in a new thread on the question; elsewhere, reply to it."""
        try:
            if message.channel.id == qa_channel and not isinstance(message.channel, discord.Thread):
                try:
                    thread = await message.create_thread(name=shorten(question, _THREAD_NAME_LIMIT) or "Question")
                except discord.HTTPException as error:
                    log.warning("cannot start a thread in channel %s (%s); replying instead", message.channel.id, error)
                else:
                    await thread.send(allowed_mentions=NO_PINGS, **payload)
                    return
            await message.reply(mention_author=False, allowed_mentions=NO_PINGS, **payload)
        except discord.Forbidden:
            log.warning("missing permission to answer in channel %s", message.channel.id)

    async def _settings(self, guild_id: int | None) -> ServerSettings | None:
        """The server's stored settings (read once per question); None in DMs."""
        return await self.bot.admin.server_settings(str(guild_id)) if guild_id else None

    def _check_cooldown(self, user_id: int, settings: ServerSettings | None) -> None:
        rate = settings.cooldown_questions if settings else None
        per = settings.cooldown_seconds if settings else None
        self.bot.cooldowns.check(user_id, rate, per)

    # -- browsing -----------------------------------------------------------------------------------

    @app_commands.command(name="sources", description="List the articles I quote from")
    async def sources(self, interaction: Interaction) -> None:
        await interaction.response.send_message(embed=sources_embed(self.bot.service.sources()), ephemeral=True)

    @app_commands.command(name="source", description="Show one article's details")
    @app_commands.describe(article="The article's title")
    async def source(self, interaction: Interaction, article: str) -> None:
        info = next((s for s in self.bot.service.sources() if s.article.article_id == article), None)
        if info is None:
            raise UserError(messages.DISCORD_NO_SUCH_SOURCE.format(name=article[:80]))
        await interaction.response.send_message(embed=source_embed(info), ephemeral=True)

    @source.autocomplete("article")
    async def _source_titles(self, interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
        return article_choices(self.bot.service.sources(), current)

    @app_commands.command(name="timeline", description="What happened when, from the dates the articles give")
    @app_commands.describe(
        topic="Only events about this", start="From this date (YYYY, YYYY-MM or YYYY-MM-DD)", end="Up to this date"
    )
    @app_commands.rename(start="from", end="to")
    async def timeline(
        self, interaction: Interaction, topic: str | None = None, start: str | None = None, end: str | None = None
    ) -> None:
        events = self.bot.service.timeline(topic, start, end)  # a bad date raises before we defer
        await interaction.response.defer(thinking=True)
        pages = timeline_pages(events, title=f"Timeline: {topic}" if topic else "Timeline")
        kwargs: dict[str, Any] = {"embed": pages[0], "allowed_mentions": NO_PINGS}
        if len(pages) > 1:
            kwargs["view"] = TimelinePages(pages, interaction.user.id)
        if events:
            png = await asyncio.to_thread(timeline_png, events, timeline_title(topic, start, end))
            kwargs["file"] = discord.File(png, filename="timeline.png")
            pages[0].set_image(url="attachment://timeline.png")
        await interaction.followup.send(**kwargs)

    @app_commands.command(name="help", description="How to use this bot")
    async def help(self, interaction: Interaction) -> None:
        await interaction.response.send_message(embed=help_embed(), ephemeral=True)


_MENTION_MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")


def strip_mentions(text: str) -> str:
    """Drop Discord's mention markup (users, roles, channels, @everyone): it names nothing to search for."""
    return " ".join(_MENTION_MARKUP.sub(" ", text).split())


def answer_message(answer: Answer) -> dict[str, Any]:
    """Send arguments for an answer: an embed with buttons, or the plain abstention."""
    if not answer.quotes:
        return {"content": abstain_text(answer) if not answer.answered else answer.message}
    view = answer_view(len(answer.quotes), answer.has_more, answer.question_id)
    return {"embed": answer_embed(answer), "view": view}


def _replies_to(message: discord.Message, user_id: int) -> bool:
    resolved = message.reference.resolved if message.reference else None
    return isinstance(resolved, discord.Message) and resolved.author.id == user_id
