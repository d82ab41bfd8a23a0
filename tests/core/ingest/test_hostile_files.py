"""Hostile entries in the corpus folder cost only their own file: odd links and odd names."""

from __future__ import annotations

from pathlib import Path

from bot.core.answer.compose import AnswerPolicy
from bot.core.ingest.read import load_articles, read_entry
from bot.core.models import FileProblem
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


def test_reasons_quote_a_long_front_matter_value_only_in_part(tmp_path: Path) -> None:
    """A 5,000-character date or key is quoted shortened: the reason fits a chat message with room to spare."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    body = "Han Min-koo signed the intelligence pact in Seoul on Wednesday, the ministry said in a statement.\n"
    (folder / "date.txt").write_text(f"---\npublished: {'9' * 5000}\n---\n{body}")
    (folder / "key.txt").write_text(f"---\n{'k' * 5000}: value\n---\n{body}")
    _, problems = load_articles(folder)
    reasons = {p.file_name: p.reason for p in problems}
    assert reasons["date.txt"].startswith("published date '9999") and len(reasons["date.txt"]) < 200
    assert reasons["key.txt"].startswith("unknown front matter key 'kkkk") and len(reasons["key.txt"]) < 200


def test_a_read_failure_is_reported_without_the_path(tmp_path: Path) -> None:
    """A file the system refuses to read is reported by its name and the system's reason, never the full path."""
    (tmp_path / "not-a-folder").write_text("x")
    problem = read_entry(tmp_path / "not-a-folder" / "story.txt")  # ENOTDIR, as a file that vanished would fail
    assert isinstance(problem, FileProblem)
    assert (problem.file_name, problem.reason) == ("story.txt", "could not be read: Not a directory")
    assert str(tmp_path) not in problem.reason
