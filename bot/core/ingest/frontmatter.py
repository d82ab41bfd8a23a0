"""Reads the optional ``---`` block of ``key: value`` lines at the top of an article file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.core.ingest.urls import UrlError, check_url
from bot.core.timeline.dates import FULL_DATE, parse_full_date

KEYS = ("title", "source", "published", "url", "author", "extracted")
_MAX_LINES = 40


class FrontMatterError(ValueError):
    """The front-matter block is malformed; the message says how, for the admin."""


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The metadata an article file declares about itself."""

    title: str | None = None
    source: str | None = None
    published: date | None = None
    url: str | None = None
    # Kept for people reading the file; the source shown next to quotes is the publisher, not the writer.
    author: str | None = None
    # The extractor that took the text from a web page's markup ("trafilatura 2.3.1"); see clean_article.
    extracted: str | None = None


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """Return the declared metadata and the body; a file without a block yields empty metadata."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter(), text
    try:
        end = next(i for i, line in enumerate(lines[1 : _MAX_LINES + 1], start=1) if line.strip() == "---")
    except StopIteration:
        raise FrontMatterError("the front matter starts with --- but is never closed by a --- line") from None
    values: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon:
            raise FrontMatterError(f"front matter line {number} is not 'key: value': {line.strip()[:60]!r}")
        if key not in KEYS:
            raise FrontMatterError(f"unknown front matter key {key[:40]!r} on line {number} (known: {', '.join(KEYS)})")
        value = value.strip().strip("\"'").strip()
        if value:
            values[key] = value
    url = values.get("url")
    if url is not None:
        try:
            check_url(url)
        except UrlError as error:
            raise FrontMatterError(str(error)) from None
    published = parse_published(values["published"]) if "published" in values else None
    body = "\n".join(lines[end + 1 :])
    meta = FrontMatter(
        values.get("title"), values.get("source"), published, url, values.get("author"), values.get("extracted")
    )
    return meta, body


def parse_published(value: str) -> date:
    """Parse ``2016-11-23``, ``2016-11-23 05:31`` or ``November 23, 2016``."""
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    match = FULL_DATE.fullmatch(value)
    parsed = parse_full_date(match) if match else None
    if parsed is None:
        # Shortened: the reason is sent back in one chat message (Discord's hold 2,000 characters).
        raise FrontMatterError(f"published date {value[:40]!r} does not parse; write it as YYYY-MM-DD")
    return parsed
