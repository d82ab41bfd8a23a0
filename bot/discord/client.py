"""The Discord client: built with the core service injected, wiring the cog, buttons and command sync."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
from discord.ext import commands

from bot.core.admin.tools import AdminTools
from bot.core.ingest.fetch import FetchPolicy
from bot.core.rate_limit import RateLimit
from bot.core.service import QAService
from bot.discord.admin import AdminCog
from bot.discord.commands import QACog
from bot.discord.render import NO_PINGS
from bot.discord.sync import sync_commands
from bot.discord.views import MoreButton, VoteButton

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DiscordConfig:
    """What the Discord front end needs from the settings."""

    dev_guild_id: int | None = None
    admin_role_ids: frozenset[int] = field(default_factory=frozenset)
    admin_user_ids: frozenset[int] = field(default_factory=frozenset)
    qa_channel_id: int | None = None
    cooldown_questions: int = 5
    cooldown_seconds: float = 60.0
    sync_state_file: Path = Path("data/discord-commands.json")
    sync_on_start: bool = True
    message_content: bool = False
    max_upload_bytes: int = 1_000_000
    fetch: FetchPolicy = field(default_factory=FetchPolicy)


def intents_for(config: DiscordConfig) -> discord.Intents:
    """Default intents; the privileged Message Content intent only for a Q&A channel, which needs it."""
    intents = discord.Intents.default()
    intents.message_content = config.message_content or config.qa_channel_id is not None
    return intents


class QABot(commands.Bot):
    """The bot: no prefix commands, mentions disabled everywhere, questions answered by ``QACog``."""

    def __init__(self, service: QAService, config: DiscordConfig, **options: Any) -> None:
        # The bot has no voice features, so discord.py's warnings about missing voice libraries are noise.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents_for(config),
            allowed_mentions=NO_PINGS,
            help_command=None,
            **options,
        )
        self.service = service
        self.admin = AdminTools(service, config.max_upload_bytes, config.fetch)
        self.config = config
        self.cooldowns = RateLimit(config.cooldown_questions, config.cooldown_seconds)

    async def setup_hook(self) -> None:
        await self.add_cog(QACog(self))
        await self.add_cog(AdminCog(self))
        self.add_dynamic_items(MoreButton, VoteButton)
        if self.config.sync_on_start:
            await sync_commands(self.tree, self.config.dev_guild_id, self.config.sync_state_file)

    async def on_message(self, message: discord.Message, /) -> None:
        """Questions are handled by ``QACog``; there are no prefix commands to process."""

    async def on_ready(self) -> None:
        log.info("connected to Discord as %s in %d servers", self.user, len(self.guilds))
