"""The notes every front end shows above an answer: how the question was read."""

from __future__ import annotations

from bot import messages
from bot.core.models import Answer


def reading_notes(answer: Answer) -> list[str]:
    """As a follow-up to an earlier question, how its time words were taken, and misspellings searched as
    corpus words; empty when none applies."""
    notes = [messages.FOLLOW_UP_OF.format(question=answer.context)] if answer.context else []
    notes += [messages.DID_YOU_MEAN.format(question=answer.did_you_mean)] if answer.did_you_mean else []
    return notes + ([answer.time_reading] if answer.time_reading else [])
