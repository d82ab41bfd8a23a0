"""The notes every front end shows above an answer: how the question was read."""

from __future__ import annotations

from bot import messages
from bot.core.models import Answer


def reading_notes(answer: Answer) -> list[str]:
    """As a follow-up to an earlier question, and how its time words were taken; empty when neither applies."""
    notes = [messages.FOLLOW_UP_OF.format(question=answer.context)] if answer.context else []
    return notes + ([answer.time_reading] if answer.time_reading else [])
