"""An interactive chat in the terminal over injectable streams, with the same commands as the chat platforms."""

from __future__ import annotations

import logging
import uuid
from typing import TextIO

from bot import messages
from bot.console.render import render_answer, render_reload, render_sources, render_timeline
from bot.core.service import QAService
from bot.errors import UserError

log = logging.getLogger(__name__)

_QUIT = {"/quit", "/exit", "/q"}


def parse_timeline_args(text: str) -> tuple[str | None, str | None, str | None]:
    """Split ``/timeline`` arguments: ``from:DATE`` and ``to:DATE`` anywhere, the rest is the topic."""
    start = end = None
    topic_words = []
    for word in text.split():
        key, colon, value = word.partition(":")
        if colon and key.lower() == "from":
            start = value
        elif colon and key.lower() == "to":
            end = value
        else:
            topic_words.append(word)
    return " ".join(topic_words) or None, start, end


class ConsoleChat:
    """Reads questions and commands line by line and writes the bot's replies."""

    def __init__(self, service: QAService, stdin: TextIO, stdout: TextIO, color: bool = False) -> None:
        self.service = service
        self.stdin = stdin
        self.stdout = stdout
        self.color = color
        self._last_question: str | None = None
        self._next_offset = 0

    def run(self) -> None:
        """Greet, then answer until end of input or /quit."""
        corpus = self.service.corpus
        passages = sum(corpus.passage_counts().values())
        self._write(messages.CONSOLE_WELCOME.format(articles=len(corpus.articles), passages=passages))
        interactive = self.stdin.isatty()
        while True:
            if interactive:
                self.stdout.write("> ")
                self.stdout.flush()
            line = self.stdin.readline()
            if not line:
                return
            reply = self.handle(line)
            if reply is None:
                return
            if reply:
                self._write(reply)

    def handle(self, line: str) -> str | None:
        """The reply to one input line; ``None`` means leave. Never raises for bad input."""
        text = line.strip()
        command, _, rest = text.partition(" ")
        try:
            if command in _QUIT:
                return None
            if not text:
                return ""
            if command == "/help":
                return messages.CONSOLE_HELP
            if command == "/sources":
                return render_sources(self.service.sources(), self.service.corpus.problems)
            if command == "/reload":
                return render_reload(self.service.reload())
            if command == "/timeline":
                topic, start, end = parse_timeline_args(rest)
                return render_timeline(self.service.timeline(topic, start, end), self.color)
            if command == "/more":
                return self._more()
            if command == "/ask":
                return self._ask(rest)
            if command.startswith("/"):
                return messages.CONSOLE_UNKNOWN_COMMAND.format(command=command)
            return self._ask(text)
        except UserError as error:
            return error.user_message
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception("console failed on input (ref %s)", ref)
            return messages.GENERIC_FAILURE.format(ref=ref)

    def _ask(self, question: str) -> str:
        answer = self.service.ask(question)
        self._last_question = answer.question
        self._next_offset = len(answer.quotes)
        return render_answer(answer, self.color)

    def _more(self) -> str:
        if self._last_question is None:
            return messages.CONSOLE_NOTHING_TO_CONTINUE
        answer = self.service.ask(self._last_question, offset=self._next_offset)
        self._next_offset += len(answer.quotes)
        return render_answer(answer, self.color)

    def _write(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()
