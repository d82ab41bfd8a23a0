"""Settings come from the environment, keep tokens secret and reject bad values."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.settings import BUNDLED_CORPUS, Settings


def test_defaults_need_no_environment() -> None:
    """With nothing set, the bundled corpus is used and no platform token is present."""
    settings = Settings()
    assert settings.corpus_dir == BUNDLED_CORPUS
    assert settings.discord_token is None and settings.top_k == 3


def test_tokens_are_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """A token read from DISCORD_TOKEN never shows in the settings' repr or str."""
    monkeypatch.setenv("DISCORD_TOKEN", "super-secret-value")
    settings = Settings()
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "super-secret-value"
    assert "super-secret-value" not in repr(settings) and "super-secret-value" not in str(settings)


def test_bot_prefixed_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """BOT_ settings are read and converted."""
    monkeypatch.setenv("BOT_TOP_K", "5")
    monkeypatch.setenv("BOT_MIN_CONFIDENCE", "0.6")
    settings = Settings()
    assert (settings.top_k, settings.min_confidence) == (5, 0.6)


@pytest.mark.parametrize(("name", "value"), [("BOT_TOP_K", "0"), ("BOT_MIN_CONFIDENCE", "1.5"), ("BOT_TOP_K", "many")])
def test_bad_values_are_rejected(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    """Out-of-range and non-numeric values fail validation."""
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()


def test_env_example_documents_every_setting() -> None:
    """Every setting has a line in .env.example."""
    from tests.conftest import REPO

    documented = (REPO / ".env.example").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        env_name = field.validation_alias if isinstance(field.validation_alias, str) else f"BOT_{name.upper()}"
        assert f"\n{env_name}=" in documented, env_name


def test_readme_documents_every_setting() -> None:
    """Every setting's variable name appears in the README's settings table."""
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        env_name = field.validation_alias if isinstance(field.validation_alias, str) else f"BOT_{name.upper()}"
        assert f"`{env_name}`" in readme, env_name
