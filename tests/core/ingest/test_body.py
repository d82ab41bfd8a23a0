"""The article is found as the run of prose lines on a page, without the menus and lists around it."""

from __future__ import annotations

from bot.core.ingest.body import Line, is_link_row, select_body

PROSE = "The two governments signed the agreement in Seoul on Wednesday after four years of difficult talks."


def test_the_prose_run_is_selected_between_menus_and_teasers() -> None:
    """Menu items before and teaser links after the paragraphs fall outside the selected run."""
    lines = [Line(t) for t in ["Home", "World", "Business", "Sport", PROSE, "A quote.", PROSE, "More news", "Teaser"]]
    assert select_body(lines) == range(4, 7)


def test_a_closing_line_is_never_crossed() -> None:
    """Comments after a "Comments" line are not the article, however long they are."""
    lines = [Line(PROSE), Line("Comments", furniture=True, closes_article=True), Line(PROSE), Line(PROSE)]
    assert select_body(lines) == range(2, 4)
    assert select_body(lines[:2]) == range(0, 1)


def test_a_standfirst_without_full_stop_opens_the_article() -> None:
    """A long line just before the first paragraph joins the article even without a full stop."""
    lines = [Line("Menu"), Line("Seoul and Tokyo sign a pact to share military secrets on North Korea"), Line(PROSE)]
    assert select_body(lines) == range(1, 3)


def test_link_rows_are_told_from_sentences() -> None:
    """Items between separators are a link row; a sentence holding one separator is not."""
    assert is_link_row("Home | World | Business | Video")
    assert is_link_row("Share • Tweet • Email")
    assert not is_link_row("He said the vote was 5 | 4 in favour of the pact.")
