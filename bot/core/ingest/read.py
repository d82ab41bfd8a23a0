"""Reads a corpus folder into cleaned articles, reporting every file it skips or cannot load."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from bot.core.control_chars import printable_name, strip_control
from bot.core.ingest.clean import clean_article
from bot.core.ingest.entries import (
    MAX_ARTICLE_BYTES,
    EntryError,
    has_article_suffix,
    is_ignored,
    read_bounded,
    skip_reason,
)
from bot.core.ingest.frontmatter import FrontMatterError, split_front_matter
from bot.core.ingest.html import HTML_SUFFIXES, ExtractionError, html_to_article_file
from bot.core.ingest.ids import article_id_for, claim_order, unique_id
from bot.core.models import Article, FileProblem

log = logging.getLogger(__name__)

_TITLE_FALLBACK_CHARS = 90
# Longer lines are split at a space before cleaning sees them: no pattern ever scans an unbounded line.
MAX_LINE_CHARS = 10_000
# Publication dates outside this range are typos or placeholders (0001-01-01, 9999-12-31); date arithmetic on
# them overflows. The upper bound allows for embargoed copy.
EARLIEST_PUBLISHED = date(1800, 1, 1)
_LATEST_AHEAD = timedelta(days=366)
# "2016-12-09-ap-china.txt": an undated article is dated by the date its name starts with.
_NAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")


class ArticleError(ValueError):
    """One file cannot become an article; the message is the reason an admin reads."""


def load_articles(folder: Path) -> tuple[list[Article], list[FileProblem]]:
    """Every article in ``folder`` (sorted by file name), and the files that were skipped or failed."""
    articles: list[Article] = []
    problems: list[FileProblem] = []
    parsed: list[tuple[Path, Article]] = []
    for entry in corpus_entries(folder):
        if isinstance(entry, FileProblem):
            problems.append(entry)
            continue
        result = article_in(entry)
        if isinstance(result, FileProblem):
            problems.append(result)
            continue
        parsed.append((entry, result))
    owners: dict[str, str] = {}  # article id -> file name
    for _, article in sorted(parsed, key=lambda pair: claim_order(pair[0])):
        article, collision = with_unique_id(article, owners)
        if collision is not None:
            problems.append(collision)
        articles.append(article)
    articles.sort(key=lambda article: article.file_name)
    return articles, problems


def corpus_entries(folder: Path) -> Iterator[Path | FileProblem]:
    """The files of ``folder`` that may be articles, sorted by name; the ones skipped say why."""
    for entry in stated_entries(folder):
        yield entry if isinstance(entry, FileProblem) else entry[0]


def stated_entries(folder: Path) -> Iterator[tuple[Path, os.stat_result | None] | FileProblem]:
    """``corpus_entries`` with each plain file's status as listed (None for a link or an entry that moved).

    The folder's listing already says which entries are plain files, so most need one ``stat`` call, not four
    (a 100,000-file corpus is listed in a fraction of the time).
    """
    with os.scandir(folder) as listing:
        found = sorted(listing, key=lambda entry: entry.name)
    for entry in found:
        if is_ignored(entry.name):
            continue
        path = folder / entry.name
        info: os.stat_result | None = None
        try:
            if entry.is_file(follow_symlinks=False) and has_article_suffix(entry.name):
                info = entry.stat(follow_symlinks=False)
        except OSError:
            info = None  # it moved or vanished since the listing: the checks below say what it is now
        if info is not None:
            yield path, info
            continue
        reason = skip_reason(path, folder)
        yield (path, None) if reason is None else FileProblem(printable_name(entry.name), reason)


def read_entry(path: Path) -> bytes | FileProblem:
    """A corpus file's bytes (never more than the size limit allows), or why it cannot be read."""
    try:
        return read_bounded(path, MAX_ARTICLE_BYTES)
    except (EntryError, OSError) as error:
        log.info("corpus file %s not loaded: %s", printable_name(path.name), error)
        # People see the reason (Slack's /sources, reload replies): an OSError's text would name the full path.
        reason = f"could not be read: {error.strerror}" if isinstance(error, OSError) and error.strerror else str(error)
        return FileProblem(printable_name(path.name), reason)


def article_in(path: Path) -> Article | FileProblem:
    """The article in the file at ``path``, or why it cannot be read or used."""
    data = read_entry(path)
    return data if isinstance(data, FileProblem) else article_or_problem(path.name, data)


def article_or_problem(file_name: str, data: bytes) -> Article | FileProblem:
    """``parse_article``, with any failure turned into the problem the load report shows."""
    shown = printable_name(file_name)
    try:
        return parse_article(file_name, data)
    except ArticleError as error:
        # Reported in the load report (and the reload reply); an info line keeps the console uncluttered.
        log.info("corpus file %s not loaded: %s", shown, error)
        return FileProblem(shown, str(error))
    except Exception:
        # One file must never stop the others from loading, whatever goes wrong in it.
        log.exception("corpus file %s failed to load", shown)
        return FileProblem(shown, "could not be loaded: an unexpected error (see the bot's log)")


def with_unique_id(article: Article, owners: dict[str, str]) -> tuple[Article, FileProblem | None]:
    """``article`` with an id no earlier file in ``owners`` has (recorded there), and the collision if any."""
    collision = None
    if article.article_id in owners:
        taken_by = owners[article.article_id]
        article = replace(article, article_id=unique_id(article.file_name, owners))
        collision = FileProblem(
            printable_name(article.file_name),
            f"loaded as {article.article_id}, because {printable_name(taken_by)} has the id "
            f"{article_id_for(taken_by)}; rename one of them to choose its id",
            loaded=True,
        )
    owners[article.article_id] = article.file_name
    return article, collision


def read_article(path: Path) -> Article:
    """Read, validate and clean one article file (never reading more than the size limit allows)."""
    return parse_article(path.name, read_bounded(path, MAX_ARTICLE_BYTES))


def parse_article(file_name: str, data: bytes) -> Article:
    """Turn a file's bytes into an article, or raise ``ArticleError`` saying what is wrong with it."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"the file is {len(data):,} bytes; the limit is {MAX_ARTICLE_BYTES:,}")
    if _looks_utf16(data):
        raise ArticleError("the file is UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        raise ArticleError("the file is binary, not text")
    text = _html_text(data) if Path(file_name).suffix.lower() in HTML_SUFFIXES else _decode(data)
    if not text.strip():
        raise ArticleError("the file is empty")
    text = split_long_lines(strip_control(text.replace("\r\n", "\n").replace("\r", "\n")))
    try:
        meta, body = split_front_matter(text)
    except FrontMatterError as error:
        raise ArticleError(str(error)) from None
    cleaned = clean_article(body, title=meta.title, structured=meta.extracted is not None)
    if not cleaned.paragraphs:
        raise ArticleError("no article text is left once page furniture is removed")
    inferred = []
    title = meta.title or cleaned.title
    if meta.title is None:
        inferred.append("title")
        title = title or _first_words(cleaned.paragraphs[0])
    # A dateline's agency is the publisher; a byline before it names a reporter.
    source = meta.source or cleaned.agency or (cleaned.credits[0] if cleaned.credits else None)
    if meta.source is None:
        inferred.append("source")
        # A name may hold a newline or an undecodable byte: the source is shown on one line of every answer.
        source = source or printable_name(Path(file_name).stem)
    latest = date.today() + _LATEST_AHEAD
    if meta.published is not None and not EARLIEST_PUBLISHED <= meta.published <= latest:
        raise ArticleError(
            f"published date {meta.published.isoformat()} is outside {EARLIEST_PUBLISHED.isoformat()}"
            f" to {latest.isoformat()}; correct it or leave it out"
        )
    # A stamp outside the range is a misread or a placeholder, not the publication date.
    stamps = [d for d in cleaned.dates if EARLIEST_PUBLISHED <= d <= latest]
    published = meta.published or (stamps[0] if stamps else None) or _date_in_name(file_name, latest)
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


def _date_in_name(file_name: str, latest: date) -> date | None:
    """The date a file name starts with (``2016-12-09-ap-china.txt``), when it is a real day in range."""
    match = _NAME_DATE.match(file_name)
    if match is None:
        return None
    try:
        named = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return named if EARLIEST_PUBLISHED <= named <= latest else None


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


def split_long_lines(text: str, limit: int = MAX_LINE_CHARS) -> str:
    """``text`` with every line longer than ``limit`` split at its last space before the limit (else at it)."""
    if all(len(line) <= limit for line in text.split("\n")):
        return text
    out: list[str] = []
    for line in text.split("\n"):
        start = 0
        while len(line) - start > limit:
            cut = line.rfind(" ", start + limit // 2, start + limit + 1)
            cut = cut if cut > start else start + limit
            out.append(line[start:cut])
            start = cut
            while start < len(line) and line[start] == " ":
                start += 1
        out.append(line[start:])
    return "\n".join(out)


def _looks_utf16(data: bytes) -> bool:
    """Text in UTF-16: a byte-order mark followed by readable text, or a zero byte beside nearly every letter."""
    sample = data[:4000]
    half = len(sample) // 2
    if half >= 4 and (sample[1::2].count(0) > 0.9 * half or sample[0::2].count(0) > 0.9 * half):
        return True
    if sample[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        return False
    try:
        text = sample[: len(sample) // 2 * 2].decode("utf-16")
    except UnicodeDecodeError:
        return False
    # Readable text has spaces or line breaks in any script; random bytes after FF FE rarely decode to them.
    readable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return readable >= 0.95 * len(text) and any(c in text for c in " \n\u3000")


def _first_words(text: str) -> str:
    if len(text) <= _TITLE_FALLBACK_CHARS:
        return text
    return text[:_TITLE_FALLBACK_CHARS].rsplit(" ", 1)[0] + "…"
