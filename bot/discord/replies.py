"""The adapter's error boundary for slash commands, and private replies that survive a failed send."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import discord
from discord import app_commands

from bot import messages
from bot.discord.render import NO_PINGS, escape
from bot.errors import UserError

log = logging.getLogger(__name__)


async def report_command_error(interaction: discord.Interaction[Any], error: app_commands.AppCommandError) -> None:
    """``UserError``: its message. Anything else: logged with a reference id, and a short apology naming it."""
    cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(cause, UserError):
        # It may repeat what was typed ("from: [a](https://…)"): shown as typed, never as markup.
        text = escape(cause.user_message)
    else:
        ref = uuid.uuid4().hex[:8]
        name = interaction.command.qualified_name if interaction.command else "?"
        log.error("slash command /%s failed (ref %s)", name, ref, exc_info=cause)
        text = messages.GENERIC_FAILURE.format(ref=ref)
    await reply_privately(interaction, text)


async def reply_privately(interaction: discord.Interaction[Any], text: str) -> None:
    """Tell the person privately; if even that fails (expired interaction, outage), log it and go on."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS)
    except discord.HTTPException as error:
        log.warning("could not send an error reply for interaction %s: %s", interaction.id, error)
