"""The one entry point every front end calls: ask, list sources, see the timeline, reload the corpus.

With a ``Storage`` attached, asked questions, feedback and reloads are logged (off the reply path).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from bot import messages
from bot.core.answer.compose import AnswerPolicy, compose_answer
from bot.core.answer.followup import context_terms, is_small_talk, search_with_context
from bot.core.control_chars import is_blank, strip_control
from bot.core.corpus import Corpus, build_corpus, diff_corpora
from bot.core.models import Answer, ReloadReport, SourceInfo
from bot.core.progress import Progress, no_progress
from bot.core.search.answer_type import asked_kind, form_terms
from bot.core.search.answerability import Verdict, search_query, with_coverage
from bot.core.search.decision import judge, judge_question
from bot.core.search.engines import AUTO, EngineChoice
from bot.core.search.expansion import related_words
from bot.core.search.index import Hit
from bot.core.search.informativeness import load_frequencies, strip_chat
from bot.core.search.query import Query, build_query, suggest_spelling
from bot.core.search.roles import asked_role
from bot.core.search.spelling import load_english_words
from bot.core.search.statements import asked_speaker
from bot.core.search.tokenize import load_word_tables, tokenize
from bot.core.store.builder import build_in_child
from bot.core.store.snapshot import refresh
from bot.core.store.storage import QuestionRecord, Storage
from bot.core.timeline.events import TimelineEvent, filter_timeline
from bot.core.timeline.period_words import describe_reading
from bot.core.timeline.question_time import QuestionTime, read_question_time
from bot.core.timeline.timexpr import Period, parse_period
from bot.errors import BusyError, CorpusError, QuestionError, UserError

log = logging.getLogger(__name__)

# Questions in progress at once beyond which new ones are told the bot is busy (at ~3 ms a question,
# the last of 256 waits under a second).
DEFAULT_MAX_PENDING = 256


def now() -> datetime:
    """The current time in UTC, as every log entry records it."""
    return datetime.now(UTC)


def validate_question(text: str, max_chars: int, leans_on_context: bool = False) -> str:
    """The question stripped of surrounding space, or ``QuestionError`` saying why it cannot be searched.

    A follow-up with a previous question to lean on ("what about him?") may have no words of its own.
    Control characters and terminal escapes are dropped and lone surrogates replaced, so that the question
    can be logged, printed and stored like any other text.
    """
    question = strip_control(text).strip()
    if is_blank(question):
        raise QuestionError(messages.EMPTY_QUESTION)
    if len(question) > max_chars:
        raise QuestionError(messages.QUESTION_TOO_LONG.format(length=len(question), limit=max_chars))
    if is_small_talk(question):
        raise QuestionError(messages.SMALL_TALK)
    if not tokenize(question) and not leans_on_context:
        raise QuestionError(messages.NO_SEARCHABLE_WORDS)
    return question


def _period_arg(value: str | None, name: str) -> Period | None:
    if value is None or not value.strip():
        return None
    period = parse_period(value)
    if period is None:
        raise UserError(messages.BAD_DATE_FILTER.format(name=name, value=value[:40]))
    return period


def _positions_in(corpus: Corpus, period: Period) -> set[int]:
    """Passages dating an event inside ``period``; failing that, passages of articles published in it."""
    dated = {n for n, periods in enumerate(corpus.passage_periods) if any(p.within(period) for p in periods)}
    if dated:
        return dated
    return set(
        corpus.passages.positions_in(
            article_id
            for article_id, article in corpus.articles.items()
            if article.published and period.start <= article.published <= period.end
        )
    )


def _in_period_hits(corpus: Corpus, positions: set[int], period: Period) -> list[Hit]:
    """With nothing but a period to go on: the most widely reported events first, single passages before pairs."""
    reach: dict[Period, int] = {}
    for event in corpus.timeline:
        for mention in event.mentions:
            reach[mention.period] = max(reach.get(mention.period, 0), len(event.sources))

    def weight(position: int) -> tuple[int, bool, int]:
        passage = corpus.passages[position]
        inside = [p for p in corpus.passage_periods[position] if p.within(period)]
        sources = max((reach.get(p, 1) for p in inside), default=0)
        return sources, passage.is_base, -passage.first

    ranked = sorted(positions, key=weight, reverse=True)
    return [Hit(n, float(weight(n)[0]), 1.0) for n in ranked]


def _newest_leads(corpus: Corpus) -> list[Hit]:
    """For "what is the latest?": each article's opening passage, newest article first."""
    table = corpus.passages
    leads = table.openings()
    leads.sort(key=lambda n: corpus.articles[table.article_of(n)].published or date.min, reverse=True)
    return [Hit(n, 1.0, 1.0) for n in leads]


@dataclass(frozen=True, slots=True)
class Asker:
    """Who asked, where: kept in the log with the user id hashed."""

    platform: str
    user_id: str
    server_id: str | None = None
    channel_id: str | None = None


class QAService:
    """Answers questions from the current corpus; a reload swaps in a whole new corpus at once."""

    def __init__(
        self,
        corpus: Corpus,
        policy: AnswerPolicy,
        max_question_chars: int = 500,
        today: Callable[[], date] = date.today,
        storage: Storage | None = None,
        engine: EngineChoice = AUTO,
        cache: Path | None = None,
        max_pending: int = DEFAULT_MAX_PENDING,
    ) -> None:
        self.storage = storage
        self.engine = engine
        # Where the processed corpus is saved between starts; without it every load starts from scratch.
        self.cache = cache
        self.max_pending = max_pending
        self._pending = 0
        self._corpus = corpus
        self.policy = policy
        self.max_question_chars = max_question_chars
        self._today = today
        self._reload_lock = threading.Lock()

    @classmethod
    def from_folder(
        cls, folder: Path, policy: AnswerPolicy, max_question_chars: int = 500, engine: EngineChoice = AUTO
    ) -> QAService:
        """Load ``folder``; raises ``CorpusError`` when no article in it can be used."""
        return cls(build_corpus(folder, engine), policy, max_question_chars, engine=engine)

    @classmethod
    def open(
        cls,
        folder: Path,
        cache: Path,
        policy: AnswerPolicy,
        max_question_chars: int = 500,
        engine: EngineChoice = AUTO,
        max_pending: int = DEFAULT_MAX_PENDING,
        progress: Progress = no_progress,
    ) -> QAService:
        """Load ``folder`` through the corpus saved in ``cache`` (only new or changed files are processed)."""
        corpus = refresh(folder, cache, engine, progress, os.cpu_count() or 1)
        # The word tables every question reads load now: otherwise the first question waits most of a second.
        load_word_tables()
        load_frequencies()
        load_english_words()
        # WordNet's related words, read for the first question word the corpus lacks: 0.1-0.2 s at 100,000 passages.
        related_words()
        # The loaded corpus is hundreds of thousands of lasting objects, made while the collector was paused: the
        # first collections would walk them all in some question (~80 ms at 100,000 passages). Frozen, they are
        # never walked; a reload unfreezes them, so that the old corpus can go.
        gc.freeze()
        return cls(corpus, policy, max_question_chars, engine=engine, cache=cache, max_pending=max_pending)

    @property
    def corpus(self) -> Corpus:
        return self._corpus

    def ask(self, text: str, offset: int = 0, context: str | None = None) -> Answer:
        """Answer ``text`` with quotes from the corpus (``offset`` pages through further passages).

        ``context`` is the previous question in the conversation: a short follow-up ("when did he sign
        it?") is searched with its words added at a lower weight; a question of its own ignores it.
        """
        # A question too long to search is refused before the follow-up reading, which would tokenize all of it.
        cleaned = strip_control(text).strip()
        extra = context_terms(cleaned, context) if len(cleaned) <= self.max_question_chars else []
        question = validate_question(text, self.max_question_chars, leans_on_context=bool(extra))
        corpus = self._corpus  # one snapshot for the whole answer, even if a reload lands meanwhile
        today = self._today()
        asked, when, query = self.read_question(question, corpus, today)
        reading = describe_reading(when, today, corpus.newest_published)
        missing: str | None = None  # the kind of answer asked for that the passages lack, when that refuses
        terms = list(query.terms)
        # A follow-up is judged as the question it continues: its words and the previous question's. The bridges
        # ``QueryOptions.judging`` leaves out (a capital's country, a preferred synonym, a broader word) only rank
        # passages: they are no sign the articles answer (the weather "in Tokyo" is not Japan's pact).
        if extra:
            judging = self.policy.query.judging()
            judged = build_query(f"{when.remainder} {context}", corpus.lexicon, corpus.index, judging)
        else:
            judged = self.judging_query(asked, when, query, corpus)
        if when.period is None:
            if extra:
                # A follow-up's search needs its coverage weighed by ``judged``.
                found = with_coverage(search_with_context(corpus.index, terms, extra), corpus.index, judged)
                verdict = judge(corpus, asked, query, found, judged)
            else:
                verdict = judge_question(corpus, asked, query, judged)
            hits = verdict.hits if self.policy.answers(verdict) else []
            missing = self._missing_kind(asked, verdict, hits)
            if not terms and when.latest:
                hits = _newest_leads(corpus)
        else:
            in_period = _positions_in(corpus, when.period)
            if not in_period:
                message = messages.NOTHING_DATED.format(period=when.period.label)
                return Answer(
                    question=question, answered=False, message=message, period=when.period.label, time_reading=reading
                )
            if extra or terms:
                found = (
                    with_coverage(search_with_context(corpus.index, terms, extra, in_period), corpus.index, judged)
                    if extra
                    else search_query(corpus.index, judged, within=in_period)
                )
                # The question's own search decides; one with ranking-only bridges ranks the passages it quotes.
                # Within a period the engine's order stands: the period already narrows the passages.
                hinted = not extra and query.bridges != judged.bridges
                ranked = search_query(corpus.index, query, within=in_period) if hinted else found
                verdict = judge(corpus, asked, query, found, judged, ranked)
                hits = verdict.hits if self.policy.answers(verdict) else []
                missing = self._missing_kind(asked, verdict, hits)
            else:
                hits = _in_period_hits(corpus, in_period, when.period)
        answer = compose_answer(
            question, terms, hits, corpus, self.policy, offset, latest_first=when.latest, period=when.period
        )
        if missing and not answer.answered:
            answer = replace(answer, message=messages.NO_ANSWER_OF_KIND.format(kind=messages.ANSWER_KINDS[missing]))
        return replace(
            answer,
            period=when.period.label if when.period else None,
            time_reading=reading,
            context=context if extra else None,
            did_you_mean=suggest_spelling(question, query),
        )

    def read_question(self, question: str, corpus: Corpus, today: date) -> tuple[str, QuestionTime, Query]:
        """``question`` as it is searched: the question proper, the time it names, and its query.

        Greetings and thanks around it are not searched, read as time ("Good morning") or as its start; words
        that only ask for a kind of answer ("how many", "how long ... last") are not searched either. The
        question proper comes back as corrected ("oposition"): its answer kind, phrases and counted thing are
        read from that.
        """
        asked = strip_chat(question)
        when = read_question_time(asked, today, corpus)
        query = build_query(when.remainder, corpus.lexicon, corpus.index, self.policy.query, form_terms(asked))
        return suggest_spelling(asked, query) or asked, when, query

    def judging_query(self, asked: str, when: QuestionTime, query: Query, corpus: Corpus) -> Query:
        """The query the decision reads for a question of its own: ``query`` without the bridges that only rank."""
        if not query.ranking_bridged and not query.corrections:
            # No ranking-only bridge to leave out, and ``asked`` is what the query was read from: the same query.
            return query
        return build_query(when.remainder, corpus.lexicon, corpus.index, self.policy.query.judging(), form_terms(asked))

    def _missing_kind(self, asked: str, verdict: Verdict, hits: list[Hit]) -> str | None:
        """The kind of answer ``asked`` wants that the refused passages lack, to say so instead of "not found"."""
        if hits or not self.policy.vetoes(verdict) or not verdict.lacks_kind:
            return None
        kind = asked_kind(asked)
        if kind not in messages.ANSWER_KINDS:
            kind = "statement" if asked_speaker(asked) else "name" if asked_role(asked) else None
        return kind

    async def ask_async(
        self, text: str, offset: int = 0, asker: Asker | None = None, context: str | None = None
    ) -> Answer:
        """``ask`` in a worker thread, so an event loop keeps running; a first answer to ``asker`` is logged."""
        started = time.perf_counter()
        # Load shedding: a question beyond the bound is told the bot is busy instead of waiting in a queue
        # that could grow without limit. The count only changes on the event loop's thread.
        if self._pending >= self.max_pending:
            log.warning("busy: %d questions in progress, one turned away", self._pending)
            raise BusyError(messages.BUSY)
        self._pending += 1
        try:
            answer = await asyncio.to_thread(self.ask, text, offset, context)
        finally:
            self._pending -= 1
        if self.storage is None or asker is None or offset:
            return answer
        question_id = uuid.uuid4().hex[:16]
        self.storage.record_question(
            QuestionRecord(
                question_id=question_id,
                at=now(),
                platform=asker.platform,
                server_id=asker.server_id,
                channel_id=asker.channel_id,
                user_hash=self.storage.hash_user(asker.platform, asker.user_id),
                question=answer.question,
                answered=answer.answered,
                passages=tuple((q.passage.passage_id, q.article.article_id, q.score) for q in answer.quotes),
                latency_ms=(time.perf_counter() - started) * 1000,
            )
        )
        return replace(answer, question_id=question_id)

    async def logged_question(self, question_id: str) -> str | None:
        """The full text of a logged question (for "more results"), or None without a database or record."""
        if self.storage is None:
            return None
        return await self.storage.question_text(question_id)

    def record_feedback(self, question_id: str, asker: Asker, helpful: bool) -> bool:
        """Store a vote on a logged answer; False when there is no database to keep it."""
        if self.storage is None:
            return False
        user = self.storage.hash_user(asker.platform, asker.user_id)
        self.storage.record_feedback(question_id, user, 1 if helpful else -1, now())
        return True

    def timeline(
        self, topic: str | None = None, start: str | None = None, end: str | None = None
    ) -> list[TimelineEvent]:
        """The story's dated events in order, optionally about ``topic`` and between two ISO dates."""
        first, last = _period_arg(start, "from"), _period_arg(end, "to")
        if first is not None and last is not None and first.start > last.end:
            raise UserError(messages.TIMELINE_REVERSED.format(start=first.label, end=last.label))
        corpus = self._corpus
        return filter_timeline(corpus.timeline, topic, first, last, corpus.index.aliases)

    def sources(self) -> list[SourceInfo]:
        """The articles, newest first, each with its passage count."""
        corpus = self._corpus
        counts = corpus.passage_counts()
        infos = [SourceInfo(a, counts[a.article_id]) for a in corpus.articles.values()]
        return sorted(infos, key=lambda s: (s.article.published is not None, s.article.published), reverse=True)

    def reload(self, progress: Progress = no_progress) -> ReloadReport:
        """Re-read the folder and swap the new corpus in; on failure the old one keeps serving.

        With a cache folder the build runs in a child process and only new or changed files are processed.
        """
        with self._reload_lock:
            old = self._corpus
            try:
                if self.cache is None:
                    new = build_corpus(old.folder, self.engine)
                else:
                    new = build_in_child(old.folder, self.cache, self.engine, progress)
            except CorpusError as error:
                log.warning("reload kept the previous corpus: %s", error)
                return ReloadReport(
                    articles=len(old.articles),
                    passages=sum(old.passage_counts().values()),
                    kept_old=str(error),
                )
            report = diff_corpora(old, new)
            self._corpus = new
            gc.unfreeze()
            return report

    async def reload_async(self, actor: str = "unknown", progress: Progress = no_progress) -> ReloadReport:
        """``reload`` built off the event loop (questions meanwhile get the old corpus); logged with ``actor``.

        ``progress`` is called on the event loop's thread, so a front end may edit a message from it.
        """
        loop = asyncio.get_running_loop()

        def report_progress(stage: str, done: int, total: int) -> None:
            loop.call_soon_threadsafe(progress, stage, done, total)

        report = await asyncio.to_thread(self.reload, report_progress)
        if self.storage is not None:
            self.storage.record_reload(report, actor, now())
            if report.kept_old is None:
                self.record_catalogue()
        return report

    def record_catalogue(self) -> None:
        """Write the loaded articles to the database's catalogue (on the event loop's thread)."""
        if self.storage is not None:
            counts = self._corpus.passage_counts()
            self.storage.record_catalogue(((a, counts[a.article_id]) for a in self._corpus.articles.values()), now())
