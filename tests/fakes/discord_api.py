"""A small Discord API served on 127.0.0.1: the REST routes the bot uses and a gateway websocket.

The real discord.py client talks to it through its own HTTP and gateway code; the tests push
events (messages, interactions) the way Discord sends them and read back every request the bot
made, with its JSON body, in order.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes.loopback import serve_on_loopback

APP_ID = 900_000_000_000_000_001
BOT_ID = 900_000_000_000_000_002
GUILD_ID = 800_000_000_000_000_001
CHANNEL_ID = 800_000_000_000_000_002
QA_CHANNEL_ID = 800_000_000_000_000_003
ADMIN_ROLE_ID = 800_000_000_000_000_010
MEMBER_ID = 700_000_000_000_000_001
ADMIN_ID = 700_000_000_000_000_002
MESSAGE_CONTENT_INTENT = 1 << 15
MANAGE_GUILD = 1 << 5
EVERYONE_PERMISSIONS = 0x0000_0000_0006_4C41  # view channels, send messages, read history, use commands
TIMESTAMP = "2026-11-22T10:00:00.000000+00:00"
WAIT_SECONDS = 30.0

BOT_USER = {
    "id": str(BOT_ID),
    "username": "newsbot",
    "discriminator": "0",
    "global_name": None,
    "avatar": None,
    "bot": True,
}


def user(user_id: int, name: str) -> dict[str, Any]:
    return {"id": str(user_id), "username": name, "discriminator": "0", "global_name": name, "avatar": None}


def member(user_id: int, name: str, roles: list[int] | None = None, permissions: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "user": user(user_id, name),
        "roles": [str(r) for r in roles or []],
        "joined_at": TIMESTAMP,
        "deaf": False,
        "mute": False,
        "flags": 0,
    }
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


@dataclass
class Call:
    """One request the bot made."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: list[str] = field(default_factory=list)
    at: float = field(default_factory=time.monotonic)


class FakeDiscord:
    """REST + gateway on loopback, recording requests and heartbeats."""

    def __init__(self, token: str = "test-token", heartbeat_ms: int = 41_250, allow_message_content: bool = True):
        self.token = token
        self.heartbeat_ms = heartbeat_ms
        self.allow_message_content = allow_message_content
        self.calls: list[Call] = []
        # Every message object returned to the bot, so a test can click a button of one it sent.
        self.sent: list[dict[str, Any]] = []
        self.forbidden_channels: set[int] = set()
        # Servers the bot is not in: registering commands there is refused, as Discord does.
        self.foreign_guilds: set[int] = set()
        self.attachments: dict[str, bytes] = {}
        self.heartbeats: list[float] = []
        self.identify: dict[str, Any] | None = None
        self.ready = asyncio.Event()
        self._ws: web.WebSocketResponse | None = None
        self._sequence = itertools.count(1)
        self._ids = itertools.count(600_000_000_000_000_001)
        self._interaction_channels: dict[str, int] = {}
        self._runner: web.AppRunner | None = None
        self._new_call = asyncio.Condition()
        self.base_url = ""

    # -- lifecycle ----------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/attachments/{name}", self._attachment)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner, self.base_url = await serve_on_loopback(app)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def next_id(self) -> int:
        return next(self._ids)

    # -- what the tests use -------------------------------------------------------------------------

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event to the connected bot."""
        assert self._ws is not None, "the bot is not connected"
        await self._ws.send_str(json.dumps({"op": 0, "t": event, "s": next(self._sequence), "d": data}))

    async def wait_for(self, predicate: Callable[[Call], bool]) -> Call:
        """The first recorded call matching ``predicate``, waiting for it (for at most ``WAIT_SECONDS``)."""
        async with asyncio.timeout(WAIT_SECONDS), self._new_call:
            await self._new_call.wait_for(lambda: any(predicate(c) for c in self.calls))
        return next(c for c in self.calls if predicate(c))

    def calls_to(self, fragment: str, method: str | None = None) -> list[Call]:
        return [c for c in self.calls if fragment in c.path and (method is None or c.method == method)]

    def message_payload(
        self,
        content: str,
        author: dict[str, Any],
        channel_id: int = CHANNEL_ID,
        mentions: list[dict[str, Any]] | None = None,
        guild: bool = True,
        referenced: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A MESSAGE_CREATE payload as Discord sends it."""
        data: dict[str, Any] = {
            "id": str(self.next_id()),
            "channel_id": str(channel_id),
            "author": author,
            "content": content,
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": mentions or [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 19 if referenced else 0,
            "flags": 0,
            "components": [],
        }
        if guild:
            data["guild_id"] = str(GUILD_ID)
            data["member"] = {k: v for k, v in member(int(author["id"]), author["username"]).items() if k != "user"}
        if referenced:
            data["message_reference"] = {"message_id": referenced["id"], "channel_id": referenced["channel_id"]}
            data["referenced_message"] = referenced
        return data

    def interaction_payload(
        self,
        kind: int,
        data: dict[str, Any],
        invoker: dict[str, Any],
        message: dict[str, Any] | None = None,
        channel_id: int = CHANNEL_ID,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE payload: ``kind`` 2 for a slash command, 3 for a button, 4 for autocomplete."""
        token = f"interaction-token-{self.next_id()}"
        self._interaction_channels[token] = channel_id
        payload: dict[str, Any] = {
            "id": str(self.next_id()),
            "application_id": str(APP_ID),
            "type": kind,
            "data": data,
            "guild_id": str(GUILD_ID),
            "channel_id": str(channel_id),
            "channel": {"id": str(channel_id), "type": 0, "guild_id": str(GUILD_ID), "name": "news", "position": 0},
            "member": invoker,
            "token": token,
            "version": 1,
            "app_permissions": str((1 << 53) - 1),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10_485_760,
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0,
        }
        if message is not None:
            payload["message"] = message
        return payload

    def slash_with(
        self, name: str, invoker: dict[str, Any], options: list[dict[str, Any]], resolved: dict[str, Any]
    ) -> dict[str, Any]:
        """A slash command with options Discord resolves (attachments, channels, roles) and their objects."""
        data = {"id": str(self.next_id()), "name": name, "type": 1, "guild_id": str(GUILD_ID), "options": options,
                "resolved": resolved}  # fmt: skip
        return self.interaction_payload(2, data, invoker)

    def upload(self, file_name: str, data: bytes) -> dict[str, Any]:
        """Store a file as an attachment and return its resolved object."""
        self.attachments[file_name] = data
        return {
            "id": str(self.next_id()),
            "filename": file_name,
            "size": len(data),
            "url": f"{self.base_url}/attachments/{file_name}",
            "proxy_url": f"{self.base_url}/attachments/{file_name}",
            "content_type": "text/plain; charset=utf-8",
        }

    def slash(self, name: str, invoker: dict[str, Any], **options: Any) -> dict[str, Any]:
        """A slash command invocation with string/bool options, as in a server."""
        kinds = {str: 3, bool: 5, int: 4}
        data = {
            "id": str(self.next_id()),
            "name": name,
            "type": 1,
            "guild_id": str(GUILD_ID),
            "options": [{"name": k, "type": kinds[type(v)], "value": v} for k, v in options.items()],
        }
        return self.interaction_payload(2, data, invoker)

    def autocomplete(self, name: str, option: str, typed: str, invoker: dict[str, Any]) -> dict[str, Any]:
        """Typing into a slash command option that has autocomplete."""
        data = {
            "id": str(self.next_id()),
            "name": name,
            "type": 1,
            "guild_id": str(GUILD_ID),
            "options": [{"name": option, "type": 3, "value": typed, "focused": True}],
        }
        return self.interaction_payload(4, data, invoker)

    def button(self, custom_id: str, invoker: dict[str, Any], message: dict[str, Any]) -> dict[str, Any]:
        """A click on a button of ``message``."""
        return self.interaction_payload(3, {"custom_id": custom_id, "component_type": 2}, invoker, message=message)

    # -- REST ---------------------------------------------------------------------------------------

    async def _attachment(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        self.calls.append(Call("GET", f"/attachments/{name}", {}, None))
        if name not in self.attachments:
            return web.Response(status=404)
        return web.Response(body=self.attachments[name], content_type="text/plain")

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body: Any = None
        files: list[str] = []
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            body = json.loads(str(form["payload_json"]))
            files = [str(getattr(v, "filename", k)) for k, v in form.items() if k != "payload_json"]
        elif request.can_read_body:
            body = await request.json()
        call = Call(request.method, path, dict(request.query), body, files)
        async with self._new_call:
            self.calls.append(call)
            self._new_call.notify_all()
        # Interaction callbacks and webhooks are authorised by the token in their path, as on Discord.
        token_in_path = path.startswith(("/interactions/", "/webhooks/"))
        if not token_in_path and request.headers.get("Authorization") != f"Bot {self.token}":
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return self._route(call)

    def _route(self, call: Call) -> web.Response:
        method, path, body = call.method, call.path, call.body or {}
        parts = path.strip("/").split("/")
        if path == "/users/@me":
            return _json(BOT_USER)
        if path == "/oauth2/applications/@me":
            return _json(self._application())
        if method == "PUT" and parts[0] == "applications" and parts[-1] == "commands":
            if parts[2] == "guilds" and int(parts[3]) in self.foreign_guilds:
                return _json({"message": "Missing Access", "code": 50001}, status=403)
            return _json(
                [{**c, "id": str(self.next_id()), "application_id": str(APP_ID), "version": "1"} for c in body]
            )
        if method == "POST" and parts[0] == "interactions" and parts[-1] == "callback":
            return _json(self._callback(parts[1], parts[2], body))
        if parts[0] == "webhooks" and method in {"POST", "PATCH"}:
            channel = self._interaction_channels.get(parts[2], CHANNEL_ID)
            return _json(self.message(channel, body.get("data", body)))
        if method == "POST" and parts[0] == "channels" and parts[-1] == "messages":
            if int(parts[1]) in self.forbidden_channels:
                return _json({"message": "Missing Permissions", "code": 50013}, status=403)
            return _json(self.message(int(parts[1]), body))
        if method == "POST" and parts[0] == "channels" and parts[-1] == "threads":
            thread_id = self.next_id()
            return _json(
                {
                    "id": str(thread_id),
                    "type": 11,
                    "guild_id": str(GUILD_ID),
                    "parent_id": parts[1],
                    "owner_id": str(BOT_ID),
                    "name": body.get("name", "thread"),
                    "thread_metadata": {"archived": False, "auto_archive_duration": 1440, "locked": False,
                                        "archive_timestamp": TIMESTAMP},
                    "message_count": 0,
                    "member_count": 1,
                    "rate_limit_per_user": 0,
                }
            )  # fmt: skip
        if method == "POST" and parts[-1] == "typing":
            return web.Response(status=204)
        return _json({"message": "Unknown route in the fake", "code": 0}, status=404)

    def message(self, channel_id: int, body: dict[str, Any]) -> dict[str, Any]:
        """The message object Discord returns for what the bot sent."""
        sent = {
            "id": str(self.next_id()),
            "channel_id": str(channel_id),
            "author": BOT_USER,
            "content": body.get("content") or "",
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "pinned": False,
            "type": 0,
            "flags": body.get("flags") or 0,
            "components": body.get("components") or [],
        }
        self.sent.append(sent)
        return sent

    def _callback(self, interaction_id: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
        kind = body["type"]
        data = body.get("data") or {}
        flags = data.get("flags") or 0
        response: dict[str, Any] = {
            "interaction": {
                "id": interaction_id,
                "type": 2,
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(flags & 64),
            }
        }
        if kind == 8:
            response["interaction"]["type"] = 4
        if kind in (4, 7):
            channel = self._interaction_channels.get(token, CHANNEL_ID)
            response["resource"] = {"type": kind, "message": self.message(channel, data)}
        return response

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(APP_ID),
            "name": "newsbot",
            "icon": None,
            "description": "",
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "owner": user(ADMIN_ID, "owner"),
            "flags": 0,
            "summary": "",
        }

    # -- gateway ------------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": self.heartbeat_ms}, "s": None, "t": None}))
        async for frame in ws:
            if frame.type != WSMsgType.TEXT:
                continue
            payload = json.loads(frame.data)
            if payload["op"] == 1:
                self.heartbeats.append(time.monotonic())
                await ws.send_str(json.dumps({"op": 11, "d": None, "s": None, "t": None}))
            elif payload["op"] == 2:
                self.identify = payload["d"]
                if payload["d"]["intents"] & MESSAGE_CONTENT_INTENT and not self.allow_message_content:
                    await ws.close(code=4014, message=b"Disallowed intent(s).")
                    break
                await self._login_events()
        return ws

    async def _login_events(self) -> None:
        ready = {
            "v": 10,
            "user": BOT_USER,
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "session_id": "fake-session",
            "resume_gateway_url": self.base_url.replace("http", "ws") + "/gateway",
            "application": {"id": str(APP_ID), "flags": 0},
            "private_channels": [],
        }
        await self.dispatch("READY", ready)
        await self.dispatch("GUILD_CREATE", self._guild())
        self.ready.set()

    def _guild(self) -> dict[str, Any]:
        def role(role_id: int, name: str, permissions: int, position: int) -> dict[str, Any]:
            return {"id": str(role_id), "name": name, "permissions": str(permissions), "position": position,
                    "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}  # fmt: skip

        def channel(channel_id: int, name: str) -> dict[str, Any]:
            return {"id": str(channel_id), "type": 0, "guild_id": str(GUILD_ID), "name": name, "position": 0,
                    "permission_overwrites": [], "nsfw": False, "parent_id": None}  # fmt: skip

        return {
            "id": str(GUILD_ID),
            "name": "Newsroom",
            "owner_id": str(ADMIN_ID),
            "icon": None,
            "features": [],
            "roles": [
                role(GUILD_ID, "@everyone", EVERYONE_PERMISSIONS, 0),
                role(ADMIN_ROLE_ID, "corpus editors", EVERYONE_PERMISSIONS, 1),
            ],
            "channels": [channel(CHANNEL_ID, "news"), channel(QA_CHANNEL_ID, "ask-the-articles")],
            "members": [member(BOT_ID, "newsbot")],
            "member_count": 3,
            "emojis": [],
            "stickers": [],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "large": False,
            "unavailable": False,
            "joined_at": TIMESTAMP,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "system_channel_flags": 0,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
        }


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py parses JSON only when the content type is exactly "application/json".
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


def assert_no_pings(body: dict[str, Any]) -> None:
    """The message may ping no one: no parsed mentions, no listed users or roles, no reply ping."""
    allowed = body.get("allowed_mentions")
    assert allowed is not None, "every message must say which mentions are allowed"
    assert allowed.get("parse") == []
    assert not allowed.get("users") and not allowed.get("roles") and not allowed.get("replied_user")
