"""Registers slash commands with Discord only when they changed: Discord allows 200 creations a day per server."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

from bot import messages

log = logging.getLogger(__name__)


class SyncRefused(Exception):
    """Discord would not take the commands for the dev server; the message is the one line to print."""


def command_fingerprint(tree: app_commands.CommandTree[Any], guild: discord.abc.Snowflake | None) -> str:
    """A hash of the command definitions Discord would receive for ``guild`` (or globally)."""
    payload = sorted((c.to_dict(tree) for c in tree.get_commands(guild=guild)), key=lambda c: str(c["name"]))
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


async def sync_commands(
    tree: app_commands.CommandTree[Any], guild_id: int | None, state_file: Path, force: bool = False
) -> bool:
    """Sync to ``guild_id`` (copying the global commands there) or globally; skip if unchanged. True if synced."""
    guild = discord.Object(id=guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    scope = f"guild:{guild_id}" if guild_id else "global"
    fingerprint = command_fingerprint(tree, guild)
    state = await asyncio.to_thread(_read_state, state_file)
    if not force and state.get(scope) == fingerprint:
        log.info("slash commands unchanged for %s; not syncing", scope)
        return False
    try:
        synced = await tree.sync(guild=guild)
    except (discord.Forbidden, discord.NotFound) as error:
        if guild is None:
            raise
        # Most often a channel's or a user's id copied instead of the server's, or a server the bot is not in.
        raise SyncRefused(
            messages.DISCORD_SYNC_REFUSED.format(guild=guild_id, reason=error.text or error.status)
        ) from None
    log.info("synced %d slash commands to %s", len(synced), scope)
    state[scope] = fingerprint
    await asyncio.to_thread(_write_state, state_file, state)
    return True


def _write_state(state_file: Path, state: dict[str, str]) -> None:
    try:
        state_file.parent.mkdir(parents=True, exist_ok=True)
        state_file.write_text(json.dumps(state, indent=2), encoding="utf-8")
    except OSError as error:
        log.warning("could not remember the command sync in %s: %s", state_file, error)


def _read_state(state_file: Path) -> dict[str, str]:
    try:
        data = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
