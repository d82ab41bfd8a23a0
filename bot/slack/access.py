"""Who may use admin commands: listed user ids, and workspace admins and owners as ``users.info`` reports them."""

from __future__ import annotations

import logging
from collections.abc import Collection

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.errors import UserError

log = logging.getLogger(__name__)


async def is_admin(client: AsyncWebClient, user_id: str, listed: Collection[str]) -> bool:
    """A listed user, or an admin or owner of the workspace; asked of Slack each time (roles change)."""
    if user_id in listed:
        return True
    try:
        response = await client.users_info(user=user_id)
    except SlackApiError as error:
        log.warning("users.info failed for an admin check: %s", error.response.get("error"))
        return False
    user = response.get("user") or {}
    return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))


async def require_admin(client: AsyncWebClient, user_id: str, listed: Collection[str], command: str) -> None:
    """``UserError`` (shown privately) unless ``user_id`` may use ``command``."""
    if not await is_admin(client, user_id, listed):
        raise UserError(messages.SLACK_NOT_ADMIN.format(command=command))
