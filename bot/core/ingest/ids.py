"""Article ids: readable slugs of file names, in any script, made unique within one corpus."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

# Anything that is not a letter or digit, in any script ("\w" is Unicode-aware; "_" counts as a separator).
_SEPARATORS = re.compile(r"[\W_]+")


def article_id_for(file_name: str) -> str:
    """A stable id from the file name: lower case, letters and digits of any script, words joined by hyphens."""
    stem = unicodedata.normalize("NFKC", Path(file_name).stem).casefold()
    return _SEPARATORS.sub("-", stem).strip("-") or "article"


def unique_id(file_name: str, taken: set[str] | dict[str, str]) -> str:
    """``file_name``'s id, with a suffix made from the file name itself when another file already has it.

    The suffix depends only on the name, so an id does not change when other files come and go.
    """
    base = article_id_for(file_name)
    if base not in taken:
        return base
    digest = hashlib.sha256(file_name.encode("utf-8", "surrogateescape")).hexdigest()
    for length in range(6, len(digest) + 1, 2):
        candidate = f"{base}-{digest[:length]}"
        if candidate not in taken:
            return candidate
    raise ValueError(f"no free id for {file_name!r}")  # 32 hex digits colliding: not on this planet


def claim_order(path: Path, info: os.stat_result | None = None) -> tuple[bool, float, str]:
    """Which of several files with one id keeps it: the one named as the id, then the oldest, then by name.

    An article added later under a name that folds to the same id must never take the id (and with it
    the stored passages and votes) from the article that had it. ``info`` is the file's status if known.
    """
    try:
        modified = (info or path.stat()).st_mtime
    except OSError:
        modified = float("inf")
    return path.stem != article_id_for(path.name), modified, path.name
