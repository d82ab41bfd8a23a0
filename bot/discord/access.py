"""Who may use admin commands, and how often anyone may ask: plain checks at the edge of the adapter."""

from __future__ import annotations

from collections.abc import Collection

import discord
from discord.app_commands import Cooldown


def is_admin(user: discord.abc.User, admin_role_ids: Collection[int], admin_user_ids: Collection[int]) -> bool:
    """Manage Server in this server, a listed role, or a listed user."""
    if user.id in admin_user_ids:
        return True
    if not isinstance(user, discord.Member):
        return False
    return user.guild_permissions.manage_guild or any(role.id in admin_role_ids for role in user.roles)


class Cooldowns:
    """A per-person rate limit shared by every way of asking (mentions, DMs, /ask); a server may set its own."""

    def __init__(self, rate: int, per: float) -> None:
        self.rate = rate
        self.per = per
        self._buckets: dict[int, Cooldown] = {}

    def retry_after(self, user_id: int, rate: int | None = None, per: float | None = None) -> float:
        """Seconds until ``user_id`` may ask again; 0 counts this question and lets it through."""
        rate, per = rate or self.rate, self.per if per is None else per
        if per <= 0:
            return 0.0
        bucket = self._buckets.get(user_id)
        if bucket is None or (bucket.rate, bucket.per) != (rate, per):
            bucket = self._buckets[user_id] = Cooldown(rate, per)
        return bucket.update_rate_limit() or 0.0
