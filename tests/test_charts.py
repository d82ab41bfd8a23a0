"""The timeline picture: drawn from real events, article text drawn literally, readable sizes, an honest axis."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from matplotlib.text import Text

from bot.charts import MAX_EVENTS_DRAWN, timeline_figure, timeline_png, write_timeline_png
from bot.cli import main
from bot.core.corpus import corpus_from_articles
from bot.core.service import QAService
from bot.core.timeline.labels import date_words, short_sources, timeline_title
from bot.errors import UserError
from tests.conftest import make_article

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _texts(events, title=None) -> list[Text]:
    return timeline_figure(events, title).findobj(Text)


def test_corpus_timeline_renders_with_dates_and_sources(service: QAService) -> None:
    """The bundled story draws as a PNG whose labels carry every shown event's date and its sources."""
    events = service.timeline()
    assert timeline_png(events).getvalue().startswith(PNG_SIGNATURE)
    drawn = {t.get_text() for t in _texts(events)}
    assert "23 Nov 2016" in drawn and "Kyodo, AFP" in drawn
    assert sum(1 for t in drawn if t[:2].isdigit() or t[:3] in {"Nov", "Dec", "Jun", "Sep"}) >= 5
    assert any("most widely reported" in t for t in drawn)


def test_article_dollars_are_drawn_as_text_not_math() -> None:
    """ "$…$" in an article never becomes math: a broken formula draws, and "$5 billion" stays as written."""
    article = make_article(
        "The plan was costed at $\\x$ by analysts in 2015.",
        "The deal will cost $5 billion and $3 billion in 2016, officials said.",
        published=date(2016, 11, 14),
    )
    events = corpus_from_articles(Path("t"), [article]).timeline
    texts = _texts(events)
    assert all(not t.get_usetex() and not t.get_parse_math() for t in texts if t.get_text())
    assert any("$5 billion and $3 billion" in t.get_text() for t in texts)
    assert timeline_png(events).getvalue().startswith(PNG_SIGNATURE)


def test_type_is_large_enough_for_a_chat_preview(service: QAService) -> None:
    """Shrunk to the ~500 px a chat preview shows, the smallest text is still about 8 px tall."""
    figure = timeline_figure(service.timeline())
    width_px = figure.get_figwidth() * figure.dpi
    smallest_pt = min(float(t.get_fontsize()) for t in figure.findobj(Text) if t.get_text())
    assert smallest_pt * figure.dpi / 72 * 500 / width_px >= 8
    assert figure.get_figheight() <= figure.get_figwidth()  # no tall strip shrunk to nothing in a preview


def test_axis_is_broken_where_years_pass_without_events(service: QAService) -> None:
    """Decades without events are a marked gap, not evenly spaced rows."""
    drawn = [t.get_text() for t in _texts(service.timeline())]
    assert any(t.startswith("≈") and "years later" in t for t in drawn)


def test_labels_in_words() -> None:
    """Dates read as people write them; publishers lose their asides and a long list is counted."""
    assert [date_words(x) for x in ("2016-11-23", "2016-11", "2012", "2016-W44", "1910/1945", "2016-Q3")] == [
        "23 Nov 2016", "Nov 2016", "2012", "week of 31 Oct 2016", "1910–1945", "Q3 2016",
    ]  # fmt: skip
    assert [date_words(x) for x in ("1998-SU", "1997-WI", "198", "19", "10")] == [
        "summer 1998", "winter 1997–98", "1980s", "20th century", "11th century",
    ]  # fmt: skip
    assert short_sources(("Reuters (via Investing.com)", "DW", "AFP (x)", "Kyodo")) == "Reuters, DW, AFP +1"
    assert timeline_title("GSOMIA", "2012", None) == "Timeline: GSOMIA, from 2012"


def test_write_refuses_other_formats_and_says_why(tmp_path: Path, service: QAService) -> None:
    """Only .png names are written; an unwritable place is a message, not a traceback."""
    with pytest.raises(UserError, match=r"ending in \.png"):
        write_timeline_png(service.timeline(), tmp_path / "t.jpg")
    with pytest.raises(UserError, match="Could not write"):
        write_timeline_png(service.timeline(), tmp_path / "missing" / "t.png")
    assert "Wrote the timeline picture" in write_timeline_png(service.timeline(), tmp_path / "t.png")
    assert MAX_EVENTS_DRAWN >= 8


def test_cli_timeline_png_writes_the_picture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m bot timeline --png FILE`` writes the picture and still prints the timeline."""
    out = io.StringIO()
    assert main(["timeline", "--from", "2016", "--png", str(tmp_path / "t.png")], stdout=out) == 0
    assert (tmp_path / "t.png").read_bytes().startswith(PNG_SIGNATURE)
    assert "2016-11-23" in out.getvalue() and "Wrote the timeline picture" in capsys.readouterr().err
