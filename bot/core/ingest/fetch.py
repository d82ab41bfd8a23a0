"""Fetches a page for the corpus, refusing other schemes, inner addresses, wrong types and huge or slow pages.

Every hop (the link and each redirect) is checked the same way: http or https, a host whose every
address is public (unless ``allow_private``), and the connection goes to the address that was checked,
so a name that resolves differently a moment later (DNS rebinding) cannot point the request elsewhere.
Every refusal is a ``FetchError`` whose message says why.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import ipaddress
import logging
import socket
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

from bot import messages
from bot.errors import FetchError

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_URL_CHARS = 2000
_HEADERS = {
    "User-Agent": "news-qa-bot/0.1 (adds one article page to a question-answering corpus)",
    "Accept": "text/html,application/xhtml+xml;q=0.9",
    # The one compression the reader below unpacks itself, within the size limit.
    "Accept-Encoding": "gzip",
}
_GZIP = ("gzip", "x-gzip")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """The limits every fetch obeys (from the ``BOT_FETCH_*`` settings)."""

    max_bytes: int = 5_000_000
    timeout_seconds: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A page's bytes, the address it was finally read from, and the charset the server declared."""

    url: str
    body: bytes
    charset: str | None


async def fetch_page(url: str, policy: FetchPolicy) -> FetchedPage:
    """Fetch ``url`` as an HTML page within ``policy``, or raise ``FetchError`` saying why not."""
    try:
        async with asyncio.timeout(policy.timeout_seconds):
            return await _fetch(_parse(url), policy)
    except (TimeoutError, httpx.TimeoutException):
        raise FetchError(messages.FETCH_TIMEOUT.format(seconds=policy.timeout_seconds)) from None


async def _fetch(url: httpx.URL, policy: FetchPolicy) -> FetchedPage:
    timeout = httpx.Timeout(policy.timeout_seconds)
    # trust_env=False: a proxy from the environment would make the address checks meaningless.
    async with httpx.AsyncClient(follow_redirects=False, trust_env=False, timeout=timeout, headers=_HEADERS) as client:
        for _ in range(policy.max_redirects + 1):
            addresses = await _checked_addresses(url, policy.allow_private)
            try:
                async with _connected(client, url, addresses) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        url = _next_hop(url, response.headers["location"])
                        continue
                    return await _read_page(url, response, policy.max_bytes)
            except httpx.TimeoutException:
                raise
            except httpx.HTTPError as error:
                log.info("fetching %s failed: %r", url, error)
                raise FetchError(messages.FETCH_UNREACHABLE.format(host=url.host)) from None
    raise FetchError(messages.FETCH_TOO_MANY_REDIRECTS.format(limit=policy.max_redirects))


@contextlib.asynccontextmanager
async def _connected(
    client: httpx.AsyncClient, url: httpx.URL, addresses: list[IPAddress]
) -> AsyncIterator[httpx.Response]:
    """The response from the first checked address that accepts a connection (a name may have several)."""
    failure: httpx.ConnectError | None = None
    for address in addresses:
        request = client.build_request(
            "GET", _pinned(url, address), headers={"Host": _host_header(url)},
            extensions={"sni_hostname": _ascii_host(url)},
        )  # fmt: skip
        try:
            response = await client.send(request, stream=True)
        except httpx.ConnectError as error:
            failure = error
            continue
        try:
            yield response
        finally:
            await response.aclose()
        return
    assert failure is not None
    raise failure


def _parse(text: str) -> httpx.URL:
    """A link worth checking further: http or https, with a host."""
    text = text.strip()
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, TypeError):
        raise FetchError(messages.FETCH_BAD_URL.format(url=text[:100])) from None
    if url.scheme and url.scheme not in ("http", "https"):
        raise FetchError(messages.FETCH_BAD_SCHEME.format(scheme=url.scheme[:20]))
    if not url.scheme or not url.host or len(text) > _MAX_URL_CHARS:
        raise FetchError(messages.FETCH_BAD_URL.format(url=text[:100]))
    return url


def _next_hop(url: httpx.URL, location: str) -> httpx.URL:
    try:
        return _parse(str(url.join(location)))
    except httpx.InvalidURL:
        raise FetchError(messages.FETCH_BAD_REDIRECT) from None


async def _checked_addresses(url: httpx.URL, allow_private: bool) -> list[IPAddress]:
    """The addresses to connect to: every address of the host must be allowed, not just the first."""
    addresses = await _resolve(_ascii_host(url), url.port or (443 if url.scheme == "https" else 80))
    if not allow_private:
        for address in addresses:
            if is_forbidden(address):
                raise FetchError(messages.FETCH_PRIVATE_ADDRESS.format(host=url.host, address=address))
    return addresses


async def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(messages.FETCH_UNRESOLVED.format(host=host)) from None
    # Each address once, in the resolver's order; a zone ("fe80::1%eth0") does not change what an address is.
    addresses = list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).partition("%")[0]) for info in infos))
    if not addresses:
        raise FetchError(messages.FETCH_UNRESOLVED.format(host=host))
    return addresses


def is_forbidden(address: IPAddress) -> bool:
    """Loopback, private, link-local, shared, reserved, multicast or unspecified: not the public internet."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def _ascii_host(url: httpx.URL) -> str:
    """The host as it goes on the wire: ``xn--bcher-kva.de`` for ``bücher.de``."""
    return url.raw_host.decode("ascii")


def _pinned(url: httpx.URL, address: IPAddress) -> httpx.URL:
    """The same request sent to the checked address; the Host header and TLS name stay the site's."""
    return url.copy_with(host=str(address))


def _host_header(url: httpx.URL) -> str:
    """The host (IDNA-encoded, an IPv6 address in brackets) and any port other than the scheme's default."""
    return url.netloc.decode("ascii")


async def _read_page(url: httpx.URL, response: httpx.Response, max_bytes: int) -> FetchedPage:
    if not response.is_success:
        raise FetchError(messages.FETCH_HTTP_STATUS.format(status=response.status_code, reason=response.reason_phrase))
    content_type = response.headers.get("content-type", "")
    media_type = content_type.partition(";")[0].strip().lower()
    if media_type not in HTML_TYPES:
        shown = media_type[:60] or "no content type"
        raise FetchError(messages.FETCH_WRONG_TYPE.format(content_type=shown))
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(messages.FETCH_TOO_BIG.format(limit=max_bytes))
    return FetchedPage(str(url), await _read_body(response, max_bytes), _known_charset(response.charset_encoding))


async def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
    """The page's bytes, unpacked a bounded piece at a time and counted as they come.

    httpx would unpack each network chunk whole: 64 KB of gzip can hold 64 MB, all in memory before
    any count sees it. Here no piece is unpacked beyond what the limit still allows.
    """
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity", *_GZIP):
        raise FetchError(messages.FETCH_BAD_ENCODING.format(encoding=encoding[:40]))
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding in _GZIP else None
    body = bytearray()
    async for raw in response.aiter_raw():
        data = raw
        while data:
            try:
                body += unpacker.decompress(data, max_bytes + 1 - len(body)) if unpacker else data
            except zlib.error:
                raise FetchError(messages.FETCH_BAD_ENCODING.format(encoding=encoding)) from None
            if len(body) > max_bytes:
                raise FetchError(messages.FETCH_TOO_BIG.format(limit=max_bytes))
            data = unpacker.unconsumed_tail if unpacker else b""
    return bytes(body)


def _known_charset(name: str | None) -> str | None:
    """The declared charset if Python can decode it; else None, and the page's own <meta> declaration decides."""
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None
