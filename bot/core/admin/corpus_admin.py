"""Adding and removing article files from chat: validated content, safe file names, atomic writes."""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from bot import messages
from bot.core.ingest.read import ARTICLE_SUFFIXES, ArticleError, article_id_for, parse_article
from bot.core.models import Article
from bot.errors import UserError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME_CHARS = 100


@dataclass(frozen=True)
class AddedArticle:
    """What an upload became: the article, its file, and what cleaning took out."""

    article: Article
    file_name: str
    removed_kinds: tuple[tuple[str, int], ...]


def safe_file_name(name: str) -> str:
    """A plain file name inside the corpus folder: no folders, no hidden files, only .txt/.md."""
    base = PureWindowsPath(PurePosixPath(name).name).name  # drops "../", "a/b/" and "C:\\x\\"
    stem, dot, suffix = base.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if suffix not in ARTICLE_SUFFIXES:
        raise UserError(messages.CORPUS_BAD_TYPE.format(name=name[:80]))
    stem = _UNSAFE.sub("-", stem).strip("-.")
    if not stem:
        raise UserError(messages.CORPUS_BAD_NAME.format(name=name[:80]))
    return stem[: MAX_NAME_CHARS - len(suffix)] + suffix


def write_article(folder: Path, name: str, data: bytes, max_bytes: int) -> AddedArticle:
    """Validate ``data`` as an article and write it to ``folder`` under a safe name, all or nothing."""
    if len(data) > max_bytes:
        raise UserError(messages.CORPUS_TOO_BIG.format(size=len(data), limit=max_bytes))
    file_name = safe_file_name(name)
    target = folder / file_name
    if target.exists() or any(p.stem.lower() == target.stem.lower() for p in folder.iterdir()):
        raise UserError(messages.CORPUS_EXISTS.format(name=file_name))
    try:
        article = parse_article(file_name, data)
    except ArticleError as error:
        raise UserError(messages.CORPUS_REJECTED.format(name=file_name, reason=error)) from None
    # Write to a temporary file and rename, so a reload never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise
    removed = Counter(r.reason for r in article.removed)
    return AddedArticle(article, file_name, tuple(removed.most_common()))


def delete_article(folder: Path, article_id: str) -> str:
    """Remove the file of ``article_id`` from ``folder``; returns its name."""
    for path in folder.iterdir():
        if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES and article_id_for(path.name) == article_id:
            path.unlink()
            return path.name
    raise UserError(messages.CORPUS_NO_SUCH_ARTICLE.format(name=article_id[:80]))
