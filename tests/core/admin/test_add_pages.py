"""Adding web pages: a link fetched from 127.0.0.1 and an uploaded .html are saved as text articles and reloaded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot import messages
from bot.core.admin.tools import AdminTools
from bot.core.answer.compose import AnswerPolicy
from bot.core.ingest.fetch import FetchPolicy
from bot.core.ingest.frontmatter import split_front_matter
from bot.core.ingest.html import OUTSIDE_ARTICLE
from bot.core.service import QAService
from bot.errors import UserError
from tests.fakes.pages import STORY_HTML, furniture_words

SAVED = "2016-11-23-harbour-times-seoul-and-tokyo-sign-intelligence-pact.txt"


def _admin(folder: Path, allow_private: bool = True) -> AdminTools:
    policy = FetchPolicy(max_bytes=100_000, timeout_seconds=5.0, allow_private=allow_private)
    return AdminTools(QAService.from_folder(folder, AnswerPolicy()), max_upload_bytes=50_000, fetch_policy=policy)


async def test_link_is_fetched_saved_with_front_matter_and_loaded(news_site: str, corpus_copy: Path) -> None:
    """The page's article lands as a readable .txt with its metadata, the reload adds it, and it answers."""
    admin = _admin(corpus_copy)
    added, report, passages = await admin.add_link(f"{news_site}/story", "test")
    assert added.file_name == SAVED and report.added == (SAVED.removesuffix(".txt"),) and passages >= 3
    meta, body = split_front_matter((corpus_copy / SAVED).read_text(encoding="utf-8"))
    assert (meta.title, meta.source, meta.published, meta.author) == (
        "Seoul and Tokyo sign intelligence pact",
        "Harbour Times",
        date(2016, 11, 23),
        "Min-ji Park",
    )
    assert meta.url == "https://news.example.com/world/2016/11/23/pact-signed"
    assert "<" not in body and "Share on Facebook" not in body and "cookies" not in body
    assert added.removed_kinds == ((OUTSIDE_ARTICLE, furniture_words()), ("headline", 1))
    answer = await admin.service.ask_async("When will the first exchanges of classified information begin?")
    assert answer.quotes[0].article.source == "Harbour Times"
    assert "within weeks" in answer.quotes[0].passage.text


async def test_same_link_twice_names_the_article_it_is(news_site: str, corpus_copy: Path) -> None:
    """Adding a page again is refused naming the article already saved from it; the folder keeps one copy."""
    admin = _admin(corpus_copy)
    await admin.add_link(f"{news_site}/story", "test")
    before = sorted(corpus_copy.iterdir())
    with pytest.raises(UserError) as raised:
        await admin.add_link(f"{news_site}/story", "test")
    expected = messages.CORPUS_LINK_EXISTS.format(
        id=SAVED.removesuffix(".txt"), title="Seoul and Tokyo sign intelligence pact"
    )
    assert raised.value.user_message == expected
    assert sorted(corpus_copy.iterdir()) == before


async def test_refused_link_writes_nothing(news_site: str, corpus_copy: Path) -> None:
    """With private addresses not allowed, the loopback link is refused with the reason and the folder is unchanged."""
    before = sorted(corpus_copy.iterdir())
    with pytest.raises(UserError) as raised:
        await _admin(corpus_copy, allow_private=False).add_link(f"{news_site}/story", "test")
    assert "private, loopback" in raised.value.user_message
    assert sorted(corpus_copy.iterdir()) == before


async def test_uploaded_html_is_kept_as_text(corpus_copy: Path) -> None:
    """An uploaded page is saved under its own name as .txt with front matter, not as HTML."""
    added, _, _ = await _admin(corpus_copy).add_article("pact-page.html", STORY_HTML.encode(), "test")
    assert added.file_name == "pact-page.txt" and not (corpus_copy / "pact-page.html").exists()
    assert (corpus_copy / "pact-page.txt").read_text(encoding="utf-8").startswith("---\ntitle: Seoul and Tokyo")
    assert added.article.source == "Harbour Times"


async def test_html_upload_may_exceed_the_text_limit_up_to_the_page_limit(corpus_copy: Path) -> None:
    """A saved page heavy with scripts (over the 50 kB upload limit, under the 100 kB page limit) is accepted."""
    heavy = STORY_HTML.replace("</head>", "<script>" + "var x = 1;" * 7_000 + "</script></head>").encode()
    assert 50_000 < len(heavy) < 100_000
    admin = _admin(corpus_copy)
    assert admin.upload_limit("page.html") == 100_000 and admin.upload_limit("page.txt") == 50_000
    added, _, _ = await admin.add_article("heavy.html", heavy, "test")
    assert added.file_name == "heavy.txt" and (corpus_copy / "heavy.txt").stat().st_size < 5_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body></body></html>", messages.CORPUS_PAGE_EMPTY.format(name="empty.html")),
        (b"<p>" + b"x" * 120_000 + b"</p>", messages.CORPUS_TOO_BIG.format(size=120_007, limit=100_000)),
    ],
)
async def test_bad_html_uploads_are_refused(corpus_copy: Path, data: bytes, message: str) -> None:
    """An empty page or one over the page limit is refused before anything is extracted or written."""
    before = sorted(corpus_copy.iterdir())
    with pytest.raises(UserError) as raised:
        await _admin(corpus_copy).add_article("empty.html", data, "test")
    assert raised.value.user_message == message
    assert sorted(corpus_copy.iterdir()) == before


async def test_page_extraction_runs_under_the_parse_time_limit(news_site: str, corpus_copy: Path) -> None:
    """Extracting an untrusted page runs in a child process that is stopped at the limit; nothing is written."""
    before = sorted(corpus_copy.iterdir())
    admin = _admin(corpus_copy)
    admin.parse_seconds = 0.001  # far less than a child needs to start, let alone extract
    with pytest.raises(UserError) as raised:
        await admin.add_link(f"{news_site}/story", "test")
    assert raised.value.user_message == messages.CORPUS_PARSE_TIMEOUT.format(name=f"{news_site}/story", seconds=0.001)
    assert sorted(corpus_copy.iterdir()) == before
