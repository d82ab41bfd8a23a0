"""Turns core answers, sources, timelines and reports into Block Kit: escaped, ping-free and within Slack's limits.

Every message is a ``(text, blocks)`` pair: ``text`` is the top-level fallback Slack shows in notifications.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot import messages
from bot.core.answer.excerpt import Excerpt, excerpt
from bot.core.answer.notes import reading_notes
from bot.core.models import Answer, Article, Quote, ReloadReport, SourceInfo
from bot.core.store.stats import Stats
from bot.core.timeline.events import TimelineEvent
from bot.text import pack_lines, shorten

Block = dict[str, Any]
Message = tuple[str, list[Block]]

BLOCKS_PER_MESSAGE = 50
SECTION_TEXT_LIMIT = 3000
HEADER_LIMIT = 150
CONTEXT_ELEMENTS = 10
BUTTON_TEXT_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
FALLBACK_LIMIT = 3000
TIMELINE_MESSAGES = 4  # a response URL takes five posts; one is kept for the picture's note

MORE_ACTION = "qa_more"
VOTE_ACTIONS = {"qa_vote_up": True, "qa_vote_down": False}


def escape(text: str) -> str:
    """Slack's three control characters as entities, so ``<!channel>`` or ``<@U1>`` in text show as text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escaped_within(text: str, limit: int) -> str:
    """``text`` shortened at a sentence end so that it still fits once escaped (entities are longer)."""
    room = limit
    while len(escaped := escape(shorten(text, room))) > limit:
        room -= max(len(escaped) - limit, 10)
    return escaped


def _bold(text: str) -> str:
    """Bold each non-empty line: Slack's ``*`` markers must hug the words and stay on one line."""
    lines = []
    for line in text.split("\n"):
        core = line.strip()
        lead, trail = line[: len(line) - len(line.lstrip())], line[len(line.rstrip()) :]
        lines.append(f"{lead}*{core}*{trail}" if core else line)
    return "\n".join(lines)


def plain(text: str, limit: int) -> Block:
    """A ``plain_text`` object: Slack never reads mentions or markup in it, so nothing is escaped."""
    return {"type": "plain_text", "text": shorten(text, limit) or "…", "emoji": True}


def mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, HEADER_LIMIT)}


def section(escaped_text: str) -> Block:
    return {"type": "section", "text": mrkdwn(escaped_text)}


def context(*escaped_texts: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(t) for t in escaped_texts[:CONTEXT_ELEMENTS]]}


def sections(lines: Sequence[str]) -> list[Block]:
    """Escaped lines packed into as few sections as the section limit allows."""
    return [section(chunk) for chunk in pack_lines(lines, SECTION_TEXT_LIMIT)]


def date_text(article: Article) -> str:
    return article.published.isoformat() if article.published else "undated"


def source_line(article: Article) -> str:
    """``source · title · date``, the title linked to the article when its URL is known (escaped mrkdwn)."""
    title = escape(shorten(article.title, 150))
    if article.url:
        url = escape(article.url).replace("|", "%7C")
        title = f"<{url}|{title}>"
    return f"{escape(article.source)} · {title} · {date_text(article)}"


def _bolded(part: Excerpt) -> str:
    return escape(part.before) + _bold(escape(part.bold)) + escape(part.after)


def _quoted(body: str) -> str:
    return "\n".join(">" + line for line in body.split("\n"))


def quote_text(quote: Quote, limit: int = SECTION_TEXT_LIMIT) -> str:
    """The passage as a ``>`` quote with its best sentence in bold, shortened around that sentence if too long."""
    start, end = quote.best_sentence
    text = quote.passage.text
    body = _quoted(_bolded(Excerpt(text[:start], text[start:end], text[end:])))
    if len(body) > limit:
        # Keep the bold sentence and the sentences holding most of the question, as Discord does.
        body = _quoted(_bolded(excerpt(quote, lambda part: len(_quoted(_bolded(part))) <= limit)))
    return body


def answer_message(answer: Answer) -> Message:
    """The answer: the question as header, how it was read, each quote with its source, and buttons."""
    notes = reading_notes(answer)
    said = " ".join([answer.message, *notes])
    if not answer.quotes:
        text = said if answer.answered else f"{said} {messages.NOT_IN_CORPUS_HINT}"
        return _escaped_within(text, FALLBACK_LIMIT), [section(_escaped_within(text, SECTION_TEXT_LIMIT))]
    blocks: list[Block] = [header(answer.question), section(escape(answer.message))]
    if notes:  # how the question was read, above the quotes as on the other front ends
        blocks.append(context(*(_escaped_within(note, SECTION_TEXT_LIMIT) for note in notes)))
    for quote in answer.quotes:
        blocks.append(section(quote_text(quote)))
        details = [source_line(quote.article)]
        if quote.also_reported_by:
            others = ", ".join(escape(a.source) for a in quote.also_reported_by)
            details.append(shorten("also reported by " + others, SECTION_TEXT_LIMIT))
        blocks.append(context(*details))
    blocks = blocks[: BLOCKS_PER_MESSAGE - 1]
    blocks.append(answer_buttons(answer))
    first = answer.quotes[0]
    fallback = f"{answer.message}\n“{first.best_sentence_text}” ({first.article.source})"
    return _escaped_within(fallback, FALLBACK_LIMIT), blocks


@dataclass(frozen=True, slots=True)
class MoreRequest:
    """What a More… button asks for: the question (or, when too long to carry, its logged id), from which passage
    on, and the question it followed up."""

    question: str | None
    offset: int
    context: str | None = None
    question_id: str | None = None


def more_value(request: MoreRequest) -> str | None:
    """What the More button carries: the whole question if it fits, else the logged id; None when neither fits."""
    data: dict[str, Any] = {"q": request.question, "o": request.offset}
    if request.context:
        data["c"] = request.context
    value = json.dumps(data, ensure_ascii=False)
    if len(value) > BUTTON_VALUE_LIMIT and request.question_id:
        # The question log keeps the full text (an admin may allow questions longer than a button value).
        value = json.dumps({"i": request.question_id, "o": request.offset})
    return value if len(value) <= BUTTON_VALUE_LIMIT else None


def read_more_value(value: str) -> MoreRequest | None:
    """The request back from a More button; None for a value this bot did not write."""
    try:
        data = json.loads(value)
        question, question_id, offset, context = data.get("q"), data.get("i"), data["o"], data.get("c")
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if not isinstance(question, str | None) or not isinstance(question_id, str | None):
        return None
    if (question or question_id) is None or not isinstance(offset, int) or offset < 0:
        return None
    return MoreRequest(question, offset, context if isinstance(context, str) else None, question_id)


def answer_buttons(answer: Answer) -> Block:
    """More… (when there are more passages), 👍 and 👎; votes carry the logged question's id."""
    elements: list[Block] = []
    asked = MoreRequest(answer.question, answer.offset + len(answer.quotes), answer.context, answer.question_id)
    value = more_value(asked)
    if answer.has_more and value is not None:
        elements.append(_button(messages.SLACK_MORE_BUTTON, MORE_ACTION, value))
    for action_id, label in zip(VOTE_ACTIONS, ("👍", "👎"), strict=True):
        elements.append(_button(label, action_id, answer.question_id))
    return {"type": "actions", "elements": elements}


def _button(label: str, action_id: str, value: str | None) -> Block:
    button: Block = {"type": "button", "text": plain(label, BUTTON_TEXT_LIMIT), "action_id": action_id}
    if value:
        button["value"] = value
    return button


def timeline_messages(events: Sequence[TimelineEvent], title: str) -> list[Message]:
    """The dated entries, oldest first, packed into sections and split over at most four messages."""
    if not events:
        return [(escape(messages.NO_TIMELINE_EVENTS), [section(escape(messages.NO_TIMELINE_EVENTS))])]
    entries = [
        f"*{escape(e.date)}*\n{_escaped_within(e.text, 1500)}\n— {_escaped_within(', '.join(e.sources), 500)}"
        for e in events
    ]
    chunks = pack_lines(entries, SECTION_TEXT_LIMIT, separator="\n\n")
    per_message = BLOCKS_PER_MESSAGE - 2  # the header and a closing note
    pages = [chunks[i : i + per_message] for i in range(0, len(chunks), per_message)]
    result: list[Message] = []
    for number, page in enumerate(pages[:TIMELINE_MESSAGES]):
        blocks = ([header(title)] if number == 0 else []) + [section(chunk) for chunk in page]
        result.append((escape(f"{title} ({len(events)} events)"), blocks))
    if len(pages) > TIMELINE_MESSAGES:
        shown = sum(chunk.count("\n\n") + 1 for page in pages[:TIMELINE_MESSAGES] for chunk in page)
        note = escape(messages.SLACK_MORE_EVENTS.format(count=len(events) - shown))
        result[-1][1].append(context(note))
    return result


def sources_message(sources: Sequence[SourceInfo], problems: Sequence[tuple[str, str]] = ()) -> Message:
    """The articles, newest first, with passage counts and any file that failed to load."""
    lines = [f"• {source_line(s.article)} ({s.passage_count} passages)" for s in sources]
    lines += [f"Not loaded: {escape(name)}: {escape(reason)}" for name, reason in problems]
    title = f"{len(sources)} articles"
    return _fit(escape(title), [header(title), *sections(lines)])


def reload_message(report: ReloadReport) -> Message:
    """What a reload added, changed and removed, and which files failed and why."""
    if report.kept_old:
        text = escape(messages.RELOAD_KEPT_OLD.format(reason=report.kept_old))
        return _escaped_within(messages.RELOAD_KEPT_OLD.format(reason=report.kept_old), FALLBACK_LIMIT), [section(text)]
    summary = f"Reloaded: {report.articles} articles, {report.passages} passages."
    lines = [escape(summary)]
    for label, ids in (("Added", report.added), ("Changed", report.changed), ("Removed", report.removed)):
        if ids:
            lines.append(f"*{label}*: " + ", ".join(escape(i) for i in ids))
    lines.append(f"*Unchanged*: {report.unchanged}")
    lines += [f"*Failed*: {escape(p.file_name)}: {escape(p.reason)}" for p in report.problems]
    return _fit(escape(summary), sections(lines))


def stats_message(stats: Stats) -> Message:
    """The figures of /stats; the daily chart goes out as a file."""
    summary = messages.stats_summary(stats.asked, stats.answered_share)
    blocks = [header(messages.stats_period(stats.days)), section(escape(summary))]
    groups = (
        ("Most asked", [f"{n}× {escape(shorten(q, 200))}" for q, n in stats.top_questions]),
        ("Not answered: what to add next", [f"{n}× {escape(shorten(q, 200))}" for q, n in stats.unanswered]),
        ("Feedback by article", [f"👍 {up} 👎 {down} · {escape(t)}" for t, up, down in stats.feedback]),
    )
    for name, lines in groups:
        if lines:
            blocks += sections([f"*{name}*", *lines])
    return _fit(escape(f"{messages.stats_period(stats.days)}: {summary}"), blocks)


def _fit(text: str, blocks: list[Block]) -> Message:
    """At most 50 blocks; the last one kept says how much was left out."""
    if len(blocks) > BLOCKS_PER_MESSAGE:
        left = len(blocks) - BLOCKS_PER_MESSAGE + 1
        blocks = [*blocks[: BLOCKS_PER_MESSAGE - 1], context(f"… and {left} more sections")]
    return text, blocks
