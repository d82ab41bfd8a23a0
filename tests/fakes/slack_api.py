"""A small Slack served on 127.0.0.1: the Web API methods the bot uses, file uploads, response URLs and Socket Mode.

The real slack_sdk clients and slack_bolt talk to it through their own HTTP and websocket code. It records
every call in order, enforces Slack's Block Kit limits (a message breaking one is refused and listed in
``violations``), lists any text that would ping people (``pings``), and times Socket Mode acknowledgements.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

from tests.fakes.loopback import serve_on_loopback

BOT_TOKEN = "xoxb-test-bot-token"
APP_TOKEN = "xapp-test-app-token"
TEAM_ID = "T0TEAM"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
MEMBER_ID = "U0MEMBER"
ADMIN_ID = "U0ADMIN"
OWNER_ID = "U0OWNER"
CHANNEL_ID = "C0NEWS"
DM_ID = "D0MEMBER"
ALL_SCOPES = "app_mentions:read,channels:history,chat:write,commands,files:write,im:history,im:read,im:write,users:read"
WAIT_SECONDS = 20.0

# Slack's documented limits (docs.slack.dev/reference/block-kit).
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTION_ID = 255
# Markup that notifies people when Slack reads it in mrkdwn or top-level text.
_PING = re.compile(r"<[!@#]")


@dataclass
class Call:
    """One request the bot made: a Web API method, an upload or a response-URL post."""

    method: str
    body: dict[str, Any]
    token: str | None = None
    at: float = field(default_factory=time.monotonic)


@dataclass
class Envelope:
    """A Socket Mode envelope sent to the bot, and when (and with what) it was acknowledged."""

    envelope_id: str
    sent_at: float
    acked_at: float | None = None
    ack: dict[str, Any] | None = None

    @property
    def ack_seconds(self) -> float | None:
        return None if self.acked_at is None else self.acked_at - self.sent_at


def message_problems(body: dict[str, Any]) -> list[str]:
    """Which of Slack's rules a message body breaks (empty when Slack would take it)."""
    problems = []
    blocks = body.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if blocks and not body.get("text"):
        problems.append("blocks without a top-level text fallback")
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks")
    if body.get("link_names") not in (None, False, 0, "0", "false"):
        problems.append("link_names")
    if body.get("parse") == "full":
        problems.append("parse=full")
    for block in blocks:
        kind = block.get("type")
        if kind == "section" and len(block.get("text", {}).get("text", "")) > MAX_SECTION_TEXT:
            problems.append("section text over 3000")
        if kind == "header" and (
            block["text"].get("type") != "plain_text" or len(block["text"]["text"]) > MAX_HEADER_TEXT
        ):
            problems.append("header not plain text or over 150")
        if kind == "context" and len(block.get("elements", [])) > MAX_CONTEXT_ELEMENTS:
            problems.append("context with over 10 elements")
        for element in block.get("elements", []) if kind == "actions" else []:
            if len(element["text"]["text"]) > MAX_BUTTON_TEXT:
                problems.append("button text over 75")
            if len(element.get("value", "")) > MAX_BUTTON_VALUE:
                problems.append("button value over 2000")
            if len(element.get("action_id", "")) > MAX_ACTION_ID:
                problems.append("action_id over 255")
    return problems


def mrkdwn_texts(body: dict[str, Any]) -> list[str]:
    """Every text Slack would read as markup: the top-level text and each mrkdwn object."""
    texts = [str(body.get("text") or "")]
    blocks = body.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    for block in blocks:
        parts = [block.get("text") or {}, *block.get("elements", [])]
        texts += [p["text"] for p in parts if isinstance(p, dict) and p.get("type") == "mrkdwn"]
    return texts


class FakeSlack:
    """Web API, upload URLs, response URLs and a Socket Mode websocket on loopback."""

    def __init__(self, scopes: str | None = ALL_SCOPES, bot_token: str = BOT_TOKEN, app_token: str = APP_TOKEN):
        self.scopes = scopes
        self.bot_token = bot_token
        self.app_token = app_token
        self.admins = {ADMIN_ID}
        self.owners = {OWNER_ID}
        self.not_in_channels: set[str] = set()
        self.calls: list[Call] = []
        self.violations: list[tuple[str, list[str]]] = []
        self.pings: list[str] = []
        self.uploads: dict[str, bytes] = {}
        self.envelopes: dict[str, Envelope] = {}
        self.base_url = ""
        self._ws: web.WebSocketResponse | None = None
        self._connected = asyncio.Event()
        self._changed = asyncio.Condition()
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/"

    def response_url(self) -> str:
        return f"{self.base_url}/response/{uuid.uuid4().hex[:8]}"

    # -- lifecycle ----------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/response/{key}", self._response_url)
        app.router.add_get("/link", self._socket)
        self._runner, self.base_url = await serve_on_loopback(app)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what the tests use -------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def replies(self) -> list[Call]:
        """Messages the bot sent: chat.postMessage, chat.postEphemeral and response-URL posts."""
        return [c for c in self.calls if c.method in ("chat.postMessage", "chat.postEphemeral", "response_url")]

    async def wait_for(self, check: Callable[[], Any]) -> Any:
        """Wait (up to ``WAIT_SECONDS``) until ``check()`` returns something truthy, and return it."""
        async with asyncio.timeout(WAIT_SECONDS), self._changed:
            while not (result := check()):
                await self._changed.wait()
            return result

    async def wait_for_replies(self, count: int = 1) -> list[Call]:
        return await self.wait_for(lambda: len(self.replies()) >= count and self.replies())

    async def connected(self) -> None:
        await asyncio.wait_for(self._connected.wait(), WAIT_SECONDS)

    async def send_envelope(
        self, kind: str, payload: dict[str, Any], retry_attempt: int = 0, retry_reason: str = ""
    ) -> Envelope:
        """Push an envelope down the Socket Mode connection, as Slack does."""
        assert self._ws is not None, "the bot is not connected"
        envelope = Envelope(uuid.uuid4().hex, time.monotonic())
        self.envelopes[envelope.envelope_id] = envelope
        message = {
            "envelope_id": envelope.envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": retry_attempt,
            "retry_reason": retry_reason,
        }
        await self._ws.send_str(json.dumps(message))
        return envelope

    async def acknowledged(self, envelope: Envelope) -> Envelope:
        await self.wait_for(lambda: envelope.acked_at is not None)
        return envelope

    # -- Web API ------------------------------------------------------------------------------------

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                body.update(await request.json())
            else:
                body.update(parse_qsl(await request.text()))
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or body.get("token")
        expected = self.app_token if method == "apps.connections.open" else self.bot_token
        if token != expected:
            await self._record(Call(method, body, token))
            return web.json_response({"ok": False, "error": "invalid_auth"})
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"}, status=404)
        result: dict[str, Any] = handler(body)
        await self._record(Call(method, body, token))
        headers = {"x-oauth-scopes": self.scopes} if self.scopes is not None else {}
        return web.json_response(result, headers=headers)

    def _auth_test(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "team_id": TEAM_ID, "user": "newsbot"}

    def _apps_connections_open(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": self.base_url.replace("http://", "ws://") + "/link?ticket=t1"}

    def _message(self, body: dict[str, Any], kind: str) -> dict[str, Any]:
        problems = message_problems(body)
        self.pings += [t for t in mrkdwn_texts(body) if _PING.search(t)]
        if problems:
            self.violations.append((kind, problems))
            return {"ok": False, "error": "invalid_blocks", "problems": problems}
        if body.get("channel") in self.not_in_channels:
            return {"ok": False, "error": "not_in_channel"}
        return {"ok": True, "channel": body.get("channel"), "ts": f"1700000000.{next(self._ts):06d}"}

    def _chat_postMessage(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._message(body, "chat.postMessage")

    def _chat_postEphemeral(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._message(body, "chat.postEphemeral")

    def _chat_update(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._message(body, "chat.update")

    def _users_info(self, body: dict[str, Any]) -> dict[str, Any]:
        user = body.get("user", "")
        return {"ok": True, "user": {"id": user, "is_admin": user in self.admins, "is_owner": user in self.owners}}

    def _conversations_open(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": {"id": "D" + str(body.get("users", "")).removeprefix("U")}}

    def _files_getUploadURLExternal(self, body: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{len(self.uploads) + 1:04d}"
        self.uploads[file_id] = b""
        return {"ok": True, "upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(self, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("channel_id") in self.not_in_channels:
            return {"ok": False, "error": "not_in_channel"}
        files = json.loads(body["files"])
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        data = await request.read()
        self.uploads[file_id] = data
        await self._record(Call("upload", {"file_id": file_id, "size": len(data)}))
        return web.Response(text=f"OK - {len(data)}")

    async def _response_url(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.pings += [t for t in mrkdwn_texts(body) if _PING.search(t)]
        problems = message_problems(body)
        await self._record(Call("response_url", body | {"key": request.match_info["key"]}))
        if problems:
            self.violations.append(("response_url", problems))
            return web.Response(status=400, text="invalid_blocks")
        return web.Response(text="ok")

    # -- Socket Mode --------------------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._ws = ws
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0APP"}}))
        self._connected.set()
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            ack = json.loads(message.data)
            envelope = self.envelopes.get(ack.get("envelope_id", ""))
            if envelope is not None:
                async with self._changed:
                    envelope.acked_at, envelope.ack = time.monotonic(), ack
                    self._changed.notify_all()
        return ws
