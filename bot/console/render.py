"""Renders answers, sources and reload reports as terminal text: the quote, then its source line."""

from __future__ import annotations

import textwrap

from bot import messages
from bot.core.answer.notes import reading_notes
from bot.core.control_chars import strip_control
from bot.core.models import Answer, Article, FileProblem, Quote, ReloadReport, SourceInfo
from bot.core.store.stats import Stats
from bot.core.timeline.events import TimelineEvent

BOLD, RESET = "\x1b[1m", "\x1b[0m"
WIDTH = 88


def render_answer(answer: Answer, color: bool = False, chat: bool = True) -> str:
    """Each quote indented with its best sentence in bold (when ``color``), then its source.

    ``chat`` is the console chat, whose hints name its commands (/more, /sources); the command line's name
    shell commands instead.
    """
    said = "\n".join([answer.message, *reading_notes(answer)])
    if not answer.answered:
        return f"{said}\n{messages.NOT_IN_CORPUS_HINT if chat else messages.CLI_NOT_IN_CORPUS_HINT}"
    if not answer.quotes:
        return said
    blocks = [said]
    blocks += [_render_quote(answer.offset + n, quote, color) for n, quote in enumerate(answer.quotes, start=1)]
    if answer.has_more and chat:
        blocks.append("(/more for further passages)")
    return "\n\n".join(blocks)


def _render_quote(number: int, quote: Quote, color: bool) -> str:
    start, end = quote.best_sentence
    text = quote.passage.text
    # Wrap first, then bold: escape codes would otherwise count towards the line width.
    marker_start, marker_end = "\x00", "\x01"
    marked = text[:start] + marker_start + text[start:end] + marker_end + text[end:]
    wrapped = textwrap.fill(marked, width=WIDTH, initial_indent=f"{number}. “", subsequent_indent="   ") + "”"
    wrapped = wrapped.replace(marker_start, BOLD if color else "").replace(marker_end, RESET if color else "")
    lines = [wrapped, "   — " + source_line(quote.article)]
    if quote.also_reported_by:
        lines.append("   also reported by " + ", ".join(a.source for a in quote.also_reported_by))
    return "\n".join(lines)


def source_line(article: Article) -> str:
    """``source · title · date · url``, leaving out what is unknown."""
    parts = [article.source, article.title]
    if article.published:
        parts.append(article.published.isoformat())
    if article.url:
        parts.append(article.url)
    return " · ".join(parts)


def render_timeline(events: list[TimelineEvent], color: bool = False) -> str:
    """One entry per event: the date (bold on a terminal), the event, and who reports it."""
    if not events:
        return messages.NO_TIMELINE_EVENTS
    bold, reset = (BOLD, RESET) if color else ("", "")
    lines = []
    for event in events:
        text = textwrap.fill(event.text, width=WIDTH, initial_indent="  ", subsequent_indent="  ")
        lines.append(f"{bold}{event.date}{reset}\n{text}\n  — {', '.join(event.sources)}")
    return "\n".join(lines)


def render_sources(sources: list[SourceInfo], problems: tuple[FileProblem, ...] = ()) -> str:
    """Each article with its id (what /corpus remove takes), then the files that failed or were noted."""
    lines = [f"{len(sources)} articles:"]
    for info in sources:
        lines.append(f"- {info.article.article_id}: {source_line(info.article)} ({info.passage_count} passages)")
    lines.extend(f"{'note' if p.loaded else '!'} {p.file_name}: {p.reason}" for p in problems)
    return "\n".join(lines)


def render_reload(report: ReloadReport) -> str:
    if report.kept_old:
        return messages.RELOAD_KEPT_OLD.format(reason=report.kept_old)
    lines = [f"Reloaded: {report.articles} articles, {report.passages} passages."]
    for label, ids in (("added", report.added), ("changed", report.changed), ("removed", report.removed)):
        if ids:
            lines.append(f"{label}: " + ", ".join(ids))
    lines.append(f"unchanged: {report.unchanged}")
    lines.extend(f"{'note' if p.loaded else 'failed'}: {p.file_name}: {p.reason}" for p in report.problems)
    return "\n".join(lines)


def render_stats(stats: Stats) -> str:
    """Questions per day, share answered, most asked, unanswered, feedback by article."""
    lines = [f"{messages.stats_period(stats.days)}: {messages.stats_summary(stats.asked, stats.answered_share)}"]
    lines += [
        f"  {day.isoformat()}  {asked:4d} asked, {answered:4d} answered"
        for day, asked, answered in stats.daily
        if asked  # a day without questions says nothing; the total above counts them all
    ]
    if stats.top_questions:
        lines.append("Most asked:")
        lines += [f"  {count}× {strip_control(text)}" for text, count in stats.top_questions]
    if stats.unanswered:
        lines.append("Not answered (what to add to the corpus next):")
        lines += [f"  {count}× {strip_control(text)}" for text, count in stats.unanswered]
    if stats.feedback:
        lines.append("Feedback by article:")
        lines += [f"  👍 {up}  👎 {down}  {title}" for title, up, down in stats.feedback]
    return "\n".join(lines)
