"""Who may use admin commands: a plain check at the edge of the adapter."""

from __future__ import annotations

from collections.abc import Collection

import discord


def is_admin(user: discord.abc.User, admin_role_ids: Collection[int], admin_user_ids: Collection[int]) -> bool:
    """Manage Server in this server, a listed role, or a listed user."""
    if user.id in admin_user_ids:
        return True
    if not isinstance(user, discord.Member):
        return False
    return user.guild_permissions.manage_guild or any(role.id in admin_role_ids for role in user.roles)
