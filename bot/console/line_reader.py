"""Reads the console's input lines on a daemon thread, one per request; with line editing and history on a terminal.

A daemon thread (rather than the event loop's executor) is what lets Ctrl-C end the chat at once: leaving
``asyncio.run`` waits for executor threads, and one blocked in ``input()`` would wait for Enter.
"""

from __future__ import annotations

import asyncio
import queue
import sys
import threading
from typing import TextIO

PROMPT = "> "

_Request = tuple[asyncio.AbstractEventLoop, "asyncio.Future[str]"]


class LineReader:
    """``await readline()`` gives the next line ("" at end of input), read off the event loop."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self._stdin = stdin
        self._stdout = stdout
        self.interactive = stdin.isatty()
        # input() edits lines (arrow keys, history) through readline, but only on the process's own terminal.
        self._edits = self.interactive and stdin is sys.stdin and stdout is sys.stdout and _load_readline()
        self._requests: queue.Queue[_Request] = queue.Queue()
        self._thread: threading.Thread | None = None

    async def readline(self) -> str:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[str] = loop.create_future()
        if self._thread is None:
            self._thread = threading.Thread(target=self._serve, name="console-input", daemon=True)
            self._thread.start()
        self._requests.put((loop, future))
        return await future

    def _serve(self) -> None:
        while True:
            loop, future = self._requests.get()
            try:
                line = self._read_one()
            except (OSError, ValueError, UnicodeError):
                line = ""
            try:
                loop.call_soon_threadsafe(_settle, future, line)
            except RuntimeError:  # the loop has closed: nobody is waiting any more
                return

    def _read_one(self) -> str:
        if self._edits:
            try:
                return input(PROMPT) + "\n"
            except EOFError:
                return ""
        if self.interactive:
            self._stdout.write(PROMPT)
            self._stdout.flush()
        return self._stdin.readline()


def _settle(future: asyncio.Future[str], line: str) -> None:
    if not future.done():
        future.set_result(line)


def _load_readline() -> bool:
    try:
        import readline  # noqa: F401 - importing it is what gives input() editing and history
    except ImportError:  # not on every platform (Windows)
        return False
    return True
