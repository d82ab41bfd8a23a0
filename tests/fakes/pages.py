"""A small news site on 127.0.0.1 (aiohttp): one article page, and pages that break each of the fetcher's rules."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator

from aiohttp import web

# A page as news sites build them: navigation, a cookie banner and a share row around the article,
# related links and a footer after it, and the metadata in <head>.
STORY_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Seoul and Tokyo sign intelligence pact | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="og:title" content="Seoul and Tokyo sign intelligence pact">
<meta property="article:published_time" content="2016-11-23T09:30:00+09:00">
<meta name="author" content="Min-ji Park">
<link rel="canonical" href="https://news.example.com/world/2016/11/23/pact-signed">
</head>
<body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/video">Video</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Accept all cookies</a></div>
<main><article>
<h1>Seoul and Tokyo sign intelligence pact</h1>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email</a></div>
<p>South Korea and Japan signed a military intelligence-sharing pact on Wednesday, allowing the two neighbours
to exchange information on North Korea's nuclear and missile programmes directly for the first time.</p>
<p>The agreement was signed in Seoul by South Korean Defence Minister Han Min-koo and the Japanese ambassador,
Yasumasa Nagamine, after months of negotiations that opposition parties had tried to stop.</p>
<p>Opposition lawmakers said the deal had been rushed through while President Park Geun-hye faced an
impeachment vote, and they called on the defence minister to resign over the timing of the signing.</p>
<p>Officials in Tokyo said the first exchanges of classified information would begin within weeks, once secure
channels between the two defence ministries had been set up and tested by both sides.</p>
<p>The United States, which has troops stationed in both countries, welcomed the pact as a step that would
strengthen the three allies' ability to respond to missile launches from the North.</p>
</article>
<aside><h2>Most read</h2><ul>
<li><a href="/a">Stocks slip as oil prices fall</a></li><li><a href="/b">Ten recipes for the weekend</a></li>
</ul></aside></main>
<footer><p>© 2016 Harbour Times. All rights reserved.</p><a href="/terms">Terms of use</a></footer>
</body>
</html>
"""
_CLOSING = web.AppKey("closing", asyncio.Event)
BIG = 20_000


def furniture_words() -> int:
    """Words of STORY_HTML's page around its article: menus, banner, share row, most-read list, footer."""
    body = STORY_HTML.split("<body>")[1]
    article = re.search(r"<article>.*</article>", body, re.S)
    share = re.search(r'<div class="share">.*?</div>', body, re.S)
    assert article is not None and share is not None
    outside = body.replace(article.group(), "") + share.group()
    return len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", outside)))


SLOW_SECONDS = 2.0


async def _story(request: web.Request) -> web.Response:
    return web.Response(text=STORY_HTML, content_type="text/html", charset="utf-8")


async def _declared_big(request: web.Request) -> web.Response:
    return web.Response(body=b"<p>" + b"x" * BIG + b"</p>", content_type="text/html")


async def _streamed_big(request: web.Request) -> web.StreamResponse:
    """No Content-Length: the size only shows while reading."""
    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    for _ in range(BIG // 1000 + 1):
        await response.write(b"<p>" + b"y" * 1000 + b"</p>")
    await response.write_eof()
    return response


async def _odd_charset(request: web.Request) -> web.Response:
    """The story with a charset name no codec has, as misconfigured servers send."""
    return web.Response(body=STORY_HTML.encode(), headers={"Content-Type": "text/html; charset=utf8mb4"})


async def _image(request: web.Request) -> web.Response:
    return web.Response(body=b"\x89PNG\r\n\x1a\n", content_type="image/png")


async def _slow(request: web.Request) -> web.Response:
    """Answers after SLOW_SECONDS, or at once when the site shuts down, so a test never waits for it."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(request.app[_CLOSING].wait(), SLOW_SECONDS)
    return await _story(request)


async def _hop(request: web.Request) -> web.Response:
    """/hop/N redirects to /hop/N-1; /hop/0 is the story."""
    left = int(request.match_info["left"])
    if left == 0:
        return await _story(request)
    raise web.HTTPFound(f"/hop/{left - 1}")


async def _to_ftp(request: web.Request) -> web.Response:
    raise web.HTTPFound("ftp://127.0.0.1/story.html")


async def _host(request: web.Request) -> web.Response:
    """A page that shows the Host header it was asked with."""
    return web.Response(text=f"<html><body><p>Host: {request.host}</p></body></html>", content_type="text/html")


async def _missing(request: web.Request) -> web.Response:
    raise web.HTTPNotFound()


@contextlib.asynccontextmanager
async def serve_pages() -> AsyncIterator[str]:
    """Serve the site on a free port of 127.0.0.1; yields its base URL."""
    app = web.Application()
    app[_CLOSING] = asyncio.Event()
    app.router.add_get("/story", _story)
    app.router.add_get("/declared-big", _declared_big)
    app.router.add_get("/streamed-big", _streamed_big)
    app.router.add_get("/image", _image)
    app.router.add_get("/odd-charset", _odd_charset)
    app.router.add_get("/slow", _slow)
    app.router.add_get("/hop/{left}", _hop)
    app.router.add_get("/to-ftp", _to_ftp)
    app.router.add_get("/missing", _missing)
    app.router.add_get("/host", _host)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        app[_CLOSING].set()
        await runner.cleanup()
