"""Hostile input costs only a clear refusal: odd bytes on standard input, over-long follow-ups."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot import messages
from bot.charts import timeline_png
from bot.cli import main
from bot.core.search.tokenize import tokenize, tokenize_words
from bot.core.service import QAService
from bot.core.timeline.labels import timeline_title
from bot.errors import QuestionError

ODD_BYTES = b"Who is Han\xff Min-koo?\nWhat is GSOMIA?\n"


def _strict_stdin(data: bytes) -> io.TextIOWrapper:
    """Standard input as a UTF-8 locale gives it: strict decoding."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")


def test_odd_byte_in_a_batch_is_read_as_a_replacement() -> None:
    """``ask --json`` under a strict locale answers every line; a byte that is not UTF-8 becomes U+FFFD."""
    out = io.StringIO()
    code = main(["ask", "--json"], stdin=_strict_stdin(ODD_BYTES), stdout=out)
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert code == 0
    assert first["question"] == "Who is Han\ufffd Min-koo?" and first["answered"]
    assert second["question"] == "What is GSOMIA?" and second["answered"]


def test_odd_byte_does_not_end_the_console(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The console under a strict locale goes on after a line with a byte that is not UTF-8."""
    monkeypatch.setenv("BOT_DATABASE", str(tmp_path / "bot.sqlite3"))
    out = io.StringIO()
    assert main(["run"], stdin=_strict_stdin(ODD_BYTES), stdout=out) == 0
    assert out.getvalue().count(messages.FOUND_NEWEST.partition(";")[0]) == 2


def test_over_long_follow_up_is_refused_before_it_is_read(service: QAService, monkeypatch: pytest.MonkeyPatch) -> None:
    """A follow-up over the length limit is refused without being tokenized, so a refusal costs no more when longer."""
    seen: list[int] = []

    def spy(real: Callable[[str], Any]) -> Callable[[str], Any]:
        def tokenize(text: str) -> Any:
            seen.append(len(text))
            return real(text)

        return tokenize

    monkeypatch.setattr("bot.core.answer.followup.tokenize", spy(tokenize))
    monkeypatch.setattr("bot.core.answer.followup.tokenize_words", spy(tokenize_words))
    question = "and" + " pact" * 100_000
    with pytest.raises(QuestionError) as raised:
        service.ask(question, context="Who is Han Min-koo?")
    assert raised.value.user_message == messages.QUESTION_TOO_LONG.format(length=len(question), limit=500)
    assert max(seen, default=0) <= service.max_question_chars


def test_undecodable_file_names_are_written_under_a_strict_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``sources --json`` under a strict locale writes a file name holding an undecodable byte as an escape."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "caf\udcff.txt").write_text(
        "Han Min-koo signed the intelligence pact in Seoul on Wednesday, officials said.\n"
    )
    monkeypatch.setenv("BOT_CORPUS_DIR", str(folder))
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    assert main(["sources", "--json"], stdin=io.StringIO(), stdout=stdout) == 0
    stdout.flush()
    (source,) = json.loads(raw.getvalue().decode("utf-8"))  # the escape is JSON's own: the name reads back whole
    assert source["file"] == "caf\udcff.txt" and source["source"] == "caf\\udcff"


def test_timeline_picture_title_holds_no_control_characters(service: QAService) -> None:
    """A typed topic or date with escapes gives a printable title, drawn without a glyph warning reaching the log."""
    title = timeline_title("\x1b]0;pwned\x07 pact\x1b[31m", "2016\x07", None)
    assert title == "Timeline: pact, from 2016"
    timeline_png(service.timeline("pact"), title)  # warnings are errors in the tests: a missing glyph would fail
