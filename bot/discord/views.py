"""Answer buttons: "More results" and 👍/👎. Persistent (stable custom ids), so they work after a restart.

A button carries only what it needs in its custom id. "More results" carries the logged question's id,
so the full question is read back from the database (an embed title holds only 256 characters); without
a database, from the answer's embed title.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot import messages
from bot.core.service import Asker
from bot.discord.render import NO_PINGS, abstain_text, answer_embed

if TYPE_CHECKING:
    from bot.discord.client import QABot

log = logging.getLogger(__name__)


def answer_view(offset: int, has_more: bool, question_id: str | None = None) -> discord.ui.View:
    """Buttons under an answer: More results (when there are more) and the two feedback votes."""
    view = discord.ui.View(timeout=None)
    if has_more:
        view.add_item(MoreButton(offset, question_id))
    view.add_item(VoteButton("up", question_id))
    view.add_item(VoteButton("down", question_id))
    return view


def asker_of(user: discord.abc.User, guild_id: int | None, channel_id: int | None) -> Asker:
    """The core's view of who asked where."""
    return Asker(
        platform="discord",
        user_id=str(user.id),
        server_id=str(guild_id) if guild_id else None,
        channel_id=str(channel_id) if channel_id else None,
    )


def question_of(message: discord.Message | None) -> str | None:
    """The question an answer message was for: its first embed's title, without Discord's escaping."""
    if message is None or not message.embeds or not message.embeds[0].title:
        return None
    return re.sub(r"\\(.)", r"\1", message.embeds[0].title).replace("\u200b", "")


_FOLLOW_UP_NOTE = re.compile(r"^\*" + re.escape(messages.FOLLOW_UP_OF.partition("{")[0]) + r"(.+)\*$", re.MULTILINE)


def context_of(message: discord.Message | None) -> str | None:
    """The earlier question an answer was read as a follow-up to (from its note), without Discord's escaping."""
    if message is None or not message.embeds or not message.embeds[0].description:
        return None
    note = _FOLLOW_UP_NOTE.search(message.embeds[0].description)
    return re.sub(r"\\(.)", r"\1", note.group(1)).replace("\u200b", "") if note else None


class MoreButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"qa:more:(?P<offset>\d+)(?::(?P<question>[0-9a-f]{16}))?",
):
    """Shows the passages after ``offset`` for the answer's question, to the person who clicked."""

    def __init__(self, offset: int, question_id: str | None = None) -> None:
        custom_id = f"qa:more:{offset}:{question_id}" if question_id else f"qa:more:{offset}"
        super().__init__(
            discord.ui.Button(label="More results", style=discord.ButtonStyle.secondary, custom_id=custom_id)
        )
        self.offset = offset
        self.question_id = question_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> MoreButton:
        return cls(int(match["offset"]), match["question"])

    async def callback(self, interaction: discord.Interaction[QABot]) -> None:  # type: ignore[override]
        service = interaction.client.service
        logged = await service.logged_question(self.question_id) if self.question_id else None
        question = logged or question_of(interaction.message)
        if question is None:
            await interaction.response.send_message(messages.DISCORD_ANSWER_GONE, ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        context = context_of(interaction.message)
        answer = await interaction.client.service.ask_async(question, offset=self.offset, context=context)
        if not answer.quotes:
            await interaction.followup.send(
                answer.message if answer.answered else abstain_text(answer), ephemeral=True, allowed_mentions=NO_PINGS
            )
            return
        next_offset = self.offset + len(answer.quotes)
        await interaction.followup.send(
            embed=answer_embed(answer),
            view=answer_view(next_offset, answer.has_more, self.question_id),
            ephemeral=True,
            allowed_mentions=NO_PINGS,
        )


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"qa:vote:(?P<vote>up|down)(?::(?P<question>[0-9a-f]{16}))?",
):
    """Feedback on an answer, stored against the logged question (one vote per person, changeable)."""

    def __init__(self, vote: str, question_id: str | None = None) -> None:
        emoji = "👍" if vote == "up" else "👎"
        custom_id = f"qa:vote:{vote}:{question_id}" if question_id else f"qa:vote:{vote}"
        super().__init__(discord.ui.Button(emoji=emoji, style=discord.ButtonStyle.secondary, custom_id=custom_id))
        self.vote = vote
        self.question_id = question_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> VoteButton:
        return cls(match["vote"], match["question"])

    async def callback(self, interaction: discord.Interaction[QABot]) -> None:  # type: ignore[override]
        if self.question_id is not None:
            asker = asker_of(interaction.user, interaction.guild_id, interaction.channel_id)
            interaction.client.service.record_feedback(self.question_id, asker, helpful=self.vote == "up")
        await interaction.response.send_message(messages.DISCORD_FEEDBACK_THANKS, ephemeral=True)


class TimelinePages(discord.ui.View):
    """Previous/Next over timeline pages, for the person who asked; it expires after a while."""

    def __init__(self, pages: list[discord.Embed], owner_id: int) -> None:
        super().__init__(timeout=600)
        self.pages = pages
        self.owner_id = owner_id
        self.page = 0
        self._update_buttons()

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        """Only the asker turns the pages: the message is public, and another click would change it for all."""
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(messages.DISCORD_NOT_YOUR_PAGES, ephemeral=True)
        return False

    def _update_buttons(self) -> None:
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= len(self.pages) - 1

    async def _show(self, interaction: discord.Interaction[Any]) -> None:
        self._update_buttons()
        await interaction.response.edit_message(embed=self.pages[self.page], view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]) -> None:
        self.page = max(self.page - 1, 0)
        await self._show(interaction)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]) -> None:
        self.page = min(self.page + 1, len(self.pages) - 1)
        await self._show(interaction)
