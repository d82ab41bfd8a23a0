"""Absurd settings stop start-up with one line naming the setting, never a traceback or a later failure."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot import messages
from bot.cli import main


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("BOT_LOG_LEVEL", "verbose", "must be one of DEBUG, INFO, WARNING, ERROR or CRITICAL"),
        ("BOT_LOG_LEVEL", "5", "must be one of DEBUG, INFO, WARNING, ERROR or CRITICAL"),
        ("BOT_RETENTION_DAYS", "99999999999", "less than or equal to 36500"),
        ("BOT_RETENTION_DAYS", "999999", "less than or equal to 36500"),
        ("BOT_COOLDOWN_SECONDS", "inf", "less than or equal to 86400"),
        ("BOT_COOLDOWN_SECONDS", "1e308", "less than or equal to 86400"),
    ],
)
def test_absurd_settings_are_refused_by_name(
    variable: str, value: str, says: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A value that would fail later (logging set-up, the retention cut-off, the cooldown wait) is refused at once."""
    monkeypatch.setenv(variable, value)
    assert main(["ask", "Who is Han Min-koo?"], stdin=io.StringIO(), stdout=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: invalid setting: {variable}: ") and says in err
    assert len(err.splitlines()) == 1


def test_log_level_is_read_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    """``info`` is as good as ``INFO``."""
    monkeypatch.setenv("BOT_LOG_LEVEL", "info")
    assert main(["ask", "Who is Han Min-koo?"], stdin=io.StringIO(), stdout=io.StringIO()) == 0


def test_settings_file_in_another_encoding_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A .env saved as UTF-16 stops start-up with one line saying to save it as UTF-8."""
    (tmp_path / ".env").write_bytes("BOT_TOP_K=3\n".encode("utf-16"))  # the tests run in tmp_path
    assert main(["ask", "Who is Han Min-koo?"], stdin=io.StringIO(), stdout=io.StringIO()) == 2
    assert capsys.readouterr().err == messages.SETTINGS_FILE_NOT_UTF8.format(path=".env", position=0) + "\n"
