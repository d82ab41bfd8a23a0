"""Admin tools on real files: stats from a known log, adding and removing articles safely."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import messages
from bot.core.admin.tools import AdminTools
from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.core.store.stats import collect_stats
from bot.core.store.storage import QuestionRecord, Storage
from bot.errors import UserError

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
ARTICLE = b"""---
title: Pact enters into force
source: Test Wire
published: 2016-11-24
---
Skip to content

The intelligence pact between the two neighbours entered into force on Thursday, the ministry of defense said.

Officials said the first exchange of information would follow within weeks, once channels were set up.

Subscribe now to our newsletter for more news like this!
"""


@pytest.fixture
async def admin(tmp_path: Path, corpus_copy: Path):
    storage = await Storage.open(tmp_path / "bot.sqlite3")
    service = QAService.from_folder(corpus_copy, AnswerPolicy())
    service.storage = storage
    yield AdminTools(service, max_upload_bytes=10_000)
    await storage.close()


def _log(storage: Storage, n: int, question: str, answered: bool, days_ago: int, article: str = "a") -> str:
    question_id = f"{n:016x}"
    at = NOW - timedelta(days=days_ago, hours=1)
    passages = (("p", article, 1.0),) if answered else ()
    storage.record_question(
        QuestionRecord(question_id, at, "discord", "1", "2", f"user{n % 3}", question, answered, passages, 2.0)
    )
    return question_id


async def test_stats_numbers_on_a_known_log(tmp_path: Path) -> None:
    """Per-day counts, share answered, most asked, unanswered and feedback by article match the log written."""
    storage = await Storage.open(tmp_path / "bot.sqlite3")
    ids = [_log(storage, n, "Who is Han Min-koo?", True, 0, "dw") for n in range(3)]
    ids += [_log(storage, 10 + n, "who is han min-koo", True, 1, "kyodo") for n in range(2)]
    _log(storage, 20, "What is the weather?", False, 1)
    _log(storage, 21, "What is the weather", False, 2)
    _log(storage, 22, "Old question", True, 30)
    storage.record_feedback(ids[0], "alice", 1, NOW)
    storage.record_feedback(ids[0], "bob", -1, NOW)
    storage.record_feedback(ids[3], "alice", 1, NOW)
    stats = await collect_stats(storage, 7, NOW, {"dw": "DW article", "kyodo": "Kyodo article"})
    await storage.close()
    assert (stats.asked, stats.answered) == (7, 5)
    assert stats.answered_share == pytest.approx(5 / 7)
    assert [(d.isoformat(), a, b) for d, a, b in stats.daily[-3:]] == [
        ("2026-11-20", 1, 0),
        ("2026-11-21", 3, 2),
        ("2026-11-22", 3, 3),
    ]
    assert len(stats.daily) == 7
    assert stats.top_questions[0] == ("Who is Han Min-koo?", 5)
    assert stats.unanswered == (("What is the weather?", 2),)
    assert sorted(stats.feedback) == [("DW article", 1, 1), ("Kyodo article", 1, 0)]


async def test_stats_need_the_database(corpus_copy: Path) -> None:
    """Without a database, /stats says so plainly."""
    tools = AdminTools(QAService.from_folder(corpus_copy, AnswerPolicy()))
    with pytest.raises(UserError, match="need the database"):
        await tools.stats(7)


async def test_add_article_validates_writes_and_reloads(admin: AdminTools, corpus_copy: Path) -> None:
    """A good upload is written under its name, reloaded, searchable, and reported with what was cleaned."""
    added, report, passages = await admin.add_article("pact-in-force.txt", ARTICLE, "console")
    assert (corpus_copy / "pact-in-force.txt").read_bytes() == ARTICLE
    assert added.article.title == "Pact enters into force" and passages >= 1
    assert dict(added.removed_kinds) == {"navigation": 1, "advertising banner": 1}
    assert report.added == ("pact-in-force",)
    answer = await admin.service.ask_async("When did the pact enter into force?")
    assert answer.quotes[0].article.source == "Test Wire"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("big.txt", b"x" * 10_001, "That file is 10,001 bytes; the limit is 10,000."),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt was not added: the file is binary, not text."),
        (
            "latin.txt",
            "Caf\xe9 talks in Seoul went on.".encode("latin-1"),
            "latin.txt was not added: the file is not UTF-8",
        ),
        ("notes.pdf", ARTICLE, "notes.pdf is not a .txt, .md or .html file"),
        ("..txt", ARTICLE, "..txt has no usable file name"),
    ],
)
async def test_bad_uploads_are_refused_and_nothing_is_written(
    admin: AdminTools, corpus_copy: Path, name: str, data: bytes, message: str
) -> None:
    """Oversized, binary, badly encoded and wrongly named files are refused with a message; the folder is unchanged."""
    before = sorted(p.name for p in corpus_copy.iterdir())
    with pytest.raises(UserError) as raised:
        await admin.add_article(name, data, "console")
    assert raised.value.user_message.startswith(message)
    assert sorted(p.name for p in corpus_copy.iterdir()) == before


@pytest.mark.parametrize("name", ["../../escape.txt", "/etc/cron.d/evil.txt", "..\\..\\win.md", "sub/dir/nested.txt"])
async def test_path_tricks_stay_inside_the_corpus(admin: AdminTools, corpus_copy: Path, name: str) -> None:
    """Folder parts of an upload's name are ignored: the file lands in the corpus folder, nowhere else."""
    added, _, _ = await admin.add_article(name, ARTICLE, "console")
    assert (corpus_copy / added.file_name).is_file()
    assert "/" not in added.file_name and "\\" not in added.file_name and not added.file_name.startswith(".")
    assert not (corpus_copy.parent / "escape.txt").exists()


async def test_existing_name_is_not_overwritten(admin: AdminTools, corpus_copy: Path) -> None:
    """An upload named like an article already there is refused."""
    existing = next(corpus_copy.glob("*dw*")).name
    with pytest.raises(UserError, match="already has"):
        await admin.add_article(existing, ARTICLE, "console")


async def test_remove_article_deletes_and_reloads(admin: AdminTools, corpus_copy: Path) -> None:
    """Removing by article id deletes its file, reloads, and is recorded in the reload history."""
    file_name, report = await admin.remove_article("2016-11-14-dw-intelligence-deal", "discord:abc")
    assert not (corpus_copy / file_name).exists()
    assert report.removed == ("2016-11-14-dw-intelligence-deal",)
    assert admin.service.storage is not None
    await admin.service.storage.flush()
    rows = await admin.service.storage.fetch("SELECT actor FROM reloads")
    assert [r["actor"] for r in rows] == ["discord:abc"]
    with pytest.raises(UserError, match=messages.CORPUS_NO_SUCH_ARTICLE.format(name="nope")[:20]):
        await admin.remove_article("nope", "console")
