"""Mentions, DMs and /ask over Socket Mode: answered where they were asked, once, and never by the bot to itself."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.slack.runner import running_slack
from tests.fakes.slack_api import BOT_ID, BOT_USER_ID, CHANNEL_ID, DM_ID, MEMBER_ID, FakeSlack
from tests.test_slack.conftest import Connected, socket_config
from tests.test_slack.payloads import buttons_of, direct_message, event_callback, mention, slash_command

QUESTION = "Who is Han Min-koo?"


async def test_mention_is_answered_in_its_thread(slack: Connected) -> None:
    """A mention is acknowledged at once and answered with quotes in a thread on the message."""
    envelope = await slack.fake.send_envelope("events_api", event_callback(mention(QUESTION, ts="1700000009.000200")))
    await slack.fake.acknowledged(envelope)
    assert envelope.ack_seconds is not None and envelope.ack_seconds < 3
    [reply] = await slack.fake.wait_for_replies()
    assert reply.method == "chat.postMessage"
    assert (reply.body["channel"], reply.body["thread_ts"]) == (CHANNEL_ID, "1700000009.000200")
    expected = slack.service.ask(QUESTION)
    sections = [b["text"]["text"] for b in reply.body["blocks"] if b["type"] == "section"]
    assert any("Han Min-koo" in s and "*" in s for s in sections)
    assert expected.quotes[0].article.source in str(reply.body["blocks"])
    assert set(buttons_of(reply.body)) >= {"qa_vote_up", "qa_vote_down"}
    assert slack.fake.violations == [] and slack.fake.pings == []


async def test_direct_message_is_answered_in_the_dm(slack: Connected) -> None:
    """A DM gets its answer in the same DM, not in a thread."""
    await slack.fake.send_envelope("events_api", event_callback(direct_message(QUESTION)))
    [reply] = await slack.fake.wait_for_replies()
    assert reply.body["channel"] == DM_ID and not reply.body.get("thread_ts")


async def test_own_messages_edits_and_other_bots_are_ignored(slack: Connected) -> None:
    """The bot's own messages, edits and other bots' posts get no answer; a person's DM after them does."""
    own = direct_message(QUESTION, user=BOT_USER_ID, bot_id=BOT_ID)
    edit = direct_message(QUESTION, subtype="message_changed")
    other_bot = direct_message(QUESTION, user="U0OTHER", bot_id="B0OTHER")
    for event in (own, edit, other_bot):
        await slack.fake.acknowledged(await slack.fake.send_envelope("events_api", event_callback(event)))
    await slack.fake.send_envelope("events_api", event_callback(direct_message("What is GSOMIA?")))
    replies = await slack.fake.wait_for_replies()
    await asyncio.sleep(0.3)
    assert len(slack.fake.replies()) == 1 and "GSOMIA" in replies[0].body["blocks"][0]["text"]["text"]


async def test_a_resent_event_is_answered_once(slack: Connected) -> None:
    """Slack's retry of an event (same event_id, retry headers) is acknowledged but not answered again."""
    body = event_callback(mention(QUESTION), event_id="Ev0RESENT")
    first = await slack.fake.send_envelope("events_api", body)
    again = await slack.fake.send_envelope("events_api", body, retry_attempt=1, retry_reason="timeout")
    await slack.fake.acknowledged(first)
    await slack.fake.acknowledged(again)
    await slack.fake.wait_for_replies()
    await asyncio.sleep(0.3)
    assert len(slack.fake.replies()) == 1


async def test_ask_command_answers_in_the_channel(slack: Connected) -> None:
    """/ask is acknowledged within 3 s, then answered through the response URL for everyone to see."""
    command = slash_command("/ask", QUESTION, slack.fake.response_url())
    envelope = await slack.fake.send_envelope("slash_commands", command)
    await slack.fake.acknowledged(envelope)
    assert envelope.ack_seconds is not None and envelope.ack_seconds < 3
    [reply] = await slack.fake.wait_for_replies()
    assert reply.method == "response_url" and reply.body["response_type"] == "in_channel"
    assert reply.body["text"] and len(reply.body["blocks"]) <= 50


async def test_markup_in_articles_and_questions_pings_nobody(slack: Connected, corpus_copy: Path) -> None:
    """<!channel>, <!here>, <@U…> and & in an article or a question show as text; no message would notify anyone."""
    (corpus_copy / "rude.txt").write_text(
        "---\ntitle: Q&A <!here> on the drills\nsource: Wire <@U0EVIL>\npublished: 2016-11-21\n---\n"
        "<!channel> The navy & air force drills near Dokdo island were announced to <@U0EVIL> and others "
        "by the ministry on Monday, officials said.\n",
        encoding="utf-8",
    )
    slack.service.reload()
    text = "<!here> what about the navy &amp; air force drills near Dokdo island?"
    await slack.fake.send_envelope("events_api", event_callback(mention(text)))
    [reply] = await slack.fake.wait_for_replies()
    blocks = str(reply.body["blocks"])
    assert "&lt;!channel&gt;" in blocks and "&lt;@U0EVIL&gt;" in blocks and "&amp;" in blocks
    assert reply.body["blocks"][0]["text"]["text"] == "what about the navy & air force drills near Dokdo island?"
    assert "link_names" not in reply.body and "parse" not in reply.body
    assert slack.fake.pings == [] and slack.fake.violations == []


async def test_a_follow_up_in_the_thread_leans_on_its_question(slack: Connected) -> None:
    """ "When did he sign it?" in the thread of "Who is Han Min-koo?" is read as a follow-up; a new mention is not."""
    await slack.fake.send_envelope("events_api", event_callback(mention(QUESTION, ts="1700000200.000001")))
    await slack.fake.wait_for_replies()
    follow_up = mention("When did he sign it?", ts="1700000201.000001", thread_ts="1700000200.000001")
    await slack.fake.send_envelope("events_api", event_callback(follow_up))
    await slack.fake.send_envelope("events_api", event_callback(mention("When did he sign it?", ts="1700000202.0001")))
    replies = await slack.fake.wait_for_replies(3)
    by_thread = {r.body["thread_ts"]: str(r.body["blocks"]) for r in replies}
    assert f"Read as a follow-up to: {QUESTION}" in by_thread["1700000200.000001"]
    assert "follow-up" not in by_thread["1700000202.0001"]
    expected = slack.service.ask("When did he sign it?", context=QUESTION)
    assert expected.quotes[0].passage.text[:50].replace("&", "&amp;") in by_thread["1700000200.000001"]


async def test_a_bad_question_is_explained_only_to_the_asker(slack: Connected) -> None:
    """A mention with no question, or one too long, gets the reason as an ephemeral reply in its thread."""
    await slack.fake.send_envelope("events_api", event_callback(mention("", ts="1700000400.000001")))
    await slack.fake.send_envelope("events_api", event_callback(mention("why " * 200, ts="1700000401.000001")))
    replies = await slack.fake.wait_for_replies(2)
    assert {r.method for r in replies} == {"chat.postEphemeral"}
    by_thread = {r.body["thread_ts"]: r.body for r in replies}
    assert by_thread["1700000400.000001"]["text"] == "Please ask a question: the message was empty."
    assert "please keep it under 500" in by_thread["1700000401.000001"]["text"]
    assert {r.body["user"] for r in replies} == {"U0MEMBER"}


async def test_an_unexpected_failure_is_logged_with_a_reference(
    slack: Connected, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A crash inside the core becomes a short apology with a reference id that the log also names; no details leak."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(slack.service, "ask", broken)
    await slack.fake.send_envelope("events_api", event_callback(mention(QUESTION)))
    await slack.fake.send_envelope("slash_commands", slash_command("/ask", QUESTION, slack.fake.response_url()))
    replies = await slack.fake.wait_for_replies(2)
    for reply in replies:
        ref = re.search(r"reference (\w+)", reply.body["text"])
        assert ref is not None and "secret internals" not in reply.body["text"]
        assert any(ref[1] in r.getMessage() and r.exc_info for r in caplog.records)
    assert sorted(r.method for r in replies) == ["chat.postEphemeral", "response_url"]


async def test_cooldown_limits_each_person(fake_slack: FakeSlack, corpus_copy: Path) -> None:
    """Past the per-person limit, a mention gets the wait message privately; /ask too; another person is answered."""
    config = replace(socket_config(fake_slack), cooldown_questions=2, cooldown_seconds=60)
    async with running_slack(QAService.from_folder(corpus_copy, AnswerPolicy()), config):
        await fake_slack.connected()
        for n in range(3):
            await fake_slack.send_envelope("events_api", event_callback(mention(QUESTION, ts=f"17000000{n}.000100")))
            await fake_slack.wait_for_replies(n + 1)
        await fake_slack.send_envelope("slash_commands", slash_command("/ask", QUESTION, fake_slack.response_url()))
        await fake_slack.send_envelope("events_api", event_callback(mention(QUESTION, user="U0OTHER")))
        replies = await fake_slack.wait_for_replies(5)
    first, second, third, ask, other = replies
    assert [first.method, second.method, other.method] == ["chat.postMessage"] * 3
    assert third.method == "chat.postEphemeral" and third.body["user"] == MEMBER_ID
    assert re.fullmatch(
        r"You're asking quickly; please wait \d+ seconds before the next question\.", third.body["text"]
    )
    assert ask.method == "response_url" and ask.body["response_type"] == "ephemeral"
    assert ask.body["text"].startswith("You're asking quickly")
