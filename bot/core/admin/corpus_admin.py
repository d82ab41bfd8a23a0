"""Adding and removing article files from chat: validated content, safe file names, atomic writes."""

from __future__ import annotations

import os
import re
import tempfile
import threading
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from bot import messages
from bot.core.admin.isolated_parse import ParseTimeout, parse_in_child
from bot.core.ingest.entries import ARTICLE_SUFFIXES, is_article_file, is_ignored
from bot.core.ingest.ids import article_id_for
from bot.core.ingest.read import ArticleError
from bot.core.models import Article
from bot.errors import UserError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME_CHARS = 100
PARSE_SECONDS = 20.0
# One corpus change at a time: checking a name is free and placing the file must not interleave.
_CHANGES = threading.Lock()


@dataclass(frozen=True)
class AddedArticle:
    """What an upload became: the article, its file, and what cleaning took out."""

    article: Article
    file_name: str
    removed_kinds: tuple[tuple[str, int], ...]


def safe_file_name(name: str) -> str:
    """A plain file name inside the corpus folder: no folders, no hidden files, only .txt/.md, never README.md."""
    base = PureWindowsPath(PurePosixPath(name).name).name  # drops "../", "a/b/" and "C:\\x\\"
    stem, dot, suffix = base.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if suffix not in ARTICLE_SUFFIXES:
        raise UserError(messages.CORPUS_BAD_TYPE.format(name=name[:80]))
    stem = _UNSAFE.sub("-", stem).strip("-.")
    if not stem:
        raise UserError(messages.CORPUS_BAD_NAME.format(name=name[:80]))
    file_name = stem[: MAX_NAME_CHARS - len(suffix)] + suffix
    if is_ignored(file_name):
        raise UserError(messages.CORPUS_IGNORED_NAME.format(name=file_name))
    return file_name


def write_article(
    folder: Path,
    name: str,
    data: bytes,
    max_bytes: int,
    taken_ids: Collection[str] = (),
    parse_seconds: float = PARSE_SECONDS,
) -> AddedArticle:
    """Validate ``data`` as an article and write it to ``folder`` under a safe name, all or nothing.

    Refused: a name whose article id another file (or ``taken_ids``, the loaded corpus) already has, and a
    file whose parse runs over ``parse_seconds`` (parsed in a child process, so the bot keeps running).
    """
    if len(data) > max_bytes:
        raise UserError(messages.CORPUS_TOO_BIG.format(size=len(data), limit=max_bytes))
    file_name = safe_file_name(name)
    _check_id_free(folder, file_name, taken_ids)
    try:
        article = parse_in_child(file_name, data, parse_seconds)
    except ArticleError as error:
        raise UserError(messages.CORPUS_REJECTED.format(name=file_name, reason=error)) from None
    except ParseTimeout:
        raise UserError(messages.CORPUS_PARSE_TIMEOUT.format(name=file_name, seconds=parse_seconds)) from None
    with _CHANGES:
        _check_id_free(folder, file_name, taken_ids)
        _place(folder, file_name, data)
    removed = Counter(r.reason for r in article.removed)
    return AddedArticle(article, file_name, tuple(removed.most_common()))


def _check_id_free(folder: Path, file_name: str, taken_ids: Collection[str]) -> None:
    article_id = article_id_for(file_name)
    for path in folder.iterdir():
        if path.name == file_name or (is_article_file(path) and article_id_for(path.name) == article_id):
            raise UserError(messages.CORPUS_EXISTS.format(name=file_name, other=path.name, id=article_id))
    if article_id in taken_ids:
        raise UserError(messages.CORPUS_EXISTS.format(name=file_name, other="a loaded article", id=article_id))


def _place(folder: Path, file_name: str, data: bytes) -> None:
    """Write to a temporary file, then link it into place: a reload never sees half a file, and the link
    fails if the name exists (two uploads of one name cannot both succeed)."""
    target = folder / file_name
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise UserError(messages.CORPUS_EXISTS.format(name=file_name, other=file_name, id=file_name)) from None
        except OSError:
            # A file system without hard links: create the name exclusively instead ("x" fails if it exists).
            try:
                with target.open("xb") as out:
                    out.write(data)
            except FileExistsError:
                raise UserError(messages.CORPUS_EXISTS.format(name=file_name, other=file_name, id=file_name)) from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def delete_article(folder: Path, file_name: str) -> str:
    """Remove the article file ``file_name`` from ``folder`` (only a file the loader reads); returns its name."""
    path = folder / file_name
    if path.parent != folder or not is_article_file(path):
        raise UserError(messages.CORPUS_NO_SUCH_ARTICLE.format(name=file_name[:80]))
    path.unlink()
    return path.name
