"""The guarded fetcher against a real site on 127.0.0.1: a page arrives, and each rule refuses with its reason."""

from __future__ import annotations

import ipaddress

import pytest

from bot import messages
from bot.core.ingest.fetch import FetchPolicy, fetch_page, is_forbidden
from bot.errors import FetchError
from tests.fakes.pages import STORY_HTML

LOCAL = FetchPolicy(max_bytes=10_000, timeout_seconds=5.0, max_redirects=3, allow_private=True)


async def _refusal(url: str, policy: FetchPolicy = LOCAL) -> str:
    with pytest.raises(FetchError) as raised:
        await fetch_page(url, policy)
    return raised.value.user_message


async def test_page_is_fetched_with_its_charset(news_site: str) -> None:
    """With private addresses allowed, the loopback page arrives whole, with its declared charset."""
    page = await fetch_page(f"{news_site}/story", LOCAL)
    assert page.body == STORY_HTML.encode("utf-8")
    assert page.charset == "utf-8" and page.url == f"{news_site}/story"


async def test_unknown_charset_is_left_to_the_page(news_site: str) -> None:
    """A charset name no codec knows is dropped, so the page's own declaration is used instead of failing."""
    page = await fetch_page(f"{news_site}/odd-charset", LOCAL)
    assert page.charset is None and page.body == STORY_HTML.encode()


async def test_redirects_within_the_limit_are_followed(news_site: str) -> None:
    """Three redirects with a limit of three end at the page, and the final address is reported."""
    page = await fetch_page(f"{news_site}/hop/3", LOCAL)
    assert page.url == f"{news_site}/hop/0" and b"intelligence pact" in page.body


async def test_request_goes_to_the_checked_address_under_the_sites_name(news_site: str) -> None:
    """A host name is resolved and checked, the connection goes to that address, and the Host header keeps the name."""
    port = news_site.rsplit(":", 1)[1]
    page = await fetch_page(f"http://localhost:{port}/host", LOCAL)
    assert f"Host: localhost:{port}".encode() in page.body
    assert page.url == f"http://localhost:{port}/host"


async def test_private_address_is_refused_by_default(news_site: str) -> None:
    """Loopback is refused when private addresses are not allowed; the reason names the address."""
    message = await _refusal(f"{news_site}/story", FetchPolicy())
    assert message == messages.FETCH_PRIVATE_ADDRESS.format(host="127.0.0.1", address="127.0.0.1")


async def test_private_name_is_refused_after_resolving() -> None:
    """A host name is resolved and refused when it points inside (localhost is loopback)."""
    message = await _refusal("http://localhost:9/story", FetchPolicy())
    assert message.startswith("localhost is at ") and "private, loopback" in message


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/declared-big", messages.FETCH_TOO_BIG.format(limit=10_000)),
        ("/streamed-big", messages.FETCH_TOO_BIG.format(limit=10_000)),
        ("/image", messages.FETCH_WRONG_TYPE.format(content_type="image/png")),
        ("/hop/4", messages.FETCH_TOO_MANY_REDIRECTS.format(limit=3)),
        ("/to-ftp", messages.FETCH_BAD_SCHEME.format(scheme="ftp")),
        ("/missing", messages.FETCH_HTTP_STATUS.format(status=404, reason="Not Found")),
    ],
    ids=["too-large-declared", "too-large-streamed", "wrong-type", "too-many-redirects", "redirect-to-ftp", "404"],
)
async def test_each_rule_refuses_with_its_reason(news_site: str, path: str, expected: str) -> None:
    """Too large (by Content-Length or while streaming), not HTML, too many redirects, a bad hop, an error status."""
    assert await _refusal(news_site + path) == expected


async def test_slow_page_times_out(news_site: str) -> None:
    """A page slower than the timeout is abandoned with a message giving the limit."""
    policy = FetchPolicy(timeout_seconds=0.3, allow_private=True)
    assert await _refusal(f"{news_site}/slow", policy) == messages.FETCH_TIMEOUT.format(seconds=0.3)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("file:///etc/passwd", messages.FETCH_BAD_SCHEME.format(scheme="file")),
        ("ftp://example.com/story", messages.FETCH_BAD_SCHEME.format(scheme="ftp")),
        ("javascript:alert(1)", messages.FETCH_BAD_SCHEME.format(scheme="javascript")),
        ("not a link", messages.FETCH_BAD_URL.format(url="not a link")),
        ("https://", messages.FETCH_BAD_URL.format(url="https://")),
    ],
)
async def test_links_that_are_not_web_addresses_are_refused(url: str, expected: str) -> None:
    """Only http and https links with a host are fetched; nothing is requested for the others."""
    assert await _refusal(url) == expected


async def test_unknown_host_is_reported() -> None:
    """A name that does not resolve says so (the .invalid domain never resolves)."""
    assert await _refusal("https://no-such-site.invalid/story") == messages.FETCH_UNRESOLVED.format(
        host="no-such-site.invalid"
    )


@pytest.mark.parametrize(
    ("address", "forbidden"),
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),  # cloud metadata service: link-local
        ("100.64.0.1", True),  # carrier-grade NAT
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("240.0.0.1", True),
        ("::1", True),
        ("fe80::1", True),
        ("fc00::1", True),
        ("::ffff:127.0.0.1", True),  # IPv4-mapped loopback
        ("93.184.215.14", False),
        ("2606:4700::6810:85e5", False),
        ("::ffff:8.8.8.8", False),
    ],
)
def test_address_classes(address: str, forbidden: bool) -> None:
    """Every address off the public internet is forbidden, however it is written."""
    assert is_forbidden(ipaddress.ip_address(address)) is forbidden
