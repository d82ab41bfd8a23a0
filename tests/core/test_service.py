"""The service validates questions, answers from one snapshot, and reloads atomically."""

from __future__ import annotations

import asyncio
import gc
import shutil
from pathlib import Path

import pytest

from bot import messages
from bot.core.answer.compose import AnswerPolicy
from bot.core.search.expansion import related_words
from bot.core.service import QAService
from bot.errors import CorpusError, QuestionError

NEW_ARTICLE = """---
title: Pact enters into force
source: Test Wire
published: 2016-11-24
---
The intelligence pact between the two neighbours entered into force on Thursday, the ministry of defense said.
"""


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", messages.EMPTY_QUESTION),
        ("   \n\t ", messages.EMPTY_QUESTION),
        ("x" * 501, messages.QUESTION_TOO_LONG.format(length=501, limit=500)),
        ("what is it?", messages.NO_SEARCHABLE_WORDS),
        ("?!?", messages.NO_SEARCHABLE_WORDS),
    ],
)
def test_bad_questions_get_a_clear_message(service: QAService, question: str, message: str) -> None:
    """Empty, blank, over-long and wordless questions raise ``QuestionError`` with the message people see."""
    with pytest.raises(QuestionError) as raised:
        service.ask(question)
    assert raised.value.user_message == message


def test_question_at_the_limit_is_accepted(service: QAService) -> None:
    """A question of exactly the maximum length is searched."""
    question = ("Who is Han Min-koo? " * 30)[:500]
    assert service.ask(question).answered


def test_sources_are_listed_newest_first(service: QAService) -> None:
    """Every article is listed with its passage count, newest first."""
    sources = service.sources()
    assert len(sources) == 5
    dates = [s.article.published for s in sources]
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]
    assert all(s.passage_count >= 5 for s in sources)


def test_reload_reports_added_changed_removed(corpus_copy: Path) -> None:
    """A reload names what was added, changed and removed, and the new article is searchable at once."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    (corpus_copy / "new-pact.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    changed = next(corpus_copy.glob("*dw*"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA further paragraph was added by the editors later.\n")
    removed = next(corpus_copy.glob("*reuters*"))
    removed.unlink()
    report = service.reload()
    assert report.added == ("new-pact",)
    assert report.changed == ("2016-11-14-dw-intelligence-deal",)
    assert report.removed == ("2016-11-14-reuters-preliminary-pact",)
    assert report.unchanged == 3 and report.articles == 5 and report.kept_old is None
    answer = service.ask("When did the pact enter into force?")
    assert answer.quotes[0].article.source == "Test Wire"


def test_reload_names_broken_files(corpus_copy: Path) -> None:
    """A broken file is reported by name and reason while the rest reloads."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    (corpus_copy / "broken.txt").write_bytes(b"\xff\xfe bad bytes")
    report = service.reload()
    assert report.articles == 5
    assert [(p.file_name, "not UTF-8" in p.reason) for p in report.problems] == [("broken.txt", True)]


@pytest.mark.parametrize("damage", ["remove folder", "break every file"])
def test_failed_reload_keeps_serving_the_old_corpus(corpus_copy: Path, damage: str) -> None:
    """With the folder gone or nothing loadable, the old corpus keeps answering and the report says why."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    if damage == "remove folder":
        shutil.rmtree(corpus_copy)
    else:
        for path in corpus_copy.iterdir():
            path.write_bytes(b"")
    report = service.reload()
    assert report.kept_old is not None
    assert report.articles == 5
    assert service.ask("Who is Han Min-koo?").answered


@pytest.mark.parametrize("saved", [False, True])
def test_a_reload_that_loads_nothing_names_each_files_problem(corpus_copy: Path, tmp_path: Path, saved: bool) -> None:
    """With every file unusable, the kept-old report names the first five files with their reasons and counts the
    rest, with a saved corpus or without."""
    policy = AnswerPolicy()
    service = (
        QAService.open(corpus_copy, tmp_path / "cache", policy) if saved else QAService.from_folder(corpus_copy, policy)
    )
    for path in corpus_copy.iterdir():
        path.write_bytes(b"")
    (corpus_copy / "z1.txt").write_bytes(b"\xff\xfe")
    (corpus_copy / "z2.txt").write_bytes(b"")
    report = service.reload()
    assert report.kept_old is not None
    assert "2016-11-09-yonhap-talks-progress.txt: " in report.kept_old
    assert report.kept_old.endswith(messages.CORPUS_EMPTY_MORE.format(count=2) + ")")
    assert service.ask("Who is Han Min-koo?").answered


def test_missing_folder_at_start_is_a_corpus_error(tmp_path: Path) -> None:
    """Starting on a folder that does not exist raises ``CorpusError`` naming it."""
    with pytest.raises(CorpusError, match="does not exist"):
        QAService.from_folder(tmp_path / "nowhere", AnswerPolicy())


async def test_questions_during_reload_are_answered(corpus_copy: Path) -> None:
    """Questions asked while a reload runs are answered from one whole corpus, never an error."""
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    for n in range(30):
        (corpus_copy / f"extra-{n}.txt").write_text(NEW_ARTICLE.replace("Thursday", f"day {n}"), encoding="utf-8")
    reload = asyncio.ensure_future(service.reload_async())
    answers = await asyncio.gather(*(service.ask_async("Who is Han Min-koo?") for _ in range(20)))
    report = await reload
    assert all(a.answered for a in answers)
    assert report.added and len(service.corpus.articles) == 35


def test_a_start_from_the_save_freezes_the_corpus_and_a_reload_unfreezes_it(corpus_copy: Path, tmp_path: Path) -> None:
    """The objects loaded at a start are kept out of the collector's walks; a reload hands them back to it, so the
    replaced corpus can be collected."""
    gc.unfreeze()
    try:
        service = QAService.open(corpus_copy, tmp_path / "cache", AnswerPolicy())
        assert gc.get_freeze_count() > 0
        assert service.reload().kept_old is None
        assert gc.get_freeze_count() == 0
        assert service.ask("Who is Han Min-koo?").answered
    finally:
        gc.unfreeze()


def test_a_start_reads_the_related_words_before_the_first_question(corpus_copy: Path, tmp_path: Path) -> None:
    """The WordNet table that bridges a question word the corpus lacks is read when the bot opens, not in a question."""
    related_words.cache_clear()
    QAService.open(corpus_copy, tmp_path / "cache", AnswerPolicy())
    assert related_words.cache_info().currsize == 1
