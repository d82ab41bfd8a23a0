"""Under load the service answers or says it is busy, and a reload never stops questions being answered."""

from __future__ import annotations

import asyncio
import shutil
import threading
from pathlib import Path

from bot import messages
from bot.core.answer.compose import AnswerPolicy
from bot.core.models import Answer
from bot.core.search.engines import EngineChoice
from bot.core.service import QAService
from bot.errors import BusyError
from tests.conftest import CORPUS

QUESTION = "Who is Han Min-koo?"


async def test_many_simultaneous_questions_are_answered_or_told_busy() -> None:
    """Two hundred questions at once with room for eight: each is answered or gets the busy message, none waits."""
    service = QAService.from_folder(CORPUS, AnswerPolicy())
    service.max_pending = 8
    results = await asyncio.gather(*(service.ask_async(QUESTION) for _ in range(200)), return_exceptions=True)
    answered = [r for r in results if isinstance(r, Answer)]
    busy = [r for r in results if isinstance(r, BusyError)]
    assert len(answered) + len(busy) == 200
    assert len(answered) >= 8 and busy
    assert all(a.answered for a in answered)
    assert all(b.user_message == messages.BUSY for b in busy)
    assert (await service.ask_async(QUESTION)).answered  # the bound frees up again


async def test_questions_are_answered_from_the_old_corpus_during_a_reload(tmp_path: Path) -> None:
    """While a reload builds in its own process, questions keep being answered, then the new corpus takes over."""
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    service = QAService.open(folder, tmp_path / "cache", AnswerPolicy(), engine=EngineChoice("tantivy"))
    (folder / "2016-12-20-zoo.txt").write_text(
        "---\nsource: Zoo News\n---\nA zebra named Ulsan escaped from the city zoo on Tuesday.\n", "utf-8"
    )
    loop_thread = threading.get_ident()
    progress_threads: set[int] = set()
    reload = asyncio.create_task(
        service.reload_async("test", lambda stage, done, total: progress_threads.add(threading.get_ident()))
    )
    old = service.corpus
    answered_from_old = 0
    while not reload.done():
        assert (await service.ask_async(QUESTION)).answered
        zebra = await service.ask_async("Which zebra escaped from the zoo?")
        if service.corpus is old:  # not swapped yet: the new article cannot be known
            assert not zebra.answered
            answered_from_old += 1
        await asyncio.sleep(0.01)
    report = await reload
    assert answered_from_old > 0
    assert report.added == ("2016-12-20-zoo",) and report.kept_old is None
    assert progress_threads == {loop_thread}  # progress arrives on the event loop, ready for a front end
    assert (await service.ask_async("Which zebra escaped from the zoo?")).answered
