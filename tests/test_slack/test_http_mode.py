"""The HTTP Events API: signed requests are served, anything unsigned, mis-signed or stale gets 401 and nothing else."""

from __future__ import annotations

import asyncio
import json
import time

import aiohttp
import pytest

from tests.test_slack.conftest import SIGNING_SECRET, Connected
from tests.test_slack.payloads import (
    event_callback,
    form_body,
    mention,
    signed_headers,
    slash_command,
)

FORM = "application/x-www-form-urlencoded"


async def post(connected: Connected, body: str, headers: dict[str, str]) -> tuple[int, str]:
    url = f"http://127.0.0.1:{connected.running.port}/slack/events"
    async with aiohttp.ClientSession() as session, session.post(url, data=body.encode(), headers=headers) as response:
        return response.status, await response.text()


async def test_url_verification_returns_the_challenge(slack_http: Connected) -> None:
    """Slack's endpoint check gets its challenge back."""
    body = json.dumps({"token": "t", "challenge": "c-123", "type": "url_verification"})
    status, text = await post(slack_http, body, signed_headers(body, SIGNING_SECRET))
    assert status == 200 and json.loads(text) == {"challenge": "c-123"}


async def test_signed_mention_is_answered_in_its_thread(slack_http: Connected) -> None:
    """A correctly signed event is acknowledged with 200, then answered in a thread."""
    body = json.dumps(event_callback(mention("What is GSOMIA?", ts="1700000100.000001")))
    status, _ = await post(slack_http, body, signed_headers(body, SIGNING_SECRET))
    assert status == 200
    [reply] = await slack_http.fake.wait_for_replies()
    assert reply.body["thread_ts"] == "1700000100.000001" and "GSOMIA" in str(reply.body["blocks"])


async def test_signed_command_is_answered_through_its_response_url(slack_http: Connected) -> None:
    """A signed /ask (a form post) is acknowledged and answered through the response URL."""
    body = form_body(slash_command("/ask", "Who is Han Min-koo?", slack_http.fake.response_url()))
    status, _ = await post(slack_http, body, signed_headers(body, SIGNING_SECRET, content_type=FORM))
    assert status == 200
    [reply] = await slack_http.fake.wait_for_replies()
    assert reply.method == "response_url" and "Han Min-koo" in str(reply.body["blocks"])


@pytest.mark.parametrize(
    ("secret", "age"),
    [("wrong-secret", 0), (SIGNING_SECRET, 6 * 60)],
    ids=["wrong signature", "timestamp older than 5 minutes"],
)
async def test_bad_signatures_get_401_and_nothing_happens(slack_http: Connected, secret: str, age: int) -> None:
    """A wrong signature or a stale timestamp is refused with 401; the bot calls no Slack method at all."""
    calls_before = len(slack_http.fake.calls)
    body = json.dumps(event_callback(mention("What is GSOMIA?")))
    status, _ = await post(slack_http, body, signed_headers(body, secret, timestamp=int(time.time()) - age))
    command = form_body(slash_command("/reload", "", slack_http.fake.response_url()))
    command_status, _ = await post(slack_http, command, signed_headers(command, secret, int(time.time()) - age, FORM))
    assert (status, command_status) == (401, 401)
    assert len(slack_http.fake.calls) == calls_before


async def test_unsigned_request_gets_401(slack_http: Connected) -> None:
    """A request without Slack's signature headers is refused."""
    body = json.dumps(event_callback(mention("What is GSOMIA?")))
    status, _ = await post(slack_http, body, {"Content-Type": "application/json"})
    assert status == 401 and slack_http.fake.replies() == []


async def test_retried_http_event_is_answered_once(slack_http: Connected) -> None:
    """Slack's HTTP retry (same event_id, X-Slack-Retry-Num) is acknowledged but not answered twice."""
    body = json.dumps(event_callback(mention("What is GSOMIA?"), event_id="Ev0HTTPRETRY"))
    assert (await post(slack_http, body, signed_headers(body, SIGNING_SECRET)))[0] == 200
    retry = signed_headers(body, SIGNING_SECRET) | {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert (await post(slack_http, body, retry))[0] == 200
    await slack_http.fake.wait_for_replies()
    await asyncio.sleep(0.3)  # time for a second answer, were one coming
    assert len(slack_http.fake.replies()) == 1
