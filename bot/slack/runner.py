"""Starts the Slack front end in Socket Mode or as an HTTP endpoint, after checking the token and its scopes.

A start-up problem is one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_server import AsyncSlackAppServer
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.core.service import QAService
from bot.slack.app import build_app
from bot.slack.config import EVENTS_PATH, SlackConfig
from bot.slack.state import SlackBot

log = logging.getLogger(__name__)

# Mentions, DMs, replies, slash commands and admin checks; without one of these the bot cannot work.
REQUIRED_SCOPES = ("app_mentions:read", "chat:write", "commands", "im:history", "users:read")
FILES_SCOPE = "files:write"  # optional: pictures are skipped without it


class SlackStartError(Exception):
    """Start-up cannot go on; the message is the one line to print."""


@dataclass(frozen=True)
class RunningSlack:
    """A connected front end: the bolt app, the adapter's state, and the HTTP port (None in Socket Mode)."""

    app: AsyncApp
    bot: SlackBot
    port: int | None


async def check_token(client: AsyncWebClient, api_url: str) -> set[str] | None:
    """``auth.test``: the token's scopes (None when Slack does not say), or ``SlackStartError`` naming the problem."""
    try:
        response = await client.auth_test()
    except SlackApiError as error:
        raise SlackStartError(
            messages.SLACK_START_BAD_TOKEN.format(name="SLACK_BOT_TOKEN", error=error.response.get("error"))
        ) from None
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        raise SlackStartError(
            messages.SLACK_START_UNREACHABLE.format(url=api_url, reason=type(error).__name__)
        ) from None
    header = response.headers.get("x-oauth-scopes")
    if header is None:
        return None
    scopes = {scope.strip() for scope in str(header).split(",")}
    for scope in REQUIRED_SCOPES:
        if scope not in scopes:
            raise SlackStartError(messages.SLACK_START_MISSING_SCOPE.format(scope=scope))
    return scopes


@contextlib.asynccontextmanager
async def running_slack(service: QAService, config: SlackConfig) -> AsyncIterator[RunningSlack]:
    """Check the token, build the app and connect (Socket Mode) or listen (HTTP) for the block."""
    if not config.socket_mode and not config.signing_secret:
        raise SlackStartError(messages.SLACK_START_NO_MODE)
    client = AsyncWebClient(token=config.bot_token, base_url=config.api_url)
    scopes = await check_token(client, config.api_url)
    bot = SlackBot(service, config, files_allowed=scopes is None or FILES_SCOPE in scopes)
    app = build_app(bot, client)
    if config.app_token is not None:
        async with _socket_mode(app, client, config.app_token):
            log.info("connected to Slack in Socket Mode")
            yield RunningSlack(app, bot, None)
    else:
        async with _http_endpoint(app, config) as port:
            log.info("serving Slack events on port %d%s", port, EVENTS_PATH)
            yield RunningSlack(app, bot, port)


@contextlib.asynccontextmanager
async def _socket_mode(app: AsyncApp, client: AsyncWebClient, app_token: str) -> AsyncIterator[None]:
    handler = AsyncSocketModeHandler(app, app_token)
    try:
        try:
            # Asked here rather than by the handler, which would retry a rejected app token forever.
            opened = await client.apps_connections_open(app_token=app_token)
        except SlackApiError as error:
            raise SlackStartError(
                messages.SLACK_START_BAD_TOKEN.format(name="SLACK_APP_TOKEN", error=error.response.get("error"))
            ) from None
        handler.client.wss_uri = opened["url"]
        await handler.connect_async()  # type: ignore[no-untyped-call] # bolt leaves it unannotated
        yield
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call] # bolt leaves it unannotated


@contextlib.asynccontextmanager
async def _http_endpoint(app: AsyncApp, config: SlackConfig) -> AsyncIterator[int]:
    """bolt's aiohttp server (POST /slack/events, request signatures checked) on ``config.port``."""
    server = AsyncSlackAppServer(port=config.port, path=EVENTS_PATH, app=app, host=config.host)
    assert config.signing_secret is not None  # running_slack starts HTTP mode only with a signing secret
    server.web_app.middlewares.append(_signed_only(SignatureVerifier(config.signing_secret)))
    runner = web.AppRunner(server.web_app)
    await runner.setup()
    try:
        site = web.TCPSite(runner, config.host, config.port)
        try:
            await site.start()
        except OSError as error:
            raise SlackStartError(
                messages.SLACK_START_PORT_BUSY.format(port=config.port, reason=error.strerror)
            ) from None
        sockets = site._server.sockets if site._server else ()  # type: ignore[attr-defined] # the bound port, for port 0
        yield sockets[0].getsockname()[1] if sockets else config.port
    finally:
        await runner.cleanup()


def _signed_only(verifier: SignatureVerifier) -> Middleware:
    """Refuse a request Slack did not sign before bolt reads it.

    bolt parses the body before it checks the signature, so a stranger's malformed body (not JSON, a form
    without a payload) was a 500 and a logged traceback rather than a 401.
    """

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        body = await request.read()  # kept by aiohttp for bolt to read again; at most client_max_size (1 MiB)
        try:
            signed = verifier.is_valid_request(body, dict(request.headers))
        except ValueError:  # a timestamp header that is not a number
            signed = False
        if not signed:
            return web.json_response({"error": "invalid request"}, status=401)
        return await handler(request)

    return check


async def serve(service: QAService, config: SlackConfig) -> int:
    """Answer on Slack until cancelled; returns the exit code (2 after a one-line start-up error)."""
    try:
        async with running_slack(service, config):
            await asyncio.Event().wait()
    except SlackStartError as error:
        print(error, file=sys.stderr)
        return 2
    return 0
