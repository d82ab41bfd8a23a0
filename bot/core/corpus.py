"""Builds the searchable corpus from a folder, and tells what changed between two loads."""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot import messages
from bot.core.ingest.passages import split_passages
from bot.core.ingest.read import load_articles
from bot.core.models import Article, FileProblem, Passage, ReloadReport
from bot.core.passage_table import PassageTable
from bot.core.progress import Progress, no_progress
from bot.core.search.acronyms import find_acronyms
from bot.core.search.demonyms import capitalised_words, pair_demonyms
from bot.core.search.engines import AUTO, EngineChoice
from bot.core.search.index import SearchIndex
from bot.core.search.lexicon import Lexicon
from bot.core.search.terms import Encoded, PassageTerms
from bot.core.search.tokenize import tokenize, tokenize_sentences, tokenize_words
from bot.core.timeline.dated_spans import DatedSpans
from bot.core.timeline.events import TimelineEvent, article_mentions, merge_mentions
from bot.core.timeline.mentions import EventMention
from bot.core.timeline.timexpr import Period
from bot.errors import CorpusError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ArticleParts:
    """What one article brings to the corpus, worked out from that article alone.

    A saved corpus keeps these per file, so a reload redoes them only for new or changed files.
    ``passages`` are dropped once they are in the corpus's ``PassageTable`` (``passage_count`` stays);
    ``tokens`` (each passage's terms), ``sentence_lengths`` (how many of them each sentence gives, where
    those are the sentence's own terms) and ``words`` (written words with their terms, for the lexicon)
    are dropped once they are in the index and the lexicon. ``stamp`` is the file's status when its content
    hash was taken (see ``store.snapshot.file_stamp``), None if it may not be trusted.
    """

    article: Article
    passages: tuple[Passage, ...]
    passage_count: int
    mentions: tuple[EventMention, ...]
    acronyms: tuple[tuple[str, tuple[str, ...]], ...]
    # Sorted, as a tuple: a frozenset of an article's ~50 words took 2.3 KB, a fifth of what a first build held
    # after reading at a million passages; the tuple takes a fifth of that.
    capitalised: tuple[str, ...]
    tokens: tuple[tuple[str, ...], ...] | None = None
    words: tuple[tuple[str, str], ...] | None = None
    sentence_lengths: tuple[tuple[int, ...] | None, ...] | None = None
    stamp: tuple[int, int, int, int] | None = None


def split_article(article: Article) -> ArticleParts:
    """Passages, their terms, dated mentions and alias evidence of one article."""
    passages = tuple(split_passages(article))
    tokenized = [_passage_words(p) for p in passages]
    return ArticleParts(
        article,
        passages,
        len(passages),
        tuple(article_mentions(article)),
        tuple(find_acronyms(article.paragraphs).items()),
        tuple(sorted(capitalised_words(article.paragraphs))),
        tuple(tuple(term for _, term in words) for words, _ in tokenized),
        tuple(dict.fromkeys(pair for words, _ in tokenized for pair in words)),
        tuple(None if lengths is None else tuple(lengths) for _, lengths in tokenized),
    )


def _passage_words(passage: Passage) -> tuple[list[tuple[str, str]], list[int] | None]:
    """The passage's words with their terms, and how many each sentence gives (see ``tokenize_sentences``)."""
    sentences = [passage.text[start:end] for start, end in passage.sentences]
    if " ".join(sentences) != passage.text:
        return tokenize_words(passage.text), None
    return tokenize_sentences(sentences)


@dataclass(frozen=True)
class Corpus:
    """Everything one load of the folder produced; replaced whole on reload, never changed in place."""

    folder: Path
    articles: dict[str, Article]
    passages: PassageTable
    index: SearchIndex
    problems: tuple[FileProblem, ...]
    timeline: tuple[TimelineEvent, ...] = ()
    # For each passage, the periods of the events it dates (aligned with ``passages``).
    passage_periods: tuple[frozenset[Period], ...] = ()
    # The corpus's written words, for spelling correction and bridging other wording.
    lexicon: Lexicon = field(default_factory=Lexicon)
    # Each article's share, in passage order (what a saved corpus keeps per file).
    parts: tuple[ArticleParts, ...] = ()

    @functools.cached_property
    def publication_days(self) -> tuple[date, ...]:
        """Each day an article was published, newest first."""
        return tuple(sorted({a.published for a in self.articles.values() if a.published}, reverse=True))

    @property
    def newest_published(self) -> date | None:
        return self.publication_days[0] if self.publication_days else None

    @functools.cached_property
    def dated_spans(self) -> DatedSpans:
        """The events' periods and the publication days, searchable: a question's period is checked against them."""
        events = ((e.period.start, e.period.end) for e in self.timeline)
        return DatedSpans([*events, *((day, day) for day in self.publication_days)])

    @functools.cached_property
    def publisher_terms(self) -> frozenset[str]:
        """The index terms of every publisher's name: once per corpus, not once per question that needs them."""
        return frozenset(term for source in {a.source for a in self.articles.values()} for term in tokenize(source))

    def passage_counts(self) -> Counter[str]:
        """Base passages per article (the neighbour pairs indexed alongside are not counted)."""
        table = self.passages
        counts = np.bincount(table.article[table.base_mask()], minlength=len(table.article_ids))
        return Counter({table.article_ids[n]: int(counts[n]) for n in np.flatnonzero(counts).tolist()})

    def sentence_terms(self, position: int) -> list[frozenset[str]]:
        """The distinct terms of each sentence of passage ``position``: read from the index where it keeps
        them (a corpus built from articles), else tokenized."""
        found = self.index.term_sets.sentences(position)
        if found is None:
            passage = self.passages[position]
            found = [frozenset(tokenize(passage.text[start:end])) for start, end in passage.sentences]
        return found

    def base_passage_texts(self) -> dict[str, list[dict[str, str]]]:
        """Each article's base passages in reading order as ``{passage_id, text}``: what cleaning kept, once each."""
        texts: dict[str, list[dict[str, str]]] = {}
        for passage in sorted((p for p in self.passages if p.is_base), key=lambda p: (p.article_id, p.first)):
            texts.setdefault(passage.article_id, []).append({"passage_id": passage.passage_id, "text": passage.text})
        return texts


# Problems named in the error when no article loads: enough to fix the folder, short enough for one chat reply.
_PROBLEMS_NAMED = 5


def empty_corpus(folder: Path, problems: Sequence[FileProblem]) -> CorpusError:
    """The error for a folder where no article loads, naming the first files' problems."""
    message = messages.CORPUS_EMPTY.format(path=folder)
    named = [f"{p.file_name}: {p.reason}" for p in problems[:_PROBLEMS_NAMED]]
    if len(problems) > _PROBLEMS_NAMED:
        named.append(messages.CORPUS_EMPTY_MORE.format(count=len(problems) - _PROBLEMS_NAMED))
    return CorpusError(f"{message} ({'; '.join(named)})" if named else message)


def build_corpus(folder: Path, engine: EngineChoice = AUTO) -> Corpus:
    """Load, clean, split and index every article in ``folder``; raise ``CorpusError`` if none can be used."""
    if not folder.is_dir():
        raise CorpusError(messages.CORPUS_MISSING.format(path=folder))
    articles, problems = load_articles(folder)
    if not articles:
        raise empty_corpus(folder, problems)
    corpus = corpus_from_articles(folder, articles, problems, engine)
    log.info(
        "corpus loaded: %d articles, %d passages, %d files with problems",
        len(articles),
        len(corpus.passages),
        len(problems),
    )
    return corpus


def corpus_from_articles(
    folder: Path,
    articles: Sequence[Article],
    problems: Sequence[FileProblem] = (),
    engine: EngineChoice = AUTO,
) -> Corpus:
    """Split and index already-loaded articles."""
    return assemble_corpus(folder, [split_article(a) for a in articles], problems, engine)


def assemble_corpus(
    folder: Path,
    parts: Sequence[ArticleParts],
    problems: Sequence[FileProblem],
    engine: EngineChoice = AUTO,
    terms: PassageTerms | None = None,
    engine_folder: Path | None = None,
    progress: Progress = no_progress,
    known_words: dict[str, str] | None = None,
    passages: PassageTable | None = None,
) -> Corpus:
    """Join the articles' parts into one corpus: aliases, index, lexicon, timeline.

    ``terms`` and ``passages`` are the parts' passage terms and passages if already put together,
    ``known_words`` the lexicon words of parts whose ``words`` were dropped (a saved corpus's).
    """
    if passages is None:
        passages = PassageTable.of(p for part in parts for p in part.passages)
    acronyms: dict[str, tuple[str, ...]] = {}
    for part in parts:
        for short, long_terms in part.acronyms:
            acronyms.setdefault(short, long_terms)
    capitalised = set().union(*(part.capitalised for part in parts))
    aliases = {**pair_demonyms(capitalised), **acronyms}
    if terms is None:
        terms = PassageTerms.assemble(None, [encoded(part) for part in parts])
    progress("indexing passages", 0, 1)
    index = SearchIndex.build(terms, aliases, engine.resolve(len(passages)), engine_folder)
    progress("indexing passages", 1, 1)
    progress("building the timeline", 0, 1)
    timeline = tuple(merge_mentions([m for part in parts for m in part.mentions], index))
    progress("building the timeline", 1, 1)
    words = dict(known_words or {})
    for part in parts:
        for word, term in part.words or ():
            words.setdefault(word, term)
    return Corpus(
        folder,
        {part.article.article_id: part.article for part in parts},
        passages,
        index,
        tuple(problems),
        timeline,
        _passage_periods(passages, timeline),
        lexicon_from(words, terms),
        tuple(replace(part, passages=(), tokens=None, words=None, sentence_lengths=None) for part in parts),
    )


def encoded(part: ArticleParts) -> list[Encoded]:
    """A freshly split article's passages as ``PassageTerms.assemble`` takes them."""
    tokens = part.tokens or ()
    return list(zip(tokens, part.sentence_lengths or (None,) * len(tokens), strict=True))


# Term ids counted at once for the lexicon (~8 MB of working array).
COUNT_SLICE = 1_000_000


def lexicon_from(words: dict[str, str], terms: PassageTerms, counts: npt.NDArray[np.int64] | None = None) -> Lexicon:
    """The lexicon: written words with their terms, and each term's count over all passages (``counts`` by
    term id, if known: a save keeps them rather than count a million passages' terms again)."""
    if counts is None:
        counts = np.zeros(len(terms.vocabulary), dtype=np.int64)
        # A slice at a time: ``np.bincount`` counts a copy of its input widened to int64, which for all the term
        # ids was the largest thing a first build made after the timeline (half a gigabyte at a million passages).
        for start in range(0, len(terms.ids), COUNT_SLICE):
            counts += np.bincount(terms.ids[start : start + COUNT_SLICE], minlength=len(terms.vocabulary))
    elif len(counts) != len(terms.vocabulary):
        raise ValueError("the term counts and the vocabulary disagree")
    vocabulary = terms.vocabulary
    return Lexicon(words, Counter({vocabulary[i]: int(counts[i]) for i in np.flatnonzero(counts).tolist()}))


# Articles whose passages' text is read before the pages read are let go (see ``PassageTable.forget_pages``).
_ARTICLES_PER_FORGET = 100


def _passage_periods(passages: PassageTable, timeline: Sequence[TimelineEvent]) -> tuple[frozenset[Period], ...]:
    """Which event periods each passage dates: the periods of the event sentences it contains."""
    mentioned: dict[str, list[EventMention]] = {}
    for event in timeline:
        for mention in event.mentions:
            mentioned.setdefault(mention.article_id, []).append(mention)
    periods: dict[int, set[Period]] = {}
    for count, (article_id, mentions) in enumerate(mentioned.items(), 1):
        if count % _ARTICLES_PER_FORGET == 0:  # this reads most passages' text: none of it need stay resident
            passages.forget_pages()
        # Passages are cut at the same sentence boundaries as events, so a sentence finds its passages by lookup.
        holding: dict[str, list[int]] = {}
        for position in passages.positions_of(article_id):
            passage = passages[position]
            for start, end in passage.sentences:
                holding.setdefault(passage.text[start:end].strip(), []).append(position)
        for mention in mentions:
            for position in holding.get(mention.sentence, ()):
                periods.setdefault(position, set()).add(mention.period)
    none: frozenset[Period] = frozenset()
    return tuple(frozenset(periods[n]) if n in periods else none for n in range(len(passages)))


def diff_corpora(old: Corpus | None, new: Corpus) -> ReloadReport:
    """Which articles a reload added, changed and removed, by file content."""
    before = {a.article_id: a.content_hash for a in old.articles.values()} if old else {}
    after = {a.article_id: a.content_hash for a in new.articles.values()}
    return ReloadReport(
        added=tuple(sorted(after.keys() - before.keys())),
        changed=tuple(sorted(k for k in after.keys() & before.keys() if after[k] != before[k])),
        removed=tuple(sorted(before.keys() - after.keys())),
        unchanged=sum(1 for k in after.keys() & before.keys() if after[k] == before[k]),
        articles=len(new.articles),
        passages=sum(new.passage_counts().values()),
        problems=new.problems,
    )
