"""Discord with the database: votes stored, /stats, /corpus add|remove|list and /settings, on a real SQLite file."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot import messages
from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.core.store.storage import Storage
from bot.discord.client import DiscordConfig, QABot
from tests.fakes.discord_api import (
    ADMIN_ID,
    BOT_USER,
    CHANNEL_ID,
    MANAGE_GUILD,
    MEMBER_ID,
    QA_CHANNEL_ID,
    Call,
    FakeDiscord,
    assert_no_pings,
    member,
    user,
)
from tests.test_discord.conftest import start_bot

READER = user(MEMBER_ID, "reader")
READER_MEMBER = member(MEMBER_ID, "reader", permissions=0)
MANAGER = member(ADMIN_ID, "manager", permissions=MANAGE_GUILD)
ARTICLE = b"""---
title: Pact enters into force
source: Test Wire
published: 2016-11-24
---
The intelligence pact between the two neighbours entered into force on Thursday, the ministry of defense said.
"""


@pytest.fixture
async def stored_bot(fake_discord: FakeDiscord, corpus_copy: Path, tmp_path: Path) -> AsyncIterator[tuple[QABot, Path]]:
    """The bot with a real SQLite file attached to its service."""
    path = tmp_path / "bot.sqlite3"
    storage = await Storage.open(path)
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    service.storage = storage
    config = DiscordConfig(sync_state_file=tmp_path / "sync.json", max_upload_bytes=5_000)
    client, task = await start_bot(fake_discord, service, config)
    yield client, path
    await client.close()
    await task
    await storage.close()


def _callbacks_at_least(fake: FakeDiscord, count: int) -> Callable[[Call], bool]:
    return lambda call: len(fake.calls_to("/callback")) >= count


def _rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def _replies(fake: FakeDiscord) -> list:
    return [c for c in fake.calls if c.method == "POST" and c.path.endswith("/messages")]


async def _ask(fake: FakeDiscord, text: str):
    """Mention the bot with ``text`` and return its reply (the next message it posts)."""
    before = len(_replies(fake))
    await fake.dispatch(
        "MESSAGE_CREATE", fake.message_payload(f"<@{BOT_USER['id']}> {text}", READER, mentions=[BOT_USER])
    )
    await fake.wait_for(lambda c: len(_replies(fake)) > before)
    return _replies(fake)[before]


async def test_questions_are_logged_and_votes_stored(fake_discord: FakeDiscord, stored_bot) -> None:
    """A mention is logged with a hashed user; 👍 then 👎 from the same person leaves one vote, -1."""
    bot, path = stored_bot
    answer_call = await _ask(fake_discord, "Who is Han Min-koo?")
    buttons = [c["custom_id"] for row in answer_call.body["components"] for c in row["components"]]
    up, down = (b for b in buttons if b.startswith("qa:vote:"))
    question_id = up.rsplit(":", 1)[1]
    answer = fake_discord.message(CHANNEL_ID, answer_call.body)
    for clicks, custom_id in enumerate((up, down), start=1):
        await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.button(custom_id, READER_MEMBER, answer))
        await fake_discord.wait_for(_callbacks_at_least(fake_discord, clicks))
    assert bot.service.storage is not None
    await bot.service.storage.flush()
    logged = _rows(path, "SELECT id, platform, server_id, user_hash, question, answered FROM questions")
    assert [(r[0], r[1], r[4], r[5]) for r in logged] == [(question_id, "discord", "Who is Han Min-koo?", 1)]
    assert str(MEMBER_ID) not in logged[0][3]
    assert _rows(path, "SELECT question_id, vote FROM feedback") == [(question_id, -1)]


async def test_stats_for_admins_with_a_chart(fake_discord: FakeDiscord, stored_bot) -> None:
    """/stats counts the logged questions, lists the unanswered one and attaches the daily chart."""
    _bot, _ = stored_bot
    await _ask(fake_discord, "Who is Han Min-koo?")
    await _ask(fake_discord, "Which football team won the league?")
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("stats", MANAGER, days=7))
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    embed = followup.body["embeds"][0]
    assert embed["description"] == "2 questions, 50% answered."
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Not answered: what to add next"] == "1× Which football team won the league?"
    assert followup.files == ["questions.png"] and followup.body["flags"] & 64


async def test_stats_refused_to_members(fake_discord: FakeDiscord, stored_bot) -> None:
    """Members without rights get the private refusal."""
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("stats", READER_MEMBER))
    callback = await fake_discord.wait_for(lambda c: c.path.endswith("/callback"))
    assert callback.body["data"]["content"] == messages.DISCORD_NOT_ADMIN.format(command="/stats")


def _corpus_add(fake: FakeDiscord, invoker: dict, name: str, data: bytes) -> dict:
    attachment = fake.upload(name, data)
    options = [{"name": "add", "type": 1, "options": [{"name": "file", "type": 11, "value": attachment["id"]}]}]
    return fake.slash_with("corpus", invoker, options, {"attachments": {attachment["id"]: attachment}})


async def test_corpus_add_ingests_an_attachment(fake_discord: FakeDiscord, stored_bot, corpus_copy: Path) -> None:
    """An uploaded article is downloaded, validated, written, reloaded and reported; it is searchable at once."""
    bot, path = stored_bot
    await fake_discord.dispatch("INTERACTION_CREATE", _corpus_add(fake_discord, MANAGER, "in-force.txt", ARTICLE))
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    content = followup.body["content"]
    assert content.startswith("Added in-force.txt: “Pact enters into force” (Test Wire).")
    assert "Passages: 1" in content and "Added: in-force" in content
    assert_no_pings(followup.body)
    assert (corpus_copy / "in-force.txt").read_bytes() == ARTICLE
    answer = await bot.service.ask_async("When did the pact enter into force?")
    assert answer.quotes[0].article.source == "Test Wire"
    assert bot.service.storage is not None
    await bot.service.storage.flush()
    assert _rows(path, "SELECT added FROM reloads") == [('["in-force"]',)]


async def test_corpus_add_refuses_oversized_without_downloading(fake_discord: FakeDiscord, stored_bot) -> None:
    """A file over the upload limit is refused from its declared size; it is never fetched."""
    await fake_discord.dispatch("INTERACTION_CREATE", _corpus_add(fake_discord, MANAGER, "big.txt", b"x" * 6000))
    callback = await fake_discord.wait_for(lambda c: c.path.endswith("/callback"))
    assert callback.body["data"]["content"] == "That file is 6,000 bytes; the limit is 5,000."
    assert not fake_discord.calls_to("/attachments/")


async def test_corpus_add_refuses_a_bad_file(fake_discord: FakeDiscord, stored_bot, corpus_copy: Path) -> None:
    """A badly encoded upload is refused with the reason and nothing is written."""
    payload = _corpus_add(fake_discord, MANAGER, "latin.txt", "Caf\xe9 talks".encode("latin-1"))
    await fake_discord.dispatch("INTERACTION_CREATE", payload)
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    assert followup.body["content"].startswith("latin.txt was not added: the file is not UTF-8 text")
    assert not (corpus_copy / "latin.txt").exists()


async def test_corpus_remove_and_list(fake_discord: FakeDiscord, stored_bot, corpus_copy: Path) -> None:
    """/corpus remove deletes the article and reloads; /corpus list shows what is left."""
    options = [{"name": "remove", "type": 1, "options": [
        {"name": "article", "type": 3, "value": "2016-11-14-dw-intelligence-deal"}]}]  # fmt: skip
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash_with("corpus", MANAGER, options, {}))
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    assert followup.body["content"].startswith("Removed 2016-11-14-dw-intelligence-deal.txt.")
    listing = [{"name": "list", "type": 1, "options": []}]
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash_with("corpus", MANAGER, listing, {}))
    shown = await fake_discord.wait_for(lambda c: c.path.endswith("/callback") and c.body["type"] == 4)
    assert shown.body["data"]["embeds"][0]["title"] == "4 articles"


async def test_settings_change_cooldown_and_answer_channels(fake_discord: FakeDiscord, stored_bot) -> None:
    """/settings set stores per-server settings: a cooldown of one question, and answering only in one channel."""
    _bot, path = stored_bot
    channel = {"id": str(QA_CHANNEL_ID), "name": "ask-the-articles", "type": 0, "permissions": "0",
               "guild_id": "800000000000000001"}  # fmt: skip
    options = [{"name": "set", "type": 1, "options": [
        {"name": "cooldown_questions", "type": 4, "value": 1},
        {"name": "answer_in", "type": 7, "value": str(QA_CHANNEL_ID)}]}]  # fmt: skip
    payload = fake_discord.slash_with("settings", MANAGER, options, {"channels": {str(QA_CHANNEL_ID): channel}})
    await fake_discord.dispatch("INTERACTION_CREATE", payload)
    shown = await fake_discord.wait_for(lambda c: c.path.endswith("/callback"))
    fields = {f["name"]: f["value"] for f in shown.body["data"]["embeds"][0]["fields"]}
    assert fields["Answers in"] == f"<#{QA_CHANNEL_ID}>" and fields["Cooldown"].startswith("1 questions per")
    assert _rows(path, "SELECT answer_channel_ids, cooldown_questions FROM server_settings") == [
        (f'["{QA_CHANNEL_ID}"]', 1)
    ]
    # The bot no longer answers in the other channel...
    mention = fake_discord.message_payload(f"<@{BOT_USER['id']}> What is GSOMIA?", READER, mentions=[BOT_USER])
    await fake_discord.dispatch("MESSAGE_CREATE", mention)
    # ...but does in the listed one, once; the second question there meets the cooldown.
    for _ in range(2):
        message = fake_discord.message_payload(
            f"<@{BOT_USER['id']}> What is GSOMIA?", READER, mentions=[BOT_USER], channel_id=QA_CHANNEL_ID
        )
        await fake_discord.dispatch("MESSAGE_CREATE", message)
    await fake_discord.wait_for(lambda c: len(fake_discord.calls_to(f"/channels/{QA_CHANNEL_ID}/messages")) >= 2)
    replies = fake_discord.calls_to(f"/channels/{QA_CHANNEL_ID}/messages", "POST")
    # Both are handled at once, so the instant refusal may be sent before the answer.
    titles = [r.body["embeds"][0]["title"] for r in replies if r.body.get("embeds")]
    refusals = [r.body["content"] for r in replies if r.body.get("content")]
    assert titles == ["What is GSOMIA?"]
    assert len(refusals) == 1 and refusals[0].startswith("You're asking quickly")
    assert not fake_discord.calls_to(f"/channels/{CHANNEL_ID}/messages", "POST")


async def test_more_results_keeps_a_question_longer_than_the_title(fake_discord: FakeDiscord, stored_bot) -> None:
    """More results re-asks the whole logged question, not the 256 characters its embed title holds."""
    question = "and the " * 35 + "what did Japan and South Korea sign?"  # the first 256 characters: stopwords
    answer_call = await _ask(fake_discord, question)
    assert "embeds" in answer_call.body, answer_call.body
    assert len(answer_call.body["embeds"][0]["title"]) <= 256 < len(question)
    more = next(
        c["custom_id"] for row in answer_call.body["components"] for c in row["components"] if "more" in c["custom_id"]
    )
    answer = fake_discord.message(CHANNEL_ID, answer_call.body)
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.button(more, READER_MEMBER, answer))
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    assert followup.body.get("embeds"), followup.body.get("content")
    assert "Japan" in followup.body["embeds"][0]["description"]
