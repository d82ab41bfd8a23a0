"""Reads the words typed after a command into its arguments, for every front end that takes typed commands."""

from __future__ import annotations


def parse_timeline_args(text: str) -> tuple[str | None, str | None, str | None]:
    """Split ``/timeline`` arguments: ``from:DATE`` and ``to:DATE`` anywhere, the rest is the topic."""
    start = end = None
    topic_words = []
    for word in text.split():
        key, colon, value = word.partition(":")
        if colon and key.lower() == "from":
            start = value
        elif colon and key.lower() == "to":
            end = value
        else:
            topic_words.append(word)
    return " ".join(topic_words) or None, start, end


def split_png_option(text: str) -> tuple[str, str | None]:
    """Take ``png:FILE`` out of ``/timeline`` arguments: the rest, and the file to draw the picture in."""
    picture = None
    kept = []
    for word in text.split():
        key, colon, value = word.partition(":")
        if colon and key.lower() == "png" and value:
            picture = value
        else:
            kept.append(word)
    return " ".join(kept), picture
