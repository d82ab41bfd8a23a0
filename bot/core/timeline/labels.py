"""Short wordings of timeline entries for a picture: the date in words, a few words of the event, the sources."""

from __future__ import annotations

import re
from datetime import date

from bot.core.control_chars import strip_control
from bot.core.timeline.events import TimelineEvent

# A label is a few words: enough to recognise the event, short enough to read in a chat preview.
LABEL_CHARS = 48
MAX_SOURCES_NAMED = 3
# Words left dangling once the date is cut away ("signed on", "by the end of", "because their").
_SMALL = (
    r"in|on|at|by|of|since|from|until|during|last|this|next|the|a|an|and|or|their|its|his|her|our|end|beginning"
    r"|early|late|mid|middle|because|while|after|before|as|when|so|far|,"
)
_TRAILING_SMALL_WORDS = re.compile(rf"(?:\s++(?:{_SMALL}))+$", re.I)
_LEADING_SMALL_WORDS = re.compile(r"^(?:(?:in|on|at|by|of|and|,)\s++)+", re.I)
_SHORT_SUBJECT_WORDS = 5
_LIST_JOINT = re.compile(r"\s*+(?:,|and|or|,\s*+and|,\s*+or)?\s*+", re.I)
_ASIDE = re.compile(r"\s*+\([^()]{0,80}\)")


def date_words(label: str) -> str:
    """An ISO period as people write it: "23 Nov 2016", "Nov 2016", "2012", "week of 31 Oct 2016", "1910–1945",
    "summer 1998", "1980s", "20th century"."""
    if "/" in label:
        first, last = label.split("/", 1)
        return f"{date_words(first)}–{date_words(last)}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", label):
        day = date.fromisoformat(label)
        return f"{day.day} {day:%b %Y}"
    if re.fullmatch(r"\d{4}-\d{2}", label):
        return f"{date(int(label[:4]), int(label[5:]), 1):%b %Y}"
    if re.fullmatch(r"\d{4}-W\d{2}", label):
        monday = date.fromisocalendar(int(label[:4]), int(label[6:]), 1)
        return f"week of {monday.day} {monday:%b %Y}"
    if re.fullmatch(r"\d{4}-Q\d", label):
        return f"Q{label[-1]} {label[:4]}"
    if re.fullmatch(r"\d{4}-(?:SP|SU|FA|WI)", label):
        return _SEASON_WORDS[label[5:]].format(year=int(label[:4]), next=(int(label[:4]) + 1) % 100)
    if re.fullmatch(r"\d{3}", label):
        return f"{label}0s"
    if re.fullmatch(r"\d{2}", label):
        return f"{_ordinal(int(label) + 1)} century"
    return label


_SEASON_WORDS = {"SP": "spring {year}", "SU": "summer {year}", "FA": "autumn {year}", "WI": "winter {year}–{next:02d}"}


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def short_sources(sources: tuple[str, ...]) -> str:
    """The publishers without their asides ("Reuters (via Investing.com)" is "Reuters"), three at most."""
    names = [_ASIDE.sub("", s).strip() or s for s in sources]
    shown = ", ".join(names[:MAX_SOURCES_NAMED])
    return shown + (f" +{len(names) - MAX_SOURCES_NAMED}" if len(names) > MAX_SOURCES_NAMED else "")


def short_label(event: TimelineEvent) -> str:
    """A few words of the event from the sentence that words it, the date left out.

    The words before the date usually say what happened on it ("Seoul backed out in 2012"); a date
    that opens its sentence ("In December 2014, the three signed ...") is followed by them instead.
    """
    mention = next((m for m in event.mentions if m.text == event.text and m.where[1]), None)
    if mention is None:
        return _shorten(event.text, from_start=True)
    sentence, (start, end) = mention.sentence, mention.where
    window_start, window_end = _window_before(sentence, start, mention.spans)
    before = _TRAILING_SMALL_WORDS.sub("", " " + sentence[window_start:window_end].rstrip(" ,")).strip()
    later = [s for s, _ in mention.spans if s >= end]
    after = sentence[end : min(later, default=len(sentence))]
    after = _TRAILING_SMALL_WORDS.sub("", " " + _LEADING_SMALL_WORDS.sub("", after.lstrip(" ,")).rstrip(" .,;"))
    after = after.strip()
    if len(before.split()) >= _SHORT_SUBJECT_WORDS or (before and window_start > 0 and len(before.split()) >= 3):
        label = _shorten(before, from_start=False)
        return label if window_start == 0 or label.startswith("…") else "…" + label
    if window_start == 0 and before:
        # A short subject before the date ("Japan and South Korea on Monday signed ..."): the verb follows it.
        return _shorten(f"{before} {after}", from_start=True)
    return _shorten(after if len(after.split()) >= 2 else sentence, from_start=True)


def _window_before(sentence: str, start: int, spans: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    """The words before the date: back to the previous other date, a list of dates ending here taken whole."""
    window_end = start
    for span_start, span_end in sorted(spans, reverse=True):
        if span_end > window_end:
            continue
        if _LIST_JOINT.fullmatch(sentence[span_end:window_end]):
            window_end = span_start  # "in 2006, 2009 and 2013": the words before the list tell of each year
            continue
        return span_end, window_end
    return 0, window_end


def _shorten(text: str, from_start: bool) -> str:
    """``text`` cut at a word to about ``LABEL_CHARS``: its start, or its end when the end matters more."""
    text = " ".join(text.split())
    if len(text) <= LABEL_CHARS:
        return text
    words = text.split()
    kept: list[str] = []
    for word in words if from_start else reversed(words):
        if sum(len(w) + 1 for w in kept) + len(word) > LABEL_CHARS - 1:
            break
        kept.append(word)
    if from_start:
        return " ".join(kept) + "…"
    return "…" + " ".join(reversed(kept))


def timeline_title(topic: str | None = None, start: str | None = None, end: str | None = None) -> str:
    """ "Timeline", with the topic and the range asked for: "Timeline: GSOMIA, 2012 to 2016"."""
    title = f"Timeline: {topic}" if topic else "Timeline"
    if start or end:
        span = f"{start} to {end}" if start and end else (f"from {start}" if start else f"up to {end}")
        title += f", {span}" if topic else f": {span}"
    # The words were typed by someone: a control character would reach the log in matplotlib's glyph warning.
    return " ".join(strip_control(title).split())
