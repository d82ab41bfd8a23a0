"""The console on a real terminal (a pseudo-terminal): line editing and history, Ctrl-D and Ctrl-C leave cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pty = pytest.importorskip("pty")
select = pytest.importorskip("select")


def _hear_ctrl_c() -> None:
    # A shell starting the tests in the background (`cmd &`, nohup) makes them ignore SIGINT, and an ignored
    # signal stays ignored in every child; a person's terminal never does that, so the bot starts as it would.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Terminal:
    """``python -m bot`` with a pseudo-terminal as its standard input and output."""

    def __init__(self, tmp_path: Path) -> None:
        master, slave = pty.openpty()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DISCORD_", "SLACK_"))}
        env.update(BOT_DATABASE=str(tmp_path / "bot.sqlite3"), TERM="xterm")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=tmp_path,
            preexec_fn=_hear_ctrl_c,
        )
        os.close(slave)
        self.master = master
        self.output = b""

    def read_until(self, wanted: bytes, timeout: float = 30) -> bool:
        """Collect output until ``wanted`` appears (True) or the time runs out or the process ends (False)."""
        end = time.monotonic() + timeout
        while wanted not in self.output and time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:  # the process closed the terminal
                    return wanted in self.output
        return wanted in self.output

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def exit_code(self, timeout: float = 10) -> int | None:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


@pytest.fixture
def terminal(tmp_path: Path):
    term = Terminal(tmp_path)
    yield term
    term.close()


def test_up_arrow_recalls_the_last_question_and_ctrl_d_ends_the_line(terminal: Terminal) -> None:
    """Arrow keys edit and recall history (no "^[[A" typed in); Ctrl-D leaves after a newline, exit code 0."""
    assert terminal.read_until(b"> ")
    terminal.type(b"What is GSOMIA?\r")
    assert terminal.read_until(b"passages)\r\n> ")  # keys typed before the prompt is back belong to no line
    answered = terminal.output.count(b"Here is what")
    terminal.output = b""
    terminal.type(b"\x1b[A\r")  # up arrow, then Enter: the same question again
    assert terminal.read_until(b"passages)\r\n> ")
    assert terminal.output.count(b"Here is what") == answered
    assert b"^[[A" not in terminal.output and b"[A" not in terminal.output
    terminal.type(b"\x04")
    assert terminal.exit_code() == 0
    terminal.read_until(b"\x00", timeout=0.5)
    assert terminal.output.endswith(b"> \r\n")


def test_ctrl_c_leaves_at_once_without_waiting_for_enter(terminal: Terminal) -> None:
    """Ctrl-C at the prompt ends the chat within seconds, with no traceback, and leaves the prompt line."""
    assert terminal.read_until(b"> ")
    terminal.process.send_signal(signal.SIGINT)
    assert terminal.exit_code(timeout=10) == 0
    terminal.read_until(b"\x00", timeout=0.5)
    assert b"Traceback" not in terminal.output and terminal.output.endswith(b"\r\n")
