"""Payloads no Slack app sends: refused or answered with a clear message, and the bot keeps serving."""

from __future__ import annotations

import json
import logging

import pytest

from tests.test_slack.conftest import SIGNING_SECRET, Connected
from tests.test_slack.payloads import event_callback, mention, signed_headers
from tests.test_slack.test_http_mode import FORM, post


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ("{{{not json", {"Content-Type": "application/json"}),
        ("null", {"Content-Type": "application/json"}),
        ("payload=%7B", {"Content-Type": FORM}),
        ("[" * 10_000, {"Content-Type": "application/json"}),
        ("{}", {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=00", "Content-Type": "application/json"}),
    ],
    ids=["not JSON", "null", "form with a broken payload", "deep nesting", "timestamp not a number"],
)
async def test_unsigned_malformed_bodies_get_401_without_a_traceback(
    slack_http: Connected, body: str, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    """A stranger's unparseable body is refused as unsigned (401), logs no error, and the bot still answers."""
    caplog.set_level(logging.ERROR)
    assert (await post(slack_http, body, headers))[0] == 401
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    good = json.dumps(event_callback(mention("What is GSOMIA?")))
    assert (await post(slack_http, good, signed_headers(good, SIGNING_SECRET)))[0] == 200
    [reply] = await slack_http.fake.wait_for_replies()
    assert "GSOMIA" in str(reply.body["blocks"])


@pytest.mark.parametrize(
    ("changes", "thread_ts"),
    [({"text": None}, "1700000500.000001"), ({"text": 42}, "1700000500.000001"), ({"ts": None}, None)],
    ids=["text null", "text a number", "no ts"],
)
async def test_mention_missing_a_field_gets_a_clear_reply(
    slack: Connected, changes: dict[str, object], thread_ts: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    """A mention with no usable text is an empty question; one without ts is still answered, in the channel."""
    caplog.set_level(logging.ERROR)
    event = mention("What is GSOMIA?", ts="1700000500.000001") | changes
    await slack.fake.send_envelope("events_api", event_callback(event))
    [reply] = await slack.fake.wait_for_replies()
    assert reply.body.get("thread_ts") == thread_ts
    if "text" in changes:
        assert reply.body["text"] == "Please ask a question: the message was empty."
    else:
        assert reply.method == "chat.postMessage" and "GSOMIA" in str(reply.body["blocks"])
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
