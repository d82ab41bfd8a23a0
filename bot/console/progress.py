"""A progress line for long work in a terminal: rewritten in place on a terminal, a line per step otherwise."""

from __future__ import annotations

from typing import TextIO

from bot import messages

# Without a terminal, a new line is written at most every this share of a stage.
_STEP = 0.25


class ProgressLine:
    """A ``Progress`` callback writing "Reloading the corpus: reading articles (120 of 10,000)…" to ``stream``."""

    def __init__(self, stream: TextIO, template: str = messages.RELOAD_PROGRESS) -> None:
        self.stream = stream
        self.template = template
        self._in_place = stream.isatty()
        self._last: tuple[str, float] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        share = done / total if total else 1.0
        if not self._in_place and self._last is not None:
            last_stage, last_share = self._last
            if stage == last_stage and share - last_share < _STEP and done < total:
                return
        self._last = (stage, share)
        text = self.template.format(stage=stage, done=done, total=total)
        self.stream.write(f"\r\x1b[K{text}" if self._in_place else text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        """End an in-place line, so the next output starts on its own line."""
        if self._in_place and self._last is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        self._last = None
