"""Discord rendering of hostile names and text: printable, escaped, never a ping."""

from __future__ import annotations

from pathlib import Path

from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.discord.render import source_embed


def test_source_embed_shows_an_undecodable_file_name_as_an_escape(tmp_path: Path) -> None:
    """/source of a file whose name holds an undecodable byte sends printable text, not a lone surrogate."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "caf\udcff.txt").write_text(
        "Han Min-koo signed the intelligence pact in Seoul on Wednesday, officials said.\n"
    )
    (info,) = QAService.from_folder(folder, AnswerPolicy()).sources()
    fields = {field.name: field.value for field in source_embed(info).fields}
    assert fields["File"] == "caf\\\\udcff.txt"  # the escape's backslash is itself escaped for Markdown
    assert fields["Source"] == "caf\\\\udcff"
    assert all(str(value).isprintable() for value in fields.values())
