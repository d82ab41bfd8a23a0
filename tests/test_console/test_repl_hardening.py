"""The console and the command line speak their own language, validate arguments and print only safe text."""

from __future__ import annotations

import io
import logging
import sqlite3
from pathlib import Path

import pytest

from bot import messages
from bot.cli import main
from bot.core.store.user_key import key_file_for


def _run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "bot.sqlite3"
    monkeypatch.setenv("BOT_DATABASE", str(path))
    return path


def test_stats_arguments_out_of_range_are_refused(database: Path) -> None:
    """/stats takes 1 to 365 days; anything else gets the usage message, not a traceback or a silent 7."""
    arguments = ["99999999", "100000", "abc", "-5", "0", "7 days"]
    code, out = _run([], stdin="".join(f"/stats {argument}\n" for argument in arguments))
    assert code == 0
    assert out.count("is not a number of days; /stats takes a whole number from 1 to 365") == len(arguments)
    assert "Last 7 days" not in out and messages.GENERIC_FAILURE[:20] not in out


def test_stats_skip_days_without_questions_and_print_no_escapes(database: Path) -> None:
    """Only days with questions get a line, and a logged question's terminal escapes are not printed."""
    assert _run([], stdin="Who is Han Min-koo?\n")[0] == 0
    with sqlite3.connect(database) as db:
        db.execute("UPDATE questions SET question = 'Who\x1b[2J is Han?\x07'")
    _, out = _run([], stdin="/stats 30\n")
    day_lines = [line for line in out.splitlines() if line.startswith("  20")]
    assert len(day_lines) == 1 and "1 asked" in day_lines[0]
    assert "\x1b" not in out and "\x07" not in out and "Who is Han?" in out


@pytest.mark.parametrize(("days", "heading"), [("1", "Last day: 1 question, "), ("30", "Last 30 days: 1 question, ")])
def test_stats_heading_names_the_period_in_plain_english(database: Path, days: str, heading: str) -> None:
    """/stats 1 reports the "Last day" and "1 question", not "Last 1 days" or "1 questions"."""
    _, out = _run([], stdin=f"Who is Han Min-koo?\n/stats {days}\n")
    assert heading in out and "Last 1 days" not in out and "1 questions" not in out


def test_stats_with_nothing_asked_say_so(database: Path) -> None:
    """An empty log reports "No questions asked.", not "0 questions, n/a answered."."""
    _, out = _run([], stdin="/stats 7\n")
    assert "Last 7 days: No questions asked." in out and "n/a" not in out


def test_sources_and_corpus_list_show_article_ids() -> None:
    """The listing names each article's id, which /corpus remove takes."""
    _, out = _run([], stdin="/sources\n/corpus list\n")
    assert out.count("- 2016-11-14-dw-intelligence-deal: DW · ") == 2
    _, out = _run(["sources"])
    assert "- 2016-11-23-afp-pact-signed: AFP" in out


def test_corpus_add_of_a_device_is_refused_without_reading_it(database: Path) -> None:
    """/corpus add /dev/zero says it is not a regular file (it used to read until memory ran out)."""
    _, out = _run([], stdin="/corpus add /dev/zero\n")
    assert "Cannot read /dev/zero: not a regular file" in out


def test_reload_names_a_failed_file_once(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A failed file is in the /reload reply; it is not also logged as a warning on the same console."""
    monkeypatch.setenv("BOT_CORPUS_DIR", str(corpus_copy))
    (corpus_copy / "broken.txt").write_bytes(b"\xff\xfe\x00 not text")
    with caplog.at_level(logging.WARNING):
        _, out = _run([], stdin="/reload\n")
    assert out.count("broken.txt") == 1
    assert not [r for r in caplog.records if "broken.txt" in r.getMessage()]


def test_ask_speaks_like_a_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`ask` names shell commands, not chat ones, and an invalid question is an error with exit code 1."""
    code, out = _run(["ask", "What did Japan and South Korea sign?"])
    assert code == 0 and "/more" not in out
    code, out = _run(["ask", "Which football team won the league?"])
    assert code == 0 and "/sources" not in out and "python -m bot sources" in out
    code, out = _run(["ask", "   "])
    assert code == 1 and out == ""
    assert capsys.readouterr().err.startswith("error: Please ask a question")
    code, out = _run(["ask", "--json"], stdin="What is GSOMIA?\n\n")
    assert code == 1 and len(out.splitlines()) == 2


def test_setting_errors_name_the_environment_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad setting is named as it is set: BOT_TOP_K, DISCORD_DEV_GUILD_ID."""
    monkeypatch.setenv("BOT_TOP_K", "0")
    assert _run(["sources"])[0] == 2
    assert "invalid setting: BOT_TOP_K:" in capsys.readouterr().err
    monkeypatch.delenv("BOT_TOP_K")
    monkeypatch.setenv("DISCORD_DEV_GUILD_ID", "abc")
    assert _run(["sources"])[0] == 2
    assert "invalid setting: DISCORD_DEV_GUILD_ID:" in capsys.readouterr().err


def test_reversed_timeline_range_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline --from 2017 --to 2012` says the range is reversed, exit code 2."""
    assert _run(["timeline", "--from", "2017", "--to", "2012"])[0] == 2
    assert "The range is reversed: from 2017 is after to 2012" in capsys.readouterr().err


def test_console_keeps_the_user_key_beside_the_database(database: Path) -> None:
    """A console session creates the private key file next to the database."""
    _run([], stdin="Who is Han Min-koo?\n")
    assert key_file_for(database).exists()
