"""Discord rendering keeps every limit, cuts at sentence or word boundaries, and escapes article text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from bot.core.answer.compose import AnswerPolicy
from bot.core.models import FileProblem, ReloadReport, SourceInfo
from bot.core.service import QAService
from bot.core.timeline.events import TimelineEvent
from bot.core.timeline.timexpr import parse_period
from bot.discord.render import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_VALUE_LIMIT,
    FIELDS_PER_EMBED,
    TITLE_LIMIT,
    answer_embed,
    quote_block,
    reload_text,
    source_line,
    sources_embed,
    timeline_pages,
)
from tests.conftest import make_article

LONG = " ".join(f"Sentence number {n} talks about the intelligence pact at some length." for n in range(200))


def _long_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "long"
    folder.mkdir()
    body = "\n\n".join(
        f"The intelligence pact number {n} was discussed by officials in Seoul and Tokyo at great length "
        f"with many words about sharing information on missiles and nuclear tests, again and again {n}."
        for n in range(40)
    )
    (folder / "long.txt").write_text(f"---\ntitle: {'Very long title ' * 30}\nsource: Wire\n---\n{body}\n")
    return folder


def test_answer_embed_with_ten_long_quotes_stays_within_limits(tmp_path: Path) -> None:
    """Ten long quotes with a 500-character question fit title, description and the 6000 total."""
    service = QAService.from_folder(_long_corpus(tmp_path), AnswerPolicy(top_k=10, min_coverage=0.1))
    answer = service.ask("intelligence pact officials Seoul Tokyo missiles nuclear " * 8)
    assert len(answer.quotes) == 10
    embed = answer_embed(answer)
    assert len(embed.title or "") <= TITLE_LIMIT
    assert len(embed.description or "") <= DESCRIPTION_LIMIT
    assert len(embed) <= EMBED_TOTAL_LIMIT


def test_article_text_with_mentions_and_markdown_is_escaped(tmp_path: Path) -> None:
    """@everyone, user/role mentions and markdown inside an article are shown as text in the quote."""
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "---\ntitle: T\nsource: S\n---\n"
        "The ministry told @everyone in <@&812345678901234567> and <@712345678901234567> that the pact "
        "was ||final|| and `binding`, a spokesman said.\n"
    )
    service = QAService.from_folder(folder, AnswerPolicy())
    description = answer_embed(service.ask("Was the pact final and binding?")).description or ""
    assert "@everyone" not in description and "@\u200beveryone" in description
    assert "<@&812345678901234567>" not in description and "<@712345678901234567>" not in description
    assert "\\|\\|final\\|\\|" in description and "\\`binding\\`" in description


def test_sources_embed_with_many_articles_fits(tmp_path: Path) -> None:
    """Hundreds of articles are listed as far as they fit, with a count of the rest."""
    article = make_article(
        "x", title="A fairly long title about the pact " * 3, source="Wire", published=date(2016, 1, 1)
    )
    infos = [SourceInfo(replace(article, article_id=f"a{n}"), 9) for n in range(300)]
    embed = sources_embed(infos)
    assert len(embed.description or "") <= DESCRIPTION_LIMIT
    assert (embed.description or "").endswith("more")


def test_timeline_pages_fit_fields() -> None:
    """Long events are cut within a field; no page has more than the allowed fields."""
    period = parse_period("2016")
    assert period is not None
    events = [TimelineEvent(period, LONG, ("Wire",) * 30, ("a",), ()) for _ in range(60)]
    pages = timeline_pages(events)
    assert all(len(p.fields) <= FIELDS_PER_EMBED for p in pages)
    assert all(len(f.value or "") <= FIELD_VALUE_LIMIT for p in pages for f in p.fields)
    assert all(len(p) <= EMBED_TOTAL_LIMIT for p in pages)


def test_reload_text_fits_one_message() -> None:
    """A reload report with hundreds of failed files stays within 2000 characters."""
    problems = tuple(
        FileProblem(f"file-{n}.txt", "the file is not UTF-8 text (bad byte at position 3)") for n in range(300)
    )
    text = reload_text(ReloadReport(articles=5, passages=50, problems=problems))
    assert len(text) <= CONTENT_LIMIT and text.endswith("more")


def test_shortened_quote_keeps_the_bold_sentence(service: QAService) -> None:
    """With room for one sentence, the quote keeps the bold answer (the September test), not the first sentence."""
    quote = service.ask("What did North Korea do in September?").quotes[0]
    bold = quote.best_sentence_text
    block = quote_block(quote, len(bold) + len(source_line(quote.article)) + 60)
    assert f"**{bold}**" in block
    assert "June and November" not in block and "…" in block


def test_shortened_quote_keeps_the_names_asked_for(service: QAService) -> None:
    """A quote cut to the bold sentence and one more keeps the sentence naming the person asked about."""
    answer = service.ask("Who is Han Min-koo and what did he tell lawmakers?")
    quote = next(q for q in answer.quotes if "lawmakers" in q.passage.text)
    block = quote_block(quote, len(quote.best_sentence_text) + len(source_line(quote.article)) + 40)
    assert "**" in block and "Han Min" in block


def test_answer_embed_says_how_time_was_read(service: QAService) -> None:
    """The reading of "last week" opens the embed's description, in italics."""
    embed = answer_embed(service.ask("What happened last week?"))
    assert (embed.description or "").startswith("*Read “last week” as 14–20 November 2016")


def test_source_link_cannot_be_closed_early_by_its_url() -> None:
    """Parentheses in a URL are encoded, so the Markdown link ends where the URL ends."""
    article = replace(make_article("Text."), url="https://en.wikipedia.org/wiki/GSOMIA_(pact)")
    line = source_line(article)
    assert "(https://en.wikipedia.org/wiki/GSOMIA_%28pact%29)" in line
    assert line.count("(") == line.count(")") == 1


def test_bold_sentence_cut_keeps_what_was_asked(service: QAService) -> None:
    """With less room than the bold sentence needs, the part kept is the one holding the period asked about."""
    quote = service.ask("What did North Korea do in September?").quotes[0]
    block = quote_block(quote, len(source_line(quote.article)) + 120)
    bold = block.split("**")[1]
    assert bold.startswith("…") and bold.endswith("fifth nuclear test in September.")


def test_sources_embed_shows_the_article_ids(service: QAService) -> None:
    """/sources and /corpus list show each article's id, which /corpus remove takes."""
    embed = sources_embed(service.sources())
    assert all(f"`{article_id}`" in (embed.description or "") for article_id in service.corpus.articles)
