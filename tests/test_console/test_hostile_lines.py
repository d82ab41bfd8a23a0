"""Console lines with terminal escapes: replies that echo part of a line never print the escape."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot import messages
from bot.cli import main


def test_replies_that_echo_the_line_print_no_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown command, a bad /stats value, a missing article id and a line of escapes: no ESC or BEL printed."""
    monkeypatch.setenv("BOT_DATABASE", str(tmp_path / "bot.sqlite3"))
    lines = [
        "/\x1b[31mred\x1b]0;title\x07",
        "/stats \x1b[2Jseven",
        "/corpus remove \x1b]8;;https://evil\x07x",
        "\x1b[2J\x07",
    ]
    out = io.StringIO()
    assert main(["run"], stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out) == 0
    shown = out.getvalue()
    assert "Unknown command /" in shown and "is not a number of days" in shown and "There is no article" in shown
    assert shown.endswith(messages.EMPTY_QUESTION + "\n")  # a line of escapes alone is said to be empty
    assert "\x1b" not in shown and "\x07" not in shown
