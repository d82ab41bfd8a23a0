"""Turns a news page's HTML into its article text and metadata (trafilatura), saved as a readable article file."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import load_html

from bot.core.ingest.frontmatter import FrontMatter, FrontMatterError, split_front_matter
from bot.core.ingest.urls import web_url

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm")
# Written into the front matter of every extracted article: its paragraphs are the page's own blocks.
EXTRACTOR = f"trafilatura {version('trafilatura')}"
# Only the publication date written in the page's metadata: htmldate's extensive search guesses from any date
# in the text, and a wrong date next to a quote is worse than none.
_DATE_OPTIONS: dict[str, Any] = {"original_date": True, "extensive_search": False}
_MAX_META_CHARS = 200
_MAX_NAME_CHARS = 80
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# How an admin is told what extraction left out, beside what cleaning removed.
OUTSIDE_ARTICLE = "words of page text around the article (menus, links, footers)"
# "Headline | Site", "Headline - Site", "Headline — Site": the site's name after the headline.
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")


class ExtractionError(ValueError):
    """The page has no article text an extractor can find; the message says so for the admin."""


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """An article found in a page: its paragraphs and what the page says about it."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    source: str | None = None
    published: date | None = None
    url: str | None = None
    author: str | None = None
    # Words of the page's visible text that are not the article (menus, share rows, links, footers).
    words_outside: int = 0


def extract_page(html: bytes | str, url: str | None = None, count_outside: bool = False) -> ExtractedPage:
    """The main text and metadata of ``html``; ``url`` is where it came from, the fallback for its canonical URL.

    ``count_outside`` also counts the words left out (for the admin adding the page; a reload has no use for it).
    """
    # Precision mode measured best on the development half of the extraction benchmark (bot/bench/extraction.py);
    # comments are readers' text, never the article's.
    document = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params=_DATE_OPTIONS,
    )
    text = document.text if isinstance(document, Document) else None
    paragraphs = tuple(p for p in (_one_line(line) for line in (text or "").split("\n")) if p)
    if not isinstance(document, Document) or not paragraphs:
        raise ExtractionError("no article text was found in the page")
    source = _meta(document.sitename) or _site_from_url(document.url or url)
    article_words = sum(len(_WORD.findall(p)) for p in paragraphs)
    return ExtractedPage(
        paragraphs=paragraphs,
        title=_headline(_meta(document.title), source),
        source=source,
        published=_iso_date(document.date),
        url=_web_url(document.url) or _web_url(url),
        author=_meta(document.author),
        words_outside=max(0, _visible_words(html) - article_words) if count_outside else 0,
    )


def page_to_article_file(page: ExtractedPage) -> str:
    """The page as an article file: front matter with its metadata, then one paragraph per block."""
    fields = {
        "title": page.title,
        "source": page.source,
        "published": page.published.isoformat() if page.published else None,
        "url": page.url,
        "author": page.author,
        "extracted": EXTRACTOR,
    }
    header = [f"{key}: {value}" for key, value in fields.items() if value]
    return "---\n" + "\n".join(header) + "\n---\n\n" + "\n\n".join(page.paragraphs) + "\n"


def html_to_article_file(html: bytes | str, url: str | None = None) -> str:
    """``extract_page`` then ``page_to_article_file``: what the corpus keeps for a page."""
    return page_to_article_file(extract_page(html, url))


def article_file_name(article_file: str) -> str:
    """A readable name for an extracted article file, from its front matter: ``2016-11-23-example-news-pact.txt``."""
    try:
        meta, _ = split_front_matter(article_file)
    except FrontMatterError:
        meta = FrontMatter()
    parts = [meta.published.isoformat() if meta.published else "", meta.source or "", meta.title or "article"]
    words = re.findall(r"[a-z0-9]+", " ".join(parts).casefold())
    return "-".join(words)[:_MAX_NAME_CHARS].rstrip("-") + ".txt"


def _visible_words(html: bytes | str) -> int:
    """Words a reader sees on the page: all text but scripts, styles and other code."""
    tree = load_html(html)
    if tree is None:
        return 0
    for node in list(tree.iter("script", "style", "noscript", "template")):
        node.drop_tree()
    return len(_WORD.findall(trafilatura.html2txt(tree, clean=False)))


def _one_line(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _meta(value: str | None) -> str | None:
    """A metadata value fit for one front-matter line: one line, bounded, not wrapped in quotes the parser strips."""
    text = _one_line(value).strip("\"'").strip()[:_MAX_META_CHARS]
    return text or None


def _headline(title: str | None, source: str | None) -> str | None:
    """The title without the site's name that pages append to it ("Pact signed | Example News")."""
    if title is None or source is None:
        return title
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head and tail.casefold() == source.casefold():
            return head.strip()
    return title


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _web_url(value: str | None) -> str | None:
    return web_url(_one_line(value) or None)


def _site_from_url(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
