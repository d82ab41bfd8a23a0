"""Ingestion holds against hostile folders: colliding names, wild dates, links out, huge or odd files, escapes."""

from __future__ import annotations

import os
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from bot.core.answer.compose import AnswerPolicy
from bot.core.ingest.entries import EntryError, read_bounded
from bot.core.ingest.ids import article_id_for
from bot.core.ingest.read import MAX_LINE_CHARS, load_articles, parse_article, split_long_lines
from bot.core.service import QAService

BODY = "The two governments signed the agreement in Seoul on Wednesday after months of talks, officials said.\n"


def _article(source: str, sentence: str, published: str = "2016-11-23") -> str:
    return f"---\ntitle: {source} story\nsource: {source}\npublished: {published}\n---\n{sentence}\n"


def test_colliding_file_names_get_distinct_ids_and_a_note(tmp_path: Path) -> None:
    """foo_bar.txt, foo-bar.txt and Foo Bar.md all load under distinct ids; the renamed ones are noted."""
    for name in ("foo_bar.txt", "foo-bar.txt", "Foo Bar.md"):
        (tmp_path / name).write_text(_article(name, BODY))
    articles, problems = load_articles(tmp_path)
    ids = [a.article_id for a in articles]
    assert len(set(ids)) == 3 and "foo-bar" in ids
    assert len(problems) == 2 and all(p.loaded and "loaded as foo-bar-" in p.reason for p in problems)
    again, _ = load_articles(tmp_path)
    assert [a.article_id for a in again] == ids  # stable from one load to the next


def test_a_later_file_never_takes_an_existing_articles_id(tmp_path: Path) -> None:
    """A copy added as "Foo Bar.md" beside "foo-bar.txt" is the one renamed, even though its name sorts first."""
    first = tmp_path / "foo-bar.txt"
    first.write_text(_article("Wire", BODY))
    os.utime(first, (1_000_000_000, 1_000_000_000))
    (tmp_path / "2016 Foo Bar.md").write_text(_article("Copy", BODY))
    (tmp_path / "2016_foo_bar.txt").write_text(_article("Older copy", BODY))
    os.utime(tmp_path / "2016_foo_bar.txt", (1_000_000_000, 1_000_000_000))
    articles, problems = load_articles(tmp_path)
    by_file = {a.file_name: a.article_id for a in articles}
    assert by_file["foo-bar.txt"] == "foo-bar"  # named as its id
    assert by_file["2016_foo_bar.txt"] == "2016-foo-bar"  # the older of two that both fold to it
    assert by_file["2016 Foo Bar.md"].startswith("2016-foo-bar-")
    assert [p.file_name for p in problems] == ["2016 Foo Bar.md"]
    assert [a.file_name for a in articles] == sorted(by_file)  # still listed by name


def test_non_latin_names_keep_their_letters_and_quotes_keep_their_publisher(tmp_path: Path) -> None:
    """Korean and Japanese file names become distinct ids, and each sentence is credited to its own publisher."""
    (tmp_path / "한국-연합뉴스.txt").write_text(
        _article("Yonhap", "Seoul officials said the military pact was approved by the cabinet on Tuesday morning.")
    )
    (tmp_path / "日本経済新聞.txt").write_text(
        _article("Nikkei", "Tokyo trading houses expect the yen to weaken against the dollar through the winter.")
    )
    service = QAService.from_folder(tmp_path, AnswerPolicy())
    assert set(service.corpus.articles) == {"한국-연합뉴스", "日本経済新聞"}
    answer = service.ask("Will the yen weaken against the dollar?")
    assert answer.answered and answer.quotes[0].article.source == "Nikkei"
    assert article_id_for("Ｆｏｏ Bar.txt") == "foo-bar"  # full-width letters fold to their usual form


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_dates_out_of_range_are_refused_per_file_and_questions_still_work(tmp_path: Path, published: str) -> None:
    """A front-matter date of year 1 or 9999 fails that file with a clear reason; the rest loads and answers."""
    (tmp_path / "good.txt").write_text(_article("Wire", BODY))
    (tmp_path / "wild.txt").write_text(_article("Odd", "Officials met again in Tokyo to review the pact.", published))
    service = QAService.from_folder(tmp_path, AnswerPolicy())
    [problem] = service.corpus.problems
    assert problem.file_name == "wild.txt" and f"published date {published} is outside" in problem.reason
    for question in ("What happened next year?", "What happened tomorrow?", "Who signed the agreement?"):
        service.ask(question)


def test_inferred_stamp_out_of_range_is_not_the_publication_date() -> None:
    """A page stamp dated 9999 is ignored rather than taken as the publication date."""
    article = parse_article("stamp.txt", ("Published December 31, 9999\n\n" + BODY).encode())
    assert article.published is None or article.published <= date.today().replace(year=date.today().year + 1)


def test_links_out_of_the_folder_are_skipped_and_reported(tmp_path: Path) -> None:
    """A link to a file outside the corpus is not read (its text is not quotable); a link inside it is."""
    outside = tmp_path / "secret.txt"
    outside.write_text(_article("Secret", "The password of the server room is swordfish and nobody knows it."))
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "story.txt").write_text(_article("Wire", BODY))
    (folder / "passwd-link.txt").symlink_to(outside)
    (folder / "alias.txt").symlink_to(folder / "story.txt")
    articles, problems = load_articles(folder)
    assert sorted(a.file_name for a in articles) == ["alias.txt", "story.txt"]
    assert [(p.file_name, p.reason) for p in problems] == [
        ("passwd-link.txt", "skipped: a link to a file outside the corpus folder")
    ]


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A 200 MB sparse file is refused from its size; reading it allocates almost nothing."""
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(200_000_000)
    tracemalloc.start()
    try:
        articles, problems = load_articles(tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert articles == [] and "200,000,000 bytes; the limit is 5,000,000" in problems[0].reason
    assert peak < 5_000_000


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_non_regular_files_are_refused(tmp_path: Path) -> None:
    """A named pipe (and a device such as /dev/zero) is refused at once, not read forever."""
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with pytest.raises(EntryError, match="not a regular file"):
        read_bounded(Path("/dev/zero"), 1000)
    with pytest.raises(EntryError, match="not a regular file"):
        read_bounded(pipe, 1000)
    _, problems = load_articles(tmp_path)
    assert "not a regular file" in problems[0].reason


def test_odd_names_and_encodings_are_reported_with_their_real_cause(tmp_path: Path) -> None:
    """A newline in a name is escaped on one line; UTF-16 says UTF-16; a folder named x.txt says folder."""
    (tmp_path / "bad\nname.txt").write_bytes(b"\xff\x00\x00")
    (tmp_path / "wide.txt").write_bytes(("\ufeff" + BODY).encode("utf-16-le"))
    (tmp_path / "wide-no-bom.txt").write_bytes(BODY.encode("utf-16-be"))
    (tmp_path / "x.txt").mkdir()
    _, problems = load_articles(tmp_path)
    reasons = {p.file_name: p.reason for p in problems}
    assert "bad\\nname.txt" in reasons and all("\n" not in name for name in reasons)
    assert "UTF-16" in reasons["wide.txt"] and "UTF-16" in reasons["wide-no-bom.txt"]
    assert reasons["x.txt"] == "skipped: a folder, not a file"


def test_terminal_escapes_and_controls_are_stripped_from_articles() -> None:
    """Escape sequences and control characters in a file never reach a passage."""
    raw = "---\ntitle: Clear\x1b[2J screen\nsource: Wire\x07\n---\n" + BODY.replace(
        "Seoul", "Seoul\x1b]0;pwned\x07\x0b"
    )
    article = parse_article("esc.txt", raw.encode())
    text = article.title + article.source + "".join(article.paragraphs)
    assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in text)
    assert "[2J" not in text and "pwned" not in text and "Seoul" in text


def test_over_long_lines_are_split_not_rejected() -> None:
    """A line ten times the limit is split at spaces; the article loads with every word."""
    words = [f"word{n}" for n in range(20_000)]
    line = " ".join(words)
    assert len(line) > 10 * MAX_LINE_CHARS
    parts = split_long_lines(line).split("\n")
    assert all(len(part) <= MAX_LINE_CHARS for part in parts)
    assert " ".join(parts).split() == words
    article = parse_article("long.txt", (BODY + "\n" + line + ".\n").encode())
    assert "word19999" in " ".join(article.paragraphs)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://news.example/a) **[Log in to verify](https://phish.example/login)** ([x", "contains ' '"),
        ("https://news.example/a)**[Log](https://phish.example/login)**", "contains '['"),
        ("https://news.example/<script>", "contains '<'"),
        ("https://localhost/a", "no real host name"),
        ("https://news..example/a", "no real host name"),
        ("https://news.example:port/a", "not a web address"),
        ("javascript:alert(1)", "does not start with http"),
    ],
)
def test_front_matter_urls_that_could_inject_markup_are_refused(tmp_path: Path, url: str, reason: str) -> None:
    """A URL with spaces, brackets, angle brackets or no real host fails its file with the reason."""
    (tmp_path / "a.txt").write_text(f"---\nsource: Wire\nurl: {url}\n---\n{BODY}")
    articles, problems = load_articles(tmp_path)
    assert articles == [] and reason in problems[0].reason


def test_plain_urls_are_kept() -> None:
    """Ordinary article URLs, parentheses and non-Latin hosts included, load unchanged."""
    for url in (
        "https://www.dw.com/en/japan/a-36380150",
        "https://en.wikipedia.org/wiki/GSOMIA_(pact)",
        "https://한국.kr/a",
    ):
        article = parse_article("a.txt", f"---\nurl: {url}\n---\n{BODY}".encode())
        assert article.url == url
