"""The console chat: questions, commands and bad input over real text streams."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from bot import messages
from bot.console.repl import ConsoleChat
from bot.core.admin.tools import AdminTools
from bot.core.answer.compose import AnswerPolicy
from bot.core.ingest.fetch import FetchPolicy
from bot.core.ingest.html import OUTSIDE_ARTICLE
from bot.core.service import QAService
from tests.fakes.pages import furniture_words


def _chat(service: QAService, lines: str, color: bool = False) -> str:
    out = io.StringIO()
    asyncio.run(ConsoleChat(service, io.StringIO(lines), out, color=color).run())
    return out.getvalue()


def test_question_shows_quote_and_source(service: QAService) -> None:
    """A plain line is a question: the reply is the quote, then "— source · title · date"."""
    out = _chat(service, "Who is Han Min-koo?\n")
    assert out.startswith("News Q&A console: 5 articles")
    assert "Han Min-koo" in out and "   — DW · Japan, South Korea agree to intelligence deal · 2016-11-14" in out


def test_best_sentence_is_bold_only_with_color(service: QAService) -> None:
    """ANSI bold marks the best sentence on a terminal and never in plain output."""
    assert "\x1b[1m" in _chat(service, "/ask What is GSOMIA?\n", color=True)
    assert "\x1b[" not in _chat(service, "/ask What is GSOMIA?\n", color=False)


def test_commands(service: QAService) -> None:
    """/help, /sources, unknown commands and blank lines each get the right reply."""
    out = _chat(service, "/help\n/sources\n/nope\n\n")
    assert "/timeline" in out and "/reload" in out and "5 articles:" in out
    assert messages.CONSOLE_UNKNOWN_COMMAND.format(command="/nope") in out


def test_more_continues_the_last_question(service: QAService) -> None:
    """/more numbers on from the first page and needs a question first."""
    out = _chat(service, "/more\nWhat did Japan and South Korea sign?\n/more\n")
    assert messages.CONSOLE_NOTHING_TO_CONTINUE in out
    assert "\n4. “" in out


def test_bad_questions_get_messages_and_the_chat_goes_on(service: QAService) -> None:
    """A too-long question and an unanswerable one get their messages; the next question is answered."""
    out = _chat(service, "x" * 600 + "\nWhich football team won the league?\nWhat is GSOMIA?\n")
    assert "600 characters long" in out
    assert messages.NOT_IN_CORPUS in out
    assert "General Security of Military Information Agreement" in out


def test_timeline_command_with_filters(service: QAService) -> None:
    """/timeline lists dated events; from:/to: narrow it and a bad date gets a message."""
    out = _chat(service, "/timeline from:2016-12 to:2017\n/timeline from:someday\n")
    assert "2016-12-16\n" in out and "2017\n  The next meeting is to be held next year in Tokyo." in out
    assert "2012\n" not in out
    assert "is not a date" in out


def test_timeline_command_draws_a_picture(service: QAService, tmp_path: Path) -> None:
    """/timeline png:FILE writes the picture of the events listed; a name that is not .png is refused with a reason."""
    picture = tmp_path / "gsomia.png"
    out = _chat(service, f"/timeline pact from:2016 png:{picture}\n/timeline png:{tmp_path / 'x.jpg'}\n")
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert f"to {picture}." in out and "2016-11-14" in out
    assert "ending in .png" in out and not (tmp_path / "x.jpg").exists()


def test_quit_stops_reading(service: QAService) -> None:
    """/quit ends the chat; lines after it are not read."""
    assert "GSOMIA" not in _chat(service, "/quit\nWhat is GSOMIA?\n").split("\n", 1)[1]


def test_reload_reports_changes(corpus_copy: Path) -> None:
    """/reload re-reads the folder and says what changed."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    next(corpus_copy.glob("*reuters*")).unlink()
    out = _chat(service, "/reload\n")
    assert "Reloaded: 4 articles" in out and "removed: 2016-11-14-reuters-preliminary-pact" in out


def test_reply_says_how_time_was_read(service: QAService) -> None:
    """A question about "last week" is answered with the week it was read as."""
    out = _chat(service, "What happened last week?\n")
    assert "Read “last week” as 14–20 November 2016" in out


async def test_corpus_add_link_and_refusal(news_site: str, corpus_copy: Path) -> None:
    """/corpus add URL fetches, saves and reports the page and its furniture; a refused link says why."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    admin = AdminTools(service, fetch_policy=FetchPolicy(allow_private=True))
    out = io.StringIO()
    lines = f"/corpus add {news_site}/story\n/corpus add {news_site}/image\n/corpus add ftp://example.com/a\n"
    await ConsoleChat(service, io.StringIO(lines), out, admin=admin).run()
    text = out.getvalue()
    name = "2016-11-23-harbour-times-seoul-and-tokyo-sign-intelligence-pact.txt"
    assert f"Added {name}: “Seoul and Tokyo sign intelligence pact” (Harbour Times)." in text
    assert f"Removed as page furniture: {furniture_words()}× {OUTSIDE_ARTICLE}, 1× headline." in text
    assert messages.FETCH_WRONG_TYPE.format(content_type="image/png") in text
    assert messages.FETCH_BAD_SCHEME.format(scheme="ftp") in text
    assert (corpus_copy / name).exists() and len(service.corpus.articles) == 6


def test_a_refused_question_lends_no_subject(service: QAService) -> None:
    """After an answer and a refused question, a follow-up leans on the answered one, not the refused one."""
    out = _chat(service, "Who is Han Min-koo?\nWhat's the weather in Paris?\nWhen did he sign it?\n")
    assert messages.FOLLOW_UP_OF.format(question="What's the weather in Paris?") not in out
    assert messages.FOLLOW_UP_OF.format(question="Who is Han Min-koo?") in out


def test_follow_up_leans_on_the_last_question(service: QAService) -> None:
    """After "Who is Han Min-koo?", "When did he sign it?" is read with Han as its subject, and says so."""
    out = _chat(service, "Who is Han Min-koo?\nWhen did he sign it?\n")
    follow_up = out.split(messages.FOLLOW_UP_OF.format(question="Who is Han Min-koo?"), 1)[1]
    assert "Nagamine signed the agreement" in follow_up
