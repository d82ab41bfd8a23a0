"""Parses an uploaded article in a child process with a time limit, so a runaway parse never stalls the bot.

Python's ``re`` holds the interpreter lock while it matches, so a pathological file parsed in a thread
still freezes the event loop (and a Discord heartbeat with it). A child process can be killed.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection

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
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_parse_and_send, args=(sender, file_name, data), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise ParseTimeout(f"parsing {file_name} took longer than {timeout:g} s")
        outcome, value = receiver.recv()
    except EOFError:
        raise RuntimeError(f"the parser of {file_name} stopped without an answer") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if outcome == "article":
        assert isinstance(value, Article)
        return value
    if outcome == "rejected":
        raise ArticleError(str(value))
    raise RuntimeError(f"the parser of {file_name} failed: {value}")


def _parse_and_send(sender: Connection, file_name: str, data: bytes) -> None:
    try:
        result: tuple[str, object] = ("article", parse_article(file_name, data))
    except ArticleError as error:
        result = ("rejected", str(error))
    except Exception as error:
        result = ("failed", repr(error))
    sender.send(result)
    sender.close()
