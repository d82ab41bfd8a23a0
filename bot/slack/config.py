"""What the Slack front end needs from the settings, shared by every module of the adapter."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_API_URL = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"


@dataclass(frozen=True)
class SlackConfig:
    """Tokens, the Web API base and who counts as an admin. Socket Mode when there is an app token."""

    bot_token: str
    app_token: str | None = None
    signing_secret: str | None = None
    api_url: str = DEFAULT_API_URL
    admin_user_ids: frozenset[str] = field(default_factory=frozenset)
    port: int = 3000
    host: str = "0.0.0.0"
    max_upload_bytes: int = 1_000_000
    cooldown_questions: int = 5
    cooldown_seconds: float = 60.0

    @property
    def socket_mode(self) -> bool:
        """Socket Mode wins when both an app token and a signing secret are set."""
        return self.app_token is not None

    def __repr__(self) -> str:
        # Tokens never reach a log line, even through a debug print of the config.
        return f"SlackConfig(socket_mode={self.socket_mode}, api_url={self.api_url!r}, port={self.port})"
