"""Draws data as PNG pictures for the chat front ends: the story's timeline and daily question counts."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from datetime import date

from matplotlib.figure import Figure

from bot.core.timeline.events import TimelineEvent

MAX_EVENTS_DRAWN = 40
_LABEL_WIDTH = 70


def timeline_png(events: Sequence[TimelineEvent]) -> io.BytesIO:
    """A vertical timeline: dates down the axis, each event labelled, its dot sized by its number of sources."""
    shown = list(events[:MAX_EVENTS_DRAWN])
    height = 1.2 + 0.42 * max(len(shown), 1)
    # The Figure API (not pyplot) keeps no global state, so pictures can be drawn in worker threads.
    figure = Figure(figsize=(11, height), dpi=100)
    axes = figure.add_subplot()
    positions = list(range(len(shown)))[::-1]
    sizes = [40 + 50 * (len(e.sources) - 1) for e in shown]
    axes.plot([0, 0], [-0.5, len(shown) - 0.5], color="#b0b4bb", linewidth=2, zorder=1)
    axes.scatter([0] * len(shown), positions, s=sizes, color="#5865f2", zorder=2)
    for y, event in zip(positions, shown, strict=True):
        count = len(event.sources)
        label = textwrap.shorten(event.text, _LABEL_WIDTH, placeholder="…")
        axes.text(0.08, y, f"{label}  ({count} source{'s' if count != 1 else ''})", va="center", fontsize=9)
    axes.set_yticks(positions, [e.date for e in shown], fontsize=9, fontweight="bold")
    axes.set_xlim(-0.05, 1.6)
    axes.set_ylim(-0.7, len(shown) - 0.3)
    axes.set_xticks([])
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    title = "Timeline" if len(events) <= len(shown) else f"Timeline (first {len(shown)} of {len(events)} events)"
    axes.set_title(title, loc="left", fontsize=11)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    buffer.seek(0)
    return buffer


def daily_counts_png(daily: Sequence[tuple[date, int, int]]) -> io.BytesIO:
    """Bars of questions asked per day, the answered part darker."""
    figure = Figure(figsize=(8, 3), dpi=100)
    axes = figure.add_subplot()
    positions = list(range(len(daily)))
    axes.bar(positions, [asked for _, asked, _ in daily], color="#b0b4f6", label="asked")
    axes.bar(positions, [answered for _, _, answered in daily], color="#5865f2", label="answered")
    step = max(1, len(daily) // 14)  # at most about 14 date labels
    axes.set_xticks(positions[::step], [d.strftime("%m-%d") for d, _, _ in daily][::step])
    axes.set_ylabel("questions")
    axes.legend(loc="upper left", frameon=False, fontsize=8)
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    buffer.seek(0)
    return buffer
