"""Packed (compressed) pages: unpacked within the size limit, a bomb refused without being held in memory."""

from __future__ import annotations

import functools
import gzip
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiohttp import web

from bot import messages
from bot.core.ingest.fetch import FetchPolicy, fetch_page
from bot.errors import FetchError
from tests.fakes.loopback import serve_on_loopback

PAGE = b"<html><body><p>The pact was signed in Seoul on Wednesday, the ministry said.</p></body></html>"


@functools.cache
def _bomb(megabytes: int = 100) -> bytes:
    """Gzip of ``megabytes`` MB of one letter: about a thousandth of that, packed a megabyte at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    letters = b"a" * 1_000_000
    return b"".join([packer.compress(b"<html><body>"), *(packer.compress(letters) for _ in range(megabytes))]) + (
        packer.flush()
    )


POLICY = FetchPolicy(max_bytes=1_000_000, timeout_seconds=10.0, allow_private=True)


def _packed(body: bytes, encoding: str) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """A handler sending ``body`` as an HTML page packed as ``encoding``."""

    async def handler(_: web.Request) -> web.StreamResponse:
        return web.Response(body=body, headers={"Content-Type": "text/html", "Content-Encoding": encoding})

    return handler


@pytest.fixture
async def packing_site() -> AsyncIterator[str]:
    """A site on 127.0.0.1 sending gzip, a gzip bomb, deflate (not asked for) and broken gzip."""
    app = web.Application()
    app.router.add_get("/gzip", _packed(gzip.compress(PAGE), "gzip"))
    app.router.add_get("/bomb", _packed(_bomb(), "gzip"))
    app.router.add_get("/deflate", _packed(zlib.compress(PAGE), "deflate"))
    app.router.add_get("/broken", _packed(b"not gzip at all", "gzip"))
    runner, base_url = await serve_on_loopback(app)
    yield base_url
    await runner.cleanup()


async def test_gzip_page_arrives_unpacked(packing_site: str) -> None:
    """A page sent with gzip (the one packing the bot asks for) arrives as the page itself."""
    assert (await fetch_page(f"{packing_site}/gzip", POLICY)).body == PAGE


async def test_gzip_bomb_is_refused_within_the_limit(packing_site: str) -> None:
    """100 KB that unpacks to 100 MB is refused as too big; unpacking never holds much more than the limit."""
    tracemalloc.start()
    try:
        with pytest.raises(FetchError) as raised:
            await fetch_page(f"{packing_site}/bomb", POLICY)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert raised.value.user_message == messages.FETCH_TOO_BIG.format(limit=1_000_000)
    assert peak < 10_000_000


@pytest.mark.parametrize(("path", "encoding"), [("/deflate", "deflate"), ("/broken", "gzip")])
async def test_packing_the_bot_cannot_read_is_refused(packing_site: str, path: str, encoding: str) -> None:
    """A packing not asked for, or gzip that does not unpack, gets a message naming it."""
    with pytest.raises(FetchError) as raised:
        await fetch_page(f"{packing_site}{path}", POLICY)
    assert raised.value.user_message == messages.FETCH_BAD_ENCODING.format(encoding=encoding)
