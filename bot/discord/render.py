"""Turns core answers, sources and timelines into Discord embeds: escaped, mention-safe and within Discord's limits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord

if TYPE_CHECKING:
    from bot.discord.client import DiscordConfig

from bot import messages
from bot.core.admin.corpus_admin import AddedArticle
from bot.core.answer.excerpt import Excerpt, excerpt
from bot.core.answer.notes import reading_notes
from bot.core.control_chars import printable_name
from bot.core.models import Answer, Article, Quote, ReloadReport, SourceInfo
from bot.core.store.stats import Stats
from bot.core.store.storage import ServerSettings
from bot.core.timeline.events import TimelineEvent
from bot.text import join_within, shorten

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
FIELDS_PER_EMBED = 25
EMBED_TOTAL_LIMIT = 6000
EMBEDS_PER_MESSAGE = 10

EVENTS_PER_PAGE = 8
COLOR = discord.Color.blurple()
NO_PINGS = discord.AllowedMentions.none()


def escape(text: str) -> str:
    """Show text from articles or people literally: no mentions, no markdown."""
    return discord.utils.escape_markdown(discord.utils.escape_mentions(text))


def date_text(article: Article) -> str:
    return article.published.isoformat() if article.published else "undated"


def source_line(article: Article) -> str:
    """``source · title · date``, the title linked to the article when its URL is known."""
    title = escape(shorten(article.title, 150))
    if article.url:
        # Ingestion admits only plain URLs; encoding the parentheses keeps even those from ending the link early.
        title = f"[{title}]({article.url.replace('(', '%28').replace(')', '%29')})"
    return f"{escape(article.source)} · {title} · {date_text(article)}"


def quote_block(quote: Quote, limit: int) -> str:
    """The passage as a block quote with its best sentence in bold, then the source line."""
    start, end = quote.best_sentence
    text = quote.passage.text
    tail = "\n— " + source_line(quote.article)
    if quote.also_reported_by:
        tail += "\n*also reported by " + ", ".join(escape(a.source) for a in quote.also_reported_by) + "*"
    room = limit - len(tail) - 2
    body = _bolded(Excerpt(text[:start], text[start:end], text[end:]))
    if len(_quoted(body)) > room:
        # Too long: keep the bold sentence and the sentences holding most of the question, drop the rest.
        body = _bolded(excerpt(quote, lambda part: len(_quoted(_bolded(part))) <= room))
    return _quoted(body) + tail


def _bolded(part: Excerpt) -> str:
    return f"{escape(part.before)}**{escape(part.bold)}**{escape(part.after)}"


def _quoted(body: str) -> str:
    return "> " + body.replace("\n", "\n> ")


def answer_embed(answer: Answer) -> discord.Embed:
    """One embed per answer: the question as title, each quote as a block quote with its source."""
    embed = discord.Embed(title=shorten(escape(answer.question), TITLE_LIMIT), color=COLOR)
    reading = "\n".join(f"*{shorten(escape(note), 400)}*" for note in reading_notes(answer))
    if not answer.quotes:
        embed.description = "\n".join(filter(None, (answer.message, reading)))
        return embed
    per_quote = (DESCRIPTION_LIMIT - 200 - len(reading)) // len(answer.quotes)
    blocks = [quote_block(q, per_quote) for q in answer.quotes]
    embed.description = "\n\n".join([reading, *blocks] if reading else blocks)
    embed.set_footer(text=shorten(answer.message, FOOTER_LIMIT))
    return embed


def abstain_text(answer: Answer) -> str:
    reading = "".join(f" {shorten(escape(note), 400)}" for note in reading_notes(answer))
    return f"{answer.message}{reading} {messages.NOT_IN_CORPUS_HINT}"


def sources_embed(sources: Sequence[SourceInfo]) -> discord.Embed:
    embed = discord.Embed(title=f"{len(sources)} articles", color=COLOR)
    lines = [f"• {source_line(s.article)} ({s.passage_count} passages) · `{s.article.article_id}`" for s in sources]
    embed.description = join_within(lines, DESCRIPTION_LIMIT)
    return embed


def source_embed(info: SourceInfo) -> discord.Embed:
    article = info.article
    embed = discord.Embed(title=shorten(escape(article.title), TITLE_LIMIT), url=article.url, color=COLOR)
    embed.add_field(name="Source", value=shorten(escape(article.source), FIELD_VALUE_LIMIT))
    embed.add_field(name="Published", value=date_text(article))
    embed.add_field(name="Passages", value=str(info.passage_count))
    embed.add_field(name="File", value=shorten(escape(printable_name(article.file_name)), FIELD_VALUE_LIMIT))
    if article.inferred:
        embed.add_field(name="Inferred from the text", value=", ".join(article.inferred), inline=False)
    return embed


def timeline_pages(events: Sequence[TimelineEvent], title: str = "Timeline") -> list[discord.Embed]:
    """Pages of events, each as a field: the date in bold, the event, its sources."""
    if not events:
        return [discord.Embed(title=title, description=messages.NO_TIMELINE_EVENTS, color=COLOR)]
    pages = []
    chunks = [events[i : i + EVENTS_PER_PAGE] for i in range(0, len(events), EVENTS_PER_PAGE)]
    for number, chunk in enumerate(chunks, start=1):
        embed = discord.Embed(title=shorten(escape(title), TITLE_LIMIT), color=COLOR)
        # Share the 6000 characters of a message between the page's fields (title and footer aside).
        room = min(FIELD_VALUE_LIMIT, (EMBED_TOTAL_LIMIT - TITLE_LIMIT - 100) // len(chunk) - 30)
        for event in chunk:
            sources = shorten("— " + ", ".join(escape(s) for s in event.sources), room // 3)
            value = shorten(escape(event.text), room - len(sources) - 1) + "\n" + sources
            embed.add_field(name=f"**{event.date}**", value=value, inline=False)
        embed.set_footer(text=f"Page {number} of {len(chunks)} · {len(events)} events")
        pages.append(embed)
    return pages


def reload_text(report: ReloadReport) -> str:
    """What a reload changed, within one message."""
    if report.kept_old:
        return shorten(messages.RELOAD_KEPT_OLD.format(reason=escape(report.kept_old)), CONTENT_LIMIT)
    lines = [f"Reloaded: {report.articles} articles, {report.passages} passages."]
    for label, ids in (("Added", report.added), ("Changed", report.changed), ("Removed", report.removed)):
        if ids:
            lines.append(f"{label}: " + ", ".join(escape(i) for i in ids))
    lines.append(f"Unchanged: {report.unchanged}")
    lines.extend(
        f"{'Note' if p.loaded else 'Failed'}: {escape(p.file_name)}: {escape(p.reason)}" for p in report.problems
    )
    return join_within(lines, CONTENT_LIMIT)


def added_text(added: AddedArticle, report: ReloadReport, passages: int) -> str:
    """What an upload became: title, source, passages, the furniture taken out, then the reload."""
    article = added.article
    lines = [
        messages.CORPUS_ADDED.format(
            name=escape(added.file_name), title=escape(article.title), source=escape(article.source)
        ),
        f"Published: {date_text(article)}"
        + (f" · Inferred from the text: {', '.join(article.inferred)}" if article.inferred else ""),
    ]
    lines.append(f"Passages: {passages}")
    if added.removed_kinds:
        lines.append("Removed as page furniture: " + ", ".join(f"{n}× {kind}" for kind, n in added.removed_kinds))
    lines.append(reload_text(report))
    return shorten("\n".join(lines), CONTENT_LIMIT)


def stats_embed(stats: Stats) -> discord.Embed:
    """The numbers of /stats; the daily chart is attached as an image."""
    embed = discord.Embed(
        title=messages.stats_period(stats.days),
        description=messages.stats_summary(stats.asked, stats.answered_share),
        color=COLOR,
    )
    sections = (
        ("Most asked", [f"{n}× {escape(q)}" for q, n in stats.top_questions]),
        ("Not answered: what to add next", [f"{n}× {escape(q)}" for q, n in stats.unanswered]),
        ("Feedback by article", [f"👍 {up} 👎 {down} · {escape(title)}" for title, up, down in stats.feedback]),
    )
    for name, lines in sections:
        if lines:
            embed.add_field(
                name=name, value=join_within([shorten(line, 200) for line in lines], FIELD_VALUE_LIMIT), inline=False
            )
    return embed


def settings_embed(settings: ServerSettings, config: DiscordConfig) -> discord.Embed:
    """A server's settings, with the bot-wide defaults where the server set nothing."""

    def channel(channel_id: str | int | None) -> str:
        return f"<#{channel_id}>" if channel_id else "none"

    embed = discord.Embed(title="Settings for this server", color=COLOR)
    embed.add_field(name="Q&A channel", value=channel(settings.qa_channel_id or config.qa_channel_id))
    answer_in = ", ".join(channel(c) for c in settings.answer_channel_ids) or "everywhere"
    embed.add_field(name="Answers in", value=shorten(answer_in, FIELD_VALUE_LIMIT))
    roles = [f"<@&{r}>" for r in settings.admin_role_ids] + [f"<@&{r}>" for r in sorted(config.admin_role_ids)]
    embed.add_field(
        name="Admin roles (besides Manage Server)", value=shorten(", ".join(roles) or "none", FIELD_VALUE_LIMIT)
    )
    rate = settings.cooldown_questions or config.cooldown_questions
    per = config.cooldown_seconds if settings.cooldown_seconds is None else settings.cooldown_seconds
    embed.add_field(name="Cooldown", value=f"{rate} questions per {per:g} s per person")
    return embed


def article_choices(sources: Sequence[SourceInfo], typed: str) -> list[discord.app_commands.Choice[str]]:
    """Autocomplete: articles whose title contains what was typed, as title → article id (Discord allows 25)."""
    wanted = typed.casefold()
    matches = [s.article for s in sources if wanted in s.article.title.casefold()]
    return [discord.app_commands.Choice(name=shorten(a.title, 100), value=a.article_id) for a in matches[:25]]


def help_embed() -> discord.Embed:
    embed = discord.Embed(title="News Q&A", description=messages.DISCORD_HELP, color=COLOR)
    return embed
