"""The app manifest in the README matches what the bot registers and needs."""

from __future__ import annotations

import json
import re

from bot.slack.runner import FILES_SCOPE, REQUIRED_SCOPES
from tests.conftest import REPO


def _manifest() -> dict:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    slack = readme[readme.index("## Slack") :]
    return json.loads(slack[slack.index("```json") + 7 : slack.index("```", slack.index("```json") + 7)])


def test_manifest_declares_every_command_the_bot_handles() -> None:
    """Each slash command the adapter registers is in the manifest, and no other."""
    source = "".join(p.read_text(encoding="utf-8") for p in (REPO / "bot" / "slack").glob("*.py"))
    registered = set(re.findall(r'app\.command\("(/\w+)"\)', source))
    declared = {c["command"] for c in _manifest()["features"]["slash_commands"]}
    assert registered == declared == {"/ask", "/timeline", "/sources", "/reload", "/stats"}


def test_manifest_grants_the_scopes_and_events_the_bot_needs() -> None:
    """The scopes start-up checks for (and the optional picture ones), the two events, Socket Mode on."""
    manifest = _manifest()
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {*REQUIRED_SCOPES, FILES_SCOPE, "im:write"} == scopes
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert settings["socket_mode_enabled"] is True and settings["interactivity"]["is_enabled"] is True
