"""Starts the Discord bot, or syncs its commands, turning start-up failures into one-line explanations."""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import replace
from typing import Any

import aiohttp
import discord

from bot.core.service import QAService
from bot.discord.client import DiscordConfig, QABot
from bot.discord.sync import SyncRefused, sync_commands

log = logging.getLogger(__name__)

BAD_TOKEN = (
    "error: Discord rejected DISCORD_TOKEN. Reset the bot token in the Developer Portal (Bot page) and set it again."
)
UNREACHABLE = "error: cannot reach Discord ({reason}). Check the network connection and try again."
MISSING_INTENT = (
    "error: Discord refused the Message Content intent, which the Q&A channel (BOT_DISCORD_QA_CHANNEL_ID) needs. "
    "Enable it in the Developer Portal (Bot page, Privileged Gateway Intents) or unset the Q&A channel."
)


async def serve(service: QAService, token: str, config: DiscordConfig, **options: Any) -> int:
    """Connect and answer until the connection ends; a bad token or a refused intent is one line on stderr."""
    try:
        async with QABot(service, config, **options) as bot:
            await bot.start(token)
    except discord.LoginFailure:
        print(BAD_TOKEN, file=sys.stderr)
        return 2
    except discord.PrivilegedIntentsRequired:
        print(MISSING_INTENT, file=sys.stderr)
        return 2
    except SyncRefused as error:
        print(error, file=sys.stderr)
        return 2
    except (aiohttp.ClientConnectionError, discord.GatewayNotFound, TimeoutError) as error:
        print(UNREACHABLE.format(reason=type(error).__name__), file=sys.stderr)
        return 2
    return 0


def sync_discord(service: QAService, token: str, config: DiscordConfig, guild_id: int | None) -> int:
    """Log in over HTTP only and register the slash commands now, changed or not; returns the exit code."""
    return asyncio.run(sync_now(service, token, config, guild_id))


async def sync_now(service: QAService, token: str, config: DiscordConfig, guild_id: int | None) -> int:
    try:
        async with QABot(service, replace(config, sync_on_start=False)) as bot:
            await bot.login(token)
            await sync_commands(bot.tree, guild_id, config.sync_state_file, force=True)
    except discord.LoginFailure:
        print(BAD_TOKEN, file=sys.stderr)
        return 2
    except SyncRefused as error:
        print(error, file=sys.stderr)
        return 2
    except (aiohttp.ClientConnectionError, TimeoutError) as error:
        print(UNREACHABLE.format(reason=type(error).__name__), file=sys.stderr)
        return 2
    return 0
