"""Asking through Discord: mentions, DMs, replies, the Q&A channel, /ask, abstention, More results and feedback."""

from __future__ import annotations

import json

from bot import messages
from bot.discord.client import QABot
from bot.discord.render import DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT, TITLE_LIMIT
from tests.fakes.discord_api import (
    BOT_USER,
    CHANNEL_ID,
    MEMBER_ID,
    QA_CHANNEL_ID,
    FakeDiscord,
    assert_no_pings,
    member,
    user,
)

READER = user(MEMBER_ID, "reader")
VOTES = [("up", "👍"), ("down", "👎")]


def _is_message_post(call) -> bool:
    return call.method == "POST" and call.path.endswith("/messages")


async def _mention(fake: FakeDiscord, text: str) -> dict:
    message = fake.message_payload(f"<@{BOT_USER['id']}> {text}", READER, mentions=[BOT_USER])
    await fake.dispatch("MESSAGE_CREATE", message)
    return message


async def test_mention_gets_an_embed_reply(fake_discord: FakeDiscord, bot: QABot) -> None:
    """A mention gets a reply to that message: one embed of quotes with sources, buttons, no pings."""
    message = await _mention(fake_discord, "Who is Han Min-koo?")
    call = await fake_discord.wait_for(_is_message_post)
    body = call.body
    assert_no_pings(body)
    assert call.path == f"/channels/{CHANNEL_ID}/messages"
    assert str(body["message_reference"]["message_id"]) == message["id"]
    (embed,) = body["embeds"]
    assert embed["title"] == "Who is Han Min-koo?"
    assert embed["description"].startswith("> ")
    assert "**" in embed["description"] and "Han Min-koo" in embed["description"]
    assert "DW · Japan, South Korea agree to intelligence deal · 2016-11-14" in embed["description"]
    assert embed["footer"]["text"].startswith("Here is what the articles say; the newest")
    custom_ids = [c["custom_id"] for row in body["components"] for c in row["components"]]
    assert custom_ids[-2:] == ["qa:vote:up", "qa:vote:down"]


async def test_plain_messages_are_ignored(fake_discord: FakeDiscord, bot: QABot) -> None:
    """A message in a channel that neither mentions nor replies to the bot gets no answer."""
    await fake_discord.dispatch("MESSAGE_CREATE", fake_discord.message_payload("Who is Han Min-koo?", READER))
    await _mention(fake_discord, "What is GSOMIA?")
    first = await fake_discord.wait_for(_is_message_post)
    assert first.body["embeds"][0]["title"] == "What is GSOMIA?"
    assert len([c for c in fake_discord.calls if _is_message_post(c)]) == 1


async def test_direct_message_is_a_question(fake_discord: FakeDiscord, bot: QABot) -> None:
    """A DM needs no mention."""
    dm_channel = fake_discord.next_id()
    message = fake_discord.message_payload("What is GSOMIA?", READER, channel_id=dm_channel, guild=False)
    await fake_discord.dispatch("MESSAGE_CREATE", message)
    call = await fake_discord.wait_for(_is_message_post)
    assert call.path == f"/channels/{dm_channel}/messages"
    assert call.body["embeds"][0]["title"] == "What is GSOMIA?"


async def test_reply_to_an_answer_is_a_follow_up(fake_discord: FakeDiscord, bot: QABot) -> None:
    """Replying to one of the bot's answers asks without a new mention."""
    answer = fake_discord.message(CHANNEL_ID, {"embeds": [{"title": "What is GSOMIA?"}]})
    follow_up = fake_discord.message_payload("And who is Han Min-koo?", READER, referenced=answer)
    await fake_discord.dispatch("MESSAGE_CREATE", follow_up)
    call = await fake_discord.wait_for(_is_message_post)
    assert call.body["embeds"][0]["title"] == "And who is Han Min-koo?"


async def test_qa_channel_answers_in_a_thread(fake_discord: FakeDiscord, bot: QABot) -> None:
    """In the Q&A channel every message is a question, answered in a thread started on it."""
    message = fake_discord.message_payload("Why did Seoul back out in 2012?", READER, channel_id=QA_CHANNEL_ID)
    await fake_discord.dispatch("MESSAGE_CREATE", message)
    thread = await fake_discord.wait_for(lambda c: c.path.endswith("/threads"))
    assert thread.path == f"/channels/{QA_CHANNEL_ID}/messages/{message['id']}/threads"
    assert thread.body["name"] == "Why did Seoul back out in 2012?"
    answer = await fake_discord.wait_for(_is_message_post)
    assert answer.path != f"/channels/{QA_CHANNEL_ID}/messages"  # posted in the new thread
    assert_no_pings(answer.body)


async def test_abstention_is_plain_text_with_a_hint(fake_discord: FakeDiscord, bot: QABot) -> None:
    """A question the corpus cannot answer gets the plain sentence and the /sources hint, no quotes."""
    await _mention(fake_discord, "Which football team won the league?")
    call = await fake_discord.wait_for(_is_message_post)
    assert call.body["content"] == f"{messages.NOT_IN_CORPUS} {messages.NOT_IN_CORPUS_HINT}"
    assert not call.body.get("embeds")
    assert_no_pings(call.body)


async def test_mentions_in_a_question_are_dropped_and_markdown_escaped(fake_discord: FakeDiscord, bot: QABot) -> None:
    """@everyone and role/user mentions are not searched or echoed; markdown comes back as text; nothing pings."""
    await _mention(fake_discord, "@everyone <@&123> <@456> **who** is Han Min-koo?")
    call = await fake_discord.wait_for(_is_message_post)
    title = call.body["embeds"][0]["title"]
    assert title == "\\*\\*who\\*\\* is Han Min-koo?"
    assert_no_pings(call.body)


async def test_huge_question_gets_a_clear_message(fake_discord: FakeDiscord, bot: QABot) -> None:
    """A question over the length limit is refused with its length, not searched."""
    await _mention(fake_discord, "why " * 400)
    call = await fake_discord.wait_for(_is_message_post)
    assert "characters long; please keep it under 500" in call.body["content"]


async def test_slash_ask_defers_then_follows_up(fake_discord: FakeDiscord, bot: QABot) -> None:
    """/ask acknowledges with a deferral first, then sends the answer as a follow-up within limits."""
    invoker = member(MEMBER_ID, "reader", permissions=0)
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("ask", invoker, question="What is GSOMIA?"))
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    callback = next(c for c in fake_discord.calls if c.path.endswith("/callback"))
    assert callback.body["type"] == 5 and callback.at <= followup.at
    assert callback.query == {"with_response": "1"}
    assert not (callback.body.get("data") or {}).get("flags")
    embed = followup.body["embeds"][0]
    assert "General Security of Military Information Agreement" in embed["description"]
    assert len(embed["title"]) <= TITLE_LIMIT and len(embed["description"]) <= DESCRIPTION_LIMIT
    assert len(json.dumps(embed)) < EMBED_TOTAL_LIMIT + 1000
    assert_no_pings(followup.body)


async def test_private_ask_is_ephemeral(fake_discord: FakeDiscord, bot: QABot) -> None:
    """/ask private:True defers and answers with the ephemeral flag."""
    invoker = member(MEMBER_ID, "reader", permissions=0)
    payload = fake_discord.slash("ask", invoker, question="What is GSOMIA?", private=True)
    await fake_discord.dispatch("INTERACTION_CREATE", payload)
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    callback = next(c for c in fake_discord.calls if c.path.endswith("/callback"))
    assert callback.body["data"]["flags"] & 64
    assert followup.body["flags"] & 64


async def test_more_results_shows_the_next_passages(fake_discord: FakeDiscord, bot: QABot) -> None:
    """The More results button answers the clicker privately with the passages after the first page."""
    await _mention(fake_discord, "What did Japan and South Korea sign?")
    answer_call = await fake_discord.wait_for(_is_message_post)
    first_page = answer_call.body["embeds"][0]["description"]
    answer = fake_discord.message(CHANNEL_ID, answer_call.body)
    more = next(
        c["custom_id"] for row in answer_call.body["components"] for c in row["components"] if "more" in c["custom_id"]
    )
    assert more == "qa:more:3"
    clicker = member(MEMBER_ID, "reader", permissions=0)
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.button(more, clicker, answer))
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    assert followup.body["flags"] & 64
    second_page = followup.body["embeds"][0]["description"]
    assert second_page and second_page != first_page
    assert followup.body["embeds"][0]["title"] == "What did Japan and South Korea sign?"


async def test_feedback_is_acknowledged_privately(fake_discord: FakeDiscord, bot: QABot) -> None:
    """👍 is acknowledged with an ephemeral thanks."""
    buttons = [{"type": 2, "style": 2, "custom_id": f"qa:vote:{v}", "emoji": {"name": e}} for v, e in VOTES]
    answer = fake_discord.message(
        CHANNEL_ID, {"embeds": [{"title": "What is GSOMIA?"}], "components": [{"type": 1, "components": buttons}]}
    )
    clicker = member(MEMBER_ID, "reader", permissions=0)
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.button("qa:vote:up", clicker, answer))
    callback = await fake_discord.wait_for(lambda c: c.path.endswith("/callback"))
    assert callback.body["type"] == 4
    assert callback.body["data"]["content"] == messages.DISCORD_FEEDBACK_THANKS
    assert callback.body["data"]["flags"] & 64


async def _bot_thread(fake: FakeDiscord, name: str) -> int:
    """A thread the bot started in the Q&A channel, named after its question, as Discord announces it."""
    thread_id = fake.next_id()
    await fake.dispatch(
        "THREAD_CREATE",
        {
            "id": str(thread_id), "type": 11, "guild_id": "800000000000000001", "parent_id": str(QA_CHANNEL_ID),
            "owner_id": BOT_USER["id"], "name": name, "message_count": 1, "member_count": 1,
            "rate_limit_per_user": 0, "newly_created": True,
            "thread_metadata": {"archived": False, "auto_archive_duration": 1440, "locked": False,
                                "archive_timestamp": "2026-11-22T10:00:00.000000+00:00"},
        },
    )  # fmt: skip
    return thread_id


async def test_message_in_the_bots_thread_is_a_follow_up(fake_discord: FakeDiscord, bot: QABot) -> None:
    """In a thread the bot started, a message needs no mention to be answered there."""
    thread_id = await _bot_thread(fake_discord, "What is GSOMIA?")
    follow_up = fake_discord.message_payload("And who is Han Min-koo?", READER, channel_id=thread_id)
    await fake_discord.dispatch("MESSAGE_CREATE", follow_up)
    call = await fake_discord.wait_for(_is_message_post)
    assert call.path == f"/channels/{thread_id}/messages"
    assert call.body["embeds"][0]["title"] == "And who is Han Min-koo?"


async def test_reply_follow_up_carries_the_answered_question(fake_discord: FakeDiscord, bot: QABot) -> None:
    """A short reply to an answer is read with that answer's question: "when did he sign it?" finds Han's signing."""
    answer = fake_discord.message(CHANNEL_ID, {"embeds": [{"title": "Who is Han Min-koo?"}]})
    follow_up = fake_discord.message_payload("When did he sign it?", READER, referenced=answer)
    await fake_discord.dispatch("MESSAGE_CREATE", follow_up)
    call = await fake_discord.wait_for(_is_message_post)
    description = call.body["embeds"][0]["description"]
    assert description.startswith("*Read as a follow-up to: Who is Han Min-koo?*")
    assert "Nagamine" in description


async def test_thread_follow_up_carries_the_thread_question(fake_discord: FakeDiscord, bot: QABot) -> None:
    """In the bot's thread on a question, a short follow-up is read with the question the thread started on."""
    thread_id = await _bot_thread(fake_discord, "Who is Yasumasa Nagamine?")
    follow_up = fake_discord.message_payload("What did he sign?", READER, channel_id=thread_id)
    await fake_discord.dispatch("MESSAGE_CREATE", follow_up)
    call = await fake_discord.wait_for(_is_message_post)
    description = call.body["embeds"][0]["description"]
    assert "follow-up to: Who is Yasumasa Nagamine?" in description and "Nagamine" in description


async def test_reply_to_a_follow_up_answer_keeps_the_first_subject(fake_discord: FakeDiscord, bot: QABot) -> None:
    """Replying to an answer that was itself a follow-up leans on the question that one followed."""
    earlier = {
        "title": "When did he sign it?",
        "description": "*Read as a follow-up to: Who is Yasumasa Nagamine?*\n\n> quoted text",
    }
    answer = fake_discord.message(CHANNEL_ID, {"embeds": [earlier]})
    follow_up = fake_discord.message_payload("What about him?", READER, referenced=answer)
    await fake_discord.dispatch("MESSAGE_CREATE", follow_up)
    call = await fake_discord.wait_for(_is_message_post)
    description = call.body["embeds"][0]["description"]
    assert description.startswith("*Read as a follow-up to: Who is Yasumasa Nagamine?*")
    assert "Nagamine" in description.split("\n", 1)[1]


async def test_more_results_of_a_follow_up_keep_its_subject(fake_discord: FakeDiscord, bot: QABot) -> None:
    """More results under a follow-up's answer page through the same follow-up reading, not the bare words."""
    subject, follow_up = "What did South Korea sign?", "What about Japan?"
    assert bot.service.ask(follow_up, context=subject).has_more  # the reading has a second page to show
    answer_to = fake_discord.message(CHANNEL_ID, {"embeds": [{"title": subject}]})
    await fake_discord.dispatch("MESSAGE_CREATE", fake_discord.message_payload(follow_up, READER, referenced=answer_to))
    answer_call = await fake_discord.wait_for(_is_message_post)
    answer = fake_discord.message(CHANNEL_ID, answer_call.body)
    more = next(
        c["custom_id"] for row in answer_call.body["components"] for c in row["components"] if "more" in c["custom_id"]
    )
    clicker = member(MEMBER_ID, "reader", permissions=0)
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.button(more, clicker, answer))
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    assert followup.body["embeds"][0]["description"].startswith(f"*Read as a follow-up to: {subject}*")
