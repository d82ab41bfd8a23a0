"""Runs the configured chat front ends (Discord, Slack, or both at once) with the database attached once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.core.service import QAService
from bot.lifecycle import attached_database

if TYPE_CHECKING:
    from bot.discord.client import DiscordConfig
    from bot.slack.config import SlackConfig

log = logging.getLogger(__name__)


async def serve_platforms(
    service: QAService,
    database: Path,
    retention_days: int,
    discord: tuple[str, DiscordConfig] | None = None,
    slack: SlackConfig | None = None,
) -> int:
    """Serve every configured platform; when one stops (a start-up error, a closed connection) all stop.

    Returns the first non-zero exit code, else 0. The platforms are imported only when configured.
    """
    jobs: list[Coroutine[Any, Any, int]] = []
    if discord is not None:
        from bot.discord.runner import serve as serve_discord

        jobs.append(serve_discord(service, *discord))
    if slack is not None:
        from bot.slack.runner import serve as serve_slack

        jobs.append(serve_slack(service, slack))
    async with attached_database(service, database, retention_days):
        tasks = [asyncio.create_task(job) for job in jobs]
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            # Also when we are cancelled (Ctrl-C): every platform disconnects before the database closes.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    codes = [task.result() for task in done]
    return next((code for code in codes if code), 0)
