"""Time expressions are found and resolved against the publication date, at the precision written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core.timeline.timexpr import find_time_expressions, may_hold_time, parse_period, read_time_expressions

PUBLISHED = date(2016, 11, 14)  # a Monday


def _labels(text: str, base: date | None = PUBLISHED) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.period.label) for m in find_time_expressions(text, base)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met on November 23, 2016 in Seoul.", [("November 23, 2016", "2016-11-23")]),
        ("Signed on 23 November 2016.", [("23 November 2016", "2016-11-23")]),
        ("Published 11/14/2016 at noon.", [("11/14/2016", "2016-11-14")]),
        ("The pact signed on Nov. 3 was renewed.", [("Nov. 3", "2016-11-03")]),
        ("In December 2014, they agreed.", [("December 2014", "2014-12")]),
        ("The deal collapsed in 2012.", [("2012", "2012")]),
        ("Tests in 2006, 2009 and 2013.", [("2006", "2006"), ("2009", "2009"), ("2013", "2013")]),
        ("From 1910 to 1945, Japan ruled Korea.", [("From 1910 to 1945", "1910/1945")]),
        ("Their 1950-53 conflict ended in a truce.", [("1950-53", "1950/1953")]),
        ("The test in September alarmed Tokyo.", [("September", "2016-09")]),
        # A capitalised word after a year names something ("the 2000 Olympics"); it is no count of things.
        ("They hope for a president by the 2000 Olympics.", [("2000", "2000")]),
        # Words ending in "s" after a year are no count of things.
        ("Analysts said 2015 was the worst year for exporters since 2009.", [("2015", "2015"), ("2009", "2009")]),
        ("By 2014 this has changed, the ministry said.", [("2014", "2014")]),
    ],
)
def test_absolute_expressions(text: str, expected: list[tuple[str, str]]) -> None:
    """Dates, months, years, lists and ranges keep the precision they are written with."""
    assert _labels(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The town could have used some protection in nineteen seventy-nine, when Soviet troops crossed the border.",
            [("nineteen seventy-nine", "1979")],
        ),
        ("As the year two thousand approached, the sect grew.", [("two thousand", "2000")]),
        ("The games return in the year two thousand and four.", [("two thousand and four", "2004")]),
        (
            "It was the coldest day since the winter of nineteen ninety-four.",
            [("winter of nineteen ninety-four", "1994-WI")],
        ),
        (
            "Prices doubled between nineteen eighty-five and nineteen eighty-seven.",
            [("between nineteen eighty-five and nineteen eighty-seven", "1985/1987")],
        ),
        (
            "The bridge was built in nineteen oh five and rebuilt in nineteen nineteen.",
            [("nineteen oh five", "1905"), ("nineteen nineteen", "1919")],
        ),
        # A count of things, not a year: "two thousand" without "the year", or words joined to a noun by a hyphen.
        ("Two thousand troops crossed the border, carrying nineteen twenty-kilogram packs.", []),
    ],
)
def test_years_spelled_out_in_transcripts(text: str, expected: list[tuple[str, str]]) -> None:
    """Broadcast transcripts spell years out in words; they are read as the digits would be."""
    assert _labels(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They signed a pact on Monday.", "2016-11-14"),
        ("The minister spoke Friday.", "2016-11-11"),
        ("Talks resumed last week.", "2016-W45"),
        ("They inked the pact last month.", "2016-10"),
        ("A landmark agreement last December.", "2015-12"),
        ("A landmark agreement last March.", "2016-03"),
        ("Two tests this year alone.", "2016"),
        ("The next meeting is next year.", "2017"),
        ("A botched attempt four years ago.", "2012"),
        ("It was announced yesterday.", "2016-11-13"),
        ("CBS News first reported last night that the tomb held remains.", "2016-11-13"),
        ("The talks resume tonight.", "2016-11-14"),
        ("They will meet on Friday.", "2016-11-18"),
        ("Officials said it could take place by the end of November.", "2016-11"),
        ("He told lawmakers on Tuesday that the pact would help.", "2016-11-08"),
        # "set on" a date is a participle of the past; "set for" a date is a schedule.
        ("The index stands within 70 points of the record high set on Feb. 3.", "2016-02-03"),
        ("The hearing is set for Feb. 3.", "2017-02-03"),
    ],
)
def test_relative_expressions(text: str, expected: str) -> None:
    """Relative expressions resolve against the publication date; the tense just before them picks the direction."""
    assert [label for _, label in _labels(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "At 19:18 the ministry said 2,000 troops would leave.",
        "It cost $2016 and 1500 soldiers were there.",
        "The 50th anniversary of normalisation.",
        "The man, aged 45, said 20 missiles were fired.",
        "She may go, they said.",
    ],
)
def test_furniture_and_counts_are_not_dates(text: str) -> None:
    """Times of day, amounts, counts and ages are not events."""
    assert _labels(text) == []


def test_relative_expressions_need_a_base() -> None:
    """Without a publication date only absolute expressions are dated."""
    assert _labels("On Monday, in 2012, last week.", base=None) == [("2012", "2012")]


@pytest.mark.parametrize(
    ("text", "label"), [("2016", "2016"), ("2016-11", "2016-11"), ("2016-11-14", "2016-11-14"), ("2016-13", None)]
)
def test_parse_period_for_filters(text: str, label: str | None) -> None:
    """Filter dates are ISO at any precision; impossible dates are rejected."""
    period = parse_period(text)
    assert (period.label if period else None) == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Schedules look forward.
        ("The appointment takes effect Nov. 13.", "2017-11-13"),
        ("The appointment takes effect Nov. 23.", "2016-11-23"),
        ("The reduced dividend is payable Jan. 2 to holders.", "2017-01-02"),
        ("The talks, set to resume Friday in Belfast, were delayed.", "2016-11-18"),
        ("The vote is scheduled for Thursday.", "2016-11-17"),
        ("He will be named commander for a mission in March.", "2017-03"),
        ("The summit is due to open in February.", "2017-02"),
        # A past-tense verb looks back.
        ("The minister resigned on Nov. 12.", "2016-11-12"),
        ("The army withdrew its troops on Thursday.", "2016-11-10"),
        ("The company bought the plant in February.", "2016-02"),
        ("Shares rose sharply on Friday, traders said.", "2016-11-11"),
        # The nearest cue wins: reported speech after a past verb, a past verb after a modal.
        ("He said Friday that the pact would help.", "2016-11-11"),
        ("The firm, which would grow, reported its results Friday.", "2016-11-11"),
        ("Officials said the ministers will meet on Friday.", "2016-11-18"),
    ],
)
def test_tense_decides_direction(text: str, expected: str) -> None:
    """Weekdays, months and days without a year go forward for schedules and back for past-tense verbs."""
    assert [label for _, label in _labels(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The offer was extended to Nov. 20.", "2016-11-20"),
        ("Results for the year ended Jan. 31 were flat.", "2016-01-31"),
        ("Record date is Dec. 1 for the shares.", "2016-12-01"),
        ("Sales for October were strong.", "2016-10"),
        ("October's figures were revised.", "2016-10"),
    ],
)
def test_without_a_cue_the_nearest_wins(text: str, expected: str) -> None:
    """A day or month without a year is the nearest one when the tense is silent or belongs to the act, not the date."""
    assert [label for _, label in _labels(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leaders met on Monday.", "2016-11-14"),
        ("Leaders will meet Monday.", "2016-11-14"),
        ("The vote passed Monday night.", "2016-11-14"),
    ],
)
def test_the_articles_own_weekday_is_today(text: str, expected: str) -> None:
    """The article's own weekday is the publication day, whatever the tense."""
    assert [label for _, label in _labels(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Net income rose in the third quarter.", [("third quarter", "2016-Q3")]),
        ("It expects a loss in the fourth quarter.", [("fourth quarter", "2016-Q4")]),
        ("Losses will last through the first quarter of 2017.", [("first quarter of 2017", "2017-Q1")]),
        ("A charge in the 2015 second quarter hurt.", [("2015 second quarter", "2015-Q2")]),
        ("In January this year, police arrived.", [("January this year", "2016-01")]),
        ("The group split in mid-1996 and again in mid-November.", [("1996", "1996"), ("November", "2016-11")]),
        ("The deal was signed on Saturday, Nov. 12.", [("Saturday, Nov. 12", "2016-11-12")]),
        ("Last April, a group made a bid.", [("Last April", "2016-04")]),
    ],
)
def test_more_calendar_forms(text: str, expected: list[tuple[str, str]]) -> None:
    """Quarters, a month with "this year", "mid-", a weekday before its date and capitalised "Last" are read."""
    assert _labels(text) == expected


@pytest.mark.parametrize("base", [date(9999, 12, 31), date(1, 1, 1)])
def test_dates_at_the_calendar_edges_never_crash(base: date) -> None:
    """Relative expressions that would step past year 1 or 9999 are skipped; the rest are still read."""
    text = "Tomorrow, next year, yesterday, last week, this week, next month, on Friday, in 2012, Nov. 23 and Jan. 2."
    labels = [label for _, label in _labels(text, base)]
    assert "2012" in labels
    assert all(label[:3] in {"000", "999"} for label in labels if label != "2012")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Factory owners are buying machines at a healthy rate this fall.", [("this fall", "2016-FA")]),
        ("Hiring has surged since last fall.", [("last fall", "2015-FA")]),
        ("Protests are planned for next summer.", [("next summer", "2017-SU")]),
        ("Demand held up well into the summer.", [("summer", "2016-SU")]),
        ("Oil fell to $13 a barrel in the winter of 1994.", [("winter of 1994", "1994-WI")]),
        ("The stock peaked in the early 1980s.", [("early 1980s", "198")]),
        ("It is a temple of the 11th century.", [("11th century", "10")]),
        ("The company forecast a gain for the full year.", [("the full year", "2016")]),
        ("It expects to complete the sale by year-end.", [("year-end", "2016")]),
        ("Sales fell in 2015; for the year, volume was flat.", [("2015", "2015")]),
    ],
)
def test_seasons_decades_and_the_year_reported(text: str, expected: list[tuple[str, str]]) -> None:
    """Seasons and decades get TimeML's labels; "the full year" is the publication year unless a year is named."""
    assert _labels(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A plan in the past perfect was made before publication, and its day has passed.
        ("The offer had been due to expire Friday.", ["2016-11-11"]),
        ("The vote had been scheduled for Thursday.", ["2016-11-10"]),
        # A weekday that repeats is no one day.
        ("A third flight will depart each Thursday from Aug. 6.", ["2017-08-06"]),
    ],
)
def test_past_plans_and_repeated_weekdays(text: str, expected: list[str]) -> None:
    """ "had been due to" looks back; "each Thursday" is not dated."""
    assert [label for _, label in _labels(text)] == expected


def _screened_texts() -> list[str]:
    """Every line and sentence of the bundled corpus and the labelled questions, and this file's own examples."""
    from tests.conftest import CORPUS, REPO

    lines = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    lines += (REPO / "eval" / "labelled_questions.jsonl").read_text("utf-8").splitlines()
    lines += Path(__file__).read_text("utf-8").splitlines()
    sentences = [piece for line in lines for piece in line.split(". ")]
    return [text for text in dict.fromkeys([*lines, *sentences]) if text.strip()]


def test_the_quick_screen_never_hides_a_time_expression() -> None:
    """Every text reads the same with the screen as with every rule tried, and the screen does skip texts."""
    texts = _screened_texts()
    for base in (PUBLISHED, None):
        for text in texts:
            assert find_time_expressions(text, base) == read_time_expressions(text, base), text
    assert sum(not may_hold_time(text) for text in texts) > len(texts) // 10
    for words in ("on Monday", "TONIGHT", "by year-end", "in mid-November", "in nineteen eighty-five"):
        text = f"They met {words} at last."
        assert may_hold_time(text) and read_time_expressions(text, PUBLISHED), text
