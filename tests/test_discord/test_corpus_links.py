"""/corpus add with a url: (a page on 127.0.0.1) or a saved .html attachment, through the fake Discord API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import messages
from bot.core.answer.compose import AnswerPolicy
from bot.core.ingest.fetch import FetchPolicy
from bot.core.ingest.html import OUTSIDE_ARTICLE
from bot.core.service import QAService
from bot.discord.client import DiscordConfig, QABot
from tests.fakes.discord_api import ADMIN_ID, MANAGE_GUILD, FakeDiscord, assert_no_pings, member
from tests.fakes.pages import STORY_HTML, furniture_words
from tests.test_discord.conftest import start_bot

MANAGER = member(ADMIN_ID, "manager", permissions=MANAGE_GUILD)
SAVED = "2016-11-23-harbour-times-seoul-and-tokyo-sign-intelligence-pact.txt"


@pytest.fixture
async def link_bot(fake_discord: FakeDiscord, corpus_copy: Path, tmp_path: Path) -> AsyncIterator[QABot]:
    """The bot allowed to fetch from loopback, where the test site runs."""
    config = DiscordConfig(sync_state_file=tmp_path / "sync.json", fetch=FetchPolicy(allow_private=True))
    client, task = await start_bot(fake_discord, QAService.from_folder(corpus_copy, AnswerPolicy()), config)
    yield client
    await client.close()
    await task


def _add(fake: FakeDiscord, options: list[dict], resolved: dict | None = None) -> dict:
    return fake.slash_with("corpus", MANAGER, [{"name": "add", "type": 1, "options": options}], resolved or {})


async def test_url_option_fetches_saves_and_reports(
    fake_discord: FakeDiscord, link_bot: QABot, news_site: str, corpus_copy: Path
) -> None:
    """/corpus add url: saves the page's article with front matter, reloads, and reports it with the furniture."""
    options = [{"name": "url", "type": 3, "value": f"{news_site}/story"}]
    await fake_discord.dispatch("INTERACTION_CREATE", _add(fake_discord, options))
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    content = followup.body["content"]
    assert content.startswith(f"Added {SAVED}: “Seoul and Tokyo sign intelligence pact” (Harbour Times).")
    assert f"Removed as page furniture: {furniture_words()}× {OUTSIDE_ARTICLE}, 1× headline" in content
    assert_no_pings(followup.body)
    assert (corpus_copy / SAVED).read_text(encoding="utf-8").startswith("---\ntitle: Seoul and Tokyo")
    answer = await link_bot.service.ask_async("Who is Yasumasa Nagamine?")
    assert answer.quotes[0].article.source == "Harbour Times"


async def test_refused_url_says_why(fake_discord: FakeDiscord, link_bot: QABot, news_site: str) -> None:
    """A link that is not a page gets the fetcher's reason as the private reply."""
    options = [{"name": "url", "type": 3, "value": f"{news_site}/image"}]
    await fake_discord.dispatch("INTERACTION_CREATE", _add(fake_discord, options))
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    assert followup.body["content"] == messages.FETCH_WRONG_TYPE.format(content_type="image/png")


async def test_html_attachment_is_saved_as_text(fake_discord: FakeDiscord, link_bot: QABot, corpus_copy: Path) -> None:
    """A saved web page attached as .html is extracted and kept as .txt."""
    attachment = fake_discord.upload("pact.html", STORY_HTML.encode())
    options = [{"name": "file", "type": 11, "value": attachment["id"]}]
    await fake_discord.dispatch(
        "INTERACTION_CREATE", _add(fake_discord, options, {"attachments": {attachment["id"]: attachment}})
    )
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    assert followup.body["content"].startswith("Added pact.txt: “Seoul and Tokyo sign intelligence pact”")
    assert (corpus_copy / "pact.txt").exists() and not (corpus_copy / "pact.html").exists()


async def test_neither_file_nor_url_is_refused(fake_discord: FakeDiscord, link_bot: QABot) -> None:
    """/corpus add needs exactly one of file and url; the refusal explains it."""
    await fake_discord.dispatch("INTERACTION_CREATE", _add(fake_discord, []))
    callback = await fake_discord.wait_for(lambda c: c.path.endswith("/callback"))
    assert callback.body["data"]["content"] == messages.CORPUS_ADD_FILE_OR_URL
