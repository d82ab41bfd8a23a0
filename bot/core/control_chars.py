"""Makes untrusted text safe to store and print: no terminal escapes, control characters or lone surrogates."""

from __future__ import annotations

import re
import unicodedata

# Terminal escape sequences as a whole (CSI "\x1b[2J", OSC "\x1b]0;title\x07", two-character "\x1bc"), so that
# no "[2J" residue is left behind. Each part is a single character class, so matching stays linear.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]?"
)
# C0 controls except tab and newline, DEL, and C1 controls: never meant to be shown.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates cannot be encoded as UTF-8: SQLite, files and terminals all refuse them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NEEDS_WORK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def strip_control(text: str) -> str:
    """``text`` with escape sequences removed, other control characters as spaces, lone surrogates as U+FFFD.

    Tabs and newlines are kept; everything else prints as it reads.
    """
    if not _NEEDS_WORK.search(text):
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _SURROGATE.sub("\ufffd", text)


def is_blank(text: str) -> bool:
    """Nothing to read: only white space and invisible format characters (zero-width spaces, joiners, BOMs)."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def replace_surrogates(text: str) -> str:
    """``text`` with lone surrogates (from undecodable bytes, e.g. in file names) as U+FFFD, so it can be encoded."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def printable_name(name: str) -> str:
    """A file name fit for one report or log line: newlines, controls and surrogates shown as escapes."""
    if name.isprintable():
        return name
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in name
    )
