"""Builds the saved corpus in a separate process, so the bot's own process keeps answering meanwhile.

Cleaning and tokenizing thousands of articles is CPU-bound Python: in a thread it would hold the
interpreter lock and slow every answer. The child process refreshes the save (with its own pool of
workers), sends progress over a pipe, and the bot then loads the save and swaps it in.
"""

from __future__ import annotations

import logging
import os
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path

from bot import messages
from bot.core.corpus import Corpus
from bot.core.progress import Progress, no_progress
from bot.core.search.engines import EngineChoice
from bot.core.store.snapshot import SnapshotError, load, refresh
from bot.errors import CorpusError

log = logging.getLogger(__name__)


def _build_child(folder: Path, cache: Path, engine: EngineChoice, connection: Connection) -> None:
    """Runs in the child: refresh the save, reporting progress; the last message says how it ended."""
    try:
        refresh(folder, cache, engine, lambda *step: connection.send(("progress", *step)), os.cpu_count() or 1)
    except CorpusError as error:
        connection.send(("failed", str(error)))
    except Exception as error:  # anything else is reported to the parent, which keeps the old corpus
        connection.send(("crashed", repr(error)))
    else:
        connection.send(("done", ""))
    finally:
        connection.close()


def build_in_child(folder: Path, cache: Path, engine: EngineChoice, progress: Progress = no_progress) -> Corpus:
    """Refresh the save of ``folder`` in a child process, then load it here; ``CorpusError`` if unusable."""
    context = get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    # Not a daemon: the child runs its own pool of workers for large reloads, which daemons may not have.
    child = context.Process(target=_build_child, args=(folder, cache, engine, sender), daemon=False)
    child.start()
    sender.close()
    outcome, detail = "crashed", "the corpus build stopped without a word"
    try:
        while True:
            message = receiver.recv()
            if message[0] == "progress":
                progress(*message[1:])
                continue
            outcome, detail = message
            break
    except EOFError:
        pass
    finally:
        receiver.close()
        child.join()
    if outcome == "failed":
        raise CorpusError(detail)
    if outcome == "crashed":
        log.error("corpus build failed in its process: %s", detail)
        raise CorpusError(messages.CORPUS_BUILD_FAILED)
    try:
        return load(cache).corpus
    except SnapshotError as error:
        # The child could not save (a full disk, a read-only folder): build here instead of failing.
        log.warning("the saved corpus could not be read back (%s); building it in this process", error)
        return refresh(folder, cache, engine, progress)
