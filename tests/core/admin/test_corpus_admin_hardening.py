"""Corpus tools on real folders: taken ids refused, uploads placed atomically, parses bounded, notes left alone."""

from __future__ import annotations

import asyncio
import multiprocessing
from pathlib import Path

import pytest

from bot.core.admin.corpus_admin import write_article
from bot.core.admin.tools import AdminTools
from bot.core.answer.compose import AnswerPolicy
from bot.core.service import QAService
from bot.errors import UserError
from tests.core.admin.test_tools import ARTICLE
from tests.fakes.pages import STORY_HTML


@pytest.fixture
def tools(corpus_copy: Path) -> AdminTools:
    return AdminTools(QAService.from_folder(corpus_copy, AnswerPolicy()), max_upload_bytes=10_000)


@pytest.mark.parametrize("name", ["2016_11_14 DW intelligence deal.txt", "2016-11-14-DW-Intelligence-Deal.md"])
async def test_upload_whose_id_is_taken_is_refused(tools: AdminTools, corpus_copy: Path, name: str) -> None:
    """A name that differs only in case or punctuation from an article's would share its id: refused."""
    before = sorted(p.name for p in corpus_copy.iterdir())
    with pytest.raises(UserError, match=r"2016-11-14-dw-intelligence-deal, which 2016-11-14-dw-intelligence-deal\.txt"):
        await tools.add_article(name, ARTICLE, "console")
    assert sorted(p.name for p in corpus_copy.iterdir()) == before


async def test_two_uploads_of_one_name_at_once_add_one_file(tools: AdminTools, corpus_copy: Path) -> None:
    """Of two simultaneous uploads under one name exactly one is added; the other is told the name is taken."""
    second = ARTICLE.replace(b"Test Wire", b"Other Wire")
    results = await asyncio.gather(
        tools.add_article("same.txt", ARTICLE, "a"), tools.add_article("same.txt", second, "b"), return_exceptions=True
    )
    added = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, UserError)]
    assert len(added) == 1 and len(refused) == 1
    assert (corpus_copy / "same.txt").read_bytes() in (ARTICLE, second)
    assert not [p for p in corpus_copy.iterdir() if p.name.startswith(".upload-")]


def test_parse_over_its_time_limit_is_stopped_with_a_message(corpus_copy: Path) -> None:
    """A parse that runs over its limit is killed in its child process; the upload is refused, nothing written."""
    before = sorted(p.name for p in corpus_copy.iterdir())
    many = ARTICLE + b"".join(
        b"Paragraph %d of the defense ministry statement on the pact.\n\n" % n for n in range(3000)
    )
    with pytest.raises(UserError, match=r"took longer than 0\.01 seconds"):
        write_article(corpus_copy, "slow.txt", many, 1_000_000, parse_seconds=0.01)
    assert sorted(p.name for p in corpus_copy.iterdir()) == before
    assert multiprocessing.active_children() == []


def test_parse_in_the_child_returns_the_article(corpus_copy: Path) -> None:
    """Within its limit, the child's article comes back whole: title, source and what cleaning removed."""
    added = write_article(corpus_copy, "fine.txt", ARTICLE, 10_000)
    assert added.article.title == "Pact enters into force" and added.article.source == "Test Wire"
    assert dict(added.removed_kinds) == {"navigation": 1, "advertising banner": 1}


@pytest.mark.parametrize("name", ["README.md", "readme.MD"])
async def test_readme_upload_is_refused(tools: AdminTools, corpus_copy: Path, name: str) -> None:
    """The loader ignores README.md, so an upload of that name is refused instead of saying Added."""
    with pytest.raises(UserError, match="keeps for notes"):
        await tools.add_article(name, ARTICLE, "console")
    assert not (corpus_copy / name).exists()


@pytest.mark.parametrize("target", ["README.md", ".hidden.txt"])
async def test_remove_never_touches_files_the_loader_ignores(tools: AdminTools, corpus_copy: Path, target: str) -> None:
    """/corpus remove readme (or a hidden file's id) is refused and the file stays."""
    (corpus_copy / target).write_bytes(ARTICLE)
    await tools.service.reload_async("console")
    with pytest.raises(UserError, match="There is no article"):
        await tools.remove_article(target.split(".")[0] or "hidden", "console")
    with pytest.raises(UserError, match="There is no article"):
        await tools.remove_article("hidden", "console")
    assert (corpus_copy / target).exists()


async def test_remove_takes_a_disambiguated_id(tools: AdminTools, corpus_copy: Path) -> None:
    """An article loaded under a suffixed id (its name collided) is removed by that id, and only it."""
    (corpus_copy / "2016_11_14 dw intelligence deal.txt").write_bytes(ARTICLE)
    report = await tools.service.reload_async("console")
    [suffixed] = [i for i in report.added if i.startswith("2016-11-14-dw-intelligence-deal-")]
    file_name, _ = await tools.remove_article(suffixed, "console")
    assert file_name == "2016_11_14 dw intelligence deal.txt"
    assert (corpus_copy / "2016-11-14-dw-intelligence-deal.txt").exists()


async def test_uploaded_page_is_extracted_under_the_time_limit(tools: AdminTools) -> None:
    """A web page upload is extracted under the same time limit: over it, refused with the message."""
    big_page = STORY_HTML.replace("</body>", "<p>More of the defense ministry statement.</p>" * 3000 + "</body>")
    slow = AdminTools(tools.service, max_upload_bytes=1_000_000, parse_seconds=0.01)
    with pytest.raises(UserError, match=r"took longer than 0\.01 seconds"):
        await slow.add_article("page.html", big_page.encode(), "console")
