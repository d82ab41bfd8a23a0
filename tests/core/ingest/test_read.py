"""Ingestion reads good files, infers what front matter leaves out, and reports every bad file by name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core.ingest.ids import article_id_for
from bot.core.ingest.read import load_articles, parse_article

BODY = "The two governments signed the agreement in Seoul on Wednesday after months of talks, officials said.\n"


def _write(folder: Path, name: str, data: bytes | str) -> None:
    (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("latin1.txt", "Caf\xe9 talks in Seoul".encode("latin-1"), "not UTF-8 text"),
        ("empty.txt", b"", "the file is empty"),
        ("blank.md", b"  \n\n \t\n", "the file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("unclosed.txt", "---\ntitle: A\n" + BODY, "never closed"),
        ("noline.txt", "---\ntitle A\n---\n" + BODY, "is not 'key: value'"),
        ("unknown.txt", "---\nwriter: Jane\n---\n" + BODY, "unknown front matter key 'writer'"),
        ("baddate.txt", "---\npublished: next Tuesday\n---\n" + BODY, "does not parse"),
        ("impossible.txt", "---\npublished: 2016-02-30\n---\n" + BODY, "does not parse"),
        ("badurl.txt", "---\nurl: www.example.com\n---\n" + BODY, "does not start with http"),
        ("furniture.txt", "Skip to content\nSend Feedback\n", "no article text is left"),
    ],
)
def test_bad_file_is_reported_and_the_rest_loads(tmp_path: Path, name: str, data: bytes | str, reason: str) -> None:
    """A broken file is named with its reason; the good file beside it still loads."""
    _write(tmp_path, "good.txt", "---\ntitle: Good\nsource: Wire\n---\n" + BODY)
    _write(tmp_path, name, data)
    articles, problems = load_articles(tmp_path)
    assert [a.file_name for a in articles] == ["good.txt"]
    assert len(problems) == 1
    assert problems[0].file_name == name
    assert reason in problems[0].reason


def test_other_file_types_are_skipped_and_reported(tmp_path: Path) -> None:
    """Only .txt, .md and .html are read; a .pdf or a folder is reported as skipped, hidden files and README ignored."""
    _write(tmp_path, "story.md", BODY)
    _write(tmp_path, "scan.pdf", b"%PDF-1.4")
    _write(tmp_path, ".DS_Store", b"\x00")
    _write(tmp_path, "README.md", "# About this folder\n\nNotes for admins, not an article at all.\n")
    (tmp_path / "drafts").mkdir()
    articles, problems = load_articles(tmp_path)
    assert [a.file_name for a in articles] == ["story.md"]
    reasons = {p.file_name: p.reason for p in problems}
    assert sorted(reasons) == ["drafts", "scan.pdf"]
    assert "only .txt, .md and .html" in reasons["scan.pdf"] and "a folder" in reasons["drafts"]


def test_front_matter_fills_metadata() -> None:
    """Title, source, date and URL come from front matter and nothing is marked inferred."""
    raw = '---\ntitle: "A: quoted title"\nsource: Wire\npublished: 2016-11-23 05:31\nurl: https://e.com/a\n---\n'
    article = parse_article("2016-11-23 My Story!.txt", (raw + BODY).encode())
    assert (article.title, article.source, article.published, article.url) == (
        "A: quoted title",
        "Wire",
        date(2016, 11, 23),
        "https://e.com/a",
    )
    assert article.inferred == ()
    assert article.article_id == "2016-11-23-my-story"


def test_metadata_is_inferred_without_front_matter() -> None:
    """Without front matter: the headline line, the dateline agency and the page's date stamp are used."""
    raw = "Allies agree to share intelligence on missiles\nPublished 11/14/2016, 05:31 AM\n\nTOKYO (Reuters) - " + BODY
    article = parse_article("story.txt", raw.encode())
    assert article.title == "Allies agree to share intelligence on missiles"
    assert article.source == "Reuters"
    assert article.published == date(2016, 11, 14)
    assert set(article.inferred) == {"title", "source", "published"}
    assert article.paragraphs[0] == BODY.strip()


def test_inference_falls_back_to_text_and_file_name() -> None:
    """With no headline and no credit, the title is the opening words and the source the file name."""
    article = parse_article("notes-from-seoul.txt", ("   \n" + BODY + "\n" + BODY.replace("Seoul", "Tokyo")).encode())
    assert article.title.startswith("The two governments signed")
    assert article.source == "notes-from-seoul"
    assert article.published is None


def test_bom_and_windows_line_endings_are_read() -> None:
    """A UTF-8 byte-order mark and CRLF line endings do not break front matter."""
    raw = "\ufeff---\r\ntitle: T\r\nsource: S\r\n---\r\n" + BODY.replace("\n", "\r\n")
    article = parse_article("crlf.txt", raw.encode("utf-8"))
    assert (article.title, article.source) == ("T", "S")


@pytest.mark.parametrize(("name", "expected"), [("A B.txt", "a-b"), ("../x.md", "x"), ("!!!.txt", "article")])
def test_article_ids_are_slugs(name: str, expected: str) -> None:
    """Article ids are lower-case slugs of the file name."""
    assert article_id_for(name) == expected


PASTED_PAGE = """We use cookies to give you the best experience on our site
Home | World | Business | Tech | Sports | Video
China says pact between Seoul and Tokyo harms regional stability
By Christopher Bodeen
Share on Facebook Share on Twitter Email this story
BEIJING (AP) — China said Thursday that the intelligence-sharing pact between South Korea and Japan would harm stability in the region and deepen mistrust among its neighbours.
"The relevant countries should not strengthen military cooperation at the expense of others," foreign ministry spokesman Geng Shuang told reporters at a daily briefing in Beijing.
Beijing has long objected to the deployment of an American missile defence system in South Korea, which it says threatens its own security.
Christopher Bodeen is a Beijing-based correspondent for the news agency who has covered China for two decades.
Most Read
Five things to know about the pact
Why the deal matters for the region
"""


def test_pasted_page_keeps_the_article_without_its_furniture() -> None:
    """Navigation, share row, cookie banner, bio and "most read" list go; the article's sentences stay."""
    article = parse_article("2016-12-09-ap-china.txt", PASTED_PAGE.encode())
    assert article.paragraphs == (
        "China said Thursday that the intelligence-sharing pact between South Korea and Japan would harm stability"
        " in the region and deepen mistrust among its neighbours.",
        '"The relevant countries should not strengthen military cooperation at the expense of others," foreign'
        " ministry spokesman Geng Shuang told reporters at a daily briefing in Beijing.",
        "Beijing has long objected to the deployment of an American missile defence system in South Korea, which it"
        " says threatens its own security.",
    )
    assert any(r.reason == "author bio" for r in article.removed)


def test_names_are_read_right_without_front_matter() -> None:
    """The dateline's agency beats the byline's reporter, the headline beats the banners, the file name dates it."""
    article = parse_article("2016-12-09-ap-china.txt", PASTED_PAGE.encode())
    assert article.source == "AP"
    assert article.title == "China says pact between Seoul and Tokyo harms regional stability"
    assert article.published == date(2016, 12, 9)
    assert set(article.inferred) == {"title", "source", "published"}


@pytest.mark.parametrize("name", ["ap-china.txt", "2016-13-09-ap-china.txt", "20161209-ap.txt"])
def test_no_date_is_read_from_a_name_without_a_real_one(name: str) -> None:
    """Only a real YYYY-MM-DD at the start of the name dates an undated article."""
    assert parse_article(name, PASTED_PAGE.encode()).published is None


def test_a_stamp_in_the_text_beats_the_date_in_the_name() -> None:
    """The page's own stamp dates the article before its file name does."""
    text = "Published November 30, 2016\n" + PASTED_PAGE
    assert parse_article("2016-12-09-ap-china.txt", text.encode()).published == date(2016, 11, 30)
