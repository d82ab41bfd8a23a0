"""HTML pages become articles: the main text without the page around it, and the page's own metadata."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core.ingest.frontmatter import split_front_matter
from bot.core.ingest.html import EXTRACTOR, ExtractionError, article_file_name, extract_page, page_to_article_file
from bot.core.ingest.read import load_articles
from tests.fakes.pages import STORY_HTML, furniture_words

FURNITURE = ("Share on Facebook", "cookies", "Most read", "Stocks slip", "All rights reserved", "Video")


def test_page_gives_article_text_and_metadata() -> None:
    """Title, site name as source, date, canonical URL and author come from the page; the furniture stays out."""
    page = extract_page(STORY_HTML)
    assert page.title == "Seoul and Tokyo sign intelligence pact"
    assert page.source == "Harbour Times"
    assert page.published == date(2016, 11, 23)
    assert page.url == "https://news.example.com/world/2016/11/23/pact-signed"
    assert page.author == "Min-ji Park"
    assert page.paragraphs[0] == page.title  # the headline; cleaning takes it out of the body on load
    assert len(page.paragraphs) == 6 and page.paragraphs[1].startswith("South Korea and Japan signed")
    assert not [f for f in FURNITURE if any(f in p for p in page.paragraphs)]
    assert page.words_outside == 0  # counted only when asked: a reload has no use for it
    assert extract_page(STORY_HTML, count_outside=True).words_outside == furniture_words()


def test_html_files_in_the_corpus_load_with_their_metadata(tmp_path: Path) -> None:
    """A .html and a .htm file (Windows-1252, declared in the page) load beside a .txt, nothing inferred."""
    (tmp_path / "pact.html").write_text(STORY_HTML, encoding="utf-8")
    latin = STORY_HTML.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    latin = latin.replace("neighbours", "neighbours’")
    (tmp_path / "old.htm").write_bytes(latin.encode("cp1252"))
    articles, problems = load_articles(tmp_path)
    assert problems == []
    by_file = {a.file_name: a for a in articles}
    article = by_file["pact.html"]
    assert (article.title, article.source, article.published) == (
        "Seoul and Tokyo sign intelligence pact",
        "Harbour Times",
        date(2016, 11, 23),
    )
    assert article.url == "https://news.example.com/world/2016/11/23/pact-signed"
    assert article.inferred == () and article.article_id == "pact"
    assert len(article.paragraphs) == 5 and article.paragraphs[0].startswith("South Korea and Japan signed")
    assert "neighbours’" in by_file["old.htm"].paragraphs[0]


def test_page_without_article_text_is_reported(tmp_path: Path) -> None:
    """A page with no article (only a menu) fails with a reason; the other files still load; nothing, no text."""
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "pact.html").write_text(STORY_HTML)
    articles, problems = load_articles(tmp_path)
    assert [a.file_name for a in articles] == ["pact.html"]
    assert [(p.file_name, p.reason) for p in problems] == [
        ("menu.html", "no article text is left once page furniture is removed")
    ]
    with pytest.raises(ExtractionError):
        extract_page(b"")


def test_saved_page_is_readable_text_that_reads_back_the_same() -> None:
    """The article file has front matter with every field and the paragraphs as blocks; it parses back."""
    page = extract_page(STORY_HTML)
    text = page_to_article_file(page)
    meta, body = split_front_matter(text)
    assert meta.extracted == EXTRACTOR and EXTRACTOR.startswith("trafilatura ")
    assert (meta.title, meta.source, meta.published, meta.url, meta.author) == (
        page.title,
        page.source,
        page.published,
        page.url,
        page.author,
    )
    assert body.strip().split("\n\n") == list(page.paragraphs)
    assert article_file_name(text) == "2016-11-23-harbour-times-seoul-and-tokyo-sign-intelligence-pact.txt"
    assert article_file_name("no front matter") == "article.txt"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Pact signed | Harbour Times", "Pact signed"),
        ("Pact signed - Harbour Times", "Pact signed"),
        ("Pact signed - a step forward", "Pact signed - a step forward"),
    ],
)
def test_site_name_is_taken_off_the_title(title: str, expected: str) -> None:
    """The site's name appended to the headline is dropped; a dash that is part of the headline stays."""
    html = STORY_HTML.replace(
        '<meta property="og:title" content="Seoul and Tokyo sign intelligence pact">',
        f'<meta property="og:title" content="{title}">',
    )
    assert extract_page(html).title == expected


def test_page_structure_is_trusted_over_line_guessing(tmp_path: Path) -> None:
    """An article's subheading and a repeated line survive from HTML; pasted as plain text they look like furniture."""
    said = "<p>Officials in Tokyo welcomed the deal.</p>\n"
    html = STORY_HTML.replace("</article>", "<h2>Reaction in Tokyo</h2>\n" + said + said + "</article>")
    (tmp_path / "page.html").write_text(html)
    page_file = page_to_article_file(extract_page(html))
    (tmp_path / "pasted.txt").write_text(page_file.replace(f"extracted: {EXTRACTOR}\n", ""))
    articles, problems = load_articles(tmp_path)
    assert problems == []
    from_html, pasted = (next(a for a in articles if a.file_name == name) for name in ("page.html", "pasted.txt"))
    assert from_html.paragraphs[-3:] == (
        "Reaction in Tokyo",
        "Officials in Tokyo welcomed the deal.",
        "Officials in Tokyo welcomed the deal.",
    )
    assert pasted.paragraphs[-1] == "Officials in Tokyo welcomed the deal."
    assert "Reaction in Tokyo" not in pasted.paragraphs
    assert {r.reason for r in pasted.removed} >= {"section heading", "duplicate"}
