"""The same question gets the same quotes, in the same order, on Slack, Discord and the console."""

from __future__ import annotations

import io
import json
import re

from bot.console.repl import ConsoleChat
from bot.discord.commands import answer_message as discord_answer
from bot.discord.commands import strip_mentions
from tests.conftest import REPO
from tests.test_slack.conftest import Connected
from tests.test_slack.payloads import event_callback, mention

QUESTIONS = [
    json.loads(line)["question"]
    for line in (REPO / "tests" / "data" / "dev_questions.jsonl").read_text(encoding="utf-8").splitlines()[:8]
]


def _plain(text: str) -> str:
    return " ".join(text.replace("\u200b", "").split())


def console_bold(reply: str) -> list[str]:
    return [_plain(s) for s in re.findall(r"\x1b\[1m(.*?)\x1b\[0m", reply, re.DOTALL)]


def discord_bold(description: str) -> list[str]:
    found = re.findall(r"(?<!\\)\*\*(.+?)(?<!\\)\*\*", description, re.DOTALL)
    return [_plain(re.sub(r"\\(.)", r"\1", s)) for s in found]


def slack_bold(blocks: list[dict]) -> list[str]:
    quotes = [b["text"]["text"] for b in blocks if b["type"] == "section" and b["text"]["text"].startswith(">")]
    bold = [" ".join(re.findall(r"\*([^*\n]+)\*", q)) for q in quotes]
    return [_plain(s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")) for s in bold]


async def test_same_question_same_quotes_everywhere(slack: Connected) -> None:
    """For each dev question, as typed on each platform, the quoted passages' bold sentences match in order."""
    console = ConsoleChat(slack.service, io.StringIO(), io.StringIO(), color=True)
    for n, question in enumerate(QUESTIONS):
        expected = slack.service.ask(question)
        bold = [_plain(q.best_sentence_text) for q in expected.quotes]
        # One person each: the per-person cooldown would refuse the sixth question of one asker.
        await slack.fake.send_envelope(
            "events_api", event_callback(mention(question, user=f"U0ASKER{n}", ts=f"1700000300.{n:06d}"))
        )
        reply = (await slack.fake.wait_for_replies(n + 1))[n]
        on_console = await console.handle(question)
        on_discord = discord_answer(slack.service.ask(strip_mentions(f"<@900000000000000002> {question}")))
        assert on_console is not None and "embed" in on_discord, question
        assert slack_bold(reply.body["blocks"]) == bold, question
        assert discord_bold(on_discord["embed"].description) == bold, question
        assert console_bold(on_console) == bold, question
