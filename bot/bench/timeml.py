"""Benchmark of the time-expression recogniser and the timeline on TimeML articles (TimeBank, TempEval-3 task A).

Extraction is scored the TempEval-3 way: precision, recall and F1 of TIMEX3 spans, strict (the exact
span) and relaxed (any overlap), over every type; value F1 counts a relaxed match whose normalised
value is also right, over DATE expressions (the only kind the timeline shows). The timeline figures
load each article as a one-file corpus dated by its DCT, as the bot would read it, and compare the
timeline's entry dates with the people's: the share of their calendar dates (day, month, year, week)
on the timeline, and the share of entries carrying a date they gave. On the development part, each
missed date is also put down to the stage that lost it (``timeml_losses``), with how the misses
spread over the files.

Baselines in the same run: the bot's recogniser with its tense reading turned off ("untensed": every
weekday, month or day without a year is the latest one before publication), and, when the optional
``dateparser`` package is installed, its ``search_dates`` with the precision its parser reports.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.bench.timeml_losses import CAUSES, loss_cause
from bot.core.corpus import corpus_from_articles
from bot.core.ingest.read import ArticleError, parse_article
from bot.core.models import Article
from bot.core.timeline.anchors import ArticleClock
from bot.core.timeline.events import TimelineEvent
from bot.core.timeline.timexpr import find_time_expressions

_CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?")
# Every third file (in name order) is kept aside: rules are developed on the rest, reported on these too.
HELD_OUT_EVERY = 3
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression: its span in the plain text, its TimeML type and its ISO value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimemlDoc:
    """One annotated article: plain text, creation date and the people's time expressions."""

    name: str
    dct: date
    text: str
    timexes: tuple[Timex, ...]


Recogniser = Callable[[str, date], list[Timex]]


def read_timeml(path: Path) -> TimemlDoc:
    """Parse a TimeML file into plain text with the offsets of its TIMEX3 annotations."""
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_FILE_BYTES:,} bytes")
    root = ET.fromstring(data)
    dct_node = root.find("DCT/TIMEX3")
    text_node = root.find("TEXT")
    if dct_node is None or text_node is None:
        raise ValueError(f"{path.name} has no DCT or TEXT")
    dct = date.fromisoformat(dct_node.get("value", "")[:10])
    pieces: list[str] = []
    timexes: list[Timex] = []
    length = 0

    def walk(node: ET.Element) -> None:
        nonlocal length
        start = length
        if node.text:
            pieces.append(node.text)
            length += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if node.tag == "TIMEX3":
            timexes.append(Timex(start, length, node.get("type", ""), node.get("value", "")))

    walk(text_node)
    return TimemlDoc(path.stem, dct, "".join(pieces), tuple(sorted(timexes, key=lambda t: t.start)))


def read_folder(folder: Path, limit: int | None = None) -> list[TimemlDoc]:
    """Every ``.tml`` file in ``folder``, in name order."""
    paths = sorted(folder.glob("*.tml"))[:limit]
    if not paths:
        raise ValueError(f"no .tml files in {folder}")
    return [read_timeml(p) for p in paths]


def split_dev_held_out(docs: Sequence[TimemlDoc]) -> tuple[list[TimemlDoc], list[TimemlDoc]]:
    """Two thirds to develop rules on, one third kept aside (every third file by name)."""
    dev = [d for n, d in enumerate(docs) if n % HELD_OUT_EVERY != HELD_OUT_EVERY - 1]
    held_out = [d for n, d in enumerate(docs) if n % HELD_OUT_EVERY == HELD_OUT_EVERY - 1]
    return dev, held_out


def bot_recogniser(text: str, dct: date) -> list[Timex]:
    """The bot's recogniser, line by line in order as articles are read (the reported quarter carried along)."""
    clock = ArticleClock(dct)
    return _by_line(text, lambda line: [(m.start, m.end, m.period.label) for m in clock.read(line)])


def untensed_recogniser(text: str, dct: date) -> list[Timex]:
    """The bot's recogniser with tense ignored (undated weekdays, months and days are the latest before
    publication) and each line read alone (no reported quarter to anchor "a year earlier")."""
    return _by_line(
        text, lambda line: [(m.start, m.end, m.period.label) for m in find_time_expressions(line, dct, tense=False)]
    )


def dateparser_recogniser() -> Recogniser | None:
    """``dateparser.search_dates`` as a baseline, or ``None`` when the optional package is not installed."""
    try:
        from dateparser.date import DateDataParser
        from dateparser.search import search_dates
    except ImportError:
        return None

    def recognise(text: str, dct: date) -> list[Timex]:
        settings: Any = {"RELATIVE_BASE": datetime(dct.year, dct.month, dct.day, 12)}
        parser = DateDataParser(languages=["en"], settings=settings)
        found: list[Timex] = []
        position = 0
        for phrase, _ in search_dates(text, languages=["en"], settings=settings) or []:
            start = text.find(phrase, position)
            if start < 0:
                continue
            position = start + len(phrase)
            data = parser.get_date_data(phrase)
            value = data.date_obj and _value_at(data.date_obj.date(), data.period or "day")
            found.append(Timex(start, position, "DATE", value or ""))
        return found

    return recognise


def _value_at(day: date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        iso_year, week, _ = day.isocalendar()
        return f"{iso_year:04d}-W{week:02d}"
    return day.isoformat()


def _by_line(text: str, find: Callable[[str], list[tuple[int, int, str]]]) -> list[Timex]:
    found: list[Timex] = []
    offset = 0
    for line in text.split("\n"):
        found.extend(Timex(offset + s, offset + e, "DATE", v) for s, e, v in find(line))
        offset += len(line) + 1
    return found


@dataclass
class Counts:
    """True positives against the system's and the people's counts, for one measure."""

    hits: int = 0
    found: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.hits += other.hits
        self.found += other.found
        self.gold += other.gold

    def as_dict(self) -> dict[str, float | int]:
        precision = self.hits / self.found if self.found else 0.0
        recall = self.hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "n_gold": self.gold}


@dataclass
class Scores:
    """Extraction (strict, relaxed) and DATE value scores summed over documents."""

    strict: Counts = field(default_factory=Counts)
    relaxed: Counts = field(default_factory=Counts)
    date_value: Counts = field(default_factory=Counts)

    def add(self, other: Scores) -> None:
        self.strict.add(other.strict)
        self.relaxed.add(other.relaxed)
        self.date_value.add(other.date_value)

    def as_dict(self) -> dict[str, Any]:
        return {
            "strict": self.strict.as_dict(),
            "relaxed": self.relaxed.as_dict(),
            "date_value": self.date_value.as_dict(),
        }


def score_document(doc: TimemlDoc, found: Sequence[Timex]) -> Scores:
    """Match system expressions to the people's one to one, first by exact span, then by overlap."""
    scores = Scores()
    gold = list(doc.timexes)
    scores.strict = Counts(
        len({(t.start, t.end) for t in found} & {(g.start, g.end) for g in gold}), len(found), len(gold)
    )
    pairs = _overlap_pairs(gold, found)
    scores.relaxed = Counts(len(pairs), len(found), len(gold))
    # DATE values: the people's DATEs, against what the system found outside their other types.
    other_types = [g for g in gold if g.type != "DATE"]
    kept = [f for f in found if not any(_overlap(f, g) for g in other_types)]
    date_pairs = _overlap_pairs([g for g in gold if g.type == "DATE"], kept)
    right = sum(1 for g, f in date_pairs if g.value == f.value)
    scores.date_value = Counts(right, len(kept), sum(1 for g in gold if g.type == "DATE"))
    return scores


def _overlap(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def _overlap_pairs(gold: Sequence[Timex], found: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping expressions, exact spans first."""
    pairs: list[tuple[Timex, Timex]] = []
    used: set[int] = set()
    matched: set[int] = set()
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in matched:
                continue
            for fi, f in enumerate(found):
                same = (f.start, f.end) == (g.start, g.end)
                if fi not in used and (same if exact else _overlap(f, g)):
                    pairs.append((g, f))
                    used.add(fi)
                    matched.add(gi)
                    break
    return pairs


def score_recogniser(docs: Iterable[TimemlDoc], recognise: Recogniser) -> Scores:
    """Sum of ``score_document`` over ``docs``."""
    total = Scores()
    for doc in docs:
        total.add(score_document(doc, recognise(doc.text, doc.dct)))
    return total


def timeline_dates(doc: TimemlDoc) -> list[str]:
    """The entry dates of the timeline the bot builds from ``doc`` loaded alone as one corpus file."""
    return [e.date for e in _article_timeline(doc)[1]]


def _article_timeline(doc: TimemlDoc) -> tuple[Article | None, tuple[TimelineEvent, ...]]:
    """``doc`` as the bot reads a corpus file, and the timeline it builds from it alone."""
    file_text = f"---\ntitle: {doc.name}\nsource: {doc.name}\npublished: {doc.dct.isoformat()}\n---\n{doc.text}"
    try:
        article = parse_article(f"{doc.name}.txt", file_text.encode("utf-8"))
    except ArticleError:
        return None, ()
    return article, corpus_from_articles(Path(doc.name), [article]).timeline


@dataclass
class TimelineScores:
    """The judged figures: people's calendar dates found on the timeline, entries carrying a people's date."""

    gold_dates: int = 0
    gold_dates_on_timeline: int = 0
    entries: int = 0
    entries_with_gold_date: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    # Why each missed date is missing (``timeml_losses``), and how many each file misses: counted on request.
    causes: dict[str, int] = field(default_factory=dict)
    misses_per_file: list[int] = field(default_factory=list)

    def as_dict(self, examples: int = 0) -> dict[str, Any]:
        recall = self.gold_dates_on_timeline / self.gold_dates if self.gold_dates else 0.0
        precision = self.entries_with_gold_date / self.entries if self.entries else 0.0
        report: dict[str, Any] = {
            "calendar_dates_on_timeline": round(recall, 4),
            "entries_with_a_people_date": round(precision, 4),
            "n_calendar_dates": self.gold_dates,
            "n_entries": self.entries,
        }
        if self.causes:
            report["missed_by_cause"] = self.causes
            most = sorted(self.misses_per_file, reverse=True)
            report["misses_per_file"] = {
                "files": len(self.misses_per_file),
                "files_with_a_miss": sum(1 for n in most if n),
                "most_in_one_file": most[0] if most else 0,
                "in_the_five_files_missing_most": sum(most[:5]),
            }
        if examples:
            report["missed_examples"] = self.misses[:examples]
            report["wrong_examples"] = self.wrong[:examples]
        return report


def score_timelines(docs: Iterable[TimemlDoc], causes: bool = False) -> TimelineScores:
    """Compare each article's own timeline with the people's values (distinct per article).

    With ``causes``, each missed date is also put down to the stage that lost it (``timeml_losses``).
    """
    scores = TimelineScores(causes=dict.fromkeys(CAUSES, 0) if causes else {})
    for doc in docs:
        dated = [t for t in doc.timexes if t.type in ("DATE", "TIME")]
        people = {t.value[:10] for t in dated}
        calendar = {v for v in people if _CALENDAR_VALUE.fullmatch(v)}
        article, timeline = _article_timeline(doc)
        dates = [e.date for e in timeline]
        on_timeline = set(dates)
        if causes:
            read = bot_recogniser(doc.text, doc.dct)
            paragraphs = article.paragraphs if article is not None else ()
            for value in calendar - on_timeline:
                cause = loss_cause(value, doc.text, dated, read, paragraphs, timeline)
                scores.causes[cause] += 1
            scores.misses_per_file.append(len(calendar - on_timeline))
        scores.gold_dates += len(calendar)
        scores.gold_dates_on_timeline += len(calendar & on_timeline)
        scores.entries += len(dates)
        scores.entries_with_gold_date += sum(1 for d in dates if d in people)
        scores.misses.extend(f"{doc.name}: {v}" for v in sorted(calendar - on_timeline))
        scores.wrong.extend(f"{doc.name}: {d}" for d in dates if d not in people)
    return scores


def bench_timeml(folder: Path, limit: int | None = None, examples: int = 0) -> dict[str, Any]:
    """Every figure for the bot and its baselines, on the development part, the held-out part and all files."""
    docs = read_folder(folder, limit)
    dev, held_out = split_dev_held_out(docs)
    recognisers: dict[str, Recogniser] = {"bot": bot_recogniser, "untensed": untensed_recogniser}
    dateparser = dateparser_recogniser()
    if dateparser is not None:
        recognisers["dateparser"] = dateparser
    report: dict[str, Any] = {"files": len(docs), "baselines": [n for n in recognisers if n != "bot"]}
    for part, part_docs in (("dev", dev), ("held_out", held_out), ("all", docs)):
        if not part_docs:
            continue
        report[part] = {
            "files": len(part_docs),
            "extraction": {name: score_recogniser(part_docs, r).as_dict() for name, r in recognisers.items()},
            # Causes are counted on the development part only: the held-out misses are not studied.
            "timeline": score_timelines(part_docs, causes=part == "dev").as_dict(examples if part == "dev" else 0),
        }
    return report
