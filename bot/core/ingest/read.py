"""Reads a corpus folder into cleaned articles, reporting every file it skips or cannot load."""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from bot.core.ingest.clean import clean_article
from bot.core.ingest.frontmatter import FrontMatterError, split_front_matter
from bot.core.ingest.html import HTML_SUFFIXES, ExtractionError, html_to_article_file
from bot.core.models import Article, FileProblem

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md", *HTML_SUFFIXES)
MAX_ARTICLE_BYTES = 5_000_000
_TITLE_FALLBACK_CHARS = 90


class ArticleError(ValueError):
    """One file cannot become an article; the message is the reason an admin reads."""


def load_articles(folder: Path) -> tuple[list[Article], list[FileProblem]]:
    """Every article in ``folder`` (sorted by file name), and the files that were skipped or failed."""
    articles: list[Article] = []
    problems: list[FileProblem] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name.lower() == "readme.md":
            continue
        if not path.is_file() or path.suffix.lower() not in ARTICLE_SUFFIXES:
            problems.append(FileProblem(path.name, "skipped: only .txt, .md and .html files are read"))
            continue
        try:
            articles.append(read_article(path))
        except (ArticleError, OSError) as error:
            log.warning("corpus file %s not loaded: %s", path.name, error)
            problems.append(FileProblem(path.name, str(error)))
    return articles, problems


def read_article(path: Path) -> Article:
    """Read, validate and clean one article file."""
    data = path.read_bytes()
    return parse_article(path.name, data)


def parse_article(file_name: str, data: bytes) -> Article:
    """Turn a file's bytes into an article, or raise ``ArticleError`` saying what is wrong with it."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"the file is {len(data):,} bytes; the limit is {MAX_ARTICLE_BYTES:,}")
    if b"\x00" in data:
        raise ArticleError("the file is binary, not text")
    text = _html_text(data) if Path(file_name).suffix.lower() in HTML_SUFFIXES else _decode(data)
    if not text.strip():
        raise ArticleError("the file is empty")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        meta, body = split_front_matter(text)
    except FrontMatterError as error:
        raise ArticleError(str(error)) from None
    cleaned = clean_article(body, title=meta.title)
    if not cleaned.paragraphs:
        raise ArticleError("no article text is left once page furniture is removed")
    inferred = []
    title = meta.title or cleaned.title
    if meta.title is None:
        inferred.append("title")
        title = title or _first_words(cleaned.paragraphs[0])
    source = meta.source or (cleaned.credits[0] if cleaned.credits else None)
    if meta.source is None:
        inferred.append("source")
        source = source or Path(file_name).stem
    published = meta.published or (cleaned.dates[0] if cleaned.dates else None)
    if meta.published is None and published is not None:
        inferred.append("published")
    assert title is not None and source is not None
    return Article(
        article_id=article_id_for(file_name),
        file_name=file_name,
        title=title,
        source=source,
        published=published,
        url=meta.url,
        paragraphs=tuple(cleaned.paragraphs),
        content_hash=hashlib.sha256(data).hexdigest(),
        inferred=tuple(inferred),
        removed=tuple(cleaned.removed),
    )


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"the file is not UTF-8 text (bad byte at position {error.start}); save it as UTF-8"
        ) from None


def _html_text(data: bytes) -> str:
    """A page's article with its metadata as front matter; the page declares its own encoding."""
    try:
        return html_to_article_file(data)
    except ExtractionError as error:
        raise ArticleError(str(error)) from None


def article_id_for(file_name: str) -> str:
    """A stable id from the file name: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", Path(file_name).stem.lower()).strip("-") or "article"


def _first_words(text: str) -> str:
    if len(text) <= _TITLE_FALLBACK_CHARS:
        return text
    return text[:_TITLE_FALLBACK_CHARS].rsplit(" ", 1)[0] + "…"
