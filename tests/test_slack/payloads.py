"""Request bodies shaped as Slack sends them: event callbacks, slash commands and button clicks."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

from tests.fakes.slack_api import CHANNEL_ID, DM_ID, MEMBER_ID, TEAM_ID

_ids = itertools.count(1)


def event_callback(event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    """The Events API wrapper around one event."""
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": "A0APP",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": "U0BOT", "is_bot": True}],
    }


def mention(text: str, user: str = MEMBER_ID, ts: str = "1700000001.000100", thread_ts: str | None = None) -> dict:
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@U0BOT> {text}",
        "ts": ts,
        "channel": CHANNEL_ID,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def direct_message(text: str, user: str = MEMBER_ID, **extra: Any) -> dict[str, Any]:
    ts = f"1700000002.{next(_ids):06d}"
    return {"type": "message", "channel_type": "im", "user": user, "text": text, "ts": ts, "channel": DM_ID} | extra


def slash_command(command: str, text: str, response_url: str, user: str = MEMBER_ID) -> dict[str, str]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "team_domain": "newsroom",
        "channel_id": CHANNEL_ID,
        "channel_name": "news",
        "user_id": user,
        "user_name": "someone",
        "command": command,
        "text": text,
        "api_app_id": "A0APP",
        "response_url": response_url,
        "trigger_id": f"{next(_ids)}.trigger",
    }


def button_click(action: dict[str, Any], response_url: str, user: str = MEMBER_ID) -> dict[str, Any]:
    """A block_actions payload for a click on ``action`` (a button as the bot sent it) in a channel message."""
    clicked = {
        "action_id": action["action_id"],
        "block_id": "b1",
        "text": action["text"],
        "type": "button",
        "action_ts": "1700000003.000001",
    }
    if "value" in action:
        clicked["value"] = action["value"]
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "someone", "team_id": TEAM_ID},
        "api_app_id": "A0APP",
        "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": "1700000000.000001", "channel_id": CHANNEL_ID},
        "trigger_id": f"{next(_ids)}.trigger",
        "team": {"id": TEAM_ID, "domain": "newsroom"},
        "channel": {"id": CHANNEL_ID, "name": "news"},
        "response_url": response_url,
        "actions": [clicked],
    }


def signed_headers(body: str, secret: str, timestamp: int | None = None, content_type: str = "") -> dict[str, str]:
    """Headers of a request signed as Slack signs them (v0 HMAC-SHA256 of ``v0:timestamp:body``)."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": content_type or "application/json",
    }


def form_body(fields: dict[str, str]) -> str:
    return urlencode(fields)


def actions_form(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


def buttons_of(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The buttons of a sent message, by action id."""
    blocks = body.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    return {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}
