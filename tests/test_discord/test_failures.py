"""Cooldowns, handler errors, missing permissions, command sync and start-up failures."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from bot import messages
from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.discord.client import DiscordConfig, QABot
from bot.discord.runner import BAD_TOKEN, MISSING_INTENT, serve
from tests.fakes.discord_api import (
    APP_ID,
    BOT_USER,
    CHANNEL_ID,
    MEMBER_ID,
    QA_CHANNEL_ID,
    Call,
    FakeDiscord,
    member,
    user,
)
from tests.test_discord.conftest import point_discord_at, start_bot

READER = user(MEMBER_ID, "reader")


def _posts(fake: FakeDiscord) -> list:
    return [c for c in fake.calls if c.method == "POST" and c.path.endswith("/messages")]


def _nth_post(fake: FakeDiscord, count: int) -> Callable[[Call], bool]:
    return lambda call: len(_posts(fake)) >= count


async def test_cooldown_limits_each_person(fake_discord: FakeDiscord, corpus_copy: Path, tmp_path: Path) -> None:
    """Past the per-person limit, the next question gets the cooldown message instead of an answer."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    config = DiscordConfig(cooldown_questions=2, cooldown_seconds=60, sync_state_file=tmp_path / "s.json")
    client, task = await start_bot(fake_discord, service, config)
    try:
        for sent in range(1, 4):
            message = fake_discord.message_payload(f"<@{BOT_USER['id']}> What is GSOMIA?", READER, mentions=[BOT_USER])
            await fake_discord.dispatch("MESSAGE_CREATE", message)
            await fake_discord.wait_for(_nth_post(fake_discord, sent))
        third = _posts(fake_discord)[2]
        assert third.body["content"].startswith("You're asking quickly; please wait")
        invoker = member(MEMBER_ID, "reader", permissions=0)
        await fake_discord.dispatch(
            "INTERACTION_CREATE", fake_discord.slash("ask", invoker, question="What is GSOMIA?")
        )
        refusal = await fake_discord.wait_for(lambda c: c.path.endswith("/callback"))
        assert refusal.body["type"] == 4 and refusal.body["data"]["flags"] & 64
        assert refusal.body["data"]["content"].startswith("You're asking quickly")
    finally:
        await client.close()
        await task


async def test_handler_error_gets_an_apology_and_the_bot_stays_up(
    fake_discord: FakeDiscord, bot: QABot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """An unexpected failure is logged with a reference; the person sees the apology, never a traceback."""
    original = bot.service.ask

    def failing(text: str, offset: int = 0):
        raise RuntimeError("index exploded")

    monkeypatch.setattr(bot.service, "ask", failing)
    invoker = member(MEMBER_ID, "reader", permissions=0)
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("ask", invoker, question="What is GSOMIA?"))
    apology = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    ref = apology.body["content"].split("(reference ")[1].split(")")[0]
    assert apology.body["content"] == messages.GENERIC_FAILURE.format(ref=ref)
    assert "index exploded" not in apology.body["content"]
    assert any(ref in r.getMessage() and r.exc_info for r in caplog.records)
    monkeypatch.setattr(bot.service, "ask", original)
    message = fake_discord.message_payload(f"<@{BOT_USER['id']}> What is GSOMIA?", READER, mentions=[BOT_USER])
    await fake_discord.dispatch("MESSAGE_CREATE", message)
    answer = await fake_discord.wait_for(lambda c: c.method == "POST" and c.path.endswith("/messages"))
    assert answer.body["embeds"][0]["title"] == "What is GSOMIA?"


async def test_missing_permission_is_logged_and_the_bot_goes_on(
    fake_discord: FakeDiscord, bot: QABot, caplog: pytest.LogCaptureFixture
) -> None:
    """A channel where the bot may not write costs one warning; questions elsewhere still get answers."""
    fake_discord.forbidden_channels.add(CHANNEL_ID)
    message = fake_discord.message_payload(f"<@{BOT_USER['id']}> What is GSOMIA?", READER, mentions=[BOT_USER])
    await fake_discord.dispatch("MESSAGE_CREATE", message)
    await fake_discord.wait_for(lambda c: c.path == f"/channels/{CHANNEL_ID}/messages")
    await asyncio.sleep(0.1)
    assert any("missing permission to answer" in r.getMessage() for r in caplog.records)
    other = fake_discord.message_payload("What is GSOMIA?", READER, channel_id=QA_CHANNEL_ID)
    await fake_discord.dispatch("MESSAGE_CREATE", other)
    await fake_discord.wait_for(lambda c: c.path.endswith("/threads"))


async def test_commands_sync_only_when_changed(fake_discord: FakeDiscord, corpus_copy: Path, tmp_path: Path) -> None:
    """The first start registers the commands; a restart with the same commands does not; a dev guild gets its own."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    state = tmp_path / "data" / "discord-commands.json"

    async def start_and_stop(config: DiscordConfig) -> None:
        client, task = await start_bot(fake_discord, service, config)
        await client.close()
        await task

    await start_and_stop(DiscordConfig(sync_state_file=state))
    await start_and_stop(DiscordConfig(sync_state_file=state))
    puts = [c for c in fake_discord.calls if c.method == "PUT"]
    assert [p.path for p in puts] == [f"/applications/{APP_ID}/commands"]
    names = sorted(c["name"] for c in puts[0].body)
    assert names == ["ask", "corpus", "help", "reload", "settings", "source", "sources", "stats", "timeline"]
    await start_and_stop(DiscordConfig(sync_state_file=state, dev_guild_id=123))
    assert fake_discord.calls_to("/guilds/123/commands", "PUT")


async def test_bad_token_is_one_line(fake_discord: FakeDiscord, corpus_copy: Path, tmp_path: Path, capsys) -> None:
    """A token Discord rejects stops start-up with one line and exit code 2, no traceback."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    code = await serve(service, "wrong-token", DiscordConfig(sync_state_file=tmp_path / "s.json"))
    err = capsys.readouterr().err
    assert code == 2 and err.strip() == BAD_TOKEN and "Traceback" not in err
    assert "wrong-token" not in err


async def test_refused_intent_is_one_line(corpus_copy: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    """Asking for Message Content (Q&A channel) when the portal has it off stops with one explaining line."""
    fake = FakeDiscord(allow_message_content=False)
    await fake.start()
    point_discord_at(fake, monkeypatch)
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    config = DiscordConfig(qa_channel_id=QA_CHANNEL_ID, sync_state_file=tmp_path / "s.json")
    try:
        code = await asyncio.wait_for(serve(service, fake.token, config), 30)
    finally:
        await fake.close()
    assert code == 2 and capsys.readouterr().err.strip() == MISSING_INTENT


async def test_intents_are_minimal_without_a_qa_channel(fake_discord: FakeDiscord, bot: QABot) -> None:
    """The Q&A channel fixture asks for Message Content; the default config does not."""
    from bot.discord.client import intents_for

    assert fake_discord.identify is not None
    assert fake_discord.identify["intents"] & (1 << 15)
    assert not intents_for(DiscordConfig()).message_content


async def test_unreachable_discord_is_one_line(corpus_copy: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    """With nothing listening where Discord should be, start-up stops with one line naming the problem."""
    import socket

    import discord

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free now, and nothing listens there
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{port}/api/v10")
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    code = await serve(service, "any-token", DiscordConfig(sync_state_file=tmp_path / "s.json"))
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: cannot reach Discord (") and "Traceback" not in err


async def test_sync_command_registers_commands_now(
    fake_discord: FakeDiscord, corpus_copy: Path, tmp_path: Path
) -> None:
    """``python -m bot sync --guild ID`` logs in over HTTP only and registers the commands in that server."""
    from bot.discord.runner import sync_now

    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    code = await sync_now(service, fake_discord.token, DiscordConfig(sync_state_file=tmp_path / "s.json"), 555)
    assert code == 0
    assert fake_discord.calls_to("/guilds/555/commands", "PUT")
    assert fake_discord.identify is None  # no gateway connection was made
