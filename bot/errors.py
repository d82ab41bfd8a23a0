"""The bot's exceptions. Adapters show a ``UserError``'s message; anything else is logged and apologised for.

BotError
├── UserError           something the person can fix; ``user_message`` is safe to show
│   ├── QuestionError   empty, too long, or no searchable words
│   ├── FetchError      a link was refused or could not be read (scheme, address, size, type, time, redirects)
│   └── BusyError       too many questions at once: this one is turned away, not queued
└── CorpusError         the corpus folder cannot be used at all (missing, nothing loadable)
"""

from __future__ import annotations


class BotError(Exception):
    """Base of every error the bot raises on purpose."""


class UserError(BotError):
    """An error whose message is meant for the person who asked."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class QuestionError(UserError):
    """The question cannot be searched as given."""


class FetchError(UserError):
    """A page was not fetched; the message says why, so the admin can fix the link or the setting."""


class BusyError(UserError):
    """Too many questions are being answered at once; this one was turned away rather than queued."""


class CorpusError(BotError):
    """The corpus folder cannot be loaded; the previous corpus, if any, keeps serving."""


class StorageError(BotError):
    """The SQLite store cannot be used; the bot answers on without it (except a too-new schema, which stops)."""


class SchemaTooNewError(StorageError):
    """The database was written by a newer version of the bot."""
