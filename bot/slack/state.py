"""What every Slack handler shares: the core service, the admin tools, the config and what the app may do."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.admin.tools import AdminTools
from bot.core.rate_limit import RateLimit
from bot.core.service import Asker, QAService
from bot.slack.config import SlackConfig
from bot.slack.once import SeenEvents
from bot.slack.threads import Subjects


@dataclass
class SlackBot:
    """The adapter's state; built once at start-up and handed to the listeners."""

    service: QAService
    config: SlackConfig
    files_allowed: bool = True
    seen: SeenEvents = field(default_factory=SeenEvents)
    subjects: Subjects = field(default_factory=Subjects)
    admin: AdminTools = field(init=False)
    cooldowns: RateLimit = field(init=False)

    def __post_init__(self) -> None:
        self.admin = AdminTools(self.service, self.config.max_upload_bytes)
        self.cooldowns = RateLimit(self.config.cooldown_questions, self.config.cooldown_seconds)

    def actor(self, user_id: str) -> str:
        """Who changed the corpus, for the reload history: the platform and a hashed user id."""
        storage = self.service.storage
        return f"slack:{storage.hash_user('slack', user_id) if storage else 'unlogged'}"


def asker_of(user_id: str, team_id: str | None, channel_id: str | None) -> Asker:
    """The core's view of who asked where."""
    return Asker(platform="slack", user_id=user_id, server_id=team_id, channel_id=channel_id)
