"""The plain data the core passes around: articles, passages, answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Removed:
    """A line that cleaning took out of an article, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article with the metadata shown next to its quotes."""

    article_id: str
    file_name: str
    title: str
    source: str
    published: date | None
    url: str | None
    paragraphs: tuple[str, ...]
    content_hash: str
    inferred: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()


@dataclass(frozen=True, slots=True)
class Passage:
    """A quotable piece of an article: one to a few sentences, with their character spans.

    ``first`` and ``last`` number the article's base passages it covers: equal for a base passage,
    consecutive for a pair of short neighbours indexed together (an answer may run across both).
    """

    passage_id: str
    article_id: str
    first: int
    last: int
    text: str
    sentences: tuple[tuple[int, int], ...]

    @property
    def is_base(self) -> bool:
        return self.first == self.last

    def overlaps(self, other: Passage) -> bool:
        return self.article_id == other.article_id and spans_overlap(self.first, self.last, other.first, other.last)


def spans_overlap(first: int, last: int, other_first: int, other_last: int) -> bool:
    """Whether two runs of an article's base passages (``first`` to ``last``) share one: a pair and its halves do."""
    return first <= other_last and other_first <= last


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A corpus file that was skipped or failed to load, with the reason in plain words.

    ``loaded`` marks a note on a file that did load (its id had to be changed).
    """

    file_name: str
    reason: str
    loaded: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """A passage chosen to answer a question, with the sentence that best matches it."""

    passage: Passage
    article: Article
    score: float
    coverage: float
    best_sentence: tuple[int, int]
    also_reported_by: tuple[Article, ...] = ()
    # The passage's sentence spans, best answer first: what a shortened quote keeps.
    ranked_sentences: tuple[tuple[int, int], ...] = ()
    # The question's terms with their weights (aliases expanded): what a shortened quote keeps in view.
    asked_terms: tuple[tuple[str, float], ...] = ()

    @property
    def best_sentence_text(self) -> str:
        start, end = self.best_sentence
        return self.passage.text[start:end]


@dataclass(frozen=True, slots=True)
class Answer:
    """What the bot says to a question: quotes with sources, or an abstention with quotes empty."""

    question: str
    answered: bool
    message: str
    quotes: tuple[Quote, ...] = ()
    offset: int = 0
    has_more: bool = False
    period: str | None = None
    question_id: str | None = None
    # How relative time words were read ("Read “last week” as 14–20 November 2016, ..."), to say in the reply.
    time_reading: str | None = None
    # The previous question a short follow-up was read with ("when did he sign it?"), or None.
    context: str | None = None
    # The question with misspelt words replaced by the corpus words searched instead, when any were.
    did_you_mean: str | None = None

    @property
    def newest(self) -> date | None:
        """Publication date of the newest article quoted or corroborating, so readers know how current it is."""
        return newest_published(self.quotes)


def newest_published(quotes: tuple[Quote, ...]) -> date | None:
    """The latest publication date among the quoted and corroborating articles."""
    dates = [a.published for q in quotes for a in (q.article, *q.also_reported_by) if a.published]
    return max(dates) if dates else None


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """An article as listed by /sources."""

    article: Article
    passage_count: int


@dataclass(frozen=True, slots=True)
class ReloadReport:
    """What a reload changed; ``kept_old`` is set when the new corpus was unusable."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0
    articles: int = 0
    passages: int = 0
    problems: tuple[FileProblem, ...] = field(default_factory=tuple)
    kept_old: str | None = None
