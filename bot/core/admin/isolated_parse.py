"""Parses uploads and extracts web pages in a child process with a time limit, so a runaway parse never stalls the bot.

Python's ``re`` holds the interpreter lock while it matches, so a pathological file parsed in a thread
still freezes the event loop (and a Discord heartbeat with it). A child process can be killed.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection

from bot.core.ingest.html import ExtractedPage, ExtractionError, extract_page
from bot.core.ingest.read import ArticleError, parse_article
from bot.core.models import Article

# forkserver: children fork from a small clean server process, never from the bot's threads (safe, and fast
# once the server has imported the parser).
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["bot.core.ingest.read"])


class ParseTimeout(Exception):
    """The parse took longer than its limit and was stopped."""


def parse_in_child(file_name: str, data: bytes, timeout: float) -> Article:
    """``parse_article`` in a child process; ``ParseTimeout`` when it runs over ``timeout`` seconds.

    ``ArticleError`` from the child is raised again here; any other failure in it is a ``RuntimeError``.
    """
    article = _call_in_child(parse_article, (file_name, data), file_name, timeout, ArticleError)
    assert isinstance(article, Article)
    return article


def extract_page_in_child(html: bytes | str, url: str | None, name: str, timeout: float) -> ExtractedPage:
    """``extract_page`` (trafilatura on an untrusted page) in a child process, under the same rules.

    ``ExtractionError`` from the child is raised again here; ``ParseTimeout`` past ``timeout`` seconds.
    """
    page = _call_in_child(extract_page, (html, url, True), name, timeout, ExtractionError)
    assert isinstance(page, ExtractedPage)
    return page


def _call_in_child(
    function: Callable[..., object], args: tuple[object, ...], name: str, timeout: float, rejected: type[ValueError]
) -> object:
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_call_and_send, args=(sender, function, args), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise ParseTimeout(f"parsing {name} took longer than {timeout:g} s")
        outcome, value = receiver.recv()
    except EOFError:
        raise RuntimeError(f"the parser of {name} stopped without an answer") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if outcome == "done":
        return value
    if outcome == "rejected":
        raise rejected(str(value))
    raise RuntimeError(f"the parser of {name} failed: {value}")


def _call_and_send(sender: Connection, function: Callable[..., object], args: tuple[object, ...]) -> None:
    try:
        result: tuple[str, object] = ("done", function(*args))
    except (ArticleError, ExtractionError) as error:
        result = ("rejected", str(error))
    except Exception as error:
        result = ("failed", repr(error))
    sender.send(result)
    sender.close()
