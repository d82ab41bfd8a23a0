"""Cleaning removes page furniture, on the real seeds and on articles shaped like other sites'."""

from __future__ import annotations

import pytest

from bot.core.ingest.clean import clean_article
from bot.core.ingest.frontmatter import split_front_matter
from tests.conftest import CORPUS


def _clean_seed(stem_part: str, with_title: bool = True):
    path = next(p for p in CORPUS.iterdir() if stem_part in p.name)
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    return clean_article(body, title=meta.title if with_title else None)


SEED_FURNITURE = [
    ("reuters", "Up to 60% off", "advertising banner"),
    ("reuters", "Published 11/14/2016", "publication stamp"),
    ("reuters", "Updated 11/14/2016", "publication stamp"),
    ("reuters", "© Reuters. Police officer", "copyright or photo credit"),
    ("reuters", "Risk Disclosure", None),
    ("reuters", "Fusion Media", None),
    ("reuters", "All Rights Reserved", None),
    ("reuters", "Latest comments", "end of article (comments, feedback or legal section)"),
    ("reuters", "TOKYO (Reuters)", "dateline"),
    ("yonhap", "Go to Contents", "navigation"),
    ("yonhap", "All Headlines", "publication stamp"),
    ("yonhap", "ATTN: RECASTS", "editor's note"),
    ("yonhap", "This undated image shows", "photo caption"),
    ("yonhap", "SEOUL, Nov. 9 (Yonhap)", "dateline"),
    ("yonhap", "Send Feedback", "end of article (comments, feedback or legal section)"),
    ("yonhap", "Thanks for your feedback", None),
    ("afp", "1 Comment on", "page header (section, date, comment count)"),
    ("afp", "I am really glad to glance", None),
    ("dw", "Skip to content", "navigation"),
    ("dw", "Image: Getty Images", "image credit"),
    ("dw", "South Korean protesters shout slogans", "photo caption"),
    ("dw", "'Japan's military rise'", "section heading"),
    ("dw", "ls/se (Reuters, AFP)", "agency sign-off"),
    ("japan-times", "• Kyodo", "byline"),
    ("japan-times", "quality journalism", "subscription pitch"),
    ("japan-times", "By subscribing", "subscription pitch"),
]


@pytest.mark.parametrize(("seed", "furniture", "reason"), SEED_FURNITURE)
def test_seed_furniture_is_removed(seed: str, furniture: str, reason: str | None) -> None:
    """Each kind of furniture in the real seeds is gone from the paragraphs, for the stated reason."""
    cleaned = _clean_seed(seed)
    assert not any(furniture in p for p in cleaned.paragraphs)
    if reason is not None:
        assert any(furniture in r.text and r.reason == reason for r in cleaned.removed)


@pytest.mark.parametrize(
    ("seed", "kept"),
    [
        ("reuters", "Japan and South Korea signed a preliminary pact to share and safeguard"),
        ("yonhap", "South Korea and Japan made progress Wednesday in negotiations"),
        ("afp", "South Korea and Japan have signed a controversial agreement to pool military intelligence"),
        ("dw", "After years of discussions, Tokyo and Seoul have agreed to share defense intelligence"),
        ("dw", "From 1910 to 1945, Japan controlled the Korean peninsula"),
        ("japan-times", "The next meeting is to be held next year in Tokyo."),
    ],
)
def test_seed_article_text_is_kept(seed: str, kept: str) -> None:
    """Body text, the lead after a dateline and a standfirst run into a page header all survive."""
    cleaned = _clean_seed(seed)
    assert any(p.startswith(kept) for p in cleaned.paragraphs)


def test_repeated_caption_is_removed_every_time() -> None:
    """A caption repeated down the page leaves no copy behind."""
    cleaned = _clean_seed("reuters")
    assert sum("Police officer stands guard" in r.text for r in cleaned.removed) == 2


@pytest.mark.parametrize(
    ("seed", "credit"),
    [("reuters", "Reuters"), ("yonhap", "Yonhap"), ("dw", "Reuters"), ("japan-times", "Kyodo")],
)
def test_credits_feed_metadata(seed: str, credit: str) -> None:
    """Datelines, bylines and sign-offs are kept as credits for a source to be inferred from."""
    assert _clean_seed(seed, with_title=False).credits[0] == credit


def test_headline_is_found_without_front_matter() -> None:
    """Without front matter the first headline-like line becomes the title, minus wire tags like (LEAD)."""
    cleaned = _clean_seed("yonhap", with_title=False)
    assert cleaned.title == "S. Korea, Japan make progress in talks on military intel pact"
    assert not any("make progress in talks" in p for p in cleaned.paragraphs)


GUARDIAN_LIKE = """Seoul and Tokyo sign a pact
Jane Doe in Seoul
First published on Mon 14 Nov 2016 05.31 GMT
Last modified on Mon 14 Nov 2016 09.12 GMT

Protesters rally outside the defence ministry in Seoul. Photograph: Jung Yeon-je/AFP/Getty Images

South Korea and Japan signed a pact on Monday to share military secrets about North Korea, officials said.

The deal had been shelved in 2012 after a public outcry in Seoul over cooperation with the former colonial ruler.

Sign up to our morning briefing newsletter and get the news you need every day.

We use cookies to improve your experience. See our cookie policy for details.
"""

AP_LIKE = """WASHINGTON (AP) — The United States welcomed the agreement between its two allies on Tuesday, a State Department spokesman said.

"This is a positive step for regional security," the spokesman told reporters.

Associated Press writer Kim Tong-hyung in Seoul contributed to this report.

Copyright 2016 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
"""

BBC_LIKE = """Japan and South Korea in landmark deal
Share
Image source, Getty Images
Image caption, The two countries have a difficult history
The two neighbours agreed on Monday to share intelligence on North Korea's missile programme.
Critics in Seoul said the pact ignored unresolved wartime grievances against Japan.
Related Topics
Japan
South Korea
"""

BLOG_LIKE = """# Why the intelligence pact matters

Posted on November 24, 2016 by Admin

The pact that **Japan and South Korea** signed this week is a
turning point for the alliance, and it was negotiated far more quickly
than [anyone expected](https://example.com/analysis).

Readers often ask why it took four years. The answer is domestic politics
in Seoul, where opposition parties fought the deal.

Comments (12)

Great post! Subscribe to my channel for more.
"""


@pytest.mark.parametrize(
    ("raw", "gone", "kept"),
    [
        (
            GUARDIAN_LIKE,
            ["Jane Doe in Seoul", "First published", "Last modified", "Photograph:", "morning briefing", "cookies"],
            ["South Korea and Japan signed a pact on Monday", "The deal had been shelved in 2012"],
        ),
        (
            AP_LIKE,
            ["WASHINGTON (AP)", "contributed to this report", "Copyright 2016"],
            ["The United States welcomed the agreement", '"This is a positive step for regional security,"'],
        ),
        (
            BBC_LIKE,
            ["Image source", "Image caption", "Related Topics", "Share"],
            ["The two neighbours agreed on Monday", "Critics in Seoul said the pact"],
        ),
        (
            BLOG_LIKE,
            ["Posted on November 24, 2016", "Comments (12)", "Great post", "# Why"],
            [
                "The pact that Japan and South Korea signed this week is a turning point for the alliance, and it was "
                "negotiated far more quickly than anyone expected.",
                "Readers often ask why it took four years.",
            ],
        ),
    ],
    ids=["guardian-like", "ap-like", "bbc-like", "markdown-blog"],
)
def test_other_sites_furniture(raw: str, gone: list[str], kept: list[str]) -> None:
    """The same rules clean articles shaped like other sites': bylines, stamps, credits, pitches, cookies, links."""
    cleaned = clean_article(raw)
    text = "\n".join(cleaned.paragraphs)
    for furniture in gone:
        assert furniture not in text
    for body in kept:
        assert any(p.startswith(body) for p in cleaned.paragraphs), body


def test_ap_dateline_agency_is_credited() -> None:
    """An AP dateline gives "AP" as the credit while the lead sentence stays whole."""
    cleaned = clean_article(AP_LIKE)
    assert cleaned.credits[0] == "AP"
    assert cleaned.paragraphs[0].startswith("The United States welcomed")


@pytest.mark.parametrize(
    "paragraph",
    [
        "On November 23, 2016, the two countries signed the pact at a closed ceremony in Seoul.",
        "Opposition lawmakers said comments by the minister showed the deal was rushed through.",
        "Newspapers that subscribe to the wire service ran the story on their front pages on Tuesday.",
        "NATO officials said they had been briefed on the agreement before it was signed.",
        "The deal, signed in Seoul, takes effect at once, the ministry said (officials declined to elaborate).",
        "In this image-conscious age, the minister said, how the signing looked mattered as much as the pact.",
        "Lenders tightened credit: banks refused new loans to small firms, the central bank said in its report.",
        "The bidder said the filing, made with regulators since it launched the offer on Sept. 26, does not change"
        " the terms and conditions of the offer except to extend its expiration date.",
    ],
)
def test_ordinary_paragraphs_are_not_mistaken_for_furniture(paragraph: str) -> None:
    """Dates, the word "comments", subscription words and capitals inside real sentences do not trigger rules."""
    raw = (
        "A headline for the test article\n\n" + paragraph + "\n\nA closing paragraph that says nothing more of note.\n"
    )
    assert paragraph in clean_article(raw).paragraphs


@pytest.mark.parametrize(
    "line",
    ["By using this site you agree to our Terms and Conditions.", "Terms of Use | Privacy Policy | Contact"],
)
def test_a_sites_own_terms_are_legal_text(line: str) -> None:
    """A line naming the site's terms is removed as legal text, unlike the terms of an offer in a story."""
    raw = f"A headline for the test article\n\nThe minister spoke to reporters in Seoul on Friday.\n\n{line}\n"
    cleaned = clean_article(raw)
    assert line not in cleaned.paragraphs
    assert (line, "legal text") in [(r.text, r.reason) for r in cleaned.removed]


def test_end_marker_before_any_body_does_not_truncate() -> None:
    """A "Comments" link in the page header is not taken for the start of the comment section."""
    raw = (
        "Headline of a story here\nComments\n\nThe first real paragraph of the story, long enough to be a paragraph.\n"
    )
    assert clean_article(raw).paragraphs == ["The first real paragraph of the story, long enough to be a paragraph."]


def test_exact_duplicate_paragraphs_are_dropped() -> None:
    """A paragraph repeated verbatim is kept once."""
    para = "The ministry said the talks would resume next month in Tokyo, officials confirmed."
    cleaned = clean_article(f"Title of the article here\n\n{para}\n\n{para}\n")
    assert cleaned.paragraphs == [para]
    assert [r.reason for r in cleaned.removed if r.text == para] == ["duplicate"]


def test_a_lone_subheading_goes_but_a_table_of_short_rows_stays() -> None:
    """A short line alone between paragraphs is a heading; short lines in a run are a table's rows, kept."""
    intro = (
        "Kyle Busch won the championship on Sunday, finishing the season five points ahead of his rivals."
        " It is his second title, and his team celebrated long into the night at the track in Homestead."
    )
    outro = (
        "The new season starts in February with the traditional race at Daytona, the organisers confirmed."
        " Tickets go on sale next week, and the full calendar of races will be published in December."
    )
    rows = ["1 Kyle Busch 5040 5 1 17 27", "2 Martin Truex Jr. 5035 7 2 19 24", "3 Kevin Harvick 5033 4 6 15 26"]
    raw = "\n\n".join([intro, "Final standings", "Pos Driver Points Wins Poles Top 5 Top 10", *rows, outro])
    cleaned = clean_article("NASCAR: Busch wins the title\n\n" + raw)
    assert cleaned.paragraphs == [intro, "Final standings", "Pos Driver Points Wins Poles Top 5 Top 10", *rows, outro]
    raw = "\n\n".join([intro, "Near-term consolidation likely", outro])
    cleaned = clean_article("NASCAR: Busch wins the title\n\n" + raw)
    assert cleaned.paragraphs == [intro, outro]
    assert [r.text for r in cleaned.removed if r.reason == "section heading"] == ["Near-term consolidation likely"]


@pytest.mark.parametrize(
    "caption",
    [
        "In this Dec. 12, 2006, file photo, made available by NASA, astronaut Robert L. Curbeam Jr., left, works on"
        " the International Space Station. (NASA via AP, File)",
        "In this photo taken on Nov. 23, 2016, South Korean protesters shout slogans outside the defence ministry.",
        "In this image made from video, the two ministers shake hands after signing the pact in Seoul.",
        "Roughly 13,000 US troops remain in Afghanistan, 18 years after Washington invaded the country [File: Reuters]",
        "Natalie Naccache | Bloomberg | Getty Images",
        "Image copyright Getty Images",
        "Image caption Scooter Braun has managed Justin Bieber, among others, throughout his career in music",
        "New York Islanders' Brock Nelson puts the game-winning goal behind the goaltender in Pittsburgh, Nov. 19,"
        " 2019. (AP Photo/Gene J. Puskar) less",
        "Functional areas of the hibernation module: (1) private crew quarters, (2) exercise, (3) hygiene and waste,"
        " (4) galley, (5) medical bay, (6) storage, (7) life support. The crew quarters double as hibernation pods,"
        " and the exercise, galley and medical areas are only used during the time the crew is awake and active,"
        " which keeps the module smaller than one built for a crew awake all the way. Credit: ESA",
    ],
)
def test_captions_are_removed(caption: str) -> None:
    """Captions are not taken for paragraphs: "In this ... photo, ...", BBC's labels, or a closing credit."""
    body = "The two governments signed the agreement in Seoul on Wednesday after four years of difficult talks."
    cleaned = clean_article(f"Seoul and Tokyo sign pact\n\n{caption}\n\n{body}\n")
    assert cleaned.paragraphs == [body]
    assert [r.reason for r in cleaned.removed if r.text == caption] == ["photo caption"]


def test_a_repeated_section_keeps_every_copy_but_a_lone_repeat_goes() -> None:
    """Lines repeated together in order (a plan per day) stay; a pull quote shown twice is kept once."""
    intro = (
        "This meal plan works for both programmes, so there is no need to work out a new one. Each day has the"
        " same three meals, eaten every two to three hours, and the same drinks around the workout."
    )
    quote = "“Prepping on Sunday saves me an hour every weekday,” the coach said of the plan she follows herself."
    day = ["Pre-Workout Meal", "Eat 60–90 minutes before your workout", "Asparagus and eggs, half a sweet potato"]
    raw = "\n\n".join([intro, quote, "Monday", *day, "Tuesday", *day, quote, intro.replace("This", "The")])
    cleaned = clean_article("Meal prep for the programme\n\n" + raw)
    assert cleaned.paragraphs.count(day[1]) == 2
    assert cleaned.paragraphs.count(day[2]) == 2
    assert cleaned.paragraphs.count(quote) == 1
    assert [r.text for r in cleaned.removed if r.reason == "duplicate"] == [quote]


def test_the_article_repeated_in_page_metadata_is_removed() -> None:
    """A long line carrying the page's paragraphs again (hidden metadata) is not kept, nor what lies around it."""
    paragraphs = [
        "If you plan to retire early, aim to have at least 25 to 30 times your yearly expenses saved or invested,"
        " though that number may be lower or higher depending on the life you picture for yourself.",
        "Depending on how much you plan to spend each year, you will fall into one of three groups of early"
        " retirees, from the frugal to the comfortable, each with a different savings target to reach.",
        "Live below your means, increase your income and max out your retirement accounts, and pay off all"
        " high-interest debt before you retire, which may include paying off your mortgage early.",
    ]
    blob = " ".join(
        ["https://static.example.de/image/5d1ce1ae-500-250/how-to-retire-early.jpg 500 250 ExampleNews", *paragraphs]
    )
    raw = "\n\n".join([*paragraphs, "Related coverage", "How to invest in index funds", blob, "Impressum"])
    cleaned = clean_article("How to retire early\n\n" + raw)
    assert cleaned.paragraphs == paragraphs
    assert [r.reason for r in cleaned.removed if r.text == blob] == ["the page's text repeated (page metadata)"]


def test_the_numbered_titles_of_a_listicle_stay() -> None:
    """ "4. Live below your means" titles a list item (content); an unnumbered lone subheading still goes."""
    steps = [
        "It is very difficult to build wealth if you spend more than you earn, so track every expense for a month"
        " and cut the three largest ones before anything else, starting with housing, transport and food.",
        "You can only cut costs so far, says one planner, so a side job or a raise adds more to your savings rate"
        " than any budget, and every extra dollar can go straight into your retirement accounts.",
    ]
    intro = "The road to retiring early is not easy. It takes time and discipline to earn, save and invest enough."
    raw = "\n\n".join([intro, "4. Live below your means", steps[0], "5. Leverage your income", steps[1]])
    cleaned = clean_article("How to retire early\n\n" + raw)
    assert cleaned.paragraphs == [intro, "4. Live below your means", steps[0], "5. Leverage your income", steps[1]]
    cleaned = clean_article("How to retire early\n\n" + raw.replace("4. ", "").replace("5. ", ""))
    assert cleaned.paragraphs == [intro, *steps]
