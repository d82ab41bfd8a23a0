"""/reload: who may use it, what it reports, and that the gateway heartbeat keeps its rhythm while it runs."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from bot import messages
from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.discord.client import DiscordConfig, QABot
from tests.fakes.discord_api import (
    ADMIN_ID,
    ADMIN_ROLE_ID,
    MANAGE_GUILD,
    MEMBER_ID,
    Call,
    FakeDiscord,
    assert_no_pings,
    member,
)
from tests.test_discord.conftest import point_discord_at, start_bot

NOT_ADMIN = member(MEMBER_ID, "reader", permissions=0)
MANAGER = member(ADMIN_ID, "manager", permissions=MANAGE_GUILD)
EDITOR = member(ADMIN_ID, "editor", roles=[ADMIN_ROLE_ID], permissions=0)


async def _reload(fake: FakeDiscord, invoker: dict) -> Call:
    await fake.dispatch("INTERACTION_CREATE", fake.slash("reload", invoker))
    callback = await fake.wait_for(lambda c: c.path.endswith("/callback"))
    return callback


async def test_reload_is_refused_to_members_without_rights(fake_discord: FakeDiscord, bot: QABot) -> None:
    """A member without Manage Server or an admin role gets a private refusal and nothing reloads."""
    callback = await _reload(fake_discord, NOT_ADMIN)
    assert callback.body["type"] == 4
    assert callback.body["data"]["content"] == messages.DISCORD_NOT_ADMIN.format(command="/reload")
    assert callback.body["data"]["flags"] & 64


async def test_reload_command_is_hidden_by_default_permissions(fake_discord: FakeDiscord, bot: QABot) -> None:
    """The synced /reload asks Discord to show it only to members with Manage Server."""
    put = next(c for c in fake_discord.calls if c.method == "PUT" and c.path.endswith("/commands"))
    reload = next(c for c in put.body if c["name"] == "reload")
    assert int(reload["default_member_permissions"]) == MANAGE_GUILD


async def test_reload_by_a_manager_reports_changes(fake_discord: FakeDiscord, bot: QABot, corpus_copy: Path) -> None:
    """Manage Server may reload; the private reply names removed articles and failed files with reasons."""
    next(corpus_copy.glob("*reuters*")).unlink()
    (corpus_copy / "broken.txt").write_bytes(b"\xff\xfe\x00 not text")
    callback = await _reload(fake_discord, MANAGER)
    assert callback.body["type"] == 5 and callback.body["data"]["flags"] & 64
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    content = followup.body["content"]
    assert content.startswith("Reloaded: 4 articles")
    assert "Removed: 2016-11-14-reuters-preliminary-pact" in content
    assert "Failed: broken.txt: the file is binary, not text" in content
    assert followup.body["flags"] & 64
    assert_no_pings(followup.body)


async def test_reload_by_an_admin_role_with_everything_broken_keeps_serving(
    fake_discord: FakeDiscord, bot: QABot, corpus_copy: Path
) -> None:
    """A listed role may reload; if the folder is gone the old corpus keeps answering and the reply says so."""
    shutil.rmtree(corpus_copy)
    await _reload(fake_discord, EDITOR)
    followup = await fake_discord.wait_for(lambda c: c.path.startswith("/webhooks/"))
    assert followup.body["content"].startswith("The corpus was not reloaded:")
    assert "previous articles are still being served" in followup.body["content"]
    assert (await bot.service.ask_async("Who is Han Min-koo?")).answered


async def test_heartbeats_keep_their_rhythm_during_a_large_reload(
    corpus_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    """Reloading a 200-article corpus happens off the event loop (in a process): heartbeats keep coming every ~0.1 s."""
    fake = FakeDiscord(heartbeat_ms=100)
    await fake.start()
    point_discord_at(fake, monkeypatch)
    # With a saved corpus, as the bot runs, the reload builds in a child process.
    service = QAService.open(corpus_copy, tmp_path / "cache", AnswerPolicy())
    for n in range(40):
        for article in list(corpus_copy.glob("2016-*.txt"))[:5]:
            shutil.copy(article, corpus_copy / f"copy-{n}-{article.name}")
    config = DiscordConfig(sync_state_file=tmp_path / "sync.json")
    client, task = await start_bot(fake, service, config)
    try:
        await fake.dispatch("INTERACTION_CREATE", fake.slash("reload", MANAGER))
        started = (await fake.wait_for(lambda c: c.path.endswith("/callback"))).at
        # The report is the follow-up (POST); progress edits of the deferred reply (PATCH) come before it.
        report = await fake.wait_for(lambda c: c.method == "POST" and c.path.startswith("/webhooks/"))
        finished = report.at
        beats = [t for t in fake.heartbeats if started <= t <= finished]
        gaps = [b - a for a, b in itertools.pairwise(beats)]
        assert finished - started > 1.0, "the reload should take long enough to measure"
        assert len(beats) >= (finished - started) / 0.1 * 0.5
        print(f"reload {finished - started:.2f}s, {len(beats)} heartbeats, largest gap {max(gaps):.3f}s")
        assert max(gaps) < 0.5
    finally:
        await client.close()
        await task
        await fake.close()
