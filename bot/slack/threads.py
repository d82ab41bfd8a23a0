"""What each Slack thread or DM was last asking about, so that a short follow-up there can lean on it.

Kept in memory (the most recent conversations only): after a restart a follow-up is read on its own.
"""

from __future__ import annotations

from collections import OrderedDict

from bot.core.models import Answer

REMEMBERED = 10_000

Conversation = tuple[str, str | None]  # channel id, thread ts (None: a DM outside threads)


class Subjects:
    """The subject question per conversation, most recently used kept."""

    def __init__(self, size: int = REMEMBERED) -> None:
        self.size = size
        self._subjects: OrderedDict[Conversation, str] = OrderedDict()

    def get(self, conversation: Conversation) -> str | None:
        return self._subjects.get(conversation)

    def remember(self, conversation: Conversation, answer: Answer) -> None:
        """Keep the question that named the subject: a follow-up's own context, else the question itself."""
        self._subjects[conversation] = answer.context or answer.question
        self._subjects.move_to_end(conversation)
        if len(self._subjects) > self.size:
            self._subjects.popitem(last=False)
