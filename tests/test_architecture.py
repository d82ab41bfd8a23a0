"""The core and the shared modules never import a chat platform; only adapters do."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PLATFORMS = ("discord", "slack_bolt", "slack_sdk", "aiohttp")
PLATFORM_FREE = sorted(
    [*(REPO / "bot" / "core").rglob("*.py"), REPO / "bot" / "settings.py", REPO / "bot" / "errors.py",
     REPO / "bot" / "messages.py", REPO / "bot" / "text.py", REPO / "bot" / "arguments.py"]
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


# Each front end and the libraries only it may import.
ADAPTERS = {"discord": ("discord",), "slack": ("slack_bolt", "slack_sdk"), "console": ()}
# The pipeline a front end must leave to QAService: loading, searching and composing answers. Front ends may use
# the service, its data types, and the helpers the core offers them for rendering (notes, excerpts) and admin.
PIPELINE = (
    "bot.core.corpus",
    "bot.core.search",
    "bot.core.ingest.read",
    "bot.core.ingest.clean",
    "bot.core.ingest.passages",
    "bot.core.answer.compose",
    "bot.core.answer.followup",
    "bot.core.timeline.question_time",
    "bot.core.store.migrations",
)


@pytest.mark.parametrize(
    "path",
    sorted(p for name in ADAPTERS for p in (REPO / "bot" / name).rglob("*.py")),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_adapter_only_translates(path: Path) -> None:
    """A front end leaves the pipeline to the service, and never imports another front end or its platform."""
    adapter = path.relative_to(REPO / "bot").parts[0]
    for name in _imports(path):
        assert not name.startswith(PIPELINE), name
        for other, libraries in ADAPTERS.items():
            if other != adapter:
                assert name.split(".")[0] not in libraries and not name.startswith(f"bot.{other}"), name


def test_the_command_line_imports_in_a_fresh_interpreter() -> None:
    """No import cycle breaks ``python -m bot``: its module imports first, in its own interpreter."""
    result = subprocess.run([sys.executable, "-c", "import bot.cli"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr[-500:]
