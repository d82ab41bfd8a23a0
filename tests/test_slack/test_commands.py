"""Slash commands and buttons over Socket Mode: /timeline, /sources, /reload, /stats, More… and the votes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.slack_api import ADMIN_ID, CHANNEL_ID, MEMBER_ID, OWNER_ID, FakeSlack
from tests.test_slack.conftest import Connected
from tests.test_slack.payloads import button_click, buttons_of, slash_command

QUESTION = "Who is Han Min-koo?"


async def run_command(fake: FakeSlack, command: str, text: str = "", user: str = MEMBER_ID) -> list[dict]:
    """Send a slash command, check it is acknowledged within 3 s, and return what came back on its response URL."""
    url = fake.response_url()
    envelope = await fake.acknowledged(
        await fake.send_envelope("slash_commands", slash_command(command, text, url, user))
    )
    assert envelope.ack_seconds is not None and envelope.ack_seconds < 3
    key = url.rsplit("/", 1)[1]
    posts = await fake.wait_for(lambda: [c.body for c in fake.calls_to("response_url") if c.body["key"] == key])
    return list(posts)


async def test_timeline_lists_dated_events_and_uploads_the_picture(slack: Connected) -> None:
    """/timeline posts the dated entries for the channel and shares the PNG there with files_upload_v2."""
    [posted] = await run_command(slack.fake, "/timeline", "from:2016 to:2016")
    assert posted["response_type"] == "in_channel"
    assert "*2016" in str(posted["blocks"]) and "2012" not in str(posted["blocks"])
    done = await slack.fake.wait_for(lambda: slack.fake.calls_to("files.completeUploadExternal"))
    assert done[0].body["channel_id"] == CHANNEL_ID
    [upload] = slack.fake.calls_to("upload")
    assert slack.fake.uploads[upload.body["file_id"]].startswith(b"\x89PNG")
    assert slack.fake.violations == []


async def test_timeline_without_files_scope_says_why_there_is_no_picture(slack: Connected) -> None:
    """Without files:write the entries still come, with a private note instead of the picture."""
    slack.running.bot.files_allowed = False
    posts = await run_command(slack.fake, "/timeline", "")
    await slack.fake.wait_for(lambda: len(slack.fake.calls_to("response_url")) >= 2)
    notes = [c.body for c in slack.fake.calls_to("response_url") if c.body.get("response_type") == "ephemeral"]
    assert posts and "files:write" in notes[0]["text"] and slack.fake.calls_to("upload") == []


async def test_timeline_with_a_bad_date_explains_privately(slack: Connected) -> None:
    """A date that is not a date gets the format explained, only to the person."""
    [posted] = await run_command(slack.fake, "/timeline", "from:yesterday")
    assert posted["response_type"] == "ephemeral" and "YYYY-MM-DD" in posted["text"]


async def test_sources_lists_the_articles_privately(slack: Connected) -> None:
    """/sources lists every article with its source and passage count."""
    [posted] = await run_command(slack.fake, "/sources")
    assert posted["response_type"] == "ephemeral"
    for info in slack.service.sources():
        assert info.article.source.replace("&", "&amp;") in str(posted["blocks"])


async def test_reload_is_refused_to_members(slack: Connected) -> None:
    """A member who is no admin gets a private refusal, and the corpus is not reloaded."""
    [posted] = await run_command(slack.fake, "/reload", user=MEMBER_ID)
    assert posted["response_type"] == "ephemeral" and "/reload" in posted["text"] and "admins" in posted["text"]
    assert slack.fake.calls_to("users.info")[-1].body["user"] == MEMBER_ID


async def test_reload_by_an_admin_reports_a_broken_file(slack: Connected, corpus_copy: Path) -> None:
    """A workspace admin may reload; the report names the file that failed and why, and answers keep coming."""
    (corpus_copy / "broken.txt").write_bytes(b"\xff\xfe\x00 not text")
    [posted] = await run_command(slack.fake, "/reload", user=ADMIN_ID)
    assert posted["response_type"] == "ephemeral"
    report = str(posted["blocks"])
    assert "Reloaded: 5 articles" in report and "broken.txt" in report and "binary" in report


@pytest.mark.parametrize("slack_admins", [frozenset({"U0LISTED"})])
async def test_owners_and_listed_users_are_admins(slack: Connected) -> None:
    """A workspace owner may reload, and so may a user id listed in the settings without asking Slack."""
    [by_owner] = await run_command(slack.fake, "/reload", user=OWNER_ID)
    assert "Reloaded" in by_owner["text"]
    asked = len(slack.fake.calls_to("users.info"))
    [by_listed] = await run_command(slack.fake, "/reload", user="U0LISTED")
    assert "Reloaded" in by_listed["text"] and len(slack.fake.calls_to("users.info")) == asked


async def test_stats_show_the_figures_and_send_the_chart_to_the_admin(slack: Connected) -> None:
    """/stats gives an admin the figures privately and the chart in their DM with the bot."""
    await run_command(slack.fake, "/ask", QUESTION)
    posts = await run_command(slack.fake, "/stats", "7", user=ADMIN_ID)
    assert posts[0]["response_type"] == "ephemeral" and "1 question, 100% answered" in posts[0]["text"]
    done = await slack.fake.wait_for(lambda: slack.fake.calls_to("files.completeUploadExternal"))
    assert done[0].body["channel_id"] == "D0ADMIN"
    assert slack.fake.calls_to("conversations.open")[0].body["users"] == ADMIN_ID


async def test_stats_refuse_members_and_bad_days(slack: Connected) -> None:
    """/stats is for admins, and takes a number of days from 1 to 365."""
    [refused] = await run_command(slack.fake, "/stats", user=MEMBER_ID)
    [bad] = await run_command(slack.fake, "/stats", "forever", user=ADMIN_ID)
    assert "admins" in refused["text"] and "1 to 365" in bad["text"]


async def test_more_shows_the_next_passages_to_the_clicker(slack: Connected) -> None:
    """More… answers privately with the passages after the ones shown, none repeated."""
    [answer] = await run_command(slack.fake, "/ask", "What is GSOMIA?")
    more = buttons_of(answer)["qa_more"]
    await slack.fake.send_envelope("interactive", button_click(more, slack.fake.response_url()))
    replies = await slack.fake.wait_for(lambda: slack.fake.calls_to("response_url")[1:])
    shown = slack.service.ask("What is GSOMIA?")
    following = slack.service.ask("What is GSOMIA?", offset=len(shown.quotes))
    body = replies[0].body
    assert body["response_type"] == "ephemeral" and body["replace_original"] is False
    assert following.quotes[0].article.source in str(body["blocks"])
    assert shown.has_more and following.quotes
    assert shown.quotes[0].passage.text[:60].replace("&", "&amp;") not in str(body["blocks"])


async def test_votes_are_stored_once_per_person(slack: Connected) -> None:
    """👍 then 👎 by one person leaves one vote, the last, against the logged question."""
    [answer] = await run_command(slack.fake, "/ask", QUESTION)
    buttons = buttons_of(answer)
    for action in ("qa_vote_up", "qa_vote_down"):
        await slack.fake.send_envelope("interactive", button_click(buttons[action], slack.fake.response_url()))
    thanks = await slack.fake.wait_for(
        lambda: [c for c in slack.fake.calls_to("response_url") if "👎" in c.body["text"]]
    )
    assert thanks[0].body["response_type"] == "ephemeral"
    storage = slack.service.storage
    assert storage is not None
    await storage.flush()
    rows = await storage.fetch("SELECT question_id, vote FROM feedback")
    assert [tuple(r) for r in rows] == [(buttons["qa_vote_up"]["value"], -1)]


async def test_a_more_button_this_bot_did_not_write_is_explained(slack: Connected) -> None:
    """A More… click whose value cannot be read back gets a private explanation, not an error."""
    forged = {"action_id": "qa_more", "text": {"type": "plain_text", "text": "More…"}, "value": "{not json"}
    await slack.fake.send_envelope("interactive", button_click(forged, slack.fake.response_url()))
    [reply] = await slack.fake.wait_for_replies()
    assert reply.body["response_type"] == "ephemeral" and "ask it again" in reply.body["text"]
