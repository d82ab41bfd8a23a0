"""Finds where the article runs on a page's lines: the stretch dense with prose, without the menus and lists around it.

Text copied from a web page is the article surrounded by navigation, teasers, link lists, comments and
legal text, one block per line. Article paragraphs are long and end like sentences; furniture lines are
short, end without punctuation, run links together, or are made of separated links. Each line scores
for or against being article text, and the article is the stretch of lines with the highest total (the maximum-sum run),
never crossing a line that closes an article ("Comments", "Related stories"); a paragraph alone
between two headlines (a teaser in a list of stories) counts half. Short lines inside that
stretch (subheadings, one-line quotes) stay; lines outside it go.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
# Sentence ends in Latin and CJK scripts, possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…。！？][\"”’'»)\]]*(?: ?[\u2600-\u27bf\U0001f300-\U0001faff\ufe0f]){0,3}$")
# Marks that prose of any script uses every few words and a run-together list of links hardly ever does.
_PUNCTUATION = re.compile(r"[,.;:!?、。，،]")
_WORDS_PER_MARK = 20
# A line of link-like items: three or more pieces between separators ("Home | World | Business").
_SEPARATOR = re.compile(r"\s[|•·»›/]\s|\s[|•·]|[|•·]\s")

# The words of sharing and following buttons ("Share on Facebook Share on Twitter Email this story").
_SHARING = re.compile(
    r"\b(?:share|tweet|email|e-mail|print|facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|follow)\b", re.I
)
_SHARING_MAX_WORDS = 12
PROSE_WORDS = 16
LONG_WORDS = 30
_SHORT_PENALTY = 3.0
_STANDFIRST_WORDS = 8
_CLOSING_WORDS = 3
_CLOSING_LINES = 3
_FURNITURE_PENALTY = 10.0
_TEASER_WEIGHT = 0.5
_COMMENTER_MAX_WORDS = 6
_COMMENTERS = 3
_COPY_MIN_SHINGLES = 30


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the page as the cleaner saw it: its text, and whether a rule already called it furniture."""

    text: str
    furniture: bool = False
    closes_article: bool = False


def size(text: str) -> int:
    """Words in ``text``; a line in a script without spaces counts one word per six characters."""
    return max(len(_WORD.findall(text)), len(text) // 6)


def line_score(line: Line) -> float:
    """How much this line speaks for the article running here (positive) or against it (negative)."""
    words = size(line.text)
    if line.furniture:
        # Rules already remove these lines; inside an article they are captions and stamps, so they weigh
        # little, but a long run of them (a footer) still ends the article.
        return -min(max(words, _SHORT_PENALTY), _FURNITURE_PENALTY)
    if is_link_row(line.text):
        return -max(words, _SHORT_PENALTY)
    prose = _SENTENCE_END.search(line.text) is not None
    if not prose and words >= LONG_WORDS and len(_PUNCTUATION.findall(line.text)) * _WORDS_PER_MARK < words:
        # Run-together menus, tag clouds and headline lists: long, but with hardly a comma or a stop.
        return -_SHORT_PENALTY
    if (prose and words >= PROSE_WORDS) or words >= LONG_WORDS:
        return float(words)
    if prose and words >= 8:
        return words / 2
    if prose and words >= _CLOSING_WORDS:
        return 0.0  # a one-line sentence: a quote or a closing line in an article, a teaser outside one
    return -_SHORT_PENALTY


def line_scores(lines: Sequence[Line]) -> list[float]:
    """Each line's score, weighed by its neighbours.

    A paragraph alone after a headline-like line, with no paragraph after it, is a teaser in a list of
    stories ("Deals", "Read next"), and such a list can outweigh a short article; an article's paragraphs
    follow one another. It counts half, so a list of stories that is the whole page still wins.
    """
    scores = [line_score(line) for line in lines]
    base = list(scores)
    for index in range(1, len(lines)):
        headline = base[index - 1] < 0 and not lines[index - 1].furniture
        alone = index + 1 == len(lines) or base[index + 1] <= 0
        if base[index] > 0 and headline and alone:
            scores[index] *= _TEASER_WEIGHT
    return scores


def commenter_lines(lines: Sequence[Line]) -> set[int]:
    """The lines that open each comment of a thread: "jsmith says:", "Bob. Just Bob. says:", "Anna wrote:".

    Such a line is a name and a verb with a colon, the same verb on three or more different lines. Each
    comment is cut off from its neighbours, so a long thread never outweighs the article above it.
    """
    by_verb: dict[str, set[int]] = {}
    for index, line in enumerate(lines):
        words = line.text.split()
        if line.text.endswith(":") and 2 <= len(words) <= _COMMENTER_MAX_WORDS:
            by_verb.setdefault(words[-1].casefold(), set()).add(index)
    found: set[int] = set()
    for indices in by_verb.values():
        if len({lines[index].text for index in indices}) >= _COMMENTERS:
            found |= indices
    return found


def copies_of_smaller_lines(lines: Sequence[Line]) -> set[int]:
    """Long lines that mostly repeat shorter lines of the page: the article's text again, run together.

    Pages carry their article a second time in hidden metadata, which copied text shows as one long line
    after the paragraphs; it would outweigh the article and pull the footer around it into the selection.
    """
    grams = [_shingles(line.text) for line in lines]
    smallest: dict[tuple[str, ...], int] = {}
    for line_grams in grams:
        for gram in line_grams:
            smallest[gram] = min(smallest.get(gram, len(line_grams)), len(line_grams))
    return {
        index
        for index, line_grams in enumerate(grams)
        if len(line_grams) >= _COPY_MIN_SHINGLES
        and sum(smallest[gram] * 2 <= len(line_grams) for gram in line_grams) * 2 >= len(line_grams)
    }


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


def is_link_row(text: str) -> bool:
    """A row of links: three or more items between separators, or a short run of sharing buttons; no sentence."""
    if _SENTENCE_END.search(text) is not None:
        return False
    sharing = len(_SHARING.findall(text)) >= 2 and size(text) <= _SHARING_MAX_WORDS
    return sharing or len(_SEPARATOR.findall(text)) >= 2


def select_body(lines: Sequence[Line]) -> range:
    """The indices of the run of lines most likely to be the article (empty when nothing scores)."""
    scores = line_scores(lines)
    thread = commenter_lines(lines)
    best, best_range = 0.0, range(0)
    total, start = 0.0, 0
    for index, line in enumerate(lines):
        if line.closes_article or index in thread:
            total, start = 0.0, index + 1
            continue
        if total <= 0:
            total, start = 0.0, index
        total += scores[index]
        if total > best:
            best, best_range = total, range(start, index + 1)
    first = best_range.start
    # A standfirst or a lead without its full stop opens the article just before its first full paragraph.
    while best_range and first > 0 and _opens_article(lines[first - 1]):
        first -= 1
    last = best_range.stop
    # Closing one-line paragraphs ("Officials welcomed the deal."), maybe under a subheading, end the article
    # just after the run: the furthest sentence reached through a few plain lines.
    for ahead in range(best_range.stop, min(best_range.stop + _CLOSING_LINES, len(lines)) if best_range else 0):
        line = lines[ahead]
        if line.closes_article or is_link_row(line.text):
            break
        # Furniture on the way (a sign-off, a caption) is removed anyway and does not end the article.
        if not line.furniture and _SENTENCE_END.search(line.text) is not None and size(line.text) >= _CLOSING_WORDS:
            last = ahead + 1
    return range(first, last)


def _opens_article(line: Line) -> bool:
    return (
        not (line.furniture or line.closes_article or is_link_row(line.text)) and size(line.text) >= _STANDFIRST_WORDS
    )
