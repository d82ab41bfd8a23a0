"""Checks an article's URL before it is ever shown as a link: http(s), a real host, nothing that breaks markup."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_URL_CHARS = 2000
# Whitespace, controls, and the characters that end or open markup around a link: <>[]{}"'`\ and |.
_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f<>\[\]{}\"'`\\|^]")
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


class UrlError(ValueError):
    """The URL cannot be shown as a link; the message says why."""


def check_url(value: str) -> str:
    """``value`` if it is a plain http(s) URL with a real host name; ``UrlError`` saying what is wrong otherwise."""
    if not value.startswith(("http://", "https://")):
        raise UrlError(f"url {value[:80]!r} does not start with http:// or https://")
    if len(value) > MAX_URL_CHARS:
        raise UrlError(f"url is {len(value):,} characters long; the limit is {MAX_URL_CHARS:,}")
    bad = _FORBIDDEN.search(value)
    if bad:
        raise UrlError(f"url {value[:80]!r} contains {bad.group()!r}, which a web address cannot hold unencoded")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise UrlError(f"url {value[:80]!r} is not a web address") from None
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except UnicodeError:
        raise UrlError(f"url {value[:80]!r} has no real host name") from None
    labels = host.rstrip(".").split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        raise UrlError(f"url {value[:80]!r} has no real host name")
    return value


def web_url(value: str | None) -> str | None:
    """``value`` when it passes ``check_url``, else None."""
    if value is None:
        return None
    try:
        return check_url(value)
    except UrlError:
        return None
