"""The article is found as the run of prose lines on a page, without the menus and lists around it."""

from __future__ import annotations

from bot.core.ingest.body import Line, is_link_row, line_score, select_body

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


ARTICLE = [
    "Performance analysts said on Monday that the streaming version of the game does not hold a stable 60 frames"
    " per second in the browser, dropping to the low 40s in busy scenes and stuttering during fast camera turns.",
    "Players using the recommended dongle get a locked 30 frames per second instead, which the analysts called"
    " smooth but disappointing for a service that promised the best performance of any console available today.",
    "The company said it was aware of the reports and would improve the browser version with an update, without"
    " giving a date, and added that most players would not notice the difference on a typical television set.",
    "We tried the service ourselves at the company's offices last month and found it impressive when it worked,"
    " though the connection dropped twice during an hour of play and the picture blurred whenever it recovered.",
]
# A "Deals" box under the article: a headline, then its teaser, story after story; together longer than the article.
TEASERS = [
    "Wireless earbuds already discounted, grab a pair for only $234",
    "The new wireless earbuds launched last month for $250, but surprisingly it is already possible to grab a pair"
    " at a considerable discount from several large retailers, a rare cut for a product this new on the market.",
    "Deal Alert: Newest tablet up to $200 off",
    "Retailers are not waiting until the holiday sales to offer deep tablet discounts at their web stores. Today you"
    " can get the latest large tablet with 256GB of storage for $200 less than the price at launch in October.",
    "Here are the best upcoming laptop deals",
    "A computer maker has released its list of holiday deals to help get the shopping season started. Starting with"
    " the easy to carry thin laptop, prices fall by up to a third on most models, with free delivery on all orders.",
    "Deal Alert: Save $50 on wireless sport headphones",
    "The sport headphones with adjustable, secure-fit ear hooks are on sale for $199, down from $249, making it a"
    " saving of 20 percent. The headphones last nine hours on a charge and come in four colours this season.",
    "Deal Alert: Big discounts on a whole range of laptops",
    "In the run-up to its event next month, a software company is running a big sale on its whole range of laptops"
    " and tablets, from the smallest model to the largest, with discounts of up to $300 on some of the bundles.",
]


# What lies between the article and the "Deals" box on the page this is modelled on: tags, sharing
# buttons and a "Read these next" list of headlines with their authors.
BETWEEN = (
    ["Related", "streaming", "browser games", "Stadia", "Tweet", "Read these next", "Trending"]
    + [
        line
        for story in range(1, 7)
        for line in (f"System update {story} is now rolling out to more devices this week", "by Rahul", "Trending")
    ]
    + ["Windows", "Insider build released to the fast ring with a long changelog", "by Surur", "Gaming", "Deals"]
)


def test_a_list_of_teasers_does_not_outweigh_the_article() -> None:
    """Headline-and-teaser pairs further down count less than the article, though they hold more words."""
    lines = [Line(t) for t in ["Gaming", "Streaming game stutters in the browser", *ARTICLE, *BETWEEN, *TEASERS]]
    assert select_body(lines) == range(2, 6)


def test_a_list_of_stories_alone_on_the_page_is_still_kept() -> None:
    """When headline-and-teaser pairs are all the page has (a listicle), they are the article."""
    lines = [Line(t) for t in ["Deals", *TEASERS, "About us"]]
    assert select_body(lines) == range(1, 11)


def test_a_run_together_list_of_links_is_not_prose() -> None:
    """A long line of archive months or tags, with hardly a comma, counts against the article, not for it."""
    archive = "Archives Select month " + " ".join(f"{month} {year}" for year in (2019, 2018) for month in MONTHS)
    tags = "Tags " + " ".join(["Afghanistan", "Saudi Arabia", "economy", "Yemen", "elections", "Islamic party"] * 6)
    assert line_score(Line(archive)) < 0
    assert line_score(Line(tags)) < 0
    assert line_score(Line(ARTICLE[0] + " " + ARTICLE[1])) > 0
    lines = [Line(t) for t in [ARTICLE[0], ARTICLE[1], "Archives", archive]]
    assert select_body(lines) == range(0, 2)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def test_a_comment_thread_does_not_outweigh_the_article() -> None:
    """Comments opened by "name says:" lines are cut apart, so a long thread loses to the article above it."""
    comments = [
        "It is a good thing the service launched in so few countries, because this is a mess for anyone paying.",
        "As usual too many promises and too little delivered. The hardware is fine, but the catalogue is thin and"
        " the prices are the same as buying the game outright, so why would anyone switch from a console today?",
        "Give it a year. Every new platform stumbles at the start, and the browser version was always going to be"
        " the weakest way to play. The real test is the free tier next spring, when millions can try it at once.",
        "I tried it on a fibre line and it was smooth for an hour, then dropped to a blur twice. Not ready yet.",
        "The analysts are right and the company knows it. Nobody who cares about frame rates streams a game.",
    ]
    thread = ["5 responses to “Streaming game stutters in the browser”"]
    for name, comment in zip(
        ["gamer99", "Bob. Just Bob.", "joetoronto", "v2787", "smarter than you"], comments, strict=True
    ):
        thread += [f"{name} says:", comment, "Reply"]
    lines = [Line(t) for t in ["Gaming", "Streaming game stutters in the browser", *ARTICLE, "Share", *thread]]
    assert select_body(lines) == range(2, 6)


def test_a_sentence_may_end_with_an_emoji() -> None:
    """ "... what are you waiting for? 🙂" ends like a sentence: a blog's paragraph, not a line of furniture."""
    review = "“Beautiful spectacle! Dance, music and acting are amazing, and the costumes are wonderful!” 👍👍"
    assert line_score(Line(review)) > 0
    assert line_score(Line("Beautiful spectacle dance music acting amazing costumes wonderful 👍")) < 0
