"""What people asked: daily counts, the share answered, the most asked and the unanswered questions, feedback."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.core.store.storage import Storage

TOP = 10


@dataclass(frozen=True)
class Stats:
    """A summary of the question log over the last ``days`` days."""

    days: int
    daily: tuple[tuple[date, int, int], ...]  # day, asked, answered
    asked: int
    answered: int
    top_questions: tuple[tuple[str, int], ...]
    unanswered: tuple[tuple[str, int], ...]
    feedback: tuple[tuple[str, int, int], ...] = field(default_factory=tuple)  # article title, 👍, 👎

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.asked if self.asked else None


async def collect_stats(storage: Storage, days: int, now: datetime, titles: dict[str, str]) -> Stats:
    """Read the log since ``days`` ago; ``titles`` names articles for the feedback table."""
    await storage.flush()
    since = now - timedelta(days=days)
    rows = await storage.fetch(
        "SELECT at, question, answered FROM questions WHERE at >= ? ORDER BY at", (since.isoformat(),)
    )
    per_day: dict[date, list[int]] = {since.date() + timedelta(days=n + 1): [0, 0] for n in range(days)}
    asked: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    phrasings: dict[str, Counter[str]] = defaultdict(Counter)
    last_seen: dict[str, int] = {}
    for position, row in enumerate(rows):
        day = datetime.fromisoformat(row["at"]).date()
        counts = per_day.setdefault(day, [0, 0])
        counts[0] += 1
        counts[1] += row["answered"]
        key = " ".join(row["question"].casefold().split()).rstrip("?!. ")
        phrasings[key][row["question"]] += 1
        last_seen[row["question"]] = position
        asked[key] += 1
        if not row["answered"]:
            missed[key] += 1
    votes = await storage.fetch(
        "SELECT q.passages, f.vote FROM feedback f JOIN questions q ON q.id = f.question_id WHERE f.at >= ?",
        (since.isoformat(),),
    )
    by_article: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in votes:
        passages = json.loads(row["passages"])
        if passages:
            article = passages[0]["article_id"]
            by_article[article][0 if row["vote"] > 0 else 1] += 1
    # Questions asked the same way up to case and punctuation count together, shown as most often
    # typed (the latest wording on a tie).
    display = {key: _favourite(counts, last_seen) for key, counts in phrasings.items()}
    return Stats(
        days=days,
        daily=tuple((d, c[0], c[1]) for d, c in sorted(per_day.items())),
        asked=len(rows),
        answered=sum(r["answered"] for r in rows),
        top_questions=tuple((display[k], n) for k, n in asked.most_common(TOP)),
        unanswered=tuple((display[k], n) for k, n in missed.most_common(TOP)),
        feedback=tuple(
            (titles.get(a, a), up, down) for a, (up, down) in sorted(by_article.items(), key=lambda i: -sum(i[1]))
        ),
    )


def _favourite(counts: Counter[str], last_seen: dict[str, int]) -> str:
    """The wording typed most often; on a tie, the latest."""
    return max(counts, key=lambda text: (counts[text], last_seen[text]))
