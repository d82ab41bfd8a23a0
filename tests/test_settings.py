"""Settings come from the environment, keep tokens secret and reject bad values."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import BUNDLED_CORPUS, Settings, unknown_settings


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


def test_unknown_and_renamed_settings_are_named(tmp_path: Path) -> None:
    """A typo'd BOT_ variable and the old BOT_MIN_COVERAGE (in .env) are named; real settings and others are not."""
    env_file = tmp_path / ".env"
    env_file.write_text("BOT_MIN_COVERAGE=0.4\nBOT_TOP_K=4\n", encoding="utf-8")
    environ = {"BOT_TOPK": "5", "BOT_DATABASE": "x.sqlite3", "DISCORD_TOKEN": "secret", "PATH": "/bin"}
    warnings = unknown_settings(environ, env_file)
    assert warnings == [
        "BOT_MIN_COVERAGE is not a setting (it was replaced by BOT_MIN_CONFIDENCE); it is ignored.",
        "BOT_TOPK is not a setting; it is ignored.",
    ]
    assert unknown_settings({"BOT_TOP_K": "3"}, tmp_path / "missing.env") == []
