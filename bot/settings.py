"""Every setting of the bot, read from the environment and ``.env``; the only place that reads them."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


class Settings(BaseSettings):
    """Settings, with ``BOT_`` names except for the platforms' conventional token names."""

    model_config = SettingsConfigDict(
        env_prefix="BOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    # Platform credentials: optional, each checked when its front end starts.
    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")

    corpus_dir: Path = Field(default=BUNDLED_CORPUS, description="Folder of .txt/.md articles.")
    database: Path = Field(default=Path("data/bot.sqlite3"), description="SQLite file for logs and feedback.")

    top_k: int = Field(default=3, ge=1, le=10, description="Passages quoted per answer.")
    min_coverage: float = Field(
        default=0.4,
        ge=0.0,
        le=1.0,
        description="Share of the question's term weight the best passage must match, else the bot abstains.",
    )
    corroboration_overlap: float = Field(
        default=0.5,
        gt=0.0,
        le=1.0,
        description="Word overlap above which passages of different articles count as the same report.",
    )
    max_question_chars: int = Field(default=500, ge=10, le=4000, description="Longest question accepted.")
    log_level: str = Field(default="WARNING", description="Python logging level.")
