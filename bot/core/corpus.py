"""Builds the searchable corpus from a folder, and tells what changed between two loads."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot import messages
from bot.core.ingest.passages import split_passages
from bot.core.ingest.read import load_articles
from bot.core.models import Article, FileProblem, Passage, ReloadReport
from bot.core.search.acronyms import find_acronyms
from bot.core.search.demonyms import find_demonyms
from bot.core.search.engines import AUTO, EngineChoice
from bot.core.search.index import SearchIndex
from bot.core.search.lexicon import Lexicon, lexicon_terms
from bot.core.search.terms import PassageTerms
from bot.core.timeline.events import TimelineEvent, build_timeline
from bot.core.timeline.timexpr import Period
from bot.errors import CorpusError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Corpus:
    """Everything one load of the folder produced; replaced whole on reload, never changed in place."""

    folder: Path
    articles: dict[str, Article]
    passages: tuple[Passage, ...]
    index: SearchIndex
    problems: tuple[FileProblem, ...]
    timeline: tuple[TimelineEvent, ...] = ()
    # For each passage, the periods of the events it dates (aligned with ``passages``).
    passage_periods: tuple[frozenset[Period], ...] = ()
    # The corpus's written words, for spelling correction and bridging other wording.
    lexicon: Lexicon = field(default_factory=Lexicon)

    @property
    def newest_published(self) -> date | None:
        dates = [a.published for a in self.articles.values() if a.published]
        return max(dates) if dates else None

    def passage_counts(self) -> Counter[str]:
        """Base passages per article (the neighbour pairs indexed alongside are not counted)."""
        return Counter(p.article_id for p in self.passages if p.is_base)


def build_corpus(folder: Path, engine: EngineChoice = AUTO) -> Corpus:
    """Load, clean, split and index every article in ``folder``; raise ``CorpusError`` if none can be used."""
    if not folder.is_dir():
        raise CorpusError(messages.CORPUS_MISSING.format(path=folder))
    articles, problems = load_articles(folder)
    if not articles:
        raise CorpusError(messages.CORPUS_EMPTY.format(path=folder))
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
    passages = tuple(p for article in articles for p in split_passages(article))
    paragraphs = [paragraph for article in articles for paragraph in article.paragraphs]
    aliases = {**find_demonyms(paragraphs), **find_acronyms(paragraphs)}
    lexicon = Lexicon()
    terms = PassageTerms.from_lists(lexicon_terms(p.text, lexicon) for p in passages)
    index = SearchIndex.build(terms, aliases, engine.resolve(len(passages)))
    timeline = tuple(build_timeline(articles, index))
    return Corpus(
        folder,
        {a.article_id: a for a in articles},
        passages,
        index,
        tuple(problems),
        timeline,
        _passage_periods(passages, timeline),
        lexicon,
    )


def _passage_periods(passages: Sequence[Passage], timeline: Sequence[TimelineEvent]) -> tuple[frozenset[Period], ...]:
    """Which event periods each passage dates: the periods of the event sentences it contains."""
    # Passages are cut at the same sentence boundaries as events, so a sentence finds its passages by lookup.
    holding: dict[tuple[str, str], list[int]] = {}
    for position, passage in enumerate(passages):
        for start, end in passage.sentences:
            holding.setdefault((passage.article_id, passage.text[start:end].strip()), []).append(position)
    periods: list[set[Period]] = [set() for _ in passages]
    for event in timeline:
        for mention in event.mentions:
            for position in holding.get((mention.article_id, mention.sentence), ()):
                periods[position].add(mention.period)
    return tuple(frozenset(p) for p in periods)


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
