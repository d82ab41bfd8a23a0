"""How long work reports how far it got: a callback taking a stage name, work done and work in total."""

from __future__ import annotations

from collections.abc import Callable

# ("reading articles", 120, 10000): the front end decides how to show it (a console line, an edited message).
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """The callback for work nobody watches."""
