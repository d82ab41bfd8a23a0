"""The core and the shared modules never import a chat platform; only adapters do."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PLATFORMS = ("discord", "slack_bolt", "slack_sdk", "aiohttp")
PLATFORM_FREE = sorted(
    [*(REPO / "bot" / "core").rglob("*.py"), REPO / "bot" / "settings.py", REPO / "bot" / "errors.py",
     REPO / "bot" / "messages.py", REPO / "bot" / "text.py"]
)  # fmt: skip


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", PLATFORM_FREE, ids=lambda p: str(p.relative_to(REPO)))
def test_module_imports_no_platform(path: Path) -> None:
    """No platform library, and no adapter package of ours, is imported here."""
    for name in _imports(path):
        assert name.split(".")[0] not in PLATFORMS, name
        assert not name.startswith(("bot.discord", "bot.slack", "bot.console")), name


def test_every_module_has_a_docstring() -> None:
    """Each module says in one line what it is for."""
    missing = [
        str(p.relative_to(REPO))
        for p in (REPO / "bot").rglob("*.py")
        if ast.get_docstring(ast.parse(p.read_text())) is None
    ]
    assert missing == []


ADAPTERS = {"discord": "slack", "slack": "discord"}
# What a front end may use of the core: the service, its data and the admin/store types it hands back.
# The pipeline itself (ingest, search, answer composition) stays behind QAService.
CORE_SURFACE = (
    "bot.core.service",
    "bot.core.models",
    "bot.core.admin.",
    "bot.core.answer.excerpt",  # shortening a quote around its bold sentence, for front ends with little room
    "bot.core.ingest.fetch",  # the fetch policy admins configure
    "bot.core.store.stats",
    "bot.core.store.storage",
    "bot.core.timeline.events",
)


@pytest.mark.parametrize(
    "path",
    sorted(p for name in ADAPTERS for p in (REPO / "bot" / name).rglob("*.py")),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_adapter_only_translates(path: Path) -> None:
    """A chat adapter imports the core only through its service surface, and never the other platform."""
    adapter = path.relative_to(REPO / "bot").parts[0]
    other = ADAPTERS[adapter]
    for name in _imports(path):
        if name.startswith("bot.core"):
            assert name.startswith(CORE_SURFACE), name
        assert name.split(".")[0] != other and not name.startswith(f"bot.{other}"), name
