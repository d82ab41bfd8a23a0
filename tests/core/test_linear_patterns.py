"""No text makes the cleaning or search patterns backtrack: adversarial strings run in time linear in their length."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from types import ModuleType

import pytest
from hypothesis import HealthCheck, example, given, settings, target
from hypothesis import strategies as st

from bot.core.ingest import body, clean, frontmatter, passages, read
from bot.core.ingest.clean import clean_article, headline_key
from bot.core.ingest.frontmatter import FrontMatterError, split_front_matter
from bot.core.ingest.passages import split_sentences
from bot.core.ingest.read import ArticleError, parse_article
from bot.core.search import acronyms, demonyms, tokenize
from bot.core.search.acronyms import find_acronyms
from bot.core.search.demonyms import find_demonyms
from bot.core.timeline import dates

MODULES: list[ModuleType] = [body, clean, frontmatter, read, passages, tokenize, acronyms, demonyms]
# The date patterns these modules import belong to the timeline, which tests them itself.
_IMPORTED = {id(value) for value in vars(dates).values()}
PATTERNS = {
    f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
    for module in MODULES
    for name, value in vars(module).items()
    if isinstance(value, re.Pattern) and id(value) not in _IMPORTED
}

# Pieces of the patterns themselves, and the characters they hinge on: brackets, separators, capitals, markup.
FRAGMENTS = [
    "(", ")", "[", "]", "A", "AB", "SEOUL ", "UPDATE 2 ", "(LEAD) ", "skip to ", "xgo to ", "go to the ", "_a ", "_",
    "*", "**", "[a](", "](", "a", " ", "  ", "\t", "\u00a0", "\u2028", "\x1f", "|", " | ", "•", "·", "-", "--", " — ",
    ",", ".", ". ", "...", ":", "/", "ls/", "By ", "from ", "and ", "©", "(c) ", "Photo", "Image: ", "Nov. 9, ",
    "2016", "10:30 ", "(Reuters) ", "(AP) —", "comments", "Published ", "'s", "U.S.", "N. ", "# ", "> ", "!", "?",
    '"', "’", "Korean ", "Korea ", "(GSOMIA) ", "x",
]  # fmt: skip
_MAX_CHARS = 40_000
_PROSE = "The two governments signed the agreement in Seoul on Wednesday, after four years of talks. "


# Each repro took seconds (the wire tag: over a minute) before the fix, at these sizes.
REPROS = {
    "wire tag missing its bracket": "(UPDATE 2 SEOUL AND TOKYO TO SIGN MILITARY INTELLIGENCE PACT",
    "bracket and capitals": "(" + "A" * 40,
    "skip links that never end": "skip to " + "xgo to " * 40,
    "markdown emphasis": "_a " * 10_000,
    "markdown links": "[a](" * 10_000,
    "acronym definitions": "(AB) " * 10_000,
    "tiny sentences": "• . " * 20_000,
}


def pattern_alphabet(pattern: re.Pattern[str]) -> list[str]:
    """Pieces a pattern hinges on: its literal words, its escaped and punctuation characters, and stand-ins for
    its classes (capitals, digits, letters, spaces)."""
    source = pattern.pattern
    words = re.findall(r"(?<![\\?])\b[A-Za-z]{2,}\b", source)
    escaped = re.findall(r"\\([^\w\s])", source)
    marks = re.findall(r"[^\w\s\\()\[\]{}?*+|^$.<>=!:-]", source)
    return sorted({*words, *(w + " " for w in words), *escaped, *marks, "A", "a", "1", " ", "x", ".", "-", ":"})


def _texts(alphabet: list[str]) -> st.SearchStrategy[str]:
    """A prefix, one run of a repeated unit (where backtracking multiplies), and a suffix that may spoil the match."""
    piece = st.lists(st.sampled_from(alphabet), min_size=0, max_size=3).map("".join)
    unit = st.lists(st.sampled_from(alphabet), min_size=1, max_size=3).map("".join)
    return st.builds(
        lambda prefix, unit, times, suffix: (prefix + unit * times + suffix)[:_MAX_CHARS],
        piece,
        unit,
        st.integers(min_value=1, max_value=_MAX_CHARS),
        piece,
    )


def _scan(pattern: re.Pattern[str], text: str) -> None:
    for _ in pattern.finditer(text):
        pass
    pattern.fullmatch(text)


def _run_every_pattern(text: str) -> None:
    for pattern in PATTERNS.values():
        _scan(pattern, text)


def _run_the_pipeline(text: str) -> None:
    clean_article(text)
    clean_article(text, title=text[:300])
    headline_key(text)
    tokenize.tokenize(text)
    find_acronyms([text])
    find_demonyms([text])
    split_sentences(text)
    with contextlib.suppress(FrontMatterError):
        split_front_matter("---\n" + text)
    with contextlib.suppress(ArticleError):
        parse_article("adversarial.txt", text.encode("utf-8", "replace"))


# A linear pass over 40,000 characters takes tens of milliseconds; the patterns fixed in issue #9 took ten
# seconds to hours on such strings. The deadline leaves a wide margin for a slow, busy shared machine.
_ADVERSARIAL = settings(deadline=timedelta(seconds=2), database=None, suppress_health_check=[HealthCheck.too_slow])


def test_patterns_are_collected() -> None:
    """The property tests below see the patterns of every cleaning and search module."""
    assert {"clean._NAVIGATION", "clean._WIRE_TAG", "clean._MARKDOWN_EMPHASIS", "acronyms._DEFINITION"} <= set(PATTERNS)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_pattern_runs_in_linear_time(name: str) -> None:
    """Searching and full-matching each cleaning and search pattern on text built from its own pieces ends in time."""
    pattern = PATTERNS[name]

    @settings(_ADVERSARIAL, max_examples=15)
    @given(_texts(pattern_alphabet(pattern)))
    def check(text: str) -> None:
        started = time.perf_counter()
        _scan(pattern, text)
        # Steer the search towards slow inputs: that is where backtracking hides.
        target(time.perf_counter() - started)

    check()


_RUN_CHARS = 10_000


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_long_runs_of_each_piece_stay_linear(name: str) -> None:
    """A long run of any one piece of a pattern, ending well or not, scans about as fast as prose (measured alongside).

    Searching restarts at every position, so a pattern that opens with an unbounded repeat ("\\d+\\.") would read
    the rest of a run of digits from each of them."""
    pattern = PATTERNS[name]
    budget = 50 * _seconds(partial(_scan, pattern, (_PROSE * (_RUN_CHARS // len(_PROSE) + 1))[:_RUN_CHARS])) + 0.2
    for piece in pattern_alphabet(pattern):
        for end in ("", ")"):
            text = (piece * (_RUN_CHARS // len(piece) + 1))[:_RUN_CHARS] + end
            assert _seconds(partial(_scan, pattern, text)) < budget, (piece, end)


@settings(_ADVERSARIAL, max_examples=20)
@given(_texts(FRAGMENTS))
@example(REPROS["wire tag missing its bracket"])
@example(REPROS["markdown emphasis"])
def test_ingestion_runs_in_linear_time(text: str) -> None:
    """Cleaning, front matter, sentences, tokenizing and alias learning end within the deadline on adversarial text."""
    _run_the_pipeline(text)


def _seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


@pytest.mark.parametrize("text", REPROS.values(), ids=REPROS.keys())
def test_issue_9_repros_are_fast(text: str) -> None:
    """Each input that hung the loader takes about as long as ordinary prose of its length (measured alongside)."""
    prose = (_PROSE * (len(text) // len(_PROSE) + 1))[: len(text)]
    for run in (_run_the_pipeline, _run_every_pattern):
        assert _seconds(partial(run, text)) < 20 * _seconds(partial(run, prose)) + 0.5


def test_wire_tag_missing_its_bracket_stays_in_the_headline() -> None:
    """The unclosed tag is not a tag: the title keeps it, and the body below is kept."""
    cleaned = clean_article(
        REPROS["wire tag missing its bracket"] + "\n\nSeoul and Tokyo will sign the pact on Wednesday."
    )
    assert cleaned.title == REPROS["wire tag missing its bracket"]
    assert cleaned.paragraphs == ["Seoul and Tokyo will sign the pact on Wednesday."]


def test_long_line_is_cut_and_joined_back() -> None:
    """A paragraph longer than the line bound comes out whole: the pieces are joined again."""
    sentence = "The two governments signed the agreement in Seoul after four years of talks. "
    paragraph = (sentence * (2 * clean.MAX_LINE_CHARS // len(sentence))).strip()
    assert clean_article(paragraph).paragraphs == [paragraph]


def test_markdown_is_stripped_without_pairing() -> None:
    """Emphasis and links lose their markup; markers inside words and lone operators stay."""
    line = "The **pact** was _signed_ in [Seoul](https://example.com/a_(b)) by snake_case 5 * 3 officials."
    assert clean_article(line).paragraphs == ["The pact was signed in Seoul by snake_case 5 * 3 officials."]
