"""Draws data as PNG pictures for the chat front ends: the story's timeline and daily question counts."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from bot import messages
from bot.core.timeline.events import TimelineEvent
from bot.core.timeline.labels import date_words, short_label, short_sources
from bot.errors import UserError

# A picture is read in a chat preview about 500 px wide: ten events in large type is what fits.
MAX_EVENTS_DRAWN = 10
# Events further apart than this sit on separate pieces of a broken time axis.
ERA_GAP_DAYS = 730
_AXIS_X, _LABEL_X = 0.1, 0.2
_INK, _MUTED, _ACCENT = "#1f2328", "#57606a", "#5865f2"


def timeline_png(events: Sequence[TimelineEvent], title: str | None = None) -> io.BytesIO:
    """The timeline picture as PNG bytes (see ``timeline_figure``)."""
    buffer = io.BytesIO()
    timeline_figure(events, title).savefig(buffer, format="png")
    buffer.seek(0)
    return buffer


def write_timeline_png(events: Sequence[TimelineEvent], file: str | Path, title: str | None = None) -> str:
    """Draw the timeline into ``file`` and say so; a name not ending in .png or an unwritable place is a UserError."""
    path = Path(file).expanduser()
    if path.suffix.lower() != ".png":
        raise UserError(messages.TIMELINE_PICTURE_NOT_PNG.format(path=path))
    try:
        path.write_bytes(timeline_png(events, title).getvalue())
    except OSError as error:
        raise UserError(messages.TIMELINE_PICTURE_FAILED.format(path=path, reason=error.strerror or error)) from None
    return messages.TIMELINE_PICTURE_WRITTEN.format(events=min(len(events), MAX_EVENTS_DRAWN), path=path)


def timeline_figure(events: Sequence[TimelineEvent], title: str | None = None) -> Figure:
    """Events on a true time axis, broken where years pass without events; each labelled with date, words, sources.

    With more events than fit, the most widely reported are drawn and the subtitle says so. Text is
    drawn literally (no math from "$"), since it comes from articles.
    """
    shown = _most_reported(events)
    eras = _eras(shown)
    rows = len(shown) + 0.7 * (len(eras) - 1)
    figure = Figure(figsize=(12, 1.7 + 0.76 * max(rows, 1)), dpi=100)
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    axes.set_axis_off()
    top = rows + 1.6
    axes.set_xlim(0, 1)
    axes.set_ylim(-0.2, top)
    _text(axes, 0.03, top - 0.55, title or "Timeline", size=24, weight="bold")
    _text(axes, 0.03, top - 1.15, _subtitle(events, shown), size=14, color=_MUTED)
    y = rows - 0.5
    for number, era in enumerate(eras):
        if number:
            gap_years = round((era[0].period.start - eras[number - 1][-1].period.end).days / 365.25)
            _text(axes, _AXIS_X, y + 0.5, f"≈ {gap_years} years later", size=14, color=_MUTED, ha="center")
            y -= 0.7
        y = _draw_era(axes, era, y)
    return figure


def _most_reported(events: Sequence[TimelineEvent]) -> list[TimelineEvent]:
    """The events to draw, in time order: all of them, or those most widely reported."""
    if len(events) <= MAX_EVENTS_DRAWN:
        return list(events)
    ranked = sorted(range(len(events)), key=lambda n: (-len(events[n].sources), events[n].period.days, n))
    return [events[n] for n in sorted(ranked[:MAX_EVENTS_DRAWN])]


def _eras(events: Sequence[TimelineEvent]) -> list[list[TimelineEvent]]:
    eras: list[list[TimelineEvent]] = []
    for event in events:
        if eras and (event.period.start - max(e.period.end for e in eras[-1])).days < ERA_GAP_DAYS:
            eras[-1].append(event)
        else:
            eras.append([event])
    return eras


def _draw_era(axes: Axes, era: list[TimelineEvent], y: float) -> float:
    """One unbroken piece of the axis, time running down it to scale; returns the next free row."""
    first, last = y + 0.3, y - len(era) + 0.7
    start = min(e.period.start for e in era).toordinal()
    end = max(e.period.end for e in era).toordinal()
    axes.plot([_AXIS_X, _AXIS_X], [first, last], color="#b0b4bb", linewidth=3, solid_capstyle="round", zorder=1)
    # The ends of the piece say what stretch of time it covers: years, or months within one year.
    within_year = date.fromordinal(start).year == date.fromordinal(end).year
    for at, day in ((first, date.fromordinal(start)), (last, date.fromordinal(end))):
        if at == first or len(era) > 1:
            tick = f"{day:%b %Y}" if within_year and len(era) > 1 else _year(day)
            _text(axes, _AXIS_X - 0.015, at, tick, size=14, color=_MUTED, ha="right")
    for event in era:
        middle = (event.period.start.toordinal() + event.period.end.toordinal()) / 2
        at = first - (first - last) * ((middle - start) / (end - start) if end > start else 0.5)
        axes.scatter([_AXIS_X], [at], s=60 + 45 * min(len(event.sources), 5), color=_ACCENT, zorder=3)
        axes.plot([_AXIS_X, _LABEL_X - 0.012], [at, y], color="#d0d7de", linewidth=1, zorder=2)
        expected = " · expected" if all(m.forecast for m in event.mentions) else ""
        _text(axes, _LABEL_X, y + 0.2, date_words(event.date) + expected, size=19, weight="bold")
        _text(axes, 0.97, y + 0.2, short_sources(event.sources), size=14, color=_MUTED, ha="right")
        _text(axes, _LABEL_X, y - 0.2, short_label(event), size=17)
        y -= 1
    return y


def _subtitle(events: Sequence[TimelineEvent], shown: Sequence[TimelineEvent]) -> str:
    if not events:
        return "No dated events"
    articles = len({a for e in events for a in e.article_ids})
    counted = (
        f"{len(events)} event{'s' if len(events) != 1 else ''} from {articles} article{'s' if articles != 1 else ''}"
    )
    if len(shown) < len(events):
        counted = f"The {len(shown)} most widely reported of {counted}"
    return f"{counted} · {_year(events[0].period.start)}–{_year(max(e.period.end for e in events))}"


def _year(day: date) -> str:
    return str(day.year)


def _text(axes: Axes, x: float, y: float, text: str, size: float, **style: Any) -> None:
    """Text as written: no math from "$", no TeX, whatever the article says."""
    axes.text(
        x, y, text, fontsize=size, va="center", color=style.pop("color", _INK), usetex=False, parse_math=False, **style
    )


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
