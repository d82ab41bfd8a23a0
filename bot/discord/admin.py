"""Admin slash commands: /reload, /stats, /corpus add|remove|list, /settings show|set.

Hidden from members without Manage Server by default permissions, and checked again in every handler.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.charts import daily_counts_png
from bot.core.store.storage import ServerSettings
from bot.discord.access import is_admin
from bot.discord.render import (
    NO_PINGS,
    added_text,
    article_choices,
    escape,
    reload_text,
    settings_embed,
    sources_embed,
    stats_embed,
)
from bot.discord.replies import report_command_error
from bot.errors import UserError
from bot.text import shorten

if TYPE_CHECKING:
    from bot.discord.client import QABot

log = logging.getLogger(__name__)

# Discord rate-limits message edits; a progress edit at most this often is plenty for a person watching.
PROGRESS_EDIT_SECONDS = 2.0

Interaction = discord.Interaction["QABot"]
ADMIN_ONLY = discord.Permissions(manage_guild=True)


class ProgressEdits:
    """A reload's progress shown by editing the deferred reply ("thinking…"), a few seconds apart."""

    def __init__(self, interaction: Interaction) -> None:
        self.interaction = interaction
        self._last = 0.0
        self._edit: asyncio.Task[Any] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last < PROGRESS_EDIT_SECONDS or (self._edit is not None and not self._edit.done()):
            return
        self._last = now
        text = messages.RELOAD_PROGRESS.format(stage=stage, done=done, total=total)
        self._edit = asyncio.create_task(
            self.interaction.edit_original_response(content=text, allowed_mentions=NO_PINGS)
        )

    async def finish(self) -> None:
        """Wait for the last edit (a failed edit only loses a progress line)."""
        if self._edit is not None:
            await asyncio.gather(self._edit, return_exceptions=True)


class AdminCog(commands.Cog):
    """Maintaining the corpus and reading what people asked, for admins only."""

    corpus = app_commands.Group(
        name="corpus", description="Manage the articles (admins)", default_permissions=ADMIN_ONLY
    )
    settings = app_commands.Group(
        name="settings", description="This server's settings for the bot (admins)", default_permissions=ADMIN_ONLY
    )

    def __init__(self, bot: QABot) -> None:
        self.bot = bot

    async def cog_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        await report_command_error(interaction, error)

    async def _require_admin(self, interaction: Interaction, command: str) -> None:
        config = self.bot.config
        roles = set(config.admin_role_ids)
        if interaction.guild_id:
            stored = await self.bot.admin.server_settings(str(interaction.guild_id))
            roles |= {int(r) for r in stored.admin_role_ids}
        if not is_admin(interaction.user, roles, config.admin_user_ids):
            raise UserError(messages.DISCORD_NOT_ADMIN.format(command=command))

    def _actor(self, interaction: Interaction) -> str:
        """Who changed the corpus, for the reload history: the platform and a hashed user id."""
        storage = self.bot.service.storage
        user = storage.hash_user("discord", str(interaction.user.id)) if storage else "unlogged"
        return f"discord:{user}"

    # -- corpus -------------------------------------------------------------------------------------

    @app_commands.command(name="reload", description="Re-read the corpus folder (admins)")
    @app_commands.default_permissions(manage_guild=True)
    async def reload(self, interaction: Interaction) -> None:
        await self._require_admin(interaction, "/reload")
        await interaction.response.defer(thinking=True, ephemeral=True)
        progress = ProgressEdits(interaction)
        report = await self.bot.service.reload_async(self._actor(interaction), progress)
        await progress.finish()
        log.info("corpus reloaded from Discord: %s", report)
        await interaction.followup.send(reload_text(report), ephemeral=True, allowed_mentions=NO_PINGS)

    @corpus.command(name="add", description="Add an article from a .txt, .md or .html file or a link, then reload")
    @app_commands.describe(
        file="The article: raw page text (front matter optional) or a saved web page",
        url="A link to a news article page (http or https)",
    )
    async def corpus_add(
        self, interaction: Interaction, file: discord.Attachment | None = None, url: str | None = None
    ) -> None:
        await self._require_admin(interaction, "/corpus add")
        if (file is None) == (url is None):
            raise UserError(messages.CORPUS_ADD_FILE_OR_URL)
        limit = self.bot.admin.upload_limit(file.filename) if file is not None else 0
        if file is not None and file.size > limit:  # refuse before downloading it
            raise UserError(messages.CORPUS_TOO_BIG.format(size=file.size, limit=limit))
        await interaction.response.defer(thinking=True, ephemeral=True)
        if url is not None:
            added, report, passages = await self.bot.admin.add_link(url, self._actor(interaction))
        else:
            assert file is not None
            data = await file.read()
            added, report, passages = await self.bot.admin.add_article(file.filename, data, self._actor(interaction))
        text = added_text(added, report, passages)
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS)

    @corpus.command(name="remove", description="Remove an article, then reload")
    @app_commands.describe(article="The article's title")
    async def corpus_remove(self, interaction: Interaction, article: str) -> None:
        await self._require_admin(interaction, "/corpus remove")
        await interaction.response.defer(thinking=True, ephemeral=True)
        file_name, report = await self.bot.admin.remove_article(article, self._actor(interaction))
        text = (
            messages.CORPUS_REMOVED.format(name=discord.utils.escape_markdown(file_name)) + "\n" + reload_text(report)
        )
        await interaction.followup.send(shorten(text, 2000), ephemeral=True, allowed_mentions=NO_PINGS)

    @corpus_remove.autocomplete("article")
    async def _article_titles(self, interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
        return article_choices(self.bot.service.sources(), current)

    @corpus.command(name="list", description="The articles, with any file that failed to load")
    async def corpus_list(self, interaction: Interaction) -> None:
        await self._require_admin(interaction, "/corpus list")
        embed = sources_embed(self.bot.service.sources())
        problems = self.bot.service.corpus.problems
        if problems:
            failed = "\n".join(f"{p.file_name}: {p.reason}" for p in problems)
            embed.add_field(name="Not loaded, or noted", value=shorten(escape(failed), 1024), inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    # -- what people asked --------------------------------------------------------------------------

    @app_commands.command(name="stats", description="What people asked and what I could not answer (admins)")
    @app_commands.describe(days="How many days back (default 7)")
    @app_commands.default_permissions(manage_guild=True)
    async def stats(self, interaction: Interaction, days: app_commands.Range[int, 1, 365] = 7) -> None:
        await self._require_admin(interaction, "/stats")
        await interaction.response.defer(thinking=True, ephemeral=True)
        report = await self.bot.admin.stats(days)
        embed = stats_embed(report)
        chart = await asyncio.to_thread(daily_counts_png, report.daily)
        embed.set_image(url="attachment://questions.png")
        await interaction.followup.send(
            embed=embed, file=discord.File(chart, filename="questions.png"), ephemeral=True, allowed_mentions=NO_PINGS
        )

    # -- settings -----------------------------------------------------------------------------------

    @settings.command(name="show", description="This server's settings")
    async def settings_show(self, interaction: Interaction) -> None:
        await self._require_admin(interaction, "/settings")
        current = await self.bot.admin.server_settings(str(interaction.guild_id or 0))
        await interaction.response.send_message(embed=settings_embed(current, self.bot.config), ephemeral=True)

    @settings.command(name="set", description="Change this server's settings")
    @app_commands.describe(
        qa_channel="A channel where every message is a question",
        clear_qa_channel="Stop taking every message in the Q&A channel as a question",
        answer_in="Add a channel where the bot answers (none listed: everywhere)",
        stop_answering_in="Remove a channel from that list",
        admin_role="Add a role that may use admin commands",
        remove_admin_role="Remove a role from the admin roles",
        cooldown_questions="Questions one person may ask per cooldown window",
        cooldown_seconds="Length of the cooldown window in seconds",
    )
    async def settings_set(
        self,
        interaction: Interaction,
        qa_channel: discord.TextChannel | None = None,
        clear_qa_channel: bool = False,
        answer_in: discord.TextChannel | None = None,
        stop_answering_in: discord.TextChannel | None = None,
        admin_role: discord.Role | None = None,
        remove_admin_role: discord.Role | None = None,
        cooldown_questions: app_commands.Range[int, 1, 100] | None = None,
        cooldown_seconds: app_commands.Range[float, 0, 86400] | None = None,
    ) -> None:
        await self._require_admin(interaction, "/settings")
        if interaction.guild_id is None:
            raise UserError(messages.DISCORD_SERVER_ONLY)
        current = await self.bot.admin.server_settings(str(interaction.guild_id))
        channels = [c for c in current.answer_channel_ids if not stop_answering_in or c != str(stop_answering_in.id)]
        if answer_in and str(answer_in.id) not in channels:
            channels.append(str(answer_in.id))
        roles = [r for r in current.admin_role_ids if not remove_admin_role or r != str(remove_admin_role.id)]
        if admin_role and str(admin_role.id) not in roles:
            roles.append(str(admin_role.id))
        updated: ServerSettings = replace(
            current,
            qa_channel_id=None if clear_qa_channel else str(qa_channel.id) if qa_channel else current.qa_channel_id,
            answer_channel_ids=tuple(channels),
            admin_role_ids=tuple(roles),
            cooldown_questions=cooldown_questions or current.cooldown_questions,
            cooldown_seconds=current.cooldown_seconds if cooldown_seconds is None else cooldown_seconds,
        )
        await self.bot.admin.save_server_settings(updated)
        embed = settings_embed(updated, self.bot.config)
        content = None
        if updated.qa_channel_id and not self.bot.intents.message_content:
            content = messages.DISCORD_QA_CHANNEL_NEEDS_INTENT
        await interaction.response.send_message(content, embed=embed, ephemeral=True, allowed_mentions=NO_PINGS)
