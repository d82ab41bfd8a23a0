"""Every setting of the bot, read from the environment and ``.env``; the only place that reads them."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

from dotenv import dotenv_values
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def setting_variable(field: str) -> str:
    """The environment variable of a settings field (or of its alias, e.g. ``DISCORD_TOKEN``)."""
    info = Settings.model_fields.get(field)
    if info is None:  # errors name an aliased field by its alias already
        return field.upper()
    if isinstance(info.validation_alias, str):
        return info.validation_alias
    return f"{Settings.model_config.get('env_prefix', '')}{field}".upper()


class Settings(BaseSettings):
    """Settings, with ``BOT_`` names except for the platforms' conventional token names."""

    model_config = SettingsConfigDict(
        env_prefix="BOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        # A blank line copied from .env.example ("DISCORD_TOKEN=") means "not set".
        env_ignore_empty=True,
    )

    # Platform credentials: optional, each checked when its front end starts.
    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")

    discord_dev_guild_id: int | None = Field(
        default=None,
        validation_alias="DISCORD_DEV_GUILD_ID",
        description="Sync slash commands to this server only (instant), instead of globally.",
    )
    discord_admin_role_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Role ids allowed to use admin commands, besides Manage Server."
    )
    discord_admin_user_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="User ids allowed to use admin commands anywhere."
    )
    discord_qa_channel_id: int | None = Field(
        default=None, description="A channel where every message is a question (needs the Message Content intent)."
    )
    discord_message_content: bool = Field(
        default=False, description="Ask for the Message Content intent, so /settings can name a Q&A channel later."
    )
    slack_api_url: str | None = Field(
        default=None, description="Slack Web API base URL, ending in /api/ (GovSlack, proxies); unset: slack.com."
    )
    slack_admin_user_ids: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Slack user ids allowed to use admin commands, besides workspace admins."
    )
    slack_port: int = Field(
        default=3000, ge=1, le=65535, description="Port of POST /slack/events in HTTP mode (no SLACK_APP_TOKEN)."
    )
    cooldown_questions: int = Field(default=5, ge=1, description="Questions one person may ask per cooldown window.")
    # At most a day, as /settings set allows: an endless window would leave no wait to tell people.
    cooldown_seconds: float = Field(
        default=60.0, ge=0.0, le=86_400.0, description="Length of the per-person cooldown window."
    )

    corpus_dir: Path = Field(default=BUNDLED_CORPUS, description="Folder of .txt/.md articles.")
    database: Path = Field(default=Path("data/bot.sqlite3"), description="SQLite file for logs and feedback.")
    corpus_cache: Path | None = Field(
        default=None, description="Folder for the saved corpus (default: corpus-cache next to the database)."
    )
    max_pending_questions: int = Field(
        default=256, ge=1, description="Questions answered at once; beyond it people are told the bot is busy."
    )

    # At most a century: the cut-off date must stay a date (year 1 is the earliest Python has).
    retention_days: int = Field(default=90, ge=1, le=36_500, description="Days the question log is kept.")
    max_upload_bytes: int = Field(default=1_000_000, ge=1000, description="Largest article file /corpus add accepts.")
    fetch_max_bytes: int = Field(
        default=5_000_000,
        ge=10_000,
        description="Largest web page /corpus add reads: fetched from a link or uploaded as .html.",
    )
    fetch_timeout_seconds: float = Field(
        default=20.0, gt=0.0, le=300.0, description="Longest a link's page may take to arrive, redirects included."
    )
    fetch_max_redirects: int = Field(default=5, ge=0, le=20, description="Redirects followed for one link.")
    fetch_allow_private: bool = Field(
        default=False,
        description="Fetch links on loopback, private, link-local or reserved addresses (a local test server).",
    )

    top_k: int = Field(default=3, ge=1, le=10, description="Passages quoted per answer.")
    min_confidence: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="Confidence of the answerability model below which the bot says the answer is not in the articles.",
    )
    corroboration_overlap: float = Field(
        default=0.22,
        gt=0.0,
        le=1.0,
        description="Rarity-weighted word overlap from which two articles' sentences may state the same fact.",
    )
    search_engine: Literal["auto", "rank-bm25", "tantivy"] = Field(
        default="auto", description="Search engine: rank-bm25 (reference), tantivy (fast), or auto by corpus size."
    )
    fast_engine_from: int = Field(
        default=5000, ge=0, description="With search_engine auto, tantivy from this many passages up."
    )
    max_question_chars: int = Field(default=500, ge=10, le=4000, description="Longest question accepted.")
    log_level: str = Field(default="WARNING", description="Python logging level.")

    @field_validator("discord_admin_role_ids", "discord_admin_user_ids", "slack_admin_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """Accept "1, 2, 3" from the environment as well as a list."""
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        """A level name logging knows, so that start-up never fails on it later."""
        if value.upper() not in logging.getLevelNamesMapping():
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return value.upper()

    @field_validator("slack_api_url")
    @classmethod
    def _api_base(cls, value: str | None) -> str | None:
        """slack_sdk joins method names onto the base, so it must be an http(s) URL ending in a slash."""
        if value is None:
            return None
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return value if value.endswith("/") else value + "/"


# Settings that were renamed or removed, and what replaces them, so an old .env gets a useful warning.
REPLACED_SETTINGS = {"BOT_MIN_COVERAGE": "BOT_MIN_CONFIDENCE"}


def unknown_settings(environ: Mapping[str, str], env_file: Path | None = Path(".env")) -> list[str]:
    """Warnings for ``BOT_`` variables (environment or ``.env``) that no setting reads: typos and old names."""
    known = {setting_variable(field) for field in Settings.model_fields}
    names = set(environ)
    if env_file is not None and env_file.is_file():
        names |= set(dotenv_values(env_file))
    warnings = []
    for name in sorted(n for n in names if n.upper().startswith("BOT_") and n.upper() not in known):
        replacement = REPLACED_SETTINGS.get(name.upper())
        instead = f" (it was replaced by {replacement})" if replacement else ""
        warnings.append(f"{name} is not a setting{instead}; it is ignored.")
    return warnings
