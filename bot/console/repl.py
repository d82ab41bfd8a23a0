"""An interactive chat in the terminal over injectable streams, with the same commands as the chat platforms."""

from __future__ import annotations

import asyncio
import logging
import uuid
from pathlib import Path
from typing import TextIO

from bot import messages
from bot.arguments import parse_timeline_args, split_png_option
from bot.console.line_reader import LineReader
from bot.console.progress import ProgressLine
from bot.console.render import render_answer, render_reload, render_sources, render_stats, render_timeline
from bot.core.admin.corpus_admin import AddedArticle
from bot.core.admin.tools import AdminTools, parse_stats_days
from bot.core.control_chars import strip_control
from bot.core.ingest.entries import EntryError, read_bounded
from bot.core.models import ReloadReport
from bot.core.service import Asker, QAService
from bot.core.timeline.labels import timeline_title
from bot.errors import UserError

log = logging.getLogger(__name__)

_QUIT = {"/quit", "/exit", "/q"}
_CONSOLE = Asker(platform="console", user_id="local")


class ConsoleChat:
    """Reads questions and commands line by line and writes the bot's replies."""

    def __init__(
        self, service: QAService, stdin: TextIO, stdout: TextIO, color: bool = False, admin: AdminTools | None = None
    ) -> None:
        self.service = service
        self.admin = admin or AdminTools(service)
        self.stdin = stdin
        self.stdout = stdout
        self.color = color
        self._last_question: str | None = None
        # The last question that named its own subject: what a short follow-up ("and Japan?") is about.
        self._subject: str | None = None
        self._last_context: str | None = None
        self._next_offset = 0

    async def run(self) -> None:
        """Greet, then answer until end of input or /quit."""
        corpus = self.service.corpus
        passages = sum(corpus.passage_counts().values())
        self._write(messages.CONSOLE_WELCOME.format(articles=len(corpus.articles), passages=passages))
        reader = LineReader(self.stdin, self.stdout)
        while True:
            # Reading blocks; a thread keeps the event loop (and the database writer) running meanwhile.
            line = await reader.readline()
            if not line:
                if reader.interactive:
                    self._write("")  # Ctrl-D: leave the shell's prompt on a line of its own
                return
            reply = await self.handle(line)
            if reply is None:
                return
            if reply:
                self._write(reply)

    async def handle(self, line: str) -> str | None:
        """The reply to one input line; ``None`` means leave. Never raises for bad input."""
        # Replies echo parts of the line (an unknown command, a bad /stats value): no escape may reach the terminal.
        text = strip_control(line).strip()
        command, _, rest = text.partition(" ")
        try:
            if command in _QUIT:
                return None
            if not text:
                # A line of nothing but control characters was sent as something: say it was empty.
                return messages.EMPTY_QUESTION if line.strip() else ""
            return await self._dispatch(command, rest.strip(), text)
        except UserError as error:
            return error.user_message
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception("console failed on input (ref %s)", ref)
            return messages.GENERIC_FAILURE.format(ref=ref)

    async def _dispatch(self, command: str, rest: str, text: str) -> str:
        if command == "/help":
            return messages.CONSOLE_HELP
        if command == "/sources":
            return render_sources(self.service.sources(), self.service.corpus.problems)
        if command == "/timeline":
            rest, picture = split_png_option(rest)
            topic, start, end = parse_timeline_args(rest)
            events = self.service.timeline(topic, start, end)
            shown = render_timeline(events, self.color)
            if picture is None:
                return shown
            from bot.charts import write_timeline_png  # matplotlib loads only when a picture is asked for

            drawn = await asyncio.to_thread(write_timeline_png, events, picture, timeline_title(topic, start, end))
            return f"{shown}\n{drawn}"
        if command == "/reload":
            progress = ProgressLine(self.stdout)
            report = await self.service.reload_async("console", progress)
            progress.finish()
            return render_reload(report)
        if command == "/stats":
            return render_stats(await self.admin.stats(parse_stats_days(rest)))
        if command == "/corpus":
            return await self._corpus(rest)
        if command == "/more":
            return await self._more()
        if command == "/ask":
            return await self._ask(rest)
        if command.startswith("/"):
            return messages.CONSOLE_UNKNOWN_COMMAND.format(command=command)
        return await self._ask(text)

    async def _corpus(self, rest: str) -> str:
        action, _, argument = rest.partition(" ")
        if action == "list":
            return render_sources(self.service.sources(), self.service.corpus.problems)
        if action == "add" and argument:
            added, report, _ = await self._add(argument.strip())
            article = added.article
            lines = [messages.CORPUS_ADDED.format(name=added.file_name, title=article.title, source=article.source)]
            if added.removed_kinds:
                kinds = ", ".join(f"{count}× {kind}" for kind, count in added.removed_kinds)
                lines.append(messages.CORPUS_REMOVED_FURNITURE.format(kinds=kinds))
            return "\n".join([*lines, render_reload(report)])
        if action == "remove" and argument:
            file_name, report = await self.admin.remove_article(argument.strip(), "console")
            return messages.CORPUS_REMOVED.format(name=file_name) + "\n" + render_reload(report)
        return messages.CONSOLE_CORPUS_USAGE

    async def _add(self, argument: str) -> tuple[AddedArticle, ReloadReport, int]:
        """Add a link (``https://…``) or a file path."""
        if "://" in argument:
            return await self.admin.add_link(argument, "console")
        path = Path(argument)
        try:
            # Bounded: a huge file or a device such as /dev/zero is refused, never read whole.
            data = await asyncio.to_thread(read_bounded, path, self.admin.upload_limit(path.name))
        except EntryError as error:
            raise UserError(messages.CONSOLE_CANNOT_READ.format(path=path, reason=error)) from None
        except OSError as error:
            raise UserError(messages.CONSOLE_CANNOT_READ.format(path=path, reason=error.strerror or error)) from None
        return await self.admin.add_article(path.name, data, "console")

    async def _ask(self, question: str) -> str:
        answer = await self.service.ask_async(question, asker=_CONSOLE, context=self._subject)
        self._last_question = answer.question
        self._last_context = answer.context
        if answer.answered:  # a refused question has no subject to carry, as on Slack
            self._subject = answer.context or answer.question
        self._next_offset = len(answer.quotes)
        return render_answer(answer, self.color)

    async def _more(self) -> str:
        if self._last_question is None:
            return messages.CONSOLE_NOTHING_TO_CONTINUE
        answer = await self.service.ask_async(self._last_question, offset=self._next_offset, context=self._last_context)
        self._next_offset += len(answer.quotes)
        return render_answer(answer, self.color)

    def _write(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()
