"""/sources, /source with autocomplete, /timeline with pages and a picture, /help."""

from __future__ import annotations

from bot import messages
from bot.discord.client import QABot
from bot.discord.render import EVENTS_PER_PAGE, FIELD_VALUE_LIMIT
from tests.fakes.discord_api import MEMBER_ID, FakeDiscord, assert_no_pings, member

READER = member(MEMBER_ID, "reader", permissions=0)


async def _callback(fake: FakeDiscord):
    return await fake.wait_for(lambda c: c.path.endswith("/callback"))


async def test_sources_lists_every_article(fake_discord: FakeDiscord, bot: QABot) -> None:
    """/sources answers at once, privately, with every article and its passage count."""
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("sources", READER))
    callback = await _callback(fake_discord)
    embed = callback.body["data"]["embeds"][0]
    assert embed["title"] == "5 articles"
    assert embed["description"].count("passages)") == 5
    assert "[Japan, South Korea swap intelligence" in embed["description"]  # the URL makes the title a link


async def test_source_autocomplete_then_details(fake_discord: FakeDiscord, bot: QABot) -> None:
    """Typing part of a title suggests matching articles; picking one shows its metadata."""
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.autocomplete("source", "article", "swap", READER))
    suggestions = await _callback(fake_discord)
    assert suggestions.body["type"] == 8
    (choice,) = suggestions.body["data"]["choices"]
    assert choice["value"] == "2016-12-17-japan-times-first-exchange"
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("source", READER, article=choice["value"]))
    details = await fake_discord.wait_for(lambda c: c.path.endswith("/callback") and c.body["type"] == 4)
    fields = {f["name"]: f["value"] for f in details.body["data"]["embeds"][0]["fields"]}
    assert fields["Source"] == "Kyodo (The Japan Times)" and fields["Published"] == "2016-12-17"


async def test_unknown_source_is_a_clear_refusal(fake_discord: FakeDiscord, bot: QABot) -> None:
    """A value that is no article id gets the plain message."""
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("source", READER, article="nope"))
    callback = await _callback(fake_discord)
    assert callback.body["data"]["content"] == messages.DISCORD_NO_SUCH_SOURCE.format(name="nope")


async def test_timeline_is_paginated_with_a_picture(fake_discord: FakeDiscord, bot: QABot) -> None:
    """/timeline defers, then sends page one (dates in bold) with Previous/Next and a PNG attached."""
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("timeline", READER))
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    assert (await _callback(fake_discord)).body["type"] == 5
    embed = followup.body["embeds"][0]
    assert len(embed["fields"]) == EVENTS_PER_PAGE
    assert embed["fields"][0]["name"] == "**1910/1945**"
    assert all(len(f["value"]) <= FIELD_VALUE_LIMIT for f in embed["fields"])
    assert embed["footer"]["text"].startswith("Page 1 of ")
    assert embed["image"]["url"] == "attachment://timeline.png"
    assert followup.files == ["timeline.png"]
    labels = [c.get("label") for row in followup.body["components"] for c in row["components"]]
    assert labels == ["Previous", "Next"]
    assert_no_pings(followup.body)


async def test_only_the_asker_turns_the_timeline_pages(fake_discord: FakeDiscord, bot: QABot) -> None:
    """Someone else's click on Next is refused privately and changes nothing; the asker's shows page two."""
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("timeline", READER))
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    sent = next(m for m in fake_discord.sent if m["embeds"] == followup.body["embeds"])
    next_button = next(c["custom_id"] for row in sent["components"] for c in row["components"] if c["label"] == "Next")
    other = member(MEMBER_ID + 1, "someone else", permissions=0)
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.button(next_button, other, sent))
    refusal = await fake_discord.wait_for(lambda c: c.path.endswith("/callback") and c.body["type"] == 4)
    assert refusal.body["data"]["content"] == messages.DISCORD_NOT_YOUR_PAGES
    assert refusal.body["data"]["flags"] & 64
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.button(next_button, READER, sent))
    turned = await fake_discord.wait_for(lambda c: c.path.endswith("/callback") and c.body["type"] == 7)
    assert turned.body["data"]["embeds"][0]["footer"]["text"].startswith("Page 2 of ")
    assert not any(c.path.endswith("/callback") and c.body["type"] == 7 and c is not turned for c in fake_discord.calls)


async def test_timeline_filters_and_bad_dates(fake_discord: FakeDiscord, bot: QABot) -> None:
    """from/to narrow the events; a date that does not parse gets the message, privately."""
    payload = fake_discord.slash("timeline", READER, **{"from": "2016-12", "to": "2017"})
    await fake_discord.dispatch("INTERACTION_CREATE", payload)
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    assert [f["name"] for f in followup.body["embeds"][0]["fields"]] == ["**2016-12-16**", "**2017**"]
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("timeline", READER, **{"from": "soon"}))
    refusal = await fake_discord.wait_for(lambda c: c.path.endswith("/callback") and c.body["type"] == 4)
    assert "is not a date" in refusal.body["data"]["content"] and refusal.body["data"]["flags"] & 64


async def test_typed_values_in_a_refusal_are_shown_as_typed(fake_discord: FakeDiscord, bot: QABot) -> None:
    """A refusal repeating what was typed escapes its markup: a link stays text, a mention pings nobody."""
    typed = "[a](https://example.com) @everyone"
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("timeline", READER, **{"from": typed}))
    refusal = await fake_discord.wait_for(lambda c: c.path.endswith("/callback") and c.body["type"] == 4)
    content = refusal.body["data"]["content"]
    assert "'\\[a](https://example.com)" in content and "'[a](" not in content
    assert "@everyone" not in content
    assert_no_pings(refusal.body["data"])


async def test_help_fits_one_screen(fake_discord: FakeDiscord, bot: QABot) -> None:
    """/help explains asking, buttons, the browsing commands and /reload."""
    await fake_discord.dispatch("INTERACTION_CREATE", fake_discord.slash("help", READER))
    text = (await _callback(fake_discord)).body["data"]["embeds"][0]["description"]
    for command in ("/ask", "/sources", "/source", "/timeline", "/reload", "More results"):
        assert command in text
