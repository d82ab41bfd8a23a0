"""Plain JSON shapes of answers and sources, the contract of ``--json`` output."""

from __future__ import annotations

from typing import Any

from bot.core.models import Answer, Article, Quote, SourceInfo
from bot.core.timeline.events import TimelineEvent


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """``question``, ``answered``, ``message`` and the quoted ``passages``."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "message": answer.message,
        "passages": [quote_to_dict(q) for q in answer.quotes],
        "newest_source": answer.newest.isoformat() if answer.newest else None,
        "period": answer.period,
        "time_reading": answer.time_reading,
        "did_you_mean": answer.did_you_mean,
    }


def event_to_dict(event: TimelineEvent) -> dict[str, Any]:
    """``date`` (ISO 8601 at the precision written), ``text``, ``sources`` and ``article_ids``."""
    return {
        "date": event.date,
        "text": event.text,
        "sources": list(event.sources),
        "article_ids": list(event.article_ids),
    }


def question_error_to_dict(question: str, message: str) -> dict[str, Any]:
    """The same shape as ``answer_to_dict`` (nothing found, nothing read) plus ``error``, for a question that
    could not be searched at all."""
    return {
        "question": question,
        "answered": False,
        "message": message,
        "passages": [],
        "newest_source": None,
        "period": None,
        "time_reading": None,
        "did_you_mean": None,
        "error": "invalid_question",
    }


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    start, end = quote.best_sentence
    return {
        **_article_fields(quote.article),
        "text": quote.passage.text,
        "passage_id": quote.passage.passage_id,
        "score": round(quote.score, 4),
        "best_sentence": {"start": start, "end": end, "text": quote.best_sentence_text},
        "also_reported_by": [a.source for a in quote.also_reported_by],
    }


def source_to_dict(info: SourceInfo) -> dict[str, Any]:
    return {
        **_article_fields(info.article),
        "file": info.article.file_name,
        "passages": info.passage_count,
        "inferred": list(info.article.inferred),
    }


def _article_fields(article: Article) -> dict[str, Any]:
    return {
        "source": article.source,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "article_id": article.article_id,
    }
