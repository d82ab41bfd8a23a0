"""Hostile entries in the corpus folder cost only their own file: odd links and odd names."""

from __future__ import annotations

from pathlib import Path

from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService


def test_links_in_a_loop_are_skipped_and_the_rest_loads(corpus_copy: Path, tmp_path: Path) -> None:
    """Two links pointing at each other are reported as a loop; start-up and a reload serve every article."""
    (corpus_copy / "a.txt").symlink_to("b.txt")
    (corpus_copy / "b.txt").symlink_to("a.txt")
    service = QAService.open(corpus_copy, tmp_path / "cache", AnswerPolicy())
    assert len(service.sources()) == 5
    report = service.reload()
    assert {(p.file_name, p.reason) for p in report.problems} == {
        ("a.txt", "skipped: a link that leads round in a loop"),
        ("b.txt", "skipped: a link that leads round in a loop"),
    }
    assert service.ask("Who is Han Min-koo?").answered


def test_a_source_taken_from_an_odd_file_name_stays_on_one_line(tmp_path: Path) -> None:
    """A file name with a newline or an undecodable byte gives a printable source: answers keep one source line."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    body = "Han Min-koo signed the intelligence pact in Seoul on Wednesday, the ministry said in a statement.\n"
    (folder / "line\nbreak.txt").write_text(body)
    (folder / "caf\udcff.txt").write_text(body.replace("Wednesday", "Thursday"))
    service = QAService.from_folder(folder, AnswerPolicy())
    assert sorted(s.article.source for s in service.sources()) == ["caf\\udcff", "line\\nbreak"]
    assert all(s.article.source.isprintable() for s in service.sources())
