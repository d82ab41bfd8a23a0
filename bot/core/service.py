"""The one entry point every front end calls: ask, list sources, reload the corpus."""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path

from bot import messages
from bot.core.answer import AnswerPolicy, compose_answer
from bot.core.corpus import Corpus, build_corpus, diff_corpora
from bot.core.models import Answer, ReloadReport, SourceInfo
from bot.core.tokenize import tokenize
from bot.errors import CorpusError, QuestionError

log = logging.getLogger(__name__)


def validate_question(text: str, max_chars: int) -> str:
    """The question stripped of surrounding space, or ``QuestionError`` saying why it cannot be searched."""
    question = text.strip()
    if not question:
        raise QuestionError(messages.EMPTY_QUESTION)
    if len(question) > max_chars:
        raise QuestionError(messages.QUESTION_TOO_LONG.format(length=len(question), limit=max_chars))
    if not tokenize(question):
        raise QuestionError(messages.NO_SEARCHABLE_WORDS)
    return question


class QAService:
    """Answers questions from the current corpus; a reload swaps in a whole new corpus at once."""

    def __init__(self, corpus: Corpus, policy: AnswerPolicy, max_question_chars: int = 500) -> None:
        self._corpus = corpus
        self.policy = policy
        self.max_question_chars = max_question_chars
        self._reload_lock = threading.Lock()

    @classmethod
    def from_folder(cls, folder: Path, policy: AnswerPolicy, max_question_chars: int = 500) -> QAService:
        """Load ``folder``; raises ``CorpusError`` when no article in it can be used."""
        return cls(build_corpus(folder), policy, max_question_chars)

    @property
    def corpus(self) -> Corpus:
        return self._corpus

    def ask(self, text: str, offset: int = 0) -> Answer:
        """Answer ``text`` with quotes from the corpus (``offset`` pages through further passages)."""
        question = validate_question(text, self.max_question_chars)
        corpus = self._corpus  # one snapshot for the whole answer, even if a reload lands meanwhile
        terms = tokenize(question)
        hits = corpus.index.search(terms)
        return compose_answer(question, terms, hits, corpus, self.policy, offset)

    async def ask_async(self, text: str, offset: int = 0) -> Answer:
        """``ask`` in a worker thread, so an event loop keeps running while the search does."""
        return await asyncio.to_thread(self.ask, text, offset)

    def sources(self) -> list[SourceInfo]:
        """The articles, newest first, each with its passage count."""
        corpus = self._corpus
        counts = corpus.passage_counts()
        infos = [SourceInfo(a, counts[a.article_id]) for a in corpus.articles.values()]
        return sorted(infos, key=lambda s: (s.article.published is not None, s.article.published), reverse=True)

    def reload(self) -> ReloadReport:
        """Re-read the folder and swap the new corpus in; on failure the old one keeps serving."""
        with self._reload_lock:
            old = self._corpus
            try:
                new = build_corpus(old.folder)
            except CorpusError as error:
                log.warning("reload kept the previous corpus: %s", error)
                return ReloadReport(
                    articles=len(old.articles),
                    passages=sum(old.passage_counts().values()),
                    kept_old=str(error),
                )
            report = diff_corpora(old, new)
            self._corpus = new
            return report

    async def reload_async(self) -> ReloadReport:
        """``reload`` built off the event loop; questions meanwhile are answered from the old corpus."""
        return await asyncio.to_thread(self.reload)
